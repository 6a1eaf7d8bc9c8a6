"""The SQL dialects the store speaks: SQLite (the default) and PostgreSQL (psycopg 3, for teams).

The store writes its SQL once, in SQLite's spelling with `?` placeholders; a Connection
translates the few differences: placeholders, the auto-increment id column, "insert or ignore",
the id of an inserted row, scalar MIN/MAX, LIKE's case, the eager write transaction and
rows as mappings (`row["column"]`).
"""
from __future__ import annotations

import sqlite3
import time
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .types import StoreError

BUSY_TIMEOUT_MS = 30_000
PROGRESS_STEPS = 10_000  # SQLite instructions between two looks at the clock of fetch_within
CACHE_KIB = 64 * 1024  # SQLite page cache per connection: an ingest touches the text index and several others
# Every writer takes this transaction-level advisory lock on PostgreSQL, so that writers queue as
# SQLite's BEGIN IMMEDIATE makes them (no duplicate actors from two concurrent ingests).
WRITE_LOCK_KEY = 0x72656164  # "read"

Row = Any  # sqlite3.Row or a dict: both are read as row["column"]


class Cursor(Protocol):
    def fetchone(self) -> Row | None: ...
    def fetchall(self) -> list[Row]: ...
    def __iter__(self) -> Iterator[Row]: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    id_column: str  # the {id} of MIGRATIONS
    insert_ignore: str  # "INSERT OR IGNORE" / "INSERT"
    on_conflict_ignore: str  # "" / " ON CONFLICT DO NOTHING"
    least: str  # scalar minimum of two values
    greatest: str
    like: str  # case-insensitive LIKE (SQLite's LIKE already is, for ASCII)
    rowid: str  # the physical insertion order of a table without an id column
    begin: tuple[str, ...]  # the statements that open a write transaction


SQLITE = Dialect("sqlite", "INTEGER PRIMARY KEY AUTOINCREMENT", "INSERT OR IGNORE", "", "MIN", "MAX", "LIKE",
                 "rowid", ("BEGIN IMMEDIATE",))
POSTGRESQL = Dialect("postgresql", "BIGSERIAL PRIMARY KEY", "INSERT", " ON CONFLICT DO NOTHING", "LEAST", "GREATEST",
                     "ILIKE", "ctid", ("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"))


def is_postgresql_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class Connection:
    """A database connection that takes the store's SQL (SQLite spelling) and speaks its dialect."""

    def __init__(self, raw: Any, dialect: Dialect) -> None:
        self.raw = raw
        self.dialect = dialect

    def sql(self, text: str) -> str:
        if self.dialect is SQLITE:
            return text
        return text.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        return self.raw.execute(self.sql(sql), tuple(args))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        if self.dialect is SQLITE:
            self.raw.executemany(sql, rows)
        else:
            with self.raw.cursor() as cursor:
                cursor.executemany(self.sql(sql), rows)

    def insert(self, sql: str, args: Sequence[Any]) -> int:
        """Run an INSERT into a table with an id column; the new row's id."""
        if self.dialect is SQLITE:
            return self.raw.execute(sql, tuple(args)).lastrowid
        return self.raw.execute(self.sql(sql) + " RETURNING id", tuple(args)).fetchone()["id"]

    def fetch_within(self, sql: str, args: Sequence[Any], seconds: float) -> list[Row] | None:
        """A read's rows, or None if it takes longer than seconds (the query is interrupted by the
        database, SQLite's progress handler or PostgreSQL's statement_timeout, so it costs no more)."""
        if seconds == float("inf"):
            return self.execute(sql, args).fetchall()
        if self.dialect is SQLITE:
            deadline = time.monotonic() + seconds
            self.raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
            try:
                return self.raw.execute(sql, tuple(args)).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return None
                raise
            finally:
                self.raw.set_progress_handler(None, 0)
        import psycopg

        try:
            with self.raw.transaction():
                self.raw.execute(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}")
                return self.raw.execute(self.sql(sql), tuple(args)).fetchall()
        except psycopg.errors.QueryCanceled:
            return None

    def begin(self) -> None:
        for statement in self.dialect.begin:
            self.raw.execute(statement)

    def commit(self) -> None:
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        self.raw.execute("ROLLBACK")

    def tables(self) -> list[str]:
        """The store's tables, by name."""
        if self.dialect is SQLITE:
            sql = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
                   " AND name NOT LIKE 'documents_fts%' ORDER BY name")  # the text index follows the documents
        else:
            sql = "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return [row["name"] for row in self.execute(sql)]

    def close(self) -> None:
        self.raw.close()


def connect(url: str, readonly: bool = False) -> Connection:
    """A connection to a SQLite path (or sqlite:///path) or a postgresql:// URL; StoreError if impossible.
    readonly: a connection that cannot write (and needs no right to write)."""
    return connect_postgresql(url, readonly) if is_postgresql_url(url) else connect_sqlite(url, readonly)


def _retried_while_locked(db: sqlite3.Connection, statement: str) -> None:
    """Run a statement that SQLite answers "database is locked" at once instead of waiting for the
    busy timeout: switching a new database to WAL while another process does the same. Tried again
    until the busy timeout has passed, as a busy handler would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def connect_sqlite(url: str, readonly: bool = False) -> Connection:
    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    if path != ":memory:" and not Path(path).parent.exists():
        raise StoreError(f"{url}: folder {Path(path).parent} does not exist")
    if readonly and not Path(path).exists():
        raise StoreError(f"{url}: no database there (readouts ingest makes one)")
    # one connection is used by one request at a time, but the web server may close it on
    # another of its threads than the one that opened it
    options = {"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None, "check_same_thread": False}
    try:
        db = _sqlite_reader(path, options) if readonly else sqlite3.connect(path, **options)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:  # a reader takes the database as it is
            _retried_while_locked(db, "PRAGMA journal_mode = WAL")
            # in WAL mode a commit survives a crash of the program; the disk is synced at checkpoints
            db.execute("PRAGMA synchronous = NORMAL")
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{url}: cannot open database: {exc}") from exc
    return Connection(db, SQLITE)


def _sqlite_reader(path: str, options: dict[str, Any]) -> sqlite3.Connection:
    """A read-only connection (mode=ro). In WAL mode even a reader writes an index (-shm) beside the
    database; where the folder forbids that and no writer has made one, the database is opened as
    immutable. No writer is at work then (it would have made the index), but one that starts later
    (with the right to write the folder) is not seen: SQLite trusts the file not to change."""
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, **options)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the first read opens the index
    except sqlite3.OperationalError as exc:
        db.close()
        if exc.sqlite_errorcode != sqlite3.SQLITE_READONLY_DIRECTORY:
            raise
        db = sqlite3.connect(uri + "&immutable=1", uri=True, **options)
    return db


def connect_postgresql(url: str, readonly: bool = False) -> Connection:
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError as exc:
        raise StoreError(f"{url}: PostgreSQL needs psycopg: pip install 'readouts[postgres]'") from exc
    try:
        db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        # The store's reads are pages of a few rows: starting parallel workers cost them more than they
        # save (a filtered page at a million events took 4 times as long with them).
        db.execute("SET max_parallel_workers_per_gather = 0")
        if readonly:
            db.execute("SET default_transaction_read_only = on")
    except psycopg.Error as exc:
        raise StoreError(f"{_redacted(url)}: cannot connect: {str(exc).strip()}") from exc
    return Connection(db, POSTGRESQL)


def database_errors() -> tuple[type[Exception], ...]:
    """The exception classes of the drivers in use: psycopg's once a PostgreSQL connection has imported
    it (importing it only to name its errors would cost a SQLite run a tenth of a second)."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.DatabaseError, psycopg.Error) if psycopg is not None else (sqlite3.DatabaseError,)


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{host}"
