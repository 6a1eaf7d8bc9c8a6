"""Step `followups`: engagements a page says were agreed or announced for later ("agreed to hold the
next round in Seoul next year", "will visit Tokyo on March 3"), with when they are expected.

Reads the sentences, their date mentions and people (steps `dates` and `people`); wording in
data/followups.json. A follow-up is no report of an engagement held: the store records it as
planned and links it to the engagement a later page reports (resolve/followups.py).
"""
from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib import resources

from ..gazetteer import find_countries, find_places
from ..scan import GatedPattern
from ..types import Document, FollowUp, Location, Participant, Sentence
from .dates import DateMention

TYPE_WINDOW = 80  # characters after the trigger where the kind of engagement is named


@cache
def _data() -> dict:
    return json.loads(resources.files("readouts.data").joinpath("followups.json").read_text(encoding="utf-8"))


@cache
def _trigger() -> GatedPattern:
    # gated: every body sentence is searched, and few announce anything
    return GatedPattern("|".join(f"(?:{p})" for p in _data()["triggers"]), re.IGNORECASE)


@cache
def _negation() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()["negations"]), re.IGNORECASE)


@cache
def _types() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))
                 for kind, patterns in _data()["types"])


def kind_of(words: str) -> str | None:
    """The kind of engagement the words after an announcement name; None when they name none."""
    return next((kind for kind, pattern in _types() if pattern.search(words)), None)


def _month_shift(day: date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def relative_window(words: str, reference: date | None) -> str | None:
    """The window a relative phrase names ('next year' on a page of 2018 -> '2019'), the longest
    phrase first; None when none is there or the page has no date."""
    if reference is None:
        return None
    folded = words.casefold()
    for entry in sorted(_data()["relative"], key=lambda e: -len(e["phrase"])):
        if re.search(rf"\b{re.escape(entry['phrase'])}\b", folded):
            if entry["precision"] == "year":
                return str(reference.year + entry["years"])
            year, month = _month_shift(reference, entry["months"])
            return f"{year:04d}-{month:02d}"
    return None


def expected_of(mentions: list[DateMention], words: str, reference: date | None) -> str | None:
    """When an announced engagement is expected: the first date named after the announcement (a day or
    a month, a year alone; a date whose year was guessed and falls before the page moves to the next
    year: a plan is for later), else a relative window ('next year')."""
    for m in mentions:
        if m.value:
            value = m.value
            guessed = m.inferred or not re.search(r"\d{4}", m.text)  # the year was not printed
            if guessed and reference is not None and value < reference.isoformat()[:len(value)]:
                value = f"{int(value[:4]) + 1:04d}{value[4:]}"
            return value
        if m.year:
            return str(m.year)
    return relative_window(words, reference)


def _place(sentence: Sentence, after: int, kind: str) -> Location | None:
    """The first city named after the announcement, or for a visit the first city or country."""
    words = sentence.text[after:]
    found = [(p.start, p.end, p.city, p.country) for p in find_places(words)]
    if kind == "visit":
        found += [(c.start, c.end, None, c.code) for c in find_countries(words)]
    if not found:
        return None
    start, end, city, country = min(found)
    return Location(city, country, [sentence.span(after + start, after + end)])


def followups_of(doc: Document, index: int) -> list[FollowUp]:
    """The follow-up a body sentence announces (at most one: its first announcement)."""
    sentence = doc.sentences[index]
    trigger = _trigger().search(sentence.text)
    if trigger is None or _negation().search(sentence.text[:trigger.start()]):
        return []
    after = sentence.text[trigger.start():]
    kind = kind_of(after[:TYPE_WINDOW + trigger.end() - trigger.start()])
    if kind is None:
        return []
    mentions = [m for m in doc.dates[index] if m.start >= trigger.start()]
    people = [Participant(p.name, p.title, p.organization, p.country, "body" if p.body else "person",
                          [p.span] if p.span else [])
              for p in doc.people[index] if p.name]
    return [FollowUp(kind, expected_of(mentions, after, doc.reference), _place(sentence, trigger.start(), kind),
                     people, sentence.span())]


def add_followups(doc: Document) -> None:
    """Step `followups`: doc.followups, the engagements the page's sentences announce for later.

    Needs the steps `sentences`, `dates` and `people`."""
    doc.followups = [f for index in range(len(doc.sentences)) for f in followups_of(doc, index)]
