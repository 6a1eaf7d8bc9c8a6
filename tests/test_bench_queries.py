"""The query benchmark's synthetic database is one the store could have written: its filtered
lists find what filtering every event would (a benchmark of empty answers measures nothing)."""
import sys

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))

import queries  # noqa: E402  (bench/queries.py)

from readouts.store import EventFilter, Store  # noqa: E402


def test_the_synthetic_rows_answer_the_benchmark_filters_as_the_whole_list_does(tmp_path):
    url = str(tmp_path / "synthetic.db")
    queries.build(url, 2000)
    corpus = queries.Corpus(2000)
    with Store.open(url) as store:
        assert store.db.execute("SELECT COUNT(*) AS n FROM participants p JOIN events e ON e.id = p.event_id"
                                " WHERE p.date IS NOT e.date").fetchone()["n"] == 0
        everything = store.list_events(EventFilter(limit=None))
        answered = 0
        for f in corpus.filters(20):
            expected = [e["id"] for e in everything
                        if any(f.actors[0] in p["name"] for p in e["participants"]) and f.topic in e["topics"]
                        and e["date"] and f.since <= e["date"] <= f.until + "~"][:f.limit]
            assert [e["id"] for e in store.list_events(f)] == expected
            answered += bool(expected)
        assert answered >= 5  # the filters are ones that find events
