"""Topics from data-file lexicons (data/topics.json), each hit explained by the phrase that triggered it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..scan import GatedPattern
from ..types import Document, Sentence, Span


@dataclass(frozen=True)
class TopicHit:
    topic: str
    phrase: str  # the text that triggered it
    start: int = 0  # where, in the text searched
    span: Span | None = None  # where, on the page (set by topics_of)


@dataclass(frozen=True)
class TopicLexicon:
    bodies: dict[str, str]  # per topic, the alternation of its phrases
    combined: GatedPattern  # all topics in one pass, a named group each
    unless: GatedPattern | None  # phrases blanked out before matching
    silenced_by: dict[str, GatedPattern]  # per topic, what ends right before a phrase that names no discussion


def _edged(body: str) -> str:
    """A lexicon body matched on word edges, a noun also in its plural ("alliance" -> "alliances",
    "dialogue" -> "dialogues"): the lexicon writes each phrase once, in the singular."""
    return r"(?<![\w-])(?:" + body + r")(?:e?s)?(?![\w-])"


@cache
def lexicon() -> TopicLexicon:
    whole = json.loads(resources.files("readouts.data").joinpath("topics.json").read_text("utf-8"))
    data = whole["topics"]
    unless = [p["pattern"] for entry in data.values() for p in entry.get("unless", [])]
    shared = [p for ps in whole["silenced_by"].values() for p in ps]
    bodies = {topic: "|".join(p["pattern"] for p in entry["patterns"]) for topic, entry in data.items()}
    return TopicLexicon(
        bodies=bodies,
        # the word-edge test once per position, outside the alternation: most positions fail it at once
        combined=GatedPattern(_edged("|".join(f"(?P<{topic}>{body})" for topic, body in bodies.items())), re.I),
        unless=GatedPattern("|".join(unless), re.I) if unless else None,
        # every topic's: a portfolio, a negation; and its own ("a trilateral | dialogue" is a meeting format)
        silenced_by={topic: GatedPattern("|".join(f"(?:{p['pattern']})" for p in [*shared, *entry.get("silenced_by", [])]), re.I)
                     for topic, entry in data.items()},
    )


_SILENCE_REACH = 240  # characters before a phrase read for a portfolio, a negation or a time anchor


def _spoken(text: str, at: int, topic: str) -> bool:
    """Whether the phrase at text[at:] names something discussed: not an office's portfolio ("envoy
    for the | North Korean nuclear issue"), not what no one raised ("did not mention the |
    abduction issue"), not the time anchor of a clause ("the talks came a day after the |
    nuclear test"). Read only before a hit: cheaper than a scan of every sentence."""
    return lexicon().silenced_by[topic].search(text, max(0, at - _SILENCE_REACH), at) is None


@cache
def topic_pattern(topic: str) -> GatedPattern:
    """One topic's phrases, compiled when first asked for (most runs need a few)."""
    return GatedPattern(_edged(lexicon().bodies[topic]), re.I)


_last_blanked: tuple[str, str] = ("", "")  # a sentence's statements ask about its topics in turn


def _without_exclusions(text: str) -> str:
    global _last_blanked
    last = _last_blanked  # one read: another thread may replace it
    if last[0] is text:
        return last[1]
    unless = lexicon().unless
    blanked = unless.blanked(text) if unless is not None else text
    _last_blanked = (text, blanked)
    return blanked


def detect_topics(text: str) -> list[TopicHit]:
    """One hit per topic, in order of first appearance. One scan over the text; the scan resumes
    one character after each hit's start, so that a phrase can signal two topics ("nuclear and
    missile programs": nuclear_program, then missile_launch)."""
    text = _without_exclusions(text)
    combined = lexicon().combined
    hits: dict[str, TopicHit] = {}
    pos = 0
    while (m := combined.search(text, pos)) is not None:
        topic = m.lastgroup
        if topic not in hits and _spoken(text, m.start(), topic):
            hits[topic] = TopicHit(topic, m.group(), m.start())
        pos = m.start() + 1
    return list(hits.values())


def first_topic_between(text: str, start: int, end: int, hits: list[TopicHit]) -> str | None:
    """The topic, among those already found in text (hits), whose phrase comes first in text[start:end]."""
    if not hits:
        return None
    text = _without_exclusions(text)
    best: tuple[int, str] | None = None
    for hit in hits:
        # the hit is its topic's first spoken phrase: any before it is silenced, itself is not
        pattern, pos = topic_pattern(hit.topic), max(start, hit.start)
        while (m := pattern.search(text, pos, end)) is not None and m.start() != hit.start \
                and not _spoken(text, m.start(), hit.topic):
            pos = m.start() + 1
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), hit.topic)
    return best[1] if best else None


def topics_of(sentence: Sentence) -> list[TopicHit]:
    """detect_topics over one sentence, each hit with its span on the page."""
    return [TopicHit(h.topic, h.phrase, h.start, sentence.span(h.start, h.start + len(h.phrase)))
            for h in detect_topics(sentence.text)]


def add_topics(doc: Document) -> None:
    """Step `topics`: doc.topics, the topic hits of each sentence."""
    doc.topics = [topics_of(s) for s in doc.sentences]
