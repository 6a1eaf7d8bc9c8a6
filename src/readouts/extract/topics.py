"""Topics from data-file lexicons (data/topics.json), each hit explained by the phrase that triggered it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class TopicHit:
    topic: str
    phrase: str  # the text that triggered it
    start: int = 0  # where, in the text searched


@dataclass(frozen=True)
class TopicLexicon:
    patterns: tuple[tuple[str, re.Pattern], ...]  # per topic: a phrase may signal more than one topic
    unless: re.Pattern | None  # phrases blanked out before matching


@cache
def lexicon() -> TopicLexicon:
    data = json.loads(resources.files("readouts.data").joinpath("topics.json").read_text("utf-8"))["topics"]
    unless = [p for entry in data.values() for p in entry.get("unless", [])]
    return TopicLexicon(
        patterns=tuple((topic, re.compile(r"(?<![\w-])(?:" + "|".join(entry["patterns"]) + r")(?![\w-])", re.I))
                       for topic, entry in data.items()),
        unless=re.compile("|".join(unless), re.I) if unless else None,
    )


def _without_exclusions(text: str) -> str:
    unless = lexicon().unless
    return unless.sub(lambda m: " " * len(m.group()), text) if unless is not None else text


def detect_topics(text: str) -> list[TopicHit]:
    """One hit per topic, in order of first appearance."""
    text = _without_exclusions(text)
    found = []
    for topic, pattern in lexicon().patterns:
        m = pattern.search(text)
        if m:
            found.append(TopicHit(topic, m.group(), m.start()))
    return sorted(found, key=lambda hit: hit.start)


def first_topic_between(text: str, start: int, end: int, hits: list[TopicHit]) -> str | None:
    """The topic, among those already found in text (hits), whose phrase comes first in text[start:end]."""
    if not hits:
        return None
    text = _without_exclusions(text)
    patterns = dict(lexicon().patterns)
    best: tuple[int, str] | None = None
    for hit in hits:
        m = patterns[hit.topic].search(text, start, end)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), hit.topic)
    return best[1] if best else None
