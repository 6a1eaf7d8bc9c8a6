"""Countries, bodies and places named in text, from data/countries.json and data/places.json.

Matching is literal, case-sensitive (so "US" is not "us") and longest first, on word edges.
A hyphen is an edge, so "ROK-U.S.-Japan" yields three countries.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import regex_cache
from .scan import GatedPattern, trie_pattern

_APOSTROPHES = ("'", "’")


@dataclass(frozen=True)
class CountryMention:
    code: str  # ISO alpha-3, "EU" or "UN"
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class PlaceMention:
    city: str  # canonical city name ("Washington" for "Washington, D.C.")
    country: str
    start: int
    end: int
    surface: str  # as printed


@cache
def _load(name: str) -> dict:
    return json.loads(resources.files("readouts.data").joinpath(name).read_text(encoding="utf-8"))


def _with_apostrophe_variants(form: str) -> list[str]:
    """Pages print both straight and curly apostrophes: "People's" / "People’s"."""
    return [form.replace("'", a) for a in _APOSTROPHES] if "'" in form else [form]


def _edged(body: str) -> str:
    """A form that must start and end on a word edge (dots and hyphens are edges)."""
    return rf"(?<![\w]){body}(?![\w])"


def _alternation(forms: dict[str, str | None]) -> str:
    """One regex over all literal forms, on word edges, longest first; the value is looked up."""
    return _edged(trie_pattern(list(forms)))


@cache
def _country_forms(metonyms: bool) -> dict[str, str | None]:
    """surface form -> code; None marks a blocking phrase that names no country."""
    data = _load("countries.json")
    forms: dict[str, str | None] = {}
    for code, entry in data["countries"].items():
        keys = ["names", "adjectives", "organs"] + (["metonyms"] if metonyms else [])
        for key in keys:
            for form in entry.get(key, []):
                for variant in _with_apostrophe_variants(form):
                    forms.setdefault(variant, code)
    for phrase in data["not_countries"]:
        for variant in _with_apostrophe_variants(phrase):
            forms[variant] = None
    return forms


@cache
def _country_regex(metonyms: bool) -> GatedPattern:
    """Every country form and contextual pattern, in one alternation, searched through its gate
    (scan.py): it is read on every sentence, and most places of a sentence begin no country."""
    data = _load("countries.json")
    contextual = [
        f"(?P<{code}_{i}>{_edged(pattern)})"
        for code, entry in data["countries"].items()
        for i, pattern in enumerate(entry.get("patterns", []))
    ]
    literal = _alternation(_country_forms(metonyms))
    return GatedPattern(regex_cache.compile("|".join(contextual + [literal])))


def find_countries(text: str, metonyms: bool = False) -> list[CountryMention]:
    """Every country or body mentioned, in order. Capitals standing for governments
    ("Pyongyang said") count only with metonyms=True."""
    return list(iter_countries(text, metonyms))


def iter_countries(text: str, metonyms: bool = False) -> Iterator[CountryMention]:
    """find_countries one mention at a time, read as they are asked for: a caller that needs only
    the mentions near the start stops the scan there."""
    forms = _country_forms(metonyms)
    for m in _country_regex(metonyms).finditer(text):
        group = m.lastgroup
        code = group.rsplit("_", 1)[0] if group else forms.get(m.group(0))
        if code:
            yield CountryMention(code=code, start=m.start(), end=m.end(), surface=m.group(0))


def country_code(name: str) -> str | None:
    """The code of a string that is, as a whole, a country name or adjective ("U.S." -> "USA")."""
    name = name.strip()
    found = find_countries(name, metonyms=True)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        return found[0].code
    return None


@cache
def _country_forms_any_case() -> dict[str, str]:
    """Casefolded form (names, adjectives, organs, metonyms) -> code, for the forms that name one
    country whatever their case ("us" is "US", "United States" and no other)."""
    codes: dict[str, set[str]] = {}
    for form, code in _country_forms(True).items():
        if code:
            codes.setdefault(form.casefold(), set()).add(code)
    return {form: next(iter(found)) for form, found in codes.items() if len(found) == 1}


def country_code_any_case(name: str) -> str | None:
    """The code of a country name as a person types it in a filter: as country_code reads it, or else
    whatever its case ("japan", "JAPAN", "us"); None if it names none. Not for running text, where
    case tells "US" from "us"."""
    return country_code(name) or _country_forms_any_case().get(name.strip().casefold())


def country_name(code: str) -> str | None:
    """Short English name of a code ("KOR" -> "South Korea")."""
    entry = _load("countries.json")["countries"].get(code)
    return entry["name"] if entry else None


@cache
def _place_forms() -> dict[str, tuple[str, str]]:
    """printed form -> (canonical city, country)."""
    data = _load("places.json")
    forms: dict[str, tuple[str, str]] = {}
    for place in data["places"]:
        for form in [place["city"], *place["forms"]]:
            for variant in _with_apostrophe_variants(form):
                forms.setdefault(variant, (place["city"], place["country"]))
    for venue in data["venues"]:
        for variant in _with_apostrophe_variants(venue["name"]):
            forms.setdefault(variant, (venue["city"], venue["country"]))
    return forms


@cache
def _places_trie() -> str:
    return trie_pattern(list(_place_forms()))


@cache
def _any_place() -> re.Pattern[str]:
    """Any printed city or venue: a text naming none has no place, and one scan tells."""
    return regex_cache.compile(_places_trie())


@cache
def _place_regex() -> re.Pattern[str]:
    suffixes = "|".join(re.escape(s) for s in _load("places.json")["district_suffixes"])
    # "Jung-gu, Seoul": a district named before its city is part of the printed place
    district = rf"(?P<district>[A-Z][\w]*(?:-| )(?:{suffixes}),\s+)?"
    return regex_cache.compile(rf"(?<![\w]){district}(?P<city>{_places_trie()})(?![\w])")


def find_places(text: str) -> list[PlaceMention]:
    """Every city or venue named, in order. All mentions are returned, metonyms included
    ("Washington's policy"); callers keep those after a place preposition ("in", "at", "to")."""
    forms = _place_forms()
    out: list[PlaceMention] = []
    if _any_place().search(text) is None:
        return out
    for m in _place_regex().finditer(text):
        city, country = forms[m.group("city")]
        out.append(PlaceMention(city=city, country=country, start=m.start(), end=m.end(), surface=m.group(0)))
    return out


def place_country(city: str) -> str | None:
    """The country a city or venue lies in ("Geneva" -> "CHE")."""
    found = _place_forms().get(city.strip())
    return found[1] if found else None
