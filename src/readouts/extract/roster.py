"""The officials of one page, so that a surname-only or role mention ("Special Representative Kim",
"the minister") is the official printed in full elsewhere on the page (read there as a name, or as
the knowledge base spells an official the page prints). Used by the events step (events.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from .. import kb
from ..types import Sentence
from .people import Coverage, PersonMention
from .people import grammar as people_grammar

_NAME_PUNCTUATION = re.compile(r"[-‐’']")


def person_key(name: str) -> str:
    """Order-, case- and hyphen-insensitive key of a personal name."""
    return " ".join(sorted(_NAME_PUNCTUATION.sub("", name).casefold().split()))


_NAME_GOES_ON = re.compile(r"[\w-]")  # a letter or hyphen beside a form: part of a longer word
_NAME_RUN = re.compile(r"[\w-]+")  # where a form can start: a run of letters and hyphens, whole
FEW_FORM_STARTS = 48  # up to this many first words of names on a page, each is looked for with str.find
_NEXT_NAME = re.compile(r"\s+([A-Z][a-z][\w’'-]*)")  # another capitalised word: "Kim" is not "Kim Jong-un"


def _name_follows(sentence: str, at: int) -> bool:
    """Another name word follows at `at` ("Kim" in "Kim Jong-un"); a capitalised word that is
    never a name (a weekday, a month: "Clinton Friday") does not continue one."""
    m = _NEXT_NAME.match(sentence, at)
    return m is not None and m.group(1) not in people_grammar().name_stopwords


@cache
def role_nouns() -> frozenset[str]:
    """The last words of title heads ("minister", "secretary"): the nouns a role reference ends on."""
    return frozenset(seq[-1].casefold() for seqs in people_grammar().heads.values() for seq in seqs)


ROLE_WORDS = 4  # a role reference runs to a few words of a title: "the Deputy Secretary"


def word_runs(title: str) -> Iterator[str]:
    """The runs of up to ROLE_WORDS consecutive words of a title, casefolded."""
    words = title.casefold().split()
    return (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + ROLE_WORDS) + 1))


def role_words(text: str) -> set[str]:
    """The role nouns a title or a role reference contains ("Foreign Minister" -> {"minister"})."""
    return {w.casefold() for w in text.split()} & role_nouns()


def _short_form(part: str) -> bool:
    """Whether one part of a full name may stand for it alone: three letters or more, or a
    two-letter name ("Vu" of "Nguyen Minh Vu", "Wu" of "Wu Dawei") that is no word opening a
    sentence ("An", "He", "In": titles.json name_stopwords) nor a syllable ending given names."""
    g = people_grammar()
    return len(part) > 2 or len(part) == 2 and part.istitle() and part not in g.name_stopwords \
        and part not in g.syllable_stopwords


class Roster:
    """The officials of one document, so that "Special Representative Kim" and a later bare
    "Sherman" are the Kim Gunn and Wendy Sherman printed in full elsewhere on the page."""

    def __init__(self, mentions: list[PersonMention], text: str = "", day: date | None = None) -> None:
        # Indexes, not scans, so that a page naming thousands of officials costs linear time.
        self._text = text  # where the knowledge base's full names are looked for
        self._page: frozenset[str] | None = None  # its names (kb.page_names), read at the first need
        self._day = day  # the page's printed date: who held which post then
        self._known_names: dict[tuple[str, str | None, str | None], PersonMention] = {}
        self.full: dict[str, PersonMention] = {}  # person_key -> the first full mention, completed
        self._by_part: dict[str, list[PersonMention]] = {}  # a casefolded name part -> full mentions
        for m in mentions:
            if m.name and not m.surname_only:
                self._merge_full(m)
        for m in mentions:  # "his UK counterpart Boris Johnson" ... "Secretary Johnson"
            resolved = self.resolve(m)
            if resolved is not m and not resolved.title and m.title:
                resolved.title = m.title
        self._forms = self._short_forms()
        self._roles = {phrase for p in self.full.values() if p.title for phrase in word_runs(p.title)}

    def _merge_full(self, mention: PersonMention) -> None:
        key = person_key(mention.name)
        known = self.full.get(key)
        if known is not None:
            known.title = known.title or mention.title
            known.organization = known.organization or mention.organization
            known.country = known.country or mention.country
            return
        self.full[key] = known = PersonMention(mention.name, mention.title, mention.organization, mention.country,
                                               mention.start, mention.end, span=mention.span)
        for part in set(known.name.casefold().replace("-", " ").split()):
            self._by_part.setdefault(part, []).append(known)

    def _short_forms(self) -> dict[str, dict[int, set[str]]]:
        """Full names and unambiguous single names (a surname in either name order), indexed by
        the run of letters and hyphens each begins with, then by length (many forms may begin
        with one word, "Kim", but they come in few lengths). A surname of two letters ("Ri", "Xi",
        "Yu") is one too, unless it is a word that opens sentences or ends given names ("In", "An")."""
        counts: dict[str, int] = {}
        for p in self.full.values():
            for part in {p.name.split()[0], p.name.split()[-1]}:
                counts[part] = counts.get(part, 0) + 1
        forms = [p.name for p in self.full.values()] + [part for part, n in counts.items() if n == 1 and _short_form(part)]
        by_start: dict[str, dict[int, set[str]]] = {}
        for form in forms:
            if first := _NAME_RUN.match(form):
                by_start.setdefault(first.group(), {}).setdefault(len(form), set()).add(form)
        return by_start

    def _form_starts(self, sentence: str) -> Iterator[tuple[int, str]]:
        """(offset, run) of each whole run of letters and hyphens of the sentence that begins some
        form: found by str.find per run when the page has few forms (the usual page: cheapest), by
        one scan of the sentence's runs when it has many (linear whatever their number)."""
        if len(self._forms) > FEW_FORM_STARTS:
            yield from ((run.start(), run.group()) for run in _NAME_RUN.finditer(sentence) if run.group() in self._forms)
            return
        for key in self._forms:
            at = sentence.find(key)
            while at >= 0:
                if not (at and _NAME_GOES_ON.match(sentence[at - 1])) and not _NAME_GOES_ON.match(sentence, at + len(key)):
                    yield at, key
                at = sentence.find(key, at + 1)

    def _occurrences(self, sentence: str) -> list[tuple[int, int]]:
        """Where the forms stand as whole names, left to right, the longest where two start
        together, none overlapping (as a longest-first alternation would find them). A whole name
        starts where a run of letters and hyphens starts, and that run begins the form."""
        found = []
        for at, key in self._form_starts(sentence):
            for length, forms in self._forms[key].items():
                end = at + length
                if sentence[at:end] in forms and not _NAME_GOES_ON.match(sentence, end) \
                        and not _name_follows(sentence, end):
                    found.append((at, end))
        kept: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        return kept

    def resolve(self, mention: PersonMention) -> PersonMention:
        """The document's full-name official this mention refers to, or the mention itself."""
        if mention.surname_only:
            matches = self._by_part.get(mention.name.casefold(), [])
            if len(matches) > 1 and mention.title:
                head = mention.title.split()[-1]
                matches = [p for p in matches if p.title and head in p.title] or matches
            if len(matches) == 1:
                return matches[0]
            return mention if matches else self._known(mention)
        return self.full.get(person_key(mention.name), mention)

    def _known(self, mention: PersonMention) -> PersonMention:
        """A surname whose full name the title grammar read nowhere on the page ("Minister Payne"
        where the page prints "MARISE PAYNE" as a speaker's line): the official of the knowledge
        base by that name whose full name the page prints (kb.printed_bearer), as the knowledge
        base spells it; else the mention itself."""
        asked = (mention.name, mention.title, mention.country)
        if asked not in self._known_names:  # each surname is looked for in the page once
            if self._page is None:
                self._page = kb.page_names(self._text)
            official = kb.printed_bearer(mention.name, self._page, mention.title, self._day, mention.country)
            self._known_names[asked] = mention if official is None else PersonMention(
                official.name, mention.title, None, official.country, mention.start, mention.end, span=mention.span)
        known = self._known_names[asked]
        return mention if known.name == mention.name else known

    def holds_role(self, title: str | None) -> bool:
        """Whether an office named without a person ("the minister") is one a named official of the
        page holds (its words run inside that official's title: "Foreign Minister", not "Prime
        Minister"): then it refers to that official, not to an unnamed participant."""
        return bool(title) and title.casefold() in self._roles

    def holder(self, body: PersonMention) -> PersonMention | None:
        """The page's one named official holding the office a body names ("the Chinese foreign
        minister" after "Chinese Foreign Minister Yang Jiechi"), in the body's place in the
        sentence; None when no one or several do."""
        if not body.title:
            return None
        role = body.title.casefold()
        holders = [p for p in self.full.values() if p.title and role in set(word_runs(p.title))]
        if body.country is not None:  # of that country, else of no country known
            holders = [p for p in holders if p.country == body.country] \
                or [p for p in holders if p.country is None]
        if len(holders) != 1:
            return None
        held = holders[0]
        return PersonMention(held.name, held.title, held.organization, held.country or body.country,
                             body.start, body.end, span=body.span)

    def spot(self, sentence: Sentence, found: list[PersonMention]) -> list[PersonMention]:
        """Bare mentions of the document's officials that the title grammar did not catch."""
        extra = []
        text = sentence.text
        read = Coverage(found)
        for start, end in self._occurrences(text) if self._forms else ():
            if read.covers(start, slack=1):
                continue
            possessive = text.startswith(("'", "’"), end)
            extra.append(PersonMention(text[start:end], None, None, None, start, end, possessive,
                                       sentence.span(start, end)))
        return extra
