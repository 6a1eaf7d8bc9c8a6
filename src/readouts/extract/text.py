"""Sentences with character offsets: the first extraction step.

Tuned to the genre: an abbreviation ("U.S.", "Amb.", "Dec.", "No.") does not end a sentence when more
text follows, and neither does one closing a hyphenated compound ("the next ROK-U.S. Foreign
Ministers' meeting"). The wording is data (data/sentences.json); offsets are never lost, so each
Sentence's text is exactly the slice of the clean text it stands for.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..types import TEXT, Document, Sentence, Span

_LOOK_BACK = 64  # characters before a boundary that hold its last word (abbreviations are short)
# a sentence's closing mark, then space; or, where a page lost the space ("last week.The ministry"), a
# word of lowercase letters ending a sentence right before a capitalised word (an abbreviation or a
# domain name has capitals or a lowercase letter after its period: "U.S.The" is left to the rule of
# abbreviations). The boundary begins after the mark; the pattern opens on the mark itself so that the
# scan skips to the next mark instead of trying a lookbehind at every character.
_BOUNDARY = re.compile(r"[.!?](?:[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class SentenceWording:
    abbreviations: frozenset[str]
    titles_before_names: frozenset[str]
    opener: re.Pattern
    list_marker: re.Pattern


@cache
def wording() -> SentenceWording:
    """data/sentences.json, compiled once."""
    data = json.loads(resources.files("readouts.data").joinpath("sentences.json").read_text("utf-8"))
    return SentenceWording(
        abbreviations=frozenset(data["abbreviations"]),
        titles_before_names=frozenset(data["titles_before_names"]),
        opener=re.compile(r"(?:" + "|".join(map(re.escape, data["openers"])) + r")\b"),
        list_marker=re.compile(data["list_marker"]),
    )


def _last_word(text: str) -> str:
    """The word before a boundary, lowercased, without its final period or opening quotes; of a
    hyphenated compound, its last part ("ROK-U.S." -> "u.s")."""
    word = text.rstrip("\"'”’)").rsplit(" ", 1)[-1].rstrip(".").lstrip("([\"'“‘").lower()
    return word.rsplit("-", 1)[-1]


def sentence_bounds(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, offsets into `paragraph`, without a leading
    list mark or surrounding spaces; in order, not overlapping."""
    w = wording()
    marker = w.list_marker.match(paragraph)
    start = marker.end() if marker else 0
    bounds: list[tuple[int, int]] = []
    for match in _BOUNDARY.finditer(paragraph, start):
        boundary = match.start() + 1  # after the closing mark
        # Only the word before the boundary matters: a bounded look-back keeps a paragraph of
        # abbreviations ("Mr. Mr. Mr. ...") linear instead of copying the growing sentence each time.
        last = _last_word(paragraph[max(start, boundary - _LOOK_BACK):boundary])
        if last in w.abbreviations or (len(last) == 1 and "a" <= last <= "z"):
            # "U.S. Deputy ..." or an initial "J. Smith": not a boundary, unless a common sentence
            # opener follows an abbreviation that can end a clause.
            if not w.opener.match(paragraph, match.end()) or last in w.titles_before_names:
                continue
        # the sentence keeps its closing mark (a glued boundary is empty: it ends right there)
        bounds.append(_stripped(paragraph, start, boundary + (match.end() > boundary)))
        start = match.end()
    if paragraph[start:].strip():
        bounds.append(_stripped(paragraph, start, len(paragraph)))
    return [(a, b) for a, b in bounds if b > a]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """start and end moved inward past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_bounds(paragraph)]


def paragraph_spans(text: str) -> list[Span]:
    """The paragraphs of a clean text (separated by blank lines), with their offsets."""
    spans, start = [], 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        a, b = _stripped(text, start, end)
        if b > a:
            spans.append(Span(a, b, text[a:b], TEXT))
        start = m.end() if m else end
    return spans


def list_leads(paragraphs: list[str], sentences: list[int]) -> dict[int, int]:
    """Paragraph index of each list item -> that of the paragraph introducing its list, which ends
    with a colon ("During the visit, the Deputy Secretary:"; an HTML list's items reach the clean
    text as paragraphs marked "- "). A list whose first item bears a list mark runs while its items
    do; one printed without marks runs while its items are one sentence each (`sentences`: how
    many each paragraph holds)."""
    marker = wording().list_marker
    leads: dict[int, int] = {}
    lead, marked = None, False
    for n, paragraph in enumerate(paragraphs):
        is_marked = marker.match(paragraph) is not None
        if lead is not None and n == lead + 1:
            marked = is_marked
        if lead is not None and (is_marked if marked else not is_marked and sentences[n] == 1):
            leads[n] = lead
        else:
            lead = None
        if paragraph.rstrip().endswith(":"):
            lead = n
    return leads


def add_sentences(doc: Document) -> None:
    """Step `sentences`: doc.paragraphs and doc.sentences, every paragraph's sentences in order, and
    doc.list_leads, the paragraph that introduces each list item's list."""
    doc.paragraphs = paragraph_spans(doc.clean.text)
    for n, paragraph in enumerate(doc.paragraphs):
        for a, b in sentence_bounds(paragraph.text):
            doc.sentences.append(Sentence(len(doc.sentences), paragraph.start + a, paragraph.start + b,
                                          paragraph.text[a:b], n))
    counts = [0] * len(doc.paragraphs)
    for sentence in doc.sentences:
        counts[sentence.paragraph] += 1
    doc.list_leads = list_leads([p.text for p in doc.paragraphs], counts)
