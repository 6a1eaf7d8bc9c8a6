"""Years a page leaves out, inferred from who held which office (data/officials.json through kb); and
the date a page's relative dates are read against, when the page prints it without its year.

A wire story dated by its dateline alone ("SEOUL, Dec. 11 (Yonhap) -- ... met ... on Monday") names
officials: the dateline's year is the one in which they all held the offices it gives them on that day
(data/officials.json through kb), or the one of those in which that day falls on the weekday its lead
prints; of several, the page tells none and the year stays unknown. The date is flagged inferred
wherever it is used.
"""
from __future__ import annotations

from datetime import date

from .. import kb
from ..types import Document
from .dates import infer_year, lexicon
from .people import PersonMention


def years_in_office(month: int, day: int, people: list[PersonMention], reference: date | None) -> list[int]:
    """The years in which every serving official named was in office on that month and day: a page
    that omits the year still names who held which post. Tenures are to the day where the knowledge
    base knows days (a Secretary of State who left on 20 January did not meet anyone on 26 January
    of that year). A post still held counts up to the page's reference date (see kb.candidate_years)."""
    serving = [(p.name, p.title) for p in people if not (p.title or "").lower().startswith("former")]
    return [y for y in kb.candidate_years(serving, reference) if infer_year(month, day, None, [y])  # the day exists
            and all(kb.in_office_on(n, t, date(y, month, day)) is not False for n, t in serving)]


def year_from_tenures(month: int, day: int, weekday: int | None, people: list[PersonMention],
                      reference: date | None) -> int | None:
    """The latest of years_in_office in which the printed weekday (if any) fits: the year of an
    event's "December 11" (step `events`).

    When several years fit, the latest is taken: of the seven yearless dates in the corpora that
    tenures leave open (2-4 years fitting, no weekday), the latest year was right for four and the
    earliest for two, and those pages print no other year to choose by (`make bench` with the
    earliest: batch1 event dates 14/24 -> 13/24, seeds 6/7 -> 5/7, the other corpora no better)."""
    return infer_year(month, day, weekday, years_in_office(month, day, people, reference))


def _lead_weekday(doc: Document) -> int | None:
    """The first weekday the page's first sentence (the dateline's lead) prints, Monday = 0."""
    if not doc.sentences:
        return None
    found = lexicon().weekday.search(doc.sentences[0].text)
    return lexicon().weekdays[found["wd"].lower()] if found else None


def add_reference(doc: Document) -> None:
    """Step `reference`: doc.reference and doc.published from the clean page's yearless wire
    dateline (CleanDocument.wire_day) and the officials the page names (step `people`), when the
    page gives no other date; else nothing changes."""
    if doc.reference is not None or not doc.clean.wire_day:
        return
    month, day = int(doc.clean.wire_day[2:4]), int(doc.clean.wire_day[5:7])
    people = [p for mentions in doc.people for p in mentions if p.name and not p.body]
    years = years_in_office(month, day, people, None)
    weekday = _lead_weekday(doc)
    on_weekday = [y for y in years if date(y, month, day).weekday() == weekday]
    # a weekday no year in office fits is the event's own, some days before the dateline's
    chosen = on_weekday or years
    if len(chosen) == 1:  # of several years in office the page tells none: the year stays unknown
        doc.reference = date(chosen[0], month, day)
        doc.reference_inferred = True
        doc.published = doc.reference.isoformat()
