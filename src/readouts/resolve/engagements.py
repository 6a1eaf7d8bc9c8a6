"""Reports of the same engagement across pages, and what the engagement shows where they disagree.

A report is one page's reading of an event (a row of the events table). Reports are one engagement
when they come from different pages, their types may name the same thing (data/engagements.json
"type_groups"), their dates are full and at most "max_days_apart" apart, their places do not
differ in country, they name the same people (as resolved actors; one may name fewer), and they
are not a bilateral and a trilateral each naming all its parties (a meeting on the sidelines of
another). The store calls `joins` for each new report against the engagements that share a person
with it on a near date, so grouping is incremental; `consensus` gives the values most reports give.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import Any

from ..types import parse_iso


@cache
def _rules() -> dict:
    return json.loads(resources.files("readouts.data").joinpath("engagements.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Report:
    """What grouping reads of one report: its page, type, date, place, format and the resolved
    actors it names (people: person actors; countries: the governments of its participants)."""

    event_id: int
    document_id: int
    type: str
    date: str | None
    country: str | None
    format: str | None
    people: frozenset[int]
    countries: frozenset[str]


def _type_group(event_type: str) -> str:
    """The name of the group of types an event type may merge with (its own name when in none)."""
    return next((group[0] for group in _rules()["type_groups"] if event_type in group), event_type)


def same_kind(a: str, b: str) -> bool:
    """Whether two event types may name the same engagement (data/engagements.json "type_groups")."""
    return _type_group(a) == _type_group(b)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two full ISO dates; None when either is missing or partial."""
    first, second = parse_iso(a), parse_iso(b)
    return None if first is None or second is None else abs((first - second).days)


def near_days(date: str | None) -> list[str]:
    """The ISO dates a report of this date may share an engagement with (none for an undated or partial date)."""
    day = parse_iso(date)
    if day is None:
        return []
    apart = _rules()["max_days_apart"]
    return [(day + timedelta(days=n)).isoformat() for n in range(-apart, apart + 1)]


def _complete(report: Report) -> bool:
    """Whether a report names as many governments as its format implies (a bilateral naming two)."""
    parties = _rules()["format_parties"].get(report.format or "")
    return parties is not None and len(report.countries) >= parties


def clash(a: Report, b: Report) -> str | None:
    """Why two reports cannot be one engagement, whatever else they share; None when they may be."""
    if a.document_id == b.document_id:
        return "same page"  # the extractor already told a page's engagements apart
    if not same_kind(a.type, b.type):
        return f"{a.type} is not {b.type}"
    apart = days_apart(a.date, b.date)
    if apart is None:
        return "no full date"
    if apart > _rules()["max_days_apart"]:
        return f"{apart} days apart"
    if a.country and b.country and a.country != b.country:
        return f"in {a.country}, not {b.country}"
    if a.format != b.format and _complete(a) and _complete(b):
        return f"{a.format}, not {b.format}"
    return None


def _same_people(people: frozenset[int], others: frozenset[int]) -> bool:
    """One side names at least one person, and all it names are named by the other."""
    shared = people & others
    return bool(shared) and (shared == people or shared == others)


def joins(report: Report, members: Sequence[Report]) -> bool:
    """Whether a report may join an engagement of these reports: no clash with any, and the same
    people as all of them together."""
    if not members or any(clash(report, m) for m in members):
        return False
    return _same_people(report.people, frozenset().union(*(m.people for m in members)))


def can_unite(report: Report, groups: Sequence[Sequence[Report]]) -> bool:
    """Whether engagements that a report may each join may become one with it: no report of one
    clashes with a report of another."""
    return all(joins(report, group) for group in groups) and not any(
        clash(a, b) for i, group in enumerate(groups) for other in groups[i + 1:] for a in group for b in other)


def vote(values: Iterable[Any]) -> tuple[Any, list[Any]]:
    """The value most sources give (the first given, on a tie) and the other values given, in order;
    missing values (None, "") are no vote. (None, []) when none is given."""
    given = [v for v in values if v not in (None, "")]
    if not given:
        return None, []
    counts = Counter(given)
    best = max(counts.values())
    winner = next(v for v in given if counts[v] == best)
    return winner, [v for v in dict.fromkeys(given) if v != winner]


def consensus(reports: Sequence[dict]) -> dict:
    """The engagement that reports show (dicts as Store._event_rows gives them, in the order to prefer on
    a tie): date, type, format, location and participants by vote, each with the other values given
    ("others"); topics by how many reports name them. A participant is an actor: its name and title
    are those most reports print, with the others listed."""
    date, other_dates = vote(r["date"] for r in reports)
    kind, other_types = vote(r["type"] for r in reports)
    fmt, other_formats = vote(r["format"] for r in reports)
    place, other_places = vote((r["city"], r["country"]) if r["city"] or r["country"] else None for r in reports)
    people: dict[int, list[dict]] = {}
    for report in reports:
        for p in report["participants"]:
            people.setdefault(p["actor_id"], []).append(p)
    participants = []
    for actor_id, rows in people.items():
        name, names = vote(p["name"] for p in rows)
        title, titles = vote(p["title"] for p in rows)
        country, _ = vote(p["country"] for p in rows)
        participants.append({"actor_id": actor_id, "name": name, "title": title, "country": country,
                             "kind": rows[0]["kind"], "sources": len({id(p) for p in rows}),
                             "other_names": names, "other_titles": titles})
    topics = Counter(t for r in reports for t in dict.fromkeys(r["topics"]))
    return {"date": date, "date_inferred": all(r["date_inferred"] for r in reports if r["date"] == date),
            "type": kind, "format": fmt,
            "location": {"city": place[0], "country": place[1]} if place else None,
            "participants": participants,
            "topics": [t for t, _ in sorted(topics.items(), key=lambda item: -item[1])],
            "others": {"date": other_dates, "type": other_types, "format": other_formats,
                       "location": [{"city": c, "country": k} for c, k in other_places]}}
