"""Engagements: type, date, location, format and participants. OWNER: lead."""
from __future__ import annotations

from ..types import CleanDocument, Event


def extract_events(doc: CleanDocument, sentences: list[str]) -> list[Event]:
    return []
