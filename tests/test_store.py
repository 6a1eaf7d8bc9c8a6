"""The store on real databases, SQLite and PostgreSQL: idempotent ingest, one actor per person, queries."""
from dataclasses import replace

import pytest

from readouts.ingest import read_document
from readouts.pipeline import process
from readouts.resolve import actor_key
from readouts.store import MIGRATIONS, EventFilter, Store
from readouts.types import CleanDocument, Event, Extraction, Participant, RawDocument, Span, Statement, StoreError


def raw(text: str, doc_id: str = "d1", source: str | None = None) -> RawDocument:
    import hashlib
    return RawDocument(doc_id=doc_id, source=source or f"{doc_id}.txt", text=text, encoding="utf-8",
                       sha256=hashlib.sha256(text.encode()).hexdigest())


def extraction(doc_id: str, *events: Event) -> Extraction:
    return Extraction(doc_id=doc_id, is_relevant=bool(events), events=list(events),
                      statements=[Statement("ACCUSE", ["PRK"], "missile_launch", Span(0, 27, "They condemned North Korea."))])


def meeting(date: str, *people: tuple[str, str, str]) -> Event:
    return Event(type="meeting", date=date, participants=[Participant(n, t, None, c) for n, t, c in people],
                 topics=["sanctions"], evidence=[Span(0, 8, "A met B.")])


def save(store: Store, text: str, ex: Extraction, source: str | None = None) -> str:
    r = raw(text, ex.doc_id, source)
    return store.save(r, CleanDocument(doc_id=r.doc_id, source=r.source, text=text), ex)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A new, empty database of each backend (PostgreSQL: a server started for the session)."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    return request.getfixturevalue("fresh_pg_url")


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as s:
        yield s


def dump(url: str) -> list:
    """Every table's rows, in insertion order."""
    with Store.open(url) as s:
        return [(t, [dict(r) for r in s.db.execute(f"SELECT * FROM {t} ORDER BY {s.dialect.rowid}")])
                for t in s.db.tables()]


def test_actor_key_ignores_order_case_hyphens_and_honorifics():
    assert actor_key("Noh Kyu-duk") == actor_key("Kyuduk Noh") == actor_key("NOH Kyu-Duk")
    assert actor_key("Amb. Kim Gunn") == actor_key("Kim Gunn")
    assert actor_key("HAYASHI Yoshimasa") == actor_key("Yoshimasa Hayashi")
    assert actor_key("Kim Gunn") != actor_key("Sung Kim")


def test_saving_twice_writes_nothing_the_second_time(store_url):
    path = store_url
    ex = extraction("d1", meeting("2024-07-22", ("Lee Jun-il", "Director-General", "KOR"), ("Seth Bailey", "DSR", "USA")))
    with Store.open(str(path)) as s:
        assert save(s, "text one", ex) == "new"
    before = dump(path)
    with Store.open(str(path)) as s:
        assert save(s, "text one", ex) == "unchanged"
    assert dump(path) == before


def test_one_actor_per_person_with_role_history_and_counterparts(store):
    save(store, "a", extraction("a", meeting("2023-12-11", ("Kim Gunn", "Special Representative", "KOR"),
                                             ("Jung Pak", "Deputy Special Representative", "USA"))))
    save(store, "b", extraction("b", meeting("2024-01-23", ("Amb. Kim Gunn", "Special Representative", "KOR"),
                                             ("Enrique Mora Benavente", "Deputy Secretary General", "EU"))))
    save(store, "c", extraction("c", meeting("2024-02-01", ("Kim", "Special Representative", "KOR"),
                                             ("Jung Pak", "Deputy Special Representative", "USA"))))
    (kim,) = store.list_actors("Kim Gunn")
    assert kim["events"] == 3
    assert kim["roles"] == [{"title": "Special Representative", "organization": "", "country": "KOR",
                             "first_seen": "2023-12-11", "last_seen": "2024-02-01"}]
    assert [(c["name"], c["events"]) for c in kim["counterparts"]] == [("Jung Pak", 2), ("Enrique Mora Benavente", 1)]


def test_event_filters(store):
    save(store, "a", extraction("a", meeting("2023-12-11", ("Kim Gunn", "SR", "KOR"), ("Jung Pak", "DSR", "USA"))))
    save(store, "b", extraction("b", meeting("2024-07-22", ("Lee Jun-il", "DG", "KOR"), ("Seth Bailey", "DSR", "USA"))))
    assert [e["date"] for e in store.list_events()] == ["2023-12-11", "2024-07-22"]
    assert [e["date"] for e in store.list_events(EventFilter(actors=("Bailey",)))] == ["2024-07-22"]
    assert [e["date"] for e in store.list_events(EventFilter(since="2024"))] == ["2024-07-22"]
    assert [e["date"] for e in store.list_events(EventFilter(until="2023-12"))] == ["2023-12-11"]
    assert store.list_events(EventFilter(topic="cyber")) == []
    assert len(store.list_events(EventFilter(countries=("USA",), topic="sanctions", type="meeting"))) == 2


def test_get_event_has_statements_evidence_and_source(store):
    save(store, "a", extraction("a", meeting("2023-12-11", ("Kim Gunn", "SR", "KOR"), ("Jung Pak", "DSR", "USA"))))
    event = store.get_event(store.list_events()[0]["id"])
    assert event["evidence"] == ["A met B."]
    assert event["statements"][0]["target"] == ["PRK"]
    assert event["document"]["doc_id"] == "a"
    assert store.get_event(999) is None


def test_failures_are_recorded_and_replaced_by_a_later_success(store):
    store.record_failure("d1.txt", "d1.txt: empty file")
    assert [d["reason"] for d in store.list_documents("failed")] == ["d1.txt: empty file"]
    save(store, "now readable", extraction("d1"))
    assert store.list_documents("failed") == []


def test_schema_is_versioned(store):
    assert store.schema_version() == len(MIGRATIONS)


def test_unreachable_postgresql_server_gives_a_clear_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect"):
        Store.open("postgresql://nobody:secret@127.0.0.1:1/readouts")


def test_seed_page_end_to_end(store, corpus_dirs):
    path = sorted((corpus_dirs["seeds"] / "raw").glob("*.txt"))[1]
    r = read_document(path)
    assert store.save(r, *process(r)) == "new"
    (event,) = store.list_events()
    assert {p["name"] for p in event["participants"]} == {"Lee Jun-il", "Seth Bailey"}


def test_full_text_search_and_topic_trends(store):
    save(store, "The envoys discussed sanctions evasion at sea.", extraction(
        "a", meeting("2023-12-11", ("Kim Gunn", "SR", "KOR"), ("Jung Pak", "DSR", "USA"))))
    save(store, "Nothing about that here.", extraction("b", meeting("2024-02-01", ("Lee Jun-il", "DG", "KOR"),
                                                                  ("Seth Bailey", "DSR", "USA"))))
    assert [hit["doc_id"] for hit in store.search("sanctions evasion")] == ["a"]
    assert store.search('evasion" OR "nothing') == []  # the query is one phrase, never search syntax
    assert [e["date"] for e in store.list_events(EventFilter(text="sanctions"))] == ["2023-12-11"]
    assert store.topic_trends("quarter") == {
        "period": "quarter", "periods": ["2023-Q4", "2024-Q1"], "topics": ["sanctions"],
        "items": [{"period": "2023-Q4", "topic": "sanctions", "events": 1, "pages": 1},
                  {"period": "2024-Q1", "topic": "sanctions", "events": 1, "pages": 1}]}
    assert store.topic_trends("month")["periods"] == ["2023-12", "2024-01", "2024-02"]  # the empty month too


def test_a_version_1_database_is_migrated_with_its_printed_names(store_url, monkeypatch):
    import readouts.store
    monkeypatch.setattr(readouts.store, "MIGRATIONS", MIGRATIONS[:1])
    with Store.open(store_url) as s, s.transaction() as db:  # rows as version 1 wrote them
        document = db.insert("INSERT INTO documents (doc_id, source, status, ingested_at) VALUES ('a', 'a.txt', 'new', '')", ())
        event = db.insert("INSERT INTO events (document_id, seq, type, date, date_inferred, evidence)"
                          " VALUES (?, 0, 'meeting', '2024-07-22', 0, '[]')", (document,))
        actor = db.insert("INSERT INTO actors (name, key, kind) VALUES ('Seth Bailey', 'bailey seth', 'person')", ())
        db.execute("INSERT INTO participants (event_id, actor_id, name, kind) VALUES (?, ?, 'Amb. Seth Bailey', 'person')",
                   (event, actor))
        assert s.schema_version() == 1
    monkeypatch.undo()
    with Store.open(store_url) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert [e["date"] for e in s.list_events(EventFilter(actors=("amb. seth",)))] == ["2024-07-22"]


def event(date: str | None, topics: list[str], *people: tuple[str, str], type: str = "meeting") -> Event:
    return Event(type=type, date=date, participants=[Participant(n, "Minister", None, c) for n, c in people],
                 topics=topics, evidence=[Span(0, len(people[0][0]) + 5, f"{people[0][0]} met.")])


def a_few_years_of_events(store: Store) -> None:
    """Events of several actors over a few years, some undated, a person printed two ways, one named twice."""
    pages = [
        ("p1", event("2023-01-05", ["sanctions"], ("Kim Gunn", "KOR"), ("Jung Pak", "USA")),
         event(None, ["sanctions", "trade"], ("Kim Gunn", "KOR"), ("Seth Bailey", "USA"))),
        ("p2", event("2023-06-30", ["trade"], ("Amb. Kim Gunn", "KOR"), ("Jung Pak", "USA"), type="phone_call"),
         event("2024-02-01", ["sanctions"], ("Seth Bailey", "USA"), ("Lee Jun-il", "KOR"))),
        ("p3", event("2024-02-01", ["sanctions", "nuclear"], ("Kim Gunn", "KOR"), ("Kim Gunn", "KOR"), ("Jung Pak", "USA")),
         event("2024-11-11", ["nuclear"], ("Kim Gunn", "KOR"), ("Lee Jun-il", "KOR"))),
        ("p4", event(None, ["nuclear"], ("Jung Pak", "USA"), ("Lee Jun-il", "KOR")),
         event("2025-03-03", ["sanctions"], ("Amb. Kim Gunn", "KOR"), ("Seth Bailey", "USA"))),
    ]
    for doc_id, *events in pages:
        save(store, f"page {doc_id} about sanctions", Extraction(doc_id=doc_id, is_relevant=True, events=events,
                                                                 statements=[]))


def expected(store: Store, f: EventFilter) -> list[dict]:
    """The events of the filter, picked from the whole list in Python."""
    def keep(e: dict) -> bool:
        names = [p["name"] for p in e["participants"]]
        canonical = [store.get_actor(p["actor_id"])["name"] for p in e["participants"]]
        return (all(any(a.casefold() in n.casefold() for n in names + canonical) for a in f.actors)
                and (not f.topic or f.topic in e["topics"]) and (not f.type or e["type"] == f.type)
                and all(c in [e["country"]] + [p["country"] for p in e["participants"]] for c in f.countries)
                and (not f.since or (e["date"] or "") >= f.since) and (not f.until or (e["date"] or "~") <= f.until + "~"))
    kept = [e for e in store.list_events() if keep(e)]
    return kept[f.offset:] if f.limit is None else kept[f.offset:f.offset + f.limit]


FILTERS = [EventFilter(actors=("Kim Gunn",)), EventFilter(actors=("kim gunn",), topic="sanctions", since="2023", until="2024"),
           EventFilter(actors=("Amb. Kim",)), EventFilter(actors=("Kim",), since="2024-02-01", limit=1, offset=1),
           EventFilter(actors=("Pak",), topic="nuclear"), EventFilter(actors=("a",), limit=3, offset=2),
           EventFilter(actors=("Bailey",), until="2024-02", type="meeting"), EventFilter(actors=("nobody",)),
           EventFilter(actors=("Jung Pak",), countries=("USA",), limit=2)]


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_actor_filters_give_the_events_of_the_whole_list(store, f):
    a_few_years_of_events(store)
    assert [e["date"] for e in store.list_events()][-2:] == [None, None]  # undated last
    got = store.list_events(f)
    assert got == expected(store, f)
    assert len({e["id"] for e in got}) == len(got)  # an actor named twice in an event lists it once


def test_an_actor_filter_matching_many_actors_gives_the_same_events(store, monkeypatch):
    import readouts.query
    a_few_years_of_events(store)
    listed = [store.list_events(f) for f in FILTERS]
    monkeypatch.setattr(readouts.query, "MAX_ACTOR_IDS", 0)  # the form that does not list the actors' ids
    assert [store.list_events(f) for f in FILTERS] == listed


def test_a_version_4_database_gets_the_dates_of_its_participant_rows(store_url, monkeypatch):
    import readouts.store
    monkeypatch.setattr(readouts.store, "MIGRATIONS", MIGRATIONS[:4])
    with Store.open(store_url) as s, s.transaction() as db:  # rows as version 4 wrote them
        document = db.insert("INSERT INTO documents (doc_id, source, status, ingested_at) VALUES ('a', 'a.txt', 'new', '')", ())
        actor = db.insert("INSERT INTO actors (name, key, kind) VALUES ('Seth Bailey', 'bailey seth', 'person')", ())
        for seq, date in enumerate(["2024-07-22", None, "2023-01-02"]):
            event = db.insert("INSERT INTO events (document_id, seq, type, date, date_inferred, evidence)"
                              " VALUES (?, ?, 'meeting', ?, 0, '[]')", (document, seq, date))
            db.execute("INSERT INTO participants (event_id, actor_id, name, kind) VALUES (?, ?, 'Seth Bailey', 'person')",
                       (event, actor))
            db.execute("INSERT INTO event_topics (event_id, topic) VALUES (?, 'sanctions')", (event,))
    monkeypatch.undo()
    with Store.open(store_url) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert [r["date"] for r in s.db.execute("SELECT date FROM participants ORDER BY event_id")] == \
            ["2024-07-22", None, "2023-01-02"]
        indexes = ("SELECT name FROM sqlite_master WHERE type = 'index'" if s.dialect.name == "sqlite"
                   else "SELECT indexname AS name FROM pg_indexes")
        assert "participants_actor_date" in {r["name"] for r in s.db.execute(indexes)}
        assert [e["date"] for e in s.list_events(EventFilter(actors=("bailey",)))] == ["2023-01-02", "2024-07-22", None]
        assert [e["date"] for e in s.list_events(EventFilter(actors=("bailey",), topic="sanctions", since="2024"))] == \
            ["2024-07-22"]


def test_search_ranks_the_newest_matching_pages_when_many_match(store, monkeypatch):
    import readouts.store
    for n in range(4):
        save(store, f"Talks on sanctions number {n}." + " sanctions" * n, extraction(f"d{n}"))
    assert [hit["doc_id"] for hit in store.search("sanctions")] == ["d3", "d2", "d1", "d0"]  # best first
    monkeypatch.setattr(readouts.store, "SEARCH_CANDIDATES", 2)
    assert [hit["doc_id"] for hit in store.search("sanctions")] == ["d3", "d2"]
    assert [hit["doc_id"] for hit in store.search("number 1")] == ["d1"]


@pytest.mark.parametrize("dense, slack", [(10, 2), (0, 0), (0, 10 ** 6)], ids=["walk", "windows", "one-window"])
def test_each_way_of_finding_the_newest_matches_gives_the_same_pages(store, monkeypatch, dense, slack):
    import readouts.store
    for n in range(12):
        save(store, f"Page {n} on {'sanctions' if n % 3 else 'trade'}." + " sanctions" * (n % 4), extraction(f"d{n}"))
    monkeypatch.setattr(readouts.store, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(readouts.store, "DENSE_MATCHES", dense)  # 0: never walk the primary key
    monkeypatch.setattr(readouts.store, "WINDOW_SLACK", slack)  # 0: the first range holds one page
    assert [hit["doc_id"] for hit in store.search("sanctions")] == ["d11", "d10", "d9"]
    assert {hit["doc_id"] for hit in store.search("on trade")} == {"d9", "d6", "d3"}
    assert [hit["doc_id"] for hit in store.search("page 4")] == ["d4"]
    assert store.search("nowhere") == []


@pytest.mark.parametrize("few, many", [(1_000, 30_000), (1, 30_000), (1, 2)], ids=["by-id", "set", "per-event"])
def test_each_form_of_the_text_filter_gives_the_same_events(store, monkeypatch, few, many):
    import readouts.query
    a_few_years_of_events(store)
    save(store, "Nothing about that here.", extraction("other", event("2024-05-05", ["trade"], ("Jung Pak", "USA"))))
    monkeypatch.setattr(readouts.store, "FEW_PAGES", few)
    monkeypatch.setattr(readouts.store, "MANY_PAGES", many)
    everything = store.list_events()
    assert store.list_events(EventFilter(text="about sanctions")) == [e for e in everything if e["document_id"] != 5]
    assert store.list_events(EventFilter(text="page p3", since="2024")) == [e for e in everything
                                                                            if e["document_id"] == 3]
    assert store.list_events(EventFilter(text="nowhere")) == []


def test_a_page_scraped_again_at_the_same_source_replaces_its_document(store_url):
    """Same path, new bytes: the document is updated in place (one document, the new events), and the
    old bytes' hash is kept in its history."""
    first = extraction("d1", meeting("2024-01-02", ("Kim Gunn", "Special Representative", "KOR")))
    second = extraction("d1", meeting("2024-01-03", ("Sung Kim", "Special Representative", "USA")))
    with Store.open(store_url) as s:
        assert save(s, "A met B.", first) == "new"
        (document_id,) = [r["id"] for r in s.db.execute("SELECT id FROM documents")]
        assert save(s, "A met B again.", second) == "updated"
        assert [(r["id"], r["sha256"]) for r in s.db.execute("SELECT id, sha256 FROM documents")] == \
            [(document_id, raw("A met B again.").sha256)]
        assert [e["date"] for e in s.list_events()] == ["2024-01-03"]
        assert [r["sha256"] for r in s.db.execute("SELECT sha256 FROM document_history WHERE document_id = ?",
                                                  (document_id,))] == [raw("A met B.").sha256]
        assert [a["name"] for a in s.list_actors()] == ["Sung Kim"]  # the old page's actor is gone with it
        assert save(s, "A met B.", first) == "updated"  # back to the first version: its history grows


def random_words(chars: int, seed: int = 7) -> str:
    """About `chars` characters of random eight-letter words, nearly all distinct: PostgreSQL's text index
    gets a lexeme and its position for nearly every word."""
    import random
    import string
    rng = random.Random(seed)
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(chars // 9))


def long_source(size: int = 3_000) -> str:
    """A path of `size` bytes that does not compress (PostgreSQL compresses a long value before indexing it)."""
    import random
    import string
    rng = random.Random(size)
    return "/".join("".join(rng.choices(string.ascii_letters, k=99)) for _ in range(size // 100)) + ".txt"


BIG_PAGE = "Envoys discussed maritime sanctions. " + random_words(1_500_000)


def test_a_page_too_big_for_a_tsvector_is_stored_and_found_by_its_first_words(store):
    """1.5 MB of distinct words would make a tsvector of 2 MB, past PostgreSQL's 1 MB."""
    assert save(store, BIG_PAGE, extraction("big")) == "new"
    assert save(store, BIG_PAGE, extraction("big")) == "unchanged"
    assert [hit["doc_id"] for hit in store.search("maritime sanctions")] == ["big"]
    assert [hit["doc_id"] for hit in store.search(BIG_PAGE.split()[5])] == ["big"]


def test_a_source_too_long_for_a_btree_row_is_stored_and_found_again(store):
    """A 3,000-byte path, past the 2,704 bytes of a PostgreSQL btree row: its page is stored, found by its
    source when scraped again, and a failure at the path is recorded and replaced."""
    path = long_source()
    assert len(path.encode()) >= 3_000
    assert save(store, "A met B.", extraction("long"), path) == "new"
    assert save(store, "A met B.", extraction("long"), path) == "unchanged"
    assert save(store, "A met B again.", extraction("long"), path) == "updated"
    assert [d["source"] for d in store.list_documents()] == [path]
    store.record_failure(path + ".html", "empty file")
    save(store, "Now readable.", extraction("long"), path + ".html")
    assert [d["status"] for d in store.list_documents()] == ["new", "new"]


def test_a_version_8_database_keeps_its_pages_searchable_and_takes_pages_past_the_limits(store_url, monkeypatch):
    import readouts.store
    monkeypatch.setattr(readouts.store, "MIGRATIONS", MIGRATIONS[:8])
    with Store.open(store_url) as s:  # a page stored as version 8 stored it
        # no statement: version 8 had no statements.source for this program to write
        save(s, "The envoys discussed sanctions evasion at sea.", replace(extraction("old"), statements=[]))
        assert s.schema_version() == 8
    monkeypatch.undo()
    with Store.open(store_url) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert [hit["doc_id"] for hit in s.search("sanctions evasion")] == ["old"]
        assert save(s, BIG_PAGE, extraction("big"), long_source()) == "new"
        assert [hit["doc_id"] for hit in s.search("maritime sanctions")] == ["big"]
        if s.dialect.name == "postgresql":  # the lookups go through the indexes the migration made again
            assert "documents_search" in plan(s, s._matching_documents(), ("sanctions",))
            assert "documents_source" in plan(s, "SELECT id FROM documents WHERE source = ?", ("old.txt",))


def plan(store: Store, sql: str, args: tuple) -> str:
    """PostgreSQL's plan of a query, with sequential scans off (they win on a table of two rows)."""
    with store.db.raw.transaction():
        store.db.execute("SET LOCAL enable_seqscan = off")
        return "\n".join(r["QUERY PLAN"] for r in store.db.execute(f"EXPLAIN {sql}", args))
