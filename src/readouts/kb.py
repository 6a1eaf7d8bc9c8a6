"""What is publicly known about offices and officials: which government a title belongs to,
who held which post when. Data in data/offices.json and data/officials.json.

Used to give a country to titles that name none ("Special Representative for Korean Peninsula
Peace and Security Affairs" -> KOR) and to infer a missing year from who was in office.
"""
from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from .scan import GatedPattern


@dataclass(frozen=True)
class Office:
    role: str  # key of officials.json "roles"
    organization: str
    start: date
    end: date | None  # None: still in office


@dataclass(frozen=True)
class Official:
    name: str  # canonical, given-name first
    family: str
    given: str
    country: str
    variants: tuple[str, ...]
    offices: tuple[Office, ...]
    source: str


@dataclass(frozen=True)
class _OfficeRule:
    pattern: re.Pattern[str]
    country: str
    organization: str
    kind: str  # office | organization | body


@cache
def _load(name: str) -> dict:
    return json.loads(resources.files("readouts.data").joinpath(name).read_text(encoding="utf-8"))


# --- offices -------------------------------------------------------------------------------

@cache
def _office_rules() -> tuple[_OfficeRule, ...]:
    return tuple(
        _OfficeRule(re.compile(e["pattern"], re.IGNORECASE), e["country"], e["organization"], e["kind"])
        for e in _load("offices.json")["offices"]
    )


@cache
def _any_office() -> GatedPattern:
    """Where some office rule may match: most texts name none, and one scan tells."""
    return GatedPattern("|".join(f"(?:{rule.pattern.pattern})" for rule in _office_rules()), re.IGNORECASE)


@lru_cache(maxsize=4096)  # titles and organisations recur: the same few hundred strings
def _best_office_rule(text: str) -> _OfficeRule | None:
    """The rule with the longest match in text (earliest on ties): the most specific name wins."""
    if _any_office().search(text) is None:
        return None
    best: tuple[int, int, _OfficeRule] | None = None
    for rule in _office_rules():
        m = rule.pattern.search(text)
        if m and (best is None or (m.end() - m.start(), -m.start()) > best[:2]):
            best = (m.end() - m.start(), -m.start(), rule)
    return best[2] if best else None


def office_country(text: str) -> str | None:
    """The government an office, organisation or body named in text belongs to, for names that
    carry no country ("Asian and Oceanian Affairs Bureau" -> "JPN")."""
    rule = _best_office_rule(text)
    return rule.country if rule else None


def organization_of(text: str) -> str | None:
    """The canonical organisation an office or organisation named in text belongs to."""
    rule = _best_office_rule(text)
    return rule.organization if rule else None


# --- dates ---------------------------------------------------------------------------------

def _period_start(value: str) -> date:
    """'2017-09' -> 1 Sep 2017; '2017' -> 1 Jan 2017."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, 1)


def _period_end(value: str) -> date:
    """'2017-09' -> 30 Sep 2017; '2017' -> 31 Dec 2017: the last day the value can mean."""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return date(year, month, calendar.monthrange(year, month)[1])


# --- officials -----------------------------------------------------------------------------

def _official_from(entry: dict) -> Official:
    offices = tuple(
        Office(o["role"], o["organization"], _period_start(o["start"]),
               _period_end(o["end"]) if o["end"] else None)
        for o in entry["offices"]
    )
    return Official(entry["name"], entry["family"], entry["given"], entry["country"],
                    tuple(entry["variants"]), offices, entry["source"])


@cache
def officials() -> tuple[Official, ...]:
    return tuple(_official_from(e) for e in _load("officials.json")["officials"])


def _compact(text: str) -> str:
    """Case, accents, hyphens and spaces ignored: 'Kyu-duk' == 'Kyuduk' == 'kyu duk', 'Kōno' == 'Kono'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _name_keys(official: Official) -> set[str]:
    """Both name orders of the canonical parts and of every printed variant."""
    keys = {_compact(official.family + official.given), _compact(official.given + official.family)}
    for variant in (official.name, *official.variants):
        tokens = variant.split()
        keys.add(_compact(variant))
        if len(tokens) > 1:
            # a variant written given-first is also met family-first, and the reverse
            keys.add(_compact(tokens[-1] + "".join(tokens[:-1])))
            keys.add(_compact("".join(tokens[1:]) + tokens[0]))
    return keys


@cache
def _index() -> tuple[dict[str, tuple[Official, ...]], dict[str, tuple[Official, ...]]]:
    """full-name key -> officials, family-name key -> officials."""
    full: dict[str, list[Official]] = {}
    family: dict[str, list[Official]] = {}
    for official in officials():
        for key in _name_keys(official):
            full.setdefault(key, []).append(official)
        family.setdefault(_compact(official.family), []).append(official)
    return ({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in family.items()})


@cache
def _honorific_regex() -> re.Pattern[str]:
    forms = sorted(_load("officials.json")["honorifics"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(f) for f in forms) + r")\s+)+")


def _bare_name(name: str) -> str:
    """Honorifics and middle initials dropped: 'Mr. Antony J. Blinken' -> 'Antony Blinken'."""
    name = _honorific_regex().sub("", name.strip())
    return " ".join(t for t in name.split() if not re.fullmatch(r"[A-Z]\.?", t))


def _unique(candidates: Iterable[Official], country: str | None) -> Official | None:
    pool = [o for o in dict.fromkeys(candidates) if country is None or o.country == country]
    return pool[0] if len(pool) == 1 else None


def find_official(name: str, country: str | None = None) -> Official | None:
    """The official a printed name refers to, in either name order, hyphens and case ignored.
    A family name alone matches only when one official (of that country, if given) bears it."""
    bare = _bare_name(name)
    if not bare:
        return None
    full, family = _index()
    key = _compact(bare)
    if key in full:
        return _unique(full[key], country)
    if len(bare.split()) == 1:
        return _unique(family.get(key, ()), country)
    return None


@lru_cache(maxsize=4096)
def official_country(name: str) -> str | None:
    """The government the named official serves, when the name identifies one official."""
    official = find_official(name)
    return official.country if official else None


# --- tenures -------------------------------------------------------------------------------

@cache
def _role_phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, role), longest phrase first."""
    pairs = [(p.casefold(), role) for role, phrases in _load("officials.json")["roles"].items() for p in phrases]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def title_role(title: str) -> str | None:
    """The post a printed title names ('U.S. Deputy Secretary of State' -> 'deputy_secretary_of_state')."""
    folded = title.casefold()
    return next((role for phrase, role in _role_phrases() if phrase in folded), None)


def _matching_offices(official: Official, title: str | None) -> tuple[Office, ...]:
    """Offices the title names; all offices when the title is missing or names none of them."""
    role = title_role(title) if title else None
    matching = tuple(o for o in official.offices if o.role == role)
    return matching or official.offices


def tenure(official: Official, title: str | None = None) -> tuple[date, date | None]:
    """First and last day in the office the title names (or across all offices held);
    end None while still in office."""
    offices = _matching_offices(official, title)
    start = min(o.start for o in offices)
    end = None if any(o.end is None for o in offices) else max(o.end for o in offices if o.end)
    return start, end


@cache
def _in_office_as_of() -> date:
    """The last day an office with no end (still held) is known to be held: when
    data/officials.json was written (its "in_office_as_of"), not the clock."""
    return _period_end(_load("officials.json")["in_office_as_of"])


def _years_in(offices: Iterable[Office], until: date) -> set[int]:
    """The years of the offices, an office still held counting up to `until`."""
    years: set[int] = set()
    for office in offices:
        years.update(range(office.start.year, (office.end or until).year + 1))
    return years


@lru_cache(maxsize=4096)  # a year is inferred by asking this of every candidate day
def _offices_named(name: str, title: str | None) -> tuple[Office, ...] | None:
    """The offices of the named official that the title names; None if the name is unknown."""
    official = find_official(name, office_country(title) if title else None) or find_official(name)
    return None if official is None else _matching_offices(official, title)


def in_office_on(name: str, title: str | None, day: date) -> bool | None:
    """Whether the named official held the office the title names on that day; None if unknown."""
    offices = _offices_named(name, title)
    if offices is None:
        return None
    return any(o.start <= day <= (o.end or date.max) for o in offices)


def candidate_years(officials_with_titles: Iterable[tuple[str | None, str | None]],
                    reference: date | None = None) -> list[int]:
    """Years in which every known (name, title) pair was in that office: the intersection of
    their tenures. Empty when no name is known, or when the tenures do not overlap.

    An office still held counts up to `reference` (the page's date: a page reports no year after
    its own) or, without one, up to the date the data was written: never up to the clock, so
    that the same page gives the same years on any day."""
    until = reference or _in_office_as_of()
    common: set[int] | None = None
    for name, title in officials_with_titles:
        official = find_official(name, office_country(title) if title else None) if name else None
        if official is None and name and title:
            official = find_official(name)
        if official is None:
            continue
        years = _years_in(_matching_offices(official, title), until)
        common = years if common is None else common & years
    return sorted(common) if common else []
