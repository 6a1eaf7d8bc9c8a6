"""What is publicly known about offices and officials: which government a title belongs to,
who held which post when. Data in data/offices.json, data/officials.json (made by hand: the
officials of this genre, their roles, printed variants and tenures) and data/us_officials.json
(U.S. Department of State officers and chiefs of mission since 1990, converted from the Office of
the Historian's POCOM by scripts/us_officials.py: tenures to the day).

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

from .gazetteer import find_countries
from .scan import GatedPattern


@dataclass(frozen=True)
class Office:
    role: str  # key of officials.json "roles" (or of us_officials.json "roles")
    organization: str
    start: date
    end: date | None  # None: still in office
    posting: str | None = None  # code of the country or body an ambassador is posted to


@dataclass(frozen=True)
class Official:
    name: str  # canonical, given-name first
    family: str
    given: str
    country: str
    variants: tuple[str, ...]
    offices: tuple[Office, ...]
    source: str
    curated: bool = True  # in the hand-made officials.json (the genre's officials), not only in a converted list


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
    """'2017-09-14' -> 14 Sep 2017; '2017-09' -> 1 Sep 2017; '2017' -> 1 Jan 2017."""
    if len(value) == 10:  # most dates of the converted list: parsed in C
        return date.fromisoformat(value)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(*parts[:3])


def _period_end(value: str) -> date:
    """'2017-09-14' -> 14 Sep 2017; '2017-09' -> 30 Sep 2017; '2017' -> 31 Dec 2017: the last day the
    value can mean."""
    if len(value) == 10:
        return date.fromisoformat(value)
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return date(year, month, calendar.monthrange(year, month)[1])


# --- officials -----------------------------------------------------------------------------

_PRECISION = {4: 0, 7: 1, 10: 2}  # length of a date string -> how precise it is (year, month, day)


def _posting(organization: str, country: str) -> str | None:
    """The country or body an office abroad is at ("Embassy in the Republic of Korea" -> "KOR")."""
    return next((m.code for m in find_countries(organization) if m.code != country), None)


def _office(role: str, organization: str, start: str, end: str | None, posting: str | None) -> Office:
    return Office(role, organization, _period_start(start), _period_end(end) if end else None, posting)


def _merged_end(hand: str | None, theirs: str | None, left_by: str | None) -> str | None:
    """The end of an office both lists hold: the more precise of the two recorded ends (the hand-made
    one on a tie), else a successor's start that falls inside the hand-made end (the same month)."""
    if hand and theirs:
        return theirs if _PRECISION[len(theirs)] > _PRECISION[len(hand)] else hand
    if hand and left_by and _period_start(hand) <= date.fromisoformat(left_by) <= _period_end(hand):
        return left_by
    return hand or theirs or left_by


def _converted(row: list) -> tuple[str, str | None, str, str | None, str | None]:
    """An office of data/us_officials.json: role, posting, start, end and the day it was left by
    (a successor's start, given only when the end is not recorded)."""
    role, posting, start, end, *left_by = row
    return role, posting, start, end, left_by[0] if left_by else None


def _merged_offices(entry: dict, converted: list[list]) -> list[Office]:
    """The hand-made offices with the converted list's dates where they are more precise, then
    the converted offices the hand-made entry lacks. Offices are the same when role and posting
    agree and their periods overlap."""
    rows = [_converted(row) for row in converted]
    theirs = [_office(role, "U.S. Department of State", start, end or left_by, posting)
              for role, posting, start, end, left_by in rows]
    used: set[int] = set()
    out = []
    for o in entry["offices"]:
        own = _office(o["role"], o["organization"], o["start"], o["end"], _posting(o["organization"], entry["country"]))
        same = next((i for i, t in enumerate(theirs) if i not in used and t.role == own.role
                     and t.posting == own.posting and t.start <= (own.end or date.max)
                     and own.start <= (t.end or date.max)), None)
        if same is not None:
            used.add(same)
            _, _, start, end, left_by = rows[same]
            start = start if _PRECISION[len(start)] > _PRECISION[len(o["start"])] else o["start"]
            own = _office(own.role, own.organization, start, _merged_end(o["end"], end, left_by), own.posting)
        out.append(own)
    return out + [t for i, t in enumerate(theirs) if i not in used]


def _official_from(entry: dict, converted: list[list]) -> Official:
    return Official(entry["name"], entry["family"], entry["given"], entry["country"],
                    tuple(entry["variants"]), tuple(_merged_offices(entry, converted)), entry["source"])


def _converted_official(entry: dict, source: str) -> Official:
    return Official(entry["name"], entry["family"], entry["given"], "USA", tuple(entry.get("variants", ())),
                    tuple(_merged_offices({"offices": []}, entry["offices"])), source, curated=False)


@cache
def officials() -> tuple[Official, ...]:
    """Every official known: the hand-made ones (data/officials.json), each with the offices
    data/us_officials.json gives the same person (same name, in the United States' service), then
    the rest of data/us_officials.json."""
    hand = _load("officials.json")["officials"]
    us = _load("us_officials.json")
    by_key: dict[str, int] = {}
    for i, entry in enumerate(hand):
        if entry["country"] == "USA":
            for key in _keys_of(entry["name"], entry["family"], entry["given"], tuple(entry["variants"])):
                by_key.setdefault(key, i)
    converted: dict[int, list[list]] = {}
    rest = []
    for entry in us["officials"]:
        keys = _keys_of(entry["name"], entry["family"], entry["given"], tuple(entry.get("variants", ())))
        mine = next((by_key[k] for k in keys if k in by_key), None)
        if mine is None:
            rest.append(_converted_official(entry, us["_source"]))
        else:
            converted.setdefault(mine, []).extend(entry["offices"])
    return tuple(_official_from(e, converted.get(i, [])) for i, e in enumerate(hand)) + tuple(rest)


def _compact(text: str) -> str:
    """Case, accents, hyphens and spaces ignored: 'Kyu-duk' == 'Kyuduk' == 'kyu duk', 'Kōno' == 'Kono'."""
    if text.isascii():  # most names: nothing to decompose (thousands of them are keyed at load)
        return _NOT_WORD.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NOT_WORD.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=None)  # each official's keys serve both the merge and the index
def _keys_of(name: str, family: str, given: str, variants: tuple[str, ...]) -> frozenset[str]:
    """Both name orders of the canonical parts and of every printed variant, initials dropped."""
    family_key, given_key = _compact(family), _compact(given)
    keys = {family_key + given_key, given_key + family_key}
    for variant in (name, *variants):
        tokens = [_compact(t) for t in _bare_name(variant).split()]
        keys.add("".join(tokens))
        if len(tokens) > 1:
            # a variant written given-first is also met family-first, and the reverse
            keys.add(tokens[-1] + "".join(tokens[:-1]))
            keys.add("".join(tokens[1:]) + tokens[0])
    return frozenset(keys)


def _name_keys(official: Official) -> frozenset[str]:
    return _keys_of(official.name, official.family, official.given, official.variants)


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
    return " ".join(t for t in name.split() if not _INITIAL.fullmatch(t))


_INITIAL = re.compile(r"[A-Z]\.?")


def _unique(candidates: Iterable[Official], country: str | None, role: str | None) -> Official | None:
    """The one candidate (of that country, if given); among several, the one who held the role,
    else the one of the hand-made list: a name that a page prints short means the official of
    the genre, not a namesake posted elsewhere."""
    pool = [o for o in dict.fromkeys(candidates) if country is None or o.country == country]
    for narrower in (_held(pool, role), [o for o in pool if o.curated]):
        if len(pool) > 1 and narrower:
            pool = narrower
    return pool[0] if len(pool) == 1 else None


def _held(officials: Iterable[Official], role: str | None) -> list[Official]:
    return [o for o in officials if any(office.role == role for office in o.offices)]


def find_official(name: str, country: str | None = None, title: str | None = None) -> Official | None:
    """The official a printed name refers to, in either name order, hyphens, case, initials and
    middle names ignored ('John Forbes Kerry' is 'John Kerry'). A family name alone ('Kerry',
    'Secretary Kerry') matches only one official (of that country, if given): the one of the
    hand-made list who bears it, else the one of the converted list who bears it and held the
    post that the title or the name's own honorific names ('Ambassador Stephens'). A family name
    alone is often a word too ('North', 'King'): without a post to go by, the hundreds of names
    of the converted list are not read into it."""
    honorific = _honorific_regex().match(name.strip())
    bare = _bare_name(name)
    if not bare:
        return None
    full, family = _index()
    role = title_role(title or (honorific.group() if honorific else ""))
    tokens = bare.split()
    for key in dict.fromkeys([_compact(bare), _compact(tokens[0] + tokens[-1])]):
        if key in full:
            return _unique(full[key], country, role)
    if len(tokens) == 1:
        bearers = [o for o in family.get(_compact(bare), ()) if country is None or o.country == country]
        curated = [o for o in bearers if o.curated]
        # among the hand-made officials a family name is unique or nothing ("Ambassador Kim" is not
        # Sung Kim for being the one Kim who was an ambassador)
        return _unique(curated, None, None) if curated else _unique(_held(bearers, role), None, role)
    return None


def _in_post(official: Official, role: str | None, day: date | None) -> bool:
    """Whether the official held the post (any post, for None) on that day (at any time, for None)."""
    return any((role is None or office.role == role) and (day is None or office.start <= day <= (office.end or date.max))
               for office in official.offices)


NAME_WORDS = 4  # a full name runs to at most this many printed words ("Joseph R. Biden Jr")
# a word, hyphens inside it; an apostrophe parts words, so that "Sung Kim's" holds "Sung Kim" (and
# "O'Brien" is found as the two words it is compacted from)
_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")


def page_names(text: str) -> frozenset[str]:
    """Every run of two to NAME_WORDS consecutive words of a page, compacted as name keys are
    (case, accents, hyphens and spaces ignored: "KANG, Kyung-wha" gives "kangkyungwha"), so that a
    full name is looked up whole, never inside a longer one ("Cho Hyun" in "Cho Hyun-dong")."""
    # _compact of an ASCII word (letters, digits, hyphens) inlined: a page has thousands of words
    words = [w.lower().replace("-", "") if w.isascii() else _compact(w) for w in _WORD.findall(text)]
    names = set()
    for i in range(len(words) - 1):
        run = words[i]
        for word in words[i + 1:i + NAME_WORDS]:
            run += word
            names.add(run)
    return frozenset(names)


def printed_bearer(family: str, page: frozenset[str], title: str | None = None, day: date | None = None,
                   country: str | None = None) -> Official | None:
    """The official of that family name (of that country, if given) whose full name the page prints
    in some order or variant (page as page_names gives it): "Minister Payne" on a page that prints
    "MARISE PAYNE" is Marise Payne. When the page prints several, the one who held the post the
    title names (any post when it names none) on that day (at any time, without a day). None when
    no official or several fit."""
    surname = _compact(family)
    printed = [o for o in _index()[1].get(surname, ()) if (country is None or o.country == country)
               and any(key != surname and key in page for key in _name_keys(o))]
    if len(printed) > 1:
        role = title_role(title) if title else None
        printed = [o for o in printed if _in_post(o, role, day)]
    return printed[0] if len(printed) == 1 else None


def official_on(name: str, country: str | None, title: str | None, day: date | None) -> Official | None:
    """The official a printed name refers to (find_official), or, for a family name that several
    officials (of that country) bear, the one of them who held the office the title names on that
    day ("Kim", "Special Representative", 2024-01-23 -> Kim Gunn); None when no one, or more than one."""
    found = find_official(name, country, title)
    bare = _bare_name(name)
    if found is not None or len(bare.split()) != 1 or not title or day is None:
        return found
    holders = [o for o in _index()[1].get(_compact(bare), ()) if (country is None or o.country == country)
               and _in_post(o, title_role(title), day)]
    return holders[0] if len(holders) == 1 else None


@lru_cache(maxsize=4096)
def official_country(name: str) -> str | None:
    """The government the named official serves, when the name identifies one official."""
    official = find_official(name)
    return official.country if official else None


# --- tenures -------------------------------------------------------------------------------

@cache
def _role_phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, role), longest phrase first: the roles of both lists."""
    pairs = [(p.casefold(), role) for name in ("officials.json", "us_officials.json")
             for role, phrases in _load(name)["roles"].items() for p in phrases]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def title_role(title: str) -> str | None:
    """The post a printed title names ('U.S. Deputy Secretary of State' -> 'deputy_secretary_of_state')."""
    folded = title.casefold()
    return next((role for phrase, role in _role_phrases() if phrase in folded), None)


def _matching_offices(official: Official, title: str | None) -> tuple[Office, ...]:
    """Offices the title names, narrowed to the country it names other than the official's own
    ("U.S. Ambassador to Korea": the embassy in KOR) when one was held there; all offices when
    the title is missing or names none of them."""
    if not title:
        return official.offices
    role = title_role(title)
    matching = tuple(o for o in official.offices if o.role == role)
    abroad = {m.code for m in find_countries(title)} - {official.country}
    posted = tuple(o for o in matching if o.posting in abroad)
    return posted or matching or official.offices


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
    official = find_official(name, office_country(title) if title else None, title) or find_official(name, None, title)
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
        official = find_official(name, office_country(title) if title else None, title) if name else None
        if official is None and name and title:
            official = find_official(name, None, title)
        if official is None:
            continue
        years = _years_in(_matching_offices(official, title), until)
        common = years if common is None else common & years
    return sorted(common) if common else []
