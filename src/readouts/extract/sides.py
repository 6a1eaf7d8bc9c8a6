"""The sides of an engagement: the government of a participant whom no title, knowledge-base entry or
nationality places, read from the pair of countries the page names the engagement by.

A bilateral engagement is named by its two sides, joined as a pair ("Japan-ROK Foreign Ministers'
Telephone Talks", "S. Korea, Poland Hold First Security Strategy Dialogue", "South Korea and Japan
discussed ..."). When every participant whose government is known is of one country of such a pair,
those of no known government are of the other: "Minister for Foreign Affairs Koichiro Gemba held
telephone talks with Mr. Kim Sung-hwan, Minister of Foreign Affairs and Trade of the Republic of
Korea", under "Japan-ROK ... Talks", is Japan's minister. The joiners of a pair are data
(data/countries.json 'pair_joiner').
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from .. import gazetteer
from ..types import Document, Event, Participant


@cache
def _pair_joiner() -> re.Pattern:
    data = json.loads(resources.files("readouts.data").joinpath("countries.json").read_text("utf-8"))
    return re.compile(data["pair_joiner"], re.I)


def named_pairs(text: str) -> list[frozenset[str]]:
    """The pairs of countries text names as two sides: runs of exactly two different countries
    joined by a pair joiner ("Japan-ROK", "South Korea and Poland"); a longer list ("Japan, the ROK
    and the United States") names no pair. Linear in the length of text."""
    joiner = _pair_joiner()
    runs: list[list[str]] = []
    previous_end = None
    for mention in gazetteer.iter_countries(text):
        if previous_end is not None and joiner.fullmatch(text, previous_end, mention.start):
            runs[-1].append(mention.code)
        else:
            runs.append([mention.code])
        previous_end = mention.end
    return [frozenset(run) for run in runs if len(run) == 2 and len(set(run)) == 2]


def _placeless(participant: Participant) -> bool:
    """A participant of no government known who may still have one (a former official represents none)."""
    return participant.country is None and not (participant.title or "").lower().startswith("former")


def other_side(known: set[str], texts: Iterable[str]) -> str | None:
    """The country paired with the one known side in the first of the texts that names such a pair,
    or None (no side known, several known, or no pair that holds the known side)."""
    if len(known) != 1:
        return None
    for text in texts:
        for pair in named_pairs(text):
            if known < pair:
                return next(iter(pair - known))
    return None


def complete_sides(event: Event, texts: Iterable[str]) -> None:
    """Give the participants of the event of no known government the other side of the pair its
    texts name (in order: the first that names a pair holding the known side decides)."""
    unknown = [p for p in event.participants if _placeless(p)]
    if not unknown:
        return
    side = other_side({p.country for p in event.participants if p.country}, texts)
    for participant in unknown if side else ():
        participant.country = side


def add_sides(doc: Document) -> None:
    """Step `sides`: the government of each participant no earlier step placed, from the pair of
    countries its engagement is named by: its own sentences first, then, for the page's first
    engagement (the one a headline reports), the headline. A person placed in one engagement is of
    that government in the page's others. Needs `events`."""
    for n, event in enumerate(doc.events):
        texts = [span.text for span in event.evidence]
        if n == 0 and doc.title is not None:
            texts.append(doc.title.text)
        complete_sides(event, texts)
    placed = {p.name: p.country for event in doc.events for p in event.participants
              if p.kind == "person" and p.name and p.country}
    for participant in (p for event in doc.events for p in event.participants):
        if participant.kind == "person" and _placeless(participant) and participant.name in placed:
            participant.country = placed[participant.name]
