"""Stage 1, ingest: find input files, read and decode them into RawDocuments.

OWNER: helper "ingest". Contract:
- iter_input_files(paths) yields every .txt/.html/.htm file under the given files and folders,
  recursively, in a stable (sorted) order; it never follows symlink loops.
- read_document(path) returns a RawDocument or raises InputError with a one-line reason.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .types import InputError, RawDocument, doc_id_for

SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            yield path


def read_document(path: Path) -> RawDocument:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    text = data.decode("utf-8-sig", errors="replace")
    return RawDocument(doc_id=doc_id_for(path), source=str(path), text=text, encoding="utf-8",
                       sha256=hashlib.sha256(data).hexdigest(),
                       media_type=SUFFIXES.get(path.suffix.lower(), "text/plain"))
