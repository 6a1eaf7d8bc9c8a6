"""The one date reader: datelines, stamps and dates in running text, resolved against a reference
(publication) date.

The genre is news and press releases: they report the recent past and announce the near future.
A date printed without its year ("Dec. 11", "the 24th", "Wednesday") is read as the occurrence
nearest the reference that the clause's tense allows: the cue nearest the mention ("will",
"is scheduled to" against "said", "met", "-ed") decides between past and future; with no cue the
date may lie at most about two months after the reference. A numeric date whose day and month
could be swapped (03/04/2021) is read by one rule wherever it is printed (choose_reading). Standard
library only; the wording (month and weekday names, relative phrases, tense cues, the language's
numeric order) lives in data/lang/<code>.json, the settings no language changes in data/dates.json.
clean.py finds where a page prints its dateline and reads it here.

API:
  find_dates(sentence, reference, reference_inferred=False, date_order=None) -> list[DateMention]
  choose_reading(readings, page_order, scores, convention): the one rule for day/month order
  printed_date(text) -> DateMention | None: the full date a dateline or stamp begins with
  on_weekday(mention, weekday) / weekday_ending(text): an ambiguous numeric date settled by its printed weekday
  page_dates(text, also) / settle_numeric(mention, evidence, convention): the page's evidence, the order rule
  year_near(month, day, anchors) -> int | None: the year of a news dateline printed without one
  infer_year(month, day, weekday=None, candidate_years) -> int | None
  resolve_relative_year_phrase(text, reference) -> int | None
  year_for_month_day / year_for_month / month_for_day / date_for_weekday: the calendar rules, pure
"""
from __future__ import annotations

import bisect
import calendar
import json
import os
import re
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources

from ..scan import GatedPattern
from ..types import Document, ReadoutsError, Sentence, Span

# A date without its year, read with no tense cue, may lie this far after the reference:
# releases announce engagements a few weeks ahead.
_UNKNOWN_TENSE_AHEAD = timedelta(days=62)
_UNKNOWN_TENSE_AHEAD_MONTHS = 2
# Tolerance for a reference that is a day or so off the event (time zones, crawler dates).
_SLACK = timedelta(days=7)
_DAY_SLACK = 3
PAST, FUTURE, UNKNOWN = "past", "future", "unknown"  # the tense of the clause a date is read in


class DateLexiconError(ReadoutsError):
    """data/dates.json or a data/lang/ file is missing or malformed."""


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO YYYY-MM-DD or YYYY-MM, None when it cannot be resolved
    inferred: bool  # True when the year (or more) did not come from the text itself
    relative: bool = False  # "today", "Wednesday", "the 24th": resolved from the reference
    year: int | None = None  # the parts read or resolved, so a later step can infer what is missing
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0, as date.weekday()
    end_value: str | None = None  # last day of a range: "from February 21 to 22"
    # A numeric date: the order it is written in, when a part above 12 shows it ("MDY" or "DMY");
    # and while day and month could be swapped (08/07/2024, value None), each reading: (order, ISO day).
    order: str | None = None
    readings: tuple[tuple[str, str], ...] = ()
    span: Span | None = None  # where, on the page (set by dates_of)


@dataclass(frozen=True)
class DateLexicon:
    """The compiled wording of data/lang/<code>.json.

    Speed: a pattern starts with a required literal (a month name, a digit) so that a gate (see
    scan.GatedPattern) finds the few places worth trying; word boundaries before it are checked
    in code, and optional words before it ("in mid-", "Tuesday,", "last") are read by the *_before
    patterns on a short slice before the match, anchored at its end. Case-insensitive wording is
    matched on the ASCII-lower-cased sentence (same length, so offsets hold) rather than with re.I,
    which defeats that skipping.
    """

    months: dict[str, int]  # lower-case name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lower-case name or abbreviation -> 0..6
    relative_days: dict[str, int]  # lower-case phrase, single-spaced -> offset in days
    relative_day_gates: tuple[str, ...]
    future_cues: dict[str, list[tuple[frozenset[str], ...]]]  # first word -> the slots that must follow
    future_suffixes: tuple[str, ...]
    past_verbs: frozenset[str]
    attribution_verbs: frozenset[str]  # "said": past, but of the report, not of what it reports
    past_suffix: str
    offsets: dict[str, int]  # "this", "next", "last" -> 0, 1, -1
    period_names: dict[str, str]  # "week", "month", "year" -> the language's word
    past_modifiers: frozenset[str]  # "last" Friday
    future_modifiers: frozenset[str]  # "next" Friday
    placing_modifiers: frozenset[str]  # "this" Friday (next week): the week a sentence names places it
    weekday_gate: str  # the ending every weekday name shares ("day"): a sentence without it names none
    date_order: str | None  # the language's way of writing numeric dates (DMY, MDY), None if it has none
    month_names: str  # an alternation of the month names and abbreviations, as printed
    weekday_names: str
    evidence_window: tuple[int, int]  # data/dates.json "evidence_window_days"
    news_year_window: int
    iso: GatedPattern
    marked: re.Pattern | None  # year, month and day each followed by its marker: "2024년 7월 23일"
    numeric: re.Pattern
    month_name: GatedPattern
    month_day: GatedPattern
    day_month: re.Pattern
    month_only: GatedPattern
    month_cue_before: re.Pattern
    weekday_before: re.Pattern
    day_ordinal: GatedPattern
    weekday: GatedPattern
    weekday_modifier_before: re.Pattern
    relative_day: GatedPattern
    relative_month: GatedPattern
    relative_week: GatedPattern
    relative_year: GatedPattern
    period_modifier_before: re.Pattern  # "later" this month, "the end of" next month
    duration_before: re.Pattern  # "the" next week, "past" month: spans of time, not dates


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that "September" wins over "Sept" and "Sep"; spaces match any whitespace. The
    same words give the same pattern in every process (see regex_cache)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _cased(words: Iterable[str]) -> list[str]:
    """Capitalised and upper-case spellings: lower-case "march" or "may" are no dates."""
    return [form for w in words for form in (w, w.upper())]


def _word_sequences(cues: list[str]) -> dict[str, list[tuple[frozenset[str], ...]]]:
    """"is|are scheduled to" -> {"is": [({"scheduled"}, {"to"})], "are": [...]}."""
    table: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for cue in cues:
        first, *rest = [frozenset(slot.split("|")) for slot in cue.split()]
        for word in first:
            table.setdefault(word, []).append(tuple(rest))
    return table


def _names(table: list) -> list[str]:
    return [name for full, abbrevs in table for name in [full, *abbrevs]]


@dataclass(frozen=True)
class _Words:
    """The pieces of pattern made of a language's words that several date patterns share."""

    ordinal: str  # "(?:st|nd|rd|th)"
    dash: str  # what joins the days of a range: a dash or a range word
    relative: str  # "this", "next", "last", any case
    pertain: str  # "of", any case
    year: str  # the years a full date may print (data/dates.json "years")
    year_word: str  # "year", any case

    @property
    def day(self) -> str:
        return rf"(?P<day>\d{{1,2}}){self.ordinal}?\b(?![:.,]\d)"  # "11:30", "1.5" and "1,200" are no days

    @property
    def day_range(self) -> str:
        return rf"(?:\s*{self.dash}\s*(?P<day2>\d{{1,2}}){self.ordinal}?\b(?![:.,]\d))?+"

    @property
    def year_tail(self) -> str:
        """What may follow a month or a day: ", 2023", " of 2023", " of this year"."""
        return (rf"(?:,?\s*(?:{self.pertain}\s+)?(?P<year>{self.year})\b(?![:.,]\d)"
                rf"|\s+(?:{self.pertain}\s+)?(?P<rel>{self.relative})\s+{self.year_word}\b)?")


def _any_case(words: Iterable[str]) -> str:
    """A case-insensitive group of the words' alternation."""
    return f"(?i:{_alternation(words)})"


def _words(data: dict, year: str) -> _Words:
    """The shared pieces from a language's wording (data/lang/<code>.json) and the years' pattern."""
    return _Words(ordinal=f"(?:{_alternation(data['ordinal_suffixes'])})",
                  dash=f"(?:-|–|—|{_any_case(data['range_words'])})", relative=_any_case(data["relative_periods"]),
                  pertain=_any_case(data["pertain"]), year=year, year_word=_any_case([data["period_names"]["year"]]))


def _common_suffix(words: Iterable[str]) -> str:
    """The longest ending all the words share: "day" for the English weekdays; "" if none."""
    return os.path.commonprefix([w[::-1] for w in words])[::-1]


def _digit_range(low: int, high: int) -> str:
    """The digits low..high as a pattern: "7", "[0-4]", "\\d"."""
    if low == high:
        return str(low)
    return r"\d" if (low, high) == (0, 9) else f"[{low}-{high}]"


def _two_digit_ranges(low: int, high: int) -> list[str]:
    """Patterns for the numbers low..high (0 <= low <= high <= 99) written with two digits:
    the partial decade at each end, the whole decades between."""
    if low // 10 == high // 10:
        return [f"{low // 10}{_digit_range(low % 10, high % 10)}"]
    head = [f"{low // 10}{_digit_range(low % 10, 9)}"] if low % 10 else []
    tail = [f"{high // 10}{_digit_range(0, high % 10)}"] if high % 10 != 9 else []
    first_whole, last_whole = -(-low // 10), (high + 1) // 10 - 1
    whole = [rf"{_digit_range(first_whole, last_whole)}\d"] if first_whole <= last_whole else []
    return head + whole + tail


def year_alternation(first: int, last: int) -> str:
    """A pattern, without groups, for the four-digit years first..last: (1980, 2049) ->
    (?:19[8-9]\\d|20[0-4]\\d). The window is data (data/dates.json "years"), never the clock."""
    parts = [f"{century}{two}" for century in range(first // 100, last // 100 + 1)
             for two in _two_digit_ranges(max(first, 100 * century) % 100, min(last, 100 * century + 99) % 100)]
    return "(?:" + "|".join(parts) + ")"
_LOOKBACK = 40  # characters before a match that the *_before patterns read
_PUNCTUATION = ".,;:!?\"()[]“”‘’'"


def _marked_date(markers: dict[str, str], year: str) -> str:
    """"2024년 7월 23일": each part followed by its language's marker (data/lang/ko.json "date_markers")."""
    return (rf"(?P<year>{year})\s*{re.escape(markers['year'])}\s*(?P<mon>\d{{1,2}})\s*{re.escape(markers['month'])}"
            rf"\s*(?P<day>\d{{1,2}})\s*{re.escape(markers['day'])}")


def _build(settings: dict, data: dict, markers: list[dict[str, str]]) -> DateLexicon:
    """The lexicon of one language's wording (data), with the settings of data/dates.json and the
    date markers of the languages whose marked dates are read too."""
    year = year_alternation(*settings["years"]["in_dates"])
    w = _words(data, year)
    periods, modifiers = data["period_names"], data["weekday_modifiers"]
    relative = _alternation(data["relative_periods"])  # matched on lower-cased text
    article = "|".join(sorted({form for a in data["ordinal_article"] for form in (a, a.capitalize())}))
    months = {name.lower(): n for n, (full, abbrevs) in enumerate(data["months"], 1) for name in [full, *abbrevs]}
    weekdays = {name.lower(): n for n, (full, abbrevs) in enumerate(data["weekdays"]) for name in [full, *abbrevs]}
    month = rf"(?P<mon>{_alternation(_cased(_names(data['months'])))})\b"
    local_time = rf"(?:\s*(?:{data['local_time']}))?"
    day_phrases = "|".join(
        _alternation([e["phrase"]]) + (r"(?=\s*(?:[,.;:!?)]|$))" if e.get("strict") else r"\b")
        for e in sorted(data["relative_days"], key=lambda e: len(e["phrase"]), reverse=True))
    return DateLexicon(
        months=months,
        weekdays=weekdays,
        relative_days={e["phrase"].lower(): e["offset"] for e in data["relative_days"]},
        relative_day_gates=tuple(data["relative_day_gates"]),
        future_cues=_word_sequences(data["future_cues"]),
        future_suffixes=tuple(data["future_suffixes"]),
        past_verbs=frozenset(data["past_verbs"]),
        attribution_verbs=frozenset(data["attribution_verbs"]),
        past_suffix=data["past_suffix"],
        offsets=dict(data["relative_periods"]),
        period_names=dict(periods),
        past_modifiers=frozenset(modifiers["past"]),
        future_modifiers=frozenset(modifiers["future"]),
        placing_modifiers=frozenset(modifiers["placing"]),
        weekday_gate=_common_suffix(full.lower() for full, _ in data["weekdays"]),
        date_order=data["date_order"],
        month_names=_alternation(_names(data["months"])),
        weekday_names=_alternation(_names(data["weekdays"])),
        evidence_window=tuple(settings["evidence_window_days"]),
        news_year_window=settings["news_year_window_days"],
        marked=re.compile("|".join(f"(?:{_marked_date(m, year)})" for m in markers)) if markers else None,
        iso=GatedPattern(rf"(?P<year>{year})(?P<sep>[-./])\s?(?P<mon>\d{{1,2}})(?P=sep)\s?"
                       r"(?P<day>\d{1,2})(?![\d:])\.?"),
        numeric=re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{year}|\d{{2}})"
                           r"(?![\d/.-]?\d)"),
        month_name=GatedPattern(month),
        month_day=GatedPattern(rf"{month}(?:\.\s*|\s+){w.day}{w.day_range}{local_time}{w.year_tail}"),
        day_month=re.compile(rf"{w.day}{w.day_range}\s+(?:{w.pertain}\s+)?{month}\.?{w.year_tail}"),
        month_only=GatedPattern(rf"{month}\.?(?![-‐]\w)(?!\.?\s*\d{{1,2}}{w.ordinal}?\b){w.year_tail}"),
        month_cue_before=re.compile(rf"(?:(?<!\w)(?P<cue>{_alternation(data['month_cues'])})\s+)?"
                                    rf"(?:(?<!\w)(?P<mod>{_alternation(data['month_modifiers'])})[\s-]+)?$"),
        weekday_before=re.compile(rf"(?<!\w)(?P<wd>{_alternation(_cased(_names(data['weekdays'])))})\.?,?\s+$"),
        day_ordinal=GatedPattern(
            rf"(?:{article})\s+(?P<day>\d{{1,2}}){w.ordinal}\b"
            rf"(?:\s*{w.dash}\s*(?:{_any_case(data['ordinal_article'])}\s+)?(?P<day2>\d{{1,2}}){w.ordinal}\b)?+"
            rf"(?:\s+{w.pertain}\s+(?P<which>{w.relative})\s+{_any_case([periods['month']])}\b"
            rf"|(?=\s*(?:[,.;:!?)(\]\"”’']|$|(?i:{_alternation(data['day_ordinal_followers'])})\b)))"),
        weekday=GatedPattern(rf"(?P<wd>{_alternation(_cased(full for full, _ in data['weekdays']))})\b"),
        weekday_modifier_before=re.compile(
            rf"(?<!\w)(?P<mod>{_alternation(m for kind in modifiers.values() for m in kind)})\s+$"),
        relative_day=GatedPattern(day_phrases),
        relative_month=GatedPattern(rf"(?P<which>{relative})\s+{re.escape(periods['month'])}\b"),
        relative_week=GatedPattern(rf"(?P<which>{relative})\s+{re.escape(periods['week'])}\b"),
        relative_year=GatedPattern(rf"(?P<which>{relative})\s+{re.escape(periods['year'])}\b"),
        period_modifier_before=re.compile(rf"(?<!\w)(?P<mod>{_alternation(data['period_modifiers'])})[\s-]+$"),
        duration_before=re.compile(rf"(?<!\w)(?:{_alternation(data['duration_words'])})\s+$"),
    )


@cache
def _data(name: str = "dates.json") -> dict:
    """A data file of the date reader: data/dates.json, or a language's data/lang/<code>.json."""
    try:
        return json.loads(resources.files("readouts.data").joinpath(name).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DateLexiconError(f"cannot load data/{name}: {exc}") from exc


@cache
def lexicon() -> DateLexicon:
    settings = _data()
    try:
        markers = [_data(f"lang/{code}.json")["date_markers"] for code in settings["marked_dates"]]
        return _build(settings, _data(f"lang/{settings['wording']}.json"), markers)
    except (KeyError, re.error) as exc:
        raise DateLexiconError(f"cannot build the date lexicon from data/dates.json and data/lang/: {exc}") from exc


def latest_date() -> date:
    """The last day of the last year a date may be read in (data/dates.json "years")."""
    return date(_data()["years"]["in_dates"][1], 12, 31)


@cache
def year_standing_alone() -> re.Pattern:
    """A year printed with no month or day beside it ("Davos Forum 2019"), within the window
    data/dates.json gives for such years (not a part of a longer number or a range)."""
    return re.compile(rf"(?<![\d-]){year_alternation(*_data()['years']['standing_alone'])}(?![\d-])")


@cache
def _numbered_sessions() -> tuple[tuple[re.Pattern, int, int], ...]:
    return tuple((re.compile(e["pattern"], re.I), e["first_year"], e["opens_month"])
                 for e in _data()["numbered_sessions"])


def session_year(texts: list[str], month: int) -> int | None:
    """The year of a date in `month` during the numbered session of a recurring body that the texts
    name ("the 72nd session of the UN General Assembly": 2017 from September, 2018 before it),
    from data/dates.json 'numbered_sessions'; None when none is named or two disagree."""
    years = set()
    for pattern, first_year, opens_month in _numbered_sessions():
        for text in texts:
            for m in pattern.finditer(text):
                opened = first_year + int(m["n"]) - 1  # the n-th session opens in this year
                years.add(opened if month >= opens_month else opened + 1)
    return years.pop() if len(years) == 1 else None


# ---------------------------------------------------------------- calendar arithmetic (pure)

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_day(year: int, month: int, day: int) -> bool:
    """Whether year-month-day is a day of the calendar (February 29 only in leap years)."""
    if not (1 <= month <= 12 and 1 <= day):
        return False
    return day <= _MONTH_DAYS[month - 1] or (month == 2 and day == 29 and calendar.isleap(year))


def _iso(year: int, month: int, day: int | None = None) -> str:
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def year_for_month_day(month: int, day: int, reference: date, tense: str, weekday: int | None = None) -> int | None:
    """The year of "Dec. 11" read in a text of `reference`: the occurrence the tense allows nearest it.

    Past: not after the reference (give or take a few days); future: not before it; unknown: at most
    about two months after it. A printed weekday that the chosen year contradicts moves it a year.
    """
    spread = 4 if (month, day) == (2, 29) else 1
    years = [y for y in range(reference.year - spread, reference.year + spread + 1) if valid_day(y, month, day)]
    if tense == FUTURE:
        allowed = [y for y in years if date(y, month, day) >= reference - _SLACK]
        chosen = min(allowed, default=None)
    else:
        limit = reference + (_SLACK if tense == PAST else _UNKNOWN_TENSE_AHEAD)
        chosen = max((y for y in years if date(y, month, day) <= limit), default=None)
    if chosen is None or weekday is None or date(chosen, month, day).weekday() == weekday:
        return chosen
    agreeing = [y for y in years if abs(y - chosen) <= 1 and date(y, month, day).weekday() == weekday]
    return agreeing[0] if agreeing else chosen


def year_for_month(month: int, reference: date, tense: str) -> int:
    """The year of "in March" read in a text of `reference`, by the same rule at month grain."""
    ref_index = reference.year * 12 + reference.month
    if tense == FUTURE:
        return reference.year if month >= reference.month else reference.year + 1
    ahead = 0 if tense == PAST else _UNKNOWN_TENSE_AHEAD_MONTHS
    return next(y for y in (reference.year + 1, reference.year, reference.year - 1)
                if y * 12 + month <= ref_index + ahead)


def month_for_day(day: int, reference: date, tense: str) -> tuple[int, int]:
    """(year, month) of "the 24th": the reference month, or the one before (after, for the future)
    when the day is well past (before) the reference day: "the 28th" in a piece of the 3rd is last month."""
    if tense == FUTURE:
        by = 0 if day >= reference.day - _DAY_SLACK else 1
    else:
        by = 0 if day <= reference.day + _DAY_SLACK else -1
    return _shift_month(reference.year, reference.month, by)


def date_for_weekday(weekday: int, reference: date, tense: str, week: int | None = None,
                     strictly: bool = False) -> date:
    """The day of "Wednesday" read in a text of `reference`.

    week (-1, 0, 1) is the week a "last/this/next week" of the sentence names. Otherwise the past
    reads the most recent such day on or before the reference ("said Thursday" in a Thursday piece
    is that day; strictly: before it, "last Thursday"), the future the next one on or after it (news
    name the day of the piece by its weekday; strictly: after it, "next Thursday").
    """
    if week is not None:
        return reference - timedelta(days=reference.weekday()) + timedelta(days=7 * week + weekday)
    if tense == FUTURE:  # "will meet on Wednesday" in a Wednesday piece is that day; "next Wednesday" is not
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or (7 if strictly else 0))
    back = (reference.weekday() - weekday) % 7
    return reference - timedelta(days=back or (7 if strictly else 0))


def infer_year(month: int, day: int, weekday: int | None = None, candidate_years: Iterable[int] = ()) -> int | None:
    """The most recent candidate year in which month/day exists and falls on `weekday` (if given)."""
    fitting = [y for y in candidate_years if valid_day(y, month, day)
               and (weekday is None or date(y, month, day).weekday() == weekday)]
    return max(fitting, default=None)


def resolve_relative_year_phrase(text: str, reference: date | None) -> int | None:
    """The year that the first "this year", "next year" or "last year" of `text` names, or None."""
    if reference is None:
        return None
    lex, lower = lexicon(), _ascii_lower(text)
    for found in lex.relative_year.finditer(lower):
        if _word_starts(lower, found.start()) and not _before(lex.duration_before, lower, found.start()):
            return reference.year + lex.offsets[found["which"]]
    return None


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _ascii_lower(text: str) -> str:
    """Lower case of the same length as `text`, so that match offsets hold in both."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)  # "İ" lower-cases to two


def _word_starts(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _before(pattern: re.Pattern, text: str, start: int) -> re.Match | None:
    """`pattern` (anchored with $) matched on the text just before `start`."""
    return pattern.search(text, max(0, start - _LOOKBACK), start)


# ---------------------------------------------------------------- reading one sentence

_WORD = re.compile(r"\S+")  # the words of str.split()


class _Sentence:
    """A sentence with its reference date; tense cues are located once, on first need."""

    def __init__(self, text: str, reference: date | None, reference_inferred: bool, lex: DateLexicon) -> None:
        self.text = text
        self.lower = _ascii_lower(text)
        self.reference = reference
        self.reference_inferred = reference_inferred
        self.lex = lex
        self._cues: tuple[list[tuple[int, int]], ...] | None = None
        self._word_starts: list[int] | None = None

    def tense_at(self, start: int, end: int) -> str:
        """The tense of the cue nearest the span, in its clause: future, past or unknown (no cue)."""
        future, past, attribution = self._cues if self._cues is not None else self._find_cues()
        first = self._words_before(start)  # word offsets: the cues are words
        last = max(first + 1, self._words_before(end))
        future_gap, past_gap = _nearest_gap(future, first, last), _nearest_gap(past, first, last)
        # a verb of saying dates the saying when it leads to the date ("said Monday that ..."), not
        # when it follows the report ("will meet on Thursday, said the ministry")
        leading = attribution[:bisect.bisect_right(attribution, (first, first))]
        said_gap = _nearest_gap(leading, first, last)
        if said_gap is not None and (past_gap is None or said_gap < past_gap):
            past_gap = said_gap
        if future_gap is None and past_gap is None:
            return UNKNOWN
        if past_gap is None or (future_gap is not None and future_gap < past_gap):
            return FUTURE
        return PAST

    def _words_before(self, offset: int) -> int:
        """len(self.lower[:offset].split()), by bisection over the word starts found once: a
        sentence of many dates stays linear instead of splitting its prefix for each date."""
        if self._word_starts is None:
            self._word_starts = [m.start() for m in _WORD.finditer(self.lower)]
        return bisect.bisect_left(self._word_starts, offset)

    def _find_cues(self) -> tuple[list[tuple[int, int]], ...]:
        """Word spans of the future, past and attribution ("said") cues of the sentence, read once."""
        lex = self.lex
        words = [w.strip(_PUNCTUATION) for w in self.lower.split()]
        printed = self.text.split()
        future: list[tuple[int, int]] = []
        past: list[tuple[int, int]] = []
        attribution: list[tuple[int, int]] = []
        covered = 0  # words up to here belong to a future cue: "expected" in "was expected to"
        for i, word in enumerate(words):
            if i < covered:
                continue
            length = _cue_length(words, i, lex.future_cues[word]) if word in lex.future_cues else 0
            if length or word.endswith(lex.future_suffixes):
                covered = i + max(length, 1)
                future.append((i, covered))
            elif word in lex.attribution_verbs:
                attribution.append((i, i + 1))
            elif word in lex.past_verbs or (word.endswith(lex.past_suffix) and len(word) > len(lex.past_suffix) + 1
                                            and printed[i].islower()):  # "agreed", not "United"
                past.append((i, i + 1))
        self._cues = future, past, attribution
        return self._cues

    def starts_word(self, start: int) -> bool:
        return _word_starts(self.text, start)

    def starts_number(self, start: int) -> bool:
        """No digit or number punctuation before: "1.5", "3/4" or "11:30" go on, no date starts inside.
        A letter may precede: page text glues labels to dates ("Pres10/29/2021")."""
        return start == 0 or not (self.text[start - 1].isdigit() or self.text[start - 1] in "./:,-")

    def mention(self, start: int, end: int, value: str | None, inferred: bool, **parts) -> DateMention:
        return DateMention(start, end, self.text[start:end], value, inferred, **parts)


def _cue_length(words: list[str], i: int, sequences: list[tuple[frozenset[str], ...]]) -> int:
    """Words of the first cue sequence that follows words[i], counting words[i] itself; 0 if none does."""
    for rest in sequences:
        if all(i + k < len(words) and words[i + k] in slot for k, slot in enumerate(rest, 1)):
            return 1 + len(rest)
    return 0


def _nearest_gap(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Words between [start, end) and the nearest of `spans` (in order, not overlapping), or None:
    0 when one overlaps it. Found by bisection, so that a sentence of many dates and many cues
    stays linear."""
    after = bisect.bisect_left(spans, (end,))  # the first span starting at or after `end`
    gaps = [] if after == len(spans) else [spans[after][0] - end]
    if after:  # the span before it ends last among those that start before `end`
        gaps.append(max(0, start - spans[after - 1][1]))
    return min(gaps, default=None)


def _explicit_day(s: _Sentence, m: re.Match) -> DateMention | None:
    year, month, day = int(m["year"]), int(m["mon"]), int(m["day"])
    if not s.starts_number(m.start()) or not valid_day(year, month, day):
        return None
    return s.mention(m.start(), m.end(), _iso(year, month, day), False, year=year, month=month, day=day)


def numeric_readings(first: int, second: int, year: int) -> dict[str, date]:
    """The possible readings of first/second/year by order: {"MDY": ..., "DMY": ...}, an impossible
    one left out (23/07 has no month 23); {} when neither exists."""
    orders = {"MDY": (first, second), "DMY": (second, first)}
    return {order: date(year, month, day) for order, (month, day) in orders.items() if valid_day(year, month, day)}


def choose_reading(readings: dict[str, date], page_order: str | None, scores: dict[str, float],
                   convention: str | None) -> date | None:
    """The one rule for a numeric date's day/month order, for datelines and running text alike.

    readings: numeric_readings(). One reading, or two that agree (08/08), is the date. Otherwise
    the order the page's other numeric dates are written in (a part above 12 shows it) decides;
    then the reading the page's other dates point to (scores: the highest, alone, above 0); then the
    convention (the publisher's, else the language's, data/lang "date_order"); else None: unresolved.
    """
    if len(set(readings.values())) == 1:
        return next(iter(readings.values()))
    if page_order in readings:
        return readings[page_order]
    best = max(scores.values(), default=0)
    leaders = [order for order in readings if scores.get(order, 0) == best]
    if best > 0 and len(leaders) == 1:
        return readings[leaders[0]]
    return readings.get(convention) if convention else None


def _numeric_day(s: _Sentence, m: re.Match) -> DateMention | None:
    """08/07/2024: both readings kept while day and month could be swapped (find_dates settles them),
    unless a weekday printed before it falls on one of them only ("Monday, 04/03/2024")."""
    raw_year = m["year"]
    if not s.starts_number(m.start()) or (len(raw_year) == 2 and m["sep"] != "/"):
        return None  # "30-12-00" is a time range, "1.2.24" a version
    year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
    readings = numeric_readings(int(m["a"]), int(m["b"]), year)
    if not readings:
        return None
    days = set(readings.values())
    if len(days) > 1:
        mention = s.mention(m.start(), m.end(), None, False, year=year,
                            readings=tuple((order, day.isoformat()) for order, day in readings.items()))
        named_weekday = _before(s.lex.weekday_before, s.text, m.start())
        settled = on_weekday(mention, s.lex.weekdays[named_weekday["wd"].lower()]) if named_weekday else mention
        if settled is mention:
            return mention
        return replace(settled, start=named_weekday.start(), text=s.text[named_weekday.start():m.end()])
    order = next(iter(readings)) if len(readings) == 1 else None  # 08/08/2024 shows no order
    day = days.pop()
    return s.mention(m.start(), m.end(), day.isoformat(), False, year=year, month=day.month, day=day.day, order=order)


def on_weekday(mention: DateMention, weekday: int | None) -> DateMention:
    """An ambiguous numeric date printed with its weekday ("Monday, 04/03/2024"): the one reading that
    falls on that weekday, whose order the page then shows as a part above 12 would; the mention as it
    was when no weekday is given or it fits both readings or neither."""
    fitting = [(order, value) for order, value in mention.readings
               if weekday is not None and date.fromisoformat(value).weekday() == weekday]
    if len(fitting) != 1:
        return mention
    order, value = fitting[0]
    day = date.fromisoformat(value)
    return replace(mention, value=value, month=day.month, day=day.day, weekday=weekday, order=order, readings=())


def weekday_ending(text: str) -> int | None:
    """The weekday `text` ends on ("Monday, ", "Published: Tue "), Monday = 0; None if it ends on none."""
    found = _before(lexicon().weekday_before, text, len(text))
    return lexicon().weekdays[found["wd"].lower()] if found else None


def _named_month_day(s: _Sentence, m: re.Match) -> DateMention | None:
    """"December 11, 2023", "Tuesday, January 23", "11 December", "from February 21 to 22"."""
    start = m.start()
    if not (s.starts_number(start) if m.group()[0].isdigit() else s.starts_word(start)):
        return None
    month, day = s.lex.months[m["mon"].lower()], int(m["day"])
    if not valid_day(2000, month, day):  # a leap year: February 29 exists
        return None
    weekday = None
    named_weekday = _before(s.lex.weekday_before, s.text, start)
    if named_weekday:
        weekday, start = s.lex.weekdays[named_weekday["wd"].lower()], named_weekday.start()
    parts = {"month": month, "day": day, "weekday": weekday}
    if m["year"]:
        year, inferred = int(m["year"]), False
    elif s.reference is None:
        return s.mention(start, m.end(), None, True, **parts)
    elif m["rel"]:
        year, inferred = s.reference.year + s.lex.offsets[m["rel"].lower()], s.reference_inferred
    else:
        year = year_for_month_day(month, day, s.reference, s.tense_at(start, m.end()), weekday)
        inferred = s.reference_inferred
    if year is None or not valid_day(year, month, day):
        return s.mention(start, m.end(), None, True, **parts)
    day2 = int(m["day2"]) if m["day2"] else None
    end_value = _iso(year, month, day2) if day2 and day2 > day and valid_day(year, month, day2) else None
    return s.mention(start, m.end(), _iso(year, month, day), inferred, year=year, end_value=end_value, **parts)


def _month_only(s: _Sentence, m: re.Match) -> DateMention | None:
    """"in March", "in mid-December this year", "March 2024": YYYY-MM."""
    start = m.start()
    if not s.starts_word(start) and s.text[start - 1] not in "-‐":
        return None
    cue = _before(s.lex.month_cue_before, s.lower, start)
    if not (cue["cue"] or cue["mod"] or m["year"] or m["rel"]):
        return None  # a bare "May", "June" or "Jan" is too often a word or a name
    start = cue.start() if cue["cue"] or cue["mod"] else start
    month = s.lex.months[m["mon"].lower()]
    if m["year"]:
        year, inferred = int(m["year"]), False
    elif s.reference is None:
        return s.mention(start, m.end(), None, True, month=month)
    elif m["rel"]:
        year, inferred = s.reference.year + s.lex.offsets[m["rel"].lower()], s.reference_inferred
    else:
        year, inferred = year_for_month(month, s.reference, s.tense_at(start, m.end())), s.reference_inferred
    return s.mention(start, m.end(), _iso(year, month), inferred, year=year, month=month)


def _day_ordinal(s: _Sentence, m: re.Match) -> DateMention | None:
    """"on the 24th", "the 5th of this month": the reference month, or the one the tense points to."""
    day = int(m["day"])
    if not s.starts_word(m.start()) or not 1 <= day <= 31:
        return None
    if s.reference is None:
        return s.mention(m.start(), m.end(), None, True, relative=True, day=day)
    if m["which"]:
        year, month = _shift_month(s.reference.year, s.reference.month, s.lex.offsets[m["which"].lower()])
    else:
        year, month = month_for_day(day, s.reference, s.tense_at(m.start(), m.end()))
    if not valid_day(year, month, day):
        return s.mention(m.start(), m.end(), None, True, relative=True, day=day)
    day2 = int(m["day2"]) if m["day2"] else None
    end_value = _iso(year, month, day2) if day2 and day2 > day and valid_day(year, month, day2) else None
    return s.mention(m.start(), m.end(), _iso(year, month, day), s.reference_inferred, relative=True, year=year,
                     month=month, day=day, end_value=end_value)


class _Weeks:
    """The "next week" / "last week" / "this week" phrases of a sentence, in order, split by the
    tense each fits ("this week" fits both): a weekday asks for its nearest by bisection."""

    def __init__(self, weeks: list[re.Match], offsets: dict[str, int]) -> None:
        self._fitting = {tense: [w for w in weeks if offsets[w["which"]] == 0 or (offsets[w["which"]] > 0) == (tense == FUTURE)]
                         for tense in (FUTURE, PAST, UNKNOWN)}
        self._starts = {tense: [w.start() for w in fitting] for tense, fitting in self._fitting.items()}

    def named_for(self, tense: str, start: int) -> re.Match | None:
        """The week phrase that places a weekday at `start` told in `tense`, if any: the nearest
        fitting one, the earlier of two as near ("will meet on Friday next week", "met on Tuesday
        last week")."""
        fitting, starts = self._fitting[tense], self._starts[tense]
        at = bisect.bisect_left(starts, start)
        near = fitting[max(0, at - 1):at + 1]
        return min(near, key=lambda w: abs(w.start() - start), default=None)


def _weekday(s: _Sentence, m: re.Match, weeks: _Weeks,
             planned: date | None) -> tuple[DateMention | None, re.Match | None]:
    """"Wednesday", "on Friday", "last Friday": the weekday the tense and a named week point to.

    `planned` is the day of the sentence's previous future weekday: a plan is told in order ("will
    arrive on Wednesday ... and meet on Friday"), so a later future weekday falls on or after it."""
    if not s.starts_word(m.start()):
        return None, None
    weekday = s.lex.weekdays[m["wd"].lower()]
    named = _before(s.lex.weekday_modifier_before, s.lower, m.start())
    start = named.start() if named else m.start()
    if s.reference is None:
        return s.mention(start, m.end(), None, True, relative=True, weekday=weekday), None
    modifier = " ".join(named["mod"].lower().split()) if named else ""
    if modifier in s.lex.past_modifiers:
        tense = PAST
    elif modifier in s.lex.future_modifiers:
        tense = FUTURE
    else:
        tense = s.tense_at(start, m.end())
    placing = not modifier or modifier in s.lex.placing_modifiers
    week = weeks.named_for(tense, m.start()) if placing else None
    offset = s.lex.offsets[week["which"]] if week else None
    if tense == FUTURE and offset is None and planned is not None:
        day = date_for_weekday(weekday, planned - timedelta(days=1), FUTURE)
    else:
        day = date_for_weekday(weekday, s.reference, tense, offset, strictly=bool(modifier))
    mention = s.mention(start, m.end(), day.isoformat(), s.reference_inferred, relative=True, year=day.year,
                        month=day.month, day=day.day, weekday=weekday)
    return mention, week


_PROPER_NAME_BEFORE = re.compile(r"\b[A-Z][\w.&-]*\s+$")


def _after_proper_name(text: str, start: int) -> bool:
    """"USA Today", "Korea Today": a capitalised "Today" after a capitalised word is a title."""
    return text[start].isupper() and _PROPER_NAME_BEFORE.search(text[max(0, start - _LOOKBACK):start]) is not None


def _relative_day(s: _Sentence, m: re.Match) -> DateMention | None:
    """"today", "yesterday", "earlier in the day", "the day before": the reference +/- days."""
    if not s.starts_word(m.start()) or _after_proper_name(s.text, m.start()):
        return None
    if s.reference is None:
        return s.mention(m.start(), m.end(), None, True, relative=True)
    day = s.reference + timedelta(days=s.lex.relative_days[" ".join(m.group().lower().split())])
    return s.mention(m.start(), m.end(), day.isoformat(), s.reference_inferred, relative=True, year=day.year,
                     month=day.month, day=day.day)


def _relative_month(s: _Sentence, m: re.Match, days_per_step: int | None = None) -> DateMention | None:
    """"later this month", "next month"; with days_per_step=7, "next week": the month it falls in."""
    if not s.starts_word(m.start()) or _before(s.lex.duration_before, s.lower, m.start()):
        return None
    modifier = _before(s.lex.period_modifier_before, s.lower, m.start())
    start = modifier.start() if modifier else m.start()
    if s.reference is None:
        return s.mention(start, m.end(), None, True, relative=True)
    by = s.lex.offsets[m["which"]]
    if days_per_step:
        shifted = s.reference + timedelta(days=days_per_step * by)
        year, month = shifted.year, shifted.month
    else:
        year, month = _shift_month(s.reference.year, s.reference.month, by)
    return s.mention(start, m.end(), _iso(year, month), s.reference_inferred, relative=True, year=year, month=month)


# Ties between overlapping readings: the most explicit wins, then the longest.
_RANK_EXPLICIT, _RANK_NAMED, _RANK_RELATIVE, _RANK_WEEKDAY, _RANK_WEEK = range(5)
_DIGIT = re.compile(r"\d")


def _pattern_readers(s: _Sentence) -> Iterator[tuple[re.Pattern, Callable, int, str]]:
    """The patterns worth running on this sentence, with the text each reads (as printed, or lower-cased):
    most sentences hold no digit, no month name and none of the relative words."""
    lex, text, lower = s.lex, s.text, s.lower
    has_digit = _DIGIT.search(text) is not None
    has_month = lex.month_name.search(text) is not None
    if has_digit:
        yield lex.iso, _explicit_day, _RANK_EXPLICIT, text
        if lex.marked:
            yield lex.marked, _explicit_day, _RANK_EXPLICIT, text
        yield lex.numeric, _numeric_day, _RANK_EXPLICIT, text
        yield lex.day_ordinal, _day_ordinal, _RANK_RELATIVE, text
        if has_month:
            yield lex.month_day, _named_month_day, _RANK_NAMED, text
            yield lex.day_month, _named_month_day, _RANK_NAMED, text
    if has_month:
        yield lex.month_only, _month_only, _RANK_RELATIVE, text
    if any(gate in lower for gate in lex.relative_day_gates):
        yield lex.relative_day, _relative_day, _RANK_RELATIVE, lower
    if lex.period_names["month"] in lower:
        yield lex.relative_month, _relative_month, _RANK_WEEKDAY, lower


def _readings(s: _Sentence) -> Iterator[tuple[int, DateMention]]:
    for pattern, read, rank, text in _pattern_readers(s):
        for m in pattern.finditer(text):
            mention = read(s, m)
            if mention is not None:
                yield rank, mention
    weeks = [(w, _relative_month(s, w, days_per_step=7)) for w in s.lex.relative_week.finditer(s.lower)]
    weeks = [(w, mention) for w, mention in weeks if mention is not None]
    placing_weeks: set[int] = set()
    planned: date | None = None
    if s.lex.weekday_gate in s.lower:
        placing = _Weeks([w for w, _ in weeks], s.lex.offsets)
        for m in s.lex.weekday.finditer(s.text):
            mention, week = _weekday(s, m, placing, planned)
            if week is not None:
                placing_weeks.add(week.start())
            if mention is not None:
                yield _RANK_WEEKDAY, mention
                if mention.value and s.reference and mention.value > s.reference.isoformat():
                    planned = date.fromisoformat(mention.value)
    for w, mention in weeks:
        if w.start() not in placing_weeks:  # "Friday next week" is one date, Friday's
            yield _RANK_WEEK, mention


def _without_overlaps(readings: Iterable[tuple[int, DateMention]]) -> list[DateMention]:
    """The best-ranked, then longest, readings that do not overlap a better one, in text order.

    The kept spans are disjoint and held sorted, so only the kept span starting just before a
    candidate's end can overlap it: a bisection, not a scan (a line of 100,000 dates stays fast)."""
    starts: list[int] = []
    kept: list[DateMention] = []
    for _, mention in sorted(readings, key=lambda r: (r[0], r[1].start - r[1].end, r[1].start)):
        at = bisect.bisect_left(starts, mention.end)
        if at and kept[at - 1].end > mention.start:
            continue
        starts.insert(at, mention.start)
        kept.insert(at, mention)
    return kept


def written_order(mentions: Iterable[DateMention]) -> str | None:
    """The order ("MDY" or "DMY") numeric dates are written in, when those whose parts show it
    (one above 12) all show the same; None otherwise."""
    orders = {m.order for m in mentions if m.order}
    return orders.pop() if len(orders) == 1 else None


def _settled(mention: DateMention, page_order: str | None, scores: dict[str, float],
             convention: str | None) -> DateMention:
    """An ambiguous numeric date with the reading choose_reading gives it (still None if none). It
    keeps its readings, and no order: a chosen reading is no evidence of how the page writes dates."""
    readings = {order: date.fromisoformat(value) for order, value in mention.readings}
    day = choose_reading(readings, page_order, scores, convention)
    return mention if day is None else replace(mention, value=day.isoformat(), month=day.month, day=day.day)


def find_dates(sentence: str, reference: date | None, reference_inferred: bool = False,
               date_order: str | None = None) -> list[DateMention]:
    """Every date mention of `sentence`, in order, resolved against `reference`.

    value is ISO YYYY-MM-DD (YYYY-MM for a month: "in March", "later this month", "next week"), or
    None when the text and reference do not fix it (then year/month/day/weekday hold what was read,
    so that a later step can infer the year). inferred is False when the year is printed, else it is
    `reference_inferred`; relative marks readings of "today", "Wednesday", "the 24th". Years standing
    alone and clock times are not dates of events and are ignored. A numeric date whose day and
    month could be swapped is read by choose_reading: date_order is the order the page's numeric
    dates are written in, when the caller knows it (page_dates), else the sentence's own numeric
    dates tell, else the language's convention; unresolved, it keeps both readings.
    """
    if not sentence:
        return []
    lex = lexicon()
    mentions = _without_overlaps(_readings(_Sentence(sentence, reference, reference_inferred, lex)))
    if not any(m.readings for m in mentions):
        return mentions
    order = date_order or written_order(mentions)
    return [_settled(m, order, {}, lex.date_order) if m.readings else m for m in mentions]


# ---------------------------------------------------------------- datelines and the page's evidence

def printed_date(text: str) -> DateMention | None:
    """The full date `text` begins with (after spaces or commas), as a dateline or stamp prints it:
    year, month and day ("Date : 2018-09-28" once clean has found the label), or a numeric date with
    both its readings. None when the text begins with anything else."""
    head = text.lstrip(" ,")
    if not (head[:1].isdigit() or head.partition(" ")[0].rstrip(".,").lower() in lexicon().months):
        return None  # a full date begins with a number or a month's name: most lines are done at once
    first = next(iter(find_dates(text, None)), None)
    if first is None or text[:first.start].strip(" ,"):
        return None
    full = first.readings or (first.value and first.day and not first.inferred)
    return first if full else None


@dataclass(frozen=True)
class PageDates:
    """What a page's dates say, to read an ambiguous numeric date (a dateline) against."""

    order: str | None  # written_order() of the page's numeric dates
    dates: tuple[date, ...]  # other dates known in full: printed with their year, a crawler's date
    month_days: frozenset[tuple[int, int]]  # "August 7" printed without a year
    months: frozenset[int]


def page_dates(text: str, also: Iterable[date | None] = ()) -> PageDates:
    """The dates of a page's text, line by line, with `also` (a crawler's fetch date) first."""
    mentions = [m for line in text.split("\n") for m in find_dates(line, None)]
    named = [(m.month, m.day) for m in mentions if m.value is None and m.month and m.day and m.year is None]
    full = [date.fromisoformat(m.value) for m in mentions if m.value and m.day and not m.inferred and not m.readings]
    return PageDates(written_order(mentions), tuple(d for d in also if d) + tuple(full),
                     frozenset(named), frozenset(month for month, _ in named))


def reading_scores(mention: DateMention, evidence: PageDates) -> dict[str, float]:
    """How well each reading of an ambiguous numeric date agrees with the page's other dates: 2 for
    each full date within data/dates.json "evidence_window_days" of it, 2 if the page names its
    month and day elsewhere, else 1 if it names its month."""
    low, high = lexicon().evidence_window
    scores = {}
    for order, value in mention.readings:
        day = date.fromisoformat(value)
        near = sum(1 for other in evidence.dates if low <= (other - day).days <= high)
        named = 2 if (day.month, day.day) in evidence.month_days else 1 if day.month in evidence.months else 0
        scores[order] = 2.0 * near + named
    return scores


def settle_numeric(mention: DateMention, evidence: PageDates, convention: str | None) -> str | None:
    """The ISO value of a printed date, an ambiguous numeric one read by choose_reading with the
    page's evidence and the convention (the publisher's; else the language's is used)."""
    if not mention.readings:
        return mention.value
    settled = _settled(mention, evidence.order, reading_scores(mention, evidence), convention or lexicon().date_order)
    return settled.value


def month_number(name: str) -> int | None:
    """1..12 for a month's name or abbreviation, any case, with or without its full stop."""
    return lexicon().months.get(name.lower().rstrip("."))


def year_near(month: int, day: int, anchors: Sequence[date]) -> int | None:
    """The year that puts month/day closest to the first anchor date, if within data/dates.json
    "news_year_window_days" of it: a news dateline printed without its year."""
    if not anchors:
        return None
    anchor = anchors[0]
    options = [date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if valid_day(y, month, day)]
    best = min(options, key=lambda d: abs((d - anchor).days), default=None)
    if best and abs((best - anchor).days) <= lexicon().news_year_window:
        return best.year
    return None


def dates_of(sentence: Sentence, reference: date | None, reference_inferred: bool,
             date_order: str | None = None) -> list[DateMention]:
    """find_dates over one sentence (or title, or caption), each mention with its span on the page."""
    return [replace(m, span=sentence.span(m.start, m.end))
            for m in find_dates(sentence.text, reference, reference_inferred, date_order)]


def add_dates(doc: Document) -> None:
    """Step `dates`: doc.dates, the date mentions of each sentence, read against doc.reference. A
    numeric date whose day and month could be swapped is read in the order the page's other numeric
    dates show (choose_reading), not only its own sentence's."""
    doc.dates = [dates_of(s, doc.reference, doc.reference_inferred) for s in doc.sentences]
    if any(m.readings for mentions in doc.dates for m in mentions):
        order = written_order(m for mentions in doc.dates for m in mentions)
        convention = lexicon().date_order
        doc.dates = [[_settled(m, order, {}, convention) if m.readings else m for m in mentions]
                     for mentions in doc.dates]
