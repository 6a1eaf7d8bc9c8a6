"""Officials mentioned in a sentence: name, title, organization and the government they represent.

The grammar of this genre's person mentions, driven by data/titles.json:
  TITLE NAME            "Special Representative for Korean Peninsula Peace and Security Affairs Kim Gunn"
  NAME, TITLE,          "Lee Jun-il, Director-General for Korean Peninsula Policy, visited ..."
  HONORIFIC NAME, TITLE "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan"
  ADJ counterpart NAME  "her Chinese counterpart Wang Yi"
  ADJ and ADJ counterparts NAME and NAME  "his U.S. and South Korean counterparts Hillary Clinton and Kim Sung-hwan"
  TITLE, NAME           "the President of the Republic of Korea, H.E. Lee Myung-bak, in Seoul"
Forms of address before a name and letters after it are no part of it (data/honorifics.json: "The
Honourable", "H.E. Mr.", "MP", "Jr."). Sides named without a person are bodies (find_bodies): "the
Secretary-General", "his counterparts from the U.S. and South Korea", "the defence and foreign
affairs ministers of Japan".
A title's complement ("for ...", "of ...") runs over title vocabulary; "at the X" is the organization.
Countries named after "for"/"to" are a portfolio or a posting ("Ambassador to the ROK"), not the
government the person represents.
"""
from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from functools import cache, lru_cache
from itertools import accumulate
from importlib import resources

from .. import gazetteer, kb
from ..scan import GatedPattern
from ..types import CleanDocument, Document, Event, Span

# The longest title (or organization) this genre prints runs to about 14 tokens. Scans over title
# words stop after this many, so that a line repeating title words ("Minister of Minister of ...")
# costs linear time instead of one full scan per title word.
MAX_TITLE_TOKENS = 24
MAX_TITLE_PREFIX_TOKENS = 8  # modifiers before a head: "Republic of Korea (ROK) First Vice Foreign Minister"
# A byline name is two to four words; its title line is one title (tokens are at most a few dozen
# characters long): longer lines are prose and are not tokenized for the byline test.
MAX_BYLINE_NAME_CHARS = 80
MAX_BYLINE_TITLE_CHARS = 40 * MAX_TITLE_TOKENS

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*|\d[\w\-]*|[^\s\w]")


class Token(NamedTuple):
    text: str
    start: int
    end: int


@dataclass
class PersonMention:
    name: str | None
    title: str | None
    organization: str | None
    country: str | None
    start: int  # span in the sentence, for clause filtering
    end: int
    possessive: bool = False  # "President Moon's visit": the person is talked about, not taking part
    span: Span | None = None  # where the page prints it (set by add_people)
    body: bool = False  # an office or delegation named without a person: "the Secretary-General"

    @property
    def surname_only(self) -> bool:
        return bool(self.name) and len(self.name.split()) == 1


@dataclass(frozen=True)
class TitleGrammar:
    heads: dict[str, tuple[tuple[str, ...], ...]]  # first token -> token sequences, longest first
    office_heads: frozenset[str]  # "National Intelligence Service chief": a head after the office it leads
    modifiers: frozenset[str]
    vocabulary: frozenset[str]  # casefolded
    connectors: frozenset[str]
    excluded_heads: frozenset[str]
    name_stopwords: frozenset[str]
    name_particles: frozenset[str]  # "bin", "van": words inside a name between two of its words
    plural_heads: dict[str, str]  # "Ministers" -> "Minister"
    title_starts: frozenset[str]  # tokens a title can begin with: modifiers and first words of heads
    portfolios: frozenset[str]  # capitalised complement words, also allowed before a head
    may_name_official: GatedPattern  # a sentence without any of these words names no titled official
    government_title: re.Pattern  # a title held in a government (not in a think tank or an NGO)
    office_word: re.Pattern  # in an organization the knowledge base does not know: a government body
    caption_positions: frozenset[str]  # "Chun Young-hee, right, head of ..."
    appositive_articles: frozenset[str]  # "Julie Turner, the U.S. special envoy ...": may open an appositive title
    counterpart: re.Pattern  # "her Chinese counterpart ": the nationality in group "adj", the name after it
    possessive_pronoun: re.Pattern  # "his", "her", "their" as whole words
    leading_article: re.Pattern
    possessive: re.Pattern  # a possessive ending ("Rubio's")
    first_person: re.Pattern  # in a transcript, the paragraph's speaker
    abbreviated_heads: dict[str, str]  # "Amb." -> "Ambassador"
    abbreviation: re.Pattern  # an abbreviated head inside a title, to spell out
    months_in_names: frozenset[str]  # "Theresa May": a month that may end a name
    syllable_stopwords: frozenset[str]  # "Moon Jae In": a preposition that may end a Korean given name
    body_articles: frozenset[str]  # "the Secretary-General": an office named without its holder
    delegation: re.Pattern  # "Delegations of ": the countries named next took part
    counterpart_countries: re.Pattern  # "his counterparts from the ": the countries named next took part
    group: re.Pattern  # "other Russian officials", "government officials": a side named as a group, "adj" its nationality
    group_of_a_government: re.Pattern  # "government officials": a group of no nationality printed that is still a side
    listed_officials: GatedPattern  # "senior Japanese government officials including ": group "adj"
    # forms of address as casefolded token sequences ("the Rt Hon."), by first word, longest first:
    # one lookup a token
    honorifics: dict[str, tuple[tuple[str, ...], ...]]
    post_nominals: frozenset[str]  # "Julie Bishop MP": letters after a name, no part of it


_NATIONALITY = r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?"  # "U.S.", "South Korean"


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation matching exactly the given words, the longest first."""
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


@cache
def grammar() -> TitleGrammar:
    data = json.loads(resources.files("readouts.data").joinpath("titles.json").read_text("utf-8"))

    def tok(phrase: str) -> tuple[str, ...]:
        return tuple(m.group() for m in _TOKEN.finditer(phrase))

    abbreviated = data["abbreviated_heads"]
    # a capitalised complement word may also stand before a head, as its portfolio ("Vice Unification
    # Minister", "Trade Minister")
    portfolios = frozenset(w for w in data["vocabulary"] if w[0].isupper())
    heads = sorted({tok(h) for h in [*data["heads"], *abbreviated]}, key=len, reverse=True)
    address = json.loads(resources.files("readouts.data").joinpath("honorifics.json").read_text("utf-8"))
    title_starts = frozenset(data["modifiers"]) | {h[0] for h in heads}
    # a form of address that opens a title ("Ambassador Kim") is read by the title grammar instead;
    # a form's final period is optional where it is printed ("Mr." or "Mr"), but part of an
    # abbreviation's token ("H.E.")
    honorifics = {tuple(t.casefold() for t in tok(form)[:-1 if tok(form)[-1] == "." else None])
                  for form in address["honorifics"] if tok(form)[0] not in title_starts}
    return TitleGrammar(
        heads={first: tuple(h for h in heads if h[0] == first) for first in {h[0] for h in heads}},
        office_heads=frozenset(data["office_heads"]),
        modifiers=frozenset(data["modifiers"]),
        portfolios=portfolios,
        vocabulary=frozenset(w.casefold() for w in data["vocabulary"]),
        connectors=frozenset(data["connectors"]),
        excluded_heads=frozenset(data["excluded_heads"]),
        name_stopwords=frozenset(data["name_stopwords"]),
        name_particles=frozenset(data["name_particles"]),
        plural_heads={k.split()[-1]: v.split()[-1] for k, v in data["plural_heads"].items()},
        title_starts=title_starts,
        government_title=re.compile(data["government_title"], re.I),
        may_name_official=GatedPattern(
            r"\b(?:" + _alternatives({h[0] for h in heads} | set(data["counterpart_nouns"])) + r")\b"),
        office_word=re.compile(_alternatives(data["office_words"])),
        caption_positions=frozenset(data["caption_positions"]),
        appositive_articles=frozenset(a for a in data["leading_articles"] if a.islower()),
        # a nationality is one or two capitalised words ("U.S.", "South Korean"), if printed ("his
        # counterpart Ri Son-gwon"); a plural noun may follow a list of them ("his U.S. and South
        # Korean counterparts")
        counterpart=re.compile(rf"\b(?:{_alternatives(data['counterpart_possessives'])})\s+"
                               rf"(?:(?P<adj>{_NATIONALITY}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){_NATIONALITY})*)\s+)?"
                               rf"(?P<noun>{_alternatives(data['counterpart_nouns'])}),?\s+"),
        possessive_pronoun=re.compile(rf"\b(?:{_alternatives(data['counterpart_possessives'])})\b", re.I),
        leading_article=re.compile(rf"^(?:{_alternatives(data['leading_articles'])})\s+"),
        possessive=re.compile(rf"(?:{_alternatives(data['possessive_endings'])})$"),
        first_person=re.compile(rf"\b(?:{_alternatives(data['first_person'])})\b"),
        abbreviated_heads=abbreviated,
        abbreviation=re.compile(rf"\b(?:{_alternatives(abbreviated)})(?!\w)"),
        months_in_names=frozenset(data["months_in_names"]),
        syllable_stopwords=frozenset(data["syllable_stopwords"]),
        body_articles=frozenset(data["body_articles"]),
        delegation=re.compile(data["delegation"]),
        counterpart_countries=re.compile(data["counterpart_countries"]),
        # a group noun after a nationality, or after a word of government, and not followed by the
        # officials it lists ("senior Japanese government officials including ...": those are named)
        group=re.compile(rf"(?:\b(?P<adj>{_NATIONALITY})\s+)?(?P<mods>(?:(?:{_alternatives(data['groups']['modifiers'])})\s+){{0,2}})"
                         rf"(?:{_alternatives(data['groups']['nouns'])})\b"
                         rf"(?!,?\s+(?:{_alternatives(data['listed_officials']['openers'])})\b)"),
        group_of_a_government=re.compile(rf"\b(?:{_alternatives(data['groups']['of_a_government'])})\b"),
        listed_officials=GatedPattern(rf"\b(?P<adj>{_NATIONALITY})\s+(?:[a-z]+\s+){{0,3}}"
                                    rf"(?:{_alternatives(data['listed_officials']['groups'])}),?\s+"
                                    rf"(?:{_alternatives(data['listed_officials']['openers'])})\s+"),
        honorifics={first: tuple(sorted((f for f in honorifics if f[0] == first), key=len, reverse=True))
                    for first in {f[0] for f in honorifics}},
        post_nominals=frozenset(address["post_nominals"]),
    )


_new_tuple = tuple.__new__  # builds a Token without the Python-level __new__ of a NamedTuple (a hot loop)


@lru_cache(maxsize=1024)  # an engagement sentence is read again for unnamed participants (find_bodies)
def tokenize(sentence: str) -> list[Token]:
    return [_new_tuple(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(sentence)]


def _could_start(tokens: list[Token], i: int) -> bool:
    """A cheap test before the title grammar: token i is a modifier, a head's first word or a
    nationality, a portfolio word before another title word ("Unification Minister", "European
    Union's Ambassador"), or a head qualified by a joined word ("Ambassador-designate")."""
    g = grammar()
    text = tokens[i].text
    return text in g.title_starts or _is_country_word(text) or text in g.portfolios and _portfolio_opens(tokens, i) \
        or "-" in text and text.rpartition("-")[0] in g.title_starts


def _portfolio_opens(tokens: list[Token], i: int) -> bool:
    """The portfolio word at i is followed by another title word: it may open a title."""
    if i + 1 == len(tokens):
        return False
    g = grammar()
    following = g.possessive.sub("", tokens[i + 1].text)
    return following in g.title_starts or following in g.portfolios


def _head_length(tokens: list[Token], i: int) -> int:
    """Length of the longest title head starting at token i (0 if none). A one-word head qualified by a
    lowercase word joined to it is that head ("Ambassador-designate", "President-elect")."""
    heads = grammar().heads
    for seq in heads.get(tokens[i].text, ()) if i < len(tokens) else ():
        n = len(seq)
        if i + n <= len(tokens) and all(tokens[i + k].text == seq[k] for k in range(1, n)):
            return n
    if i < len(tokens) and "-" in tokens[i].text:
        base, _, qualifier = tokens[i].text.rpartition("-")
        return int(qualifier.islower() and (base,) in heads.get(base, ()))
    return 0


@lru_cache(maxsize=65536)
def _is_country_word(text: str) -> bool:
    """A nationality, possessives included ("Japan's top nuclear envoy")."""
    return gazetteer.country_code(grammar().possessive.sub("", text)) is not None


def _in_vocabulary(text: str) -> bool:
    """A title word: one of the vocabulary, or a compound of capitalised words whose last part is one
    ("Indo-Pacific", "Asia-Pacific", "Trans-Pacific": "Minister of State for the Indo-Pacific"). A
    hyphenated given name has a part the vocabulary lacks ("Anne-Marie") or a lower-case one ("Tae-yul")."""
    vocabulary = grammar().vocabulary
    if text.casefold() in vocabulary:
        return True
    if "-" not in text:
        return False
    parts = text.split("-")
    return parts[-1].casefold() in vocabulary and all(part[:1].isupper() for part in parts)


def _is_name_token(tok: Token) -> bool:
    g = grammar()
    t = tok.text
    if not t[0].isupper():
        particle, hyphen, rest = t.partition("-")  # "al-Sabah", "el-Sisi"
        return bool(hyphen) and particle in g.name_particles and rest[:1].isupper()
    if t in g.name_stopwords or _in_vocabulary(t):
        return False
    if _is_country_word(t) or "." in t or t in g.post_nominals:
        return False
    return any(c.isalpha() for c in t)


def _is_title_word(tok: Token) -> bool:
    g = grammar()
    return _in_vocabulary(tok.text) or tok.text in g.connectors or _is_country_word(tok.text) \
        or tok.text in {"’s", "'s", "-"}


def _title_words_at(tokens: list[Token], m: int) -> int:
    """How many tokens at m continue a title's complement: one title word, or a country named in two
    words ("Foreign Minister of New Zealand"); 0 if none."""
    if _is_title_word(tokens[m]):
        return 1
    if m + 1 < len(tokens) and _is_country_word(f"{tokens[m].text} {tokens[m + 1].text}"):
        return 2
    return 0


def _initial_at(tokens: list[Token], i: int) -> bool:
    """A middle initial "J ." inside a name ("Antony J. Blinken")."""
    return i + 2 < len(tokens) and len(tokens[i].text) == 1 and tokens[i].text.isupper() \
        and tokens[i + 1].text == "." and _is_name_token(tokens[i + 2])


def _particle_at(tokens: list[Token], i: int) -> bool:
    """A name particle between two name words ("Abdullah bin Zayed", "Carol van Voorst"): part of the name."""
    return 0 < i < len(tokens) - 1 and tokens[i].text in grammar().name_particles \
        and _is_name_token(tokens[i - 1]) and _is_name_token(tokens[i + 1])


def _name_run_right(tokens: list[Token], i: int) -> int:
    """Number of tokens of the name starting at i (at most 4 words, middle initials and particles
    included)."""
    n = words = 0
    while i + n < len(tokens) and words < 4:
        if n and (_initial_at(tokens, i + n) or _particle_at(tokens, i + n)):
            n += 1 if _particle_at(tokens, i + n) else 2
        elif _is_name_token(tokens[i + n]) or n and (_month_ends_name(tokens, i + n) or _syllable_ends_name(tokens, i + n, n)):
            n += 1
            words += 1
        else:
            break
    return n


def _syllable_ends_name(tokens: list[Token], i: int, n: int) -> bool:
    """A romanized Korean given name written in separate syllables ends on a word that is also a
    preposition ("President Moon Jae In", "Lee Sang In"): after two name words, the second a syllable
    of a few letters, and before no capitalised word ("In Seoul" opens a phrase)."""
    g = grammar()
    return n == 2 and tokens[i].text in g.syllable_stopwords and len(tokens[i - 1].text) <= 4 \
        and not (i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper())


def _month_ends_name(tokens: list[Token], i: int) -> bool:
    """A month name after a name word is a surname ("Theresa May in Brussels") unless a number
    follows, which makes it a date ("Kim Jong-un May 5")."""
    return tokens[i].text in grammar().months_in_names and _is_name_token(tokens[i - 1]) \
        and not (i + 1 < len(tokens) and tokens[i + 1].text[0].isdigit())


def _after_honorifics(tokens: list[Token], i: int) -> int:
    """The first token after the forms of address that start at token i, each with an optional
    period ("H.E. Mr. Lee Myung-bak", "the Rt Hon. Boris Johnson" -> at "Lee", "Boris"); i if none."""
    forms = grammar().honorifics
    while i < len(tokens):
        n = next((len(f) for f in forms.get(tokens[i].text.casefold(), ()) if len(f) <= len(tokens) - i
                  and all(tokens[i + k].text.casefold() == w for k, w in enumerate(f))), 0)
        if not n:
            return i
        i += n + (i + n < len(tokens) and tokens[i + n].text == ".")
    return i


def _name_after(tokens: list[Token], i: int) -> tuple[int, int]:
    """(start, number of tokens) of the name at token i, after any forms of address."""
    start = _after_honorifics(tokens, i)
    n = _name_run_right(tokens, start)
    return (start, n) if n else (i, 0)


def _name_before(tokens: list[Token], j: int) -> tuple[int, int]:
    """(start, end) of the name that ends at token j or just before letters after it ("Julie Bishop
    MP"), without forms of address before it ("The Honourable Mélanie Joly"); start == end if none."""
    post_nominals = grammar().post_nominals
    while j > 0:  # "Julie Bishop MP", "Joseph R. Biden, Jr."
        k = j - 1 if tokens[j].text == "." else j  # the letters, before their period
        if tokens[k].text not in post_nominals:
            break
        j = k - 1
        if j > 0 and tokens[j].text == ",":  # "Biden, Jr."
            j -= 1
    k = _name_run_left(tokens, j)
    if k > j:
        return k, k
    return min(_after_honorifics(tokens, k), j), j + 1


def _name_run_left(tokens: list[Token], j: int) -> int:
    """Start index of the name run ending at token j (inclusive), or j+1 if none."""
    k = j
    if k >= 1 and _month_ends_name(tokens, k):
        k -= 1
    particles = 0  # no part of the name's length
    while k >= 0 and j - k - particles < 6:
        if k >= 2 and tokens[k].text == "." and _initial_at(tokens, k - 1) and k - 2 >= 0 \
                and _is_name_token(tokens[k - 2]):
            k -= 2
        elif k < j and _particle_at(tokens, k):
            k -= 1
            particles += 1
        elif _is_name_token(tokens[k]):
            k -= 1
        else:
            break
    return k + 1


def _text(sentence: str, tokens: list[Token], i: int, j: int) -> str:
    """Sentence text covered by tokens[i:j]."""
    if i >= j:
        return ""
    return sentence[tokens[i].start:tokens[j - 1].end]


def _name_text(sentence: str, tokens: list[Token], i: int, j: int) -> str:
    """A name as printed, without a possessive ending ("Rubio's" -> "Rubio")."""
    return grammar().possessive.sub("", _text(sentence, tokens, i, j))


def _title_span(tokens: list[Token], i: int) -> tuple[int, int, int] | None:
    """(start, head_end, end) of a title whose head starts at or after modifiers at i."""
    g = grammar()
    limit = min(len(tokens), i + MAX_TITLE_TOKENS)
    k = i
    while k < i + MAX_TITLE_PREFIX_TOKENS and k < limit and not _head_length(tokens, k) \
            and not _office_head(tokens, i, k):
        if tokens[k].text in g.modifiers or _is_country_word(tokens[k].text) \
                or g.possessive.sub("", tokens[k].text) in g.portfolios:  # "the European Union's Ambassador"
            k += 1
        elif k > i and tokens[k].text == "(" and k + 2 < len(tokens) and tokens[k + 2].text == ")":
            k += 3  # "Republic of Korea (ROK) Foreign Minister"
        else:
            break
    n = _head_length(tokens, k) or _office_head(tokens, i, k)
    if not n:
        return None
    head_end = k + n
    if head_end < len(tokens) and tokens[head_end].text == ("General" if tokens[k].text[0].isupper() else "general"):
        head_end += 1  # "Deputy Secretary General", "assistant secretary general"
    end = head_end
    if end + 1 < limit and tokens[end].text == "and" and tokens[end - 1].text in g.portfolios:
        # a portfolio joined to the head's own, in one word or more: "Minister of Foreign Affairs and
        # Trade", "... and International Cooperation"; not a second title ("... and Defence Minister")
        m = end + 1
        while m < limit and tokens[m].text in g.portfolios and tokens[m].text not in g.title_starts:
            m += 1
        if m > end + 1 and not (m < len(tokens) and tokens[m].text in g.title_starts):
            end = m
    # complement: "for ...", "of ...", "on ..." over title vocabulary, not "at" (organization)
    while end < limit and tokens[end].text in {"for", "of", "on", "to"}:
        m = end + 1
        while m < limit and tokens[m].text != "at" and (step := _title_words_at(tokens, m)):
            m += step
        while m > end + 1 and tokens[m - 1].text in g.connectors:
            m -= 1
        if m == end + 1:
            break
        end = m
    return i, head_end, end


def _office_head(tokens: list[Token], i: int, k: int) -> int:
    """1 if token k is a head printed after the office it leads, capitalised words from i on, and a
    name follows ("National Intelligence Service chief Suh Hoon"), else 0."""
    g = grammar()
    if k == i or k + 1 >= len(tokens) or tokens[k].text not in g.office_heads or not tokens[k + 1].text[0].isupper():
        return 0
    return int(g.possessive.sub("", tokens[k - 1].text) in g.portfolios)


def _organization(tokens: list[Token], sentence: str, end: int) -> tuple[str | None, int]:
    """'at the U.S. Department of State' or 'at Germany's foreign office' after a title (or after the
    name: 'Lee Donggy of the Ministry of Foreign Affairs of the Republic of Korea'): the organization
    and where it ends."""
    if end + 1 >= len(tokens) or tokens[end].text not in {"at", "of"}:
        return None, end
    g = grammar()
    owner = tokens[end + 1].text
    if owner == "the":
        first = end + 2
    elif g.possessive.search(owner) and _is_country_word(owner):
        first = end + 1  # the government owns the office: its country opens the organization's name
    else:
        return None, end
    m = first + (first == end + 1)
    limit = min(len(tokens), m + MAX_TITLE_TOKENS)
    while m < limit and _is_title_word(tokens[m]):
        m += 1
    while m > first + 1 and tokens[m - 1].text in g.connectors:
        m -= 1
    org = _text(sentence, tokens, first, m)
    if m > first + (first == end + 1) and (kb.organization_of(org) or g.office_word.search(org.title())):
        return org, m
    return None, end


@lru_cache(maxsize=4096)  # titles recur: the same few hundred strings
def _country_from(title: str, organization: str | None) -> str | None:
    """The government a title belongs to: a leading adjective ("U.S. Deputy ...", "Japanese ...") or a
    final "of X" counts; "for X", "to X", "in X" name a portfolio or a posting and do not."""
    for text in (title, organization or ""):
        for mention in gazetteer.find_countries(text):
            before = [w for w in text[:mention.start].split() if w not in {"the", "The"}]
            if not before or all(w in grammar().modifiers for w in before) or before[-1] == "of":
                return mention.code
    return kb.office_country(f"{title} {organization or ''}")


def find_people(sentence: str) -> list[PersonMention]:
    """Every titled or named official in the sentence, in order."""
    people = _find_titled(sentence)
    possessive = grammar().possessive
    for person in people:
        person.possessive = bool(possessive.search(sentence[person.start:person.end]))
    return people


def _find_titled(sentence: str) -> list[PersonMention]:
    g = grammar()
    if not g.may_name_official.search(sentence):
        return []
    tokens = tokenize(sentence)
    starts, portfolios = g.title_starts, g.portfolios
    people: list[PersonMention] = []
    used_until = 0
    spoken_for = -1  # the token after "Spokesman for": a title read from there names the official spoken for
    i = 0
    while i < len(tokens):
        text = tokens[i].text  # _could_start inlined: it runs on every token
        could_start = text in starts or _is_country_word(text) or text in portfolios and _portfolio_opens(tokens, i) \
            or "-" in text and text.rpartition("-")[0] in starts  # "Ambassador-designate"
        span = _title_span(tokens, i) if i >= used_until and could_start else None
        if not span:
            i += 1
            continue
        start, head_end, end = span
        if start >= used_until + 2 and _is_country_word(f"{tokens[start - 2].text} {tokens[start - 1].text}"):
            start -= 2  # a country named in two words opens the title: "The New Zealand Prime Minister"
        title = _text(sentence, tokens, start, end)
        organization, after = _organization(tokens, sentence, end)
        name = None
        name_start, name_end = start, after
        counterpart_adj = None
        # TITLE NAME, possibly with the office's acronym in between: "... Council (NSC) Allison Hooker"
        if after + 2 < len(tokens) and tokens[after].text == "(" and tokens[after + 2].text == ")":
            after += 3
        after, n = _name_after(tokens, after)
        if n:
            name = _name_text(sentence, tokens, after, after + n)
            name_end = after + n
            # "Secretary of State Rex Tillerson of the US": a country suffix after the name
            if name_end + 1 < len(tokens) and tokens[name_end].text == "of":
                tail = _text(sentence, tokens, name_end + 1, min(len(tokens), name_end + 5))
                found = gazetteer.find_countries(tail)
                if found and found[0].start <= 4:
                    counterpart_adj = found[0].code
            if counterpart_adj is None and organization is None:
                # the office named after the name: "Lee Donggy of the Ministry of Foreign Affairs of the ROK"
                organization = _organization(tokens, sentence, name_end)[0]
        else:
            # NAME, TITLE  (an honorific before the name is not part of it; a photo caption may put
            # the position in between: "Chun Young-hee, right, head of ..."; an article may open the
            # title: "Julie Turner, the U.S. special envoy ...", and the body the office belongs to may
            # stand between: "Noh Kyu-duk, the ministry's special representative ...")
            comma = _before_possessive_organization(tokens, start - 1)
            if comma >= 1 and tokens[comma].text in g.appositive_articles:
                comma -= 1
            if comma >= 3 and tokens[comma].text == "," and tokens[comma - 1].text in g.caption_positions \
                    and tokens[comma - 2].text == ",":
                comma -= 2
            if comma >= 1 and tokens[comma].text == ",":
                last = comma - 1
                if last >= 3 and tokens[last].text == ")" and tokens[last - 1].text in g.caption_positions \
                        and tokens[last - 2].text == "(":
                    last -= 3  # "Noh Kyu-duk (R), the ministry's special representative ..."
                k, j = _name_before(tokens, last)
                if k < j:
                    name = _name_text(sentence, tokens, k, j)
                    name_start = k
            if name is None and (m := _appositive_name(tokens, after)):
                # TITLE, NAME: "the U.S. Ambassador to the Republic of Korea, Philip Goldberg, at ..."
                name = _name_text(sentence, tokens, _after_honorifics(tokens, after + 1), m)
                name_end = m
        if name is None:
            i = max(i + 1, head_end)
            continue
        if any(t.text in g.excluded_heads for t in tokens[start:head_end]):
            # a spokesperson is no participant, but "the Spokesman for UN Secretary-General António
            # Guterres" names the official the statement is issued for (ANNOTATION.md settled
            # conventions): the title is read again from the word after "for"
            spoken_for = next((k + 1 for k in range(head_end, end) if tokens[k].text == "for"), -1)
            i = used_until = spoken_for if spoken_for > 0 else name_end
            continue
        if spoken_for >= 0 and start >= spoken_for and not kb.official_country(name):
            # "the Spokesperson for the Secretary-General Stéphane Dujarric": the name is the
            # spokesperson's unless the knowledge base knows it as an official's
            spoken_for = -1
            i = used_until = name_end
            continue
        spoken_for = -1
        if tokens[head_end - 1].text in g.plural_heads and n:
            listed, name_end = _plural_list(sentence, tokens, title, after, name_end)
            people.extend(listed)
            used_until = i = name_end
            continue
        if title in g.abbreviated_heads and name_end + 1 < len(tokens) and tokens[name_end].text == "," \
                and _title_span(tokens, name_end + 1):
            # a rank before a name that an office follows is a form of address, like an honorific:
            # "Amb. Kim Gunn, Special Representative for ..." is read as NAME, TITLE
            i = used_until = name_end
            continue
        country = counterpart_adj or _country_from(title, organization)
        people.append(PersonMention(name=name, title=_clean_title(title), organization=organization,
                                    country=country, start=tokens[name_start].start,
                                    end=tokens[name_end - 1].end))
        used_until = name_end
        i = name_end
    people.extend(_counterparts(sentence, tokens, people))
    people.sort(key=lambda p: p.start)
    _listed_nationality(sentence, people)
    return people


def _listed_nationality(sentence: str, people: list[PersonMention]) -> None:
    """'senior Japanese government officials including Vice Minister for Foreign Affairs Kenichiro
    Sasae, ...': the officials listed after a group of one nationality are of its country, up to the
    first who is of another (people in sentence order; their country set in place)."""
    for m in grammar().listed_officials.finditer(sentence):
        country = gazetteer.country_code(m.group("adj"))
        if country is None:
            continue
        for person in (p for p in people if p.start >= m.end()):
            if person.country not in (None, country):
                break
            person.country = country


def _before_possessive_organization(tokens: list[Token], j: int) -> int:
    """The token before an organization named in the possessive that ends at token j ("the foreign
    ministry's" before "special representative"), or j itself if none ends there."""
    g = grammar()
    if j < 0 or not g.possessive.search(tokens[j].text):
        return j
    k = j
    while k >= 0 and k > j - MAX_TITLE_PREFIX_TOKENS and g.possessive.sub("", tokens[k].text).casefold() in g.vocabulary:
        k -= 1
    return k if k < j else j


def _appositive_name(tokens: list[Token], comma: int) -> int:
    """The end of a name set off by commas after a title (', Philip Goldberg,'), or 0: the name must
    close its clause (a comma, a period, a lowercase word or the sentence end follows), or the
    comma begins a list rather than an apposition ("the Ambassador, Kim Ho and Lee Jun")."""
    if comma >= len(tokens) or tokens[comma].text != ",":
        return 0
    start, n = _name_after(tokens, comma + 1)
    end = start + n
    if n and (end == len(tokens) or tokens[end].text in {",", ".", ";"}
              or tokens[end].text[0].islower() and tokens[end].text not in {"and", "or"}):
        return end
    return 0


def find_bodies(sentence: str, people: list[PersonMention], headline: bool = False) -> list[PersonMention]:
    """Participants the sentence names without a person (ANNOTATION.md's unnamed participants):
    an office after an article ("the Secretary-General", "the Russian foreign minister") and the
    countries after "delegations of" ("Delegations of the Republic of Korea and Japan"), outside
    the people already read. A headline drops its articles: there any office whose holder is not
    named counts ("Ambassador Yoon Yeo-chul Meets UK Minister for Asia")."""
    g = grammar()
    read = Coverage(people)
    bodies = []
    tokens = tokenize(sentence)
    # where an office may open, and where its name starts (with its article)
    opens = ((i, i) for i in range(len(tokens))) if headline else \
        ((i + 1, i) for i, token in enumerate(tokens[:-1]) if token.text in g.body_articles)
    free = 0  # offices do not overlap: "UK Minister for Asia" holds "Minister for Asia"
    for at, first in opens:
        if at < free or read.covers(tokens[at].start) \
                or first >= 2 and tokens[first - 1].text == "," and read.covers(tokens[first - 2].start):
            continue  # "Kim Hwang-sik, the Prime Minister": the office of the person just named
        if plural := _plural_office(tokens, at):
            bodies.extend(_office_sides(sentence, tokens, at, *plural))
            free = plural[1]
            continue
        span = _title_span(tokens, at) if _could_start(tokens, at) else None
        if span is None or _name_run_right(tokens, span[2]) or _appositive_name(tokens, span[2]):
            continue  # no office, or an office whose holder is named
        title = _text(sentence, tokens, at, span[2])
        free = span[2]
        bodies.append(PersonMention(name=_text(sentence, tokens, first, span[2]), title=_clean_title(title),
                                    organization=None, country=_country_from(title, None),
                                    start=tokens[first].start, end=tokens[span[2] - 1].end, body=True))
    for pattern, side in ((g.delegation, "delegation"), (g.counterpart_countries, "counterpart")):
        for m in pattern.finditer(sentence):
            if sentence.endswith(" of the ", 0, m.start()):
                continue  # inside an office: "head of the delegation of the Republic of Korea to the talks"
            bodies.extend(_side(country, side, m.end()) for country in _country_list(sentence, m.end())
                          if not read.covers(m.end() + country.end - 1))
    if not headline:
        bodies.extend(_groups(sentence, read))
    token_starts = [t.start for t in tokens]
    for m in g.counterpart.finditer(sentence):
        # counterparts by nationality whose names are not printed: "with his Japanese and South
        # Korean counterparts on Monday"
        if not read.covers(m.end()) and not _name_after(tokens, bisect.bisect_left(token_starts, m.end()))[1]:
            bodies.extend(_side(country, "counterpart", m.start("adj"))
                          for country in gazetteer.find_countries(m.group("adj") or ""))
    return bodies


def _groups(sentence: str, read: Coverage) -> Iterator[PersonMention]:
    """Sides named as a group of officials (titles.json 'groups', Phoenix's agent nouns): of a
    nationality ("meet with other Russian officials", "Chinese officials") or of a government
    ("government officials", of no country known), one body each, outside the people already read."""
    for m in grammar().group.finditer(sentence):
        start, code = _nationality(m)
        if code is None and not grammar().group_of_a_government.search(m.group("mods")) or read.covers(start):
            continue
        yield PersonMention(name=sentence[start:m.end()], title=None, organization=None, country=code,
                            start=start, end=m.end(), body=True)


def _nationality(group: re.Match) -> tuple[int, str | None]:
    """Where a group's name starts and the country of its nationality: its one or two capitalised
    words before the noun ("South Korean officials"), or the last of them ("With Chinese officials")."""
    adj = group.group("adj")
    if adj:
        for at in (0, adj.rfind(" ") + 1):
            if code := gazetteer.country_code(adj[at:]):
                return group.start("adj") + at, code
    return group.start("mods"), None


def _plural_office(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(head end, end) of an office held by several, whose portfolios may be coordinated, at token i
    ("defence and foreign affairs ministers of Japan", "Foreign Ministers"), or None."""
    g = grammar()
    for k in range(i, min(len(tokens), i + MAX_TITLE_PREFIX_TOKENS)):
        if tokens[k].text in g.plural_heads:
            span = _title_span(tokens, k)
            return (span[1], span[2]) if span and span[1] == k + 1 else None
        if not (_is_title_word(tokens[k]) or tokens[k].text in g.modifiers) or tokens[k].text in {",", "the"}:
            return None
    return None


def _office_sides(sentence: str, tokens: list[Token], i: int, head_end: int, end: int) -> list[PersonMention]:
    """The unnamed sides an office held by several stands for: one per government its title names
    ("the defence and foreign affairs ministers of Japan" -> Japan; "the Foreign Ministers of Japan
    and Korea" -> both); none when it names no government ("the Foreign Ministers": those named)."""
    title = _text(sentence, tokens, i, end)
    if _country_from(title, None) is None:
        return []
    office = _clean_title(_text(sentence, tokens, i, head_end))
    plural = tokens[head_end - 1].text
    held = office[: -len(plural)] + grammar().plural_heads[plural]  # the office each of them holds
    return [PersonMention(name=f"{country.surface} {office}", title=held, organization=None, country=country.code,
                          start=tokens[i].start + country.start, end=tokens[i].start + country.end, body=True)
            for country in gazetteer.find_countries(title)]


def _country_list(sentence: str, at: int) -> Iterator[gazetteer.CountryMention]:
    """The countries listed from offset at ("the Republic of Korea, Japan and the United States"),
    their offsets from at."""
    end = at
    for country in gazetteer.find_countries(sentence[at:at + MAX_DELEGATION_LIST]):
        if _LIST_GAP.fullmatch(sentence, end, at + country.start) is None:
            return  # the list of countries ended
        end = at + country.end
        yield country


def _side(country: gazetteer.CountryMention, side: str, offset: int) -> PersonMention:
    """An unnamed side of one country ("U.S. counterpart", "Japan delegation") found at offset + its start."""
    return PersonMention(name=f"{country.surface} {side}", title=None, organization=None, country=country.code,
                         start=offset + country.start, end=offset + country.end, body=True)


MAX_DELEGATION_LIST = 200  # characters: "Delegations of the Republic of Korea, Japan and the United States"
_LIST_GAP = re.compile(r"(?:\s|,|\band\b|\bthe\b)*")  # between the countries of a list


def _plural_list(sentence: str, tokens: list[Token], title: str, first: int,
                 end: int) -> tuple[list[PersonMention], int]:
    """'Foreign Ministers Wang Yi, Kono and Ri Yong-ho of China, Japan and North Korea, respectively':
    one mention per name, countries paired in order when the sentence says 'respectively'."""
    spans, k = _name_list(tokens, first, end)
    countries: list[str | None] = [None] * len(spans)
    if k < len(tokens) and tokens[k].text == "of" and "respectively" in sentence[tokens[k].start:]:
        tail = sentence[tokens[k].start:sentence.find("respectively", tokens[k].start)]
        found = [m.code for m in gazetteer.find_countries(tail)]
        if len(found) == len(spans):
            countries = found
    plural = title.split()[-1]
    singular = _clean_title(title)[: -len(plural)] + grammar().plural_heads.get(plural, plural)
    return [PersonMention(name=_name_text(sentence, tokens, a, b), title=singular, organization=None,
                          country=c, start=tokens[a].start, end=tokens[b - 1].end)
            for (a, b), c in zip(spans, countries)], k


def _name_list(tokens: list[Token], first: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """The names listed from the one at tokens[first:end] ("Wang Yi, Kono and Ri Yong-ho", serial
    comma or not, forms of address dropped): their (start, end) token spans and where the list ends."""
    spans = [(first, end)]
    k = end
    while k < len(tokens) and tokens[k].text in {",", "and"}:
        j = k + 1
        if tokens[k].text == "," and j < len(tokens) and tokens[j].text == "and":  # serial comma
            j += 1
        j, n = _name_after(tokens, j)
        if not n:
            break
        spans.append((j, j + n))
        k = j + n
    return spans, k


class Coverage:
    """Which offsets of a sentence some mentions cover, asked in O(log n) per offset (a scan of the
    mentions per question would make a page of thousands of mentions quadratic)."""

    def __init__(self, mentions: Iterable[PersonMention]) -> None:
        ordered = sorted(mentions, key=lambda p: p.start)
        self._starts = [p.start for p in ordered]
        self._reach = list(accumulate((p.end for p in ordered), max))  # furthest end of the first k

    def covers(self, offset: int, slack: int = 0) -> bool:
        """True when start <= offset < end + slack for some mention."""
        before = bisect.bisect_right(self._starts, offset)
        return bool(before) and self._reach[before - 1] + slack > offset


def _counterparts(sentence: str, tokens: list[Token], found: list[PersonMention]) -> list[PersonMention]:
    out = []
    # bisections over the token and mention starts, not scans: a sentence repeating "his X
    # counterpart" thousands of times stays linear
    token_starts = [t.start for t in tokens]
    read = Coverage(found)
    plural = grammar().plural_heads
    for m in grammar().counterpart.finditer(sentence):
        if read.covers(m.end()):  # inside a mention already read
            continue
        idx = bisect.bisect_left(token_starts, m.end())
        if idx == len(tokens):
            continue
        idx, n = _name_after(tokens, idx)
        if not n:
            continue
        spans = [(idx, idx + n)]
        if m.group("noun") in plural:  # "his U.S. and South Korean counterparts Hillary Clinton and Kim Sung-hwan"
            spans, _ = _name_list(tokens, idx, idx + n)
        out.extend(PersonMention(name=_name_text(sentence, tokens, a, b), title=None, organization=None,
                                 country=country, start=tokens[a].start, end=tokens[b - 1].end)
                   for (a, b), country in zip(spans, _nationalities(m.group("adj") or "", len(spans)))
                   if not read.covers(tokens[a].start))
    return out


def _nationalities(adjectives: str, people: int) -> list[str | None]:
    """The country of each of so many counterparts: the nationalities in the order printed, one per
    person ("his U.S. and South Korean counterparts A and B"); one nationality is all of theirs
    ("their Australian counterparts A and B"); otherwise none is known."""
    codes = [c.code for c in gazetteer.find_countries(adjectives)]
    if len(codes) == people:
        return codes
    return [codes[0] if len(codes) == 1 else None] * people


@lru_cache(maxsize=4096)
def _clean_title(title: str) -> str:
    """The office as printed, without an article or a nationality, leading or final ("U.S. Deputy
    Secretary of State", "Minister for Foreign Affairs of Japan"): the country is recorded on its own."""
    g = grammar()
    leading_article = g.leading_article
    title = g.abbreviation.sub(lambda m: g.abbreviated_heads[m.group()], title)
    title = leading_article.sub("", title).strip(" ,")
    # a capital standing for its government opens a title too ("Seoul's director general for ...")
    while (found := gazetteer.find_countries(title, metonyms=True)) and found[0].start == 0:
        after = title[found[0].end:]
        rest = leading_article.sub("", re.sub(r"^(?:['’]s)?\s*(?:\([^)]*\)\s*)?", "", after)) if after else ""
        if not rest:
            return title
        title = rest
    found = gazetteer.find_countries(title)
    if found and found[-1].end == len(title) and (of := _FINAL_OF.search(title, 0, found[-1].start)):
        return title[:of.start()]
    return title


_FINAL_OF = re.compile(r"\s+of(?:\s+the)?\s*$")  # "... of the" before a final country


_SPEAKER = re.compile(r"^((?:[A-Z][A-Z.'’-]+ ){0,4}[A-Z][A-Z'’-]+):\s")


def speaker_of(paragraph: str) -> PersonMention | None:
    """The speaker a transcript paragraph opens with: 'SECRETARY POMPEO: Good afternoon.'"""
    m = _SPEAKER.match(paragraph)
    if not m:
        return None
    words = [w.capitalize() for w in m.group(1).split()]
    if len(words) < 2 or not _head_length(tokenize(" ".join(words[:-1])), 0):
        return None  # a speaker is a title and a surname ("MODERATOR:" and "Q:" are not officials)
    return PersonMention(name=words[-1], title=" ".join(words[:-1]), organization=None, country=None,
                         start=0, end=m.end(1))


def byline_person(name_line: str, title_line: str) -> PersonMention | None:
    """A name alone on a line with the office on the next: 'Mike Pompeo' / 'Secretary of State'."""
    if len(name_line) > MAX_BYLINE_NAME_CHARS or len(title_line) > MAX_BYLINE_TITLE_CHARS:
        return None  # a paragraph of prose, not a byline: no need to tokenize it
    names = tokenize(name_line)
    if not 2 <= len(names) <= 4 or _name_run_right(names, 0) != len(names):
        return None
    titles = tokenize(title_line)
    span = _title_span(titles, 0)
    if span is None or span[2] != len(titles):
        return None
    title = _clean_title(title_line)
    return PersonMention(name=name_line.strip(), title=title, organization=None,
                         country=_country_from(title_line, None), start=0, end=len(name_line))


def add_people(doc: Document) -> None:
    """Step `people`: doc.people (the officials each sentence names, each with its span) and
    doc.bylines. In a transcript, "I" and "my" name the speaker of the paragraph ("SECRETARY
    POMPEO: ... It is my honor to welcome ..."); a name alone on a line over an office is a byline
    official."""
    paragraphs = doc.paragraphs
    first_person = grammar().first_person
    speakers = []
    for n, paragraph in enumerate(paragraphs):
        speaker = speaker_of(paragraph.text)
        if speaker:
            speaker.span = Span(paragraph.start + speaker.start, paragraph.start + speaker.end,
                                paragraph.text[speaker.start:speaker.end])
        speakers.append(speaker)
        if n + 1 < len(paragraphs) and (byline := byline_person(paragraph.text, paragraphs[n + 1].text)):
            byline.span = Span(paragraph.start + byline.start, paragraph.start + byline.end,
                               paragraph.text[byline.start:byline.end])
            doc.bylines.append(byline)
    for sentence in doc.sentences:
        found = find_people(sentence.text)
        for mention in found:
            mention.span = sentence.span(mention.start, mention.end)
        speaker = speakers[sentence.paragraph]
        if speaker and first_person.search(sentence.text):
            found.append(speaker)
        doc.people.append(found)


def home_country(doc: CleanDocument, events: list[Event] | None = None) -> str | None:
    """The government a page speaks for (ANNOTATION.md, plural subjects): its publisher's ('Ministry
    of Foreign Affairs of Japan', or a news outlet's country: Kyodo News's is Japan), else, when the page's events are known, the country of its first
    participant (a page whose publisher is not printed still reads from its first-named side)."""
    from ..clean import publisher_country  # clean reads dates with extract.dates: imported when called
    if doc.publisher:
        found = gazetteer.find_countries(doc.publisher)
        code = found[0].code if found else kb.office_country(doc.publisher) or publisher_country(doc.publisher)
        if code:
            return code
    return next((p.country for e in events or () for p in e.participants if p.country), None)
