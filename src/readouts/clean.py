"""Stage 2, clean: drop navigation and boilerplate, read title, publisher and dateline.

OWNER: helper "clean". Contract: clean(raw: RawDocument) -> CleanDocument (never raises on text).

The pages hold one paragraph per line. Each line is sorted: page furniture (menus, banners,
share buttons, counters, captions, bylines, mastheads) is dropped, a dateline gives the
publication date, the headline gives the title, the rest is the body. The lines above the first
body paragraph are the page's header: titles, captions, bylines and mastheads are only sought
there, so a body sentence is never taken for furniture. HTML is first reduced to its main text
by trafilatura. Word lists and patterns are data: data/boilerplate.json, data/datelines.json,
data/publishers.json. What a dateline's date says is read by extract/dates.py, the one date reader.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from urllib.parse import urlparse

from .extract import dates
from .extract.dates import DateMention
from .types import CleanDocument, Dateline, RawDocument

# Furniture lines are short; longer lines are body text and skip the furniture patterns.
MAX_FURNITURE_CHARS = 400
# A headline has a few words and fits on one line.
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_CHARS = 200
# A line this long, or a sentence this many words long, is body text.
BODY_MIN_CHARS = 200
BODY_MIN_SENTENCE_WORDS = 8
# A stamp names its kind, office or source in a few words before the date (six in "Media Note,
# Office of the Spokesperson, March 20, 2024"); a sentence that ends on a date has more.
STAMP_PREFIX_WORDS = 6

INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff\u00ad]")
# a run of spaces that is not one plain space (replaced by one): the single spaces between words,
# most of a text's, are left alone rather than each replaced by itself
HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
LEADING_BULLET = re.compile(r"^(?:[•·▪◦●■□▶►※*]|-(?=\s))\s*")
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LATIN = re.compile(r"[A-Za-z]")
YEAR_DIGITS = re.compile(r"\d{4}")
NUMBERED_PARAGRAPH = re.compile(r"^\d{1,2}\s*[.)]\s+\S")
SENTENCE_END = re.compile(r"(?:[.!?][\"”’)]?|:)$")
AGENCY_SIGNOFF = re.compile(r"\((?P<agency>[A-Za-z0-9 ]{2,20})\)$")
SPEAKER_TURN = re.compile(r"^[A-Z][A-Z .'’-]{2,40}:\s")
# A site's clock: 'Moscow: 23:58' under the day's date ('26 October 2021'), which is then no page's date.
CLOCK_LINE = re.compile(r"^[A-Z][\w .'-]{1,30}:\s*\d{1,2}:\d{2}$")
URL_LINE = re.compile(r"^(?:(?:source|url|original(?: article| url)?|link|canonical)\s*[:：]\s*)?(https?://\S+)$",
                      re.IGNORECASE)
HTML_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# Scripts other than JSON-LD metadata: their dates are a program's (cache, consent, build), not the page's.
HTML_CODE = re.compile(r"<script\b(?![^>]*ld\+json).*?</script\s*>", re.IGNORECASE | re.DOTALL)
HTML_BREAK = re.compile(r"<(?:br|/p|/div|/h\d|/li|/tr)\b[^>]*>", re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]+>")
# Language: detected on the start of a page only (enough to tell, and the cost stays flat).
LANGUAGE_SAMPLE = 4000
LETTER = re.compile(r"[^\W\d_]")
# A text whose letters are Latin and whose words are this often English function words is English
# without loading the detector's model (seconds of start-up): corpus pages run 0.20 to 0.35,
# French, German or Spanish pages under 0.05. Anything else goes to the model.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a an on with for that is was were has have had by at as from this be are it will".split())
PLAIN_ENGLISH_WORDS = 0.12
PLAIN_ENGLISH_LATIN = 0.9  # share of letters that must be A-Z
PLAIN_ENGLISH_SAMPLE = 1000  # characters the test for plain English reads: a few hundred words tell
NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z]")  # counted instead of the A-Z letters: English has few
# The detector's codes for varieties of a language that has an ISO 639-1 code.
LANGUAGE_ALIASES = {"wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "uzs": "uz", "gug": "gn", "sdh": "ku",
                    "fuv": "ff"}
NO_LANGUAGE = "zxx"  # the detector's answer for text without linguistic content
# Words glued by a lost space ("conversationwith", "Deputy Secretaryof State", "missilelaunches"):
# a lower-case or capitalised run of letters, not inside a URL, address or camelCase identifier
# ("heraldcorp.com", "footerBuilt"), that English does not know is split in two common words: a
# long one, then a function word or another long one. English and its common words are those of
# wordninja's unigram model (English Wikipedia word frequencies, shipped with the package). Names
# the model does not know split into rare or short pieces ("Blinken" -> "blink en", "Leonean" ->
# "leone an") and are left alone; corpus pages gave no other split (tests/corpus, shared/cases).
# hard-wrapped paragraphs (unwrapped): lines of wire width, in runs of at least WRAP_RUN lines
WRAP_MIN, WRAP_MAX, WRAP_RUN = 20, 80, 4
PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
WIRE_LEAD = re.compile(r"^(?:date \d{4}-\d{2}-\d{2} )?[A-Z][\w .,/'-]{1,40}\([^()]{2,30}\)\s*(?:--|[-–—])")
GLUED_CANDIDATE = re.compile(r"(?<![\w./@-])[A-Za-z][a-z]{7,}(?![\w@-]|\.\w)")
GLUED_FIRST_MIN = 6  # letters of the first word
GLUED_SECOND_MIN = 5  # letters of a second word that is not a function word ("doorstep ping" is not one)
GLUED_MAX_COST = 13.5  # the model's word cost (log of rank): "launches" 12.7, "missile" 11.4
GLUED_MAX_LETTERS = 40  # two glued words are no longer; a longer run is left whole (every cut is tried)
TIME_OF_DAY = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?"


# ------------------------------------------------------------------------------ data

def _load(name: str) -> dict:
    return json.loads(resources.files("readouts.data").joinpath(name).read_text(encoding="utf-8"))


def _compiled(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive alternation of the patterns: a line is tested once, not once per pattern."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class BoilerplateRules:
    exact: frozenset[str]
    patterns: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]
    any_inline: re.Pattern[str]  # a line matching none of the inline patterns is left as it is
    captions: re.Pattern[str]
    bylines: re.Pattern[str]


@functools.cache
def boilerplate_rules() -> BoilerplateRules:
    data = _load("boilerplate.json")
    return BoilerplateRules(
        exact=frozenset(normalise_line(line).casefold() for line in data["exact"]),
        patterns=_compiled(data["patterns"]), inline=tuple(re.compile(p) for p in data["inline"]),
        any_inline=re.compile("|".join(f"(?:{p})" for p in data["inline"])),
        captions=_compiled(data["captions"]), bylines=_compiled(data["bylines"]))


class NamedPatterns:
    """Line patterns that each name a publisher, tried as one alternation (in order, first wins)."""

    def __init__(self, entries: list[dict]) -> None:
        self.publishers = [e["publisher"] for e in entries]
        self.pattern = re.compile("|".join(f"(?P<p{i}>{e['pattern']})" for i, e in enumerate(entries)), re.IGNORECASE)

    def publisher_of(self, line: str) -> str | None:
        """The publisher of the first pattern the whole line matches: the entry's, or the line as
        printed for an entry without one (an embassy names itself in full)."""
        found = self.pattern.fullmatch(line)
        if found is None:
            return None
        return next(p or line for i, p in enumerate(self.publishers) if found.group(f"p{i}") is not None)


@dataclass(frozen=True)
class PublisherRules:
    name_lines: NamedPatterns
    domains: dict[str, str]
    agencies: dict[str, str]
    bylines: NamedPatterns
    templates: NamedPatterns
    banners: NamedPatterns
    copyright: re.Pattern[str]
    date_order: dict[str, str]
    agency_credits: tuple[re.Pattern[str], ...]  # lines crediting an agency: group "agency"
    countries: dict[str, str]  # an outlet's country


@functools.cache
def publisher_rules() -> PublisherRules:
    data = _load("publishers.json")
    return PublisherRules(
        name_lines=NamedPatterns(data["name_lines"]), domains=data["domains"],
        agencies={k.casefold(): v for k, v in data["agencies"].items()}, bylines=NamedPatterns(data["bylines"]),
        templates=NamedPatterns(data["templates"]), banners=NamedPatterns(data["banners"]),
        copyright=re.compile(data["copyright"], re.IGNORECASE), date_order=data["date_order"],
        agency_credits=tuple(re.compile(p) for p in data["agency_credits"]), countries=data["countries"])


@dataclass(frozen=True)
class DateRules:
    """Where a page prints its publication date (data/datelines.json); what the date says is read
    by extract/dates.py."""

    label: re.Pattern[str]
    weekday: re.Pattern[str]
    update_label: re.Pattern[str]
    revision: re.Pattern[str]  # an update label, and a time before the date: 'Updated: 3:34pm, '
    after_date: re.Pattern[str]  # what a dateline may print after its date: a time, a zone, fields ", ID: 150625_01"
    crawler_prefix: re.Pattern[str]
    news_dateline: re.Pattern[str]
    stamp_start: re.Pattern[str]  # where a stamp's date may start in a line: after a separator, label or weekday, at a time


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def date_rules() -> DateRules:
    data = _load("datelines.json")
    lexicon = dates.lexicon()
    updates = _alternation(data["update_labels"])
    return DateRules(
        label=re.compile(rf"^(?:{_alternation(data['labels'])})\s*(?:[:：]\s*|\s)", re.IGNORECASE),
        weekday=re.compile(rf"^(?:{lexicon.weekday_names})\.?,?\s+", re.IGNORECASE),
        update_label=re.compile(rf"^(?:{updates})\b", re.IGNORECASE),
        revision=re.compile(rf"^(?:{updates})\s*[:：]?\s*(?:{TIME_OF_DAY},?\s*)?", re.IGNORECASE),
        # after a dateline's date: a time, a zone, labelled fields, or "|"/"·" fields; or, set off by
        # a spaced dash, the place and the issuer ("November 26, 2021 – Ottawa, Ontario – Global
        # Affairs Canada")
        after_date=re.compile(
            rf"[\s,–—-]*(?:at\s+)?(?:{TIME_OF_DAY})?\s*(?:\((?:[A-Za-z]{{2,9}}|local time)\)|(?-i:[A-Z]{{2,4}}))?\s*"
            rf"(?:,\s*[^\s:,][^:,]{{0,30}}:\s*\S+)*(?:[|·].*|(?:{updates})\b.*)?"
            rf"|\s+[–—-]\s+[^–—]{{1,40}}(?:\s+[–—-]\s+[^–—]{{1,40}})?"
            # or, after its time, the issuer ("Wednesday, May 31, 2023, 3:00 p.m. Ministry of Foreign Affairs")
            rf"|,?\s*(?:{TIME_OF_DAY})\s+(?-i:[A-Z][\w&'’-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w&'’-]*)){{0,5}})",
            re.IGNORECASE),
        crawler_prefix=re.compile(data["crawler_prefix"]),
        news_dateline=re.compile(data["news_dateline"].replace("MONTH", lexicon.month_names)),
        stamp_start=re.compile(rf"(?:[·|,)]|(?:{_alternation(data['labels'])})\s*[:：]|\s(?={TIME_OF_DAY})"
                               rf"|\b(?:{lexicon.weekday_names})\.?,?(?=\s))\s*(?:{TIME_OF_DAY},?\s*)?", re.IGNORECASE))


# ------------------------------------------------------------------------------ text

def normalise_text(text: str) -> str:
    """Unix line ends, no NUL, control or zero-width characters."""
    return INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def normalise_line(line: str) -> str:
    """One space between words, none at the ends."""
    return HORIZONTAL_SPACE.sub(" ", line).strip()


def strip_inline_furniture(line: str) -> str:
    """A normalised line without "Opens in a new window", a reporter's tag and the like."""
    rules = boilerplate_rules()
    if not rules.inline or rules.any_inline.search(line) is None:  # an empty union matches every line
        return line
    for pattern in rules.inline:
        line = pattern.sub("", line)
    return normalise_line(line)


def unglued(text: str) -> str:
    """The text with words glued by a lost space set apart (see GLUED_CANDIDATE)."""
    known = english_word_costs()  # most candidates are words: each distinct one looked up once
    splits = {word: split for word in set(GLUED_CANDIDATE.findall(text))
              if word.lower() not in known and (split := split_glued(word)) != word}
    return GLUED_CANDIDATE.sub(lambda match: splits.get(match[0], match[0]), text) if splits else text


@functools.lru_cache(maxsize=4096)  # names and long words recur from page to page
def split_glued(word: str) -> str:
    """`word` (not an English word), or its two words when it is two common ones glued (see GLUED_CANDIDATE):
    the split of least cost, the cost of a word being its rank in wordninja's model."""
    if len(word) > GLUED_MAX_LETTERS:  # a run of letters with no space ('xxxx...'): cutting it costs its square
        return word
    costs = english_word_costs()
    lower = word.lower()
    best, best_cost = None, None
    for cut in range(GLUED_FIRST_MIN, len(lower) - 1):
        first, second = lower[:cut], lower[cut:]
        if second not in ENGLISH_FUNCTION_WORDS and len(second) < GLUED_SECOND_MIN:
            continue
        cost = costs.get(first, GLUED_MAX_COST + 1) + costs.get(second, GLUED_MAX_COST + 1)
        if max(costs.get(first, GLUED_MAX_COST + 1), costs.get(second, GLUED_MAX_COST + 1)) <= GLUED_MAX_COST \
                and (best_cost is None or cost < best_cost):
            best, best_cost = cut, cost
    return word if best is None else f"{word[:best]} {word[best:]}"


@functools.cache
def english_word_costs() -> dict[str, float]:
    """English words and their costs (log of frequency rank, lower is commoner) from wordninja's model."""
    import wordninja  # imported here: its word list loads on first use

    return wordninja.DEFAULT_LANGUAGE_MODEL._wordcost  # the model has no public lookup of one word


def _wrapped_prose(line: str) -> bool:
    """A line that may be one of a hard-wrapped paragraph: of wire-story width, prose (a few
    lowercase words), not a list item."""
    return WRAP_MIN <= len(line) <= WRAP_MAX and len(PROSE_WORD.findall(line)) >= 3 and bullet_stripped(line) == line


def unwrapped(lines: list[str]) -> list[str]:
    """Hard-wrapped paragraphs joined again (a wire story filed at ~65 characters a line: "U.S.
    Secretary of State Antony" / "Blinken has held his first phone call ..."): in a run of at
    least WRAP_RUN consecutive prose lines of wire width, several not ending a sentence, a line that
    does not end a sentence continues on the next. Lines stay as they are elsewhere (menus,
    headlines, lists). Blank lines end a run."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= WRAP_RUN and sum(not SENTENCE_END.search(line) for line in run[:-1]) >= WRAP_RUN - 1:
            if out and WIRE_LEAD.match(out[-1]) and not SENTENCE_END.search(out[-1]):
                run.insert(0, out.pop())  # the story's first line, opening on its dateline: "SEOUL (Reuters) - ..."
            joined = [run[0]]
            for line in run[1:]:
                if SENTENCE_END.search(joined[-1]):
                    joined.append(line)
                else:
                    joined[-1] += " " + line
            out.extend(joined)
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if _wrapped_prose(line):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def bullet_stripped(line: str) -> str:
    return LEADING_BULLET.sub("", line)


def _matches_any(patterns: re.Pattern[str], line: str) -> bool:
    return len(line) <= MAX_FURNITURE_CHARS and patterns.fullmatch(line) is not None


def is_boilerplate(line: str) -> bool:
    """Menus, banners, share buttons, counters, copyright and archive notices, breadcrumbs."""
    rules = boilerplate_rules()
    core = bullet_stripped(line)
    return core.casefold() in rules.exact or _matches_any(rules.patterns, core)


def is_caption(line: str) -> bool:
    return _matches_any(boilerplate_rules().captions, bullet_stripped(line))


def is_byline(line: str) -> bool:
    return _matches_any(boilerplate_rules().bylines, bullet_stripped(line))


def words_of(line: str) -> list[str]:
    return line.split()


def is_mostly_hangul(text: str) -> bool:
    hangul = len(HANGUL.findall(text))
    return hangul > 0 and hangul >= len(LATIN.findall(text))


def is_body_paragraph(line: str) -> bool:
    """A paragraph of running text: numbered, long, a full sentence, or a speaker's turn."""
    n_words = len(words_of(line))
    if NUMBERED_PARAGRAPH.match(line) and n_words >= BODY_MIN_SENTENCE_WORDS:
        return True
    if len(line) > BODY_MIN_CHARS or SPEAKER_TURN.match(line):
        return True
    return bool(SENTENCE_END.search(line)) and n_words >= BODY_MIN_SENTENCE_WORDS


def looks_like_headline(line: str) -> bool:
    """A headline: a few words on one line, not a sentence, not a numbered paragraph."""
    return (len(words_of(line)) >= HEADLINE_MIN_WORDS and len(line) <= HEADLINE_MAX_CHARS
            and not line.endswith((".", ":", ";", ",")) and not NUMBERED_PARAGRAPH.match(line)
            and not is_boilerplate(line))


# ------------------------------------------------------------------------------ dates

def read_dateline(line: str) -> DateMention | None:
    """The date of a line that is only a dateline: 'Date : 2018-09-28 15:59:06',
    '23/07/2024 | Press release', 'May 11, 2018', 'Write: 2020-01-02 09:52:05Update: ...'."""
    rules = date_rules()
    core = bullet_stripped(line)
    if core[:1] + core[-1:] in ("[]", "()"):  # a dateline in brackets: "[May 27, 2015]"
        core = core[1:-1].strip()
    if len(core) > MAX_FURNITURE_CHARS or not YEAR_DIGITS.search(core) or rules.update_label.match(core):
        return None  # every dateline prints a year: most lines are done at once
    label = rules.label.match(core)
    start = label.end() if label else 0
    weekday = rules.weekday.match(core[start:])
    start += weekday.end() if weekday else 0
    return date_ending(core[start:], core[:start]) or read_stamp(core)


def date_ending(text: str, before: str = "") -> DateMention | None:
    """The full date `text` begins with, when only a time, zone or fields follow it (after_date); a
    numeric one whose day and month could be swapped is settled by the weekday `before` ends on, if
    one reading falls on it ("Monday, 04/03/2024")."""
    found = dates.printed_date(text)
    if not found or not date_rules().after_date.fullmatch(text[found.end:]):
        return None
    return dates.on_weekday(found, dates.weekday_ending(before)) if found.readings else found


def read_revision_date(line: str) -> DateMention | None:
    """The date of a line that only gives a revision date: 'Updated: 3:34pm, 14 Sep, 2021'."""
    core = bullet_stripped(line)
    label = date_rules().revision.match(core) if len(core) <= MAX_FURNITURE_CHARS else None
    return date_ending(core[label.end():]) if label else None


def read_stamp(line: str) -> DateMention | None:
    """The date that ends a short stamp line after a few words of kind, office, place or source:
    'Readout · Office of the Spokesperson · March 18, 2024', 'Media Note, Office of the
    Spokesperson, March 20, 2024', '(Xinhua) 08:39, September 18, 2025', 'All News 23:43 May 25,
    2022', 'Muhammad Irfan 4 minutes ago Fri 12th February 2021 | 10:40 AM', 'Seoul, 06/08/2018 -
    11:13, UNIQUE ID: 180806_4', a label glued to a byline 'By Choi Ha-eunPublished : Mar. 4, 2023 -
    11:20'. A sentence that ends on a date has more words, or a preposition before it."""
    rules = date_rules()
    for start in rules.stamp_start.finditer(line):
        prefix = words_of(line[:start.start()])
        if len(prefix) > STAMP_PREFIX_WORDS:
            return None
        if prefix and prefix[-1].lower() in ENGLISH_FUNCTION_WORDS:  # "met at 10:00 March 3", "on Friday March 3"
            continue
        found = date_ending(line[start.end():], line[:start.end()])
        if found:
            return found
    return None


def with_datelines_joined(lines: list[str]) -> list[str]:
    """The lines with a news dateline printed on a line (or in a tag) of its own joined to the
    lead it introduces: 'JAKARTA, Sept. 6, 2023 (Yonhap)' + '-- The top nuclear envoys ...'."""
    joined: list[str] = []
    for line in lines:
        if joined and line[:1] in "-–—" and date_rules().news_dateline.match(f"{joined[-1]} {line}") \
                and not date_rules().news_dateline.match(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


@dataclass(frozen=True)
class NewsDateline:
    month: int
    day: int
    year: int | None
    agency: str | None
    raw: str


def read_news_dateline(line: str) -> NewsDateline | None:
    """'SEOUL, July 15 (Yonhap) -- ...': place, month and day, sometimes year, agency."""
    match = date_rules().news_dateline.match(line)
    if not match:
        return None
    year = int(match["year"]) if match["year"] else None
    return NewsDateline(dates.month_number(match["month"]), int(match["day"]), year, match["agency"], match.group(0))


# ------------------------------------------------------------------------------ publisher

def domain_publisher(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").casefold()
    for domain, publisher in publisher_rules().domains.items():
        if host == domain or host.endswith("." + domain):
            return publisher
    return None


def _first_named(entries: NamedPatterns, lines: list[str]) -> str | None:
    for line in lines:
        core = bullet_stripped(line)
        if len(core) <= MAX_FURNITURE_CHARS and (publisher := entries.publisher_of(core)):
            return publisher
    return None


def masthead_publisher(line: str) -> str | None:
    return _first_named(publisher_rules().name_lines, [line])


def copyright_holder(lines: list[str]) -> str | None:
    for line in lines:
        match = publisher_rules().copyright.match(line) if len(line) <= MAX_FURNITURE_CHARS else None
        if match:
            return normalise_line(match["name"].rstrip(" ."))
    return None


def agency_publisher(agency: str | None) -> str | None:
    return publisher_rules().agencies.get(agency.casefold()) if agency else None


def signoff_agency(lines: list[str]) -> str | None:
    """A news agency credited at the end of a paragraph: '..., the ministry added. (Yonhap)'."""
    for line in lines:
        match = AGENCY_SIGNOFF.search(line)
        if match and agency_publisher(match["agency"]):
            return match["agency"]
    return None


def credited_agency(lines: list[str]) -> str | None:
    """A known news agency credited on a line of its own or opening a story in another form than
    the usual dateline ('MOSCOW, October 15. /TASS/.', 'Tokyo (Jiji Press)—', '• Kyodo')."""
    rules = publisher_rules()
    for line in lines:
        for credit in rules.agency_credits:
            match = credit.match(line)
            if match and match["agency"].casefold() in rules.agencies:
                return match["agency"]
    return None


def publisher_country(publisher: str | None) -> str | None:
    """The country of a news outlet (data/publishers.json 'countries'), or None."""
    return publisher_rules().countries.get(publisher) if publisher else None


def read_publisher(lines: list[str], url: str | None, sitename: str | None, agency: str | None) -> str | None:
    """The best-evidenced publisher: the site's own domain or name, a masthead or copyright
    line, a news agency, an issuing office, the site template, a government banner."""
    rules = publisher_rules()
    sources = (lambda: domain_publisher(url), lambda: sitename, lambda: _first_named(rules.name_lines, lines),
               lambda: copyright_holder(lines),
               lambda: agency_publisher(agency or signoff_agency(lines) or credited_agency(lines)),
               lambda: _first_named(rules.bylines, lines), lambda: _first_named(rules.templates, lines),
               lambda: _first_named(rules.banners, lines))
    # each read only when the better ones found nothing: most pages stop at the second or third
    return next((found for source in sources if (found := source())), None)


# ------------------------------------------------------------------------------ HTML

@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    extracted: bool = False  # text is trafilatura's main text, without the lines above it (header_lines)


def text_of_markup(html: str) -> str:
    """Tags removed, block ends kept as line breaks: the fallback when trafilatura finds nothing."""
    return HTML_TAG.sub(" ", HTML_BREAK.sub("\n", HTML_SCRIPT.sub(" ", html)))


def without_site_suffix(title: str | None, sitename: str | None) -> str | None:
    if not title or not sitename:
        return title
    for separator in (" | ", " - ", " – ", " :: "):
        head, _, tail = title.rpartition(separator)
        if head and tail.strip().casefold() == sitename.strip().casefold():
            return head.strip()
    return title


def header_lines(html: str, main_text: str) -> list[str]:
    """The lines the markup prints above the first line of the main text (the date stamp, the kicker
    and byline trafilatura drops with the page's furniture); none when that line is not found."""
    first = normalise_line(next((line for line in main_text.split("\n") if line.strip()), ""))
    header = []
    for line in map(normalise_line, text_of_markup(html).split("\n")):
        if line == first:
            return header
        if line:
            header.append(line)
    return []


def read_html(html: str) -> HtmlPage:
    """Main text and metadata of an HTML page (trafilatura; dates only from the page's own metadata)."""
    import trafilatura  # imported here: slow to import and only needed for HTML input

    try:
        body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
        # htmldate's latest acceptable date defaults to the clock's today: the data's last year instead
        meta = trafilatura.extract_metadata(HTML_CODE.sub(" ", html), date_config={"extensive_search": False, "original_date": True,
                                                               "max_date": dates.latest_date().isoformat()})
    except Exception:  # lxml/trafilatura raise assorted errors on broken markup; clean() must not raise
        return HtmlPage(text=text_of_markup(html))
    text = body or text_of_markup(html)
    if meta is None:
        return HtmlPage(text=text, extracted=bool(body))
    return HtmlPage(text=text, title=without_site_suffix(meta.title, meta.sitename), date=meta.date,
                    sitename=meta.sitename, url=meta.url, extracted=bool(body))


# ------------------------------------------------------------------------------ the page

@dataclass
class PageReading:
    """The lines of a page sorted into body, title, dateline and metadata."""

    body: list[str] = field(default_factory=list)
    title: str | None = None
    dateline: DateMention | None = None
    dateline_line: str | None = None
    revised: DateMention | None = None  # a revision date, the page's date only when it prints no other
    news_dateline: NewsDateline | None = None
    source_url: str | None = None
    captions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CrawlerPrefix:
    fetched: date | None
    title: str | None
    lead: str | None  # the page's first paragraph, when the crawler put it on its date line


def read_crawler_prefix(first_line: str) -> CrawlerPrefix | None:
    """' date 2021-07-15 <title, lead paragraph or junk>' on top of a crawled page."""
    match = date_rules().crawler_prefix.match(first_line)
    if not match:
        return None
    try:
        fetched = date.fromisoformat(match[1])
    except ValueError:  # "2021-02-30"
        fetched = None
    rest = normalise_line(match[2] or "")
    title = rest if rest and looks_like_headline(rest) else None
    return CrawlerPrefix(fetched, title, rest if rest and not title and is_body_paragraph(rest) else None)


def is_header_furniture(line: str, english: bool) -> bool:
    """Lines above the body that are not content: captions, bylines, mastheads, and short
    lines in another script than the page (ads, blog names)."""
    foreign = english and is_mostly_hangul(line) and len(line) < MAX_FURNITURE_CHARS
    return is_caption(line) or is_byline(line) or bool(masthead_publisher(line)) or foreign


def read_page(lines: list[str], furniture: list[bool], english: bool) -> PageReading:
    """What the lines say, furniture[i] telling whether lines[i] is boilerplate."""
    page = PageReading()
    in_header = True
    for i, (line, is_furniture) in enumerate(zip(lines, furniture)):
        url = URL_LINE.match(line)
        if url:
            page.source_url = page.source_url or url[1]
            continue
        if is_furniture:
            continue
        dateline = read_dateline(line)
        if dateline:
            if page.dateline is None and not (i + 1 < len(lines) and CLOCK_LINE.match(lines[i + 1])):
                page.dateline, page.dateline_line = dateline, line
            continue
        page.news_dateline = page.news_dateline or read_news_dateline(line)
        revised = read_revision_date(line) if page.revised is None else None
        if revised:
            page.revised = revised
            continue
        if in_header and is_caption(line):  # kept apart: a photo caption may date the engagement
            page.captions.append(line)
            continue
        if in_header and is_header_furniture(line, english):
            continue
        in_header = in_header and not is_body_paragraph(line)
        if in_header:
            if page.title is None and looks_like_headline(line):
                page.title = line
                continue
        page.body.append(line)
    return page


def body_text(body: list[str], title: str | None) -> str:
    """Paragraphs separated by blank lines, without repeats of the title or of a paragraph."""
    seen = {title.casefold()} if title else set()
    kept = []
    for line in body:
        if line.casefold() not in seen:
            seen.add(line.casefold())
            kept.append(line)
    return "\n\n".join(kept)


def read_published(page: PageReading, text: str, crawler: date | None, convention: str | None) -> Dateline | None:
    """The page's own date (ANNOTATION.md, published): a printed dateline (one whose day and month
    could be swapped is read against the page's other dates and the publisher's convention), else a
    news dateline that prints its year, else the crawler's date line, else a revision date (the only
    date the page prints: 'Updated: 3:34pm, 14 Sep, 2021'), else a news dateline whose missing year
    is taken from another date of the page."""
    if page.dateline:  # the page's other dates are read only when the dateline's order is in doubt
        value = page.dateline.value if not page.dateline.readings else \
            dates.settle_numeric(page.dateline, dates.page_dates(text, [crawler]), convention)
        return Dateline(value, raw=page.dateline_line) if value else None
    news = page.news_dateline
    if crawler and not (news and news.year):
        return Dateline(crawler.isoformat(), raw=crawler.isoformat())
    if page.revised and page.revised.value and not (news and news.year):
        return Dateline(page.revised.value, raw=page.revised.text)
    wire = news_date(news, text, None)
    return Dateline(wire.isoformat(), raw=news.raw) if wire and news else None


def news_date(news: NewsDateline | None, text: str, published: str | None) -> date | None:
    """The date of a news dateline, its missing year the one that puts it nearest the page's own
    date (or, without one, the page's other dates)."""
    if news is None:
        return None
    anchors = [date.fromisoformat(published)] if published else dates.page_dates(text).dates
    year = news.year or dates.year_near(news.month, news.day, anchors)
    return date(year, news.month, news.day) if year and dates.valid_day(year, news.month, news.day) else None


def language_of(text: str) -> str:
    """The ISO 639-1 code of the language of `text` (read on its first LANGUAGE_SAMPLE characters).

    Plain English is recognised at once on its first PLAIN_ENGLISH_SAMPLE characters (see
    PLAIN_ENGLISH_WORDS); the rest is detected by
    py3langid, whose model ships in the package and is loaded by the first page that needs it. A
    language without a two-letter code keeps the detector's ISO 639-3 code. Text without words to
    tell by (empty, digits, "zxx" for the detector) counts as English, so that it is not skipped.
    """
    quick = text[:PLAIN_ENGLISH_SAMPLE]
    if LETTER.search(quick) is None:
        return "en"
    # words as str.split() cuts them, those that begin with a letter (a regular expression of Unicode
    # letters cost as much as the rest of cleaning): punctuation stuck to a word only makes the test stricter
    words = [token for token in quick.lower().split() if token[0].isalpha()]
    english_words = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words))
    non_latin = 0 if quick.isascii() else len(NON_LATIN_LETTER.findall(quick))  # a third of pages are ASCII
    if english_words >= PLAIN_ENGLISH_WORDS * len(words) and non_latin <= (1 - PLAIN_ENGLISH_LATIN) * sum(map(len, words)):
        return "en"
    return detect_language(text[:LANGUAGE_SAMPLE])


def detect_language(sample: str) -> str:
    """The detector's language of `sample` (deterministic: a naive Bayes model, no sampling)."""
    import py3langid  # imported here: loading its model costs seconds, and plain English pages never need it

    code, _score = py3langid.classify(sample)
    return "en" if code == NO_LANGUAGE else LANGUAGE_ALIASES.get(code, code)


def clean(raw: RawDocument, as_of: date | None = None) -> CleanDocument:
    """The page's text, title, publisher and dates. Relative dates are read against the printed
    publication date, else a crawler's fetch date, else `as_of` (given by the caller, e.g.
    `readouts extract --as-of`), else nothing: never the clock."""
    html = read_html(raw.text) if raw.media_type == "text/html" else HtmlPage(text=raw.text)
    # one pass over the text for the spaces (they never span lines) and glued words, then each line's ends
    printed = [line for line in unwrapped(list(map(str.strip, unglued(HORIZONTAL_SPACE.sub(" ", normalise_text(html.text))).split("\n"))))
               if line]
    crawler = read_crawler_prefix(printed[0]) if printed else None
    if crawler:  # a lead paragraph on the crawler's line is the page's first line
        printed = ([crawler.lead] if crawler.lead else []) + printed[1:]
    lines = with_datelines_joined([line for line in map(strip_inline_furniture, printed) if line])
    furniture = [is_boilerplate(line) for line in lines]
    language = language_of("\n".join(line for line, is_furniture in zip(lines, furniture) if not is_furniture))
    english = language == "en"
    page = read_page(lines, furniture, english)
    if page.dateline is None and html.extracted:  # a stamp above the main text of an HTML page
        page.dateline, page.dateline_line = next(
            ((found, line) for line in header_lines(raw.text, html.text) if (found := read_dateline(line))), (None, None))
    source_url = (raw.url or html.url or page.source_url
                  or (raw.source if raw.source.startswith(("http://", "https://")) else None))
    agency = page.news_dateline.agency if page.news_dateline else None
    publisher = read_publisher(printed, source_url, html.sitename, agency)
    title = raw.title or html.title or (crawler.title if crawler else None) or page.title
    text = body_text(page.body, title)
    fetched = crawler.fetched if crawler else None
    convention = publisher_rules().date_order.get(publisher or "")
    joined = "\n".join(lines)
    published = (Dateline(raw.published, raw=raw.published) if raw.published
                 else read_published(page, joined, fetched, convention))
    if published is None and html.date:
        published = Dateline(html.date, raw=html.date)
    # a wire story's "on Monday" counts from its dateline, also when a later republication dates the page
    wire = news_date(page.news_dateline, joined, published.value if published else None)
    reference = (wire.isoformat() if wire else published.value if published
                 else next((d.isoformat() for d in (fetched, as_of) if d), None))
    news = page.news_dateline
    return CleanDocument(
        doc_id=raw.doc_id, source=raw.source, text=text, title=title, publisher=publisher,
        published=published.value if published else None, reference_date=reference,
        reference_inferred=published is None, source_url=source_url, captions=page.captions,
        wire_day=f"--{news.month:02d}-{news.day:02d}" if news and not wire and not published else None,
        language=language)  # read on the lines the body is made of, before the header was set apart
