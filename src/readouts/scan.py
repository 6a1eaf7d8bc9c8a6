"""Fast scans for the large alternations of the lexicons (topics, actions, event types, offices).

Python's regex engine tries every branch of an alternation at every position of the text, and a
case-insensitive branch cannot be rejected by its first character. A lexicon of a few hundred
phrases therefore costs a few hundred tries per character. Here each pattern gets a *gate*: a
character trie of the literal text its branches begin with ("denucleari" for "denucleari[sz]\\w*").
The gate finds the few places where a branch can begin in one pass; the full pattern is tried
only there. Results are those of the pattern alone: the gate only skips places where no branch
can match. A pattern with a branch that begins with no literal text gets no gate.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import regex_cache

try:  # the parser behind re.compile (Python 3.11+); without it patterns simply go ungated
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python implementations
    _sre = _sre_parse = None

MAX_PREFIX = 12  # characters of literal prefix kept: enough to be selective, small enough a trie
MAX_CLASS = 4  # a character class of at most this many characters ("[sz]") is spelled out
MAX_PREFIXES = 20_000  # spelled-out prefixes of one pattern beyond which it goes ungated
MIN_REQUIRED = 3  # characters of the shortest literal worth a look-up before the gate's scan
MAX_REQUIRED = 8  # literals a pattern may need one of: beyond this the look-ups cost as much as the gate
WORD_EDGE = "\x00"  # opens a prefix that a \b stands before ("\bmet" -> WORD_EDGE + "met")
SPACE = "\x01"  # stands for \s in a prefix ("after\s+the" -> "after" + SPACE_RUN + "the")
SPACE_RUN = "\x02"  # stands for \s+
_RENDERED = {SPACE: r"\s", SPACE_RUN: r"\s+"}
_SPACE_CLASS = [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_SPACE)])] if _sre else []


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of the words, built as a character trie so that matching costs one
    pass per position instead of one try per word; longer words are preferred."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [(_RENDERED.get(char) or re.escape(char)) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie)


def literal_prefixes(pattern: str, flags: int = 0) -> set[str] | None:
    """The literal texts every match of the pattern begins with (one of them), or None when some
    match can begin with something else (a class, a wildcard, an optional part)."""
    parsed = _parsed(pattern, flags)
    found = _sequence_prefixes(parsed) if parsed is not None else None
    if found is None:
        return None
    prefixes = {text for text, _ in found}
    return None if prefixes & {"", WORD_EDGE} or len(prefixes) > MAX_PREFIXES else prefixes


def lowercase_starts(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The literal texts, lowercased, that every match begins with (word edges dropped): for
    str.startswith over aligned_lower(text). None when a match can begin with anything."""
    starts = regex_cache.remembered("starts", f"{int(pattern.flags)}\x00{pattern.pattern}",
                                    lambda: _lowercase_starts(pattern))
    return tuple(starts) if starts is not None else None


def _lowercase_starts(pattern: re.Pattern[str]) -> list[str] | None:
    prefixes = literal_prefixes(pattern.pattern, pattern.flags)
    if not prefixes:
        return None
    starts = {re.split(f"[{SPACE}{SPACE_RUN}]", p.removeprefix(WORD_EDGE))[0].lower() for p in prefixes}
    return None if "" in starts else sorted(starts)


def required_literals(pattern: str, flags: int = 0) -> list[str] | None:
    """Literal texts one of which every match of the pattern contains (lowercase for a
    case-insensitive pattern), at most MAX_REQUIRED, each at least MIN_REQUIRED characters of
    ASCII; None when the pattern has no such set ("week" for "(?:last|next|this)\\s+week\\b").
    A text holding none of them cannot match: `in` looks them up for far less than a scan."""
    parsed = _parsed(pattern, flags)
    found = _sequence_required(parsed) if parsed is not None else None
    if found is None:
        return None
    return sorted(text.lower() for text in found) if flags & re.IGNORECASE else sorted(found)


def _parsed(pattern: str, flags: int) -> list | None:
    """The items of the parsed pattern, None when it cannot be parsed here."""
    if _sre_parse is None:
        return None
    try:
        return list(_sre_parse.parse(pattern, flags))
    except (re.error, RecursionError):
        return None


def _sequence_required(items: list) -> set[str] | None:
    """The best set of literals one of which a match of the sequence contains: each run of
    literal characters, and the set of each group or alternation, is one choice; the best has
    the longest shortest literal, then the fewest."""
    choices: list[set[str]] = []
    run = ""
    for op, arg in items + [(None, None)]:  # a sentinel closes the last run
        if op == _sre.LITERAL and chr(arg).isascii():
            run += chr(arg)
            continue
        if len(run) >= MIN_REQUIRED:
            choices.append({run})
        run = ""
        found = _item_required(op, arg) if op is not None else None
        if found is not None:
            choices.append(found)
    return max(choices, key=lambda found: (min(map(len, found)), -len(found)), default=None)


def _item_required(op, arg) -> set[str] | None:
    """The literals one of which a match of one parsed item contains, None if not known."""
    if op == _sre.SUBPATTERN:
        _, add_flags, del_flags, body = arg
        return None if add_flags or del_flags else _sequence_required(list(body))
    if op == _sre.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence_required(list(branch))
            if found is None:
                return None
            union |= found
        return union if len(union) <= MAX_REQUIRED else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _sequence_required(list(arg[2]))  # matched at least once
    return None


# A prefix is (text, open): open while every item so far was literal, so that the next can extend it.
_Prefixes = set[tuple[str, bool]]


def _sequence_prefixes(items: list) -> _Prefixes | None:
    prefixes: _Prefixes = {("", True)}
    for op, arg in items:
        if not any(is_open for _, is_open in prefixes):
            break
        if op == _sre.AT and arg == _sre.AT_BOUNDARY:  # kept in the gate: fewer false places
            prefixes = {(WORD_EDGE if text == "" else text, is_open) for text, is_open in prefixes}
            continue
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the match still begins with what follows
        step = _item_prefixes(op, arg)
        if step is None:  # not literal: open prefixes end here
            prefixes = {(text, False) for text, _ in prefixes}
            continue
        extended: _Prefixes = set()
        for text, is_open in prefixes:
            if not is_open:
                extended.add((text, False))
                continue
            for more, more_open in step:
                joined = text + more
                extended.add((joined[:MAX_PREFIX], more_open and len(joined) < MAX_PREFIX))
        if len(extended) > MAX_PREFIXES:
            return None
        prefixes = extended
    return prefixes


def _item_prefixes(op, arg) -> _Prefixes | None:
    """The literal beginnings of one parsed item, None if it begins with no literal text."""
    if op == _sre.LITERAL:
        return {(chr(arg), True)}
    if op == _sre.IN:
        if arg == _SPACE_CLASS[0][1]:
            return {(SPACE, True)}
        chars = [chr(a) for o, a in arg if o == _sre.LITERAL]
        if len(chars) == len(arg) and len(chars) <= MAX_CLASS:
            return {(c, True) for c in chars}
        return None
    if op == _sre.SUBPATTERN:
        _, add_flags, del_flags, body = arg
        if add_flags or del_flags:  # "(?i:...)": the gate would not share the group's flags
            return None
        return _sequence_prefixes(list(body))
    if op == _sre.BRANCH:
        union: _Prefixes = set()
        for branch in arg[1]:
            found = _sequence_prefixes(list(branch))
            if found is None:
                return None
            union |= found
        return union
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        if list(body) == _SPACE_CLASS and low >= 1:  # \s+ (any run of spaces, in the gate too)
            return {(SPACE_RUN, True)}
        found = _sequence_prefixes(list(body))  # the first repetition begins what it matches
        if found is None:
            return None
        if high != 1:  # repeated: what comes after the first repetition is not known
            found = {(text, False) for text, _ in found}
        return found | {("", True)} if low == 0 else found  # optional: or what follows begins
    return None


# Characters that re.IGNORECASE matches to an ASCII letter other than their str.lower(): a text
# holding one is searched without the gate.
_ODD_CASE = re.compile("[\u0130\u0131\u017f]")  # İ, ı, ſ


_last_lowered: tuple[str, str | None] = ("", "")  # the last text lowered: the lexicons scan it in turn


def aligned_lower(text: str) -> str | None:
    """text.lower() when it keeps every offset and agrees with re.IGNORECASE; else None."""
    global _last_lowered
    last = _last_lowered  # one read: another thread may replace it
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    aligned = lowered if len(lowered) == len(text) and not _ODD_CASE.search(text) else None
    _last_lowered = (text, aligned)
    return aligned


# A lookbehind on one character class that a pattern opens with, as written ("(?<![\w-])").
_LEADING_LOOKBEHIND = re.compile(r"\(\?<!\[(?P<chars>[^\]()]*)\]\)")
_WORD_OR_LITERALS = re.compile(r"(?:\\w|[^\\^])*")  # a class of \w and literal characters only
# The gate's word edge, tested on ASCII: Python's \b asks the Unicode database about both neighbours
# of every place it tries, at several times the cost. Before a prefix that opens on an ASCII word
# character, an ASCII edge stands wherever a Unicode one does (a Unicode word character before it
# is either an ASCII one, an edge for neither, or not one in ASCII, an edge for ASCII alone): the
# gate keeps every place the pattern can match at, and the pattern itself decides.
ASCII_EDGE = r"(?a:\b)"


def _gate_pattern(pattern: str, prefixes: set[str], lowered: bool) -> str:
    """A trie of the prefixes (lowercase for a case-insensitive pattern), those after a \\b behind
    one, and the pattern's opening lookbehind in front: fewer false places to try."""
    if lowered:
        prefixes = {p.lower() for p in prefixes}
    edged = sorted(p[1:] for p in prefixes if p.startswith(WORD_EDGE))
    bare = sorted(p for p in prefixes if not p.startswith(WORD_EDGE))
    edge = ASCII_EDGE if all(_is_ascii_word(p[:1]) for p in edged) else r"\b"
    parts = ([edge + "(?:" + trie_pattern(edged) + ")"] if edged else []) + ([trie_pattern(bare)] if bare else [])
    lookbehind = _LEADING_LOOKBEHIND.match(pattern)
    opening = lookbehind.group() if lookbehind else ""
    if lookbehind and _WORD_OR_LITERALS.fullmatch(lookbehind["chars"]):
        opening = f"(?a:{opening})"  # not preceded by a word character in ASCII: wherever not in Unicode
    return opening + "(?:" + "|".join(parts) + ")"


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


class GatedPattern:
    """A compiled pattern searched through its gate; search and finditer give the results of the
    pattern's own search and finditer. A case-insensitive pattern's gate is case-sensitive over
    the lowercased text: a trie of lowercase literals is rejected one character at a time, where
    case-insensitive branches would each be entered. Before the gate, a pattern whose every match
    holds one of a few literals (required_literals) looks them up in the text: most sentences
    hold none of the rarer phrases, and are done with without a scan."""

    def __init__(self, pattern: str | re.Pattern[str], flags: int = 0) -> None:
        self.pattern = pattern if isinstance(pattern, re.Pattern) else regex_cache.compile(pattern, flags)
        self.lowered = bool(self.pattern.flags & re.IGNORECASE)
        key = f"{int(self.pattern.flags)}\x00{self.pattern.pattern}"
        gate = regex_cache.remembered("gate", key, self._gate)
        self.gate = regex_cache.compile(gate) if gate is not None else None
        # most sentences hold none of these: they are done with at once, without the gate's scan
        required = regex_cache.remembered("required", key, lambda: required_literals(self.pattern.pattern, self.pattern.flags))
        self.required = tuple(required) if required is not None else None

    def _gate(self) -> str | None:
        prefixes = literal_prefixes(self.pattern.pattern, self.pattern.flags)
        return _gate_pattern(self.pattern.pattern, prefixes, self.lowered) if prefixes else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        # called tens of times per sentence: written for speed
        end = len(text) if endpos is None else endpos
        gate = self.gate
        gated = text if not self.lowered else aligned_lower(text)
        if self.required is not None and gated is not None:
            for literal in self.required:  # a loop: any() over a generator costs more than the look-ups
                if literal in gated:
                    break
            else:
                return None
        if gate is None or gated is None:
            return self.pattern.search(text, pos, end)
        match = self.pattern.match
        while (candidate := gate.search(gated, pos, end)) is not None:
            pos = candidate.start()
            if (found := match(text, pos, end)) is not None:
                return found
            pos += 1
        return None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def starts(self, text: str) -> list[int]:
        """Every place where a match begins, overlapping ones included."""
        found, pos = [], 0
        while (m := self.search(text, pos)) is not None:
            found.append(m.start())
            pos = m.start() + 1
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while pos <= len(text) and (found := self.search(text, pos)) is not None:
            yield found
            pos = found.end() if found.end() > found.start() else found.end() + 1

    def blanked(self, text: str) -> str:
        """The text with every match replaced by as many spaces (offsets stay valid)."""
        parts, last = [], 0
        for found in self.finditer(text):
            parts += [text[last:found.start()], " " * (found.end() - found.start())]
            last = found.end()
        return "".join(parts) + text[last:] if parts else text
