"""Stage 4, resolve: one actor per person across documents, with the history of the roles held.

A person's key is the set of their name's tokens, case-, accent- and hyphen-insensitive, so
"Noh Kyu-duk", "Kyuduk Noh" and "NOH Kyu Duk" are one actor. A surname printed alone ("Pompeo")
joins the one known actor of the same country whose name contains it, if there is exactly one.
"""
from __future__ import annotations

import re
import unicodedata

_HONORIFICS = re.compile(r"^(?:(?:amb|ambassador|mr|mrs|ms|dr|h\.?\s?e|his excellency|her excellency|"
                         r"the honou?rable|honou?rable)\.?\s+)+", re.I)


def actor_key(name: str) -> str:
    """The identity key of a personal name: sorted tokens, honorifics and accents removed,
    hyphenated given names joined ("Kyu-duk" = "Kyuduk")."""
    text = unicodedata.normalize("NFKD", _HONORIFICS.sub("", name.strip()))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=\w)[-‐’'](?=\w)", "", text)
    return " ".join(sorted(re.findall(r"\w+", text)))


def surname_candidates(key: str, known: list[tuple[int, str, str | None]], country: str | None) -> list[int]:
    """Ids of known actors (id, key, country) that a one-token key can stand for."""
    if " " in key:
        return []
    return [actor_id for actor_id, other, other_country in known
            if key in other.split() and " " in other and (country is None or other_country in (None, country))]
