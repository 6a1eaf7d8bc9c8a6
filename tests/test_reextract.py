"""Versioned extraction: each stored page keeps the stamp of the extractor that read it (version and
data files); a page read by another one is read again, in place, by `readouts ingest` (same bytes),
on SQLite and PostgreSQL, and the database ends as a fresh ingest with today's extractor makes it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store import extraction, meeting, save, store_url  # noqa: F401 (fixtures)

from readouts import __version__, stamp
from readouts.cli import main
from readouts.ingest import iter_input_files
from readouts.pipeline import ingest_files
from readouts.store import MIGRATIONS, Store

KOREAN = "외교부 장관은 미국 국무장관과 회담을 가졌다. 양측은 긴밀한 공조를 지속하기로 하였다.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def use_stamp(monkeypatch, value: str) -> None:
    """This process's extractor is now `value` (as if the package or its data files had changed)."""
    monkeypatch.setattr(stamp, "extractor_stamp", lambda: value)


def rows(store: Store, sql: str) -> list[tuple]:
    return sorted((tuple(dict(r).values()) for r in store.db.execute(sql)), key=repr)


def content(url: str) -> dict[str, list[tuple]]:
    """What a database holds, without its ids (which differ between two ways of filling it) or stamps."""
    ev = "JOIN events e ON e.id = {t}.event_id JOIN documents d ON d.id = e.document_id"
    with Store.open(url) as s:
        return {
            "documents": rows(s, "SELECT doc_id, source, status, reason, title, published FROM documents"),
            "events": rows(s, "SELECT d.doc_id, e.seq, e.type, e.date, e.date_inferred, e.city, e.country, e.format,"
                              " e.evidence FROM events e JOIN documents d ON d.id = e.document_id"),
            "participants": rows(s, "SELECT d.doc_id, e.seq, a.key, p.name, p.title, p.organization, p.country, p.kind,"
                                    f" p.date FROM participants p JOIN actors a ON a.id = p.actor_id {ev.format(t='p')}"),
            "topics": rows(s, f"SELECT d.doc_id, e.seq, t.topic, t.phrase FROM event_topics t {ev.format(t='t')}"),
            "statements": rows(s, "SELECT d.doc_id, s.action, s.targets, s.topic, s.evidence FROM statements s"
                                  " JOIN documents d ON d.id = s.document_id"),
            "actors": rows(s, "SELECT name, key, country, kind FROM actors"),
            "actor_names": rows(s, "SELECT a.key, n.name FROM actor_names n JOIN actors a ON a.id = n.actor_id"),
            "roles": rows(s, "SELECT a.key, r.title, r.organization, r.country, r.first_seen, r.last_seen"
                             " FROM roles r JOIN actors a ON a.id = r.actor_id"),
        }


def stamps(url: str) -> dict[str, tuple[str, str | None]]:
    """File name -> (status, stamp) of every stored page."""
    with Store.open(url) as s:
        return {Path(r["source"]).name: (r["status"], r["stamp"]) for r in s.db.execute("SELECT * FROM documents")}


@pytest.fixture
def pages(tmp_path, repo_root, corpus_dirs) -> Path:
    """The examples and the dev corpus, a page not in English and a file that fails."""
    folder = tmp_path / "pages"
    shutil.copytree(repo_root / "examples", folder)
    for page in (corpus_dirs["dev"] / "raw").glob("*.txt"):
        shutil.copy(page, folder / f"dev-{page.name}")
    (folder / "korean.txt").write_text(KOREAN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def fresh_ingest(url: str, folder: Path) -> dict[str, list[tuple]]:
    with Store.open(url) as s:
        list(s.batches(ingest_files(s, iter_input_files([folder]))))
    return content(url)


# -- the stamp ---------------------------------------------------------------------------------


def test_the_stamp_is_the_version_and_a_digest_of_every_data_file(tmp_path):
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{16}", stamp.extractor_stamp())
    assert stamp.extractor_stamp() == f"{__version__}+{stamp.data_digest()[:16]}"
    copy = tmp_path / "data"
    shutil.copytree(stamp.DATA_DIR, copy)
    digests = {stamp.data_digest(copy)}
    assert digests == {stamp.data_digest()}
    topics = copy / "topics.json"
    topics.write_bytes(topics.read_bytes().replace(b"sanction", b"Sanction", 1))
    digests.add(stamp.data_digest(copy))
    topics.rename(copy / "topics2.json")
    digests.add(stamp.data_digest(copy))
    (copy / "more").mkdir()
    (copy / "more" / "extra.tsv").write_bytes(b"")
    digests.add(stamp.data_digest(copy))
    assert len(digests) == 4  # each change made another digest


# -- the store -----------------------------------------------------------------------------------


def test_a_page_read_by_another_extractor_is_replaced_in_place(store_url, tmp_path, monkeypatch):
    kim, pak = ("Kim Gunn", "Special Representative", "KOR"), ("Jung Pak", "Deputy Special Representative", "USA")
    bailey = ("Seth Bailey", "Ambassador", "USA")
    before = extraction("a", meeting("2023-12-11", ("Amb. Kim Gunn",) + kim[1:], pak), meeting("2023-12-12", kim, pak))
    after = extraction("a", meeting("2024-03-01", kim, bailey))
    other = extraction("b", meeting("2024-01-23", kim, bailey))
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        assert [save(s, "text a", before), save(s, "text b", other)] == ["new", "new"]
        (a_id,) = [r["id"] for r in s.db.execute("SELECT id FROM documents WHERE doc_id = 'a'")]
        assert save(s, "text a", after) == "unchanged"  # same bytes, same extractor: nothing read again
    use_stamp(monkeypatch, "new")
    with Store.open(store_url) as s:
        assert s.is_current(s.db.execute("SELECT sha256 FROM documents WHERE id = ?", (a_id,)).fetchone()["sha256"]) is False
        assert save(s, "text a", after) == "updated"
        assert save(s, "text a", after) == "unchanged"
        assert [(r["id"], r["stamp"]) for r in s.db.execute("SELECT id, stamp FROM documents WHERE doc_id = 'a'")] == \
            [(a_id, "new")]
    with Store.open(str(tmp_path / "fresh.db")) as fresh:  # today's extractor from the start
        save(fresh, "text a", after)
        save(fresh, "text b", other)
    replaced, expected = content(store_url), content(str(tmp_path / "fresh.db"))
    assert replaced == expected
    # what only the old extraction had is gone: Jung Pak, the printed "Amb. Kim Gunn", Kim's role since 2023
    assert not any("pak" in key for _, key, *_ in replaced["actors"])
    assert ("Special Representative", "", "KOR", "2024-01-23", "2024-03-01") in [r[1:] for r in replaced["roles"]]


def test_a_version_5_database_has_every_page_stale(store_url, monkeypatch):
    import readouts.store
    monkeypatch.setattr(readouts.store, "MIGRATIONS", MIGRATIONS[:5])
    with Store.open(store_url) as s, s.transaction() as db:  # a page as version 5 wrote it
        db.insert("INSERT INTO documents (doc_id, source, sha256, encoding, media_type, raw_text, status, ingested_at)"
                  " VALUES ('a', 'a.txt', 'abc', 'utf-8', 'text/plain', 'Some text.', 'new', '')", ())
    monkeypatch.undo()
    with Store.open(store_url) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert s.is_current("abc") is False


# -- readouts ingest ------------------------------------------------------------------------------


def test_ingest_says_updated_for_the_same_bytes_read_by_another_extractor(pages, tmp_path, monkeypatch):
    db = tmp_path / "r.db"
    use_stamp(monkeypatch, "old")
    assert run("ingest", pages, "--db", db).exit_code == 1  # empty.txt
    again = run("ingest", pages, "--db", db)
    assert "unchanged: " in again.output and "updated: " not in again.output
    assert re.search(r"0 new, 0 updated, \d+ unchanged, 0 skipped, 1 failed", again.output)
    names = set(stamps(str(db)))
    use_stamp(monkeypatch, "new")
    result = run("ingest", pages, "--db", db)
    n = len(list(pages.glob("*.txt"))) - 2
    assert f"0 new, {n} updated, 1 unchanged, 0 skipped, 1 failed" in result.output, result.output
    assert f"updated: {pages}/000_" in result.output
    assert {name for name, (_, value) in stamps(str(db)).items() if value == "new"} == names - {"empty.txt", "korean.txt"}
    assert content(str(db)) == fresh_ingest(str(tmp_path / "fresh.db"), pages)


