"""Provenance: every fact read from a corpus page keeps spans that slice the clean page exactly,
through `readouts extract`'s JSON, the store and the event page's highlighting."""
from __future__ import annotations

import json

from readouts.clean import clean
from readouts.extract import extract
from readouts.extract import read as read_all
from readouts.ingest import read_document
from readouts.pipeline import ingest_files
from readouts.store import Store
from readouts.types import TEXT, CleanDocument, Extraction
from readouts.web import highlighted_paragraphs


def read(path) -> tuple[CleanDocument, Extraction]:
    doc = clean(read_document(path))
    return doc, extract(doc)


def fact_spans(extraction: dict) -> list[tuple[str, dict]]:
    """(fact, span) for every span of `readouts extract`'s JSON object."""
    out = []
    for event in extraction["events"]:
        out += [("evidence", s) for s in event["evidence_spans"]] + [("date", s) for s in event["date_spans"]]
        out += [("topic", s) for s in event["topic_spans"].values()]
        out += [("location", s) for s in (event["location"] or {}).get("spans", [])]
        out += [("participant", s) for p in event["participants"] for s in p["spans"]]
    out += [("statement", s) for st in extraction["statements"] for s in st["evidence_spans"]]
    return out


def test_every_span_slices_the_clean_text(corpus_file):
    doc, extraction = read(corpus_file)
    as_json = json.loads(json.dumps(extraction.to_dict()))
    spans = fact_spans(as_json)
    assert spans or not extraction.events
    for fact, span in spans:
        assert doc.part_text(span.get("part", TEXT))[span["start"]:span["end"]] == span["text"], (fact, span)


def test_every_fact_has_its_spans(corpus_file):
    document = read_all(clean(read_document(corpus_file)))
    extraction = document.extraction()
    # the date relative dates are read against: the page's dateline, or a wire dateline's with its year inferred
    reference = document.reference.isoformat() if document.reference else None
    for n, event in enumerate(extraction.events):
        assert event.evidence, f"event {n} without evidence"
        assert all(p.spans for p in event.participants if p.name), f"event {n}: a participant without a span"
        assert set(event.topic_evidence) == set(event.topics)
        assert event.location is None or event.location.spans
        # a date read from no words of the page is the dateline's, or the day of the event before it
        assert event.date_spans or event.date in {None, reference} | {e.date for e in extraction.events[:n]}
    assert all(s.evidence is not None for s in extraction.statements)
    # the schema's evidence sentences are the spans' texts, in the same order
    for event in extraction.to_dict()["events"]:
        assert event["evidence"] == [s["text"] for s in event["evidence_spans"]]


def test_store_keeps_spans_that_slice_the_stored_text_and_the_page_highlights_them(tmp_path, corpus_dirs):
    with Store.open(str(tmp_path / "t.db")) as store:
        for _ in store.batches(ingest_files(store, sorted((corpus_dirs["dev"] / "raw").glob("*.txt")))):
            pass
        events = store.list_events()
        assert events
        for listed in events:
            event = store.get_event(listed["id"])
            document = store.get_document(event["document_id"])
            parts = {"text": document["clean_text"], "title": document["title"] or ""}
            assert {s["fact"] for s in event["spans"]} >= {"evidence", "participant"}
            for span in event["spans"]:
                if span["part"] in parts:
                    assert parts[span["part"]][span["start"]:span["end"]], span
            evidence = [s for s in event["spans"] if s["fact"] == "evidence"]
            assert [parts[s["part"]][s["start"]:s["end"]] for s in evidence] == sorted(
                event["evidence"], key=lambda text: document["clean_text"].find(text))
            marks = {(s["start"], s["end"]): ["fact"] for s in evidence}
            pieces = highlighted_paragraphs(document["clean_text"], marks)
            marked = [text for paragraph in pieces for text, facts in paragraph if facts]
            assert sorted(marked) == sorted(event["evidence"])
            # the pieces join back into the paragraphs: nothing is lost or repeated
            assert ["".join(text for text, _ in paragraph) for paragraph in pieces] == \
                [p for p in document["clean_text"].split("\n\n") if p.strip()]
        for statement in store.statements_of_document(events[0]["document_id"]):
            span = statement["evidence_span"]
            text = store.get_document(events[0]["document_id"])["clean_text"]
            assert text[span["start"]:span["end"]] == statement["evidence"]
