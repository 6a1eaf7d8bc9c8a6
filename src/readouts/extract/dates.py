"""Date mentions in text resolved against a reference (publication) date.

OWNER: helper "dates". Contract in find_dates' docstring.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO YYYY-MM-DD or YYYY-MM, None when it cannot be resolved
    inferred: bool  # True when the year (or more) did not come from the text itself
    relative: bool = False  # "today", "Wednesday", "the 24th": resolved from the reference


def find_dates(sentence: str, reference: date | None, reference_inferred: bool = False) -> list[DateMention]:
    return []
