"""Bad input, end to end through `readouts ingest`: every file ends in exactly one recorded status,
one bad file never stops a batch, and nothing hangs or blows up on hostile pages."""
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from readouts.pipeline import ingest_files
from readouts.store import Store

GOOD = "Foreign Minister Park Jin met with Secretary of State Antony Blinken in Seoul on May 3, 2023.\n"


def build_batch(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return file name -> the status it must end in."""
    folder.mkdir()
    expected = {}

    def put(name: str, data: bytes, status: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = status

    put("good.txt", GOOD.encode(), "new")
    put("empty.txt", b"", "failed")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "failed")
    with zipfile.ZipFile(folder / "archive.txt", "w") as z:
        z.writestr("a.txt", GOOD * 50)
    expected["archive.txt"] = "failed"
    put("korean.txt", "외교부 장관은 미국 국무장관과 회담을 가졌다. 양측은 긴밀한 공조를 지속하기로 하였다.\n".encode(), "skipped")
    put("cp949.txt", ("장관 회담 " + GOOD).encode("cp949"), "new")
    put("utf16.txt", ("\ufeff" + GOOD.replace("May 3", "May 4")).encode("utf-16-le"), "new")
    put("nul.txt", GOOD.replace("Park Jin", "Park Jin\x00").replace("May 3", "May 5").encode(), "new")
    put("mixed.txt", GOOD.replace("May 3", "May 6").encode() + b"\xff\xfe\x80 broken \xc3\x28\n", "new")
    put("long-line.txt", (GOOD.strip() + " " + "North Korea condemned " * 50_000 + "\n").encode(), "new")
    put("nested.html", ("<html><body>" + "<div>" * 10_000 + f"<p>{GOOD}</p>".replace("May 3", "May 7")
                        + "</div>" * 10_000 + "</body></html>").encode(), "new")
    put("malformed.html", b"<html><body><p>Foreign Minister Park Jin met <b>with <i>Secretary Blinken</p></div>"
                          b"</span> on May 8, 2023.<table><tr><td>x", "new")
    with open(folder / "huge.txt", "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200 * 1024 * 1024)
    expected["huge.txt"] = "failed"
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(folder, target_is_directory=True)
    return expected


def statuses(db: Path) -> dict[str, list[str]]:
    rows = sqlite3.connect(db).execute("SELECT source, status FROM documents").fetchall()
    out: dict[str, list[str]] = {}
    for source, status in rows:
        out.setdefault(Path(source).name, []).append(status)
    return out


def test_every_bad_input_ends_in_one_recorded_status(tmp_path):
    expected = build_batch(tmp_path / "batch")
    db = tmp_path / "r.db"
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", str(tmp_path / "batch"), "--db", str(db)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr  # some failed, the rest went in
    assert time.monotonic() - started < 60
    recorded = statuses(db)
    for name, status in expected.items():
        assert recorded.get(name) == [status], (name, recorded.get(name), run.stderr)
    assert "too large" in run.stderr or "larger than" in run.stderr
    failed = subprocess.run([sys.executable, "-m", "readouts.cli", "documents", "--status", "failed", "--db", str(db)],
                            capture_output=True, text=True).stdout
    assert all(name in failed for name, status in expected.items() if status == "failed")
    reasons = dict(sqlite3.connect(db).execute("SELECT source, reason FROM documents WHERE status != 'new'").fetchall())
    assert all(reasons.values()), reasons  # every skipped or failed file says why


def test_a_korean_page_yields_no_invented_events(tmp_path):
    build_batch(tmp_path / "batch")
    with Store.open(str(tmp_path / "r.db")) as store:
        list(store.batches(ingest_files(store, [tmp_path / "batch" / "korean.txt"])))
        (doc,) = store.list_documents()
        assert (doc["status"], doc["reason"]) == ("skipped", "unsupported language (ko)")
        assert store.list_events() == []


FOREIGN = {
    "ru": "Министр иностранных дел России Сергей Лавров провел переговоры с государственным секретарем США в Москве."
          " Стороны обсудили ситуацию на Корейском полуострове.",
    "ja": "外務大臣は米国国務長官とソウルで会談を行いました。両氏は朝鮮半島情勢について意見交換を行いました。",
    "zh": "外交部长王毅在北京会见美国国务卿。双方就朝鲜半岛局势交换了意见。",
    "ko": "외교부 장관은 미국 국무장관과 회담을 가졌다. 양측은 긴밀한 공조를 지속하기로 하였다.",
}


def test_pages_not_in_english_are_skipped_with_their_language(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for code, text in FOREIGN.items():
        (folder / f"{code}.txt").write_text(text + "\n")
    with Store.open(str(tmp_path / "r.db")) as store:
        results = {r.path.stem: (r.status, r.reason) for r in store.batches(ingest_files(store, sorted(folder.iterdir())))}
        stored = {d["source"].rsplit("/", 1)[1][:2]: (d["status"], d["reason"]) for d in store.list_documents()}
        languages = dict(store.db.execute("SELECT doc_id, language FROM documents").fetchall())
    expected = {code: ("skipped", f"unsupported language ({code})") for code in FOREIGN}
    assert results == stored == expected
    assert languages == {code: code for code in FOREIGN}


def test_a_file_that_vanishes_mid_batch_is_failed_and_the_rest_goes_in(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_text(GOOD)
    second.write_text(GOOD.replace("May 3", "May 9"))

    def listing_then_vanish():
        yield first
        second.unlink()  # deleted after the batch listed it
        yield second

    with Store.open(str(tmp_path / "r.db")) as store:
        results = list(store.batches(ingest_files(store, listing_then_vanish())))
    assert [r.status for r in results] == ["new", "failed"]
    assert results[1].path.name == "b.txt" and "file not found" in results[1].reason


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(200 * 1024 * 1024)
    script = ("import resource, sys; from pathlib import Path; from readouts.ingest import read_document\n"
              "from readouts.types import InputError\n"
              "try:\n    read_document(Path(sys.argv[1]))\nexcept InputError as e:\n    print(e)\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, str(huge)], capture_output=True, text=True).stdout.splitlines()
    assert "huge.txt" in out[0]
    assert int(out[-1]) < 500 * 1024  # peak resident memory in KB, far under 500 MB


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_failed(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "secret.txt").write_text(GOOD)
    (folder / "secret.txt").chmod(0)
    with Store.open(str(tmp_path / "r.db")) as store:
        (result,) = store.batches(ingest_files(store, [folder / "secret.txt"]))
    assert result.status == "failed"


def test_a_fault_of_readouts_on_one_page_fails_that_page_alone(tmp_path, monkeypatch):
    import readouts.pipeline as pipeline

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "b.txt").write_text(GOOD.replace("May 3", "May 9") + "TRIGGER\n")
    real_extract = pipeline.extract
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Minister Kim met Minister Lee on May {ord(name) - 96}, 2024.")
    pipeline.extract_file(tmp_path / "a.txt")  # the lexicons compiled first: that is no page's time

    def faulty(doc):
        if "TRIGGER" in doc.text:
            raise ValueError("a bug")
        return real_extract(doc)

    monkeypatch.setattr(pipeline, "extract", faulty)
    with Store.open(str(tmp_path / "r.db")) as store:
        results = {r.path.name: r for r in store.batches(ingest_files(store, sorted(folder.iterdir())))}
        assert results["a.txt"].status == "new"
        assert results["b.txt"].status == "failed"
        assert "internal error (ValueError: a bug)" in results["b.txt"].reason
        assert store.db.execute("SELECT COUNT(*) AS n FROM documents WHERE status = 'new'").fetchone()["n"] == 1


def ingest_run(*args: str | Path) -> subprocess.CompletedProcess:
    """`readouts ingest ARGS` as a subprocess; stderr kept as bytes (a raw control byte must show)."""
    return subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", *map(os.fsencode, args)],
                          capture_output=True, timeout=120)


def status_lines(run: subprocess.CompletedProcess) -> list[bytes]:
    """The per-input status lines of an ingest's stderr (not the summary or a traceback)."""
    return [line for line in run.stderr.split(b"\n") if line.split(b":")[0] in {b"new", b"unchanged", b"skipped", b"failed"}]


def test_a_file_name_that_is_not_utf8_is_stored_printed_and_found_again(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / os.fsdecode(b"x\xff.txt")).write_text(GOOD.replace("May 3", "May 9"))
    db = tmp_path / "r.db"
    first = ingest_run(folder, "--db", db)
    assert first.returncode == 0, first.stderr
    assert sorted(status_lines(first)) == [f"new: {folder}/a.txt".encode(), f"new: {folder}/x\\xff.txt".encode()]
    again = ingest_run(folder, "--db", db)
    assert again.returncode == 0, again.stderr
    assert sorted(status_lines(again)) == [f"unchanged: {folder}/a.txt".encode(),
                                           f"unchanged: {folder}/x\\xff.txt".encode()]
    sources = {s for (s,) in sqlite3.connect(db).execute("SELECT source FROM documents")}
    assert sources == {f"{folder}/a.txt", f"{folder}/x\\xff.txt"}


def test_links_are_followed_only_inside_the_folders_given(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD.replace("May 3", "May 10"))
    (outside / "secret2.txt").write_text(GOOD.replace("May 3", "May 11"))
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "notes.dat").write_text(GOOD.replace("May 3", "May 12"))
    (folder / "in.txt").symlink_to(folder / "notes.dat")
    (folder / "x.txt").symlink_to(outside / "secret.txt")
    (folder / "docs").symlink_to(outside, target_is_directory=True)
    run = ingest_run(folder, "--db", tmp_path / "r.db")
    assert run.returncode == 1, run.stderr
    failed_docs, failed_x, *new = sorted(status_lines(run))
    assert new == [f"new: {folder}/a.txt".encode(), f"new: {folder}/in.txt".encode()]
    assert failed_docs.startswith(f"failed: {folder}/docs: ".encode())
    assert failed_docs.endswith(f": link outside the folders given: {outside}".encode())
    assert failed_x.startswith(f"failed: {folder}/x.txt: ".encode())
    assert failed_x.endswith(f": link outside the folders given: {outside}/secret.txt".encode())
    stored = [text for (text,) in sqlite3.connect(tmp_path / "r.db").execute("SELECT raw_text FROM documents")]
    assert not any("May 10" in (text or "") or "May 11" in (text or "") for text in stored)

    followed = ingest_run(folder, "--db", tmp_path / "all.db", "--follow-links")
    assert followed.returncode == 0, followed.stderr
    assert sorted(status_lines(followed)) == [
        f"new: {folder}/{name}".encode() for name in ("a.txt", "docs/secret.txt", "docs/secret2.txt", "in.txt")
    ] + [f"unchanged: {folder}/x.txt".encode()]


# `readouts ingest` with a folder named "locked" that cannot be listed (as root, chmod cannot do it)
UNLISTABLE = """import os, sys
listing = os.scandir
def scandir(path="."):
    if os.fsdecode(path).endswith("locked"):
        raise PermissionError(13, "Permission denied", path)
    return listing(path)
os.scandir = scandir
from readouts.cli import main
sys.argv[0] = "readouts"
main()
"""


def test_every_input_ends_in_exactly_one_status_line_printed_on_one_line(tmp_path):
    folder = tmp_path / "pages"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "c.txt").write_text(GOOD.replace("May 3", "May 13"))
    (folder / ".txt").write_text(GOOD.replace("May 3", "May 14"))
    (folder / "a.txt").write_text(GOOD)
    (folder / "b.txt").write_text(GOOD)  # the same bytes under another name
    (folder / "new\nline.txt").write_text(GOOD.replace("May 3", "May 15"))
    (folder / "esc\x1b[31mred.txt").write_text(GOOD.replace("May 3", "May 16"))
    missing = tmp_path / "missing.txt"
    inputs = [".txt", "a.txt", "b.txt", "esc\\x1b[31mred.txt", "locked", "missing.txt", "new\\nline.txt"]

    def run(*script: str) -> list[bytes]:
        done = subprocess.run([sys.executable, *script, "ingest", str(folder), str(missing), "--db", str(tmp_path / "r.db")],
                              capture_output=True, timeout=120)
        assert done.returncode == 1, done.stderr  # the missing file
        assert b"\x1b" not in done.stderr
        assert b"Traceback" not in done.stderr
        return status_lines(done)

    first = run("-c", UNLISTABLE)
    assert sorted(line.split(b": ")[1].rsplit(b"/", 1)[1] for line in first) == [name.encode() for name in inputs]
    assert sorted(line.split(b": ")[0] for line in first) == [b"failed"] * 2 + [b"new"] * 4 + [b"unchanged"]
    assert any(line.endswith(b"/locked: is a folder that cannot be listed (permission denied)") for line in first)
    again = run("-m", "readouts.cli")  # the folder can be listed now: its page is read, each input once
    assert sorted(line.split(b": ")[0] for line in again) == [b"failed", b"new"] + [b"unchanged"] * 5
    assert any(line.endswith(b"/locked/c.txt") for line in again)


def test_a_jsonl_file_is_ingested_one_page_per_record(tmp_path):
    import json

    records = tmp_path / "pages.jsonl"
    html = f"<html><body><p>{GOOD.replace('May 3', 'May 9')}</p></body></html>"
    records.write_text(json.dumps({"doc_id": "r1", "text": GOOD}) + "\n"
                       + '{"doc_id": "r2", "text": "Foreign Minister\n'
                       + json.dumps({"html": html, "url": "https://example.org/r3", "title": "Talks in Seoul",
                                     "published": "2023-05-09"}) + "\n")
    db = tmp_path / "r.db"
    run = ingest_run(records, "--db", db)
    assert run.returncode == 1, run.stderr
    lines = status_lines(run)
    assert lines[0] == f"new: {records}:1".encode()
    assert lines[1].startswith(f"failed: {records}:2: ".encode()) and b"not a JSON object" in lines[1]
    assert lines[2] == f"new: {records}:3".encode()
    assert len(lines) == 3
    rows = sqlite3.connect(db).execute(
        "SELECT d.doc_id, d.status, d.title, d.published, d.source_url, COUNT(e.id) FROM documents d"
        " LEFT JOIN events e ON e.document_id = d.id GROUP BY d.id ORDER BY d.id").fetchall()
    assert [(doc_id, status, events > 0) for doc_id, status, *_, events in rows if status == "new"] == [
        ("r1", "new", True), ("pages:3", "new", True)]
    assert rows[-1][2:5] == ("Talks in Seoul", "2023-05-09", "https://example.org/r3")
    assert [status for _, status, *_ in rows].count("failed") == 1
    # read again from the stored text (another extractor's stamp): what the record gave is kept
    with sqlite3.connect(db) as con:
        con.execute("UPDATE documents SET stamp = NULL")
    again = subprocess.run([sys.executable, "-m", "readouts.cli", "reextract", "--db", str(db), "--quiet"],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert sqlite3.connect(db).execute("SELECT title, published, source_url FROM documents WHERE doc_id = 'pages:3'"
                                       ).fetchone() == ("Talks in Seoul", "2023-05-09", "https://example.org/r3")


@pytest.mark.parametrize("record, reason", [
    ({"doc_id": "a"}, 'missing "text" or "html"'),
    ({"html": "  "}, "empty html"),
    ({"text": GOOD, "published": "2023-02-30"}, '"published" is not a date'),
    ({"text": GOOD, "title": 7}, '"title" is not a string'),
    ({"text": GOOD, "doc_id": ""}, 'empty "doc_id"'),
])
def test_a_jsonl_record_is_refused_with_its_reason(record, reason):
    import json

    from readouts.pipeline import JsonlRecord, raw_document_from_record
    from readouts.types import InputError

    with pytest.raises(InputError, match=f"^pages.jsonl:4: {reason}"):
        raw_document_from_record(JsonlRecord("pages.jsonl:4", json.dumps(record).encode()))


def test_a_page_that_takes_too_long_fails_and_the_batch_goes_on(tmp_path, monkeypatch):
    """--page-timeout: a page whose reading runs past the budget fails with "took too long", at about
    the budget, and the next page is read."""
    import time

    from readouts import pipeline
    from readouts.pipeline import ReadOptions, ingest_files
    from readouts.store import Store

    real_extract = pipeline.extract
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Minister Kim met Minister Lee on May {ord(name) - 96}, 2024.")
    pipeline.extract_file(tmp_path / "a.txt")  # the lexicons compiled first: that is no page's time

    def slow_on_b(doc):
        if doc.doc_id == "b":
            time.sleep(30)  # as a page that never ends would
        return real_extract(doc)

    monkeypatch.setattr(pipeline, "extract", slow_on_b)
    started = time.monotonic()
    with Store.open(str(tmp_path / "r.db")) as store:
        results = list(store.batches(ingest_files(store, sorted(tmp_path.glob("*.txt")), ReadOptions(page_timeout=0.5))))
    assert time.monotonic() - started < 10
    assert [(r.path.name, r.status) for r in results] == [("a.txt", "new"), ("b.txt", "failed"), ("c.txt", "new")]
    assert "took too long (over 0.5 s" in results[1].reason
