"""An engagement agreed or announced for later, matched to the engagement held.

A follow-up expects its engagement in a window: the day, month or year the page gives (with
"slack_days" either side, for time zones), or, when it gives none, the "window_days" after the page
(data/followups.json); never before the page. An engagement matches when its date falls in the
window, its type may name the follow-up's (resolve/engagements.py type groups: a visit is held as
meetings), its country is not another, and it names the people the follow-up expects (at least two
of them, or the one). Status, as of a day: held (matched), overdue (the window has passed) or pending.
"""
from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from functools import cache
from importlib import resources

from ..types import parse_iso
from .engagements import same_kind


@cache
def _data() -> dict:
    return json.loads(resources.files("readouts.data").joinpath("followups.json").read_text(encoding="utf-8"))


def _period(value: str) -> tuple[date, date]:
    """First and last day of an ISO day, month or year."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def window(expected: str | None, announced: str | None) -> tuple[str | None, str | None]:
    """(first, last) ISO day the engagement is expected, slack included and not before the announcement
    (the page's date); (None, None) when neither is known."""
    said = parse_iso(announced)
    if expected:
        first, last = _period(expected)
        slack = timedelta(days=_data()["slack_days"])
        first, last = first - slack, last + slack
    elif said is not None:
        first, last = said, said + timedelta(days=_data()["window_days"])
    else:
        return None, None
    if said is not None:
        first = max(first, said)
    return first.isoformat(), max(first, last).isoformat()


def matches(followup: dict, engagement: dict) -> bool:
    """Whether an engagement ({type, date, country, people: set of actor ids}) is the one a follow-up
    ({type, window_start, window_end, country, people}) expected."""
    expected, held = followup["people"], engagement["people"]
    if not expected or len(expected & held) < min(2, len(expected)):
        return False
    if not same_kind(followup["type"], engagement["type"]) or not engagement["date"]:
        return False
    if followup["country"] and engagement["country"] and followup["country"] != engagement["country"]:
        return False
    return bool(followup["window_start"]) and followup["window_start"] <= engagement["date"] <= followup["window_end"]


def status(followup: dict, as_of: date) -> str:
    """held, overdue (its window ended before as_of) or pending."""
    if followup["engagement_id"] is not None:
        return "held"
    end = parse_iso(followup["window_end"])
    return "overdue" if end is not None and end < as_of else "pending"
