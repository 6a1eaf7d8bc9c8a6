"""Faults in the input, each built here: every file named like a page ends in exactly one recorded
status with a reason, one bad file never stops a batch, and no hostile line makes extraction
quadratic. (tests/test_bad_input.py covers the common bad inputs end to end; these are the rest.)"""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from readouts import cli
from readouts.extract.dates import find_dates
from readouts.extract.people import find_people
from readouts.extract.text import split_sentences
from readouts.ingest import iter_input_files, read_document
from readouts.pipeline import ingest_files
from readouts.store import Store

GOOD = "Foreign Minister Park Jin met with Secretary of State Antony Blinken in Seoul on May {day}, 2023.\n"
KOREAN = "외교부 장관은 미국 국무장관과 회담을 가졌다. 양측은 한미동맹을 더욱 강화하기로 하였다.\n"


def good(day: int) -> str:
    """A distinct English page per day (distinct bytes: no two are 'unchanged')."""
    return GOOD.format(day=day)


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.output


def recorded(db: Path) -> dict[str, tuple[str, str | None]]:
    """File name -> (status, reason) of every row in the documents table."""
    rows = sqlite3.connect(db).execute("SELECT source, status, reason FROM documents").fetchall()
    names = [Path(source).name for source, _, _ in rows]
    assert len(names) == len(set(names)), names  # one row per file
    return {Path(source).name: (status, reason) for source, status, reason in rows}


# --- files that are not what their name says --------------------------------------------------


def test_looping_and_broken_symlinks_and_fifos_are_recorded_as_failed(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text(good(3))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # resolving it never ends (ELOOP)
    (folder / "broken.html").symlink_to(folder / "nowhere.html")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    db = tmp_path / "r.db"
    started = time.monotonic()
    code, output = run_cli("ingest", str(folder), "--db", str(db))
    assert time.monotonic() - started < 30
    assert code == 1
    rows = recorded(db)
    assert rows["good.txt"] == ("new", None)
    assert rows["loop.txt"][0] == "failed" and "symbolic links" in rows["loop.txt"][1]
    assert rows["broken.html"][0] == "failed" and "broken symbolic link" in rows["broken.html"][1]
    assert rows["pipe.txt"][0] == "failed" and "not a regular file" in rows["pipe.txt"][1]
    assert len(rows) == 4  # the folder loop added nothing twice
    code, listing = run_cli("documents", "--status", "failed", "--db", str(db))
    assert code == 0
    assert all(name in listing for name in ("loop.txt", "broken.html", "pipe.txt"))
    assert "good.txt" not in listing


def test_an_unreadable_file_in_a_folder_is_failed_even_when_run_as_root(tmp_path, monkeypatch):
    # chmod 000 means nothing to root, so the refusal of open() is simulated where it happens.
    folder = tmp_path / "pages"
    folder.mkdir()
    for day, name in ((3, "a.txt"), (4, "secret.txt"), (5, "z.txt")):
        (folder / name).write_text(good(day))
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    with Store.open(str(tmp_path / "r.db")) as store:
        results = {r.path.name: r for r in ingest_files(store, iter_input_files([folder]))}
        failed = store.list_documents("failed")
    assert {name: r.status for name, r in results.items()} == {"a.txt": "new", "secret.txt": "failed", "z.txt": "new"}
    assert "permission denied" in results["secret.txt"].reason
    assert [Path(d["source"]).name for d in failed] == ["secret.txt"]


def test_a_file_vanishing_mid_batch_fails_through_the_command_with_exit_code_1(tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    folder.mkdir()
    for day in (3, 4, 5):
        (folder / f"{day}.txt").write_text(good(day))

    def listing_then_deleting(paths):
        files = sorted(folder.glob("*.txt"))  # listed while all three exist
        for path in files:
            if path.name == "4.txt":
                path.unlink()
            yield path

    monkeypatch.setattr(cli, "iter_input_files", listing_then_deleting)
    db = tmp_path / "r.db"
    code, output = run_cli("ingest", str(folder), "--db", str(db))
    assert code == 1
    assert "2 new, 0 unchanged, 0 skipped, 1 failed" in output
    assert recorded(db)["4.txt"][0] == "failed"
    assert "removed while reading" in recorded(db)["4.txt"][1]


# --- sizes and contents ----------------------------------------------------------------------


def test_the_size_limit_is_configurable_and_checked_before_reading(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "small.txt").write_text(good(3))
    (folder / "big.txt").write_text(good(4) * 40)  # about 4 KB
    with open(folder / "sparse.txt", "wb") as f:
        f.truncate(200 * 1024 * 1024)  # 200 MB on paper, nothing on disk
    db = tmp_path / "r.db"
    started = time.monotonic()
    code, _ = run_cli("ingest", str(folder), "--db", str(db), "--max-bytes", "1000")
    assert time.monotonic() - started < 10  # the 200 MB file is refused by its size, unread
    assert code == 1
    rows = recorded(db)
    assert rows["small.txt"] == ("new", None)
    for name in ("big.txt", "sparse.txt"):
        status, reason = rows[name]
        assert status == "failed" and "too large" in reason and "limit 1000" in reason
    code, output = run_cli("ingest", str(folder), "--db", str(db), "--max-bytes", "0")
    assert code == 2 and "max-bytes" in output  # a limit of nothing is a usage error


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b" \n\t\r\n" * 100, "empty"),
    (b"\x00" * 4096, "binary"),
    (b"\x00\x00\n\x00" * 100, "binary"),
    (b"GIF89a" + bytes(range(256)) * 8, "GIF image"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF document"),
    (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, "gzip archive"),
    (bytes(range(1, 32)) * 200, "control characters"),
], ids=["empty", "whitespace", "all-nul", "mostly-nul", "gif", "pdf", "gzip", "controls"])
def test_pages_that_are_not_text_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with Store.open(str(tmp_path / "r.db")) as store:
        (result,) = ingest_files(store, [path])
    assert result.status == "failed"
    assert reason in result.reason and "page.txt" in result.reason


ENGLISH_WITH_HANGUL = "Foreign Minister Park Jin (박진) met with Secretary of State Antony Blinken in Seoul on May 3, 2023.\n"


@pytest.mark.parametrize("data", [
    ENGLISH_WITH_HANGUL.encode("euc-kr"),
    ENGLISH_WITH_HANGUL.encode("cp949"),
    "\ufeff".encode("utf-8") + ENGLISH_WITH_HANGUL.encode("utf-8"),
    b"\xfe\xff" + ENGLISH_WITH_HANGUL.encode("utf-16-be"),
    b"\xff\xfe" + ENGLISH_WITH_HANGUL.encode("utf-16-le"),
    ENGLISH_WITH_HANGUL.encode("utf-16-le"),  # no byte-order mark: read by its NUL pattern
    ENGLISH_WITH_HANGUL.encode("utf-8")[:-6] + b"\xeb\xb0",  # cut off inside a character
], ids=["euc-kr", "cp949", "utf-8-bom", "utf-16-be-bom", "utf-16-le-bom", "utf-16-le-no-bom", "truncated-utf-8"])
def test_encodings_decode_to_the_same_page(tmp_path, data):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    text = read_document(path).text
    assert "Foreign Minister Park Jin" in text and "Antony Blinken" in text
    assert "\ufeff" not in text


def test_a_korean_page_in_a_legacy_encoding_is_skipped_and_invents_nothing(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ko.txt").write_bytes((KOREAN * 20).encode("euc-kr"))
    (folder / "en.txt").write_text(good(3))
    db = tmp_path / "r.db"
    code, _ = run_cli("ingest", str(folder), "--db", str(db))
    assert code == 0  # skipped is not a failure
    assert recorded(db)["ko.txt"] == ("skipped", "unsupported language")
    events = sqlite3.connect(db).execute(
        "SELECT COUNT(*) FROM events JOIN documents d ON d.id = events.document_id WHERE d.status = 'skipped'").fetchone()
    assert events == (0,)
    code, listing = run_cli("documents", "--status", "skipped", "--db", str(db))
    assert "ko.txt: unsupported language" in listing


def test_every_file_ends_in_exactly_one_status_and_a_rerun_changes_nothing(tmp_path):
    folder = tmp_path / "pages"
    (folder / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text(good(3))
    (folder / "copy-of-a.txt").write_text(good(3))  # same bytes: unchanged, not stored twice
    (folder / "deeper" / "b.html").write_text(f"<html><body><p>{good(4)}</p></body></html>")
    (folder / "ko.txt").write_text(KOREAN * 10)
    (folder / "empty.htm").write_bytes(b"")
    (folder / "notes.md").write_text(good(5))  # not a page suffix: not an input in a folder
    db = tmp_path / "r.db"
    code, output = run_cli("ingest", str(folder), "--db", str(db))
    assert code == 1
    assert "2 new, 1 unchanged, 1 skipped, 1 failed" in output
    before = recorded(db)
    assert set(before) == {"a.txt", "b.html", "ko.txt", "empty.htm"}
    code, output = run_cli("ingest", str(folder), "--db", str(db))
    assert "0 new, 4 unchanged, 0 skipped, 1 failed" in output  # the failure is tried again
    assert recorded(db) == before


# --- lines that once took quadratic time ------------------------------------------------------


def seconds(func: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    func(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("func, unit", [
    (split_sentences, "Mr. "),  # the sentence before each boundary was copied whole
    (lambda s: find_dates(s, date(2023, 5, 1)), "May 3, "),  # word offsets and overlaps per date
    (find_people, "Minister of "),  # each title word scanned the whole complement after it
    (find_people, "Special Representative for "),
    (find_people, "Deputy "),
], ids=["sentences", "dates", "titles", "complements", "modifiers"])
def test_a_line_repeating_one_phrase_costs_linear_time(func, unit):
    def line(chars: int) -> str:
        return "Foreign Minister Park Jin said " + unit * (chars // len(unit))

    func(line(2_000))  # warm the caches and lexicons
    small, large = seconds(func, line(20_000)), seconds(func, line(80_000))
    # four times the text: about four times the time when linear, sixteen when quadratic
    assert large < 8 * small + 0.05, (small, large)
