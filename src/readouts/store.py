"""Stage 5, store: the event database. SQLite by default, PostgreSQL for a team (a
postgresql:// URL); the SQL is written once and dialect.py translates the few differences.

Every document is written in one transaction, keyed by the sha256 of its bytes: ingesting the
same file again writes nothing, unless another extractor read it (its stamp, see stamp.py): then
what was read from it is replaced. The schema is created and migrated by the program itself.
"""
from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import grouping, judgements, kb, query, stamp
from .resolve.engagements import consensus, order_key
from .dialect import Connection, Row, connect, database_errors
from .query import EventFilter
from .types import CleanDocument, Event, Extraction, RawDocument, Span, StoreError, Write

DEFAULT_DB = "readouts.db"
# An ingest commits every BATCH_PAGES pages or BATCH_SECONDS, whichever comes first: a commit syncs
# the disk (milliseconds), and a killed run redoes at most this much.
BATCH_PAGES = 200
BATCH_SECONDS = 1.0
BATCH_CHARACTERS = 64_000_000  # of page text held until written: a batch of large pages commits sooner
STALE_CHUNK = 50  # stale pages read from the database at a time by `readouts reextract` (their raw text)

# Each migration is applied once, in order, in one transaction: a script of ";"-separated statements
# for every dialect, or a list of statements per dialect ({id} is the dialect's auto-increment key), or
# a function of the connection (a change of the data that SQL alone does not make).
MIGRATIONS: list[str | dict[str, list[str]] | Callable[[Connection], None]] = [
    """
    CREATE TABLE documents (
        id {id}, doc_id TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT UNIQUE,
        encoding TEXT, media_type TEXT, raw_text TEXT, clean_text TEXT, title TEXT, publisher TEXT,
        published TEXT, source_url TEXT, language TEXT, is_relevant INTEGER,
        status TEXT NOT NULL, reason TEXT, ingested_at TEXT NOT NULL);
    CREATE INDEX documents_status ON documents(status);
    CREATE INDEX documents_source ON documents(source);
    CREATE TABLE actors (id {id}, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE, country TEXT, kind TEXT NOT NULL);
    CREATE TABLE events (
        id {id}, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        type TEXT NOT NULL, date TEXT, date_inferred INTEGER NOT NULL, city TEXT, country TEXT, format TEXT,
        evidence TEXT NOT NULL);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_document ON events(document_id);
    CREATE TABLE participants (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor_id INTEGER NOT NULL REFERENCES actors(id), name TEXT, title TEXT, organization TEXT,
        country TEXT, kind TEXT NOT NULL);
    CREATE INDEX participants_actor ON participants(actor_id);
    CREATE INDEX participants_event ON participants(event_id);
    CREATE TABLE event_topics (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, topic TEXT NOT NULL);
    CREATE INDEX event_topics_topic ON event_topics(topic);
    CREATE TABLE roles (
        actor_id INTEGER NOT NULL REFERENCES actors(id), title TEXT NOT NULL, organization TEXT NOT NULL,
        country TEXT NOT NULL, first_seen TEXT, last_seen TEXT,
        UNIQUE (actor_id, title, organization, country));
    CREATE TABLE statements (
        id {id}, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        action TEXT NOT NULL, targets TEXT NOT NULL, topic TEXT, evidence TEXT NOT NULL);
    CREATE INDEX statements_document ON statements(document_id);
    """,
    # The filtered event list at a million events (bench/queries.py): composite indexes that answer
    # "events of this actor / topic" and "this event's topics" from the index alone, the date index
    # ordered as the list is, and the printed names of each actor, so that a name filter looks at
    # the few actors it matches instead of every participant row.
    """
    CREATE INDEX participants_actor_event ON participants(actor_id, event_id);
    DROP INDEX participants_actor;
    CREATE INDEX event_topics_topic_event ON event_topics(topic, event_id);
    DROP INDEX event_topics_topic;
    CREATE INDEX event_topics_event ON event_topics(event_id, topic);
    CREATE INDEX events_date_id ON events(date, id);
    DROP INDEX events_date;
    CREATE TABLE actor_names (
        actor_id INTEGER NOT NULL REFERENCES actors(id), name TEXT NOT NULL, UNIQUE (actor_id, name));
    INSERT INTO actor_names (actor_id, name) SELECT DISTINCT actor_id, name FROM participants WHERE name IS NOT NULL;
    """,
    {  # full-text search over the pages' titles and clean text, kept in step by the database
        "sqlite": [
            """CREATE VIRTUAL TABLE documents_fts USING fts5(title, clean_text, content='documents', content_rowid='id')""",
            """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
                INSERT INTO documents_fts(rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text); END""",
            """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
                INSERT INTO documents_fts(documents_fts, rowid, title, clean_text)
                VALUES ('delete', old.id, old.title, old.clean_text); END""",
            """INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')""",
        ],
        "postgresql": [
            """ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS
                (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(clean_text, ''))) STORED""",
            """CREATE INDEX documents_search ON documents USING GIN (search)""",
        ],
    },
    # the phrase that signalled each topic of an event, kept as its evidence
    """ALTER TABLE event_topics ADD COLUMN phrase TEXT""",
    # An actor's events by date at a million events (bench/queries.py): each participant row carries
    # its event's date (written with it; an event's date never changes), so that the rows of one actor
    # in a date range come from one index in the list's order and a page stops after its last event.
    # SQLite sorts NULL first: the list's order, undated last, gets an index of its own there.
    {dialect: [
        "ALTER TABLE participants ADD COLUMN date TEXT",
        "UPDATE participants SET date = (SELECT date FROM events WHERE events.id = participants.event_id)",
        "CREATE INDEX participants_actor_date ON participants(actor_id, date, event_id)",
        "DROP INDEX participants_actor_event",
    ] + (["CREATE INDEX events_undated_last ON events((date IS NULL), date, id)"] if dialect == "sqlite" else [])
     for dialect in ("sqlite", "postgresql")},
    # the extractor that read each page (stamp.extractor_stamp); NULL, for pages stored before, is stale
    """ALTER TABLE documents ADD COLUMN stamp TEXT""",
    # Provenance: where each fact was read, as character offsets into a part of the clean page ("text",
    # "title", "caption N"). fact is evidence | date | location | participant | topic | statement;
    # value is what was read there (the participant's name, the topic id, the date, the place).
    """
    CREATE TABLE spans (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
        statement_id INTEGER REFERENCES statements(id) ON DELETE CASCADE,
        fact TEXT NOT NULL, value TEXT, part TEXT NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL);
    CREATE INDEX spans_document ON spans(document_id);
    CREATE INDEX spans_event ON spans(event_id);
    CREATE INDEX spans_statement ON spans(statement_id);
    """,
    # The earlier versions of a page edited or scraped again at the same path: the hash of the bytes
    # each held until replaced (no foreign key: a replaced page is deleted and stored again under
    # its id, and its history must outlive that). And how many bytes of a page were not valid in its
    # encoding and were replaced when it was read (RawDocument.repairs), and what was given with it
    # rather than read from it (a JSON-lines record's url, title, published: JSON), so that reading
    # the page again from its stored text starts from all its input.
    """
    CREATE TABLE document_history (document_id INTEGER NOT NULL, sha256 TEXT NOT NULL, replaced_at TEXT NOT NULL);
    CREATE INDEX document_history_document ON document_history(document_id);
    ALTER TABLE documents ADD COLUMN repairs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN given TEXT;
    """,
    # Two PostgreSQL limits that one page could pass, crashing its ingest (SQLite has neither).
    # A btree row holds at most 2,704 bytes, less than a long path: the source gets a hash index, which
    # stores a hash of any length of text and answers equality, the only lookup by source.
    # A tsvector holds at most 1 MB (1,048,575 bytes) of lexemes and positions, less than a long page of
    # distinct words gives: the text index reads the first 50,000 characters of the title and text. That
    # size cannot pass it, whatever the words. Each lexeme costs its bytes, a byte of alignment, 2 bytes
    # of count and 2 per position: at most its bytes + 5 per token it comes from. A token gives one
    # lexeme (the "english" configuration's dictionaries give one) of at most 5 bytes a character (4
    # in UTF-8, and lower-casing expands a few, such as ICU's Lithuanian "Ĩ" to three characters), and
    # a character is in at most two tokens (a hyphenated word and one of its parts, a URL and its
    # host or path). So at most 2 * (5 + 5) = 20 bytes a character: 1,000,000 bytes for 50,000.
    # The worst text found, "x-y" words of distinct 4-byte characters, gives 7.5 bytes a character.
    {"sqlite": [], "postgresql": [
        "DROP INDEX documents_source",
        "CREATE INDEX documents_source ON documents USING HASH (source)",
        "ALTER TABLE documents DROP COLUMN search",  # and its index; a generated column's expression is fixed
        """ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS
            (to_tsvector('english', left(coalesce(title, '') || ' ' || coalesce(clean_text, ''), 50000))) STORED""",
        "CREATE INDEX documents_search ON documents USING GIN (search)",
    ]},
    # The side that made each statement (Statement.source; NULL for pages read before it was kept), and
    # tidy views of the tables for browsing the database with other tools (`datasette readouts.db`),
    # one row per engagement, participant, topic and statement, each date with its precision
    # (docs/schema.md describes them).
    """
    ALTER TABLE statements ADD COLUMN source TEXT;
    CREATE VIEW engagement_list AS SELECT e.id AS event_id, e.date,
        CASE length(e.date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END AS date_precision,
        e.date_inferred, e.type, e.format, e.city, e.country, d.id AS document_id, d.doc_id, d.publisher,
        d.title AS document_title, d.source_url AS url
        FROM events e JOIN documents d ON d.id = e.document_id;
    CREATE VIEW participant_list AS SELECT p.event_id, p.date, p.actor_id, a.name AS actor, p.name AS printed_name,
        p.title, p.organization, p.country, p.kind
        FROM participants p JOIN actors a ON a.id = p.actor_id;
    CREATE VIEW topic_list AS SELECT t.event_id, e.date, substr(e.date, 1, 4) AS year, t.topic, t.phrase
        FROM event_topics t JOIN events e ON e.id = t.event_id;
    CREATE VIEW statement_list AS SELECT s.id AS statement_id, s.document_id, d.doc_id, d.publisher, d.published,
        s.source, s.action, s.targets, s.topic, s.evidence
        FROM statements s JOIN documents d ON d.id = s.document_id;
    """,
    # Engagements: the reports (rows of events, one page's reading each) of the same engagement on
    # several pages, grouped as each page is stored (grouping.py); its columns hold the values most
    # reports give, for the timeline's order and filters. The pages stored before are marked stale, so
    # that `readouts reextract` (or ingesting them again) groups their reports.
    """
    CREATE TABLE engagements (
        id {id}, date TEXT, date_inferred INTEGER NOT NULL DEFAULT 0, type TEXT NOT NULL, city TEXT, country TEXT,
        format TEXT, sources INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX engagements_date ON engagements(date, id);
    ALTER TABLE events ADD COLUMN engagement_id INTEGER REFERENCES engagements(id);
    CREATE INDEX events_engagement ON events(engagement_id);
    UPDATE documents SET stamp = NULL WHERE status = 'new';
    """,
    # Judgements: that a printed name's key (form) is, or is not, the same person as an actor (its key),
    # why, made by readouts or an analyst, when (judgements.py); an analyst's outlives the pages.
    """
    CREATE TABLE judgements (
        id {id}, kind TEXT NOT NULL, form TEXT NOT NULL, actor_key TEXT NOT NULL, reason TEXT NOT NULL,
        made_by TEXT NOT NULL, made_at TEXT NOT NULL);
    CREATE INDEX judgements_form ON judgements(form, id);
    CREATE INDEX judgements_actor ON judgements(actor_key);
    """,
    # Follow-ups: engagements a page says were agreed or announced for later (extract/followups.py), the
    # window they are expected in, the report of the page they were agreed at (event_id: whose people
    # are expected), the names printed with them (people: JSON), and the engagement that held them.
    """
    CREATE TABLE followups (
        id {id}, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        event_id INTEGER REFERENCES events(id) ON DELETE CASCADE, type TEXT NOT NULL, expected TEXT,
        window_start TEXT, window_end TEXT, city TEXT, country TEXT, people TEXT NOT NULL, evidence TEXT NOT NULL,
        part TEXT, char_start INTEGER, char_end INTEGER, engagement_id INTEGER REFERENCES engagements(id));
    CREATE INDEX followups_document ON followups(document_id);
    CREATE INDEX followups_window ON followups(window_start, window_end);
    CREATE INDEX followups_engagement ON followups(engagement_id);
    """,
    # Running tallies of each engagement's reports (grouping.py): how many give each value of a field
    # (date, type, format, place: its columns by vote; page, person, complete: what grouping holds a new
    # report against), how many of them printed it (read_sources: a date not inferred) and where the
    # first of them stands (first_source: resolve.engagements.order_key, JSON), so that a page joins
    # an engagement without its reports being read again.
    """
    CREATE TABLE engagement_tallies (
        engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE, field TEXT NOT NULL,
        value TEXT NOT NULL, sources INTEGER NOT NULL, read_sources INTEGER NOT NULL, first_source TEXT NOT NULL,
        PRIMARY KEY (engagement_id, field, value));
    CREATE INDEX engagement_tallies_value ON engagement_tallies(field, value);
    """,
    # ... counted for the engagements of a database grouped before
    grouping.count_all,
]


def _given(raw: RawDocument) -> str | None:
    """What came with a page rather than from it (RawDocument url, title, published), as JSON; None if nothing."""
    given = {key: value for key in ("url", "title", "published") if (value := getattr(raw, key)) is not None}
    return json.dumps(given, ensure_ascii=False) if given else None


def _span_row(row: Row) -> dict:
    """A row of the spans table as {"fact", "value", "part", "start", "end"}."""
    return {"fact": row["fact"], "value": row["value"], "part": row["part"],
            "start": row["char_start"], "end": row["char_end"]}


def _text(span: Span | None) -> str | None:
    return span.text if span is not None else None


def _event_spans(event: Event) -> Iterator[tuple[str, str | None, Span]]:
    """(fact, value read, span) for every fact of an event that records where it was read."""
    for span in event.evidence:
        yield "evidence", event.type, span
    for span in event.date_spans:
        yield "date", event.date, span
    if event.location is not None:
        for span in event.location.spans:
            yield "location", event.location.city or event.location.country, span
    for participant in event.participants:
        for span in participant.spans:
            yield "participant", participant.name, span
    for topic, span in event.topic_evidence.items():
        yield "topic", topic, span


def _source(report: dict) -> dict:
    """One page's reading of an engagement, as an engagement lists it among its sources."""
    return {"event_id": report["id"], "doc_id": report["doc_id"], "title": report["document_title"],
            "publisher": report["publisher"], "url": report["url"], "published": report["published"],
            "date": report["date"], "date_inferred": report["date_inferred"], "type": report["type"],
            "format": report["format"],
            "location": {"city": report["city"], "country": report["country"]} if report["city"] or report["country"] else None,
            "participants": report["participants"], "topics": report["topics"], "evidence": report["evidence"]}


def fts_phrase(query: str) -> str:
    """A user's words as one SQLite FTS5 phrase query: no operator in the input has any effect."""
    return '"' + query.replace('"', '""') + '"'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


SEARCH_CANDIDATES = 200  # search ranks at most this many matching pages, the newest
DENSE_MATCHES, WINDOW_SLACK, WINDOW_GROWTH = 10, 2, 8  # how PostgreSQL's search finds them (see _newest_matches)
FEW_PAGES, MANY_PAGES = 1_000, 30_000  # a text filter's forms (see _text_condition), tuned at a million events


class Store:
    """A readouts database. Open with Store.open(url); use as a context manager to close it."""

    def __init__(self, connection: Connection, url: str) -> None:
        self.db = connection
        self.dialect = connection.dialect
        self.url = url
        self._in_batch = False  # a batch transaction is open: a page's transaction is a savepoint in it

    # -- opening and migrating ---------------------------------------------------------------

    @classmethod
    def open(cls, url: str = DEFAULT_DB, readonly: bool = False) -> "Store":
        """The database at url, its schema created or brought up to date. readonly: through a
        connection that cannot write, which is what a reader of a database in a folder it may not
        write gets (SQLite in WAL mode writes files beside the database even to read it); a schema
        older than this program's is still upgraded first, through a writable connection."""
        store = cls(connect(url, readonly), url)
        try:
            if not readonly:
                store.migrate()
            elif not store._is_current():
                cls.open(url).close()
        except database_errors() as exc:
            store.close()
            raise StoreError(f"{url}: cannot open database: {exc}") from exc
        except StoreError:
            store.close()
            raise
        return store

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, taken eagerly so that concurrent writers queue instead of failing.
        Inside a batch (see batches) it is a savepoint: a failure undoes this part alone."""
        if self._in_batch:
            self.db.execute("SAVEPOINT part")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK TO SAVEPOINT part")
                self.db.execute("RELEASE SAVEPOINT part")
                raise
            self.db.execute("RELEASE SAVEPOINT part")
            return
        self.db.begin()
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def batches(self, writes: Iterable[Write], pages: int = BATCH_PAGES, seconds: float = BATCH_SECONDS,
                held: int = BATCH_CHARACTERS) -> Iterator[Any]:
        """Each write's result, yielded once it is committed. `writes` is a lazy iterable (each write
        writes one page, in a savepoint: see transaction); asking it for the next write is where a
        page is read and extracted, so that happens outside any transaction, and the write lock is
        held only to write. Writes are grouped in transactions of up to `pages` writes, or what
        `seconds` of reading gave, or writes holding `held` characters of text (one commit costs
        a disk sync).

        A run that is killed loses the pages read since the last commit at most; running it again
        completes them. A database that cannot be written (disk full, read-only, locked by another
        writer past the busy timeout) raises StoreError: the open batch is undone, every batch
        committed before it is kept."""
        waiting: list[Write] = []
        holding, started = 0, time.monotonic()
        for write in writes:
            waiting.append(write)
            holding += write.size
            if len(waiting) >= pages or holding >= held or time.monotonic() - started >= seconds:
                yield from self._write_batch(waiting)
                waiting, holding, started = [], 0, time.monotonic()
        if waiting:
            yield from self._write_batch(waiting)

    def _write_batch(self, writes: list[Write]) -> list[Any]:
        """The writes made in one transaction and committed; StoreError if the database refuses it."""
        try:
            self.db.begin()
        except database_errors() as exc:
            raise StoreError(f"{self.url}: cannot write the database ({exc}); the pages committed before are "
                             "kept, and the same command again resumes") from exc
        self._in_batch = True
        try:
            done = [write.run() for write in writes]
            self._in_batch = False
            self.db.commit()
        except BaseException as exc:
            self._in_batch = False
            with contextlib.suppress(*database_errors()):  # a failed commit may have ended the transaction
                self.db.rollback()
            if isinstance(exc, database_errors()):
                raise StoreError(f"{self.url}: cannot write the database ({exc}); {len(writes)} pages read since the "
                                 "last commit were not stored; the pages committed before are kept, and the same "
                                 "command again resumes") from exc
            raise
        return done

    def migrate(self) -> None:
        if self._is_current():
            return  # the usual case, answered without taking the write lock
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.schema_version()
            for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
                if callable(migration):
                    migration(db)
                    db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                    continue
                statements = migration[self.dialect.name] if isinstance(migration, dict) else migration.split(";")
                for statement in statements:
                    if statement.strip():
                        db.execute(statement.replace("{id}", self.dialect.id_column))
                db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def _is_current(self) -> bool:
        try:
            return self.schema_version() == len(MIGRATIONS)
        except database_errors():  # no schema_version table yet
            return False

    def schema_version(self) -> int:
        return self.db.execute("SELECT MAX(version) AS version FROM schema_version").fetchone()["version"] or 0

    # -- writing ----------------------------------------------------------------------------

    def is_current(self, sha256: str) -> bool:
        """Whether the page with these bytes is stored and reading it again would change nothing: it
        was skipped, or read by this process's extractor (its stamp)."""
        return self._current(self.db.execute("SELECT status, stamp FROM documents WHERE sha256 = ?",
                                             (sha256,)).fetchone())

    @staticmethod
    def _current(row: Row | None) -> bool:
        """is_current for a documents row (None: not stored)."""
        # a skipped page has no extraction to refresh: it stays skipped
        return row is not None and (row["status"] == "skipped" or
                                    (row["status"] == "new" and row["stamp"] == stamp.extractor_stamp()))

    def save(self, raw: RawDocument, clean: CleanDocument, extraction: Extraction) -> str:
        """Store a document and what was read from it: "new", "skipped" (not in English), "unchanged" (the
        bytes are stored and current: nothing written) or "updated": the bytes are stored but were read by
        another extractor, or the page's source (its path or URL) is stored with other bytes (edited or
        scraped again; the old bytes' hash goes to document_history). An updated row keeps its id, and
        what was read from it is replaced."""
        if self.is_current(raw.sha256):
            return "unchanged"
        with self.transaction() as db:
            stored = db.execute("SELECT id, status, stamp FROM documents WHERE sha256 = ?", (raw.sha256,)).fetchone()
            if self._current(stored):
                return "unchanged"  # another process stored it meanwhile
            rescraped = None if stored else db.execute(
                "SELECT id, status, stamp, sha256 FROM documents WHERE source = ? AND status != 'failed'",
                (raw.source,)).fetchone()
            stored = stored or rescraped
            named = self._actors_of_document(db, stored["id"]) if stored else set()
            previous = self._engagements_of_document(db, stored["id"]) if stored else {}
            # the stale row goes with its extraction (deleted by cascade) and comes back under its id
            db.execute("DELETE FROM documents WHERE sha256 = ? OR (source = ? AND status = 'failed') OR id = ?",
                       (raw.sha256, raw.source, stored["id"] if stored else None))
            if rescraped:
                db.execute("INSERT INTO document_history (document_id, sha256, replaced_at) VALUES (?,?,?)",
                           (rescraped["id"], rescraped["sha256"], _now()))
            status, reason = ("skipped", clean.unsupported) if clean.unsupported else ("new", None)
            id_column, id_value = ("id, ", [stored["id"]]) if stored else ("", [])
            document_id = db.insert(
                f"INSERT INTO documents ({id_column}doc_id, source, sha256, encoding, media_type, raw_text, clean_text,"
                " title, publisher, published, source_url, language, is_relevant, status, reason, ingested_at, stamp,"
                f" repairs, given) VALUES ({'?,' * len(id_value)}?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*id_value, raw.doc_id, raw.source, raw.sha256, raw.encoding, raw.media_type, raw.text, clean.text,
                 clean.title, clean.publisher, extraction.published, clean.source_url, clean.language,
                 int(extraction.is_relevant), status, reason, _now(), stamp.extractor_stamp(), raw.repairs,
                 _given(raw)))
            if status == "new":
                self._save_extraction(db, document_id, extraction)
                grouping.save_followups(db, document_id, extraction)
            if named:
                self._tidy_actors(db, named)
            touched = grouping.group_document(db, document_id, previous)
            if touched or extraction.followups:
                grouping.link_followups(db, document_id, touched)
        return "skipped" if status == "skipped" else "updated" if stored else "new"

    @staticmethod
    def _actors_of_document(db: Connection, document_id: int) -> set[int]:
        """The ids of the actors named in a stored page's events."""
        return {r["actor_id"] for r in db.execute("SELECT DISTINCT p.actor_id FROM participants p"
                                                  " JOIN events e ON e.id = p.event_id WHERE e.document_id = ?",
                                                  (document_id,))}

    @staticmethod
    def _engagements_of_document(db: Connection, document_id: int) -> dict[int, int]:
        """The engagement of each report of a stored page, by the report's seq."""
        return {r["seq"]: r["engagement_id"] for r in db.execute(
            "SELECT seq, engagement_id FROM events WHERE document_id = ? AND engagement_id IS NOT NULL", (document_id,))}

    @staticmethod
    def _tidy_actors(db: Connection, actor_ids: set[int]) -> None:
        """After a page's extraction was replaced, the actors it named as the remaining participant rows
        have them, as a fresh ingest would: printed names no page prints any more go, roles are made
        again from the rows (first and last seen included), an actor no page names goes, and a name or
        country no row gives any more is the first row's.

        Costs a read of these actors' participant rows (one prolific actor: all of their events)."""
        marks, ids = ",".join("?" * len(actor_ids)), sorted(actor_ids)
        db.execute(f"DELETE FROM actor_names WHERE actor_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM participants p"
                   " WHERE p.actor_id = actor_names.actor_id AND p.name = actor_names.name)", ids)
        db.execute(f"DELETE FROM roles WHERE actor_id IN ({marks})", ids)
        # what _role writes: a participant's title, "" for no organization or country, seen on the event's
        # date or else the page's
        seen = "COALESCE(p.date, d.published)"
        db.execute("INSERT INTO roles (actor_id, title, organization, country, first_seen, last_seen)"
                   f" SELECT p.actor_id, p.title, COALESCE(p.organization, ''), COALESCE(p.country, ''), MIN({seen}),"
                   f" MAX({seen}) FROM participants p JOIN events e ON e.id = p.event_id"
                   f" JOIN documents d ON d.id = e.document_id WHERE p.actor_id IN ({marks}) AND p.title != ''"
                   " GROUP BY p.actor_id, p.title, COALESCE(p.organization, ''), COALESCE(p.country, '')", ids)
        db.execute(f"DELETE FROM actors WHERE id IN ({marks})"
                   " AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.actor_id = actors.id)", ids)
        # an actor named by the knowledge base's official (a surname resolved by it) keeps that name
        official = [r["id"] for r in db.execute(f"SELECT id, name, key FROM actors WHERE id IN ({marks})", ids)
                    if judgements.is_official_name(r["name"], r["key"])]
        for column in ("name", "country"):  # taken from the first row naming the actor, when no row has it any more
            some = [i for i in ids if column != "name" or i not in official]
            if not some:
                continue
            db.execute(f"UPDATE actors SET {column} = (SELECT p.{column} FROM participants p JOIN events e ON e.id = p.event_id"
                       f" WHERE p.actor_id = actors.id AND p.{column} IS NOT NULL"
                       f" ORDER BY e.document_id, e.seq, p.{db.dialect.rowid} LIMIT 1) WHERE id IN ({','.join('?' * len(some))})"
                       f" AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.actor_id = actors.id"
                       f" AND p.{column} = actors.{column})", some)

    def stale_pages(self, after: int = 0, limit: int = STALE_CHUNK) -> list[tuple[int, RawDocument]]:
        """Up to `limit` stale pages with an id above `after`, by id, as (id, RawDocument from the stored
        raw text): pages with status new read by another extractor than this process's (or stored before
        stamps were kept). Skipped pages are not stale; failed ones have no text to read again."""
        rows = self.db.execute("SELECT id, doc_id, source, raw_text, encoding, media_type, sha256, repairs, given"
                               " FROM documents WHERE status = 'new' AND (stamp IS NULL OR stamp != ?) AND id > ?"
                               " ORDER BY id LIMIT ?", (stamp.extractor_stamp(), after, limit)).fetchall()
        return [(r["id"], RawDocument(doc_id=r["doc_id"], source=r["source"], text=r["raw_text"], encoding=r["encoding"],
                                      sha256=r["sha256"], media_type=r["media_type"], repairs=r["repairs"],
                                      **json.loads(r["given"] or "{}"))) for r in rows]

    def count_stale(self) -> tuple[int, int]:
        """(stale, current): how many pages with status new were read by another extractor, and by this one."""
        row = self.db.execute("SELECT COUNT(*) AS pages, COUNT(CASE WHEN stamp = ? THEN 1 END) AS current"
                              " FROM documents WHERE status = 'new'", (stamp.extractor_stamp(),)).fetchone()
        return row["pages"] - row["current"], row["current"]

    def record_failure(self, source: str, reason: str, doc_id: str | None = None) -> None:
        """Record a file that could not be ingested; a later success replaces the record."""
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE source = ? AND status = 'failed'", (source,))
            db.execute("INSERT INTO documents (doc_id, source, status, reason, ingested_at) VALUES (?,?,?,?,?)",
                       (doc_id or Path(source).stem, source, "failed", reason, _now()))

    def _save_extraction(self, db: Connection, document_id: int, extraction: Extraction) -> None:
        spans: list[tuple] = []  # rows of the spans table, written at the end in one call
        for seq, event in enumerate(extraction.events):
            event_id = db.insert(
                "INSERT INTO events (document_id, seq, type, date, date_inferred, city, country, format, evidence)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (document_id, seq, event.type, event.date, int(event.date_inferred),
                 event.location.city if event.location else None,
                 event.location.country if event.location else None, event.format,
                 json.dumps([s.text for s in event.evidence], ensure_ascii=False)))
            spans += [(document_id, event_id, None, fact, value, s.part, s.start, s.end)
                      for fact, value, s in _event_spans(event)]
            seen = event.date or extraction.published
            for p in event.participants:
                if not p.name:
                    continue
                actor_id, merged = judgements.resolve_actor(db, p.name, p.country, p.kind, p.title, event.date)
                db.execute("INSERT INTO participants (event_id, actor_id, name, title, organization, country, kind, date)"
                           " VALUES (?,?,?,?,?,?,?,?)",
                           (event_id, actor_id, p.name, p.title, p.organization, p.country, p.kind, event.date))
                d = db.dialect
                db.execute(f"{d.insert_ignore} INTO actor_names (actor_id, name) VALUES (?,?){d.on_conflict_ignore}",
                           (actor_id, p.name))
                if p.title:
                    self._role(db, actor_id, p.title, p.organization or "", p.country or "", seen)
                if merged:  # surname-only actors taken in: their names and roles made again with this row's
                    self._tidy_actors(db, merged | {actor_id})
            db.executemany("INSERT INTO event_topics (event_id, topic, phrase) VALUES (?, ?, ?)",
                           [(event_id, topic, _text(event.topic_evidence.get(topic))) for topic in event.topics])
        for s in extraction.statements:
            statement_id = db.insert("INSERT INTO statements (document_id, action, targets, topic, evidence, source)"
                                     " VALUES (?,?,?,?,?,?)",
                                     (document_id, s.action, json.dumps(s.target), s.topic, _text(s.evidence) or "",
                                      s.source))
            if s.evidence is not None:
                spans.append((document_id, None, statement_id, "statement", s.action, s.evidence.part,
                              s.evidence.start, s.evidence.end))
        db.executemany("INSERT INTO spans (document_id, event_id, statement_id, fact, value, part, char_start, char_end)"
                       " VALUES (?,?,?,?,?,?,?,?)", spans)

    @staticmethod
    def _role(db: Connection, actor_id: int, title: str, organization: str, country: str,
              seen: str | None) -> None:
        d = db.dialect
        db.execute(f"{d.insert_ignore} INTO roles (actor_id, title, organization, country, first_seen, last_seen)"
                   f" VALUES (?,?,?,?,?,?){d.on_conflict_ignore}", (actor_id, title, organization, country, seen, seen))
        if seen:
            db.execute(f"UPDATE roles SET first_seen = {d.least}(COALESCE(first_seen, ?), ?),"
                       f" last_seen = {d.greatest}(COALESCE(last_seen, ?), ?)"
                       " WHERE actor_id = ? AND title = ? AND organization = ? AND country = ?",
                       (seen, seen, seen, seen, actor_id, title, organization, country))

    # -- reading ----------------------------------------------------------------------------

    def list_events(self, f: EventFilter = EventFilter()) -> list[dict]:
        """Events matching the filter (query.list_events)."""
        return query.list_events(self, f)

    def _event_rows(self, rows: list[Row]) -> list[dict]:
        """Events as dicts with their participants and topics, read for all of them at once."""
        events = [self._event_row(row) for row in rows]
        if not events:
            return events
        by_id = {event["id"]: event for event in events}
        marks = ",".join("?" * len(by_id))
        rowid = self.dialect.rowid
        for r in self.db.execute("SELECT event_id, actor_id, name, title, organization, country, kind FROM participants"
                                 f" WHERE event_id IN ({marks}) ORDER BY event_id, {rowid}", list(by_id)):
            participant = dict(r)
            by_id[participant.pop("event_id")]["participants"].append(participant)
        # how many pages report each one's engagement (the timeline shows it)
        engagements = sorted({e["engagement_id"] for e in events if e.get("engagement_id") is not None})
        sources = {r["id"]: r["sources"] for r in self.db.execute(
            f"SELECT id, sources FROM engagements WHERE id IN ({','.join('?' * len(engagements)) or 'NULL'})", engagements)}
        for event in events:
            event["sources"] = sources.get(event.get("engagement_id"), 0)
        for r in self.db.execute(f"SELECT event_id, topic, phrase FROM event_topics WHERE event_id IN ({marks})"
                                 f" ORDER BY event_id, {rowid}", list(by_id)):
            event = by_id[r["event_id"]]
            event["topics"].append(r["topic"])
            if r["phrase"]:
                event["topic_evidence"][r["topic"]] = r["phrase"]
        return events

    @staticmethod
    def _event_row(row: Row) -> dict:
        """An event's own columns; _event_rows adds its participants and topics."""
        event = {k: row[k] for k in row.keys()}
        event["date_inferred"] = bool(event["date_inferred"])
        event["evidence"] = json.loads(event["evidence"])
        event.update(participants=[], topics=[], topic_evidence={})
        return event

    def list_engagements(self, f: EventFilter = EventFilter()) -> list[dict]:
        """Engagements with a report matching the filter, in its order by the date most of their reports give
        (query.engagement_ids), each as Store.engagements shows it."""
        return self.engagements(query.engagement_ids(self, f))

    def engagements(self, ids: list[int]) -> list[dict]:
        """The engagements of these ids, in this order: the values most reports give (resolve.engagements.consensus:
        date, type, format, location, participants, topics, and the other values given, "others") and every
        report as a source: the page (doc_id, title, publisher, url, published) and what it read (event_id,
        date, type, format, location, participants, topics, evidence)."""
        if not ids:
            return []
        rows = self.db.execute(
            f"{query.EVENT_COLUMNS}, d.published FROM events e JOIN documents d ON d.id = e.document_id"
            f" WHERE e.engagement_id IN ({','.join('?' * len(ids))})"
            " ORDER BY d.published IS NULL, d.published, d.doc_id, e.seq", ids)
        reports: dict[int, list[dict]] = {}
        for report in self._event_rows(rows.fetchall()):
            reports.setdefault(report["engagement_id"], []).append(report)
        for sources in reports.values():  # in the order of the engagements' tallies, whatever the database's collation
            sources.sort(key=lambda r: order_key(r["published"], r["doc_id"], r["seq"]))
        return [{"id": eid, **consensus(reports[eid]), "sources": [_source(r) for r in reports[eid]]}
                for eid in ids if eid in reports]

    def get_engagement(self, engagement_id: int) -> dict | None:
        """One engagement (as engagements gives it), None when there is none of this id."""
        found = self.engagements([engagement_id])
        return found[0] if found else None

    def list_followups(self, as_of: date, status: str | None = None) -> list[dict]:
        """The follow-ups with their status as of a day (grouping.followups_as_of)."""
        return grouping.followups_as_of(self.db, as_of, status)

    def get_event(self, event_id: int) -> dict | None:
        """One event with its participants, topics, evidence, the statements of its document and the source."""
        row = self.db.execute(f"{query.EVENT_COLUMNS} FROM events e"
                              " JOIN documents d ON d.id = e.document_id WHERE e.id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        (event,) = self._event_rows([row])
        event["spans"] = [_span_row(r) for r in self.db.execute(
            "SELECT fact, value, part, char_start, char_end FROM spans WHERE event_id = ?"
            " ORDER BY part, char_start, char_end, fact", (event_id,))]
        event["statements"] = self.statements_of_document(row["document_id"])
        event["document"] = self.get_document(row["document_id"], with_text=False)
        return event

    @staticmethod
    def _statement_row(row: Row) -> dict:
        """A statement with the span of its evidence sentence (None for a page stored before spans were)."""
        span = {"part": row["part"], "start": row["char_start"], "end": row["char_end"]} \
            if row["char_start"] is not None else None
        return {"id": row["id"], "action": row["action"], "source": row["source"], "target": json.loads(row["targets"]),
                "topic": row["topic"],
                "evidence": row["evidence"], "evidence_span": span}

    def get_document(self, document_id: int, with_text: bool = True) -> dict | None:
        columns = "*" if with_text else ("id, doc_id, source, sha256, title, publisher, published, source_url,"
                                         " language, is_relevant, status, reason, ingested_at, stamp")
        row = self.db.execute(f"SELECT {columns} FROM documents WHERE id = ?", (document_id,)).fetchone()
        return dict(row) if row else None

    def list_documents(self, status: str | None = None) -> list[dict]:
        sql = "SELECT id, doc_id, source, status, reason, title, published, ingested_at, stamp FROM documents"
        rows = self.db.execute(sql + (" WHERE status = ?" if status else "") + " ORDER BY id",
                               (status,) if status else ())
        return [dict(r) for r in rows]

    def list_actors(self, name: str | None = None) -> list[dict]:
        """Actors (those matching name, if given) with their roles over time and counterparts."""
        rows = self.db.execute("SELECT * FROM actors" + (f" WHERE name {self.dialect.like} ?" if name else "") + " ORDER BY name",
                               (f"%{name}%",) if name else ())
        return [self._actor_row(r) for r in rows]

    def merge_actors(self, target: int, source: int, reason: str = "analyst") -> None:
        """An analyst's correction: two actors are one person (the source's names, roles and events go to the
        target, and the target's engagements are grouped again). Kept as judgements (judgements.py), so that
        pages read again resolve the same way. ValueError when an actor is missing."""
        with self.transaction() as db:
            judgements.merge(db, target, source, reason)
            self._tidy_actors(db, {target, source})
            grouping.regroup(db, {target})

    def split_actor(self, actor_id: int, name: str, reason: str = "analyst") -> int:
        """An analyst's correction: a printed name is another person than the actor it was resolved to (the
        engagements of both are grouped again). The id of the actor that name now stands for; ValueError when
        the actor is missing or never printed so."""
        with self.transaction() as db:
            other = judgements.split(db, actor_id, name, reason)
            self._tidy_actors(db, {actor_id, other})
            grouping.regroup(db, {actor_id, other})
        return other

    def judgements(self, actor_id: int | None = None) -> list[dict]:
        """The same-person judgements (of one actor, or all), oldest first."""
        if actor_id is None:
            return judgements.judgements_of(self.db)
        row = self.db.execute("SELECT key FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return judgements.judgements_of(self.db, row["key"]) if row else []

    def get_actor(self, actor_id: int) -> dict | None:
        row = self.db.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return self._actor_row(row) if row else None

    def _actor_row(self, row: Row) -> dict:
        actor = dict(row)
        # actors learned from pages that the shipped knowledge base does not hold are candidates for it
        actor["in_knowledge_base"] = row["kind"] == "person" and kb.find_official(row["name"], row["country"]) is not None
        actor["roles"] = [dict(r) for r in self.db.execute(
            "SELECT title, organization, country, first_seen, last_seen FROM roles WHERE actor_id = ?"
            " ORDER BY first_seen IS NULL, first_seen", (row["id"],))]
        actor["counterparts"] = [dict(r) for r in self.db.execute(
            "SELECT a.id, a.name, a.country, COUNT(DISTINCT p2.event_id) AS events"
            " FROM participants p1 JOIN participants p2 ON p2.event_id = p1.event_id AND p2.actor_id != p1.actor_id"
            " JOIN actors a ON a.id = p2.actor_id WHERE p1.actor_id = ?"
            " GROUP BY a.id, a.name, a.country ORDER BY events DESC, a.name", (row["id"],))]
        actor["judgements"] = judgements.judgements_of(self.db, row["key"])
        actor["events"] = self.db.execute("SELECT COUNT(DISTINCT event_id) AS n FROM participants WHERE actor_id = ?",
                                          (row["id"],)).fetchone()["n"]
        return actor

    # -- full-text search ---------------------------------------------------------------------

    def _matching_documents(self) -> str:
        """SQL for the ids of the pages matching one bound text query (see _text_query)."""
        if self.dialect.name == "sqlite":
            return "SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ?"
        return "SELECT id FROM documents WHERE search @@ phraseto_tsquery('english', ?)"

    def _text_condition(self, query: str) -> tuple[str, list]:
        """The condition on events e of a full-text filter and its arguments, in the form that costs least
        for as many pages as match: the events of a few pages, listed by id, are read and sorted; with
        more, the events are read in the list's order and checked against the set of the pages (+ keeps
        the planner from reading the events of every page); with most pages, each event asks the text
        index about its page."""
        matching, text = self._matching_documents(), self._text_query(query)
        ids = [r["id"] for r in self.db.execute(f"{matching} LIMIT ?", (text, FEW_PAGES))]
        if len(ids) < FEW_PAGES:  # by id: PostgreSQL would otherwise walk every event to find those of no page
            return f"e.document_id IN ({','.join('?' * len(ids)) or 'NULL'})", ids
        if self.db.execute(f"SELECT COUNT(*) AS n FROM ({matching} LIMIT ?) m", (text, MANY_PAGES)).fetchone()["n"] < MANY_PAGES:
            return f"+e.document_id IN ({matching})", [text]
        return f"EXISTS ({matching} AND {'rowid' if self.dialect.name == 'sqlite' else 'id'} = e.document_id)", [text]

    def _first_candidate(self, query: str) -> int:
        """The lowest page id that search ranks on SQLite: that of the SEARCH_CANDIDATES-th newest matching page (by
        id), or 0 when fewer match. Found by walking the matches from the newest, so it costs the same
        for a word on every page as for a rare one."""
        row = self.db.execute(f"{self._matching_documents()} ORDER BY id DESC LIMIT 1 OFFSET ?",
                              (self._text_query(query), SEARCH_CANDIDATES - 1)).fetchone()
        return row["id"] if row else 0

    def _text_query(self, query: str) -> str:
        return fts_phrase(query) if self.dialect.name == "sqlite" else query

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Pages whose title or text contains the words of the query, best first, with a snippet; a page
        of `limit` of them after the first `offset`.

        Ranking reads every page it ranks: when more than SEARCH_CANDIDATES pages match, the best of
        the SEARCH_CANDIDATES newest (by id) are given, so that a word on most pages costs no more than
        a rarer one. With fewer matches, this is the best of all of them."""
        if self.dialect.name == "sqlite":
            sql = ("SELECT d.id, d.doc_id, d.title, d.published,"
                   " snippet(documents_fts, 1, '[', ']', ' ... ', 12) AS snippet"
                   " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                   " WHERE documents_fts MATCH ? AND documents_fts.rowid >= ? ORDER BY rank LIMIT ? OFFSET ?")
            args: tuple = (fts_phrase(query), self._first_candidate(query), limit, offset)
        else:
            sql = ("SELECT d.id, d.doc_id, d.title, d.published, ts_headline('english', coalesce(d.clean_text, ''),"
                   " phraseto_tsquery('english', ?), 'StartSel=[, StopSel=], MaxFragments=1') AS snippet"
                   " FROM (SELECT id, ts_rank(search, phraseto_tsquery('english', ?)) AS rank FROM documents"
                   "       WHERE id = ANY(?) ORDER BY rank DESC, id DESC LIMIT ? OFFSET ?) best"
                   " JOIN documents d ON d.id = best.id ORDER BY best.rank DESC, best.id DESC")
            args = (query, query, self._newest_matches(query), limit, offset)
        return [dict(r) for r in self.db.execute(sql, args)]

    def _newest_matches(self, query: str) -> list[int]:
        """The ids of the SEARCH_CANDIDATES newest pages matching a query, on PostgreSQL.

        The GIN index knows which pages hold the words, not in what order. Where the planner expects the
        words on many pages (one in DENSE_MATCHES or more), walking the primary key back from the newest
        page finds them within a few thousand neighbouring rows. Elsewhere it would walk far (70,000 pages
        for a word on 1% of them: it does not count reading each page's tsvector out of line), so the
        index's matches are intersected with a range of the newest ids, sized from the planner's estimate
        to hold SEARCH_CANDIDATES of them and widened until it does or covers every page, and only bitmap
        scans are allowed, so that only the pages in both are read."""
        matching = self._matching_documents()
        matches = max(self._estimated_rows(matching, (query,)), 1)
        newest = self.db.execute("SELECT MAX(id) AS id FROM documents").fetchone()["id"] or 0
        if matches * DENSE_MATCHES >= newest:
            return [r["id"] for r in self.db.execute(f"{matching} ORDER BY id DESC LIMIT ?", (query, SEARCH_CANDIDATES))]
        span = max(newest * SEARCH_CANDIDATES * WINDOW_SLACK // matches, 1)
        with self.db.raw.transaction():
            self.db.execute("SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)")
            while True:
                ids = [r["id"] for r in self.db.execute(f"{matching} AND id > ? ORDER BY id DESC LIMIT ?",
                                                        (query, newest - span, SEARCH_CANDIDATES))]
                if len(ids) == SEARCH_CANDIDATES or span >= newest:
                    return ids
                span *= WINDOW_GROWTH

    def _estimated_rows(self, sql: str, args: tuple) -> int:
        """The planner's estimate of the rows a query returns (PostgreSQL)."""
        plan = self.db.execute(f"EXPLAIN (FORMAT JSON) {sql}", args).fetchone()
        return int(next(iter(plan.values()))[0]["Plan"]["Plan Rows"])

    def topic_trends(self, period: str = "month") -> dict:
        """Engagements and pages per topic per period (query.topic_trends)."""
        return query.topic_trends(self, period)

    # -- the web explorer's pages (api.py, web.py): bounded lists by id ------------------------

    def events_of_document(self, document_id: int) -> list[dict]:
        """The events read from one page, in the order they were read."""
        rows = self.db.execute(f"{query.EVENT_COLUMNS} FROM events e"
                               " JOIN documents d ON d.id = e.document_id WHERE e.document_id = ? ORDER BY e.seq",
                               (document_id,))
        return self._event_rows(rows.fetchall())

    def statements_of_document(self, document_id: int) -> list[dict]:
        """The statements of a page, in reading order, each with its evidence span."""
        return [self._statement_row(r) for r in self.db.execute(
            "SELECT s.*, sp.part, sp.char_start, sp.char_end FROM statements s"
            " LEFT JOIN spans sp ON sp.statement_id = s.id WHERE s.document_id = ? ORDER BY s.id", (document_id,))]

    def events_of_actor(self, actor_id: int, limit: int, offset: int = 0) -> list[dict]:
        """One actor's events, newest first (undated last): by id, unlike the name filter of list_events."""
        rows = self.db.execute(f"{query.EVENT_COLUMNS} FROM events e"
                               " JOIN documents d ON d.id = e.document_id"
                               " WHERE e.id IN (SELECT event_id FROM participants WHERE actor_id = ?)"
                               " ORDER BY e.date IS NULL, e.date DESC, e.id DESC LIMIT ? OFFSET ?",
                               (actor_id, limit, offset))
        return self._event_rows(rows.fetchall())

    def page_of_actors(self, name: str | None, limit: int, offset: int = 0) -> list[dict]:
        """A page of list_actors: only the actors shown are expanded with roles and counterparts."""
        where, args = (f" WHERE name {self.dialect.like} ?", [f"%{name}%"]) if name else ("", [])
        rows = self.db.execute(f"SELECT * FROM actors{where} ORDER BY name, id LIMIT ? OFFSET ?", [*args, limit, offset])
        return [self._actor_row(r) for r in rows]
