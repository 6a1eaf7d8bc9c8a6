"""A pytest plugin: a real PostgreSQL server for the tests, started on loopback for the session.

`pg_url` initdb's a throw-away cluster in a temporary folder, starts it on a free port and yields
postgresql://readouts@127.0.0.1:PORT/postgres; `fresh_pg_url` is a new empty database on it per
test. The tests that use them are skipped, with the reason, when psycopg or the PostgreSQL
binaries (initdb, pg_ctl) are missing or the server does not start. PostgreSQL refuses to run as
root, so as root the cluster is made and run by the `postgres` user (created when missing).
"""
from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER = "readouts"
START_TIMEOUT_S = 60
_databases = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_binary(name: str) -> str | None:
    """A PostgreSQL program on PATH, or in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next((str(v / name) for v in versions if (v / name).exists()), None)


def _run_as() -> list[str]:
    """The command prefix that runs a program as a user PostgreSQL accepts (not root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True, capture_output=True)
    return ["runuser", "-u", "postgres", "--"]


def _start_cluster(root: Path) -> tuple[str, list[str]]:
    """Start a cluster under root; its URL and the command that stops it. RuntimeError if impossible."""
    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    prefix = _run_as()
    if prefix:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    init = subprocess.run(prefix + [initdb, "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8",
                                    "--locale=C"], capture_output=True, text=True)
    if init.returncode:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off"
    start = subprocess.run(prefix + [pg_ctl, "-D", str(data), "-l", str(root / "log"), "-o", options,
                                     "-w", "-t", str(START_TIMEOUT_S), "start"], capture_output=True, text=True)
    if start.returncode:
        log = (root / "log").read_text(errors="replace")[-500:] if (root / "log").exists() else start.stderr
        raise RuntimeError(f"PostgreSQL did not start: {log.strip()}")
    return f"postgresql://{PG_USER}@127.0.0.1:{port}/postgres", prefix + [pg_ctl, "-D", str(data), "-m", "fast", "stop"]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test session (skips the test if none can be)."""
    pytest.importorskip("psycopg", reason="psycopg not installed: pip install 'readouts[postgres]'")
    root = Path(tempfile.mkdtemp(prefix="readouts-pg-"))
    try:
        url, stop = _start_cluster(root)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    try:
        yield url
    finally:
        subprocess.run(stop, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def fresh_pg_url(pg_url: str) -> str:
    """A new, empty database on the session's server."""
    import psycopg
    name = f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    return pg_url.rsplit("/", 1)[0] + f"/{name}"
