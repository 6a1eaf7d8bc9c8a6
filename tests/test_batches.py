"""Ingest writes in batched transactions: results are reported once committed, a failing page is
undone alone, and an interrupted batch leaves nothing half-written."""
import pytest

from test_store import extraction, meeting, save, store, store_url  # noqa: F401 (fixtures)

from readouts.store import Store
from readouts.types import StoreError


def pages(n: int) -> list:
    return [(f"page {i} text", extraction(f"d{i}", meeting("2024-01-0%d" % (1 + i % 9), ("Kim Gunn", "Envoy", "KOR"))))
            for i in range(n)]


def saving(store: Store, items: list):
    for text, ex in items:
        yield save(store, text, ex)


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
    def with_a_failure():
        yield from saving(store, pages(2))
        try:
            with store.transaction() as db:
                db.execute("INSERT INTO documents (doc_id, source, status, ingested_at) VALUES ('x', 'x.txt', 'new', 'now')")
                raise StoreError("disk says no")
        except StoreError:
            yield "failed"
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
