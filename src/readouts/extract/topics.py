"""Topics from data-file lexicons (data/topics.json), each hit explained by its phrase.

OWNER: helper "statements". Contract:
detect_topics(text) -> list[TopicHit] in order of first appearance, one per topic.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicHit:
    topic: str
    phrase: str  # the text that triggered it


def detect_topics(text: str) -> list[TopicHit]:
    return []
