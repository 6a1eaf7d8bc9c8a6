"""The command line: thin wrappers over the library's functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .ingest import iter_input_files
from .pipeline import iter_jsonl_inputs, map_in_order, outcome_of_file, outcome_of_record
from .types import ReadoutsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readouts")
def main() -> None:
    """readouts: diplomatic press releases and readouts into a searchable record of diplomacy.

    Typical use: `readouts ingest examples/` builds readouts.db, `readouts events` lists the
    engagements, `readouts extract PATH` prints the extraction of pages as JSON lines.
    """


@main.command("extract")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; the output is the same, in the same order, whatever the number.")
@click.option("--jsonl", is_flag=True,
              help='PATHS are JSON-lines files of {"doc_id", "text"} records ("-" reads standard input).')
def extract_command(paths: tuple[Path, ...], jobs: int, jsonl: bool) -> None:
    """Print one JSON object per document found under PATHS (no database).

    Each object follows spec/document.schema.json; doc_id is the file name without extension
    (or the record's "doc_id" with --jsonl). A document that cannot be read is reported on
    stderr and the exit code is 1.
    """
    if jsonl:
        outcomes = map_in_order(outcome_of_record, iter_jsonl_inputs(paths), jobs)
    else:
        outcomes = map_in_order(outcome_of_file, iter_input_files(paths), jobs)
    failed = 0
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                failed += 1
                click.echo(f"readouts: {outcome.error}", err=True)
            else:
                sys.stdout.write(outcome.json_line + "\n")
    except ReadoutsError as exc:  # an input that cannot be opened at all stops the run
        failed += 1
        click.echo(f"readouts: {exc}", err=True)
    if failed:
        sys.exit(1)
