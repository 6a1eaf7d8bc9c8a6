"""The pipeline as one function per input: read -> clean -> extract."""
from __future__ import annotations

from pathlib import Path

from .clean import clean
from .extract import extract
from .ingest import read_document
from .types import CleanDocument, Extraction, RawDocument


def process(raw: RawDocument) -> tuple[CleanDocument, Extraction]:
    doc = clean(raw)
    return doc, extract(doc)


def extract_file(path: Path) -> Extraction:
    return process(read_document(path))[1]
