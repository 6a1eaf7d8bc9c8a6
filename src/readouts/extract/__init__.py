"""Stage 3, extract: events, participants, dates, topics and statements from a CleanDocument.

The sub-modules each read one kind of fact:
  text        sentence splitting
  dates       date mentions resolved against the publication date
  people      officials: names, titles, organizations, countries
  events      engagements (type, date, place, format, participants)
  topics      topic lexicon matching
  statements  PLOVER actions with targets and topics
"""
from __future__ import annotations

from ..types import CleanDocument, Extraction
from .events import extract_events, home_country, page_of
from .statements import extract_statements
from .topics import detect_topics


def extract(doc: CleanDocument) -> Extraction:
    page = page_of(doc)  # each sentence split, and its people and dates read, once
    sentences = page.sentences
    sentence_topics = [detect_topics(s) for s in sentences]  # read once, for events and statements
    events = extract_events(doc, page, sentence_topics)
    parties = sorted({p.country for e in events for p in e.participants if p.country})
    statements = extract_statements(sentences, parties, home_country(doc), sentence_topics) if events else []
    return Extraction(doc_id=doc.doc_id, source_url=doc.source_url, publisher=doc.publisher,
                      published=doc.published, title=doc.title, language=doc.language,
                      is_relevant=bool(events), events=events, statements=statements)
