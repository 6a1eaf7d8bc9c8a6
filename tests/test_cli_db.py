"""The database commands run for real: ingest twice, a bad file in a batch, queries."""
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from readouts.cli import main
from readouts.store import Store


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_ingest_twice_is_idempotent_and_queries_work(tmp_path, repo_root):
    db = tmp_path / "r.db"
    first = run("ingest", repo_root / "examples", "--db", db)
    assert first.exit_code == 0, first.output
    assert "5 new, 0 updated, 0 unchanged" in first.output
    dump = lambda: [sqlite3.connect(db).execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                    for t in ("documents", "events", "participants", "actors", "roles", "statements")]
    before = dump()
    second = run("ingest", repo_root / "examples", "--db", db)
    assert second.exit_code == 0 and "0 new, 0 updated, 5 unchanged" in second.output
    assert dump() == before

    timeline = run("events", "--db", db)
    assert "Kim Gunn" in timeline.output and "2024-07-22" in timeline.output
    rows = json.loads(run("events", "--db", db, "--actor", "Kim Gunn", "--format", "json").stdout)
    assert len(rows) == 4 and all(any(p["name"] == "Kim Gunn" for p in r["participants"]) for r in rows)
    csv_out = run("events", "--db", db, "--type", "phone_call", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("engagement_id,event_id,document_id") and len(csv_out) == 2
    shown = run("show", rows[0]["sources"][0]["event_id"], "--db", db)
    assert "Evidence:" in shown.output and "Source:" in shown.output
    actor = run("actors", "Kim Gunn", "--db", db)
    assert "met Jung Pak" in actor.output


def test_a_bad_file_does_not_stop_the_batch(tmp_path, repo_root):
    pages = tmp_path / "pages"
    shutil.copytree(repo_root / "examples", pages)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    db = tmp_path / "r.db"
    result = run("ingest", pages, "--db", db)
    assert result.exit_code == 1
    assert "5 new, 0 updated, 0 unchanged, 0 skipped, 2 failed" in result.output
    failed = run("documents", "--status", "failed", "--db", db).output
    assert "empty.txt" in failed and "image.txt" in failed


def test_clear_errors(tmp_path):
    db = tmp_path / "r.db"
    assert run("show", "42", "--db", db).exit_code != 0
    bad_date = run("events", "--since", "July", "--db", db)
    assert bad_date.exit_code != 0 and "not a date" in bad_date.output
    assert run("events", "--db", tmp_path / "missing" / "r.db").exit_code != 0


def test_actors_not_in_the_knowledge_base_are_marked_as_candidates(tmp_path, repo_root):
    db = tmp_path / "r.db"
    run("ingest", repo_root / "examples", "--db", db)
    listing = run("actors", "--db", db).output.splitlines()
    assert any("Niclas Kvarnström" in line and "candidate" in line for line in listing)
    assert any("Kim Gunn" in line and "candidate" not in line for line in listing)


@pytest.mark.parametrize("bound", ["2021-13", "2024-02-30", "2024-7", "24", "２０２４"])
def test_an_impossible_date_in_a_filter_is_a_usage_error(tmp_path, bound):
    db = tmp_path / "r.db"
    with Store.open(str(db)):
        pass
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--since", bound])
    assert result.exit_code == 2 and "is not a date like 2024, 2024-07 or 2024-07-22" in result.output


def test_a_refused_input_is_named_once_in_its_line(tmp_path):
    db = str(tmp_path / "r.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["ingest", str(empty), "--db", db])
    line = next(l for l in result.stderr.splitlines() if l.startswith("failed:"))
    assert line == f"failed: {empty}: empty file"


def test_a_folder_without_pages_is_said_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 0 and f"no page found under {tmp_path / 'empty'}" in result.stderr


def test_extract_reads_every_page_it_can_and_names_a_missing_one(repo_root, tmp_path):
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(main, ["extract", str(repo_root / "examples"), str(missing)])
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 5
    assert f"readouts: {missing}: file not found" in result.stderr


@pytest.mark.parametrize("folder", ["/proc/nope", "/dev/null/x"])
def test_an_export_folder_that_cannot_be_made_is_one_line(tmp_path, repo_root, folder):
    db = str(tmp_path / "r.db")
    assert run("ingest", repo_root / "examples", "--db", db).exit_code == 0
    result = run("export", folder, "--db", db)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
    assert result.stderr.startswith(f"Error: cannot create folder {folder}: ")


@pytest.mark.parametrize("command", [["reextract"], ["actors", "--merge", "1", "2"]])
def test_a_mistyped_database_path_is_an_error_not_a_new_database(tmp_path, command):
    db = tmp_path / "none.db"
    result = run(*command, "--db", db)
    assert result.exit_code == 1 and f"Error: {db}: no database there (readouts ingest makes one)" in result.stderr
    assert not db.exists()


def test_extract_reads_a_jsonl_file_as_records_as_ingest_does(tmp_path, repo_root):
    page = next((repo_root / "examples").glob("*.txt")).read_text(encoding="utf-8")
    records = tmp_path / "recs.jsonl"
    records.write_text(json.dumps({"doc_id": "r1", "text": page}) + "\n" + json.dumps({"doc_id": "r2", "text": page}) + "\n")
    result = run("extract", records)
    assert result.exit_code == 0 and [json.loads(l)["doc_id"] for l in result.stdout.splitlines()] == ["r1", "r2"]


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_files_a_folder_holds_that_are_not_pages_are_counted_in_one_line(tmp_path, repo_root, command):
    folder = tmp_path / "ext"
    folder.mkdir()
    pages = sorted((repo_root / "examples").glob("*.txt"))
    shutil.copy(pages[0], folder / "A.TXT")
    shutil.copy(pages[1], folder / "c.htm")
    for name in ("b.md", "d.pdf", "noext"):
        (folder / name).write_text("not a page")
    result = run(command, folder, *(["--db", tmp_path / "e.db"] if command == "ingest" else []))
    assert result.exit_code == 0
    said = [l for l in result.stderr.splitlines() if "ignored" in l]
    assert said == [f"readouts: 3 files ignored in the folders (not .txt/.html/.htm; a .jsonl file is read when named),"
                    f" e.g. {folder / 'b.md'}"]


def test_extract_says_a_folder_without_pages_holds_none(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("extract", tmp_path / "empty")
    assert result.exit_code == 0 and result.stderr == f"readouts: no page found under {tmp_path / 'empty'}\n"


def test_a_country_is_named_in_any_case_and_an_unknown_one_gets_a_short_hint(tmp_path, repo_root):
    db = str(tmp_path / "r.db")
    assert run("ingest", repo_root / "examples", "--db", db).exit_code == 0
    for same in (["Japan", "japan", "JAPAN", "jpn"], ["U.S.", "us", "united states", "USA"]):
        listed = {run("events", "--db", db, "--country", name, "--format", "jsonl").stdout for name in same}
        assert len(listed) == 1 and listed != {""}
    assert run("statements", "--db", db, "--source", "south korea").exit_code == 0
    result = run("events", "--db", db, "--country", "narnia")
    assert result.exit_code == 2
    line = next(l for l in result.stderr.splitlines() if "narnia" in l)
    assert line.startswith("Error: unknown country 'narnia'; valid: KOR, PRK, USA,") and "`readouts countries`" in line
    assert len(line) < 250
