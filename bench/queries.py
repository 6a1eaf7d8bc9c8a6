"""Query benchmark (`make bench-queries`): the filtered event list on a synthetic database of N events.

It builds a database of --events events (default 1,000,000) on SQLite and on PostgreSQL (a
--pg URL, or a throw-away server started like the tests' one), with realistic skew: actors and
topics follow Zipf-like frequencies, dates spread over 2000-2025 (a few undated), two or three
participants and one or two topics per event. Rows go in with executemany (COPY on PostgreSQL)
in large transactions, after Store.open has made the schema with every migration. Then it times
Store.list_events with actor + topic + date-range filters and limit 50, through the API, and
prints p50/p95 per backend. It prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # pg_server: the tests' throw-away PostgreSQL server

from readouts.store import EventFilter, Store  # noqa: E402

COUNTRIES = ["USA", "KOR", "JPN", "CHN", "RUS", "PRK", "GBR", "FRA", "DEU", "AUS", "CAN", "IND", "EU", "UN",
             "MNG", "VNM", "PHL", "IDN", "THA", "SGP", "NZL", "ITA", "ESP", "POL", "UKR", "TUR", "BRA", "MEX"]
TOPICS = ["sanctions", "nuclear", "missile_launch", "denuclearization", "human_rights", "trade", "security",
          "economy", "climate", "cyber", "humanitarian_aid", "dialogue", "military_exercises", "energy",
          "supply_chains", "health", "technology", "maritime", "ukraine", "development", "culture", "education"]
TYPES = ["meeting", "phone_call", "visit", "talks", "summit", "video_call"]
GIVEN = ["Kim", "Lee", "Park", "John", "Anna", "Yoshi", "Wang", "Maria", "Ivan", "Ahmed", "Sofia", "Raj"]
EVENTS_PER_DOCUMENT = 4
BATCH_EVENTS = 100_000  # events per transaction
FIRST_DAY, DAYS = 730_120, 9_490  # date.toordinal(2000-01-01), about 26 years


def zipf_weights(n: int, s: float) -> list[float]:
    return [1 / (k ** s) for k in range(1, n + 1)]


class Corpus:
    """The synthetic rows, generated batch by batch from a fixed seed."""

    def __init__(self, events: int, seed: int = 7) -> None:
        self.events, self.rng = events, random.Random(seed)
        self.n_actors = max(500, events // 50)
        # surnames of four letters: no name is a part of another, as with real names
        self.actor_names = [f"{GIVEN[i % len(GIVEN)]} {_surname(i)}" for i in range(self.n_actors)]
        self.actor_weights = list(_cumulative(zipf_weights(self.n_actors, 0.8)))
        self.topic_weights = list(_cumulative(zipf_weights(len(TOPICS), 1.0)))

    def actors(self) -> list[tuple]:
        return [(i + 1, name, f"person:{name.casefold()}", COUNTRIES[i % len(COUNTRIES)], "person")
                for i, name in enumerate(self.actor_names)]

    def documents(self, first_event: int, count: int) -> list[tuple]:
        first, last = first_event // EVENTS_PER_DOCUMENT, (first_event + count - 1) // EVENTS_PER_DOCUMENT
        return [(d + 1, f"doc{d}", f"synthetic/doc{d}.txt", f"{d:064x}", "new", "2025-01-01T00:00:00+00:00")
                for d in range(first, last + 1)]

    def batch(self, first_event: int, count: int) -> tuple[list[tuple], list[tuple], list[tuple], set[tuple]]:
        """Events, participants, topics and (actor_id, printed name) pairs of events first..first+count."""
        rng, events, participants, topics, names = self.rng, [], [], [], set()
        for e in range(first_event, first_event + count):
            date = None if rng.random() < 0.03 else _iso(FIRST_DAY + rng.randrange(DAYS))
            events.append((e + 1, e // EVENTS_PER_DOCUMENT + 1, e % EVENTS_PER_DOCUMENT, rng.choice(TYPES), date, 0,
                           None, rng.choice(COUNTRIES), "in_person", '["A met B."]'))
            people = set(rng.choices(range(self.n_actors), cum_weights=self.actor_weights, k=3 if rng.random() < 0.3 else 2))
            for a in people:
                name = self.actor_names[a] if rng.random() < 0.95 else f"Amb. {self.actor_names[a]}"
                names.add((a + 1, name))
                participants.append((e + 1, a + 1, name, "Minister", None, COUNTRIES[a % len(COUNTRIES)], "person"))
            for t in set(rng.choices(TOPICS, cum_weights=self.topic_weights, k=1 + (rng.random() < 0.5))):
                topics.append((e + 1, t))
        return events, participants, topics, names

    def queries(self, n: int, seed: int = 11) -> list[EventFilter]:
        """Filters a user would type: a frequent actor's name, a topic, a range of one to five years."""
        rng = random.Random(seed)
        filters = []
        for _ in range(n):
            actor = rng.choices(self.actor_names, cum_weights=self.actor_weights)[0]
            topic = rng.choices(TOPICS, cum_weights=self.topic_weights)[0]
            start = rng.randrange(2000, 2024)
            filters.append(EventFilter(actor=actor, topic=topic, since=str(start),
                                       until=str(min(2025, start + rng.randrange(1, 6))), limit=50))
        return filters


def _surname(i: int) -> str:
    letters = "".join(chr(ord("a") + (i // 26 ** k) % 26) for k in range(4))
    return letters.capitalize()


def _cumulative(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


def _iso(ordinal: int) -> str:
    from datetime import date
    return date.fromordinal(ordinal).isoformat()


TABLES = {
    "actors": "id, name, key, country, kind",
    "documents": "id, doc_id, source, sha256, status, ingested_at",
    "events": "id, document_id, seq, type, date, date_inferred, city, country, format, evidence",
    "participants": "event_id, actor_id, name, title, organization, country, kind",
    "event_topics": "event_id, topic",
    "actor_names": "actor_id, name",
}


def load(store: Store, corpus: Corpus) -> None:
    """Fill an empty store with the corpus, one transaction per batch of events."""
    _insert(store, {"actors": corpus.actors()})
    names: set[tuple] = set()
    for first in range(0, corpus.events, BATCH_EVENTS):
        count = min(BATCH_EVENTS, corpus.events - first)
        events, participants, topics, batch_names = corpus.batch(first, count)
        _insert(store, {"documents": corpus.documents(first, count), "events": events,
                        "participants": participants, "event_topics": topics})
        names |= batch_names
    if "actor_names" in store.db.tables():
        store.db.execute("DELETE FROM actor_names")
        _insert(store, {"actor_names": sorted(names)})
    if store.dialect.name == "postgresql":
        for table in TABLES:  # the serial ids go on after the explicit ones
            if "id," in TABLES[table][:3]:
                store.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    store.db.execute("ANALYZE")


def _insert(store: Store, rows_by_table: dict[str, list[tuple]]) -> None:
    with store.transaction() as db:
        for table, rows in rows_by_table.items():
            columns = TABLES[table]
            if db.dialect.name == "postgresql":
                with db.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ",".join("?" * len(columns.split(",")))
                db.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def measure(store: Store, filters: list[EventFilter], warmup: int = 10) -> tuple[float, float, float]:
    """p50, p95 (ms) and mean rows of list_events over the filters."""
    for f in filters[:warmup]:
        store.list_events(f)
    times, rows = [], []
    for f in filters:
        start = time.perf_counter()
        rows.append(len(store.list_events(f)))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], statistics.mean(rows)


def bench(label: str, url: str, corpus: Corpus, filters: list[EventFilter]) -> None:
    with Store.open(url) as store:
        start = time.perf_counter()
        load(store, corpus)
        built = time.perf_counter() - start
        p50, p95, rows = measure(store, filters)
    print(f"{label:<11} {corpus.events:>9,} events  built in {built:6.1f} s   list_events(actor, topic, dates,"
          f" limit 50): p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({rows:.0f} rows on average)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database (default: a throw-away server)")
    args = parser.parse_args()
    corpus = Corpus(args.events)
    filters = corpus.queries(args.queries)
    root = Path(tempfile.mkdtemp(prefix="readouts-bench-"))
    stop = None
    try:
        for backend in args.backends.split(","):
            corpus = Corpus(args.events)  # the same rows on every backend
            if backend == "sqlite":
                bench("SQLite", str(root / "bench.db"), corpus, filters)
            elif backend == "postgresql":
                url = args.pg
                if url is None:
                    import pg_server
                    root.chmod(0o755)  # the postgres user must reach its folder
                    (root / "pg").mkdir()
                    url, stop = pg_server._start_cluster(root / "pg")
                bench("PostgreSQL", url, corpus, filters)
    finally:
        if stop:
            import subprocess
            subprocess.run(stop, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
