"""Where the store groups reports into engagements, and links follow-ups to the engagements that held
them. Each report of a page just written joins the engagements it fits (resolve/engagements.py
decides), uniting them when it fits several, or starts one. Incremental: only the engagements that
share a person with the report on a near date are read, never the whole database. Runs inside the
page's write transaction, on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from datetime import date

from .dialect import Connection
from .resolve import followups
from .resolve.actors import actor_key
from .resolve.engagements import Report, can_unite, consensus, joins, near_days
from .types import Extraction


def reports_where(db: Connection, where: str, args: list) -> dict[int, list[Report]]:
    """The reports of the events matching a condition on events e, by engagement (None: not grouped yet),
    each engagement's in the order of their ids."""
    reports: dict[int, dict] = {}
    for r in db.execute("SELECT e.id, e.document_id, e.type, e.date, e.country, e.format, e.engagement_id,"
                        " p.actor_id, p.kind, p.country AS party FROM events e"
                        f" LEFT JOIN participants p ON p.event_id = e.id WHERE {where} ORDER BY e.id", args):
        report = reports.setdefault(r["id"], {"row": r, "people": set(), "countries": set()})
        if r["actor_id"] is not None and r["kind"] == "person":
            report["people"].add(r["actor_id"])
        if r["party"]:
            report["countries"].add(r["party"])
    grouped: dict[int, list[Report]] = {}
    for event_id, found in reports.items():
        r = found["row"]
        grouped.setdefault(r["engagement_id"], []).append(Report(
            event_id, r["document_id"], r["type"], r["date"], r["country"], r["format"],
            frozenset(found["people"]), frozenset(found["countries"])))
    return grouped


def _candidates(db: Connection, report: Report) -> dict[int, list[Report]]:
    """The engagements, with their reports, that share a person with the report on a near date."""
    days = near_days(report.date)
    if not days or not report.people:
        return {}
    people = sorted(report.people)
    rows = db.execute("SELECT DISTINCT e.engagement_id FROM participants p JOIN events e ON e.id = p.event_id"
                      f" WHERE p.actor_id IN ({','.join('?' * len(people))}) AND p.date IN ({','.join('?' * len(days))})"
                      " AND e.document_id != ? AND e.engagement_id IS NOT NULL",
                      [*people, *days, report.document_id])
    ids = sorted(r["engagement_id"] for r in rows)
    if not ids:
        return {}
    return reports_where(db, f"e.engagement_id IN ({','.join('?' * len(ids))})", ids)


def group_document(db: Connection, document_id: int, previous: dict[int, int]) -> set[int]:
    """Group the reports of a page just written. previous: engagement ids its reports had before it was
    written again (by the report's seq), reused when they are left empty, so that re-reading a page
    keeps the ids. Every engagement touched gets its values again; one left without reports goes.
    The ids of the engagements touched that remain."""
    touched = set(previous.values())
    seqs = {r["id"]: r["seq"] for r in db.execute("SELECT id, seq FROM events WHERE document_id = ?", (document_id,))}
    if not seqs and not touched:
        return set()  # a page that reports nothing, and did not before
    for report in reports_where(db, "e.document_id = ?", [document_id]).get(None, []):
        candidates = _candidates(db, report)
        # the engagements naming most of the report's people first
        order = sorted(candidates, key=lambda eid: (-len(report.people & _people(candidates[eid])), eid))
        chosen: list[int] = []
        for eid in order:
            if joins(report, candidates[eid]) and can_unite(report, [candidates[c] for c in [*chosen, eid]]):
                chosen.append(eid)
        if chosen:
            target = min(chosen)
            for other in chosen:
                if other != target:
                    db.execute("UPDATE events SET engagement_id = ? WHERE engagement_id = ?", (target, other))
                    db.execute("UPDATE followups SET engagement_id = ? WHERE engagement_id = ?", (target, other))
        else:
            target = _reusable(db, previous.get(seqs[report.event_id])) or db.insert(
                "INSERT INTO engagements (type, sources) VALUES (?, 0)", (report.type,))
        db.execute("UPDATE events SET engagement_id = ? WHERE id = ?", (target, report.event_id))
        touched.update(chosen or [target])
    for eid in sorted(touched):
        refresh(db, eid)
    return {r["id"] for r in db.execute(f"SELECT id FROM engagements WHERE id IN ({','.join('?' * len(touched)) or 'NULL'})",
                                        sorted(touched))}


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
                        f" ({','.join('?' * len(engagements))})", engagements):
        previous.setdefault(r["document_id"], {})[r["seq"]] = r["engagement_id"]
    db.execute(f"UPDATE events SET engagement_id = NULL WHERE engagement_id IN ({','.join('?' * len(engagements))})",
               engagements)
    for document_id in sorted(previous):
        link_followups(db, document_id, group_document(db, document_id, previous[document_id]))


def _people(reports: list[Report]) -> frozenset[int]:
    return frozenset().union(*(r.people for r in reports))


def _reusable(db: Connection, engagement_id: int | None) -> int | None:
    """The engagement id, if it still exists and no report is in it."""
    if engagement_id is None:
        return None
    row = db.execute("SELECT id FROM engagements WHERE id = ? AND NOT EXISTS"
                     " (SELECT 1 FROM events WHERE engagement_id = engagements.id)", (engagement_id,)).fetchone()
    return row["id"] if row else None


def refresh(db: Connection, engagement_id: int, rows: list[dict] | None = None) -> None:
    """An engagement's columns set to the values most of its reports give; the engagement deleted
    when no report is left in it. rows: its reports as Store._event_rows gives them (read when None)."""
    if rows is None:
        rows = report_rows(db, engagement_id)
    if not rows:
        db.execute("UPDATE followups SET engagement_id = NULL WHERE engagement_id = ?", (engagement_id,))
        db.execute("DELETE FROM engagements WHERE id = ?", (engagement_id,))
        return
    shown = consensus(rows)
    place = shown["location"] or {}
    db.execute("UPDATE engagements SET date = ?, date_inferred = ?, type = ?, city = ?, country = ?, format = ?,"
               " sources = ? WHERE id = ?",
               (shown["date"], int(shown["date_inferred"]), shown["type"], place.get("city"), place.get("country"),
                shown["format"], len(rows), engagement_id))


def report_rows(db: Connection, engagement_id: int) -> list[dict]:
    """The reports of an engagement as consensus reads them (type, date, format, place, participants,
    topics), in the order that breaks its ties: by the page's date of publication, then doc_id."""
    rows = [dict(r) for r in db.execute(
        "SELECT e.id, e.type, e.date, e.date_inferred, e.city, e.country, e.format FROM events e"
        " JOIN documents d ON d.id = e.document_id WHERE e.engagement_id = ?"
        " ORDER BY d.published IS NULL, d.published, d.doc_id, e.seq", (engagement_id,))]
    by_id = {r["id"]: {**r, "participants": [], "topics": []} for r in rows}
    if not by_id:
        return []
    marks = ",".join("?" * len(by_id))
    for p in db.execute(f"SELECT event_id, actor_id, name, title, country, kind FROM participants WHERE event_id IN ({marks})"
                        f" ORDER BY event_id, {db.dialect.rowid}", list(by_id)):
        by_id[p["event_id"]]["participants"].append(dict(p))
    for t in db.execute(f"SELECT event_id, topic FROM event_topics WHERE event_id IN ({marks})"
                        f" ORDER BY event_id, {db.dialect.rowid}", list(by_id)):
        by_id[t["event_id"]]["topics"].append(t["topic"])
    return list(by_id.values())


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


def _held(db: Connection, engagement_id: int, not_from: int) -> dict | None:
    """An engagement as resolve.followups.matches reads it; None when only the page `not_from` reports it."""
    row = db.execute("SELECT id, type, date, country FROM engagements WHERE id = ?", (engagement_id,)).fetchone()
    people = db.execute("SELECT DISTINCT p.actor_id, e.document_id FROM participants p JOIN events e ON e.id = p.event_id"
                        " WHERE e.engagement_id = ? AND p.kind = 'person'", (engagement_id,)).fetchall()
    pages = {r["document_id"] for r in db.execute("SELECT document_id FROM events WHERE engagement_id = ?", (engagement_id,))}
    if row is None or pages <= {not_from}:
        return None
    return {**dict(row), "people": {r["actor_id"] for r in people}}


def link_followups(db: Connection, document_id: int, engagements: set[int]) -> None:
    """Link each pending follow-up to the first engagement (by date, then id) that held it: the page's
    own follow-ups against the engagements dated in their windows, and the follow-ups of other pages
    against the engagements this page's reports are in."""
    pending = db.execute("SELECT * FROM followups WHERE engagement_id IS NULL AND window_start IS NOT NULL"
                         " AND (document_id = ?" + (f" OR id IN (SELECT f.id FROM followups f JOIN engagements g ON"
                         f" g.date BETWEEN f.window_start AND f.window_end WHERE g.id IN"
                         f" ({','.join('?' * len(engagements))}))" if engagements else "") + ") ORDER BY id",
                         [document_id, *sorted(engagements)]).fetchall()
    for row in pending:
        wanted = {**dict(row), "people": _expected_people(db, row)}
        for candidate in db.execute("SELECT id FROM engagements WHERE date BETWEEN ? AND ? ORDER BY date, id",
                                    (row["window_start"], row["window_end"])).fetchall():
            held = _held(db, candidate["id"], row["document_id"])
            if held is not None and followups.matches(wanted, held):
                db.execute("UPDATE followups SET engagement_id = ? WHERE id = ?", (candidate["id"], row["id"]))
                break


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
