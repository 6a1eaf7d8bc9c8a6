"""The data types that flow between the pipeline stages, in one place.

ingest -> RawDocument -> clean -> CleanDocument -> extract (Document, step by step) -> Extraction -> store.
Extraction.to_dict() is the JSON contract of spec/document.schema.json; every fact in it carries the
Spans (character offsets into the clean text, the title or a caption) it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from collections.abc import Callable
from typing import Any, NamedTuple


class ReadoutsError(Exception):
    """Base of every error readouts raises on purpose; the CLI prints its message in one line."""


class InputError(ReadoutsError):
    """An input file cannot be read as a document (empty, binary, too large, undecodable)."""


class StoreError(ReadoutsError):
    """The database cannot be opened or written."""


class PageError(ReadoutsError):
    """A fault of readouts itself on one page: that page fails, with the reason, and a batch goes on."""


class StepError(Exception):
    """An unexpected fault inside one extraction step; the message names the step (a bug, not bad input)."""


TEXT, TITLE = "text", "title"  # the parts of a page a span can point into; a caption is "caption N"


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of one part of a clean page, and the text they hold.

    part is "text" (CleanDocument.text), "title" (CleanDocument.title) or "caption N" (the Nth of
    CleanDocument.captions, from 0); so `part_text(doc, span.part)[span.start:span.end] == span.text`.
    """

    start: int
    end: int
    text: str
    part: str = TEXT

    def to_dict(self) -> dict:
        out: dict = {"text": self.text, "start": self.start, "end": self.end}
        if self.part != TEXT:
            out["part"] = self.part
        return out


def spans_to_dicts(spans: "list[Span] | tuple[Span, ...]") -> list[dict]:
    """Spans as the JSON objects of `readouts extract`, in reading order, each once."""
    return [s.to_dict() for s in sorted(set(spans), key=lambda s: (s.part != TEXT, s.part, s.start, s.end))]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a page: its text is exactly part_text(doc, part)[start:end]."""

    index: int  # position among the page's body sentences; -1 for a title or caption
    start: int
    end: int
    text: str
    paragraph: int = 0  # index of its paragraph in Document.paragraphs (body sentences only)
    part: str = TEXT

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The span of self.text[start:end] (offsets within the sentence) in the sentence's part."""
        end = len(self.text) if end is None else end
        return Span(self.start + start, self.start + end, self.text[start:end], self.part)


class Write(NamedTuple):
    """One page's write, for Store.batches: `run` writes it (in a savepoint) and returns what became of
    it; `size` is the text it holds in memory until then, in characters."""

    run: Callable[[], Any]
    size: int = 0


@dataclass
class RawDocument:
    """One input file, decoded."""

    doc_id: str  # file name without extension
    source: str  # path or URL it was read from
    text: str  # decoded text, exactly as stored (navigation and all)
    encoding: str
    sha256: str  # of the raw bytes: the idempotence key
    media_type: str = "text/plain"  # text/plain or text/html
    repairs: int = 0  # invalid UTF-8 sequences replaced by U+FFFD (a page UTF-8 but for a few stray bytes)
    # given with the page (by a JSON-lines record); clean prefers them to what it reads from the page
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO "YYYY-MM-DD" or "YYYY-MM"


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
    # "--MM-DD" (ISO 8601's month and day): a news dateline's ("SEOUL, Dec. 11 (Yonhap) --") when
    # nothing the page prints gives its year; extraction may infer the year from who held which office
    wire_day: str | None = None

    @property
    def unsupported(self) -> str | None:
        """Why the page is skipped, "unsupported language (xx)"; None for English (or no language found)."""
        return None if self.language in (None, "en") else f"unsupported language ({self.language})"

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def part_text(self, part: str) -> str:
        """The text a Span's part names: the clean text, the title or one caption ("caption 2")."""
        if part == TEXT:
            return self.text
        if part == TITLE:
            return self.title or ""
        return self.captions[int(part.split()[1])]


@dataclass
class Participant:
    name: str | None
    title: str | None = None
    organization: str | None = None
    country: str | None = None  # ISO alpha-3, "EU" or "UN"
    kind: str = "person"  # person | body
    spans: list[Span] = field(default_factory=list)  # where the page names this person

    def to_dict(self) -> dict:
        out: dict = {"name": self.name, "title": self.title, "organization": self.organization,
                     "country": self.country}
        if self.kind != "person":
            out["kind"] = self.kind
        out["spans"] = spans_to_dicts(self.spans)
        return out


@dataclass
class Location:
    city: str | None = None
    country: str | None = None
    spans: list[Span] = field(default_factory=list)  # the place name as printed

    def to_dict(self) -> dict:
        return {"city": self.city, "country": self.country, "spans": spans_to_dicts(self.spans)}


@dataclass
class Event:
    type: str  # meeting | phone_call | video_call | visit | briefing | conference | statement
    date: str | None = None
    date_inferred: bool = False
    location: Location | None = None
    format: str | None = None  # bilateral | trilateral | multilateral
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)  # the sentences it was read from
    topic_evidence: dict[str, Span] = field(default_factory=dict)  # topic -> the phrase that signalled it
    date_spans: list[Span] = field(default_factory=list)  # the date as printed (none: from the dateline)

    def to_dict(self) -> dict:
        """The schema's event; `evidence` stays the schema's list of sentences, and the spans of
        each fact ride beside it (`evidence_spans`, `date_spans`, `topic_spans`, and `spans` on the
        location and each participant)."""
        return {
            "type": self.type,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "location": self.location.to_dict() if self.location else None,
            "format": self.format,
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "evidence": [s.text for s in self.evidence],
            "evidence_spans": spans_to_dicts(self.evidence),
            "date_spans": spans_to_dicts(self.date_spans),
            "topic_evidence": {topic: s.text for topic, s in self.topic_evidence.items()},
            "topic_spans": {topic: s.to_dict() for topic, s in self.topic_evidence.items()},
        }


@dataclass
class Statement:
    action: str  # PLOVER action
    target: list[str] = field(default_factory=list)  # ISO alpha-3 codes
    topic: str | None = None
    evidence: Span | None = None  # the sentence it was read from
    source: str | None = None  # ISO alpha-3 code of the side that said or did it, when the sentence names it

    def to_dict(self) -> dict:
        return {"action": self.action, "source": self.source, "target": list(self.target), "topic": self.topic,
                "evidence": self.evidence.text if self.evidence else "",
                "evidence_spans": spans_to_dicts([self.evidence] if self.evidence else [])}


@dataclass
class FollowUp:
    """An engagement a page says was agreed or announced for later: what kind, when it is expected (a day,
    a month or a year: the window), where, who was named in the sentence, and the sentence."""

    type: str  # meeting | visit | phone_call | video_call
    expected: str | None = None  # ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; None when the page names no time
    location: Location | None = None
    participants: list[Participant] = field(default_factory=list)
    evidence: Span | None = None

    def to_dict(self) -> dict:
        return {"type": self.type, "expected": self.expected,
                "location": self.location.to_dict() if self.location else None,
                "participants": [p.to_dict() for p in self.participants],
                "evidence": self.evidence.text if self.evidence else "",
                "evidence_spans": spans_to_dicts([self.evidence] if self.evidence else [])}


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
    followups: list[FollowUp] = field(default_factory=list)

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
            "followups": [f.to_dict() for f in self.followups],
        }


def doc_id_for(path: Path) -> str:
    """doc_id is the file name without its extension."""
    return path.stem


def date_filter(value: str) -> str:
    """A date bound of a filter as given ("2024", "2024-07" or "2024-07-22"), checked to be a real
    year, month or day: compared as text by the store, "2021-13" or "2024-02-30" would silently
    match nothing or the wrong events. Raises ValueError with a one-line message otherwise."""
    parts = value.split("-")
    try:
        if len(parts) > 3 or len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]) or not value.isascii():
            raise ValueError
        year, month, day = (int(p) for p in parts + ["01"] * (3 - len(parts)))
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2024, 2024-07 or 2024-07-22") from None
    return value


def parse_iso(value: str | None) -> date | None:
    """A full ISO date string as a date; None for partial or missing dates."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class Document:
    """A clean page as the extraction steps see it: its sentences with character offsets, and what
    each step has added so far (each list runs parallel to `sentences`).

    Made by `Document.of(clean)`; the steps of `readouts.extract.STEPS` fill it in order, each
    reading what earlier steps added and never re-splitting or re-scanning the text.
    """

    clean: CleanDocument
    reference: date | None = None  # the date relative expressions are read against
    reference_inferred: bool = True  # True when the reference is not a printed dateline
    published: str | None = None  # the clean page's, or its wire dateline's date with an inferred year
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    title: Sentence | None = None
    captions: list[Sentence] = field(default_factory=list)
    # paragraph of a list item -> the paragraph that introduces the list ("During the visit, the Deputy Secretary:")
    list_leads: dict[int, int] = field(default_factory=dict)
    # added by the steps (the mention types are the extract modules' own)
    dates: list[list[Any]] = field(default_factory=list)  # DateMention per sentence
    people: list[list[Any]] = field(default_factory=list)  # PersonMention per sentence
    bylines: list[Any] = field(default_factory=list)  # PersonMention of name-over-office lines
    topics: list[list[Any]] = field(default_factory=list)  # TopicHit per sentence
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)

    @classmethod
    def of(cls, clean: CleanDocument) -> "Document":
        """The document before any step: the reference date from the clean page's dateline, the
        title and captions as sentences of their own parts."""
        title = Sentence(-1, 0, len(clean.title), clean.title, part=TITLE) if clean.title else None
        captions = [Sentence(-1, 0, len(c), c, part=f"caption {n}") for n, c in enumerate(clean.captions)]
        return cls(clean, parse_iso(clean.reference_date), clean.reference_inferred, published=clean.published,
                   title=title, captions=captions)

    def extraction(self) -> Extraction:
        """What was read, as the schema's object."""
        c = self.clean
        return Extraction(doc_id=c.doc_id, source_url=c.source_url, publisher=c.publisher, published=self.published,
                          title=c.title, language=c.language, is_relevant=bool(self.events),
                          events=self.events, statements=self.statements, followups=self.followups)
