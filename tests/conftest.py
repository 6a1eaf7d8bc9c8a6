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
from collections.abc import Iterator
from contextlib import contextmanager
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


@pytest.fixture(params=["sqlite", "postgresql"])
def examples_db(request, tmp_path, repo_root) -> str:
    """The examples in a new database of each backend."""
    url = str(tmp_path / "e.db") if request.param == "sqlite" else request.getfixturevalue("fresh_pg_url")
    with Store.open(url) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples"]))))
    return url


# --- a real server over a real database, for the API and browser tests ---------------------------

SERVER_TOKEN = "test-token"
HOSTILE = ("<script>alert(1)</script> Foreign Minister Park Jin met with Secretary of State Antony Blinken "
           "<b>in Seoul</b> on May 3, 2023.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(app) -> Iterator[str]:
    """The base URL of `app` served by uvicorn on a free loopback port while the block runs."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        served.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server_db(tmp_path_factory, repo_root, corpus_dirs) -> str:
    """A database of the examples, the dev corpus and a page whose text is HTML and script."""
    folder = tmp_path_factory.mktemp("api")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = str(folder / "r.db")
    with Store.open(db) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples", corpus_dirs["dev"] / "raw", folder]))))
    return db


@pytest.fixture(scope="session")
def server(server_db):
    """The base URL of a running server over server_db, with the token SERVER_TOKEN."""
    with running(create_app(server_db, SERVER_TOKEN)) as url:
        yield url
