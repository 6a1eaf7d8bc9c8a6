"""Stage 2, clean: drop navigation and boilerplate, read title, publisher and dateline.

OWNER: helper "clean". Contract: clean(raw: RawDocument) -> CleanDocument (never raises on text).
"""
from __future__ import annotations

from .types import CleanDocument, RawDocument


def clean(raw: RawDocument) -> CleanDocument:
    return CleanDocument(doc_id=raw.doc_id, source=raw.source, text=raw.text)
