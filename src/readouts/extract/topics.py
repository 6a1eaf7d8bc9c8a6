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


def detect_topics(text: str) -> list[TopicHit]:
    """One hit per topic, in order of first appearance."""
    lex = lexicon()
    if lex.unless is not None:
        text = lex.unless.sub(lambda m: " " * len(m.group()), text)
    found = []
    for topic, pattern in lex.patterns:
        m = pattern.search(text)
        if m:
            found.append((m.start(), TopicHit(topic, m.group())))
    return [hit for _, hit in sorted(found, key=lambda f: f[0])]
