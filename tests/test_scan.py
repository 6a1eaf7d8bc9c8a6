"""The gated scans give exactly the matches of the patterns they gate."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import raw_files
from readouts import gazetteer
from readouts.extract import dates, events, statements, topics
from readouts.scan import SPACE, SPACE_RUN, WORD_EDGE, GatedPattern, aligned_lower, literal_prefixes, required_literals


def spans(found) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in found]


def test_literal_prefixes_of_a_pattern_are_the_texts_its_matches_begin_with():
    assert literal_prefixes(r"denucleari[sz]\w*") == {"denuclearis", "denucleariz"}
    assert literal_prefixes(r"\b(?:met|meets?)\s+with") == {
        WORD_EDGE + "met" + SPACE_RUN + "with", WORD_EDGE + "meet" + SPACE_RUN + "with", WORD_EDGE + "meets" + SPACE_RUN + "with"}
    assert literal_prefixes(r"(?:the )?Japan") == {"the Japan", "Japan"}
    assert literal_prefixes(r"(?:ab)*c") == {"ab", "c"}  # a repeated part ends the literal text
    assert literal_prefixes(r"on\s+the\sday") == {"on" + SPACE_RUN + "the" + SPACE + "day"}
    assert literal_prefixes(r"(?<![\w-])ICBMs?") == {"ICBM", "ICBMs"}


def test_required_literals_are_the_texts_one_of_which_every_match_holds():
    assert required_literals(r"(?P<which>last|next|this)\s+week\b") == ["week"]
    assert required_literals(r"(?:\bbrought\s+together\b)|(?:\battended\s+by\b)") == ["attended", "together"]
    assert required_literals(r"Peace Regime|(?:co-)?chairs? the dialogue", re.I) == [" the dialogue", "peace regime"]
    assert required_literals(r"(?:ab)+cdx") == ["cdx"]  # a part matched at least once counts
    assert required_literals(r"(?=week)\w+|days") is None  # a lookahead's text is not the match's
    assert required_literals(r"(?:ab)?c|weekly") is None  # one branch holds no literal long enough
    assert required_literals(r"(?i:week)s?") is None  # a group with its own flags is not looked into


def test_a_text_without_the_required_literals_is_not_scanned():
    pattern = GatedPattern(r"(?:last|next|this)\s+week\b", re.I)
    assert pattern.required == ("week",)
    assert pattern.search("Last month and next month") is None
    assert pattern.search("next WEEK").group() == "next WEEK"
    odd = GatedPattern(r"next\s+session", re.I)  # ſ matches s only case-insensitively: no look-up in such a text
    assert odd.required == ("session",) and odd.search("next ſeſſion").group() == "next ſeſſion"


@pytest.mark.parametrize("pattern", [r"\w+ing", r"(?:the )?\d+", r"[A-Z][a-z]+ said", r"(?i:met) with", r"x*"])
def test_a_pattern_that_can_begin_with_anything_has_no_gate(pattern):
    assert GatedPattern(pattern).gate is None


def test_a_gate_keeps_the_word_edges_and_the_opening_lookbehind():
    assert GatedPattern(r"(?:\bfollowing\b)|(?:after\s+the\b)", re.I).gate.pattern == r"(?:(?a:\b)(?:following)|after\s+the)"
    assert GatedPattern(r"(?<![\w-])(?:ab|cd)").gate.pattern == r"(?a:(?<![\w-]))(?:(?:ab|cd))"
    assert GatedPattern(r"after\s+the").gate.pattern == r"(?:after\s+the)"


def test_a_gate_tests_in_ascii_only_the_edges_and_lookbehinds_that_keep_every_place():
    # before a prefix opening on a non-ASCII letter, or behind a class of spaces, Unicode is kept
    assert GatedPattern("\\b(?:\u00e9t\u00e9|met)").gate.pattern == "(?:\\b(?:(?:met|\u00e9t\u00e9)))"
    assert GatedPattern(r"(?<![\s])(?:ab|cd)").gate.pattern == r"(?<![\s])(?:(?:ab|cd))"
    text = "\u00e9met met, \u2018talks\u2019 \u03a9talks _talks 2talks; \u00e9ab ab -cd \u00e9t\u00e9 \u00c9T\u00c9"
    for pattern in (GatedPattern(r"\b(?:met|talks)\b", re.I), GatedPattern(r"(?<![\w-])(?:ab|cd)"),
                    GatedPattern("\\b(?:\u00e9t\u00e9|met)", re.I)):
        assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))


def test_a_gated_search_finds_what_the_pattern_finds():
    pattern = GatedPattern(r"(?<![\w-])(?:(?P<a>nuclear (?:tests?|weapons))|(?P<b>nuclear|missiles?))(?![\w-])", re.I)
    text = "Nuclear-free? No: NUCLEAR weapons, nuclear tests and missile launches; thermonuclear missiles."
    assert pattern.gate is not None
    assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))
    assert pattern.search(text, 30).start() == pattern.pattern.search(text, 30).start()
    assert pattern.search(text, 0, 10) is None


def test_texts_whose_lowercase_shifts_offsets_are_searched_without_the_gate():
    pattern = GatedPattern("istanbul", re.I)
    for text in ("İstanbul", "ıstanbul", "in İstanbul and ıstanbul"):  # İ lowercases to two characters
        assert aligned_lower(text) is None
        assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))


def test_blanked_keeps_every_offset():
    pattern = GatedPattern(r"\bstrategic dialogue\b", re.I)
    text = "Strategic Dialogue on the strategic dialogue."
    assert pattern.blanked(text) == " " * 18 + " on the " + " " * 18 + "."


def lexicon_patterns() -> list[GatedPattern]:
    p = events.patterns()
    return [topics.lexicon().combined, topics.lexicon().unless, statements.lexicon().any_rule, p.any_type,
            p.background, p.predicate_blockers, p.planned, p.gathering, p.joint, dates.lexicon().month_day,
            dates.lexicon().relative_week, gazetteer._country_regex(False), gazetteer._country_regex(True),
            *dict(p.types).values()]


def test_every_lexicon_is_gated():
    assert all(pattern.gate is not None for pattern in lexicon_patterns())


def test_the_lexicons_match_alike_gated_or_not_on_the_corpus():
    texts = [path.read_text(encoding="utf-8") for corpus in ("seeds", "dev") for path in raw_files(corpus)]
    for pattern in lexicon_patterns():
        for text in texts:
            assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text)), pattern.pattern.pattern[:60]


LEXICON_WORDS = ["met", "Met with", "talks", "nuclear", "missile", "DENUCLEARIZATION", "condemned", "visit", "Dec.",
                 "call", "phone", "the", "-", "İ", "ſ", ",", " ", "\n", "ROK-U.S.", "sanctions", "monitoring",
                 "next", "WEEK", "brought", "together", "agreed", "Dialogue", "U.S.", "Japan's", "Korean", "DPRK"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LEXICON_WORDS), st.text(max_size=4)), max_size=30))
def test_the_lexicons_match_alike_gated_or_not_on_any_text(words):
    text = " ".join(words)
    for pattern in lexicon_patterns():
        assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))


def test_a_rule_is_tried_only_where_its_literal_start_stands():
    rule = next(r for r in statements.lexicon().rules if r.pattern.match("condemned"))
    assert rule.starts is not None
    assert rule.may_match_at(aligned_lower("They CONDEMNED it"), 5)
    assert not rule.may_match_at(aligned_lower("They welcomed it"), 5)
    assert rule.may_match_at(None, 5)  # a text that cannot be lowered in place: always tried


def test_starts_are_every_place_a_match_begins_overlaps_included():
    pattern = GatedPattern(r"\b(?:nuclear(?: and missile)?|missile)", re.I)
    text = "Nuclear and missile tests; a missile."
    assert pattern.starts(text) == [0, 12, 29]
    assert pattern.match(text, 12).group() == "missile"
