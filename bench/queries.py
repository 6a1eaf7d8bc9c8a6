"""Query benchmark (`make bench-queries`): the event list and full-text search through the REST API at N events.

The generator builds a synthetic database of --events events (default 1,000,000) on SQLite and on
PostgreSQL (a --pg URL, or a throw-away server started like the tests' one), with realistic skew:
actors and topics follow Zipf-like frequencies, dates spread over 2000-2025 (a few undated), two or
three participants and one or two topics per event, four events per page. Each event's evidence is a
sentence naming its actors and topic among words drawn from a vocabulary with Zipf frequencies, and
a page's text is its events' sentences with filler sentences between them, so that full-text search
finds from a handful of pages (rare words) to nearly all of them (common words). Rows go in with
executemany (COPY on PostgreSQL) in large transactions, after Store.open has made the schema with
every migration; the database's own full-text index follows the pages.

Then it serves the database with `readouts serve` and times, with one keep-alive HTTP client, GETs of
  events   /api/events?actor=..&topic=..&since=..&until=..&limit=50 (a frequent actor's name, a topic,
           a range of one to five years),
  search   /api/search?q=.. (a word drawn by its frequency, an actor's name or a topic's words),
  text     /api/events?q=..&limit=50 (the same words: events of the pages that contain them),
and the same calls on the store in-process, and prints p50/p95 per backend per kind. It prints
figures and asserts nothing.

  python bench/queries.py --build-only --db PATH_OR_URL   # only generate a database (SQLite path or postgresql:// URL)
  python bench/queries.py --db PATH_OR_URL                # time a database generated before (built when empty)
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

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
CITIES = ["Seoul", "Washington", "Tokyo", "Beijing", "Brussels", "Geneva", "London", "Paris", "Berlin", "Canberra",
          "Ottawa", "New Delhi", "Jakarta", "Hanoi", "Manila", "Bangkok", "Singapore", "Rome", "Madrid", "Warsaw"]
# the words of the pages, most frequent first; a long tail of rarer made-up words follows them
WORDS = """cooperation minister foreign bilateral discussed ministers regional relations countries security
agreed meeting peace partnership stability continue strengthen both sides issues talks economic region
international support further exchanged views future dialogue commitment efforts development global
close important joint shared values trilateral coordination matters community partners council summit
president secretary deputy special representative envoy ambassador delegation counterpart embassy ministry
consultations framework initiative visit welcomed reaffirmed emphasized expressed concern condemned urged
called progress implementation resolution agreement treaty alliance investment infrastructure supply chains
energy climate health pandemic vaccine technology digital cyber maritime navigation freedom rule order law
sovereignty territorial integrity humanitarian assistance aid refugees crisis conflict ceasefire negotiations
provocations launches ballistic missile nuclear program weapons denuclearization peninsula sanctions evasion
enforcement panel experts monitoring violations human rights abuses accountability democracy elections trade
tariffs exports imports market finance growth recovery inflation education culture people exchanges youth
students tourism science research innovation space satellite semiconductor critical minerals food security
agriculture fisheries water environment emissions renewable green transition development goals poverty
""".split()
EVENTS_PER_DOCUMENT = 4
BATCH_EVENTS = 100_000  # events per transaction
FIRST_DAY, DAYS = 730_120, 9_490  # date.toordinal(2000-01-01), about 26 years
TEMPLATES = ["{a} met {b} in {city} to discuss {topic} and {w}.",
             "{a} held talks with {b} on {topic}, {w}.",
             "In a phone call, {a} and {b} discussed {topic} and agreed that {w}.",
             "{a} welcomed {b} to {city}; the two reviewed {topic} as well as {w}."]


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
        self.vocabulary = WORDS + [_made_up_word(i) for i in range(5000)]
        self.word_weights = list(_cumulative(zipf_weights(len(self.vocabulary), 1.0)))

    def actors(self) -> list[tuple]:
        return [(i + 1, name, f"person:{name.casefold()}", COUNTRIES[i % len(COUNTRIES)], "person")
                for i, name in enumerate(self.actor_names)]

    def batch(self, first_event: int, count: int) -> dict[str, list[tuple]]:
        """The rows of events first..first+count, their pages (whole pages: batches are multiples of 4) and
        the (actor_id, printed name) pairs."""
        rng, words = self.rng, iter(self.rng.choices(self.vocabulary, cum_weights=self.word_weights, k=count * 40))
        phrase = lambda n: " ".join(next(words) for _ in range(n))
        rows: dict[str, list[tuple]] = {"documents": [], "events": [], "participants": [], "event_topics": [],
                                        "actor_names": []}
        page: list[str] = []
        for e in range(first_event, first_event + count):
            date = None if rng.random() < 0.03 else _iso(FIRST_DAY + rng.randrange(DAYS))
            people = list(dict.fromkeys(rng.choices(range(self.n_actors), cum_weights=self.actor_weights,
                                                    k=3 if rng.random() < 0.3 else 2)))
            printed = [self.actor_names[a] if rng.random() < 0.95 else f"Amb. {self.actor_names[a]}" for a in people]
            topics = list(dict.fromkeys(rng.choices(TOPICS, cum_weights=self.topic_weights, k=1 + (rng.random() < 0.5))))
            sentence = rng.choice(TEMPLATES).format(
                a=printed[0], b=" and ".join(printed[1:]), city=rng.choice(CITIES), w=phrase(rng.randrange(4, 12)),
                topic=" and ".join(t.replace("_", " ") for t in topics))
            rows["events"].append((e + 1, e // EVENTS_PER_DOCUMENT + 1, e % EVENTS_PER_DOCUMENT, rng.choice(TYPES),
                                   date, 0, None, rng.choice(COUNTRIES), "in_person", json.dumps([sentence])))
            for a, name in zip(people, printed):
                rows["participants"].append((e + 1, a + 1, name, "Minister", None, COUNTRIES[a % len(COUNTRIES)], "person",
                                             date))  # a participant row carries its event's date, as Store.save writes it
                rows["actor_names"].append((a + 1, name))
            rows["event_topics"] += [(e + 1, t) for t in topics]
            page += [sentence] + [phrase(rng.randrange(6, 16)).capitalize() + "." for _ in range(rng.randrange(1, 3))]
            if e % EVENTS_PER_DOCUMENT == EVENTS_PER_DOCUMENT - 1 or e == self.events - 1:
                d = e // EVENTS_PER_DOCUMENT
                title = f"{printed[0]} meets {printed[1] if len(printed) > 1 else 'counterpart'}"
                rows["documents"].append((d + 1, f"doc{d}", f"synthetic/doc{d}.txt", f"{d:064x}", title, " ".join(page),
                                          date, "en", 1, "new", "2025-01-01T00:00:00+00:00"))
                page = []
        return rows

    def filters(self, n: int, seed: int = 11) -> list[EventFilter]:
        """Filters a user would type: a frequent actor's name, a topic, a range of one to five years."""
        rng = random.Random(seed)
        filters = []
        for _ in range(n):
            actor = rng.choices(self.actor_names, cum_weights=self.actor_weights)[0]
            topic = rng.choices(TOPICS, cum_weights=self.topic_weights)[0]
            start = rng.randrange(2000, 2024)
            filters.append(EventFilter(actors=(actor,), topic=topic, since=str(start),
                                       until=str(min(2025, start + rng.randrange(1, 6))), limit=50))
        return filters

    def searches(self, n: int, seed: int = 13) -> list[str]:
        """Words a user would look for: half a word drawn by its frequency, the rest an actor's name or a topic."""
        rng = random.Random(seed)
        draws = [lambda: rng.choices(self.vocabulary, cum_weights=self.word_weights)[0],
                 lambda: rng.choices(self.actor_names, cum_weights=self.actor_weights)[0],
                 lambda: rng.choices(TOPICS, cum_weights=self.topic_weights)[0].replace("_", " ")]
        return [rng.choices(draws, weights=[2, 1, 1])[0]() for _ in range(n)]


def _surname(i: int) -> str:
    letters = "".join(chr(ord("a") + (i // 26 ** k) % 26) for k in range(4))
    return letters.capitalize()


def _made_up_word(i: int) -> str:
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "ni", "pra", "qua", "zen", "bo", "li", "mar", "tes"]
    return "".join(syllables[(i // 16 ** k) % 16] for k in range(4))


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
    "documents": "id, doc_id, source, sha256, title, clean_text, published, language, is_relevant, status, ingested_at",
    "events": "id, document_id, seq, type, date, date_inferred, city, country, format, evidence",
    "participants": "event_id, actor_id, name, title, organization, country, kind, date",
    "event_topics": "event_id, topic",
    "actor_names": "actor_id, name",
}


def load(store: Store, corpus: Corpus) -> None:
    """Fill an empty store with the corpus, one transaction per batch of events."""
    _insert(store, {"actors": corpus.actors()})
    names: set[tuple] = set()
    for first in range(0, corpus.events, BATCH_EVENTS):
        rows = corpus.batch(first, min(BATCH_EVENTS, corpus.events - first))
        names.update(rows.pop("actor_names"))
        _insert(store, rows)
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


def build(url: str, events: int) -> float:
    """Generate the database at url when it holds no event yet; the seconds it took (0 if it was there)."""
    with Store.open(url) as store:
        if store.db.execute("SELECT 1 FROM events LIMIT 1").fetchone():
            return 0.0
        start = time.perf_counter()
        load(store, Corpus(events))
        return time.perf_counter() - start


# -- timing ---------------------------------------------------------------------------------------

def percentiles(call: Callable[[object], int], cases: list) -> tuple[float, float, float]:
    """p50, p95 (ms) and the mean number of items of call over the cases, each called once before
    (a server that has run a while: the database's pages it reads are in memory)."""
    for case in cases:
        call(case)
    times, items = [], []
    for case in cases:
        start = time.perf_counter()
        items.append(call(case))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], statistics.mean(items)


def event_params(f: EventFilter) -> dict:
    return {"actor": f.actors[0], "topic": f.topic, "since": f.since, "until": f.until, "limit": f.limit}


class Server:
    """`readouts serve` over the database on a free loopback port, and one keep-alive client."""

    def __init__(self, url: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen([sys.executable, "-c", "from readouts.cli import main; main()", "serve",
                                         "--db", url, "--port", str(self.port)])
        deadline = time.monotonic() + 600  # the server migrates the database first
        while True:
            try:
                self.client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.get("/api/events", {"limit": 1})
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("readouts serve did not start")
                time.sleep(0.2)

    def get(self, path: str, params: dict) -> int:
        """GET path?params; the number of items of the JSON answer."""
        self.client.request("GET", f"{path}?{urlencode(params)}")
        response = self.client.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} {params}: {response.status} {body[:200]!r}")
        return body.count(b'"id":') if path == "/api/events" else body.count(b'"doc_id":')

    def close(self) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def bench(label: str, url: str, events: int, queries: int) -> None:
    built = build(url, events)
    corpus = Corpus(events)
    filters, words = corpus.filters(queries), corpus.searches(queries)
    with Store.open(url) as store:
        n = store.db.execute("SELECT COUNT(*) AS n FROM events").fetchone()["n"]
        store_figures = {
            "events": percentiles(lambda f: len(store.list_events(f)), filters),
            "search": percentiles(lambda q: len(store.search(q)), words),
            "text": percentiles(lambda q: len(store.list_events(EventFilter(text=q, limit=50))), words),
        }
    server = Server(url)
    try:
        api_figures = {
            "events": percentiles(lambda f: server.get("/api/events", event_params(f)), filters),
            "search": percentiles(lambda q: server.get("/api/search", {"q": q}), words),
            "text": percentiles(lambda q: server.get("/api/events", {"q": q, "limit": 50}), words),
        }
    finally:
        server.close()
    print(f"{label}: {n:,} events{f', built in {built:.0f} s' if built else ''}", flush=True)
    kinds = {"events": "actor+topic+dates, limit 50", "search": "/api/search?q=, 20 pages",
             "text": "/api/events?q=, limit 50"}
    for kind, what in kinds.items():
        (a50, a95, items), (s50, s95, _) = api_figures[kind], store_figures[kind]
        print(f"  {kind:<7} {what:<28} API p50 {a50:6.1f} ms  p95 {a95:6.1f} ms   store p50 {s50:6.1f} ms"
              f"  p95 {s95:6.1f} ms   ({items:.0f} items on average)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate (default 1,000,000)")
    parser.add_argument("--queries", type=int, default=200, help="timed calls per kind (default 200)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="default: sqlite,postgresql")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database (default: a throw-away server)")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="generate into (or time) this database instead of throw-away ones, one backend")
    parser.add_argument("--build-only", action="store_true", help="generate the database of --db and stop")
    args = parser.parse_args()
    if args.build_only and not args.db:
        parser.error("--build-only needs --db")
    if args.db:
        if args.build_only:
            print(f"{args.db}: built in {build(args.db, args.events):.0f} s")
        else:
            bench(args.db, args.db, args.events, args.queries)
        return
    root = Path(tempfile.mkdtemp(prefix="readouts-bench-"))
    stop = None
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                bench("SQLite", str(root / "bench.db"), args.events, args.queries)
            elif backend == "postgresql":
                url = args.pg
                if url is None:
                    import pg_server
                    root.chmod(0o755)  # the postgres user must reach its folder
                    (root / "pg").mkdir()
                    url, stop = pg_server._start_cluster(root / "pg")
                bench("PostgreSQL", url, args.events, args.queries)
    finally:
        if stop:
            subprocess.run(stop, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
