"""Where the store groups reports into engagements, and links follow-ups to the engagements that held
them. Each report of a page just written joins the engagements it fits (resolve/engagements.py
decides), uniting them when it fits several, or starts one. Incremental: an engagement keeps running
tallies of its reports (engagement_tallies: how many give each date, type, format, place, and its
pages, people and complete formats), so a report is held against the engagements that share a person
with it on a near date by their tallies alone, and joining one adds the report's counts and sets its
columns from them: the work is that of the engagement's distinct values, not of its reports. An
engagement that loses a report (a page read again, an analyst's correction) is counted again from its
reports. Runs inside the page's write transaction, on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from datetime import date

from .dialect import Connection
from .resolve import followups
from .resolve.actors import actor_key
from .resolve.engagements import (VOTED, Report, Sources, Tally, added, can_unite, joins, near_days, order_key,
                                  shown, sources_of, sources_of_tallies, tallies)
from .types import Extraction


def _marks(values: list) -> str:
    return ",".join("?" * len(values)) or "NULL"


def reports_where(db: Connection, where: str, args: list) -> list[tuple[Report, int | None]]:
    """The reports of the events matching a condition on events e, each with its engagement (None: not
    grouped yet), in the order of their ids."""
    reports: dict[int, dict] = {}
    for r in db.execute("SELECT e.id, e.document_id, e.seq, e.type, e.date, e.date_inferred, e.city, e.country,"
                        " e.format, e.engagement_id, d.published, d.doc_id, p.actor_id, p.kind, p.country AS party"
                        " FROM events e JOIN documents d ON d.id = e.document_id"
                        f" LEFT JOIN participants p ON p.event_id = e.id WHERE {where} ORDER BY e.id", args):
        report = reports.setdefault(r["id"], {"row": r, "people": set(), "countries": set()})
        if r["actor_id"] is not None and r["kind"] == "person":
            report["people"].add(r["actor_id"])
        if r["party"]:
            report["countries"].add(r["party"])
    return [(Report(event_id, r["document_id"], r["type"], r["date"], r["country"], r["format"],
                    frozenset(found["people"]), frozenset(found["countries"]), r["city"], bool(r["date_inferred"]),
                    order_key(r["published"], r["doc_id"], r["seq"])), r["engagement_id"])
            for event_id, found in reports.items() for r in [found["row"]]]


def _tallies(db: Connection, ids: list[int], page: int | None = None, voted: bool = False) -> dict[int, list[Tally]]:
    """The tallies of these engagements, by engagement: all of them; of their pages only `page` when
    given (an engagement has as many pages as reports); only those of the VOTED columns if `voted`."""
    where = " AND field IN ('date', 'type', 'format', 'place')" if voted else \
        " AND (field != 'page' OR value = ?)" if page is not None else ""
    found: dict[int, list[Tally]] = {eid: [] for eid in ids}
    for r in db.execute("SELECT engagement_id, field, value, sources, read_sources, first_source FROM engagement_tallies"
                        f" WHERE engagement_id IN ({_marks(ids)}){where}",
                        [*ids, *([str(page)] if page is not None and not voted else [])]):
        found[r["engagement_id"]].append(Tally(r["field"], r["value"], r["sources"], r["read_sources"],
                                               tuple(json.loads(r["first_source"]))))
    return found


def _candidates(db: Connection, report: Report) -> dict[int, Sources]:
    """The engagements that share a person with the report on a near date, as grouping reads them
    (of their pages, only whether the report's is one)."""
    days, people = near_days(report.date), sorted(str(p) for p in report.people)
    if not days or not people:
        return {}
    rows = db.execute("SELECT DISTINCT p.engagement_id FROM engagement_tallies p JOIN engagement_tallies d"
                      " ON d.engagement_id = p.engagement_id AND d.field = 'date'"
                      f" WHERE p.field = 'person' AND p.value IN ({_marks(people)}) AND d.value IN ({_marks(days)})",
                      [*people, *days])
    ids = sorted(r["engagement_id"] for r in rows)
    return {eid: sources_of_tallies(found) for eid, found in _tallies(db, ids, report.document_id).items()}


def _with_pages(db: Connection, candidates: dict[int, Sources], ids: list[int]) -> list[Sources]:
    """These candidates with all their pages, as uniting them reads them (a page reporting in two
    engagements keeps them apart)."""
    pages: dict[int, set[int]] = {eid: set() for eid in ids}
    for r in db.execute(f"SELECT engagement_id, value FROM engagement_tallies WHERE field = 'page'"
                        f" AND engagement_id IN ({_marks(ids)})", ids):
        pages[r["engagement_id"]].add(int(r["value"]))
    return [candidates[eid] | Sources(frozenset(pages[eid]), *([frozenset()] * 5)) for eid in ids]


def group_document(db: Connection, document_id: int, previous: dict[int, int]) -> set[int]:
    """Group the reports of a page just written. previous: engagement ids its reports had before it was
    written again (by the report's seq), reused when they are left empty, so that re-reading a page
    keeps the ids. The engagements that lost its old reports are counted again first; a report joining
    one adds its counts; every engagement touched gets its columns again; one left without reports
    goes. The ids of the engagements touched that remain."""
    lost = set(previous.values())
    seqs = {r["id"]: r["seq"] for r in db.execute("SELECT id, seq FROM events WHERE document_id = ?", (document_id,))}
    if not seqs and not lost:
        return set()  # a page that reports nothing, and did not before
    for eid in sorted(lost):
        _count_again(db, eid)
    reports = [r for r, engagement in reports_where(db, "e.document_id = ?", [document_id]) if engagement is None]
    gained: set[int] = set()
    for report in reports:
        mine = sources_of(report)
        candidates = _candidates(db, report)
        # the engagements naming most of the report's people first
        order = sorted(candidates, key=lambda eid: (-len(report.people & candidates[eid].people), eid))
        chosen: list[int] = []
        for eid in order:
            if joins(mine, candidates[eid]) and (not chosen or can_unite(mine, _with_pages(db, candidates, [*chosen, eid]))):
                chosen.append(eid)
        target = min(chosen) if chosen else _reusable(db, previous.get(seqs[report.event_id])) or db.insert(
            "INSERT INTO engagements (type, sources) VALUES (?, 0)", (report.type,))
        for other in chosen:
            if other != target:
                _unite(db, target, other)
        db.execute("UPDATE events SET engagement_id = ? WHERE id = ?", (target, report.event_id))
        _count(db, target, tallies(report), 1)
        gained.add(target)
    for eid in sorted(lost | gained):
        _show(db, eid)
    touched = sorted(lost | gained)
    return {r["id"] for r in db.execute(f"SELECT id FROM engagements WHERE id IN ({_marks(touched)})", touched)}


def regroup(db: Connection, actor_ids: set[int]) -> None:
    """Group again the reports of the engagements that name these actors (after an analyst's correction
    changed who is who), page by page in the order they were stored, each keeping its engagement id where
    it can; follow-ups are linked again."""
    marks = ",".join("?" * len(actor_ids))
    engagements = sorted({r["engagement_id"] for r in db.execute(
        f"SELECT DISTINCT e.engagement_id FROM participants p JOIN events e ON e.id = p.event_id"
        f" WHERE p.actor_id IN ({marks}) AND e.engagement_id IS NOT NULL", sorted(actor_ids))})
    if not engagements:
        return
    previous: dict[int, dict[int, int]] = {}
    for r in db.execute(f"SELECT document_id, seq, engagement_id FROM events WHERE engagement_id IN"
                        f" ({_marks(engagements)})", engagements):
        previous.setdefault(r["document_id"], {})[r["seq"]] = r["engagement_id"]
    db.execute(f"UPDATE events SET engagement_id = NULL WHERE engagement_id IN ({_marks(engagements)})", engagements)
    for eid in engagements:  # no report is in them now: none is a candidate until a report is
        _count_again(db, eid)
    for document_id in sorted(previous):
        link_followups(db, document_id, group_document(db, document_id, previous[document_id]))


def _reusable(db: Connection, engagement_id: int | None) -> int | None:
    """The engagement id, if it still exists and no report is in it."""
    if engagement_id is None:
        return None
    row = db.execute("SELECT id FROM engagements WHERE id = ? AND NOT EXISTS"
                     " (SELECT 1 FROM events WHERE engagement_id = engagements.id)", (engagement_id,)).fetchone()
    return row["id"] if row else None


def _count(db: Connection, engagement_id: int, counted: list[Tally], reports: int) -> None:
    """Add tallies (of `reports` reports) to an engagement's."""
    voted = [t for t in counted if t.field in VOTED]
    known = {(t.field, t.value): t for t in _tallies(db, [engagement_id], voted=True)[engagement_id]} if voted else {}
    rows = []
    for t in counted:  # a vote's first source is kept: the earliest; counts of the others are added in SQL
        if (t.field, t.value) in known:
            t = added([known[t.field, t.value], t])[0]
            db.execute("UPDATE engagement_tallies SET sources = ?, read_sources = ?, first_source = ?"
                       " WHERE engagement_id = ? AND field = ? AND value = ?",
                       (t.sources, t.read, json.dumps(t.first), engagement_id, t.field, t.value))
        else:
            rows.append((engagement_id, t.field, t.value, t.sources, t.read, json.dumps(t.first)))
    db.executemany("INSERT INTO engagement_tallies (engagement_id, field, value, sources, read_sources, first_source)"
                   " VALUES (?,?,?,?,?,?) ON CONFLICT (engagement_id, field, value) DO UPDATE SET"
                   " sources = engagement_tallies.sources + excluded.sources,"
                   " read_sources = engagement_tallies.read_sources + excluded.read_sources", rows)
    db.execute("UPDATE engagements SET sources = sources + ? WHERE id = ?", (reports, engagement_id))


def _count_again(db: Connection, engagement_id: int) -> None:
    """An engagement's tallies counted again from the reports it holds (none: it holds none)."""
    db.execute("DELETE FROM engagement_tallies WHERE engagement_id = ?", (engagement_id,))
    db.execute("UPDATE engagements SET sources = 0 WHERE id = ?", (engagement_id,))
    reports = [r for r, _ in reports_where(db, "e.engagement_id = ?", [engagement_id])]
    if reports:
        _count(db, engagement_id, added(t for r in reports for t in tallies(r)), len(reports))


def _unite(db: Connection, target: int, other: int) -> None:
    """Another engagement's reports, follow-ups and tallies moved to the target; the other goes."""
    db.execute("UPDATE events SET engagement_id = ? WHERE engagement_id = ?", (target, other))
    db.execute("UPDATE followups SET engagement_id = ? WHERE engagement_id = ?", (target, other))
    moved = db.execute("SELECT sources FROM engagements WHERE id = ?", (other,)).fetchone()["sources"]
    _count(db, target, _tallies(db, [other])[other], moved)
    db.execute("DELETE FROM engagement_tallies WHERE engagement_id = ?", (other,))
    db.execute("DELETE FROM engagements WHERE id = ?", (other,))


def _show(db: Connection, engagement_id: int) -> None:
    """An engagement's columns set to the values most of its reports give (from its tallies); the
    engagement deleted when no report is left in it."""
    row = db.execute("SELECT sources FROM engagements WHERE id = ?", (engagement_id,)).fetchone()
    if row is None:
        return  # united with another
    if row["sources"] == 0:
        db.execute("UPDATE followups SET engagement_id = NULL WHERE engagement_id = ?", (engagement_id,))
        db.execute("DELETE FROM engagement_tallies WHERE engagement_id = ?", (engagement_id,))
        db.execute("DELETE FROM engagements WHERE id = ?", (engagement_id,))
        return
    columns = shown(_tallies(db, [engagement_id], voted=True)[engagement_id])
    db.execute("UPDATE engagements SET date = ?, date_inferred = ?, type = ?, city = ?, country = ?, format = ?"
               " WHERE id = ?", (columns["date"], int(columns["date_inferred"]), columns["type"], columns["city"],
                                 columns["country"], columns["format"], engagement_id))


def count_all(db: Connection) -> None:
    """Every engagement's tallies counted from its reports (a database grouped before tallies were kept)."""
    for r in db.execute("SELECT id FROM engagements ORDER BY id").fetchall():
        _count_again(db, r["id"])
        _show(db, r["id"])


def _announcing_event(extraction: Extraction, start: int) -> int | None:
    """The seq of the report a follow-up was agreed at: the last whose evidence begins before it, else the first."""
    before = [seq for seq, e in enumerate(extraction.events) if e.evidence and e.evidence[0].start <= start]
    return before[-1] if before else (0 if extraction.events else None)


def save_followups(db: Connection, document_id: int, extraction: Extraction) -> None:
    """Write the follow-ups a page announces, each with its window (resolve.followups.window)."""
    events = {r["seq"]: r["id"] for r in db.execute("SELECT id, seq FROM events WHERE document_id = ?", (document_id,))}
    for seq, f in enumerate(extraction.followups):
        span = f.evidence
        at = _announcing_event(extraction, span.start if span else 0)
        # announced on the page's date, or (a page that prints none) on the day of the report it was agreed at
        announced = extraction.published or (extraction.events[at].date if at is not None else None)
        first, last = followups.window(f.expected, announced)
        place = f.location
        db.execute("INSERT INTO followups (document_id, seq, event_id, type, expected, window_start, window_end, city,"
                   " country, people, evidence, part, char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (document_id, seq, events.get(at), f.type,
                    f.expected, first, last, place.city if place else None, place.country if place else None,
                    json.dumps([p.name for p in f.participants if p.kind == "person"], ensure_ascii=False),
                    span.text if span else "", span.part if span else None, span.start if span else None,
                    span.end if span else None))


def _expected_people(db: Connection, row) -> set[int]:
    """The person actors a follow-up expects: those of the report it was agreed at and the names printed with it."""
    people = {r["actor_id"] for r in db.execute("SELECT actor_id FROM participants WHERE event_id = ? AND kind = 'person'",
                                                (row["event_id"],))} if row["event_id"] else set()
    keys = [actor_key(name) for name in json.loads(row["people"])]
    if keys:
        people |= {r["id"] for r in db.execute(f"SELECT id FROM actors WHERE key IN ({','.join('?' * len(keys))})", keys)}
    return people


def _held(db: Connection, wanted: dict) -> list[dict]:
    """The engagements dated in a follow-up's window that name one of the people it expects, by date
    then id, as resolve.followups.matches reads them (their people from their tallies); those only the
    page that announced it reports are left out."""
    people = sorted(str(p) for p in wanted["people"])
    if not people:
        return []
    held: dict[int, dict] = {}
    for r in db.execute("SELECT g.id, g.type, g.date, g.country, g.sources, t.value, EXISTS (SELECT 1 FROM"
                        " engagement_tallies o WHERE o.engagement_id = g.id AND o.field = 'page' AND o.value = ?)"
                        " AS announced FROM engagements g JOIN engagement_tallies t ON t.engagement_id = g.id"
                        " AND t.field = 'person' WHERE g.date BETWEEN ? AND ? AND g.id IN (SELECT engagement_id"
                        f" FROM engagement_tallies WHERE field = 'person' AND value IN ({_marks(people)}))"
                        " ORDER BY g.date, g.id",
                        [str(wanted["document_id"]), wanted["window_start"], wanted["window_end"], *people]):
        if r["sources"] > int(bool(r["announced"])):
            held.setdefault(r["id"], {"id": r["id"], "type": r["type"], "date": r["date"], "country": r["country"],
                                      "people": set()})["people"].add(int(r["value"]))
    return list(held.values())


def link_followups(db: Connection, document_id: int, engagements: set[int]) -> None:
    """Link each pending follow-up to the first engagement (by date, then id) that held it: the page's
    own follow-ups against the engagements dated in their windows, and the follow-ups of other pages
    against the engagements this page's reports are in."""
    # another page's follow-up is looked at when one of these engagements is dated in its window and may
    # name someone it expects: a participant of the report it was agreed at, or one of the names printed with it
    pending = db.execute("SELECT * FROM followups WHERE engagement_id IS NULL AND window_start IS NOT NULL"
                         " AND (document_id = ?" + (f" OR id IN (SELECT f.id FROM followups f JOIN engagements g ON"
                         f" g.date BETWEEN f.window_start AND f.window_end WHERE g.id IN ({_marks(sorted(engagements))})"
                         " AND (f.people != '[]' OR EXISTS (SELECT 1 FROM participants p JOIN engagement_tallies t"
                         " ON t.engagement_id = g.id AND t.field = 'person' AND t.value = CAST(p.actor_id AS TEXT)"
                         " WHERE p.event_id = f.event_id AND p.kind = 'person')))" if engagements else "") + ") ORDER BY id",
                         [document_id, *sorted(engagements)]).fetchall()
    for row in pending:
        wanted = {**dict(row), "people": _expected_people(db, row)}
        held = next((e for e in _held(db, wanted) if followups.matches(wanted, e)), None)
        if held is not None:
            db.execute("UPDATE followups SET engagement_id = ? WHERE id = ?", (held["id"], row["id"]))


def followups_as_of(db: Connection, as_of: date, status: str | None = None) -> list[dict]:
    """The follow-ups (engagements agreed or announced for later), by the start of their window, each with
    its status as of a day (resolve.followups.status: held, pending, overdue; only those of `status` if
    given), the page that announced it and the engagement that held it (id, date, type), if any."""
    rows = db.execute(
        "SELECT f.*, d.doc_id, d.title AS document_title, d.publisher, d.published, g.date AS held_on,"
        " g.type AS held_as FROM followups f JOIN documents d ON d.id = f.document_id"
        " LEFT JOIN engagements g ON g.id = f.engagement_id"
        " ORDER BY f.window_start IS NULL, f.window_start, f.id").fetchall()
    out = []
    for r in rows:
        item = {k: r[k] for k in ("id", "type", "expected", "window_start", "window_end", "evidence", "engagement_id",
                                  "held_on", "held_as", "doc_id", "document_id", "document_title", "publisher",
                                  "published")}
        item.update(location={"city": r["city"], "country": r["country"]} if r["city"] or r["country"] else None,
                    people=json.loads(r["people"]), status=followups.status(dict(r), as_of))
        if status is None or item["status"] == status:
            out.append(item)
    return out
