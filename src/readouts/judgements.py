"""Which actor a printed name is: the store's side of resolve/actors.py, with every decision kept.

A judgement says that a form (the name key of a printed name, resolve.actor_key) is the same person
as an actor (its key) or a different one, why, who made it (readouts or an analyst) and when. An
analyst's judgement overrides readouts' and outlives the pages: reading the pages again resolves
their names through it. readouts judges, in order: a form an analyst judged the same as an actor is
that actor; a form that is an actor's own key is that actor; the knowledge base's official for the
name, country, title and day (data/officials.json: variants, and a family name alone) is the actor
of the official's name; a surname alone is the one actor of its country whose name holds it; else a
new actor, which takes in the surname-only actors of its country that it is the one full name of.
"""
from __future__ import annotations

from datetime import datetime, timezone

from . import kb
from .dialect import Connection
from .resolve import actor_key, surname_candidates
from .resolve.actors import name_shapes, plain_name
from .types import parse_iso

READOUTS, ANALYST = "readouts", "analyst"
SAME, DIFFERENT = "same", "different"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def judge(db: Connection, kind: str, form: str, key: str, reason: str, by: str) -> None:
    """Record a judgement that the form is (SAME) or is not (DIFFERENT) the actor of this key; a judgement
    of readouts already recorded is not repeated."""
    if by == READOUTS and db.execute("SELECT 1 FROM judgements WHERE kind = ? AND form = ? AND actor_key = ?"
                                     " AND made_by = ?", (kind, form, key, by)).fetchone():
        return
    db.execute("INSERT INTO judgements (kind, form, actor_key, reason, made_by, made_at) VALUES (?,?,?,?,?,?)",
               (kind, form, key, reason, by, _now()))


def _verdicts(db: Connection, form: str) -> tuple[list[str], set[str]]:
    """(keys an analyst judged the form the same as, latest first; keys judged not): for each actor key
    the latest analyst's judgement. readouts' own judgements are a record, not a rule: they are made
    again from the name, title, country and day each time a name is read."""
    latest: dict[str, str] = {}
    for r in db.execute("SELECT kind, actor_key FROM judgements WHERE form = ? AND made_by = ? ORDER BY id DESC",
                        (form, ANALYST)):
        latest.setdefault(r["actor_key"], r["kind"])
    return [k for k, kind in latest.items() if kind == SAME], {k for k, kind in latest.items() if kind == DIFFERENT}


def _actor_of_key(db: Connection, key: str) -> int | None:
    row = db.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()
    return row["id"] if row else None


def _new_actor(db: Connection, name: str, key: str, country: str | None, kind: str) -> int:
    return db.insert("INSERT INTO actors (name, key, country, kind) VALUES (?,?,?,?)", (name, key, country, kind))


def resolve_actor(db: Connection, name: str, country: str | None, kind: str, title: str | None = None,
                  date: str | None = None) -> tuple[int, set[int]]:
    """The actor a printed name stands for, created when it is new, and the ids of actors merged into
    it on the way (surname-only actors it is the full name of: the caller tidies them)."""
    form = actor_key(name) if kind == "person" else f"body:{name.casefold()}"
    same, different = _verdicts(db, form)
    for key in [*same[:1], form]:  # what an analyst judged first, then the form's own actor
        if (actor_id := _actor_of_key(db, key)) is not None:
            _fill_country(db, actor_id, country)
            return actor_id, set()
    if kind != "person":
        return _new_actor(db, name, form, country, kind), set()
    official = kb.official_on(plain_name(name), country, title, parse_iso(date))
    if official is not None and (key := actor_key(official.name)) != form and key not in different:
        judge(db, SAME, form, key, f"knowledge base: {official.name} ({official.country}), {official.source}", READOUTS)
        full = name if " " in form else official.name  # a surname alone is shown by the official's name
        return _actor_of_key(db, key) or _new_actor(db, full, key, country or official.country, kind), set()
    if (alike := _spelled_alike(db, name, form, country, different)) is not None:
        judge(db, SAME, form, alike[1], "the same name with its given name joined or split, or in the other order",
              READOUTS)
        return alike[0], set()
    if " " not in form:
        known = [(r["id"], r["key"], r["country"]) for r in db.execute(
            f"SELECT id, key, country FROM actors WHERE kind = 'person' AND key {db.dialect.like} ?", (f"%{form}%",))
            if r["key"] not in different]
        if len(matches := surname_candidates(form, known, country)) == 1:
            key = next(k for i, k, _ in known if i == matches[0])
            judge(db, SAME, form, key, f"the one actor of {country or 'any country'} whose name holds it", READOUTS)
            return matches[0], set()
    # an actor judged the same that no page names any more comes back under its key
    actor_id = _new_actor(db, name, same[0] if same else form, country, kind)
    return actor_id, _take_in_surnames(db, actor_id, form, country)


def is_official_name(name: str, key: str) -> bool:
    """Whether a name is the knowledge base's name of the official whose key this is (the name an actor
    resolved from a surname alone is given)."""
    official = kb.find_official(name)
    return official is not None and official.name == name and actor_key(name) == key


def _spelled_alike(db: Connection, name: str, form: str, country: str | None,
                   different: set[str]) -> tuple[int, str] | None:
    """(id, key) of the one actor of the country (or of none) whose name runs together as this one does
    (resolve.actors.name_shapes: "Jon Jong Su" is "Jon Jong-su"); None when none or several."""
    shapes = name_shapes(name)
    if not shapes:
        return None
    found: dict[int, str] = {}
    for token in dict.fromkeys(t for t in form.split() if len(t) > 1):
        for r in db.execute(f"SELECT id, key, name, country FROM actors WHERE kind = 'person' AND key {db.dialect.like} ?",
                            (f"%{token}%",)):
            if r["key"] != form and r["key"] not in different and (not country or r["country"] in (None, country)) \
                    and name_shapes(r["name"]) & shapes:
                found[r["id"]] = r["key"]
    return next(iter(found.items())) if len(found) == 1 else None


def _fill_country(db: Connection, actor_id: int, country: str | None) -> None:
    if country:
        db.execute("UPDATE actors SET country = ? WHERE id = ? AND country IS NULL", (country, actor_id))


def _take_in_surnames(db: Connection, actor_id: int, key: str, country: str | None) -> set[int]:
    """Surname-only actors that a new full name is the one full name of (in their country) join it, so
    that the order pages come in does not matter. Their ids."""
    merged = set()
    for token in key.split():
        row = db.execute("SELECT id, country FROM actors WHERE key = ? AND kind = 'person'", (token,)).fetchone()
        if row is None or (row["country"] and country and row["country"] != country) or \
                key in _verdicts(db, token)[1]:
            continue
        known = [(r["id"], r["key"], r["country"]) for r in db.execute(
            f"SELECT id, key, country FROM actors WHERE kind = 'person' AND key {db.dialect.like} ?", (f"%{token}%",))]
        if surname_candidates(token, known, row["country"]) == [actor_id]:
            judge(db, SAME, token, key, f"the one actor of {row['country'] or 'any country'} whose name holds it"
                                        " (named after it)", READOUTS)
            move_actor(db, row["id"], actor_id)
            merged.add(row["id"])
    return merged


def move_actor(db: Connection, source: int, target: int) -> None:
    """Every row naming the source actor names the target instead (the caller tidies both)."""
    d = db.dialect
    db.execute("UPDATE participants SET actor_id = ? WHERE actor_id = ?", (target, source))
    db.execute(f"{d.insert_ignore} INTO actor_names (actor_id, name) SELECT ?, name FROM actor_names"
               f" WHERE actor_id = ?{d.on_conflict_ignore}", (target, source))
    db.execute("DELETE FROM actor_names WHERE actor_id = ?", (source,))


def forms_of(db: Connection, actor_id: int) -> set[str]:
    """The name keys an actor is printed under, its own key among them."""
    row = db.execute("SELECT key FROM actors WHERE id = ?", (actor_id,)).fetchone()
    names = db.execute("SELECT DISTINCT name FROM participants WHERE actor_id = ? AND name IS NOT NULL", (actor_id,))
    return {row["key"], *(actor_key(r["name"]) for r in names)}


def merge(db: Connection, target: int, source: int, reason: str) -> None:
    """An analyst's judgement that two actors are one person: every form of the source is judged the same
    as the target, and the source's rows go to the target (the caller tidies both). ValueError when
    either actor is missing or they are one."""
    keys = _keys(db, target, source)
    for form in sorted(forms_of(db, source) | _forms_judged(db, keys[source])):
        if form != keys[target]:
            judge(db, SAME, form, keys[target], reason, ANALYST)
    move_actor(db, source, target)


def split(db: Connection, actor_id: int, name: str, reason: str) -> int:
    """An analyst's judgement that a printed name is not the actor it was resolved to: the name's form
    is judged different from the actor, and the rows printing it go to an actor of their own (made or
    found by its key), whose id is returned (the caller tidies both). ValueError when the actor is
    missing or the name is not a form it holds apart from its own key."""
    (key,) = _keys(db, actor_id).values()
    form = actor_key(name)
    if form == key or form not in forms_of(db, actor_id):
        raise ValueError(f"{name!r} is not a name actor {actor_id} was printed under apart from its own")
    judge(db, DIFFERENT, form, key, reason, ANALYST)
    rows = [r for r in db.execute("SELECT DISTINCT name, country, kind FROM participants WHERE actor_id = ?"
                                  " AND name IS NOT NULL", (actor_id,)) if actor_key(r["name"]) == form]
    other = _actor_of_key(db, form) or _new_actor(db, rows[0]["name"], form, rows[0]["country"], rows[0]["kind"])
    for r in rows:
        db.execute("UPDATE participants SET actor_id = ? WHERE actor_id = ? AND name = ?", (other, actor_id, r["name"]))
        d = db.dialect
        db.execute(f"{d.insert_ignore} INTO actor_names (actor_id, name) VALUES (?,?){d.on_conflict_ignore}",
                   (other, r["name"]))
    return other


def _keys(db: Connection, *actor_ids: int) -> dict[int, str]:
    """The key of each actor; ValueError when one is missing or two are the same actor."""
    keys = {}
    for actor_id in actor_ids:
        row = db.execute("SELECT key FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            raise ValueError(f"no actor {actor_id} (see `readouts actors`)")
        keys[actor_id] = row["key"]
    if len(keys) < len(actor_ids):
        raise ValueError(f"actor {actor_ids[0]} is one actor already")
    return keys


def _forms_judged(db: Connection, key: str) -> set[str]:
    """The forms judged the same as the actor of this key (so that they follow it when it is merged)."""
    return {r["form"] for r in db.execute("SELECT DISTINCT form FROM judgements WHERE actor_key = ? AND kind = ?",
                                          (key, SAME))}


def judgements_of(db: Connection, key: str | None = None) -> list[dict]:
    """The judgements (of the actor of this key, or all), oldest first: kind, form, actor_key, reason, made_by, made_at."""
    where, args = (" WHERE actor_key = ?", (key,)) if key else ("", ())
    return [dict(r) for r in db.execute(f"SELECT id, kind, form, actor_key, reason, made_by, made_at FROM judgements"
                                        f"{where} ORDER BY id", args)]
