"""Stage 1, ingest: find input files, read and decode them into RawDocuments.

OWNER: helper "ingest". Contract:
- iter_input_files(paths) yields every .txt/.html/.htm file under the given folders, recursively,
  in a stable (sorted) order (and lists the others it passes by, when asked), plus every
  explicitly named file whatever its suffix; it streams
  (one folder listed at a time) and never loops on symlink cycles.
- read_document(path) returns a RawDocument or raises InputError with a one-line reason.
- Both take link_roots (real_roots of the paths given): a symbolic link found under a folder is
  followed only into them, else refused; None follows links anywhere.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .types import InputError, RawDocument, doc_id_for

SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# File-format signatures (magic numbers) of the binaries most often dropped into a folder of pages.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Byte-order marks, longest first so that UTF-32 LE is not taken for UTF-16 LE.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A page that is UTF-8 but for a few stray bytes (a truncated copy, one corrupted byte) is UTF-8 with
# those bytes replaced by U+FFFD: guessing a legacy code page for it would garble every character.
# "A few": at most one invalid sequence per REPAIR_BYTES bytes, and up to REPAIRS_ALWAYS on any page.
# Legacy pages (CP949, Windows-1252 with accents or curly quotes) have many more and are left to the guess.
REPAIR_BYTES = 1000
REPAIRS_ALWAYS = 3
SNIFF_BYTES = 8192  # how much of the start of a file the binary and UTF-16 tests look at
BINARY_NUL_SHARE = 0.10  # more NUL bytes than this, outside a UTF-16 pattern, means binary
UTF16_NUL_SHARE = 0.10  # share of one byte parity that must be NUL to read BOM-less UTF-16
CONTROL_SHARE = 0.30  # decoded text with more C0 control characters than this is binary
TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
# control characters other than TEXT_CONTROLS
BINARY_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in TEXT_CONTROLS) + "]")
# KS X 1001 Hangul syllables as EUC-KR/CP949 write them: a lead byte B0-C8 and a trail byte A1-FE.
# A page whose only non-ASCII bytes are runs of such pairs is Korean in CP949, however short the
# runs: a single-byte code page reads them as pairs of symbols and accented capitals ("½É½Â"), which
# Latin text does not write, but a few bytes are too little for charset-normalizer to tell.
NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
KS_HANGUL_RUN = re.compile(rb"(?:[\xb0-\xc8][\xa1-\xfe])+")
# what path_text escapes: C0 and C1 controls, DEL, and the Unicode line and paragraph separators
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# --- finding files -------------------------------------------------------------------------


def iter_input_files(paths: Iterable[Path], link_roots: Sequence[str] | None = None,
                     ignored: list[Path] | None = None) -> Iterator[Path]:
    """Yield the files to read under `paths`, folder by folder, sorted by name.

    A folder that cannot be listed is yielded itself, and so is a link to a folder outside
    `link_roots` (it is not walked), so that read_document reports why. The files of a folder
    whose names are not pages (page_suffix) are appended to `ignored`, when given, as they are met.
    """
    seen_dirs: set[str] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk_folder(path, seen_dirs, link_roots, ignored)
        else:
            yield path


def real_roots(paths: Iterable[Path]) -> tuple[str, ...]:
    """The real paths of the folders and files named on the command line: where links may lead."""
    return tuple(os.path.realpath(path) for path in paths)


def outside_roots(path: Path, link_roots: Sequence[str]) -> str | None:
    """The real path of `path` when it lies outside every one of `link_roots` (through a link), else None."""
    real = os.path.realpath(path)
    if any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in link_roots):
        return None
    return real


def _walk_folder(folder: Path, seen_dirs: set[str], link_roots: Sequence[str] | None,
                 ignored: list[Path] | None) -> Iterator[Path]:
    # Resolved real paths of folders already walked: a symlink back up the tree is skipped.
    real = os.path.realpath(folder)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        child = folder / entry.name
        if _entry_is_dir(entry):
            if link_roots is not None and entry.is_symlink() and outside_roots(child, link_roots):
                yield child  # refused by read_document, once, instead of walking what it points to
            else:
                yield from _walk_folder(child, seen_dirs, link_roots, ignored)
        elif page_suffix(entry.name):
            # Named like a page but maybe not a readable file (a broken or looping symlink, a
            # FIFO): yielded all the same, so that read_document records why it is refused.
            yield child
        elif ignored is not None:
            ignored.append(child)


def page_suffix(name: str) -> str | None:
    """The page suffix `name` ends with (".txt", ".html", ".htm", in any case), else None.

    Unlike Path.suffix it counts a name that is only a suffix, such as ".txt": it is an input too.
    """
    return next((suffix for suffix in SUFFIXES if name.lower().endswith(suffix)), None)


def _entry_is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


# --- reading one file ----------------------------------------------------------------------


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  link_roots: Sequence[str] | None = None) -> RawDocument:
    """Read, check and decode one file; with link_roots, only one that really lies inside them.

    Raises InputError with a one-line reason that starts with the file's path_text.
    """
    path = Path(path)
    source = path_text(path)
    try:
        target = outside_roots(path, link_roots) if link_roots is not None else None
        if target:
            raise InputError(f"link outside the folders given: {path_text(target)}")
        data = _read_bytes(path, max_bytes)
        kind = binary_kind(data)
        if kind:
            raise InputError(f"binary content ({kind}), not a text page")
        text, encoding, repairs = decode_bytes(data)
        text = text.replace("\x00", "")
        if not text.strip():
            raise InputError("empty file (only whitespace)")
        if _control_share(text) > CONTROL_SHARE:
            raise InputError("binary content (mostly control characters), not a text page")
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from exc
    return RawDocument(doc_id=doc_id_for(Path(source)), source=source, text=text, encoding=encoding,
                       sha256=hashlib.sha256(data).hexdigest(), media_type=media_type_of(path, text), repairs=repairs)


def path_text(path: Path | str) -> str:
    """A path as text that can be stored and printed on one line, the same on every run.

    Bytes of the name that are not UTF-8 (which Python keeps as surrogate escapes, unstorable
    and unprintable) become \\xNN escapes, and control characters (a newline, ESC, ...) their
    backslash escapes (\\n, \\x1b). path_text(path_text(p)) == path_text(p), so a name read
    back from the database or a status line maps to itself. Two names can share a text (a real
    backslash followed by "xff"): the text labels a file, the bytes' hash identifies it.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking its kind and size with stat (a huge file is never read).

    Raises InputError with the reason alone (read_document puts the path before it).
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_folder_reason(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        if info.st_size == 0:
            raise InputError("empty file")
        if info.st_size > max_bytes:
            raise InputError(f"too large ({info.st_size} bytes, limit {max_bytes})")
        with path.open("rb") as fh:  # read(max_bytes + 1) would allocate the whole limit for every page
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:  # the file has grown since stat
                data += fh.read(max_bytes + 1 - len(data))
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise InputError("broken symbolic link (its target does not exist)") from exc
        raise InputError("file not found (missing or removed while reading)") from exc
    except PermissionError as exc:
        raise InputError("cannot read: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise InputError("empty file")
    if len(data) > max_bytes:
        raise InputError(f"too large (over the limit of {max_bytes} bytes)")
    return data


def _folder_reason(folder: Path) -> str:
    """Why a folder met as a file is refused: the walk yields one only when listing it failed."""
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:  # os.access would answer yes to root whatever the folder's mode
        return f"is a folder that cannot be listed ({(exc.strerror or str(exc)).lower()})"
    return "is a folder"


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is (by magic number or NUL bytes), or None for text."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, _ in BOMS) or utf16_byte_order(data):
        return None  # NUL bytes are expected in UTF-16/32
    head = data[:SNIFF_BYTES]
    if head.count(0) > BINARY_NUL_SHARE * len(head):
        return "NUL bytes"
    return None


class Decoded(NamedTuple):
    """Decoded text, the name of its encoding, and how many invalid UTF-8 sequences became U+FFFD."""

    text: str
    encoding: str
    repairs: int = 0


def decode_bytes(data: bytes) -> Decoded:
    """Decode text bytes. Raises InputError if nothing fits.

    Order: byte-order mark, BOM-less UTF-16 by its NUL pattern, UTF-8 (strict: the fast path), CP949
    when every non-ASCII byte is in a Hangul syllable (see KS_HANGUL_RUN), UTF-8 with a few stray
    bytes replaced (see REPAIR_BYTES), then charset-normalizer for legacy encodings (CP949/EUC-KR,
    Shift_JIS, Windows-125x...).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8-sig":
                # too many bad bytes: _strict_decode refuses the page, naming the first one
                return _utf8(body, encoding) or _strict_decode(body, "utf-8", encoding)
            return _strict_decode(body, encoding, encoding)
    byte_order = utf16_byte_order(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 too
    if byte_order:
        return _strict_decode(data, byte_order, byte_order)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:  # so some non-ASCII run exists
        pass
    if all(KS_HANGUL_RUN.fullmatch(run) for run in NON_ASCII_RUN.findall(data)):  # before a repair reads them as stray
        return Decoded(data.decode("cp949"), "cp949")
    decoded = _utf8(data, "utf-8")
    if decoded:
        return decoded
    from charset_normalizer import from_bytes  # only pages that are not UTF-8 need it (and its start-up)

    best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable text: no known character encoding fits")
    return Decoded(str(best), best.encoding)


def _utf8(data: bytes, label: str) -> Decoded | None:
    """`data` as UTF-8, with at most the few invalid sequences REPAIR_BYTES allows replaced; else None."""
    try:
        return Decoded(data.decode("utf-8"), label)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    repairs = text.count("\ufffd") - data.count("\ufffd".encode())  # a U+FFFD of the page itself is no repair
    if repairs > max(REPAIRS_ALWAYS, len(data) // REPAIR_BYTES):
        return None
    return Decoded(text, label, repairs)


def _strict_decode(data: bytes, codec: str, label: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable text: invalid {label} at byte {exc.start}") from exc


def utf16_byte_order(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when BOM-less bytes show UTF-16's NUL pattern, else None.

    ASCII characters in UTF-16 put a NUL in every other byte: odd positions for little-endian,
    even ones for big-endian. The other parity holds almost no NULs.
    """
    head = data[:SNIFF_BYTES]
    if len(head) < 4:
        return None
    head = head[: len(head) // 2 * 2]
    half = len(head) // 2
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    if odd_nuls >= UTF16_NUL_SHARE * half and even_nuls * 10 <= odd_nuls:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE * half and odd_nuls * 10 <= even_nuls:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:SNIFF_BYTES]
    return len(BINARY_CONTROL.findall(sample)) / len(sample)


def media_type_of(path: Path, text: str) -> str:
    """text/html for .html/.htm, and for a .txt whose content starts as an HTML document."""
    by_suffix = SUFFIXES.get(page_suffix(path.name) or "", "text/plain")
    if by_suffix == "text/plain" and looks_like_html(text):
        return "text/html"
    return by_suffix


def looks_like_html(text: str) -> bool:
    start = text[:512].lstrip("\ufeff \t\r\n").lower()
    return start.startswith(("<!doctype html", "<html"))
