"""The Dask engine: an ingest spread over a cluster yields exactly the database of one process."""
import pytest
from click.testing import CliRunner

from readouts.cli import main
from readouts.store import Store

pytest.importorskip("distributed", reason="dask.distributed not installed: pip install 'readouts[dask]'")

TIMESTAMPS = {"ingested_at", "made_at"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def dump(url: str) -> dict[str, list[tuple]]:
    """Each table's rows without timestamps, sorted (ids included: writes happen in input order)."""
    with Store.open(url) as store:
        return {t: sorted((tuple((k, repr(v)) for k, v in dict(r).items() if k not in TIMESTAMPS)
                           for r in store.db.execute(f"SELECT * FROM {t}")), key=repr)
                for t in store.db.tables()}


@pytest.mark.slow
def test_dask_ingest_yields_the_database_of_one_process(tmp_path, corpus_dirs):
    raw = corpus_dirs["dev"] / "raw"
    local, distributed = tmp_path / "local.db", tmp_path / "dask.db"
    first = run("ingest", raw, "--db", local, "--quiet")
    second = run("ingest", raw, "--db", distributed, "--quiet", "--engine", "dask")
    assert first.exit_code == second.exit_code == 0, second.output
    assert first.output == second.output
    assert dump(str(local)) == dump(str(distributed))
    assert dump(str(local))["events"]


def test_scheduler_without_the_dask_engine_is_refused(tmp_path, corpus_dirs):
    result = run("ingest", corpus_dirs["seeds"] / "raw", "--db", tmp_path / "r.db", "--scheduler", "tcp://x:8786")
    assert result.exit_code != 0 and "--engine dask" in result.output
