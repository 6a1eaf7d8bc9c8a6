"""The commands as a person at a terminal sees them: readouts run for real with its stderr on a
pseudo-terminal (as `script` or a terminal emulator gives it), the progress bar and the messages."""
from __future__ import annotations

import fcntl
import os
import pty
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

READOUTS = [sys.executable, "-m", "readouts.cli"]


def on_terminal(args: list[str], columns: int, cwd: Path) -> str:
    """What `readouts ARGS` writes on its stderr, a pseudo-terminal `columns` wide (0: one that reports no
    size, as `script` makes when it runs without a terminal around it); stdout is discarded."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24 if columns else 0, columns, 0, 0))
    process = subprocess.Popen(READOUTS + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                               cwd=cwd, env={**os.environ, "TERM": "xterm"})
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    process.wait()
    return output.decode("utf-8", "replace")


@pytest.mark.parametrize("columns", [0, 100])
def test_ingest_and_reextract_draw_a_progress_bar_that_moves_as_pages_are_read(tmp_path, repo_root, columns):
    pages = tmp_path / "pages"
    shutil.copytree(repo_root / "examples", pages, ignore=shutil.ignore_patterns("README*"))
    shown = on_terminal(["ingest", str(pages), "--db", "t.db"], columns, tmp_path)
    # the bar counts each page as it is read: it has reached 5 before the batch (all 5) is committed
    assert "5file [" in shown and shown.index("5file [") < shown.index("new: ")
    assert "5 new," in shown
    with sqlite3.connect(tmp_path / "t.db") as db:  # as if another readouts had read them
        db.execute("UPDATE documents SET stamp = 'older'")
    shown = on_terminal(["reextract", "--db", "t.db"], columns, tmp_path)
    assert "5/5 [" in shown and "5 updated, 0 failed" in shown
    assert "file [" not in on_terminal(["ingest", str(pages), "--db", "t.db", "--quiet"], columns, tmp_path)
