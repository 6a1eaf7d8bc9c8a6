"""Ingest writes in batched transactions: results are reported once committed, a failing page is
undone alone, an interrupted batch leaves nothing half-written, pages are read and extracted
outside the write transaction, and a database that cannot be written stops the run in one line."""
import sqlite3
import threading
import time
from functools import partial

import pytest

from test_store import extraction, meeting, save, store, store_url  # noqa: F401 (fixtures)

from readouts.store import Store
from readouts.types import StoreError, Write


def pages(n: int) -> list:
    return [(f"page {i} text", extraction(f"d{i}", meeting("2024-01-0%d" % (1 + i % 9), ("Kim Gunn", "Envoy", "KOR"))))
            for i in range(n)]


def saving(store: Store, items: list):
    for text, ex in items:
        yield Write(partial(save, store, text, ex))


def stored(url: str) -> int:
    with Store.open(url) as other:  # another connection sees only what is committed
        return other.db.execute("SELECT COUNT(*) AS n FROM documents").fetchone()["n"]


def test_results_are_yielded_after_their_batch_is_committed(store, store_url):
    seen = []
    for status in store.batches(saving(store, pages(5)), pages=2):
        seen.append(status)
        assert stored(store_url) >= len(seen)  # what was reported is durable
    assert seen == ["new"] * 5
    assert stored(store_url) == 5


def test_a_batch_is_cut_after_its_time(store, store_url):
    committed_when_reported = []
    for _ in store.batches(saving(store, pages(3)), pages=1000, seconds=0):
        committed_when_reported.append(stored(store_url))
    assert committed_when_reported == [1, 2, 3]  # one page per batch: each commit is its own


def test_a_failing_page_is_undone_alone(store, store_url):
    def failing() -> str:
        try:
            with store.transaction() as db:
                db.execute("INSERT INTO documents (doc_id, source, status, ingested_at) VALUES ('x', 'x.txt', 'new', 'now')")
                raise StoreError("disk says no")
        except StoreError:
            return "failed"

    def with_a_failure():
        yield from saving(store, pages(2))
        yield Write(failing)
        yield from saving(store, pages(4)[2:])

    assert list(store.batches(with_a_failure())) == ["new", "new", "failed", "new", "new"]
    assert stored(store_url) == 4
    assert store.db.execute("SELECT COUNT(*) AS n FROM documents WHERE doc_id = 'x'").fetchone()["n"] == 0


def test_an_interrupted_batch_leaves_nothing_half_written(store, store_url):
    def interrupted():
        yield from saving(store, pages(3))
        raise KeyboardInterrupt

    reported = []
    with pytest.raises(KeyboardInterrupt):
        for status in store.batches(interrupted(), pages=2):
            reported.append(status)
    assert reported == ["new", "new"]  # the first batch was committed; the open one was rolled back
    assert stored(store_url) == 2
    assert list(store.batches(saving(store, pages(3)))) == ["unchanged", "unchanged", "new"]


def test_pages_are_read_outside_the_write_transaction(tmp_path):
    """While one ingest reads (extracts) a page, another writer gets the database: the write lock
    is taken only to write (before, a second ingest waited out the whole batch and died locked)."""
    url = str(tmp_path / "t.db")
    reading = threading.Event()
    with Store.open(url) as store:
        def slow_reads():
            yield from saving(store, pages(1))
            reading.set()
            time.sleep(1.5)  # as a long page's extraction would
            yield from saving(store, pages(2)[1:])

        def other_writer():
            reading.wait()
            other = sqlite3.connect(url, timeout=0.5)  # gives up after half a second of waiting
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO schema_version (version) VALUES (0)")
            other.execute("COMMIT")
            other.close()

        errors = []
        thread = threading.Thread(target=lambda: errors.extend(_raised(other_writer)))
        thread.start()
        assert list(store.batches(slow_reads(), pages=1000)) == ["new", "new"]
        thread.join()
    assert errors == []


def _raised(func) -> list[BaseException]:
    try:
        func()
    except BaseException as exc:  # noqa: BLE001 (reported to the test's thread)
        return [exc]
    return []


@pytest.mark.parametrize("refusal", ["PRAGMA query_only = 1", "PRAGMA max_page_count = 1"],
                         ids=["read-only", "disk-full"])
def test_a_database_that_cannot_be_written_stops_the_run_and_keeps_what_was_committed(tmp_path, refusal):
    url = str(tmp_path / "t.db")
    with Store.open(url) as store:
        first = list(store.batches(saving(store, pages(2)), pages=1))

        def then_refused():
            yield from saving(store, pages(3)[2:])
            store.db.execute(refusal if "query_only" in refusal else
                             f"PRAGMA max_page_count = {store.db.execute('PRAGMA page_count').fetchone()[0]}")
            yield from saving(store, [(text * 5000, ex) for text, ex in pages(5)[3:]])  # more pages than allowed

        with pytest.raises(StoreError, match="cannot write the database .*the same command again resumes"):
            list(store.batches(then_refused(), pages=1000))
    assert first == ["new", "new"]
    assert stored(url) == 2  # the committed batch is kept, the refused one undone whole


RACE = """
import multiprocessing, sys
from readouts.store import Store

def open_at(path, barrier, errors):
    barrier.wait()  # all at once: each switches the new database to WAL
    try:
        Store.open(path).close()
    except Exception as exc:
        errors.put(repr(exc))

if __name__ == "__main__":
    context = multiprocessing.get_context("fork")  # a fresh, single-threaded process: forking is safe
    errors = context.Queue()
    for round_ in range(int(sys.argv[2])):
        barrier = context.Barrier(4)
        workers = [context.Process(target=open_at, args=(f"{sys.argv[1]}/{round_}.db", barrier, errors))
                   for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    print(errors.get() if not errors.empty() else "ok")
"""


@pytest.mark.slow
def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path):
    """Switching a new database to WAL mode answers "database is locked" at once (no busy wait) to
    the loser of a race: once in 15-30 rounds of four processes, an ingest failed before storing
    anything."""
    import subprocess
    import sys

    script = tmp_path / "race.py"
    script.write_text(RACE)
    out = subprocess.run([sys.executable, str(script), str(tmp_path), "60"], capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.strip() == "ok", out.stdout + out.stderr
