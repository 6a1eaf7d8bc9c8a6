"""One actor per person across documents, with the history of the roles held.

A person's key is the set of their name's tokens, case-, accent- and hyphen-insensitive, without
forms of address (data/honorifics.json) or middle initials, so "Noh Kyu-duk", "Kyuduk Noh",
"NOH Kyu-Duk" and "Amb. Noh Kyu-duk" are one actor, as are "Antony J. Blinken" and "Blinken Antony".
A given name split by a space ("Kyu Duk") is a different token set and so a different key.
A surname printed alone ("Pompeo") joins the one known actor of the same country whose name
contains it, if there is exactly one (surname_candidates; the store does the lookup).
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# A single Latin letter between other tokens is a middle initial ("Antony J. Blinken"), not a name part.
_INITIAL = re.compile(r"[a-z]")


@cache
def _honorifics() -> re.Pattern[str]:
    """Leading forms of address, longest first, each with an optional final period, repeatable."""
    data = json.loads(resources.files("readouts.data").joinpath("honorifics.json").read_text(encoding="utf-8"))
    forms = sorted((f.rstrip(".") for f in data["honorifics"]), key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(f) for f in forms) + r")\.?\s+)+", re.IGNORECASE)


@cache
def _suffix() -> re.Pattern[str]:
    """Letters printed after a name that are no part of it, after a comma or a space ("Biden, Jr.",
    "Bob Carr MP": data/honorifics.json "post_nominals"), repeatable."""
    data = json.loads(resources.files("readouts.data").joinpath("honorifics.json").read_text(encoding="utf-8"))
    forms = sorted((f.rstrip(".") for f in data["post_nominals"]), key=len, reverse=True)
    return re.compile(r"(?:,?\s+(?:" + "|".join(re.escape(f) for f in forms) + r")\.?)+\s*$")


def plain_name(name: str) -> str:
    """A name without its post-nominal letters ("Joseph R. Biden, Jr." -> "Joseph R. Biden")."""
    return _suffix().sub("", name.strip())


def name_shapes(name: str) -> set[str]:
    """The name's letters run together in the printed order and with the family name moved to the other
    end, case, accents, hyphens and forms of address ignored: "Cho Myoung-gyon", "Cho Myoung Gyon" and
    "Myoung-gyon Cho" share one ("chomyounggyon"), as a given name joined or split by a space does."""
    text = _folded(_honorifics().sub("", plain_name(name)))
    # a letter with a period is a middle initial ("Antony J. Blinken"); one without ends a syllable ("Won Kil U")
    tokens = [t for t in re.findall(r"\w+\.?", re.sub(r"(?<=\w)[-‐‑’'](?=\w)", "", text))
              if not re.fullmatch(r"[a-z]\.", t)]
    tokens = [t.rstrip(".") for t in tokens]
    if len(tokens) < 2:
        return set()
    return {"".join(tokens), "".join(tokens[1:] + tokens[:1]), "".join(tokens[-1:] + tokens[:-1])}


def _folded(text: str) -> str:
    """Casefolded, accents removed ("Kōno" -> "kono")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # names recur on page after page: a store writes the same few thousand
def actor_key(name: str) -> str:
    """The identity key of a personal name: its sorted tokens, forms of address, accents and middle
    initials removed, hyphenated given names joined ("Kyu-duk" = "Kyuduk")."""
    text = _folded(_honorifics().sub("", plain_name(name)))
    text = re.sub(r"(?<=\w)[-‐‑’'](?=\w)", "", text)
    tokens = re.findall(r"\w+", text)
    names = [t for t in tokens if not _INITIAL.fullmatch(t)]
    return " ".join(sorted(names if len(names) >= 2 else tokens))


def surname_candidates(key: str, known: list[tuple[int, str, str | None]], country: str | None) -> list[int]:
    """Ids of the known actors (id, key, country) with a full name that a one-token key can stand
    for: the token is one of their name's tokens and the countries do not differ."""
    if " " in key:
        return []
    return [actor_id for actor_id, other, other_country in known
            if key in other.split() and " " in other and (country is None or other_country in (None, country))]
