"""The command line: thin wrappers over the library's functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .ingest import iter_input_files
from .pipeline import extract_file
from .types import ReadoutsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readouts")
def main() -> None:
    """readouts: diplomatic press releases and readouts into a searchable record of diplomacy.

    Typical use: `readouts ingest examples/` builds readouts.db, `readouts events` lists the
    engagements, `readouts extract PATH` prints the extraction of pages as JSON lines.
    """


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def extract_command(paths: tuple[Path, ...]) -> None:
    """Print one JSON object per document found under PATHS (no database).

    Each object follows spec/document.schema.json; doc_id is the file name without extension.
    A file that cannot be read is reported on stderr and the exit code is 1.
    """
    failed = 0
    for path in iter_input_files(paths):
        try:
            extraction = extract_file(path)
        except ReadoutsError as exc:
            failed += 1
            click.echo(f"readouts: {exc}", err=True)
            continue
        sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
    if failed:
        sys.exit(1)
