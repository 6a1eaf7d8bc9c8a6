"""Versioned extraction: each stored page keeps the stamp of the extractor that read it (version and
data files); a page read by another one is read again, in place, by `readouts ingest` (same bytes)
and `readouts reextract` (every stale page, from the stored text), on SQLite and PostgreSQL, and the
database ends as a fresh ingest with today's extractor makes it."""
from __future__ import annotations

import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_api import get_json
from test_crash import check_no_half_written_page, make_batch
from test_store import extraction, meeting, raw, save, store, store_url  # noqa: F401 (fixtures)

from readouts import __version__, pipeline, stamp
from readouts.cli import main
from readouts.ingest import iter_input_files
from readouts.pipeline import ingest_files, reextract_documents
from readouts.store import MIGRATIONS, Store
from readouts.types import PageError

KOREAN = "외교부 장관은 미국 국무장관과 회담을 가졌다. 양측은 긴밀한 공조를 지속하기로 하였다.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def use_stamp(monkeypatch, value: str) -> None:
    """This process's extractor is now `value` (as if the package or its data files had changed)."""
    monkeypatch.setattr(stamp, "extractor_stamp", lambda: value)


def rows(store: Store, sql: str) -> list[tuple]:
    return sorted((tuple(dict(r).values()) for r in store.db.execute(sql)), key=repr)


FIRST_REPORT = ("SELECT MIN(d2.doc_id || ':' || e2.seq) FROM events e2 JOIN documents d2 ON d2.id = e2.document_id"
                " WHERE e2.engagement_id = {engagement}")


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
            # each report with the first report (page and seq) of its engagement: the grouping, whatever the ids
            "engagements": rows(s, f"SELECT d.doc_id, e.seq, ({FIRST_REPORT.format(engagement='e.engagement_id')}), g.date,"
                                   " g.type, g.city, g.country, g.sources FROM events e JOIN documents d ON d.id = e.document_id"
                                   " JOIN engagements g ON g.id = e.engagement_id"),
            "followups": rows(s, f"SELECT d.doc_id, f.seq, f.type, f.expected, f.window_start, f.window_end,"
                                 f" ({FIRST_REPORT.format(engagement='f.engagement_id')}) FROM followups f"
                                 " JOIN documents d ON d.id = f.document_id"),
            "spans": rows(s, "SELECT d.doc_id, e.seq, st.action, sp.fact, sp.value, sp.part, sp.char_start, sp.char_end"
                             " FROM spans sp JOIN documents d ON d.id = sp.document_id"
                             " LEFT JOIN events e ON e.id = sp.event_id LEFT JOIN statements st ON st.id = sp.statement_id"),
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


def test_a_document_of_the_api_has_its_stamp(server):
    status, document = get_json(f"{server}/api/documents/1")
    assert (status, document["stamp"]) == (200, stamp.extractor_stamp())


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
        assert s.count_stale() == (1, 0)
        ((_, raw),) = s.stale_pages()
        assert (raw.doc_id, raw.text, raw.sha256) == ("a", "Some text.", "abc")


# -- readouts ingest and readouts reextract ------------------------------------------------------


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
    assert re.search(r"\n +\d+  new +new +\S+/000_", "\n" + run("documents", "--db", db).output)  # the stamp column
    assert {name for name, (_, value) in stamps(str(db)).items() if value == "new"} == names - {"empty.txt", "korean.txt"}
    assert content(str(db)) == fresh_ingest(str(tmp_path / "fresh.db"), pages)


def test_reextract_brings_every_stale_page_to_this_extractor(pages, store_url, tmp_path, monkeypatch):
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        list(s.batches(ingest_files(s, iter_input_files([pages]))))
    n = len(list(pages.glob("*.txt"))) - 2
    use_stamp(monkeypatch, "new")
    result = run("reextract", "--db", store_url)
    assert result.exit_code == 0, result.output
    assert f"{n} updated, 0 failed, 0 already current" in result.output
    assert "updated: " in result.output
    after = stamps(store_url)
    assert {v for name, v in after.items() if name not in ("korean.txt", "empty.txt")} == {("new", "new")}
    assert (after["korean.txt"], after["empty.txt"]) == (("skipped", "old"), ("failed", None))  # left alone
    assert content(store_url) == fresh_ingest(str(tmp_path / "fresh.db"), pages)
    again = run("reextract", "--db", store_url, "--quiet")
    assert again.exit_code == 0 and again.output.strip() == f"0 updated, 0 failed, {n} already current"


def failing_on(monkeypatch, name: str, error: BaseException) -> None:
    """process() raises `error` on the page whose source ends with `name`."""
    process = pipeline.process

    def broken(raw, *options):
        if raw.source.endswith(name):
            raise error
        return process(raw, *options)
    monkeypatch.setattr(pipeline, "process", broken)


def events_per_page(url: str) -> dict[str, int]:
    with Store.open(url) as s:
        return {Path(r["source"]).name: r["n"] for r in s.db.execute(
            "SELECT d.source, COUNT(e.id) AS n FROM documents d LEFT JOIN events e ON e.document_id = d.id"
            " WHERE d.status = 'new' GROUP BY d.source")}


def test_a_page_that_fails_to_be_read_again_keeps_its_old_extraction(pages, tmp_path, monkeypatch):
    db = tmp_path / "r.db"
    use_stamp(monkeypatch, "old")
    run("ingest", pages, "--db", db)
    events = events_per_page(str(db))
    use_stamp(monkeypatch, "new")
    failing_on(monkeypatch, "001_1b200d8da6c8ee19.txt", PageError("001: internal error (a bug)"))
    result = run("reextract", "--db", db, "--quiet")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("failed: ") and lines[0].endswith("001: internal error (a bug)")
    assert re.fullmatch(r"\d+ updated, 1 failed, 0 already current", lines[1]) and len(lines) == 2
    assert stamps(str(db))["001_1b200d8da6c8ee19.txt"] == ("new", "old")
    assert events_per_page(str(db)) == events
    monkeypatch.undo()
    use_stamp(monkeypatch, "new")
    assert run("reextract", "--db", db, "--quiet").output.startswith("1 updated, 0 failed")


def test_an_interrupted_reextract_leaves_no_half_written_page(store, store_url, monkeypatch):
    use_stamp(monkeypatch, "old")
    for n in range(6):
        page = raw(f"Foreign Minister Park Jin met with Secretary of State Antony Blinken in Seoul on May {n + 1}, 2023.",
                   f"p{n}")
        assert store.save(page, *pipeline.process(page)) == "new"
    store.db.execute("UPDATE events SET type = 'old'")  # what the old extractor read, told apart from the new
    use_stamp(monkeypatch, "new")
    failing_on(monkeypatch, "p3.txt", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        list(store.batches(reextract_documents(store), pages=2))
    # the first batch (p0, p1) was committed; p2, in the open batch, was rolled back with it
    by_page = {r["doc_id"]: (r["stamp"], r["types"]) for r in store.db.execute(
        "SELECT d.doc_id, d.stamp, MIN(e.type) || '/' || MAX(e.type) || '/' || COUNT(e.id) AS types"
        " FROM documents d JOIN events e ON e.document_id = d.id GROUP BY d.doc_id, d.stamp")}
    assert by_page == {"p0": ("new", "meeting/meeting/1"), "p1": ("new", "meeting/meeting/1"),
                       **{f"p{n}": ("old", "old/old/1") for n in range(2, 6)}}
    monkeypatch.undo()
    use_stamp(monkeypatch, "new")
    assert [r.status for r in store.batches(reextract_documents(store))] == ["updated"] * 4
    assert store.count_stale() == (0, 6)


def start_reextract(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "readouts.cli", "reextract", "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check_each_page_old_or_new(db: Path) -> None:
    """Every stored page is wholly the old extraction (no stamp, events marked old) or wholly the new."""
    con = sqlite3.connect(db)
    for doc, page_stamp, old, events in con.execute(
            "SELECT d.id, d.stamp, COALESCE(SUM(e.type = 'old'), 0), COUNT(e.id) FROM documents d"
            " LEFT JOIN events e ON e.document_id = d.id WHERE d.status = 'new' GROUP BY d.id, d.stamp"):
        assert (page_stamp, old) in ((None, events), (stamp.extractor_stamp(), 0)), doc


@pytest.mark.slow
def test_reextract_killed_at_any_point_then_rerun_completes(tmp_path, corpus_dirs):
    pages, _ = make_batch(tmp_path / "pages", corpus_dirs, copies=30)  # about four seconds of reextract
    db = tmp_path / "r.db"
    with Store.open(str(db)) as s:
        list(s.batches(ingest_files(s, pages)))
        s.db.execute("UPDATE documents SET stamp = NULL")  # stored by readouts before stamps were kept
        s.db.execute("UPDATE events SET type = 'old'")
    for delay in (0.4, 0.9, 1.5):
        process = start_reextract(db)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check_no_half_written_page(db, pages)
        check_each_page_old_or_new(db)
    con = sqlite3.connect(db)
    done = con.execute("SELECT COUNT(*) FROM documents WHERE stamp IS NOT NULL").fetchone()[0]
    assert done < len(pages)  # the runs were killed midway
    rerun = start_reextract(db)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    assert rerun.stderr.read() == f"{len(pages) - done} updated, 0 failed, {done} already current\n"
    check_no_half_written_page(db, pages)
    check_each_page_old_or_new(db)
    assert con.execute("SELECT COUNT(*) FROM events WHERE type = 'old'").fetchone() == (0,)
    assert con.execute("SELECT COUNT(*) FROM documents WHERE stamp = ?", (stamp.extractor_stamp(),)).fetchone() == \
        (len(pages),)
