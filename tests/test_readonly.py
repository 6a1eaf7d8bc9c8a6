"""Reading a database without writing to it: Store.open(url, readonly=True), and the reading
commands on a database in a folder they may not write (SQLite in WAL mode writes files beside the
database even to read it)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import readouts.store
from conftest import free_port
from readouts.dialect import database_errors
from readouts.ingest import iter_input_files
from readouts.pipeline import ingest_files
from readouts.store import MIGRATIONS, Store
from readouts.types import StoreError


def test_a_readonly_store_reads_and_cannot_write(examples_db):
    with Store.open(examples_db) as store:
        events = store.list_events()
    with Store.open(examples_db, readonly=True) as store:
        assert store.list_events() == events and events
        with pytest.raises(database_errors()):
            store.db.execute("DELETE FROM events")
    with Store.open(examples_db) as store:
        assert store.list_events() == events


def test_a_readonly_store_opens_no_missing_database(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store.open(str(tmp_path / "missing.db"), readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_readonly_store_upgrades_an_older_schema_first(tmp_path, monkeypatch):
    url = str(tmp_path / "old.db")
    monkeypatch.setattr(readouts.store, "MIGRATIONS", MIGRATIONS[:1])
    Store.open(url).close()
    monkeypatch.undo()
    with Store.open(url, readonly=True) as store:
        assert store.schema_version() == len(MIGRATIONS) and store.list_events() == []


@pytest.fixture
def readonly_folder(repo_root):
    """A database of the examples in a folder nobody may write."""
    folder = Path(tempfile.mkdtemp(prefix="readouts-ro-"))
    with Store.open(str(folder / "r.db")) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples"]))))
    assert [p.name for p in folder.iterdir()] == ["r.db"]  # closed: no -wal or -shm file is left
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def readouts_command(*args: str) -> list[str]:
    """A readouts command line that the folder's mode binds: as root (which writes anywhere, and
    which CI runs as) it runs without the capabilities that let root ignore modes."""
    without_rights = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, and no setpriv (util-linux) to drop root's rights")
        without_rights = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"]
    return [*without_rights, sys.executable, "-m", "readouts.cli", *args]


def test_the_reading_commands_read_a_database_in_a_read_only_folder(readonly_folder):
    db = str(readonly_folder / "r.db")
    env = {**os.environ, "READOUTS_CACHE": "off"}
    for args, expected in ((["events"], "Kim Gunn"), (["show", "1"], "Participants:"), (["actors"], "Kim Gunn"),
                           (["documents"], "new")):
        done = subprocess.run(readouts_command(*args, "--db", db), capture_output=True, text=True, env=env,
                              timeout=60)
        assert done.returncode == 0 and expected in done.stdout, (args, done.stderr)
    port = free_port()
    server = subprocess.Popen(readouts_command("serve", "--db", db, "--port", str(port)), stderr=subprocess.PIPE,
                              text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "the server did not answer"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events", timeout=5) as answer:
                    assert answer.status == 200 and b"Kim Gunn" in answer.read()
                    break
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert [p.name for p in readonly_folder.iterdir()] == ["r.db"]
