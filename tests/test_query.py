"""The query layer on the examples, SQLite and PostgreSQL: pairs of countries and actors (all or any),
roles, formats, publishers, ids without case, unknown ids answered with the valid ones, totals and
facets, newest first; and the tidy export (CSV with a BOM, Parquet, JSON lines, PLOVER records)."""
import csv
import json

import pytest

from readouts import export, query
from readouts.query import EventFilter, FilterError, checked
from readouts.store import Store


def ids(store: Store, **fields) -> list[int]:
    return [e["id"] for e in store.list_events(checked(store, EventFilter(**fields)))]


def names(event: dict) -> list[str]:
    return [p["name"] for p in event["participants"]]


def test_repeated_countries_and_actors_mean_all_of_them_or_any(examples_db):
    with Store.open(examples_db) as store:
        every = store.list_events()
        pair = ids(store, countries=("usa", "South Korea"))
        assert pair == [e["id"] for e in every
                        if {"USA", "KOR"} <= {p["country"] for p in e["participants"]} | {e["country"]}]
        with_japan = ids(store, countries=("USA", "KOR", "JPN"))
        assert with_japan and set(with_japan) < set(pair)  # the trilateral call only
        either = ids(store, countries=("JPN", "BEL"), all=False)
        assert set(either) == set(ids(store, countries=("JPN",))) | set(ids(store, countries=("BEL",)))
        both = ids(store, actors=("Kim Gunn", "Jung Pak"))
        assert both and all({"Kim Gunn", "Jung Pak"} <= set(names(e)) for e in store.list_events() if e["id"] in both)
        assert set(ids(store, actors=("Jung Pak", "Seth Bailey"), all=False)) == \
            set(ids(store, actors=("Jung Pak",))) | set(ids(store, actors=("Seth Bailey",)))
        assert ids(store, actors=("Jung Pak", "Seth Bailey")) == []  # never together


def test_roles_formats_and_publishers_narrow_the_list(examples_db):
    with Store.open(examples_db) as store:
        envoys = store.list_events(checked(store, EventFilter(roles=("envoy",))))
        assert envoys and all(any("special representative" in (p["title"] or "").lower() or "envoy" in (p["title"] or "").lower()
                                  for p in e["participants"]) for e in envoys)
        assert ids(store, roles=("Special Representative",)) == [e["id"] for e in envoys]
        trilateral = store.list_events(checked(store, EventFilter(format="Trilateral")))
        assert [e["format"] for e in trilateral] == ["trilateral"]
        assert len(ids(store, publisher="asia business")) == 1


def test_ids_are_case_insensitive_and_unknown_ones_list_the_valid_ids(examples_db):
    with Store.open(examples_db) as store:
        assert checked(store, EventFilter(type="Phone call", topic="SANCTIONS")).type == "phone_call"
        for f, valid in ((EventFilter(topic="russia"), "russia_dprk_cooperation"), (EventFilter(type="call"), "phone_call"),
                         (EventFilter(format="bi"), "bilateral"), (EventFilter(countries=("Atlantis",)), "KOR")):
            with pytest.raises(FilterError, match=valid):
                checked(store, f)
        with pytest.raises(FilterError, match="not a date"):
            checked(store, EventFilter(since="2021-13"))


def test_totals_facets_and_the_order(examples_db):
    with Store.open(examples_db) as store:
        every = store.list_events()
        f = EventFilter(sort="newest", limit=2)
        page = store.list_events(f)
        assert query.count_events(store, f) == len(every) > len(page) == 2
        dated = sorted((e for e in every if e["date"]), key=lambda e: (e["date"], e["id"]), reverse=True)
        assert [e["id"] for e in page] == [e["id"] for e in dated[:2]]
        assert [e["date"] for e in store.list_events(EventFilter(sort="newest"))][-1:] == \
            [e["date"] for e in every][-1:]  # undated (if any) last either way
        counts = query.facets(store, EventFilter(), ["type", "country", "year", "topic"])
        assert {v["value"]: v["count"] for v in counts["type"]} == \
            {t: sum(e["type"] == t for e in every) for t in {e["type"] for e in every}}
        assert {"value": "KOR", "count": sum("KOR" in [e["country"]] + [p["country"] for p in e["participants"]]
                                             for e in every)} in counts["country"]
        topics = query.vocabulary(store, "topic")
        assert [t["id"] for t in topics] == list(query.topic_ids())
        assert sum(t["events"] for t in topics) == sum(len(e["topics"]) for e in every)


def test_export_writes_tidy_tables_in_every_format(examples_db, tmp_path):
    with Store.open(examples_db) as store:
        every = store.list_events()
        engagements = store.list_engagements(EventFilter(limit=10_000))
        written = export.export(store, tmp_path / "csv", "csv")
        assert written["engagements.csv"] == len(engagements) == len({e["engagement_id"] for e in every})
        assert written["sources.csv"] == len(every)  # one row per page reading
        assert written["participants.csv"] == sum(len(g["participants"]) for g in engagements)
        raw = (tmp_path / "csv" / "participants.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and "Kvarnström".encode() in raw  # UTF-8 with a BOM, for Excel
        with (tmp_path / "csv" / "engagements.csv").open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert list(rows[0]) == list(export.COLUMNS["engagements"])
        assert all(r["date_precision"] == {4: "year", 7: "month", 10: "day"}[len(r["date"])] for r in rows if r["date"])
        statements = [json.loads(line) for line in (tmp_path / "csv" / "plover.jsonl").read_text("utf-8").splitlines()]
        assert statements and all(s["event"][0] in export.quad_codes() and s["quad_code"] in (1, 2, 3, 4)
                                  for s in statements)
        assert any(s["source"] for s in statements) and all(s["text"] for s in statements)

        pq = pytest.importorskip("pyarrow.parquet")  # the test extra installs it
        export.export(store, tmp_path / "parquet", "parquet", EventFilter(countries=("KOR",)))
        table = pq.read_table(tmp_path / "parquet" / "sources.parquet")
        assert table.column_names == list(export.COLUMNS["sources"])
        assert table.num_rows == sum(1 for e in every if "KOR" in [e["country"]] + [p["country"] for p in e["participants"]])
        export.export(store, tmp_path / "jsonl", "jsonl")
        first = json.loads((tmp_path / "jsonl" / "actors.jsonl").read_text("utf-8").splitlines()[0])
        assert list(first) == list(export.COLUMNS["actors"])


def test_a_facet_not_counted_in_time_is_left_out_and_the_list_is_answered(tmp_path, repo_root, monkeypatch):
    import readouts.dialect
    from conftest import ingest_files
    from readouts.ingest import iter_input_files
    url = str(tmp_path / "e.db")
    with Store.open(url) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples"]))))
        counted = query.facets(store, EventFilter(), ["type", "country"])
        assert all(counted.values())
        monkeypatch.setattr(readouts.dialect, "PROGRESS_STEPS", 1)  # look at the clock at every step
        assert query.facets(store, EventFilter(), ["type", "country"], seconds=-1) == {"type": None, "country": None}
        assert store.list_events() and query.count_events(store, EventFilter()) == len(store.list_events())
        assert store.db.execute("SELECT COUNT(*) AS n FROM events").fetchone()["n"]  # the connection goes on


def test_an_unknown_statement_filter_value_is_answered_with_the_valid_ones(examples_db):
    with Store.open(examples_db) as store:
        with pytest.raises(query.FilterError, match="unknown action 'nukes'; valid: AGREE"):
            query.checked_statements(store, query.StatementFilter(action="nukes"))
        with pytest.raises(query.FilterError, match="unknown topic"):
            query.checked_statements(store, query.StatementFilter(topic="russia"))
        f = query.checked_statements(store, query.StatementFilter(action="agree", source="South Korea"))
        assert (f.action, f.source) == ("AGREE", "KOR") and query.list_statements(store, f)
