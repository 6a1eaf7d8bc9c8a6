"""One actor per person across pages: surnames and variants resolved by the knowledge base, the title,
the country and the day; every decision kept as a judgement; an analyst's merge or split holds when
the pages are read again. On SQLite and PostgreSQL."""
from __future__ import annotations

from click.testing import CliRunner

from readouts.cli import main
from readouts.store import Store
from test_reextract import use_stamp
from test_store import extraction, meeting, save, store, store_url  # noqa: F401 (fixtures)


def actors(store: Store) -> list[tuple[str, int]]:
    return [(a["name"], a["events"]) for a in store.list_actors()]


def test_a_surname_or_variant_is_the_official_the_knowledge_base_names(store):
    save(store, "a", extraction("a", meeting("2018-08-04", ("Kono", "Foreign Minister", "JPN"),
                                             ("Pompeo", "Secretary of State", "USA"))))
    save(store, "b", extraction("b", meeting("2023-08-18", ("HAYASHI Yoshimasa", "Foreign Minister", "JPN"),
                                             ("Michael R. Pompeo", None, "USA"))))
    save(store, "c", extraction("c", meeting("2022-05-25", ("Yoshimasa Hayashi", "Foreign Minister", "JPN"))))
    assert actors(store) == [("HAYASHI Yoshimasa", 2), ("Mike Pompeo", 2), ("Taro Kono", 1)]
    reasons = {j["form"]: j["reason"] for j in store.judgements()}
    assert reasons["kono"].startswith("knowledge base: Taro Kono (JPN)")
    assert set(reasons) == {"kono", "pompeo", "michael pompeo"}  # a middle initial is no part of the key


def test_a_family_name_many_officials_bear_is_the_one_in_that_office_that_day(store):
    save(store, "0", extraction("0", meeting("2020-01-01", ("Kim Gunn", None, "KOR"), ("Kim Hong-kyun", None, "KOR"))))
    save(store, "a", extraction("a", meeting("2023-03-01", ("Kim", "Special Representative for Korean Peninsula"
                                                                   " Peace and Security Affairs", "KOR"))))
    save(store, "b", extraction("b", meeting("2023-03-02", ("Kim", None, "KOR"))))  # no title: which Kim?
    assert actors(store) == [("Kim", 1), ("Kim Gunn", 2), ("Kim Hong-kyun", 1)]


def test_a_name_written_with_its_given_name_split_or_in_the_other_order_is_one_actor(store):
    save(store, "a", extraction("a", meeting("2018-01-09", ("Cho Myoung-gyon", "Minister", "KOR"),
                                             ("Won Kil-u", None, "PRK"), ("Kim Jong Un", None, "PRK"))))
    save(store, "b", extraction("b", meeting("2018-01-09", ("Cho Myoung Gyon", "Minister", "KOR"),
                                             ("Won Kil U", None, "PRK"), ("Kim Yo Jong", None, "PRK"))))
    save(store, "c", extraction("c", meeting("2018-01-10", ("Myoung-gyon Cho", None, "KOR"))))
    assert actors(store) == [("Cho Myoung-gyon", 3), ("Kim Jong Un", 1), ("Kim Yo Jong", 1), ("Won Kil-u", 2)]
    spelled = [j["form"] for j in store.judgements() if j["reason"].startswith("the same name")]
    assert sorted(spelled) == ["cho gyon myoung", "kil won"]  # a letter without a period is no initial here


def test_a_surname_seen_before_its_full_name_joins_it(store):
    save(store, "a", extraction("a", meeting("2024-07-22", ("Thornbury", "DSR", "USA"))))  # no one the knowledge base knows
    assert actors(store) == [("Thornbury", 1)]
    save(store, "b", extraction("b", meeting("2024-07-23", ("Jane Thornbury", "DSR", "USA"))))
    assert actors(store) == [("Jane Thornbury", 2)]
    (jane,) = store.list_actors("Jane Thornbury")
    assert [(j["form"], j["kind"], j["made_by"]) for j in jane["judgements"]] == [("thornbury", "same", "readouts")]
    assert [(r["first_seen"], r["last_seen"]) for r in jane["roles"]] == [("2024-07-22", "2024-07-23")]


def test_an_analysts_merge_and_split_hold_when_the_pages_are_read_again(store_url, monkeypatch):
    pages = [("a", meeting("2024-07-22", ("Lee Jun-il", "DG", "KOR"), ("Seth Bailey", "DSR", "USA"))),
             ("b", meeting("2024-07-23", ("Jun-il Lee", "DG", "KOR"), ("Bailey", "DSR", "USA"))),
             ("c", meeting("2024-07-24", ("L. Jun-il", "DG", "KOR")))]
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        for doc_id, event in pages:
            save(s, f"text {doc_id}", extraction(doc_id, event))
        assert actors(s) == [("L. Jun-il", 1), ("Lee Jun-il", 2), ("Seth Bailey", 2)]
        ids = {a["name"]: a["id"] for a in s.list_actors()}
        s.merge_actors(ids["Lee Jun-il"], ids["L. Jun-il"])
        s.split_actor(ids["Seth Bailey"], "Bailey")  # another Bailey, the analyst says
        corrected = actors(s)
    assert corrected == [("Bailey", 1), ("Lee Jun-il", 3), ("Seth Bailey", 1)]
    use_stamp(monkeypatch, "new")
    with Store.open(store_url) as s:
        assert [save(s, f"text {d}", extraction(d, e)) for d, e in reversed(pages)] == ["updated"] * 3
        assert actors(s) == corrected
        assert [(j["kind"], j["form"], j["made_by"]) for j in s.judgements() if j["made_by"] == "analyst"] == \
            [("same", "junil l", "analyst"), ("different", "bailey", "analyst")]


def test_the_command_line_merges_splits_and_lists_judgements(tmp_path):
    db = str(tmp_path / "r.db")
    with Store.open(db) as s:
        save(s, "a", extraction("a", meeting("2024-07-22", ("Lee Jun-il", "DG", "KOR"), ("L. Jun-il", "DG", "KOR"))))
        ids = {a["name"]: a["id"] for a in s.list_actors()}
    runner = CliRunner()
    done = runner.invoke(main, ["actors", "--db", db, "--merge", str(ids["Lee Jun-il"]), str(ids["L. Jun-il"])])
    assert done.exit_code == 0, done.output
    assert "L. Jun-il" not in runner.invoke(main, ["actors", "--db", db]).output
    assert "'junil l' is 'junil lee'" in runner.invoke(main, ["actors", "--db", db, "--judgements"]).output
    wrong = runner.invoke(main, ["actors", "--db", db, "--split", str(ids["Lee Jun-il"]), "Nobody Here"])
    assert wrong.exit_code == 1 and "is not a name actor" in wrong.output
    missing = runner.invoke(main, ["actors", "--db", db, "--merge", "999", str(ids["Lee Jun-il"])])
    assert missing.exit_code == 1 and "no actor 999" in missing.output


def test_a_correction_groups_the_engagements_again(store):
    save(store, "a", extraction("a", meeting("2024-07-22", ("Lee Jun-il", "DG", "KOR"), ("Seth Bailey", "DSR", "USA"))))
    save(store, "b", extraction("b", meeting("2024-07-22", ("L. Jun-il", "DG", "KOR"), ("Seth Bailey", "DSR", "USA"))))
    sources = lambda: sorted(len(e["sources"]) for e in store.list_engagements())
    assert sources() == [1, 1]  # Lee Jun-il and L. Jun-il: not the same people, as far as readouts can tell
    ids = {a["name"]: a["id"] for a in store.list_actors()}
    store.merge_actors(ids["Lee Jun-il"], ids["L. Jun-il"])
    assert sources() == [2]
    store.split_actor(ids["Lee Jun-il"], "L. Jun-il")
    assert sources() == [1, 1]
