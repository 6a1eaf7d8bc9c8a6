"""Crash safety and concurrency of `readouts ingest` on a real SQLite database: a run killed with
SIGKILL leaves an intact database with no half-written page, a rerun completes without duplicates,
and two ingests into one database at once both complete."""
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readouts.pipeline import extract_file

pytestmark = pytest.mark.slow


def make_batch(folder: Path, corpus_dirs: dict[str, Path], copies: int) -> list[Path]:
    """Distinct pages: the corpus pages, each copy with a line of its own."""
    folder.mkdir()
    pages = sorted(p for name in ("seeds", "dev") for p in (corpus_dirs[name] / "raw").glob("*.txt"))
    written = []
    for n in range(copies):
        for page in pages:
            target = folder / f"{page.stem}-{n:03d}.txt"
            target.write_text(page.read_text(encoding="utf-8") + f"\nCopy {n}.\n", encoding="utf-8")
            written.append(target)
    return written


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "readouts.cli", "ingest", str(folder), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check_consistent(db: Path, pages: list[Path]) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == 0
    by_source = {Path(s).name: i for i, s in con.execute("SELECT id, source FROM documents WHERE status = 'new'")}
    # every stored page has exactly what its extraction gives: nothing half-written
    for page in pages[:: max(1, len(pages) // 15)]:
        if page.name in by_source:
            stored = con.execute("SELECT COUNT(*) FROM events WHERE document_id = ?", (by_source[page.name],)).fetchone()[0]
            assert stored == len(extract_file(page).events), page.name


def test_killed_ingests_leave_a_consistent_database_and_a_rerun_completes(tmp_path, corpus_dirs):
    pages = make_batch(tmp_path / "pages", corpus_dirs, copies=12)
    db = tmp_path / "r.db"
    for delay in (0.8, 1.6, 2.4):
        process = ingest(tmp_path / "pages", db)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if db.exists():
            check_consistent(db, pages)
    rerun = ingest(tmp_path / "pages", db)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    check_consistent(db, pages)
    count = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents WHERE status = 'new'").fetchone()[0]
    assert count == len(pages)


def test_two_ingests_into_one_database_at_once_both_complete(tmp_path, corpus_dirs):
    pages = make_batch(tmp_path / "pages", corpus_dirs, copies=4)
    db = tmp_path / "r.db"
    first, second = ingest(tmp_path / "pages", db), ingest(tmp_path / "pages", db)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    check_consistent(db, pages)
    count = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents WHERE status = 'new'").fetchone()[0]
    assert count == len(pages)
