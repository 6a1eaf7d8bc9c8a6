"""The extractor's stamp: which rules produced a stored extraction.

The store keeps the stamp of the extractor that read each page; a page whose stamp differs from
this process's is stale and is read again by `readouts ingest` (same bytes) or `readouts reextract`.
The stamp is the package's version plus a digest of its data files, so that a release and a
changed lexicon alike reach databases filled before them.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from . import __version__

DATA_DIR = Path(__file__).resolve().parent / "data"
DIGEST_CHARS = 16  # hex digits of the digest kept in the stamp: 64 bits, no accidental collision


def data_digest(folder: Path = DATA_DIR) -> str:
    """The sha256 (64 hex digits) of every file under `folder`: their relative names and bytes, by name.

    Each name and content is prefixed with its length, so that moving bytes from one file into the
    next, or renaming a file, changes the digest. OSError if a file cannot be read."""
    digest = hashlib.sha256()
    files = sorted((path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file())
    for name, path in files:
        for part in (name.encode("utf-8"), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


@cache
def extractor_stamp() -> str:
    """This process's stamp, "VERSION+DIGEST" (e.g. "0.1.0+3f2a9c0e1b7d4a65"), computed once per process.

    Tests that need another extractor monkeypatch this function (the store calls it through the module)."""
    return f"{__version__}+{data_digest()[:DIGEST_CHARS]}"
