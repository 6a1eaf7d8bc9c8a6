"""Parallel and streaming extract: --jobs N and --jsonl give exactly the output of one process on files."""
import io
import itertools
import json
import operator
import threading

import pytest
from click.testing import CliRunner

from readouts.cli import main
from readouts.pipeline import (CHUNK_SIZE, CHUNKS_IN_FLIGHT_PER_JOB, JsonlRecord, iter_jsonl_records,
                               map_in_order, raw_document_from_record)
from readouts.types import InputError

PAGE = ("WASHINGTON, March 3, 2024\n\nSecretary of State Antony Blinken met Foreign Minister "
        "Cho Tae-yul of the Republic of Korea in Washington on March 3. They discussed North Korea.\n")


def run_cli(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture(scope="module")
def dev_raw(corpus_dirs):
    return corpus_dirs["dev"] / "raw"


@pytest.fixture(scope="module")
def one_process_output(dev_raw) -> str:
    result = run_cli("extract", str(dev_raw))
    assert result.exit_code == 0
    return result.stdout


def test_two_jobs_print_byte_identical_output(dev_raw, one_process_output):
    result = run_cli("extract", "--jobs", "2", str(dev_raw))
    assert result.exit_code == 0
    assert result.stdout == one_process_output
    assert len(one_process_output.splitlines()) == len(list(dev_raw.glob("*.txt")))


def test_jsonl_records_extract_as_the_same_texts_in_files(dev_raw, one_process_output):
    records = "".join(json.dumps({"doc_id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n"
                      for p in sorted(dev_raw.glob("*.txt")))
    for jobs in ("1", "2"):
        result = run_cli("extract", "--jsonl", "--jobs", jobs, "-", stdin=records)
        assert result.exit_code == 0
        assert result.stdout == one_process_output


def test_a_bad_file_is_reported_and_the_others_still_printed_with_jobs(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--jobs", "2", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert "b.txt: empty file" in result.stderr


def test_bad_jsonl_lines_are_reported_with_their_line_numbers():
    records = '{"doc_id": "a", "text": "x"}\nnot json\n\n{"doc_id": "b"}\n[1, 2]\n'
    result = CliRunner().invoke(main, ["extract", "--jsonl", "-"], input=records)
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a"]
    assert "<stdin>:2: not a JSON object" in result.stderr
    assert "<stdin>:4: missing \"text\"" in result.stderr
    assert "<stdin>:5: not a JSON object" in result.stderr


def test_blank_lines_are_skipped_and_lines_numbered_from_one():
    records = list(iter_jsonl_records(io.BytesIO(b'{"a": 1}\n\n  \n{"b": 2}\n'), "in.jsonl"))
    assert [r.source for r in records] == ["in.jsonl:1", "in.jsonl:4"]


def test_record_source_url_stands_for_the_path():
    raw = raw_document_from_record(JsonlRecord("f:1", json.dumps(
        {"doc_id": "d1", "text": PAGE, "source": "https://www.state.gov/x"}).encode()))
    assert (raw.doc_id, raw.source, raw.media_type) == ("d1", "https://www.state.gov/x", "text/plain")


def test_record_without_source_is_known_by_file_and_line():
    raw = raw_document_from_record(JsonlRecord("f:7", b'{"doc_id": "d", "text": "<html><body>x</body></html>"}'))
    assert (raw.source, raw.media_type) == ("f:7", "text/html")


@pytest.mark.parametrize("line,reason", [
    (b'{"doc_id": "", "text": "x"}', "doc_id"),
    (b'{"doc_id": "d", "text": "  \\n"}', "empty text"),
    (b'{"doc_id": "d", "text": 3}', "text"),
    (b'\xff{"doc_id": "d"}', "invalid UTF-8"),
])
def test_malformed_records_are_refused_with_a_reason(line, reason):
    with pytest.raises(InputError, match=reason):
        raw_document_from_record(JsonlRecord("f:1", line))


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_map_in_order_keeps_input_order(jobs):
    assert list(map_in_order(operator.neg, range(500), jobs)) == [-i for i in range(500)]


def test_map_in_order_reads_only_a_bounded_window_ahead():
    pulled = []
    source = (pulled.append(i) or i for i in itertools.count())  # endless input
    results = map_in_order(operator.neg, source, jobs=2)
    assert list(itertools.islice(results, 10)) == [-i for i in range(10)]
    results.close()
    assert len(pulled) <= (2 * CHUNKS_IN_FLIGHT_PER_JOB + 1) * CHUNK_SIZE


def test_chunks_grow_so_that_a_short_input_still_reaches_every_worker():
    from readouts.pipeline import _chunks
    chunks = list(_chunks(range(100), 32))
    assert [len(c) for c in chunks] == [1, 2, 4, 8, 16, 32, 32, 5]
    assert [i for c in chunks for i in c] == list(range(100))


HELD_BY_ANOTHER_THREAD = threading.Lock()


def needs_the_lock(item: int) -> int:
    with HELD_BY_ANOTHER_THREAD:
        return item


@pytest.mark.timeout(60)
def test_workers_do_not_inherit_locks_that_other_threads_hold():
    """A lock held by another thread when the pool starts (as a web server's or Dask's may be) is
    not held in the workers: a forked worker would wait for it forever, and the run would hang."""
    HELD_BY_ANOTHER_THREAD.acquire()
    try:
        assert list(map_in_order(needs_the_lock, range(6), jobs=2)) == list(range(6))
    finally:
        HELD_BY_ANOTHER_THREAD.release()
