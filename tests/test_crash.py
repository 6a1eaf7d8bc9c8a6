"""Crash safety of `readouts ingest` on SQLite, on a batch that mixes good and bad pages: SIGKILL at
any point (even while the database is being created) leaves an intact database where every stored
page has all of its events and statements, a rerun accounts for every file without duplicates, and
two ingests writing one database at once (different halves, or the same folder) lose nothing."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readouts.pipeline import extract_file

pytestmark = pytest.mark.slow

BAD_PAGES = {"empty.txt": b"", "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4}


def make_batch(folder: Path, corpus_dirs: dict[str, Path], copies: int) -> tuple[list[Path], list[Path]]:
    """Distinct pages (corpus pages, each copy with a line of its own) and a few bad files."""
    folder.mkdir()
    sources = sorted(p for name in ("seeds", "dev") for p in (corpus_dirs[name] / "raw").glob("*.txt"))
    pages = []
    for n in range(copies):
        for source in sources:
            page = folder / f"{source.stem}-{n:03d}.txt"
            page.write_text(source.read_text(encoding="utf-8") + f"\nCopy {n}.\n", encoding="utf-8")
            pages.append(page)
    bad = []
    for name, data in BAD_PAGES.items():
        (folder / name).write_bytes(data)
        bad.append(folder / name)
    return pages, bad


def start_ingest(db: Path, *folders: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "readouts.cli", "ingest", *map(str, folders), "--db", str(db),
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check_no_half_written_page(db: Path, pages: list[Path]) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return  # killed between creating the file and the schema: an empty database, which the rerun fills
    assert {"schema_version", "documents", "events", "statements"} <= tables  # the schema is made in one transaction
    assert con.execute("SELECT COUNT(sha256) - COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == 0
    stored = {Path(source).name: doc for doc, source in con.execute("SELECT id, source FROM documents WHERE status = 'new'")}
    for page in pages[:: max(1, len(pages) // 12)]:
        if page.name not in stored:
            continue
        doc = stored[page.name]
        extraction = extract_file(page)
        events = con.execute("SELECT COUNT(*) FROM events WHERE document_id = ?", (doc,)).fetchone()[0]
        statements = con.execute("SELECT COUNT(*) FROM statements WHERE document_id = ?", (doc,)).fetchone()[0]
        assert events == len(extraction.events), page.name
        assert statements == len(extraction.statements), page.name


def check_every_file_accounted_for(db: Path, pages: list[Path], bad: list[Path]) -> None:
    rows = sqlite3.connect(db).execute("SELECT source, status FROM documents").fetchall()
    statuses = {Path(source).name: status for source, status in rows}
    assert len(statuses) == len(rows)  # one row per file
    assert statuses == {**{p.name: "new" for p in pages}, **{b.name: "failed" for b in bad}}


def test_killed_at_any_point_then_rerun_accounts_for_every_file(tmp_path, corpus_dirs):
    pages, bad = make_batch(tmp_path / "pages", corpus_dirs, copies=12)
    db = tmp_path / "r.db"
    for delay in (0.3, 0.8, 1.6, 2.4):  # 0.3 s: before or while the schema is created
        process = start_ingest(db, tmp_path / "pages")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if db.exists():
            check_no_half_written_page(db, pages)
    rerun = start_ingest(db, tmp_path / "pages")
    assert rerun.wait(timeout=300) == 1, rerun.stderr.read()  # the bad files failed; nothing else did
    check_no_half_written_page(db, pages)
    check_every_file_accounted_for(db, pages, bad)


def test_two_ingests_at_once_on_different_halves_and_on_the_same_folder(tmp_path, corpus_dirs):
    pages, bad = make_batch(tmp_path / "pages", corpus_dirs, copies=4)
    halves = tmp_path / "first", tmp_path / "second"
    for half in halves:
        half.mkdir()
    for n, page in enumerate(pages + bad):
        page.rename(halves[n % 2] / page.name)
    moved = [halves[n % 2] / p.name for n, p in enumerate(pages)]
    moved_bad = [halves[(len(pages) + n) % 2] / b.name for n, b in enumerate(bad)]

    db = tmp_path / "halves.db"
    first, second = start_ingest(db, halves[0]), start_ingest(db, halves[1])
    codes = first.wait(timeout=300), second.wait(timeout=300)
    assert set(codes) <= {0, 1} and 1 in codes, (first.stderr.read(), second.stderr.read())
    check_no_half_written_page(db, moved)
    check_every_file_accounted_for(db, moved, moved_bad)

    db = tmp_path / "same.db"
    first, second = start_ingest(db, *halves), start_ingest(db, *halves)
    assert (first.wait(timeout=300), second.wait(timeout=300)) == (1, 1), (first.stderr.read(), second.stderr.read())
    check_no_half_written_page(db, moved)
    check_every_file_accounted_for(db, moved, moved_bad)
