"""Extraction is a function of the page and the data files: never of the clock."""
import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner

from readouts.cli import main
from readouts.kb import candidate_years

FAKE_NOW = "2031-06-01 12:00:00"
RELATIVE_PAGE = "Foreign Minister Park Jin met with Secretary of State Antony Blinken today in Seoul.\n"
# no year printed, two ministers still in office in the data: the year comes from their tenures,
# which once ran up to the clock's today
TENURE_PAGE = "Russian Foreign Minister Sergey Lavrov met with Chinese Foreign Minister Wang Yi on March 3 in Beijing.\n"


def _run(prefix: list[str], args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(prefix + args, capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs libfaketime's faketime (apt-get install faketime)")
def test_extract_reads_the_same_under_a_faked_clock(repo_root, tmp_path, corpus_dirs):
    # the monotonic clock stays real: Python's start-up and the worker pool wait on it
    env = {**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1", "READOUTS_CACHE": str(tmp_path / "cache")}
    faked = ["faketime", FAKE_NOW]
    today = _run(faked, [sys.executable, "-c", "import datetime; print(datetime.date.today())"], env)
    assert today.strip() == FAKE_NOW.split()[0], "faketime did not fake the clock: the comparison would be vacuous"
    (tmp_path / "tenure.txt").write_text(TENURE_PAGE, encoding="utf-8")
    pages = [str(folder / "raw") for folder in corpus_dirs.values()]  # every gold corpus page
    extract = [sys.executable, "-m", "readouts.cli", "extract", *pages, str(tmp_path / "tenure.txt")]
    real = _run([], extract, env)
    assert len(real.splitlines()) == 1 + sum(len(list((f / "raw").glob("*.txt"))) for f in corpus_dirs.values())
    assert _run(faked, extract, env) == real


def test_relative_dates_without_a_page_date_stay_unresolved_unless_as_of_is_given(tmp_path):
    page = tmp_path / "today.txt"
    page.write_text(RELATIVE_PAGE, encoding="utf-8")
    dates = lambda *args: [e["date"] for e in json.loads(CliRunner().invoke(main, ["extract", str(page), *args])
                                                        .output)["events"]]
    assert dates() == [None]
    assert dates("--as-of", "2023-04-05") == ["2023-04-05"]


def test_ingest_reads_relative_dates_against_as_of(tmp_path):
    page, db = tmp_path / "today.txt", tmp_path / "r.db"
    page.write_text(RELATIVE_PAGE, encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(page), "--db", str(db), "--as-of", "2023-04-05"]).exit_code == 0
    events = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["date"] for line in events] == ["2023-04-05"]


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("value", ["2023-02-30", "05/04/2023", "20230405", "tomorrow"])
def test_a_bad_as_of_is_one_line_and_exit_code_2(tmp_path, command, value):
    page = tmp_path / "today.txt"
    page.write_text(RELATIVE_PAGE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "readouts.cli", command, str(page), "--as-of", value,
                           *(["--db", str(tmp_path / "r.db")] if command == "ingest" else [])],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and value in done.stderr and done.stdout == ""


def test_candidate_years_of_a_post_still_held_run_to_the_reference_not_the_clock():
    # Lavrov: Foreign Minister since 2004, still in office in the data
    lavrov = [("Sergey Lavrov", "Foreign Minister")]
    assert candidate_years(lavrov, date(2019, 3, 1))[-1] == 2019
    assert candidate_years(lavrov, date(2040, 3, 1))[-1] == 2040
    assert candidate_years(lavrov)[-1] == 2025  # data/officials.json "in_office_as_of", whatever the day
