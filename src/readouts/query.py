"""The query layer under the CLI, the API, the web pages and the export: a filter object, the
vocabulary its ids are checked against, and what a filtered list answers (a page of events, the
total number of matches, facet counts). Every condition is parameterized SQL built from the filter
(as Datasette's filters are), never SQL edited as text from the user's input.

Semantics, the same everywhere: repeated actors and countries must all take part (all=True), or any
of them (all=False); role words are alternatives (a participant's title holds any of them); every
other field narrows the list further.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer import country_code_any_case
from .types import ReadoutsError, date_filter

if TYPE_CHECKING:
    from .store import Store

FORMATS = ("bilateral", "trilateral", "multilateral")  # extract/events.py _format
SORTS = ("newest", "oldest")
EVENT_COLUMNS = "SELECT e.*, d.doc_id, d.title AS document_title, d.publisher, d.source_url AS url"
MAX_ACTOR_IDS = 500  # an actor filter matching more actors than this is answered without listing their ids


class FilterError(ReadoutsError):
    """A filter value that names nothing that exists (an unknown topic, type, format, a bad date); the
    message lists the valid values."""


@dataclass(frozen=True)
class EventFilter:
    """What a list of events is narrowed to. actors: words each found in a participant's name (or a
    name printed for that actor); countries: ISO alpha-3 codes (or EU, UN), of the place or of a
    participant; roles: title words (or a role id of data/roles.json), any of them in a participant's
    title; publisher: words of the publishing body; text: words of the page. limit None: every match."""

    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topic: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None  # full-text query over the pages the events were read from
    roles: tuple[str, ...] = ()
    format: str | None = None
    publisher: str | None = None
    all: bool = True  # repeated actors / countries: all of them (True) or any (False)
    sort: str = "oldest"  # "newest" or "oldest" first; undated events last either way
    limit: int | None = None
    offset: int = 0


# -- the vocabulary: ids a filter takes --------------------------------------------------------------

def _data(name: str) -> dict:
    return json.loads(resources.files("readouts.data").joinpath(name).read_text("utf-8"))


@cache
def topic_ids() -> tuple[str, ...]:
    """The topic ids of data/topics.json, in its order."""
    return tuple(_data("topics.json")["topics"])


@cache
def type_ids() -> tuple[str, ...]:
    """The engagement types of data/events.json, in its order."""
    return tuple(dict.fromkeys([name for name, _ in _data("events.json")["types"]]))


@cache
def country_ids() -> tuple[str, ...]:
    """The country and body codes of data/countries.json."""
    return tuple(_data("countries.json")["countries"])




@cache
def role_words() -> dict[str, tuple[str, ...]]:
    """Role id -> the title words it stands for (data/roles.json)."""
    return {role: tuple(words) for role, words in _data("roles.json")["roles"].items()}


def _one_of(kind: str, value: str | None, valid: tuple[str, ...], stored: Callable[[str], bool] = lambda _: False,
            listed: str | None = None) -> str | None:
    """value as the valid id it names, compared without case, spaces or hyphens ("Phone call" is
    phone_call), or as given when the database holds it (stored: a store written by another version may
    hold more); FilterError listing the valid ids (or saying `listed` instead, for a long list) otherwise."""
    if value is None or not value.strip():
        return None
    key = re.sub(r"[\s-]+", "_", value.strip().casefold())
    for item in valid:
        if item.casefold() == key:
            return item
    if stored(value.strip()):
        return value.strip()
    raise FilterError(f"unknown {kind} {value!r}; valid: {listed or ', '.join(valid)}")


COUNTRIES_SHOWN = 15  # codes the message for an unknown country shows: the first of data/countries.json


def _country_id(value: str, stored: Callable[[str], bool]) -> str | None:
    """A country filter's value (a code or a name, in any case: gazetteer.country_code_any_case) as its
    code; FilterError with a few codes and where to find the ~200 others."""
    hint = (f"{', '.join(country_ids()[:COUNTRIES_SHOWN])}, ... (ISO alpha-3 codes, EU, UN, or a name;"
            " `readouts countries` or /api/vocabulary/country lists them all)")
    return _one_of("country", country_code_any_case(value) or value, country_ids(), stored, hint)


def checked(store: Store, f: EventFilter) -> EventFilter:
    """The filter with its ids made canonical (case-insensitive; a country may be named: "South Korea",
    "U.S.") and its dates checked: FilterError (a ReadoutsError) naming the valid values for an unknown
    topic, type, format, sort or country, or a date that is not one. The database is asked only about
    a value the data files do not know."""
    try:
        since, until = (date_filter(d) if d else None for d in (f.since, f.until))
    except ValueError as exc:
        raise FilterError(str(exc)) from None

    def holds(sql: str) -> Callable[[str], bool]:
        return lambda value: store.db.execute(sql, (value,)).fetchone() is not None

    country = holds("SELECT 1 FROM participants WHERE country = ?")
    return EventFilter(
        actors=tuple(a.strip() for a in f.actors if a.strip()),
        countries=tuple(_country_id(c, country) for c in f.countries if c.strip()),
        topic=_one_of("topic", f.topic, topic_ids(), holds("SELECT 1 FROM event_topics WHERE topic = ?")),
        type=_one_of("type", f.type, type_ids(), holds("SELECT 1 FROM events WHERE type = ?")),
        since=since, until=until, text=(f.text or "").strip() or None,
        roles=tuple(r.strip() for r in f.roles if r.strip()),
        format=_one_of("format", f.format, FORMATS), publisher=(f.publisher or "").strip() or None,
        all=f.all, sort=_one_of("sort", f.sort, SORTS) or "oldest", limit=f.limit, offset=f.offset)


# -- conditions --------------------------------------------------------------------------------------

def _actor_ids(store: Store, words: str) -> tuple[set[int], set[int]]:
    """(whole, printed): the actors whose name holds the words, and those, not among them, for whom
    some page printed a name holding them (the actor "Seth Bailey" printed "Amb. Seth Bailey": "amb.
    seth" finds only the events that printed it)."""
    like, pattern = store.dialect.like, f"%{words}%"
    whole, printed = set(), set()
    for r in store.db.execute(f"SELECT id, 1 AS whole FROM actors WHERE name {like} ?"
                              f" UNION SELECT actor_id, 0 FROM actor_names WHERE name {like} ?", (pattern, pattern)):
        (whole if r["whole"] else printed).add(r["id"])
    return whole, printed - whole


def _actor_rows(store: Store, words: list[str], p: str) -> tuple[str, list]:
    """The condition on participant rows (alias p) of an actor named by any of the words."""
    like = store.dialect.like
    parts, args = [], []
    for w in words:
        pattern = f"%{w}%"
        whole, printed = _actor_ids(store, w)
        if len(whole) + len(printed) > MAX_ACTOR_IDS:  # too many to list: the same rows through subqueries
            parts.append(f"({p}.actor_id IN (SELECT id FROM actors WHERE name {like} ? UNION SELECT actor_id"
                         f" FROM actor_names WHERE name {like} ?) AND ({p}.name {like} ? OR {p}.actor_id IN"
                         f" (SELECT id FROM actors WHERE name {like} ?)))")
            args += [pattern] * 4
            continue
        if whole:
            parts.append(f"{p}.actor_id IN ({','.join('?' * len(whole))})")
            args += sorted(whole)
        if printed:
            parts.append(f"({p}.actor_id IN ({','.join('?' * len(printed))}) AND {p}.name {like} ?)")
            args += [*sorted(printed), pattern]
    return (f"({' OR '.join(parts)})" if parts else "1=0"), args


def _participant(condition: str, args: list, alias: str) -> tuple[str, list]:
    """"Some participant row (alias) of event e meets the condition"."""
    return f"EXISTS (SELECT 1 FROM participants {alias} WHERE {alias}.event_id = e.id AND {condition})", args


def _country(code: str, n: int) -> tuple[str, list]:
    """"Event e is in the country or one of its participants is of it", looked up event by event through
    participants(event_id): a list in date order stops at its last event (reading all the participants
    of a country first, for a frequent one, costs ten times more)."""
    inner, args = _participant(f"pc{n}.country = ?", [code], f"pc{n}")
    return f"(e.country = ? OR {inner})", [code, *args]


def _joined(parts: list[tuple[str, list]], all_: bool) -> tuple[str, list]:
    """The conditions joined by AND (all_) or OR, as one condition."""
    sql = f" {'AND' if all_ else 'OR'} ".join(c for c, _ in parts)
    return f"({sql})", [a for _, args in parts for a in args]


def conditions(store: Store, f: EventFilter, skip_actors: int = 0) -> tuple[list[str], list]:
    """The where-clause parts on events e (joined to their pages d) of every field of the filter, and
    their arguments; the first skip_actors actors are left out (a caller that drives the list from
    their participant rows)."""
    where, args = [], []

    def add(condition: str, values: list) -> None:
        where.append(condition)
        args.extend(values)

    actors = [_participant(*_actor_rows(store, [a], f"pa{n}"), f"pa{n}") for n, a in enumerate(f.actors)]
    countries = [_country(c, n) for n, c in enumerate(f.countries)]
    if f.all:
        for condition, values in actors[skip_actors:] + countries:
            add(condition, values)
    else:
        if actors and not skip_actors:
            add(*_joined(actors, False))
        if countries:
            add(*_joined(countries, False))
    if f.roles:
        words = [w for r in f.roles for w in role_words().get(r.casefold(), (r,))]
        like = store.dialect.like
        add(*_participant(f"({' OR '.join([f'pr.title {like} ?'] * len(words))})", [f"%{w}%" for w in words], "pr"))
    if f.topic:
        add("EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = e.id AND t.topic = ?)", [f.topic])
    if f.type:
        add("e.type = ?", [f.type])
    if f.format:
        add("e.format = ?", [f.format])
    if f.publisher:
        add(f"d.publisher {store.dialect.like} ?", [f"%{f.publisher}%"])
    if f.since:
        add("e.date >= ?", [f.since])
    if f.until:
        add("e.date <= ?", [f.until + "~"])  # "2024-07-22" <= "2024-07~": until "2024-07" counts
    if f.text and f.actors and f.all:  # an actor's events are few: the pages' set, without counting them first
        add(f"e.document_id IN ({store._matching_documents()})", [store._text_query(f.text)])
    elif f.text:
        add(*store._text_condition(f.text))
    return where, args


def order_by(store: Store, date: str, event_id: str, f: EventFilter) -> str:
    """ORDER BY by date, newest or oldest first, undated last. SQLite sorts NULL first, PostgreSQL
    last: each gets the order an index on (date, id) gives where it can (a date filter leaves no
    undated event; newest first on SQLite puts NULL last by itself)."""
    dated = f.since or f.until
    if f.sort == "newest":
        nulls = " NULLS LAST" if store.dialect.name == "postgresql" and not dated else ""
        return f"{date} DESC{nulls}, {event_id} DESC"
    plain = dated or store.dialect.name == "postgresql"
    return f"{'' if plain else f'{date} IS NULL, '}{date}, {event_id}"


# -- answers -----------------------------------------------------------------------------------------

def list_events(store: Store, f: EventFilter = EventFilter()) -> list[dict]:
    """Events matching the filter, in its order, each with participants and topics (Store._event_rows).

    With actors that must all take part, the first one's participant rows drive the list in date order
    (participants(actor_id, date, event_id)): a page stops after its last event instead of sorting all
    of them. Otherwise events(date, id) gives the order."""
    if f.actors and f.all:
        page, args = _actor_events(store, f)
        if page is None:
            return []
        page += f" ORDER BY {order_by(store, 'p.date', 'p.event_id', f)}"
        if f.limit is not None:
            page += " LIMIT ? OFFSET ?"
            args += [f.limit, f.offset]
        sql = (f"{EVENT_COLUMNS} FROM ({page}) page JOIN events e ON e.id = page.event_id"
               f" JOIN documents d ON d.id = e.document_id ORDER BY {order_by(store, 'e.date', 'e.id', f)}")
        return store._event_rows(store.db.execute(sql, args).fetchall())
    where, args = conditions(store, f)
    sql = (f"{EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.document_id"
           f" WHERE {' AND '.join(where) or '1=1'} ORDER BY {order_by(store, 'e.date', 'e.id', f)}")
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [f.limit, f.offset]
    return store._event_rows(store.db.execute(sql, args).fetchall())


def _joins(where: list[str]) -> str:
    """The joins from participant rows p that the conditions need: events e, and their pages d."""
    pages = any(re.search(r"\bd\.", w) for w in where)
    events = pages or any(re.search(r"\be\.", w) for w in where)
    return (" JOIN events e ON e.id = p.event_id" if events else "") + \
        (" JOIN documents d ON d.id = e.document_id" if pages else "")


def _actor_events(store: Store, f: EventFilter) -> tuple[str | None, list]:
    """SQL for the (date, event_id) of the events of a filter whose actors must all take part, driven by
    the first actor's participant rows, and its arguments; None when no actor has the name."""
    rows, args = _actor_rows(store, [f.actors[0]], "p")
    if rows == "1=0":
        return None, []
    where, more = conditions(store, f, skip_actors=1)
    # the dates filtered on the participant rows: the index's order; events and pages joined only when needed
    where = [rows] + [w.replace("e.date", "p.date") for w in where]
    return (f"SELECT p.date, p.event_id FROM participants p{_joins(where)} WHERE {' AND '.join(where)}"
            f" GROUP BY p.date, p.event_id"), args + more


def _matching(store: Store, f: EventFilter) -> tuple[str, list]:
    """SQL for the ids (column id) of every event matching the filter (no order, no page), and its
    arguments; the pages are joined only for a condition on them."""
    if f.actors and f.all:
        page, args = _actor_events(store, f)
        return (f"SELECT event_id AS id FROM ({page}) a", args) if page else ("SELECT id FROM events WHERE 1=0", [])
    where, args = conditions(store, f)
    pages = " JOIN documents d ON d.id = e.document_id" if any(re.search(r"\bd\.", w) for w in where) else ""
    return f"SELECT e.id FROM events e{pages} WHERE {' AND '.join(where) or '1=1'}", args


def _engagements_matching(store: Store, f: EventFilter) -> tuple[str, list]:
    """The condition (a WHERE clause, or none) on engagements g that have a report matching the
    filter, and its arguments."""
    if replace(f, limit=None, offset=0, sort="oldest") == EventFilter():
        return "", []  # no condition: the engagements alone
    sql, args = _matching(store, f)
    return f" WHERE g.id IN (SELECT e.engagement_id FROM events e WHERE e.id IN ({sql}))", args


def engagement_ids(store: Store, f: EventFilter = EventFilter()) -> list[int]:
    """The ids of the engagements with a report (an event) matching the filter, in the filter's order by
    the engagements' own dates (the date most of their reports give), the filter's page of them."""
    where, args = _engagements_matching(store, f)
    sql = f"SELECT g.id FROM engagements g{where} ORDER BY {order_by(store, 'g.date', 'g.id', f)}"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = [*args, f.limit, f.offset]
    return [r["id"] for r in store.db.execute(sql, args)]


def count_engagements(store: Store, f: EventFilter) -> int:
    """How many engagements have a report matching the filter, whatever its page."""
    where, args = _engagements_matching(store, f)
    return store.db.execute(f"SELECT COUNT(*) AS n FROM engagements g{where}", args).fetchone()["n"]


def count_events(store: Store, f: EventFilter) -> int:
    """How many events match the filter, whatever its page."""
    sql, args = _matching(store, f)
    return store.db.execute(f"SELECT COUNT(*) AS n FROM ({sql}) m", args).fetchone()["n"]


# facet -> SQL of its (value, events) from the matching events m, joined through their indexes
FACETS = {
    "country": "SELECT c.value, COUNT(DISTINCT c.event_id) AS n FROM ("
               "SELECT p.event_id, p.country AS value FROM m JOIN participants p ON p.event_id = m.id"
               " WHERE p.country IS NOT NULL UNION SELECT e.id, e.country FROM m JOIN events e ON e.id = m.id"
               " WHERE e.country IS NOT NULL) c GROUP BY c.value",
    "type": "SELECT e.type AS value, COUNT(*) AS n FROM m JOIN events e ON e.id = m.id GROUP BY e.type",
    "topic": "SELECT t.topic AS value, COUNT(DISTINCT t.event_id) AS n FROM m JOIN event_topics t ON t.event_id = m.id"
             " GROUP BY t.topic",
    "year": "SELECT substr(e.date, 1, 4) AS value, COUNT(*) AS n FROM m JOIN events e ON e.id = m.id"
            " WHERE e.date IS NOT NULL GROUP BY substr(e.date, 1, 4)",
    "format": "SELECT e.format AS value, COUNT(*) AS n FROM m JOIN events e ON e.id = m.id"
              " WHERE e.format IS NOT NULL GROUP BY e.format",
    "publisher": "SELECT d.publisher AS value, COUNT(*) AS n FROM m JOIN events e ON e.id = m.id"
                 " JOIN documents d ON d.id = e.document_id WHERE d.publisher IS NOT NULL GROUP BY d.publisher",
}
FACET_SIZE = 30  # values given per facet, the most frequent first
# A facet not counted within this time is left out (None), as Datasette does (facet_time_limit_ms): at a
# million events, counting the countries of most of them takes seconds, and the list must not wait.
FACET_SECONDS = 0.2


def facets(store: Store, f: EventFilter, names: list[str], size: int | None = FACET_SIZE,
           seconds: float | None = None) -> dict[str, list[dict] | None]:
    """For each facet name (a key of FACETS), the values of the matching events with how many events
    have each, the most frequent first (at most size; None: all): {"country": [{"value": "USA",
    "count": 12}, ...]}; a facet not counted within seconds (FACET_SECONDS by default) is None.
    FilterError for an unknown facet."""
    seconds = FACET_SECONDS if seconds is None else seconds
    unknown = [n for n in names if n not in FACETS]
    if unknown:
        raise FilterError(f"unknown facet {unknown[0]!r}; valid: {', '.join(FACETS)}")
    matching, args = _matching(store, f)
    out = {}
    for name in names:
        sql = f"WITH m AS ({matching}) SELECT * FROM ({FACETS[name]}) v ORDER BY n DESC, value"
        rows = store.db.fetch_within(sql + (" LIMIT ?" if size else ""), [*args, size] if size else args, seconds)
        out[name] = None if rows is None else [{"value": r["value"], "count": r["n"]} for r in rows]
    return out


def vocabulary(store: Store, kind: str) -> list[dict]:
    """The ids a filter of this kind takes ("topic", "type", "country", "format"), each with the number
    of events that have it in the database, in the data files' order (countries and formats: the most
    frequent first); ids of the data files no event has yet count 0."""
    # every value, however long it takes: the list of valid ids must be whole
    counts = {r["value"]: r["count"] for r in facets(store, EventFilter(), [kind], None, math.inf)[kind]} \
        if kind in FACETS else {}
    known = {"topic": topic_ids(), "type": type_ids(), "format": FORMATS}.get(kind, ())
    ids = list(dict.fromkeys([*known, *sorted(counts, key=lambda v: -counts[v])]))
    return [{"id": i, "events": counts.get(i, 0)} for i in ids]


# -- statements: who said what to whom --------------------------------------------------------------

@dataclass(frozen=True)
class StatementFilter:
    """What a list of statements is narrowed to: the side that made them (source), the side they aim at
    (target), the PLOVER action, the topic, the page, the page's date (since, until)."""

    source: str | None = None
    target: str | None = None
    action: str | None = None
    topic: str | None = None
    document_id: int | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    offset: int = 0


@cache
def action_ids() -> tuple[str, ...]:
    """The PLOVER actions a statement may have (data/plover.json)."""
    data = json.loads(resources.files("readouts.data").joinpath("plover.json").read_text("utf-8"))
    return tuple(data["quad_codes"])


def checked_statements(store: Store, f: StatementFilter) -> StatementFilter:
    """The statement filter with its ids made canonical and checked as `checked` does for events:
    FilterError naming the valid values for an unknown action, topic or side, or a bad date."""
    try:
        since, until = (date_filter(d) if d else None for d in (f.since, f.until))
    except ValueError as exc:
        raise FilterError(str(exc)) from None

    def side(value: str | None) -> str | None:
        return _country_id(value, lambda v: store.db.execute("SELECT 1 FROM statements WHERE source = ? OR targets LIKE ?",
                                                             (v, f'%"{v}"%')).fetchone() is not None) if value else None

    return replace(f, source=side(f.source), target=side(f.target), action=_one_of("action", f.action, action_ids()),
                   topic=_one_of("topic", f.topic, topic_ids()), since=since, until=until)


# a statement is dated by its page: the page's publication date, else the first date of its events
STATEMENT_DATE = ("COALESCE(d.published, (SELECT MIN(e.date) FROM events e WHERE e.document_id = d.id))")


def _statement_conditions(store: Store, f: StatementFilter) -> tuple[str, list]:
    where, args = ["1=1"], []
    for column, value in (("s.source", f.source), ("s.action", f.action), ("s.topic", f.topic),
                          ("s.document_id", f.document_id)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value.upper() if column in ("s.source", "s.action") else value)
    if f.target:  # targets: a JSON list of codes
        where.append("s.targets LIKE ?")
        args.append(f'%"{f.target.upper()}"%')
    if f.since:
        where.append(f"{STATEMENT_DATE} >= ?")
        args.append(f.since)
    if f.until:
        where.append(f"{STATEMENT_DATE} <= ?")
        args.append(f.until + "~")
    return " AND ".join(where), args


def list_statements(store: Store, f: StatementFilter) -> list[dict]:
    """Statements matching the filter, newest page first, each with its page (doc_id, title, date) and
    the engagements read from that page (event ids)."""
    where, args = _statement_conditions(store, f)
    sql = (f"SELECT s.id, s.document_id, s.source, s.action, s.targets, s.topic, s.evidence, d.doc_id, d.title,"
           f" d.publisher, {STATEMENT_DATE} AS date FROM statements s JOIN documents d ON d.id = s.document_id"
           f" WHERE {where} ORDER BY {STATEMENT_DATE} IS NULL, {STATEMENT_DATE} DESC, s.id")
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [f.limit, f.offset]
    rows = [dict(r) for r in store.db.execute(sql, args)]
    events: dict[int, list[int]] = {}
    documents = sorted({r["document_id"] for r in rows})
    if documents:
        for r in store.db.execute(f"SELECT id, document_id FROM events WHERE document_id IN"
                                  f" ({','.join('?' * len(documents))}) ORDER BY seq", documents):
            events.setdefault(r["document_id"], []).append(r["id"])
    for row in rows:
        row["target"] = json.loads(row.pop("targets"))
        row["events"] = events.get(row["document_id"], [])
    return rows


def count_statements(store: Store, f: StatementFilter) -> int:
    where, args = _statement_conditions(store, f)
    return store.db.execute(f"SELECT COUNT(*) AS n FROM statements s JOIN documents d ON d.id = s.document_id"
                            f" WHERE {where}", args).fetchone()["n"]


def statement_counts(store: Store, f: StatementFilter, column: str) -> list[dict] | None:
    """How many matching statements each value of source, action or topic has, the most first; None
    when not counted within FACET_SECONDS (as facets)."""
    if column not in ("source", "action", "topic"):
        raise FilterError(f"unknown statement facet {column!r}; valid: source, action, topic")
    where, args = _statement_conditions(store, f)
    rows = store.db.fetch_within(
        f"SELECT s.{column} AS value, COUNT(*) AS n FROM statements s JOIN documents d ON d.id = s.document_id"
        f" WHERE {where} AND s.{column} IS NOT NULL GROUP BY s.{column} ORDER BY n DESC, value LIMIT ?",
        [*args, FACET_SIZE], FACET_SECONDS)
    return None if rows is None else [{"value": r["value"], "count": r["n"]} for r in rows]


# -- topics over time ---------------------------------------------------------------------------------

PERIODS = ("month", "quarter", "year")


def period_bounds(label: str) -> tuple[str, str]:
    """The since and until filters of a period label: "2024-Q3" is 2024-07 to 2024-09."""
    if "-Q" in label:
        year, quarter = label.split("-Q")
        first = (int(quarter) - 1) * 3 + 1
        return f"{year}-{first:02d}", f"{year}-{first + 2:02d}"
    return label, label


def periods_between(first: str, last: str, period: str) -> list[str]:
    """Every period from first to last, both included: the chart's axis shows the empty ones too."""
    def index(label: str) -> int:  # periods since year 0
        if period == "year":
            return int(label)
        if period == "quarter":
            return int(label[:4]) * 4 + int(label[-1]) - 1
        return int(label[:4]) * 12 + int(label[5:7]) - 1

    def label(n: int) -> str:
        if period == "year":
            return f"{n:04d}"
        if period == "quarter":
            return f"{n // 4:04d}-Q{n % 4 + 1}"
        return f"{n // 12:04d}-{n % 12 + 1:02d}"

    return [label(n) for n in range(index(first), index(last) + 1)]


def topic_trends(store: Store, period: str = "month") -> dict:
    """Per topic and period, the engagements that raised the topic (events) and the pages that
    reported them (pages: a page reporting two engagements on a topic counts once), for events dated
    at least to the period's precision: {"period", "periods": every period from the first to the last
    (empty ones too), "topics": by engagements, the most first, "items": [{"period", "topic",
    "events", "pages"}] for the periods that have some}. FilterError for another period."""
    if period not in PERIODS:
        raise FilterError(f"unknown period {period!r}; valid: {', '.join(PERIODS)}")
    size = 4 if period == "year" else 7
    bucket = {"year": "substr(e.date, 1, 4)", "month": "substr(e.date, 1, 7)",
              "quarter": "substr(e.date, 1, 4) || '-Q' || CAST((CAST(substr(e.date, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)"}
    rows = store.db.execute(
        f"SELECT {bucket[period]} AS period, t.topic, COUNT(DISTINCT e.id) AS events,"
        f" COUNT(DISTINCT e.document_id) AS pages FROM events e JOIN event_topics t ON t.event_id = e.id"
        f" WHERE length(e.date) >= {size} GROUP BY {bucket[period]}, t.topic ORDER BY 1, 2").fetchall()
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["topic"]] = totals.get(r["topic"], 0) + r["events"]
    labels = sorted({r["period"] for r in rows})
    return {"period": period, "periods": periods_between(labels[0], labels[-1], period) if labels else [],
            "topics": sorted(totals, key=lambda t: (-totals[t], t)),
            "items": [{"period": r["period"], "topic": r["topic"], "events": r["events"], "pages": r["pages"]}
                      for r in rows]}
