"""The command line: thin wrappers over the library's functions."""
from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import sys
from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path

import click

from .engine import ENGINES, ingest
from .ingest import DEFAULT_MAX_BYTES, SUFFIXES, iter_input_files, path_text, real_roots
from .pipeline import (DEFAULT_PAGE_TIMEOUT, ReadOptions, iter_ingest_inputs, iter_jsonl_inputs, map_in_order, outcome_of,
                       reextract_documents)
from . import export, query
from .query import FACETS, SORTS, EventFilter, FilterError, checked
from .store import DEFAULT_DB, Store
from .types import ReadoutsError, date_filter


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readouts")
def main() -> None:
    """readouts: diplomatic press releases and readouts into a searchable record of diplomacy.

    Typical use: `readouts ingest examples/` builds readouts.db, `readouts events` lists the
    engagements, `readouts extract PATH` prints the extraction of pages as JSON lines.
    """


def _as_of(ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """--as-of YYYY-MM-DD as a date; anything else ends the command with one line and exit code 2."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    click.echo(f"readouts: --as-of {value!r} is not a date like 2024-07-22", err=True)
    ctx.exit(2)


def as_of_option(command):
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=_as_of,
                        help="Read relative dates (\"today\", \"on Friday\") against this day on pages that print"
                             " no date of their own; without it they stay unresolved.")(command)


def page_timeout_option(command):
    return click.option("--page-timeout", type=click.FloatRange(min=0), default=DEFAULT_PAGE_TIMEOUT,
                        show_default=True, metavar="SECONDS",
                        help="A page that takes longer to read fails with \"took too long\" and the run goes on"
                             " (0: no limit).")(command)


@main.command("extract")
# a missing path fails alone, reported like any page that cannot be read, as ingest does
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; the output is the same, in the same order, whatever the number.")
@click.option("--jsonl", is_flag=True,
              help='PATHS are JSON-lines files of {"doc_id", "text" or "html"} records ("-" reads standard input).')
@as_of_option
@page_timeout_option
def extract_command(paths: tuple[Path, ...], jobs: int, jsonl: bool, as_of: date | None, page_timeout: float) -> None:
    """Print one JSON object per document found under PATHS (no database).

    Each object follows the document schema (tests/spec/document.schema.json); doc_id is the file name
    without extension (or the record's "doc_id" in JSON lines). As by ingest, a .jsonl file named in
    PATHS is read as JSON-lines records, one page each; with --jsonl every PATH is. A document that
    cannot be read is reported on stderr and the exit code is 1.
    """
    options = ReadOptions(as_of=as_of, page_timeout=page_timeout)
    ignored: list[Path] = []
    inputs = iter_jsonl_inputs(paths) if jsonl else iter_ingest_inputs(iter_input_files(paths, ignored=ignored))
    failed = read = 0
    try:
        for outcome in map_in_order(partial(outcome_of, options=options), inputs, jobs):
            read += 1
            if outcome.error is not None:
                failed += 1
                click.echo(f"readouts: {outcome.error}", err=True)
            else:
                sys.stdout.write(outcome.json_line + "\n")
    except ReadoutsError as exc:  # an input that cannot be opened at all stops the run
        failed += 1
        click.echo(f"readouts: {exc}", err=True)
    say_what_was_not_read(paths, read, ignored)
    if failed:
        sys.exit(1)


def say_what_was_not_read(paths: tuple[Path, ...], read: int, ignored: list[Path]) -> None:
    """On stderr: how many files the folders held that are not pages (one line), and that PATHS held
    no page at all, if so."""
    if ignored:
        some = "s" if len(ignored) > 1 else ""
        click.echo(f"readouts: {len(ignored)} file{some} ignored in the folders (not {'/'.join(SUFFIXES)};"
                   f" a .jsonl file is read when named), e.g. {path_text(ignored[0])}", err=True)
    if not read:
        click.echo(f"readouts: no page found under {', '.join(map(str, paths))}", err=True)


# --- the database commands -------------------------------------------------------------------

def db_option(command):
    return click.option("--db", "db_url", default=DEFAULT_DB, show_default=True, envvar="READOUTS_DB",
                        help="Database: a SQLite path (or sqlite:///path) or a postgresql://user@host/db URL;"
                             " READOUTS_DB sets the default.")(command)


def open_store(url: str, readonly: bool = False, create: bool = False) -> Store:
    """The database; readonly for the commands that only read it, so that they can read one they may
    not write (e.g. in a read-only folder). Only with create (ingest) is a missing SQLite database
    made: for the other commands a mistyped path is an error ("no database there"), not a new empty
    database."""
    try:
        if not (readonly or create):
            Store.open(url, readonly=True).close()  # says "no database there" for a missing one
        return Store.open(url, readonly)
    except ReadoutsError as exc:
        raise click.ClickException(str(exc)) from exc


FALLBACK_SIZE = (80, 24)  # columns and lines of a terminal that reports none, as shutil.get_terminal_size takes


def progress(items: Iterable, quiet: bool, unit: str, total: int | None = None) -> "tqdm":
    """items through a progress bar on stderr when stderr is a terminal (and not quiet), counted as they are
    taken: as each page is read, not when its batch is committed (a batch holds up to a second of reading).

    Its write() prints a line above the bar. A terminal that reports no width (0 columns: `script` run
    without a terminal around it, some IDE consoles) gets FALLBACK_SIZE: tqdm would draw nothing in 0.
    """
    from tqdm import tqdm  # imported here: it adds tens of ms to the start of every other command

    shown = not quiet and sys.stderr.isatty()
    size = os.get_terminal_size(sys.stderr.fileno()) if shown else None
    return tqdm(items, total=total, unit=unit, disable=not shown, file=sys.stderr,
                ncols=size and (size.columns or FALLBACK_SIZE[0]), nrows=size and (size.lines or FALLBACK_SIZE[1]))


@main.command("ingest")
# a missing path fails alone, with its status, like a file that vanishes during the run
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this (checked before reading, so a huge file costs nothing).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no line per file; only the summary.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where reading and extraction run: this process, or a Dask cluster (extra `dask`).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of an existing cluster (tcp://host:8786); a local"
                   " cluster of worker processes otherwise.")
@as_of_option
@page_timeout_option
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links wherever they point; by default a link found under PATHS that"
                   " leads outside them fails.")
def ingest_command(paths: tuple[Path, ...], db_url: str, max_bytes: int, quiet: bool, engine: str,
                   scheduler: str | None, as_of: date | None, page_timeout: float, follow_links: bool) -> None:
    """Read the pages under PATHS into the database, extracting their events.

    A .jsonl file is read as JSON-lines records, one page each ({"text" or "html", "doc_id", "url",
    "title", "published"}), each with its own status (FILE:LINE). Every file ends in one status,
    printed on stderr and kept in the database: new, unchanged (same bytes already stored: nothing
    is written), updated (same bytes stored, but read by another version of readouts or of its data
    files; or the same path with new bytes: read again and replaced), skipped (e.g. unsupported
    language) or failed with its reason. All files are processed even when some fail; the exit code
    is 1 if any failed. A symbolic link under PATHS is followed only into PATHS (unless
    --follow-links). Pages are read outside any transaction and committed in batches (200 pages,
    one second of reading or 64 million characters), and a status is printed once its page is
    committed: a killed run leaves no half-written page, and running it again completes the batch
    without duplicates. On a terminal a progress bar (stderr) counts the pages as they are read. In
    folders only .txt, .html and .htm files are read; how many others there were is said in one line.
    """
    counts = {"new": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    ignored: list[Path] = []
    with open_store(db_url, create=True) as store:
        try:
            link_roots = None if follow_links else real_roots(paths)
            options = ReadOptions(max_bytes=max_bytes, link_roots=link_roots, as_of=as_of, page_timeout=page_timeout)
            with progress(iter_ingest_inputs(iter_input_files(paths, link_roots, ignored)), quiet, "file") as files:
                for path, status, reason in ingest(store, files, engine, scheduler, options):
                    counts[status] += 1
                    if not quiet:
                        files.write(f"{status}: {path_text(path)}" + (f": {reason}" if reason else ""), file=sys.stderr)
        except ReadoutsError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()), err=True)
    say_what_was_not_read(paths, sum(counts.values()), ignored)
    if counts["failed"]:
        sys.exit(1)


@main.command("reextract")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no line per updated page; only the failures"
                                                 " and the summary.")
@page_timeout_option
def reextract_command(db_url: str, quiet: bool, page_timeout: float) -> None:
    """Read again every stale page in the database: those read by another version of readouts or
    of its data files (see the stamp in `readouts documents`), from the text the database keeps.

    What was read from each page (events, participants, topics, statements) is replaced; the page
    keeps its id. Pages are committed in batches as by ingest: a killed run leaves no half-written
    page, and running it again completes the rest. A page that fails is reported on stderr and keeps
    its old extraction; the exit code is 1 if any failed. Skipped and failed pages are left alone.
    """
    counts = {"updated": 0, "skipped": 0, "failed": 0}
    with open_store(db_url) as store:
        stale, current = store.count_stale()
        writes = reextract_documents(store, ReadOptions(page_timeout=page_timeout))
        with progress(writes, quiet, "page", total=stale) as writes:
            for source, status, reason in store.batches(writes):
                if status == "unchanged":  # made current meanwhile by another process
                    current += 1
                    continue
                counts[status] += 1
                if status == "failed" or not quiet:
                    writes.write(f"{status}: {source}" + (f": {reason}" if reason else ""), file=sys.stderr)
    skipped = f", {counts['skipped']} skipped" if counts["skipped"] else ""  # rare: a page no longer read as English
    click.echo(f"{counts['updated']} updated{skipped}, {counts['failed']} failed, {current} already current", err=True)
    if counts["failed"]:
        sys.exit(1)


def _participant(p: dict) -> str:
    details = ", ".join(x for x in (p["title"], p["country"]) if x)
    return f"{p['name']} ({details})" if details else p["name"]


def _place(event: dict) -> str:
    return ", ".join(x for x in (event["city"], event["country"]) if x)


def _date(event: dict) -> str:
    return (event["date"] or "?") + ("~" if event["date_inferred"] else "")


def _date_bound(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--since/--until checked to be a real date (types.date_filter) before the database is opened."""
    try:
        return date_filter(value) if value else value
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def filter_options(command):
    """The options that narrow a list of events, shared by `events` and `export` (query.EventFilter)."""
    options = [
        click.option("--actor", "actors", multiple=True, metavar="WORDS",
                     help="Only events with a participant whose name contains these words; repeated: all of them"
                          " took part (with --any: one of them)."),
        click.option("--country", "countries", multiple=True, metavar="CODE",
                     help="Only events in or with this country (ISO alpha-3, EU, UN, or a name: \"South Korea\");"
                          " repeated: all of them (with --any: one of them). `readouts countries` lists them."),
        click.option("--any", "any_", is_flag=True, help="Repeated --actor and --country: any of them, not all."),
        click.option("--role", "roles", multiple=True, metavar="WORDS",
                     help="Only events with a participant whose title contains these words (\"Special Representative\"),"
                          " or a role of data/roles.json (envoy, ambassador); repeated: any of them."),
        click.option("--format-of", "format_of", metavar="FORMAT", help="Only bilateral, trilateral or multilateral events."),
        click.option("--source-publisher", "publisher", metavar="WORDS",
                     help="Only events read from pages of a publisher whose name contains these words."),
        click.option("--topic", help="Only events about this topic (`readouts topics` lists them)."),
        click.option("--type", "type_", help="Only events of this type (`readouts types` lists them)."),
        click.option("--since", callback=_date_bound,
                     help="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", callback=_date_bound, help="Only events on or before this date."),
        click.option("--search", "text", metavar="WORDS", help="Only events read from pages that contain these words."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def event_filter(store: Store, actors=(), countries=(), any_=False, roles=(), format_of=None, publisher=None,
                 topic=None, type_=None, since=None, until=None, text=None, **page) -> EventFilter:
    """The filter of the filter_options, checked against the database (query.checked): an unknown id or
    a bad date ends the command with the valid values and exit code 2."""
    try:
        return checked(store, EventFilter(actors, countries, topic, type_, since, until, text, roles, format_of,
                                          publisher, all=not any_, **page))
    except FilterError as exc:
        raise click.UsageError(str(exc)) from None


def _facet_names(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str]:
    names = [n.strip() for n in (value or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in FACETS]
    if unknown:
        raise click.BadParameter(f"unknown facet {unknown[0]!r}; valid: {', '.join(FACETS)}")
    return names


@main.command("events")
@db_option
@filter_options
@click.option("--sort", type=click.Choice(SORTS), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many engagements (all by default).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many engagements first.")
@click.option("--facets", callback=_facet_names, metavar="NAMES",
              help=f"Also count the matching reports by these (comma-separated: {', '.join(FACETS)}).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="json: one array of the engagements, each with its sources; jsonl: one"
                                      " engagement a line; csv: one source (a page's reading) a row, with its"
                                      " engagement id, as the sources table of `readouts export`.")
def events_command(db_url, sort, limit, offset, facets, fmt, **filters) -> None:
    """The timeline of engagements, newest first; '~' marks a date whose year (or more) was inferred.

    An engagement is one event however many pages report it: it shows the values most of its sources
    give (date, type, place, participants' names and titles) and lists the others; a filter matches an
    engagement when it matches one of its sources. In JSON each engagement lists its sources, each page's
    own reading (doc_id, title, publisher, url, published, date, type, participants, evidence). The table
    ends with the facet counts asked for and the number of matching engagements and how many are shown
    (on stderr for the other formats)."""
    with open_store(db_url, readonly=True) as store:
        f = event_filter(store, **filters, sort=sort, limit=limit, offset=offset)
        engagements = store.list_engagements(f)
        total = query.count_engagements(store, f) if limit is not None or offset else len(engagements)
        counts = query.facets(store, f, facets) if facets else {}
    shown = f"{total} engagement(s) match" + (f", {offset + 1}-{offset + len(engagements)} shown"
                                             if len(engagements) < total else "")
    if fmt == "json":
        click.echo(json.dumps(engagements, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for engagement in engagements:
            click.echo(json.dumps(engagement, ensure_ascii=False))
    elif fmt == "csv":
        with open_store(db_url, readonly=True) as store:
            reports = [store.get_event(s["event_id"]) for e in engagements for s in e["sources"]]
            documents = export.document_rows(store, {r["document_id"] for r in reports})
        export.write_csv(sys.stdout, export.source_rows(reports, documents), list(export.COLUMNS["sources"]), bom=False)
    else:
        for e in engagements:
            people = "; ".join(_participant(p) for p in e["participants"])
            sources = len(e["sources"])
            click.echo(f"{e['id']:>5}  {_date(e):<12} {e['type']:<11} {', '.join(filter(None, _place_parts(e))) or '-':<24}"
                       f" {sources} source{'s' if sources > 1 else ' '}  {people}")
            if e["topics"]:
                click.echo(f"{'':>5}  {'':<12} topics: {', '.join(e['topics'])}")
    for name, values in counts.items():
        click.echo(f"by {name}: " + (", ".join(f"{v['value']} {v['count']}" for v in values) if values is not None
                                     else "not counted (too many events to count quickly)"), err=fmt != "table")
    click.echo(shown, err=fmt != "table")


@main.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="csv", show_default=True,
              help="csv: UTF-8 with a byte-order mark (Excel); parquet: needs pyarrow (extra `parquet`).")
def export_command(folder: Path, db_url: str, fmt: str, **filters) -> None:
    """Write tidy tables of the events (all, or those the filters match) into FOLDER: engagements,
    sources, participants, topics, statements, actors and documents (one file each, NAME.FORMAT), and
    the statements as PLOVER event records (plover.jsonl). Each date has a precision column; the
    README shows how to load them in pandas and R."""
    with open_store(db_url, readonly=True) as store:
        try:
            written = export.export(store, folder, fmt, event_filter(store, **filters))
        except ReadoutsError as exc:
            raise click.ClickException(str(exc)) from exc
    for name, rows in written.items():
        click.echo(f"{rows:>8}  {folder / name}", err=True)


@main.command("trends")
@db_option
@click.option("--period", type=click.Choice(query.PERIODS), default="quarter", show_default=True)
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable; `readouts topics` lists them).")
@click.option("--measure", type=click.Choice(["events", "pages"]), default="events", show_default=True,
              help="Count engagements (events) or the pages that reported them (mentions).")
def trends_command(db_url: str, period: str, topics: tuple[str, ...], measure: str) -> None:
    """Engagements per topic over time: one line per period, from the first to the last (empty periods
    too), one column per topic (the most frequent first)."""
    with open_store(db_url, readonly=True) as store:
        try:
            topics = tuple(query.checked(store, EventFilter(topic=t)).topic for t in topics)
        except FilterError as exc:
            raise click.UsageError(str(exc)) from None
        trends = query.topic_trends(store, period)
    shown = list(topics) or trends["topics"]
    counts = {(i["period"], i["topic"]): i[measure] for i in trends["items"]}
    click.echo(f"{period:<8} " + " ".join(f"{t:>{max(6, len(t))}}" for t in shown))
    for p in trends["periods"]:
        click.echo(f"{p:<8} " + " ".join(f"{counts.get((p, t), 0):>{max(6, len(t))}}" for t in shown))


@main.command("statements")
@db_option
@click.option("--source", metavar="CODE", help="Only statements made by this side (ISO alpha-3).")
@click.option("--target", metavar="CODE", help="Only statements aimed at this side.")
@click.option("--action", metavar="ACTION", help="Only this PLOVER action (AGREE, ACCUSE, REQUEST, ...).")
@click.option("--topic", help="Only statements about this topic.")
@click.option("--since", callback=_date_bound, help="Only statements of pages of this date or later.")
@click.option("--until", callback=_date_bound, help="Only statements of pages of this date or earlier.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many statements (all by default).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def statements_command(db_url, source, target, action, topic, since, until, limit, fmt) -> None:
    """Who said what to whom: statements read from the pages, newest page first, with the side that
    made them, the PLOVER action, the sides they aim at, the topic and the sentence."""
    with open_store(db_url, readonly=True) as store:
        try:
            f = query.checked_statements(store, query.StatementFilter(source, target, action, topic, since=since,
                                                                      until=until, limit=limit))
        except FilterError as exc:
            raise click.UsageError(str(exc)) from None
        statements = query.list_statements(store, f)
        total = query.count_statements(store, f)
    for s in statements:
        if fmt == "jsonl":
            click.echo(json.dumps(s, ensure_ascii=False))
            continue
        click.echo(f"{s['date'] or '?':<11} {s['source'] or '?':<4} {s['action']:<10} {','.join(s['target']) or '-':<8}"
                   f" {s['topic'] or '-':<24} events {','.join(map(str, s['events'])) or '-'}")
        click.echo(f"{'':<11} > {s['evidence']}")
    click.echo(f"{total} statement(s)" + (f", {len(statements)} shown" if len(statements) < total else ""),
               err=fmt != "table")


def _vocabulary_command(kind: str, plural: str) -> None:
    """A command that lists the ids a filter of this kind takes, with their events in the database."""
    @main.command(plural, help=f"The {kind} ids that --{kind} takes, with how many events in the database have each.")
    @db_option
    def command(db_url: str) -> None:
        with open_store(db_url, readonly=True) as store:
            for entry in query.vocabulary(store, kind):
                click.echo(f"{entry['id']:<28} {entry['events']:>6}")


_vocabulary_command("topic", "topics")
_vocabulary_command("type", "types")
_vocabulary_command("country", "countries")


def _place_parts(engagement: dict) -> tuple[str | None, str | None]:
    """(city, country) of an engagement's location."""
    place = engagement["location"] or {}
    return place.get("city"), place.get("country")


@main.command("show")
@click.argument("event_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_command(event_id: int, db_url: str, fmt: str) -> None:
    """One event: participants, topics, statements with their evidence sentences, and the source."""
    with open_store(db_url, readonly=True) as store:
        event = store.get_event(event_id)
    if event is None:
        raise click.ClickException(f"no event {event_id} (see `readouts events`)")
    if fmt == "json":
        click.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    click.echo(f"Event {event['id']}: {event['type']} on {_date(event)}"
               f"{' in ' + _place(event) if _place(event) else ''} ({event['format'] or 'format unknown'})")
    click.echo("Participants:")
    for p in event["participants"]:
        click.echo(f"  - {_participant(p)}")
    click.echo(f"Topics: {', '.join(event['topics']) or '-'}")
    click.echo("Evidence:")
    for sentence in event["evidence"]:
        click.echo(f"  > {sentence}")
    click.echo("Statements:")
    for s in event["statements"]:
        click.echo(f"  - {s['action']} {','.join(s['target'])} ({s['topic'] or '-'}): {s['evidence']}")
    doc = event["document"]
    click.echo(f"Source: {doc['doc_id']} - {doc['title'] or '(no title)'} - {doc['publisher'] or '?'},"
               f" published {doc['published'] or '?'} - {doc['source']}")


@main.command("actors")
@click.argument("name", required=False)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--merge", nargs=2, type=int, metavar="ID OTHER",
              help="Correct the record: actor OTHER is the same person as actor ID (its names and events go to ID).")
@click.option("--split", nargs=2, type=(int, str), metavar="ID NAME",
              help="Correct the record: the printed NAME is not actor ID but another person (an actor of its own).")
@click.option("--judgements", is_flag=True, help="List the same-person judgements (which names, why, by whom, when).")
def actors_command(name: str | None, db_url: str, fmt: str, merge: tuple[int, int] | None,
                   split: tuple[int, str] | None, judgements: bool) -> None:
    """Officials and bodies met across pages; with NAME, their titles over time and counterparts.

    Every decision that two printed names are one person is kept as a judgement; --merge and --split
    record an analyst's, which overrides readouts' and holds when pages are read again."""
    if merge or split:
        with open_store(db_url) as store:
            try:
                if merge:
                    store.merge_actors(*merge)
                    click.echo(f"actor {merge[1]} merged into actor {merge[0]}", err=True)
                else:
                    other = store.split_actor(*split)
                    click.echo(f"{split[1]!r} split from actor {split[0]}: now actor {other}", err=True)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from exc
        return
    if judgements:
        with open_store(db_url, readonly=True) as store:
            for j in store.judgements():
                click.echo(json.dumps(j, ensure_ascii=False) if fmt == "json" else
                           f"{j['made_at']}  {j['made_by']:<8} {j['form']!r} {'is' if j['kind'] == 'same' else 'is not'}"
                           f" {j['actor_key']!r}: {j['reason']}")
        return
    with open_store(db_url, readonly=True) as store:
        actors = store.list_actors(name)
    if fmt == "json":
        for actor in actors:
            click.echo(json.dumps(actor, ensure_ascii=False))
        return
    if name and not actors:
        raise click.ClickException(f"no actor matches {name!r}")
    for a in actors:
        known = "" if a["in_knowledge_base"] or a["kind"] != "person" else "  [candidate: not in the knowledge base]"
        click.echo(f"{a['id']:>5}  {a['name']} ({a['country'] or '?'}): {a['events']} event(s){known}")
        if not name:
            continue
        for r in a["roles"]:
            span = r["first_seen"] if r["first_seen"] == r["last_seen"] else f"{r['first_seen']} to {r['last_seen']}"
            org = f", {r['organization']}" if r["organization"] else ""
            click.echo(f"         {r['title']}{org} [{r['country'] or '?'}] {span or ''}")
        for c in a["counterparts"]:
            click.echo(f"         met {c['name']} ({c['country'] or '?'}) x{c['events']}")
        for j in a["judgements"]:
            click.echo(f"         {'same as' if j['kind'] == 'same' else 'not'} {j['form']!r} ({j['made_by']}: {j['reason']})")


@main.command("followups")
@db_option
@click.option("--status", type=click.Choice(["held", "pending", "overdue"]), help="Only follow-ups with this status.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=_as_of,
              help="The day a window must have passed by to be overdue (default: today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
def followups_command(db_url: str, status: str | None, as_of: date | None, fmt: str) -> None:
    """Engagements agreed or announced for later ("agreed to hold the next round in Seoul next year",
    "will visit Tokyo on March 3"), each with the window it is expected in and its status: held (a later
    report of a matching engagement: same people, kind and country, dated in the window), pending, or
    overdue (the window has passed with no such report)."""
    with open_store(db_url, readonly=True) as store:
        items = store.list_followups(as_of or date.today(), status)
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        for f in items:
            when = f["expected"] or (f"{f['window_start']} to {f['window_end']}" if f["window_start"] else "?")
            place = ", ".join(filter(None, _place_parts(f))) or "-"
            held = f" -> engagement {f['engagement_id']} on {f['held_on']}" if f["engagement_id"] else ""
            click.echo(f"{f['id']:>5}  {f['status']:<8} {f['type']:<10} {when:<24} {place:<20} {f['doc_id']}{held}")
            click.echo(f"{'':>5}  > {f['evidence']}")
    as_of_day = (as_of or date.today()).isoformat()
    click.echo(f"{len(items)} follow-up(s)" + (f" {status}" if status else "") + f" as of {as_of_day}", err=fmt != "table")


@main.command("documents")
@db_option
@click.option("--status", type=click.Choice(["new", "skipped", "failed"]), help="Only documents with this status.")
def documents_command(db_url: str, status: str | None) -> None:
    """The pages in the database with their status, the stamp of the extractor that read them (version+data
    digest; '-' for failed pages and those stored before stamps were kept) and the reason for skipped and
    failed ones."""
    with open_store(db_url, readonly=True) as store:
        for d in store.list_documents(status):
            reason = f": {d['reason']}" if d["reason"] else ""
            click.echo(f"{d['id']:>5}  {d['status']:<8} {d['stamp'] or '-':<22} {d['source']}{reason}")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="READOUTS_TOKEN",
              help="Token that endpoints changing data require (Authorization: Bearer TOKEN); also READOUTS_TOKEN. "
                   "Needed to listen on anything but loopback.")
@click.option("--allowed-host", "allowed_hosts", metavar="NAME", multiple=True, envvar="READOUTS_ALLOWED_HOSTS",
              help="Another name (or address) that clients reach the server by, e.g. its DNS name; repeatable, or "
                   "comma-separated in READOUTS_ALLOWED_HOSTS. A request for any other host is refused.")
def serve_command(db_url: str, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the web UI and the REST API (OpenAPI at /openapi.json) over the database.

    The server answers only requests for its own names (their Host header): the --host address,
    localhost and the loopback addresses when it listens on them, and each --allowed-host. A web
    page of another site that points its name at this address (DNS rebinding) gets a 400.
    """
    if not is_loopback(host) and not token:
        raise click.ClickException(f"refusing to listen on {host} without a token: anyone who can reach it could "
                                   "change the database; pass --token (or READOUTS_TOKEN), or keep the default "
                                   "127.0.0.1")
    import uvicorn

    from .api import LOOPBACK_HOSTS, create_app, host_name
    names = [host, *(name.strip() for value in allowed_hosts for name in value.split(",") if name.strip())]
    if is_loopback(host) or is_wildcard(host):  # a wildcard address listens on loopback too
        names += LOOPBACK_HOSTS
    try:
        app = create_app(db_url, token, names)
    except ReadoutsError as exc:
        raise click.ClickException(str(exc)) from exc
    hosts = ", ".join(dict.fromkeys(map(host_name, names)))
    listening = bound_socket(host, port)  # before the announcement: a port in use is one line, not two
    click.echo(f"readouts: serving {db_url} on http://{host}:{port}/ for the hosts {hosts}", err=True)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run(sockets=[listening])


def bound_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port as uvicorn binds one (IPv6 for an address with ':', SO_REUSEADDR);
    a ClickException saying why it cannot be (the port is in use, the address is not this machine's)."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return listening


def is_loopback(host: str) -> bool:
    address = ip_address(host)
    return host == "localhost" or (address is not None and address.is_loopback)


def is_wildcard(host: str) -> bool:
    """Whether the address stands for every address of the machine (0.0.0.0, ::)."""
    address = ip_address(host)
    return address is not None and address.is_unspecified


def ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address, None for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


if __name__ == "__main__":
    main()
