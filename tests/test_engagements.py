"""Engagements: the reports of one engagement on several pages grouped into one, incrementally, on
SQLite and PostgreSQL; what the engagement shows where its sources disagree; the clusters corpus."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

from click.testing import CliRunner

from readouts.cli import main
from readouts.ingest import iter_input_files
from readouts.pipeline import ingest_files
from readouts import grouping
from readouts.resolve.engagements import Report, Sources, added, clash, consensus, joins, sources_of, tallies, vote
from readouts import export
from readouts.store import MIGRATIONS, EventFilter, Store
from test_reextract import use_stamp
from test_store import dump, extraction, meeting, save, store, store_url  # noqa: F401 (fixtures)

BLINKEN, PARK = ("Antony Blinken", "Secretary of State", "USA"), ("Park Jin", "Foreign Minister", "KOR")
HAYASHI = ("Yoshimasa Hayashi", "Foreign Minister", "JPN")


def report(event_id, document_id, people, date="2024-05-01", type_="meeting", country=None, fmt=None,
           countries=()) -> Sources:
    return sources_of(Report(event_id, document_id, type_, date, country, fmt, frozenset(people), frozenset(countries)))


def call(date: str, *people):
    return replace(meeting(date, *people), type="phone_call")


def groups(store: Store) -> list[list[str]]:
    """Each engagement's sources as 'doc_id date', by engagement date."""
    return [[f"{s['doc_id']} {s['date']}" for s in e["sources"]] for e in store.list_engagements()]


# -- the rules, on reports ------------------------------------------------------------------------


def test_reports_clash_on_page_type_date_place_and_complete_formats():
    a = report(1, 1, {1, 2})
    assert clash(a, report(2, 1, {1, 2})) == "same page"
    assert clash(a, report(2, 2, {1, 2}, type_="phone_call")) == "meeting is not phone_call"
    assert clash(a, report(2, 2, {1, 2}, type_="visit")) is None  # talks reported as a visit
    assert clash(a, report(2, 2, {1, 2}, date="2024-05-02")) is None  # time zones
    assert clash(a, report(2, 2, {1, 2}, date="2024-05-08")) == "7 days apart"
    assert clash(a, report(2, 2, {1, 2}, date=None)) == "no full date"
    assert clash(report(1, 1, {1}, country="KOR"), report(2, 2, {1}, country="JPN")) == "in KOR, not JPN"
    bilateral = report(1, 1, {1, 2}, fmt="bilateral", countries={"JPN", "KOR"})
    trilateral = report(2, 2, {1, 2, 3}, fmt="trilateral", countries={"JPN", "KOR", "USA"})
    assert clash(bilateral, trilateral) == "bilateral, not trilateral"
    # a report naming fewer parties than its format implies is only a partial account
    assert clash(report(1, 1, {3}, fmt="bilateral", countries={"USA"}), trilateral) is None


def test_a_report_joins_when_one_side_names_fewer_people():
    both = report(1, 1, {1, 2})
    assert joins(report(2, 2, {1}), both)
    assert joins(report(2, 2, {1, 2, 3}), both)
    assert not joins(report(2, 2, {1, 3}), both)  # Park-Hayashi is not Park-Blinken
    assert not joins(report(2, 2, {4}), both)


def test_the_engagement_shows_what_most_sources_give_and_lists_the_others():
    assert vote(["2021-02-11", "2021-02-12", "2021-02-11", None]) == ("2021-02-11", ["2021-02-12"])
    assert vote(["b", "a"]) == ("b", ["a"])  # a tie goes to the first source
    assert vote([None, ""]) == (None, [])
    rows = [{"date": d, "date_inferred": False, "type": "phone_call", "format": "bilateral", "city": None,
             "country": None, "topics": topics,
             "participants": [{"actor_id": 1, "name": name, "title": title, "country": "USA", "kind": "person"}]}
            for d, name, title, topics in [("2021-02-11", "Antony Blinken", "Secretary of State", ["a"]),
                                           ("2021-02-12", "Antony J. Blinken", "State Secretary", ["b", "a"]),
                                           ("2021-02-11", "Antony Blinken", "Secretary of State", [])]]
    shown = consensus(rows)
    assert (shown["date"], shown["others"]["date"]) == ("2021-02-11", ["2021-02-12"])
    (blinken,) = shown["participants"]
    assert (blinken["name"], blinken["other_names"], blinken["title"], blinken["other_titles"], blinken["sources"]) == \
        ("Antony Blinken", ["Antony J. Blinken"], "Secretary of State", ["State Secretary"], 3)
    assert shown["topics"] == ["a", "b"]


# -- the store --------------------------------------------------------------------------------------


def test_pages_of_one_engagement_become_one_and_near_misses_stay_apart(store):
    save(store, "a", extraction("a", call("2022-05-25", PARK, BLINKEN)))
    save(store, "b", extraction("b", call("2022-05-24", ("Antony Blinken", None, "USA"))))  # Washington's day
    save(store, "c", extraction("c", call("2022-05-25", PARK, HAYASHI)))  # back to back: another call
    save(store, "d", extraction("d", call("2022-06-01", PARK, BLINKEN)))  # a week later
    save(store, "e", extraction("e", meeting("2022-05-25", PARK, BLINKEN)))  # a meeting is no call
    assert groups(store) == [["a 2022-05-25", "b 2022-05-24"], ["c 2022-05-25"], ["e 2022-05-25"], ["d 2022-06-01"]]
    (merged,) = [e for e in store.list_engagements() if len(e["sources"]) == 2]
    # a tie goes to the page published first (here none is dated: the first by doc_id)
    assert (merged["date"], merged["others"]["date"]) == ("2022-05-25", ["2022-05-24"])
    assert [e["id"] for e in store.list_engagements(EventFilter(actors=("Hayashi",)))] == \
        [r["engagement_id"] for r in store.list_events(EventFilter(actors=("Hayashi",)))]


def test_a_report_that_fits_two_engagements_unites_them(store):
    biden, kishida, yoon = ("Joe Biden", "President", "USA"), ("Fumio Kishida", "PM", "JPN"), ("Yoon Suk Yeol", "President", "KOR")
    save(store, "a", extraction("a", meeting("2023-08-18", biden)))
    save(store, "b", extraction("b", meeting("2023-08-19", kishida, yoon)))
    assert len(store.list_engagements()) == 2
    save(store, "c", extraction("c", meeting("2023-08-18", kishida, biden, yoon)))
    assert groups(store) == [["a 2023-08-18", "b 2023-08-19", "c 2023-08-18"]]
    assert store.db.execute("SELECT COUNT(*) AS n FROM engagements").fetchone()["n"] == 1


def test_reading_pages_again_changes_no_engagement(store_url, monkeypatch):
    pages = [("a", call("2022-05-25", PARK, BLINKEN)), ("b", call("2022-05-25", BLINKEN)),
             ("c", call("2022-05-25", PARK, HAYASHI))]
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        for doc_id, event in pages:
            save(s, f"text {doc_id}", extraction(doc_id, event))
    before = dump(store_url)
    with Store.open(store_url) as s:  # the same bytes again: nothing written
        assert [save(s, f"text {d}", extraction(d, e)) for d, e in pages] == ["unchanged"] * 3
    assert dump(store_url) == before
    use_stamp(monkeypatch, "new")
    with Store.open(store_url) as s:  # read again by another extractor, in another order
        assert [save(s, f"text {d}", extraction(d, e)) for d, e in reversed(pages)] == ["updated"] * 3
        after = dump(store_url)
    assert grouped(after) == grouped(before)


def grouped(tables: list) -> tuple:
    """The engagements' rows and each report's engagement by (page, seq): a report gets a new id when read again."""
    rows = dict(tables)
    return sorted(rows["engagements"], key=lambda r: r["id"]), sorted((r["document_id"], r["seq"], r["engagement_id"]) for r in rows["events"])


def test_an_engagement_left_without_reports_goes(store):
    save(store, "a", extraction("a", call("2022-05-25", PARK, BLINKEN)))
    save(store, "b", extraction("b", call("2022-05-25", PARK, BLINKEN)))
    save(store, "c", extraction("c", call("2022-05-26", PARK, HAYASHI)))
    save(store, "text b again", extraction("b"), source="b.txt")  # the page now reports nothing
    save(store, "text c again", extraction("c"), source="c.txt")
    assert groups(store) == [["a 2022-05-25"]]
    assert store.db.execute("SELECT COUNT(*) AS n FROM engagements").fetchone()["n"] == 1


def _tallied(s: Store) -> dict[int, list]:
    """Each engagement's tallies as stored, and as counted afresh from the reports it holds."""
    stored, counted = {}, {}
    for r in s.db.execute("SELECT * FROM engagement_tallies"):
        stored.setdefault(r["engagement_id"], []).append(
            (r["field"], r["value"], r["sources"], r["read_sources"], tuple(json.loads(r["first_source"]))))
    for report, engagement in grouping.reports_where(s.db, "e.engagement_id IS NOT NULL", []):
        counted.setdefault(engagement, []).extend(tallies(report))
    return {eid: sorted(found) for eid, found in stored.items()}, \
        {eid: sorted((t.field, t.value, t.sources, t.read, t.first) for t in added(found)) for eid, found in counted.items()}


def test_an_engagements_running_tallies_are_the_counts_of_its_reports(store):
    """Joined, united, left and read again, page by page: each engagement's tallies are those of the
    reports it holds, and its columns the values most of them give, as its sources show it."""
    save(store, "a", extraction("a", call("2022-05-25", PARK, BLINKEN)))
    save(store, "b", extraction("b", call("2022-05-24", ("Antony Blinken", None, "USA"))))
    save(store, "c", extraction("c", call("2022-05-24", PARK)))
    save(store, "d", extraction("d", replace(meeting("2023-08-18", PARK), date_inferred=True)))
    save(store, "e", extraction("e", meeting("2023-08-18", HAYASHI)))
    save(store, "f", extraction("f", meeting("2023-08-19", PARK, HAYASHI)))  # unites d and e
    save(store, "text c again", extraction("c", call("2022-05-25", PARK, BLINKEN)), source="c.txt")
    save(store, "text e again", extraction("e"), source="e.txt")  # now reports nothing
    stored, counted = _tallied(store)
    assert stored == counted and len(stored) == 2
    for engagement in store.list_engagements():
        row = store.db.execute("SELECT * FROM engagements WHERE id = ?", (engagement["id"],)).fetchone()
        place = engagement["location"] or {}
        assert (row["date"], bool(row["date_inferred"]), row["type"], row["format"], row["city"], row["country"],
                row["sources"]) == (engagement["date"], engagement["date_inferred"], engagement["type"],
                                    engagement["format"], place.get("city"), place.get("country"),
                                    len(engagement["sources"]))
    assert groups(store) == [["a 2022-05-25", "b 2022-05-24", "c 2022-05-25"], ["d 2023-08-18", "f 2023-08-19"]]


def test_a_database_grouped_before_tallies_were_kept_is_counted_by_its_migration(store_url):
    with Store.open(store_url) as s:
        save(s, "a", extraction("a", call("2022-05-25", PARK, BLINKEN)))
        save(s, "b", extraction("b", call("2022-05-24", BLINKEN)))
        save(s, "c", extraction("c", call("2022-05-25", PARK, HAYASHI)))
        before = _tallied(s)[0]
        with s.transaction() as db:  # as the version before the tallies left it
            db.execute("DROP TABLE engagement_tallies")
            db.execute("DELETE FROM schema_version WHERE version > ?", (len(MIGRATIONS) - 2,))
    with Store.open(store_url) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert _tallied(s)[0] == before
        save(s, "d", extraction("d", call("2022-05-25", ("Antony Blinken", None, "USA"))))  # still joins by them
        assert groups(s)[0] == ["a 2022-05-25", "b 2022-05-24", "d 2022-05-25"]


# -- the command line and the clusters corpus ----------------------------------------------------


def test_events_json_is_an_array_of_engagements_with_their_sources(tmp_path, corpus_dirs):
    db = str(tmp_path / "c.db")
    with Store.open(db) as s:
        list(s.batches(ingest_files(s, iter_input_files([corpus_dirs["clusters"] / "raw"]))))
    runner = CliRunner()
    engagements = json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json", "--sort", "oldest"]).stdout)
    lines = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--sort", "oldest"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == engagements
    assert {"id", "date", "type", "location", "participants", "topics", "sources"} <= set(engagements[0])
    assert {"doc_id", "title", "publisher", "url", "published", "date", "type", "participants", "evidence"} <= \
        set(engagements[0]["sources"][0])
    with Store.open(db) as s:  # every report is the source of exactly one engagement
        assert sorted(src["event_id"] for e in engagements for src in e["sources"]) == \
            sorted(e["id"] for e in s.list_events())
    table = runner.invoke(main, ["events", "--db", db]).output
    assert "2 sources" in table
    # the export's engagements table has one row per engagement, its sources table one per page reading
    with Store.open(db) as s:
        written = export.export(s, tmp_path / "out", "csv")
    assert written["engagements.csv"] == len(engagements) < written["sources.csv"] == \
        sum(len(e["sources"]) for e in engagements)


CLUSTERS_F1_FLOOR = 0.95  # measured 0.962 (17 of the 18 gold reports are read; issue 15 aims at 0.95)


def clusters_score(repo_root, corpus_dirs, engagements) -> dict:
    """bench/score_clusters.py's figures for these engagements on the clusters corpus."""
    out = subprocess.run([sys.executable, str(repo_root / "bench" / "score_clusters.py"), "--json",
                          "--gold", str(corpus_dirs["clusters"] / "gold"),
                          "--clusters", str(corpus_dirs["clusters"] / "clusters.json"), "--pred", str(engagements)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_the_clusters_corpus_merges_no_two_engagements_and_keeps_its_floor(tmp_path, corpus_dirs, repo_root):
    db = str(tmp_path / "c.db")
    with Store.open(db) as s:
        list(s.batches(ingest_files(s, iter_input_files([corpus_dirs["clusters"] / "raw"]))))
        (tmp_path / "e.json").write_text(json.dumps(s.list_engagements()), encoding="utf-8")
    result = clusters_score(repo_root, corpus_dirs, tmp_path / "e.json")
    assert result["wrong_merges"] == []
    assert result["bcubed_f1"] >= CLUSTERS_F1_FLOOR


def test_the_gold_reports_of_the_clusters_corpus_group_exactly(tmp_path, corpus_dirs, repo_root):
    """The grouping alone, on the reports as gold reads them: every engagement one, no wrong merge
    (romanisations, a name with 'Jr.', a date a day apart, near misses a week apart or with another minister)."""
    out = subprocess.run([sys.executable, str(repo_root / "bench" / "group_gold.py"), "--gold",
                          str(corpus_dirs["clusters"] / "gold"), "--db", str(tmp_path / "g.db")],
                         capture_output=True, text=True, check=True).stdout
    (tmp_path / "e.json").write_text(out, encoding="utf-8")
    result = clusters_score(repo_root, corpus_dirs, tmp_path / "e.json")
    assert (result["bcubed_f1"], result["recorded_as_one"], result["wrong_merges"]) == (1.0, 8, [])


def test_on_every_corpus_no_engagement_spans_more_than_a_day_and_no_surname_stands_alone(tmp_path, corpus_dirs):
    """Issue 15's targets on the whole test corpus: no two reports more than a day apart are one
    engagement, and no actor is a surname alone where the knowledge base knows the full name."""
    from readouts import kb
    from readouts.types import parse_iso

    def days_apart(a, b):
        first, second = parse_iso(a), parse_iso(b)
        return None if first is None or second is None else abs((first - second).days)

    db = str(tmp_path / "all.db")
    with Store.open(db) as s:
        list(s.batches(ingest_files(s, iter_input_files([folder / "raw" for folder in corpus_dirs.values()]))))
        engagements = s.list_engagements()
        alone = [a["name"] for a in s.list_actors() if a["kind"] == "person" and " " not in a["name"].strip()
                 and kb.find_official(a["name"], a["country"]) is not None]
    assert any(len(e["sources"]) > 1 for e in engagements)
    assert [e["id"] for e in engagements
            if len(e["sources"]) > 1 and any(days_apart(a["date"], b["date"]) is None or days_apart(a["date"], b["date"]) > 1
                                                 for a in e["sources"] for b in e["sources"])] == []
    assert alone == []


def test_the_whole_corpus_ingested_twice_or_read_again_keeps_its_engagements(store_url, corpus_dirs, monkeypatch):
    """Every gold corpus ingested, then again (nothing written), then read again by another extractor
    page by page (`readouts reextract`): the same engagements, with the same ids and tallies."""
    from test_reextract import content
    folders = [folder / "raw" for folder in corpus_dirs.values()]
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        list(s.batches(ingest_files(s, iter_input_files(folders))))
    before = dump(store_url)
    with Store.open(store_url) as s:
        assert {r.status for r in s.batches(ingest_files(s, iter_input_files(folders)))} == {"unchanged"}
    assert dump(store_url) == before
    use_stamp(monkeypatch, "new")
    assert CliRunner().invoke(main, ["reextract", "--db", store_url, "--quiet"]).exit_code == 0
    after = dump(store_url)
    tables = dict(after)
    assert grouped(after) == grouped(before) and content(store_url)["engagements"]
    key = ("engagement_id", "field", "value")
    assert sorted(tables["engagement_tallies"], key=lambda r: [r[k] for k in key]) == \
        sorted(dict(before)["engagement_tallies"], key=lambda r: [r[k] for k in key])
    with Store.open(store_url) as s:
        stored, counted = _tallied(s)
    assert stored == counted
