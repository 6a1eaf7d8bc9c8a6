"""The lexicons' compiled regular expressions, kept on disk between runs.

Python compiles a regex in Python code (its parser and code generator), and the lexicons' patterns
(thousands of country names, offices, topics, actions) cost about 0.2 s to compile: more than fifty
pages' extraction, paid again by every process, every worker of `--jobs N` included. This module
keeps what the compiler produced (and the scan gates derived from each pattern, see scan.py) in a
JSON file per Python version and version of scan.py, and builds the pattern from it on the next run.

The file lives in $READOUTS_CACHE, else $XDG_CACHE_HOME/readouts, else ~/.cache/readouts;
READOUTS_CACHE=off turns it off. An entry is found by the pattern's own text and flags, so a changed
lexicon misses and is compiled afresh; a missing, unreadable or unwritable file only costs the
compile time. Only fixed lexicon patterns belong here: patterns made from a page's own words would
make the file grow with every page.
"""
from __future__ import annotations

import base64
import json
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # the compiler behind re.compile (CPython 3.11+); without it patterns are compiled as usual
    import _sre
    from re import _compiler, _parser
    _VERSION = f"{sys.implementation.cache_tag}-{_sre.MAGIC}" if _sre.CODESIZE == array("I").itemsize else None
except (ImportError, AttributeError):  # pragma: no cover - other Python implementations
    _sre = _compiler = _parser = None
    _VERSION = None

MAX_ENTRIES = 5_000  # beyond this the file starts over with the entries of the current run

_entries: dict[str, Any] | None = None  # loaded on first use
_used: set[str] = set()
_added = False


def _path() -> Path | None:
    setting = os.environ.get("READOUTS_CACHE")
    if setting == "off" or _VERSION is None:
        return None
    if setting:
        folder = Path(setting)
    else:
        try:
            folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "readouts"
        except RuntimeError:  # no home folder (a service account): compile every time
            return None
    return folder / f"patterns-{_VERSION}-{_derivation_digest()}.json"


def _derivation_digest() -> str:
    """A digest of scan.py, whose rules derive the gates kept here beside the compiled code: a
    changed rule starts a new file instead of reading gates derived by the old one."""
    import hashlib  # here: only the run that finds the file pays for it

    return hashlib.blake2b(Path(__file__).with_name("scan.py").read_bytes(), digest_size=4).hexdigest()


def _load() -> dict[str, Any]:
    global _entries
    if _entries is None:
        path = _path()
        try:
            _entries = json.loads(path.read_text(encoding="utf-8")) if path else {}
            if not isinstance(_entries, dict):
                _entries = {}
        except (OSError, ValueError):
            _entries = {}
    return _entries


def remembered(kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """compute(), or its value from an earlier run: a JSON value that depends on `key` alone."""
    entries, name = _load(), f"{kind}\x00{key}"
    _used.add(name)
    if name not in entries:
        global _added
        entries[name], _added = compute(), True
    return entries[name]


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), built from the compiler's output of an earlier run when there is one."""
    flags = int(flags)
    if _VERSION is None:  # pragma: no cover - an interpreter whose compiler differs
        return re.compile(pattern, flags)
    final_flags, code, groups, groupindex = remembered("regex", f"{flags}\x00{pattern}",
                                                      lambda: _compiled_parts(pattern, flags))
    code = array("I", base64.b64decode(code)).tolist()
    indexgroup = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    try:
        return _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    except (TypeError, RuntimeError):  # pragma: no cover - an interpreter whose compiler differs
        return re.compile(pattern, flags)


def _compiled_parts(pattern: str, flags: int) -> list:
    """What re._compiler.compile hands to _sre.compile, as JSON values (the code as base64: a JSON list
    of its numbers would take several times as long to read)."""
    parsed = _parser.parse(pattern, flags)
    code = base64.b64encode(array("I", _compiler._code(parsed, flags)).tobytes()).decode("ascii")
    return [int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(parsed.state.groupdict)]


def save() -> None:
    """Write the file if this run added entries (atomically: workers may write at the same time)."""
    global _added
    if not _added:  # the common case, once per page: nothing new
        return
    _added = False
    path = _path()
    if path is None or _entries is None:
        return
    entries = _entries if len(_entries) <= MAX_ENTRIES else {k: v for k, v in _entries.items() if k in _used}
    import tempfile  # here: only a run that compiled something new pays for importing it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=path.name,
                                         suffix=".tmp", delete=False) as out:
            written = Path(out.name)
            json.dump(entries, out, separators=(",", ":"))
        os.replace(written, path)
    except OSError:  # a read-only home or a full disk: the next run compiles again
        if "written" in locals():
            written.unlink(missing_ok=True)
