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
    actors it names (people: person actors; countries: the governments of its participants); and
    what an engagement's tallies count of it (city, date_inferred) and where it stands among the
    engagement's sources (order: order_key)."""

    event_id: int
    document_id: int
    type: str
    date: str | None
    country: str | None
    format: str | None
    people: frozenset[int]
    countries: frozenset[str]
    city: str | None = None
    date_inferred: bool = False
    order: tuple = ()


@dataclass(frozen=True)
class Sources:
    """What grouping reads of a set of reports (one report, or an engagement's, from its tallies):
    their pages, types, dates (None: a report with no date), the countries their places are in, the
    formats of those that name all their parties (_complete) and the person actors they name."""

    documents: frozenset[int]
    types: frozenset[str]
    dates: frozenset[str | None]
    countries: frozenset[str]
    complete: frozenset[str]
    people: frozenset[int]

    def __or__(self, other: "Sources") -> "Sources":
        return Sources(*(getattr(self, f) | getattr(other, f) for f in self.__dataclass_fields__))


def sources_of(report: Report) -> Sources:
    """A report as a set of one."""
    return Sources(frozenset({report.document_id}), frozenset({report.type}), frozenset({report.date}),
                   frozenset({report.country} - {None}),
                   frozenset({report.format}) if _complete(report) else frozenset(), report.people)


def _type_group(event_type: str) -> str:
    """The name of the group of types an event type may merge with (its own name when in none)."""
    return next((group[0] for group in _rules()["type_groups"] if event_type in group), event_type)


def same_kind(a: str, b: str) -> bool:
    """Whether two event types may name the same engagement (data/engagements.json "type_groups")."""
    return _type_group(a) == _type_group(b)


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


def _differing(a: frozenset[str], b: frozenset[str]) -> tuple[str, str]:
    """Two different values of a clash, the first of a's (of b's when a gives none) and another."""
    first = min(a or b)
    return first, min((a | b) - {first})


def clash(a: Sources, b: Sources) -> str | None:
    """Why two sets of reports (each already one engagement, or one report) cannot be one
    engagement, whatever else they share; None when they may be. Every report of the one is held
    against every report of the other: the same page, types of different groups, a date missing or
    partial or more than "max_days_apart" from another, places in different countries, complete
    reports of different formats."""
    if a.documents & b.documents:
        return "same page"
    if len({_type_group(t) for t in a.types | b.types}) > 1:
        return "{} is not {}".format(*_differing(a.types, b.types))
    days = [parse_iso(d) for d in a.dates | b.dates]
    if None in days:
        return "no full date"
    apart = (max(days) - min(days)).days
    if apart > _rules()["max_days_apart"]:
        return f"{apart} days apart"
    if len(a.countries | b.countries) > 1:
        return "in {}, not {}".format(*_differing(a.countries, b.countries))
    if len(a.complete | b.complete) > 1:
        return "{}, not {}".format(*_differing(a.complete, b.complete))
    return None


def _same_people(people: frozenset[int], others: frozenset[int]) -> bool:
    """One side names at least one person, and all it names are named by the other."""
    shared = people & others
    return bool(shared) and (shared == people or shared == others)


def joins(report: Sources, members: Sources) -> bool:
    """Whether a report may join an engagement of these reports: no clash with any, and the same
    people as all of them together."""
    return clash(report, members) is None and _same_people(report.people, members.people)


def can_unite(report: Sources, groups: Sequence[Sources]) -> bool:
    """Whether engagements that a report may each join may become one with it: no report of one
    clashes with a report of another."""
    return all(joins(report, group) for group in groups) and not any(
        clash(a, b) for i, a in enumerate(groups) for b in groups[i + 1:])


VOTED = ("date", "type", "format", "place")  # an engagement's columns, each the value most of its reports give


def order_key(published: str | None, doc_id: str, seq: int) -> tuple:
    """Where a report stands among an engagement's sources, in the order that breaks a tie of votes:
    the page published first (an undated page last), then by doc_id, then its place on the page."""
    return (published is None, published or "", doc_id, seq)


@dataclass(frozen=True)
class Tally:
    """How many of an engagement's reports give one value of one field (read: how many of them
    printed it, for a date), and, for a VOTED field, where the first of them stands (order_key). Fields: the VOTED
    columns (date: "" for none; place: JSON [city, country]), "page" (a document id), "person" (an
    actor id) and "complete" (the format of a report naming all its parties)."""

    field: str
    value: str
    sources: int
    read: int
    first: tuple


def tallies(report: Report) -> list[Tally]:
    """What an engagement's tallies count of one report."""
    counted = [("date", report.date or "", int(not report.date_inferred)), ("type", report.type, 0),
               ("page", str(report.document_id), 0)]
    if report.format:
        counted.append(("format", report.format, 0))
    if report.city or report.country:
        counted.append(("place", json.dumps([report.city, report.country]), 0))
    if _complete(report):
        counted.append(("complete", report.format, 0))
    counted += [("person", str(actor), 0) for actor in sorted(report.people)]
    return [Tally(field, value, 1, read, report.order if field in VOTED else ()) for field, value, read in counted]


def added(tallies_: Iterable[Tally]) -> list[Tally]:
    """Tallies of the same field and value summed (two engagements united, a report joining one)."""
    sums: dict[tuple[str, str], Tally] = {}
    for t in tallies_:
        known = sums.get((t.field, t.value))
        sums[t.field, t.value] = t if known is None else Tally(
            t.field, t.value, known.sources + t.sources, known.read + t.read, min(known.first, t.first))
    return list(sums.values())


def sources_of_tallies(tallies_: Iterable[Tally]) -> Sources:
    """An engagement as grouping reads it, from its tallies (its pages: those among them tallied)."""
    by_field: dict[str, set[str]] = {}
    for t in tallies_:
        by_field.setdefault(t.field, set()).add(t.value)
    places = [json.loads(v) for v in by_field.get("place", ())]
    return Sources(frozenset(int(v) for v in by_field.get("page", ())), frozenset(by_field.get("type", ())),
                   frozenset(v or None for v in by_field.get("date", ())),
                   frozenset(country for _, country in places if country),
                   frozenset(by_field.get("complete", ())), frozenset(int(v) for v in by_field.get("person", ())))


def shown(tallies_: Iterable[Tally]) -> dict:
    """An engagement's columns from its tallies, as consensus gives them from its reports: date,
    date_inferred, type, format, city, country."""
    best: dict[str, Tally] = {}
    no_date = None
    for t in tallies_:
        if t.field == "date" and not t.value:
            no_date = t
        elif t.field in VOTED and (t.field not in best or (-t.sources, t.first) < (-best[t.field].sources, best[t.field].first)):
            best[t.field] = t
    date = best.get("date", no_date)
    city, country = json.loads(best["place"].value) if "place" in best else (None, None)
    return {"date": date.value or None if date else None, "date_inferred": date is None or date.read == 0,
            "type": best["type"].value if "type" in best else None,
            "format": best["format"].value if "format" in best else None, "city": city, "country": country}


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
