"""Sentence splitting tuned to the genre: abbreviations like "U.S.", "Amb.", "Dec." do not end sentences."""
from __future__ import annotations

import re

# Tokens ending in a period that do not end a sentence when followed by more text.
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "r.o.k", "d.c", "e.u", "amb", "dr", "mr", "mrs", "ms", "h.e", "gen", "lt", "col",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "st",
    "vs", "etc", "i.e", "e.g", "a.m", "p.m", "jr", "sr", "prof", "rep", "sen", "gov", "adm", "capt",
}
_LOOK_BACK = 64  # characters before a boundary that hold its last word (abbreviations are short)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_SENTENCE_OPENER = re.compile(r"(?:The|They|He|She|It|In|On|During|Both|Furthermore|Additionally)\b")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[o°•·\-*]|[ivx]+\.)\s+")


def strip_list_marker(paragraph: str) -> str:
    """'1. On the afternoon ...' -> 'On the afternoon ...'."""
    return _LIST_MARK.sub("", paragraph, count=1)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences."""
    text = " ".join(strip_list_marker(paragraph).split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        # Only the word before the boundary matters: a bounded look-back keeps a paragraph of
        # abbreviations ("Mr. Mr. Mr. ...") linear instead of copying the growing sentence each time.
        before = text[max(start, match.start() - _LOOK_BACK):match.start()].rstrip("\"'”’)")
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lstrip("([\"'“‘").lower()
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and "a" <= last_word <= "z"):
            # "U.S. Deputy ..." or an initial "J. Smith": not a boundary, unless a common
            # sentence opener follows an abbreviation at the end of a clause.
            nxt = text[match.end():match.end() + 12]
            if not _SENTENCE_OPENER.match(nxt) \
                    or last_word in {"amb", "dr", "mr", "mrs", "ms", "h.e", "gen", "prof"}:
                continue
        sentences.append(text[start:match.start() + 1].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
