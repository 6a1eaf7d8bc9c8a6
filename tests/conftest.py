"""Shared fixtures: where the project's own copies of the corpora and the schema are.

The tests never read ../shared: tests/corpus, tests/spec and bench/ are vendored copies.
"""
from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

# the compiled lexicons of the tests' runs go to a folder of their own, not the user's ~/.cache
# (set before the imports below compile any)
os.environ.setdefault("READOUTS_CACHE", tempfile.mkdtemp(prefix="readouts-test-cache-"))

import pytest  # noqa: E402
import uvicorn  # noqa: E402

from readouts.api import create_app  # noqa: E402
from readouts.ingest import iter_input_files  # noqa: E402
from readouts.pipeline import ingest_files  # noqa: E402
from readouts.store import Store  # noqa: E402

pytest_plugins = ["pg_server"]

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_ROOT = REPO_ROOT / "tests" / "corpus"
# the gold corpora: every folder of tests/corpus with raw/*.txt and gold/*.json
CORPORA = tuple(sorted(p.name for p in CORPUS_ROOT.iterdir() if (p / "raw").is_dir() and (p / "gold").is_dir()))


def raw_files(corpus: str) -> list[Path]:
    return sorted((CORPUS_ROOT / corpus / "raw").glob("*.txt"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`corpus_file` is every raw page of every gold corpus, one test each (id: corpus/doc)."""
    if "corpus_file" in metafunc.fixturenames:
        files = [path for corpus in CORPORA for path in raw_files(corpus)]
        metafunc.parametrize("corpus_file", files, ids=[f"{p.parent.parent.name}/{p.stem}" for p in files])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def corpus_dirs() -> dict[str, Path]:
    """Corpus name -> its folder (with raw/ and gold/)."""
    return {name: CORPUS_ROOT / name for name in CORPORA}


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads((REPO_ROOT / "tests" / "spec" / "document.schema.json").read_text(encoding="utf-8"))


# --- a real server over a real database, for the API and browser tests ---------------------------

SERVER_TOKEN = "test-token"
HOSTILE = ("<script>alert(1)</script> Foreign Minister Park Jin met with Secretary of State Antony Blinken "
           "<b>in Seoul</b> on May 3, 2023.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory, repo_root, corpus_dirs):
    """The base URL of a running server; the database holds the examples, the dev corpus and a page
    whose text is HTML and script."""
    folder = tmp_path_factory.mktemp("api")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = str(folder / "r.db")
    with Store.open(db) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples", corpus_dirs["dev"] / "raw", folder]))))
    port = free_port()
    config = uvicorn.Config(create_app(db, SERVER_TOKEN), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


