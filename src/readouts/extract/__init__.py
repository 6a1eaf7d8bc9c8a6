"""Stage 3, extract: events, participants, dates, topics and statements from a CleanDocument.

A page is read by STEPS, in order: each is a function of the Document that adds one kind of fact
(with the spans it was read from) and reads only what earlier steps added (as spaCy's pipeline
runs its components, without a registry).
  sentences   paragraphs and sentences, with character offsets     (text.py)
  people      officials: names, titles, organizations, countries    (people.py)
  reference   a yearless wire dateline's year, from the officials  (reference.py)
  dates       date mentions resolved against the page's dateline    (dates.py)
  topics      topic lexicon hits                                    (topics.py)
  events      engagements: type, date, place, format, participants  (events.py)
  sides       the government of a participant from the pair of countries naming its engagement (sides.py)
  statements  PLOVER actions with targets and topics                (statements.py)
  followups   engagements agreed or announced for later, with when  (followups.py)
"""
from __future__ import annotations

from collections.abc import Callable

from ..types import CleanDocument, Document, Extraction, ReadoutsError, StepError
from .dates import add_dates
from .events import add_events
from .followups import add_followups
from .people import add_people
from .reference import add_reference
from .sides import add_sides
from .statements import add_statements
from .text import add_sentences
from .topics import add_topics

STEPS: tuple[tuple[str, Callable[[Document], None]], ...] = (
    ("sentences", add_sentences),
    ("people", add_people),
    ("reference", add_reference),
    ("dates", add_dates),
    ("topics", add_topics),
    ("events", add_events),
    ("sides", add_sides),
    ("statements", add_statements),
    ("followups", add_followups),
)


def read(clean: CleanDocument) -> Document:
    """The Document after every step. Raises StepError (naming the step) on a fault of a step."""
    doc = Document.of(clean)
    for name, step in STEPS:
        try:
            step(doc)
        except ReadoutsError:
            raise
        except Exception as exc:  # a bug: say where, the caller says which page
            raise StepError(f"step {name}: {type(exc).__name__}: {exc}") from exc
    return doc


def extract(clean: CleanDocument) -> Extraction:
    """Everything read from one clean page, as the schema's object."""
    return read(clean).extraction()
