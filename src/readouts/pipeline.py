"""The pipeline as one function per input: read -> clean -> extract.

Inputs are files (read by ingest) or JSON-lines records {"doc_id", "text"} (so a generator can
stream documents without writing one file each); `readouts ingest` reads a .jsonl file it is
given as its records (iter_ingest_inputs). `map_in_order` runs either kind through the
pipeline in one process or in a pool of worker processes, in input order, and never holds more
than a bounded window of documents in memory.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.pool
import re
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TypeVar

from . import regex_cache
from .clean import clean
from .extract import extract
from .ingest import DEFAULT_MAX_BYTES, looks_like_html, path_text, read_document
from .types import CleanDocument, Extraction, InputError, PageError, RawDocument, ReadoutsError, Write, parse_iso

if TYPE_CHECKING:
    from .store import Store

Item = TypeVar("Item")
Result = TypeVar("Result")

DEFAULT_PAGE_TIMEOUT = 10.0  # seconds: the largest pages accepted (20 MB) read in a few seconds, in linear time
CHUNK_SIZE = 32  # the most documents per task sent to a worker: each task costs the pool ~1 ms of the parent's time
CHUNKS_IN_FLIGHT_PER_JOB = 4  # how far reading runs ahead of writing, per worker


class Outcome(NamedTuple):
    """One document's result: its JSON line, or the one-line reason it was refused."""

    json_line: str | None
    error: str | None


JSONL_SUFFIX = ".jsonl"  # a file `readouts ingest` reads as JSON-lines records, one page each
PUBLISHED = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?")  # a record's "published": YYYY-MM-DD or YYYY-MM


class JsonlRecord(NamedTuple):
    """One line of a JSON-lines input, still undecoded, with where it came from."""

    source: str  # FILE:LINE
    line: bytes
    error: str | None = None  # why the file could not be read at all (the record then stands for it)


Input = Path | JsonlRecord  # what `readouts ingest` reads one by one: a file or a JSON-lines record


@dataclass(frozen=True)
class ReadOptions:
    """How a run reads its pages: the same for every page, sent whole to each worker.

    max_bytes: a larger file fails before it is read. link_roots: the real paths a symbolic link may
    lead into (ingest.read_document); None follows links anywhere. as_of: the day relative dates are
    read against on a page that prints no date (clean.clean); None leaves them unresolved.
    page_timeout: seconds one page may take to be cleaned and extracted before it fails with "took
    too long" (time_budget); None or 0 sets no limit.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    link_roots: tuple[str, ...] | None = None
    as_of: date | None = None
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT


class _Expired(BaseException):
    """A page's time is up. Not an Exception: no `except Exception` of a library the page runs
    through (an HTML parser's fallbacks) may swallow it."""


@contextmanager
def time_budget(seconds: float | None, source: str) -> Iterator[None]:
    """Raise PageError("took too long") out of the block once it has run `seconds` (a SIGALRM timer).

    Only a process's main thread receives signals: elsewhere (a web server's request threads, Dask's
    worker threads) the block runs without a budget. A pure-Python step is interrupted between two
    bytecodes; one regular-expression match runs to its end first (every step is linear, so that is
    short)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise PageError(f"{source}: took too long (over {seconds:g} s; --page-timeout sets the limit)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process(raw: RawDocument, options: ReadOptions = ReadOptions()) -> tuple[CleanDocument, Extraction]:
    """Clean and extract one page within options.page_timeout. Raises PageError for a page that
    takes too long or meets a fault of readouts (naming the page)."""
    try:
        with time_budget(options.page_timeout, raw.source):
            doc = clean(raw, options.as_of)
            extraction = extract(doc)
        regex_cache.save()  # after the first page: the lexicons it compiled serve the next run
        return doc, extraction
    except ReadoutsError:
        raise
    except Exception as exc:  # a bug met on one page must not stop a batch of thousands
        raise PageError(f"{raw.source}: internal error ({type(exc).__name__}: {exc}); "
                        "please report it with this page") from exc


def extract_file(path: Path, options: ReadOptions = ReadOptions()) -> Extraction:
    return process(read_input(path, options), options)[1]


def extraction_json(extraction: Extraction) -> str:
    """The JSON line of one extraction (no newline): the one serialisation every path uses."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False)


# --- JSON-lines input ----------------------------------------------------------------------


def iter_jsonl_inputs(paths: Iterable[Path]) -> Iterator[JsonlRecord]:
    """The records of JSON-lines files read one line at a time; "-" is standard input."""
    for path in paths:
        if str(path) == "-":
            yield from iter_jsonl_records(sys.stdin.buffer, "<stdin>")
            continue
        try:
            with Path(path).open("rb") as stream:
                yield from iter_jsonl_records(stream, str(path))
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def iter_jsonl_records(stream: BinaryIO, name: str) -> Iterator[JsonlRecord]:
    """The non-blank lines of a JSON-lines stream, one at a time (decoding is left to workers)."""
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield JsonlRecord(f"{name}:{number}", line)


def iter_ingest_inputs(files: Iterable[Path]) -> Iterator[Input]:
    """The inputs of an ingest: each file, but a .jsonl file gives its records (read line by line).

    A .jsonl file that cannot be opened gives one record holding the reason, never its bytes as text.
    """
    for path in files:
        if path.suffix.lower() != JSONL_SUFFIX:
            yield path
            continue
        try:
            stream = path.open("rb")
        except OSError as exc:
            yield JsonlRecord(path_text(path), b"", f"cannot read: {exc.strerror or exc}")
            continue
        with stream:
            yield from iter_jsonl_records(stream, path_text(path))


def raw_document_from_record(record: JsonlRecord) -> RawDocument:
    """A RawDocument from one JSON-lines record; InputError says why a record is refused.

    The record is an object with "text" (plain text) or "html" (a page's HTML), and optionally
    "doc_id" (else FILE-STEM:LINE), "url", "title", "published" (YYYY-MM-DD or YYYY-MM: these
    three take precedence over what clean reads from the page), "media_type". A record's
    "source" (a URL, say) plays the part of a file's path; without one the FILE:LINE it was read
    from stands in.
    """
    if record.error:
        raise InputError(f"{record.source}: {record.error}")
    try:
        data = json.loads(record.line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{record.source}: invalid UTF-8 at byte {exc.start}") from exc
    except ValueError as exc:
        raise InputError(f"{record.source}: not a JSON object ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{record.source}: not a JSON object")
    file, _, number = record.source.rpartition(":")
    doc_id = data.get("doc_id", f"{Path(file).stem}:{number}")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(f"{record.source}: empty \"doc_id\" (or not a string)")
    field = "html" if "html" in data and "text" not in data else "text"  # "text" when a record has both
    text = data.get(field)
    if not isinstance(text, str):
        raise InputError(f"{record.source}: missing \"text\" or \"html\" (a string)")
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError(f"{record.source}: empty {field} (only whitespace)")
    url, title, published = (_optional_string(data, name, record.source) for name in ("url", "title", "published"))
    if published and not (PUBLISHED.fullmatch(published) and (len(published) == 7 or parse_iso(published))):
        raise InputError(f"{record.source}: \"published\" is not a date like 2024-07-22: {published!r}")
    source = data.get("source") if isinstance(data.get("source"), str) else record.source
    media_type = data.get("media_type") or ("text/html" if field == "html" or looks_like_html(text) else "text/plain")
    return RawDocument(doc_id=doc_id, source=source, text=text, encoding="utf-8",
                       sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), media_type=media_type,
                       url=url, title=title, published=published)


def _optional_string(data: dict, name: str, source: str) -> str | None:
    """data[name] stripped, None when absent or blank; InputError when it is not a string."""
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{source}: \"{name}\" is not a string")
    return (value.strip() or None) if value else None


def read_input(item: Input, options: ReadOptions = ReadOptions()) -> RawDocument:
    """A file (ingest.read_document) or a JSON-lines record (raw_document_from_record) as a RawDocument."""
    if isinstance(item, JsonlRecord):
        if len(item.line) > options.max_bytes:
            raise InputError(f"{item.source}: too large ({len(item.line)} bytes, limit {options.max_bytes})")
        return raw_document_from_record(item)
    return read_document(item, max_bytes=options.max_bytes, link_roots=options.link_roots)


def input_name(item: Input) -> str:
    """How an input is named in its status line and its failure record: path_text, or FILE:LINE."""
    return item.source if isinstance(item, JsonlRecord) else path_text(item)


# --- one document, as a worker runs it -----------------------------------------------------


def outcome_of(item: Input, options: ReadOptions = ReadOptions()) -> Outcome:
    """One file's or JSON-lines record's extraction as its JSON line, or the reason it was refused."""
    try:
        return Outcome(extraction_json(process(read_input(item, options), options)[1]), None)
    except ReadoutsError as exc:
        return Outcome(None, str(exc))


# --- many documents, in order --------------------------------------------------------------


def map_in_order(func: Callable[[Item], Result], items: Iterable[Item], jobs: int = 1) -> Iterator[Result]:
    """func over items, results in input order; with jobs > 1 in that many worker processes.

    Pool.imap would read the whole input ahead (its feeder thread has no bound), so chunks are
    submitted through a sliding window instead: at most jobs * CHUNKS_IN_FLIGHT_PER_JOB chunks
    are pending, and memory stays flat however long the input is. Workers are started once, from
    a fork server (see _worker_pool); a worker's exception is re-raised here.
    """
    if jobs <= 1:
        yield from map(func, items)
        return
    window = jobs * CHUNKS_IN_FLIGHT_PER_JOB
    with _worker_pool(jobs) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, CHUNK_SIZE):
            pending.append(pool.apply_async(_map_chunk, (func, chunk)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _worker_pool(jobs: int) -> "multiprocessing.pool.Pool":
    """A pool of `jobs` workers started by a fork server that has imported the pipeline.

    Not forked from this process: a fork copies the locks that this process's other threads hold
    (a web server's, Dask's, a test runner's) with no thread left to release them, and a worker that
    waits on one never ends (then neither does Pool.terminate). The fork server is a fresh,
    single-threaded process; forking from it is still cheap, and it has the lexicons imported once.
    """
    context = multiprocessing.get_context("forkserver")
    # wordninja's word list (clean.english_word_costs) loads on a page's first long word: 0.1 s and
    # 20 MB a process, paid once in the server and shared by the workers it forks
    context.set_forkserver_preload(["readouts.pipeline", "wordninja"])
    return context.Pool(jobs)


def _map_chunk(func: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [func(item) for item in chunk]


def _chunks(items: Iterable[Item], largest: int) -> Iterator[list[Item]]:
    """Lists of consecutive items, growing from one item to `largest`: a short input is still spread
    over the workers, and a long one pays the pool's cost per task seldom."""
    iterator, size = iter(items), 1
    while chunk := list(islice(iterator, size)):
        yield chunk
        size = min(2 * size, largest)


# --- ingest into a database ----------------------------------------------------------------


class IngestResult(NamedTuple):
    """What became of one input file: new, updated, unchanged, skipped or failed, with the reason."""

    path: Path  # the file's path_text, or FILE:LINE of a JSON-lines record
    status: str
    reason: str = ""


class Prepared(NamedTuple):
    """One input read and extracted (or found current, or refused with its reason), ready to store."""

    path: str  # input_name of the file or record
    raw: RawDocument | None
    clean: CleanDocument | None  # None with a raw: stored and current, nothing to write
    extraction: Extraction | None
    error: str | None


def prepare(item: Input | str, options: ReadOptions = ReadOptions(),
            is_current: Callable[[str], bool] | None = None) -> Prepared:
    """Read, clean and extract one file (a path, or its str) or JSON-lines record, outside any
    transaction (a Dask worker runs this). is_current(sha256): whether a page with these bytes is
    stored and current (Store.is_current), to skip its extraction; None extracts every page."""
    item = Path(item) if isinstance(item, str) else item
    try:
        raw = read_input(item, options)
        if is_current is not None and is_current(raw.sha256):
            return Prepared(input_name(item), raw, None, None, None)
        clean, extraction = process(raw, options)
    except ReadoutsError as exc:
        return Prepared(input_name(item), None, None, None, str(exc))
    return Prepared(input_name(item), raw, clean, extraction, None)


def write(store: "Store", prepared: Prepared) -> IngestResult:
    """Store one prepared input, or record its failure: a savepoint inside Store.batches. A page the
    store refuses (StoreError) fails alone; a database that cannot be written at all raises from
    the failure's record too, and Store.batches stops the run."""
    path = Path(prepared.path)
    reason = prepared.error
    if reason is None and prepared.clean is None:
        return IngestResult(path, "unchanged")
    if reason is None:
        try:
            status = store.save(prepared.raw, prepared.clean, prepared.extraction)
            return IngestResult(path, status, prepared.clean.unsupported if status == "skipped" else "")
        except ReadoutsError as exc:
            reason = str(exc)
    # the reason of an input refused while read names it first ("a.txt: empty file"): the result names it already
    reason = reason.removeprefix(f"{prepared.path}: ")
    store.record_failure(prepared.path, reason)
    return IngestResult(path, "failed", reason)


def ingest_files(store: "Store", files: Iterable[Input], options: ReadOptions = ReadOptions()) -> Iterator[Write]:
    """The writes of an ingest in this process, for Store.batches: each file (or JSON-lines record)
    is read and extracted as the batch asks for it, outside the write transaction, and its write
    made inside it. Unchanged bytes are not extracted again, unless another extractor read them
    (Store.is_current)."""
    for item in files:
        yield writing(store, prepare(item, options, store.is_current))


def writing(store: "Store", prepared: Prepared) -> Write:
    """The Write of a prepared input (for Store.batches), sized by the text it holds."""
    return Write(partial(write, store, prepared), len(prepared.raw.text) if prepared.clean is not None else 0)


# --- extract stored pages again ------------------------------------------------------------


class ReextractResult(NamedTuple):
    """What became of one stored page read again: updated, skipped (no longer read as English),
    unchanged (made current meanwhile by another process) or failed, with the reason."""

    source: str
    status: str
    reason: str = ""


def reextract_documents(store: "Store", options: ReadOptions = ReadOptions()) -> Iterator[Write]:
    """The writes that extract every stale page of the store again (Store.stale_pages) from the raw
    text it keeps, for Store.batches: each page is extracted outside the write transaction, and what
    was read from it replaced inside it (Store.save). A page that fails keeps its old extraction and
    stamp, and the batch goes on."""
    after = 0
    while pages := store.stale_pages(after):
        for after, raw in pages:
            try:
                yield Write(partial(_replace, store, raw, *process(raw, options)), len(raw.text))
            except ReadoutsError as exc:
                yield Write(partial(ReextractResult, raw.source, "failed", str(exc)))


def _replace(store: "Store", raw: RawDocument, clean: CleanDocument, extraction: Extraction) -> ReextractResult:
    try:
        return ReextractResult(raw.source, store.save(raw, clean, extraction))
    except ReadoutsError as exc:
        return ReextractResult(raw.source, "failed", str(exc))
