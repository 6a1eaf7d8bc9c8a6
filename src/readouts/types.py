"""The data types that flow between the pipeline stages, in one place.

ingest -> RawDocument -> clean -> CleanDocument -> extract -> Extraction -> store.
Extraction.to_dict() is the JSON contract of spec/document.schema.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


class ReadoutsError(Exception):
    """Base of every error readouts raises on purpose; the CLI prints its message in one line."""


class InputError(ReadoutsError):
    """An input file cannot be read as a document (empty, binary, too large, undecodable)."""


class StoreError(ReadoutsError):
    """The database cannot be opened or written."""


class PageError(ReadoutsError):
    """A fault of readouts itself on one page: that page fails, with the reason, and a batch goes on."""


@dataclass
class RawDocument:
    """One input file, decoded."""

    doc_id: str  # file name without extension
    source: str  # path or URL it was read from
    text: str  # decoded text, exactly as stored (navigation and all)
    encoding: str
    sha256: str  # of the raw bytes: the idempotence key
    media_type: str = "text/plain"  # text/plain or text/html


@dataclass
class Dateline:
    """The publication date read from the page, with how sure we are of it."""

    value: str | None  # ISO "YYYY-MM-DD" (or "YYYY-MM")
    raw: str | None = None  # the text it was read from
    inferred: bool = False  # True when the reading needed a guess (e.g. a crawler prefix)


@dataclass
class CleanDocument:
    """A page with navigation and boilerplate removed, and its metadata read."""

    doc_id: str
    source: str
    text: str  # clean body text, paragraphs separated by blank lines
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date of publication, None if the page does not show it
    reference_date: str | None = None  # best date to resolve relative dates against (may be a crawler date)
    reference_inferred: bool = True  # True when reference_date is not a printed dateline
    source_url: str | None = None
    language: str | None = "en"
    captions: list[str] = field(default_factory=list)  # photo captions, kept out of the text

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Participant:
    name: str | None
    title: str | None = None
    organization: str | None = None
    country: str | None = None  # ISO alpha-3, "EU" or "UN"
    kind: str = "person"  # person | body

    def to_dict(self) -> dict:
        out: dict = {"name": self.name, "title": self.title, "organization": self.organization,
                     "country": self.country}
        if self.kind != "person":
            out["kind"] = self.kind
        return out


@dataclass
class Location:
    city: str | None = None
    country: str | None = None

    def to_dict(self) -> dict:
        return {"city": self.city, "country": self.country}


@dataclass
class Event:
    type: str  # meeting | phone_call | video_call | visit | briefing | conference | statement
    date: str | None = None
    date_inferred: bool = False
    location: Location | None = None
    format: str | None = None  # bilateral | trilateral | multilateral
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    topic_evidence: dict[str, str] = field(default_factory=dict)  # topic -> the phrase that signalled it

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "location": self.location.to_dict() if self.location else None,
            "format": self.format,
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "evidence": list(self.evidence),
            "topic_evidence": dict(self.topic_evidence),
        }


@dataclass
class Statement:
    action: str  # PLOVER action
    target: list[str] = field(default_factory=list)  # ISO alpha-3 codes
    topic: str | None = None
    evidence: str = ""

    def to_dict(self) -> dict:
        return {"action": self.action, "target": list(self.target), "topic": self.topic,
                "evidence": self.evidence}


@dataclass
class Extraction:
    """Everything read from one document: the schema's object."""

    doc_id: str
    source_url: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = "en"
    is_relevant: bool = False
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source_url": self.source_url,
            "publisher": self.publisher,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "is_relevant": self.is_relevant,
            "events": [e.to_dict() for e in self.events],
            "statements": [s.to_dict() for s in self.statements],
        }


def doc_id_for(path: Path) -> str:
    """doc_id is the file name without its extension."""
    return path.stem


def parse_iso(value: str | None) -> date | None:
    """A full ISO date string as a date; None for partial or missing dates."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
