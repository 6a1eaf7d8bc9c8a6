"""Tidy tables of the database for pandas, R and spreadsheets (`readouts export`).

One function per table, each a list of rows (dicts with the table's columns, in order) built from
the events (page readings) a filter matches (query.list_events) and what they point to: engagements
(one row per engagement, the values most of its sources give), sources (one row per page reading,
with its engagement), participants (engagement x actor), topics (page reading x topic), statements (one row per statement and target, with the side that made
it), actors and documents. Every date has a separate precision column (year, month, day), so that
"2021-07" is never read as a day. Written as CSV (UTF-8 with a byte-order mark, so that Excel reads
"Kvarnström"), Parquet (pyarrow, extra `parquet`) or JSON lines; the statements also as PLOVER event
records (data/plover.json).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import __version__
from .query import EventFilter, list_events
from .types import ReadoutsError

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("csv", "parquet", "jsonl")
PAGE = 2_000  # events read from the database at a time
CHUNK = 500  # ids per query for the actors and documents of the events


def date_precision(value: str | None) -> str | None:
    """"year", "month" or "day" for a date kept with its precision ("2021", "2021-07", "2021-07-16")."""
    return {4: "year", 7: "month", 10: "day"}.get(len(value)) if value else None


# column name -> type ("int", "str", "bool"): the Parquet schema, and the order of every format's columns
COLUMNS: dict[str, dict[str, str]] = {
    "engagements": {"engagement_id": "int", "date": "str", "date_precision": "str", "date_inferred": "bool",
                    "type": "str", "format": "str", "city": "str", "country": "str", "participants": "int",
                    "topics": "str", "sources": "int"},
    "sources": {"engagement_id": "int", "event_id": "int", "document_id": "int", "doc_id": "str", "publisher": "str",
                "url": "str", "title": "str", "published": "str", "published_precision": "str", "date": "str",
                "date_precision": "str", "type": "str", "evidence": "str"},
    "participants": {"engagement_id": "int", "date": "str", "date_precision": "str", "actor_id": "int", "actor": "str",
                     "printed_name": "str", "title": "str", "country": "str", "kind": "str", "sources": "int"},
    "topics": {"engagement_id": "int", "event_id": "int", "date": "str", "date_precision": "str", "topic": "str",
               "phrase": "str"},
    "statements": {"statement_id": "int", "document_id": "int", "doc_id": "str", "published": "str",
                   "published_precision": "str", "source": "str", "action": "str", "target": "str", "topic": "str",
                   "evidence": "str", "evidence_start": "int", "evidence_end": "int"},
    "actors": {"actor_id": "int", "name": "str", "country": "str", "kind": "str", "events": "int"},
    "documents": {"document_id": "int", "doc_id": "str", "source": "str", "url": "str", "title": "str",
                  "publisher": "str", "published": "str", "published_precision": "str", "language": "str",
                  "ingested_at": "str", "stamp": "str"},
}


def iter_events(store: Store, f: EventFilter) -> Iterator[dict]:
    """Every event the filter matches (whatever its limit), read PAGE at a time, oldest first."""
    offset = 0
    while True:
        page = list_events(store, replace(f, sort="oldest", limit=PAGE, offset=offset))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def engagement_rows(engagements: list[dict]) -> list[dict]:
    """One row per engagement (Store.engagements: the values most of its sources give): how many took
    part, its topics (";"-separated; the topics table has one row each) and how many pages report it."""
    return [{"engagement_id": g["id"], "date": g["date"], "date_precision": date_precision(g["date"]),
             "date_inferred": g["date_inferred"], "type": g["type"], "format": g["format"],
             "city": (g["location"] or {}).get("city"), "country": (g["location"] or {}).get("country"),
             "participants": len(g["participants"]), "topics": ";".join(g["topics"]), "sources": len(g["sources"])}
            for g in engagements]


def source_rows(events: list[dict], documents: dict[int, dict]) -> list[dict]:
    """One row per page reading of an engagement (an event as the page reads it): the page, what it read
    (date, type) and the sentences that report it (evidence, one a line). documents: id -> documents row
    (document_rows)."""
    rows = []
    for e in events:
        d = documents[e["document_id"]]
        rows.append({"engagement_id": e["engagement_id"], "event_id": e["id"], "document_id": d["document_id"],
                     "doc_id": d["doc_id"], "publisher": d["publisher"], "url": d["url"], "title": d["title"],
                     "published": d["published"], "published_precision": d["published_precision"], "date": e["date"],
                     "date_precision": date_precision(e["date"]), "type": e["type"], "evidence": "\n".join(e["evidence"])})
    return rows


def participant_rows(engagements: list[dict], actors: dict[int, dict]) -> list[dict]:
    """One row per engagement and actor: the actor (its id and name across pages), the name and title
    most of the engagement's sources print, and how many of them name it. actors: id -> actors row."""
    return [{"engagement_id": g["id"], "date": g["date"], "date_precision": date_precision(g["date"]),
             "actor_id": p["actor_id"], "actor": actors[p["actor_id"]]["name"], "printed_name": p["name"],
             "title": p["title"], "country": p["country"], "kind": p["kind"], "sources": p["sources"]}
            for g in engagements for p in g["participants"]]


def topic_rows(events: list[dict]) -> list[dict]:
    """One row per page reading and topic, with the phrase that signalled it on that page."""
    return [{"engagement_id": e["engagement_id"], "event_id": e["id"], "date": e["date"], "date_precision": date_precision(e["date"]), "topic": topic,
             "phrase": e["topic_evidence"].get(topic)} for e in events for topic in e["topics"]]


def statement_rows(store: Store, documents: dict[int, dict]) -> list[dict]:
    """One row per statement of the pages and target (a statement with no target: one row, target
    empty): who (source), did what (action, PLOVER), to whom (target), about what (topic), and the
    sentence it was read from with its offsets in the clean text."""
    rows = []
    for document_id, d in documents.items():
        for s in store.statements_of_document(document_id):
            span = s["evidence_span"] or {}
            for target in s["target"] or [None]:
                rows.append({"statement_id": s["id"], "document_id": document_id, "doc_id": d["doc_id"],
                             "published": d["published"], "published_precision": d["published_precision"],
                             "source": s["source"], "action": s["action"], "target": target, "topic": s["topic"],
                             "evidence": s["evidence"], "evidence_start": span.get("start"),
                             "evidence_end": span.get("end")})
    return rows


def _chunks(ids: list[int]) -> Iterator[tuple[str, list[int]]]:
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        yield ",".join("?" * len(chunk)), chunk


def actor_rows(store: Store, actor_ids: set[int]) -> dict[int, dict]:
    """The actors, by id, with the number of events each took part in (in the whole database)."""
    out = {}
    for marks, chunk in _chunks(sorted(actor_ids)):
        for r in store.db.execute(f"SELECT a.id, a.name, a.country, a.kind, COUNT(DISTINCT p.event_id) AS events"
                                  f" FROM actors a JOIN participants p ON p.actor_id = a.id WHERE a.id IN ({marks})"
                                  f" GROUP BY a.id, a.name, a.country, a.kind", chunk):
            out[r["id"]] = {"actor_id": r["id"], "name": r["name"], "country": r["country"], "kind": r["kind"],
                            "events": r["events"]}
    return dict(sorted(out.items()))


def document_rows(store: Store, document_ids: set[int]) -> dict[int, dict]:
    """The pages, by id (their text stays in the database: `readouts show` and the web pages give it)."""
    out = {}
    for marks, chunk in _chunks(sorted(document_ids)):
        for r in store.db.execute("SELECT id, doc_id, source, source_url, title, publisher, published, language,"
                                  f" ingested_at, stamp FROM documents WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"document_id": r["id"], "doc_id": r["doc_id"], "source": r["source"],
                            "url": r["source_url"], "title": r["title"], "publisher": r["publisher"],
                            "published": r["published"], "published_precision": date_precision(r["published"]),
                            "language": r["language"], "ingested_at": r["ingested_at"], "stamp": r["stamp"]}
    return dict(sorted(out.items()))


def tables(store: Store, f: EventFilter) -> dict[str, list[dict]]:
    """Every table of the events the filter matches, by name (the keys of COLUMNS)."""
    events = list(iter_events(store, f))
    # the engagements the matching page readings belong to, each once, in the order of its first reading
    engagements = [g for _, ids in _chunks(list(dict.fromkeys(e["engagement_id"] for e in events if e["engagement_id"])))
                   for g in store.engagements(ids)]
    documents = document_rows(store, {e["document_id"] for e in events})
    actors = actor_rows(store, {p["actor_id"] for e in events for p in e["participants"]}
                        | {p["actor_id"] for g in engagements for p in g["participants"]})
    return {"engagements": engagement_rows(engagements), "sources": source_rows(events, documents),
            "participants": participant_rows(engagements, actors), "topics": topic_rows(events),
            "statements": statement_rows(store, documents), "actors": list(actors.values()),
            "documents": list(documents.values())}


@cache
def quad_codes() -> dict[str, int]:
    data = json.loads(resources.files("readouts.data").joinpath("plover.json").read_text("utf-8"))
    return data["quad_codes"]


def plover_record(row: dict, document: dict) -> dict:
    """A statements row as a PLOVER event record (data/plover.json). date: the page's publication day
    (a statement is dated by its page), null when the page gives less than a day (date_precision says
    what it gave)."""
    return {"id": f"readouts-{row['statement_id']}", "date": row["published"] if row["published_precision"] == "day"
            else None, "date_precision": row["published_precision"],
            "source": [{"code": row["source"]}] if row["source"] else [],
            "recipient": [{"code": row["target"]}] if row["target"] else [],
            "event": [row["action"]], "quad_code": quad_codes().get(row["action"]),
            "context": [row["topic"]] if row["topic"] else [], "text": row["evidence"],
            "text_info": {"start": row["evidence_start"], "end": row["evidence_end"]},
            "cite_info": {"corpus": document["doc_id"], "url": document["url"], "title": document["title"],
                          "publication": document["publisher"], "language": document["language"]},
            "coder": f"readouts {__version__}"}


def write_csv(out: IO[str], rows: list[dict], columns: list[str], bom: bool = True) -> None:
    """Rows as CSV with a header; bom: begin with a byte-order mark (Excel then reads the file as UTF-8)."""
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _write_csv(path: Path, rows: list[dict], columns: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        write_csv(out, rows, list(columns))


def _write_parquet(path: Path, rows: list[dict], columns: dict[str, str]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ReadoutsError("--format parquet needs pyarrow: pip install 'readouts[parquet]'") from None
    types = {"int": pa.int64(), "str": pa.string(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def _write_jsonl(path: Path, rows: list[dict], _columns: dict[str, str] | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


WRITERS: dict[str, Callable[[Path, list[dict], dict[str, str]], None]] = {
    "csv": _write_csv, "parquet": _write_parquet, "jsonl": _write_jsonl}


def export(store: Store, folder: Path, fmt: str, f: EventFilter = EventFilter()) -> dict[str, int]:
    """Write every table of the events the filter matches into folder (created if needed) as
    NAME.csv, NAME.parquet or NAME.jsonl, and the statements as PLOVER records in plover.jsonl.
    Returns rows written per file. ReadoutsError for parquet without pyarrow, or a folder that cannot be
    created (under a file, in /proc, without permission)."""
    if fmt not in FORMATS:
        raise ReadoutsError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadoutsError(f"cannot create folder {folder}: {exc.strerror or exc}") from exc
    written = {}
    built = tables(store, f)
    for name, rows in built.items():
        path = folder / f"{name}.{fmt}"
        WRITERS[fmt](path, rows, COLUMNS[name])
        written[path.name] = len(rows)
    documents = {d["document_id"]: d for d in built["documents"]}
    _write_jsonl(folder / "plover.jsonl", [plover_record(r, documents[r["document_id"]]) for r in built["statements"]])
    written["plover.jsonl"] = len(built["statements"])
    return written
