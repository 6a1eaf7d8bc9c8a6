"""PLOVER statements: what the engagement's participants condemned, urged, agreed or supported, and
whom it was aimed at. The wording is data (data/actions.json); this module reads a sentence's
finite predicates in order, the clause each governs, and the countries that clause names.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import takewhile
from typing import NamedTuple

from .. import gazetteer, kb, regex_cache
from ..scan import GatedPattern, aligned_lower, lowercase_starts
from ..types import TEXT, Document, Statement
from .people import home_country
from .topics import TopicHit, detect_topics, first_topic_between

_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")  # a word that may be an official's surname
_SINGULAR_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)  # a subject that refers back to one participant
_ANTECEDENT_REACH = 3  # sentences a "he" or "she" looks back for the participant it refers to
_PARTICIPLE = re.compile(r"\w+ing\b")  # a predicate of a participial clause: ", urging X to"
_WORD = re.compile(r"[a-z]+")  # a word of lowercased text
_CONTEXT = 40  # characters around a predicate read for passive voice and negation
_SUBJECT_LEAD = 4  # characters before a subject's first country: "The " of "The United States"
_ACCUSED_WINDOW = (40, 60)  # characters before and after a negative word in which the accused is named


@dataclass(frozen=True)
class ActionRule:
    pattern: re.Pattern
    action: str | None  # None: a neutral reporting verb ("discussed", "pointed out")
    target: str  # object | all | agreed | self | subject | asked | none (a neutral verb that accuses nobody)
    starts: tuple[str, ...] | None  # lowercase literal texts a match begins with; None: any

    def may_match_at(self, lowered: str | None, pos: int) -> bool:
        """False when the rule cannot match at pos of the text whose aligned_lower() is given."""
        return self.starts is None or lowered is None or lowered.startswith(self.starts, pos)


def _anywhere(rule: ActionRule) -> bool:
    """A rule that two letters do not place: no known start, or a one-letter one."""
    return rule.starts is None or any(len(start) < 2 for start in rule.starts)


def _by_start(rules: tuple[ActionRule, ...]) -> dict[str, tuple[ActionRule, ...]]:
    """Rules indexed by the first two letters their matches can begin with (the rules that two
    letters do not place are under every key)."""
    keys = {start[:2] for rule in rules if rule.starts for start in rule.starts if len(start) >= 2}
    return {key: tuple(rule for rule in rules if _anywhere(rule) or key in {start[:2] for start in rule.starts})
            for key in keys}


def _rule(entry: dict) -> ActionRule:
    pattern = regex_cache.compile(entry["pattern"], re.I)
    return ActionRule(pattern, entry["action"], entry["target"], lowercase_starts(pattern))


# how a phrase of data/cameo_phrases.json reads its target: as the same action of actions.json does
_PHRASE_TARGETS = {"ACCUSE": "all", "AGREE": "agreed", "SUPPORT": "object", "REQUEST": "object",
                   "REJECT": "object", "THREATEN": "object"}
# the words between a phrase's verb and its noun ("reiterated | the United States' ironclad |
# commitment"): up to four, none of them a word that opens a clause or a complement ("stressed the importance of support")
_PHRASE_GAP = r"(?:(?!(?:that|to|of|for|on|in|with|as|which|who|when|while|if|but|and)\b)[\w.’'-]+\s+){0,4}?"


def _verb_forms(verb: str) -> list[str]:
    """A CAMEO verb's finite forms in the present and past ("reiterate" -> reiterate, reiterates,
    reiterated; "stress" -> stress, stresses, stressed), the regular forms the dictionary leaves to
    its reader to generate."""
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d"]
    if verb.endswith(("s", "sh", "ch", "x", "o")):
        return [verb, verb + "es", verb + "ed"]
    return [verb, verb + "s", verb + "ed"]


def _phrase_entries(data: dict) -> list[dict]:
    """data/cameo_phrases.json as entries shaped like actions.json's: per group of verbs, a pattern
    "VERB (up to four words) NOUN" in the present and past tense (not an infinitive: "to reiterate
    support"), with the action of the nouns' CAMEO codes."""
    entries = []
    for phrase in data["phrases"]:
        verbs = "|".join(sorted({form for verb in phrase["verbs"] for form in _verb_forms(verb)}, key=len, reverse=True))
        nouns = "|".join(sorted(phrase["nouns"], key=len, reverse=True))
        entries.append({"pattern": rf"\b(?<!\bto )(?:{verbs})\s+{_PHRASE_GAP}(?:{nouns})s?\b",
                        "action": phrase["action"], "target": _PHRASE_TARGETS[phrase["action"]]})
    return entries


@dataclass(frozen=True)
class ActionLexicon:
    rules: tuple[ActionRule, ...]
    any_rule: GatedPattern  # where some rule may match: one scan per sentence
    rules_by_start: dict[str, tuple[ActionRule, ...]]  # the first two letters of a match -> rules, in order
    rules_anywhere: tuple[ActionRule, ...]  # rules whose matches may begin with other letters
    negation: re.Pattern
    passive_before: re.Pattern  # the passive voice, before and after a predicate
    passive_after: re.Pattern
    recalled_after: re.Pattern  # "agreed in Stockholm in May of last year": an earlier act recalled
    negative: re.Pattern
    third_party_subjects: re.Pattern
    joint_forms: dict[str, tuple[str, ...]]  # lowercase words naming both sides of a relation -> their codes
    joint_form: re.Pattern  # any of them
    between_pair: re.Pattern  # "between (the)" ending the text before a relation's first side
    pair_joiner: re.Pattern  # what joins its two sides: "and (the)"
    list_joiner: re.Pattern  # what joins the countries of a coordinated object: ", (and) (the)", "and (the)"
    asked_subject_boundaries: re.Pattern  # the last clause boundary before "X should"
    introductory: re.Pattern  # an opening adverbial before a subject: "Lastly, ", "At the same time, "
    counterpart_objects: re.Pattern
    topic_targets: dict[str, str]  # topic -> the country an agreement on it is aimed at if the clause names none
    excluded_objects: dict[str, frozenset[str]]  # action -> countries never its object
    international_bodies: frozenset[str]  # venues and law, never targets
    clause_breaks: re.Pattern
    relative_clause: re.Pattern  # a relative clause running up to a predicate
    subject_boundaries: re.Pattern
    non_state_objects: re.Pattern
    plural_subjects: re.Pattern  # subjects that speak for every side: read from the home side
    addressed: re.Pattern  # a country a one-sided pledge is made to ("open to dialogue with North Korea")
    act_boundary: re.Pattern  # where one condemned act ends and the next begins ("launches and its transfers")
    title_complement: re.Pattern  # what follows an office's head ("Representative | for North Korea")
    asked_of_counterparts: frozenset[str]  # actions aimed at the counterparts when their clause names no country


@cache
def lexicon() -> ActionLexicon:
    data = json.loads(resources.files("readouts.data").joinpath("actions.json").read_text("utf-8"))
    entries = data["actions"] + _phrase_entries(
        json.loads(resources.files("readouts.data").joinpath("cameo_phrases.json").read_text("utf-8")))
    return ActionLexicon(
        rules=(rules := tuple(_rule(r) for r in entries)),
        rules_by_start=_by_start(rules),
        rules_anywhere=tuple(rule for rule in rules if _anywhere(rule)),
        # every rule starts on a word edge: testing it once per position, outside the alternation,
        # fails most positions at once
        any_rule=GatedPattern(r"\b(?:" + "|".join(f"(?:{r['pattern']})" for r in entries) + ")", re.I),
        negation=re.compile(data["negation"], re.I),
        passive_before=re.compile(data["passive_before"], re.I),
        passive_after=re.compile(data["passive_after"], re.I),
        recalled_after=re.compile(data["recalled_after"]),
        negative=re.compile(data["negative"], re.I),
        third_party_subjects=re.compile(data["third_party_subjects"]),
        joint_forms={form.lower(): tuple(codes) for form, codes in data["joint_forms"].items()},
        joint_form=re.compile(r"\b(?:" + "|".join(re.escape(f) for f in data["joint_forms"]) + r")\b", re.I),
        between_pair=re.compile(data["between_pair"], re.I),
        pair_joiner=re.compile(data["pair_joiner"], re.I),
        list_joiner=re.compile(data["list_joiner"], re.I),
        asked_subject_boundaries=re.compile(data["asked_subject_boundaries"], re.I),
        introductory=re.compile(data["introductory"]),
        counterpart_objects=re.compile(data["counterpart_objects"], re.I),
        topic_targets={topic: country for country, topics in data["topic_targets"].items() for topic in topics},
        excluded_objects={action: frozenset(codes) for action, codes in data["excluded_objects"].items()},
        international_bodies=frozenset(data["international_bodies"]),
        clause_breaks=re.compile(data["clause_breaks"], re.I),
        relative_clause=re.compile(data["relative_clause"], re.I),
        subject_boundaries=re.compile(data["subject_boundaries"], re.I),
        non_state_objects=re.compile(data["non_state_objects"], re.I),
        plural_subjects=re.compile(data["plural_subjects"], re.I),
        addressed=re.compile(data["addressed"]),
        act_boundary=re.compile(data["act_boundary"], re.I),
        title_complement=re.compile(data["title_complement"]),
        asked_of_counterparts=frozenset(data["asked_of_counterparts"]),
    )


@dataclass(frozen=True)
class Predicate:
    start: int
    end: int
    rule: ActionRule


def _is_predicate(sentence: str, m: re.Match) -> bool:
    """Not a passive, not negated, not a sentence-opening participle ("Asked to deliver remarks"), not
    an adjective made of a verb by a hyphen ("much-denounced"), not dated to a past period ("agreed in
    Stockholm in May of last year": an earlier act recalled, no statement of the engagement)."""
    before = sentence[max(0, m.start() - _CONTEXT):m.start()]  # the words just around it decide
    after = sentence[m.end():m.end() + _CONTEXT]
    lex = lexicon()
    return not (lex.passive_before.search(before) or lex.passive_after.match(after) or lex.negation.search(before)
                or lex.recalled_after.match(after)
                or (not before.strip() and after.lstrip().startswith("to ")) or before.endswith("-"))


def _predicates(sentence: str) -> list[Predicate]:
    """The action predicates of a sentence, in order and without overlaps; where several rules
    match at one place, the longest. One scan finds the places, then each rule is tried there."""
    lex = lexicon()
    kept: list[Predicate] = []
    pos = 0
    lowered = aligned_lower(sentence)
    while (hit := lex.any_rule.search(sentence, pos)) is not None:
        at = hit.start()
        rules = lex.rules if lowered is None else lex.rules_by_start.get(lowered[at:at + 2], lex.rules_anywhere)
        here = [(m, rule) for rule in rules if rule.may_match_at(lowered, at)
                and (m := rule.pattern.match(sentence, at)) and _is_predicate(sentence, m)]
        if not here:
            pos = hit.start() + 1
            continue
        m, rule = max(here, key=lambda found: found[0].end())
        kept.append(Predicate(m.start(), m.end(), rule))
        pos = m.end()
    return kept


def first_action(sentence: str) -> int | None:
    """Where the sentence's first predicate taking a PLOVER action starts (a neutral reporting verb
    is none), or None."""
    return next((p.start for p in _predicates(sentence) if p.rule.action), None)


def _subject_text(sentence: str, start: int, previous_end: int, boundaries: re.Pattern | None = None) -> str:
    """The words before a predicate back to the last clause boundary (actions.json's
    'subject_boundaries', or those given): where its subject stands."""
    text = sentence[previous_end:start]
    boundary = (boundaries or lexicon().subject_boundaries).search(text)
    return text[boundary.end():] if boundary else text


class Named(NamedTuple):
    """A mention of one country or of both sides of a relation ("inter-Korean"), in some text."""

    start: int
    end: int
    codes: tuple[str, ...]


def _named(text: str, speaker: str | None, within: int | None = None) -> list[Named]:
    """The countries text names, in order, but the speaker's own (it does not aim at itself): by the
    gazetteer, by the words of both sides of a relation (actions.json 'joint_forms') and by the
    officials the knowledge base knows. With `within`, only those that start at or before it."""
    lex = lexicon()
    countries = gazetteer.iter_countries(text, metonyms=True)
    joint, capitalised = lex.joint_form.finditer(text), _CAPITALISED_WORD.finditer(text)
    if within is not None:  # each source gives its mentions in order: the scans stop past `within`
        countries = takewhile(lambda m: m.start <= within, countries)
        joint, capitalised = (takewhile(lambda m: m.start() <= within, found) for found in (joint, capitalised))
    found = [Named(m.start, m.end, (m.code,)) for m in countries]
    found += [Named(m.start(), m.end(), lex.joint_forms[m.group().lower()]) for m in joint]
    found += [Named(m.start(), m.end(), (code,)) for m in capitalised if (code := kb.official_country(m.group()))]
    kept = []
    for mention in sorted(found):
        codes = tuple(c for c in mention.codes if c != speaker)
        if codes:
            kept.append(mention._replace(codes=codes))
    return kept


def _countries(text: str, speaker: str | None) -> list[str]:
    """The countries text names, in order, but the speaker's own."""
    return [code for mention in _named(text, speaker) for code in mention.codes]


def _third_party(subject: str, parties: set[str], home: str | None) -> bool:
    """A subject that is not a participant's: one of actions.json's 'third_party_subjects' (state
    media), or one that opens on a government taking no part in the engagement ("Russia vetoed"),
    when the sides of the engagement are known."""
    subject = subject.strip()
    if lexicon().third_party_subjects.match(subject):
        return True
    opening = _opening(subject)
    return bool(parties) and opening is not None and not set(opening.codes) & (parties | {home})


def _opening(subject: str) -> Named | None:
    """The country a subject opens on ("The DPRK and the ROK", "Russia"), if it does. Only the
    mentions that start within _SUBJECT_LEAD are read: the first of those is the subject's first."""
    named = _named(subject.strip(), None, within=_SUBJECT_LEAD)
    return named[0] if named else None


def _object(clause: str, named: list[Named], action: str, parties: set[str]) -> list[str]:
    """The country a request or a backing is aimed at: the first named that may be its object
    (excluded_objects hold outside the engagement only), with the countries coordinated with it
    ("urged China and Russia", 'list_joiner'), with its partner when the clause speaks of
    a relation between the two ("the summit between the DPRK and the United States") or names both
    at once ("inter-Korean dialogue")."""
    lex = lexicon()
    excluded = lex.excluded_objects.get(action, frozenset()) - parties
    for n, mention in enumerate(named):
        if not set(mention.codes) - excluded:
            continue
        codes = set(mention.codes)
        # the mention may be either side of "between A and B": the excluded side may come first
        pairs = ([(named[n - 1], mention)] if n else []) + ([(mention, named[n + 1])] if n + 1 < len(named) else [])
        for a, b in pairs:
            if lex.between_pair.search(clause[:a.start]) and lex.pair_joiner.match(clause[a.end:b.start]):
                codes |= set(a.codes) | set(b.codes)
        for a, b in zip(named[n:], named[n + 1:]):  # a coordinated object: "Japan, South Korea, and other partners"
            if not lex.list_joiner.match(clause[a.end:b.start]):
                break
            codes |= set(b.codes) - excluded
        return sorted(codes)
    return []


Speakers = dict[str, str]  # a lowercase word naming a participant (surname, office head) -> their country


def speakers_of(participants: list[tuple[str | None, str | None, str]]) -> Speakers:
    """Words that name one participant's side in a clause's subject ("Minister Wang", "the Secretary"),
    from (name, title, country) triples; a word shared by sides ("Minister") names none."""
    complement = lexicon().title_complement
    sides: dict[str, str | None] = {}  # None: a word of several sides
    for name, title, country in set(participants):  # a participant of several events once
        head = complement.split(title)[0].split()[-1:] if title else []  # "Representative" of "... for X"
        for word in _CAPITALISED_WORD.findall(name or "") + head:
            word = word.lower()
            sides[word] = country if sides.get(word, country) == country else None
    return {word: country for word, country in sides.items() if country}


def _speaker(subject: str, speakers: Speakers, home: str | None,
             antecedent: Callable[[], str | None] | None = None,
             party: Callable[[], str | None] | None = None) -> str | None:
    """The side a clause speaks for: a participant its subject names; for a subject "he" or "she",
    the antecedent (the side of the participant last named before it, looked up only then); the
    party a subject names as the only government in it (`party`, looked up only then: "the United
    States greatly appreciated"); else the page's home side (plural subjects, "the two sides", and unnamed ones are
    read from it)."""
    named = next((speakers[w] for w in _WORD.findall(subject.lower()) if w in speakers), None)
    if named is None:
        return (antecedent and _SINGULAR_PRONOUN.search(subject) and antecedent()) or (party and party()) or home
    return home if lexicon().plural_subjects.search(subject) else named


def _party_named(sentence: str, start: int, previous_end: int, parties: set[str]) -> Callable[[], str | None]:
    """The one government the subject of the predicate at start opens on, when it is a party of the
    engagement ("the United States greatly appreciated"), looked up when asked; None for a subject
    that names none, several ("Japan and Australia agreed": read up to the last clause boundary,
    'asked_subject_boundaries'), or a third party, and for a predicate whose subject is elided
    (no boundary after an earlier predicate)."""
    def party() -> str | None:
        text = sentence[previous_end:start]
        boundary = lexicon().asked_subject_boundaries.search(text)
        if not parties or previous_end and boundary is None:
            return None  # the words after an earlier predicate are its object ("stressed China's role, and asked")
        subject = text[boundary.end():] if boundary else text
        if _opening(subject) is None:
            return None
        codes = set(_countries(subject, None))
        return next(iter(codes)) if len(codes) == 1 and codes <= parties else None
    return party


def _coordinated(sentence: str, start: int, previous_end: int, speakers: Speakers) -> bool:
    """Whether the subject of the predicate at start coordinates participants of several sides ("Diplomats
    Sung Kim, Takehiro Funakoshi and Noh Kyu-duk agreed"): a plural subject, read from the home side.
    The subject runs back to the last clause boundary ('asked_subject_boundaries'), past the "and"
    and commas that 'subject_boundaries' stop at."""
    words = _WORD.findall(_subject_text(sentence, start, previous_end, lexicon().asked_subject_boundaries).lower())
    return len({speakers[w] for w in words if w in speakers}) > 1


def _antecedent(sentence: str, start: int, speakers: Speakers,
                earlier: Callable[[], str | None] | None) -> Callable[[], str | None]:
    """What a "he" or "she" before sentence[start] refers to, looked up when asked: the participant
    the sentence names last before it ("Park said he hoped": Park's side), else what `earlier`
    gives (the earlier sentences')."""
    def side() -> str | None:
        words = _WORD.findall(sentence[:start].lower())
        return next((speakers[w] for w in reversed(words) if w in speakers), None) or (earlier() if earlier else None)
    return side


def _first_named(text: str, speakers: Speakers) -> str | None:
    """The side of the participant text names first (a sentence's subject, which "He" of the next
    sentence refers back to), or None."""
    return next((speakers[w] for w in _WORD.findall(text.lower()) if w in speakers), None)


def _possessor(match_text: str, parties: set[str]) -> str | None:
    """The party whose position a predicate itself names ("reaffirmed the UK's commitment",
    "conveyed Canada's support"): that side speaks, whoever the subject is ("He")."""
    opening = next(iter(_named(match_text, None)), None)
    found = [c for c in opening.codes if c in parties] if opening else []
    return found[0] if len(found) == 1 else None


def _counterparts(parties: set[str], speaker: str | None) -> list[str]:
    """The sides facing the speaker; none when the speaker is unknown or faces many (an unknown or
    multilateral audience is no single addressee)."""
    counterparts = parties - {speaker}
    if speaker is None or speaker not in parties or not 0 < len(counterparts) <= 2:
        return []
    return sorted(counterparts)


def _agreed_targets(clause: str, others: list[str], topic: str | None, parties: set[str],
                    speaker: str | None) -> list[str]:
    """Whom an agreement or pledge is aimed at (ANNOTATION.md, Targets): the country a one-sided
    pledge is made to; for a measure against a third country (its topic says so: sanctions,
    cyber), that country; else the counterparts; with no counterpart known, the first other
    country the clause names."""
    lex = lexicon()
    # only a country among the others can be the one addressed: no others, nothing to look for
    addressed = [c for m in (lex.addressed.finditer(clause) if others else ()) for c in _countries(m.group(), speaker)
                 if c not in parties and c not in lex.international_bodies]
    if addressed:
        return addressed[:1]
    if topic in lex.topic_targets:
        return others[:1] or [lex.topic_targets[topic]]
    return _counterparts(parties, speaker) or others[:1]


def _targets(rule: ActionRule, match_text: str, subject: str, clause: str, topic: str | None,
             parties: set[str], speaker: str | None) -> list[str]:
    """The countries a statement is aimed at; the counterparts when it names none, if they are known."""
    lex = lexicon()
    if rule.target == "self":
        return sorted(set(_countries(match_text, speaker)))
    if rule.target == "subject":
        return sorted(set(_countries(subject, speaker)) - parties)
    if rule.target == "asked":  # "The DPRK and the ROK should ...": the subject opens and ends on the asked
        subject = lex.introductory.sub("", subject.strip(), count=1)  # "Lastly, the North needs to"
        named = _named(subject, speaker)
        # a country that only modifies the subject's noun is not asked ("the North Korean problem should be resolved")
        if not _opening(subject) or not named or subject[named[-1].end:].strip():
            return []
        return sorted({code for mention in named for code in mention.codes})
    named = _named(clause, speaker)  # read once: the clause's countries serve every rule below
    others = [c for mention in named for c in mention.codes if c not in parties and c not in lex.international_bodies]
    if rule.target == "all":
        return sorted(set(others))
    if lex.non_state_objects.search(clause):
        return []
    if lex.counterpart_objects.search(clause):
        return _counterparts(parties, speaker)
    if rule.target == "agreed":
        return _agreed_targets(clause, others, topic, parties, speaker)
    return _object(clause, named, rule.action, parties) \
        or (_counterparts(parties, speaker) if rule.action in lex.asked_of_counterparts else [])


def _clause_end(sentence: str, start: int, end: int) -> int:
    """Where a predicate's clause ends: at the next predicate, before a trailing relative clause."""
    cut = lexicon().clause_breaks.search(sentence, start, end)
    return cut.start() if cut else end


def _acts(sentence: str, start: int, end: int, hits: list[TopicHit], parties: set[str],
          speaker: str | None) -> list[tuple[str, list[str]]]:
    """The condemned acts of a clause naming acts of several topics, each with whose conduct it is
    (ANNOTATION.md: one statement per topic): an act's own stretch of the clause runs from the
    conjunction after the previous act; its owner is the country named before its topic phrase,
    else the previous act's ("the DPRK's launches and its arms transfers to Russia": PRK, then
    PRK with RUS)."""
    lex = lexicon()
    found = sorted((h.start, h.topic) for h in hits if start <= h.start < end)
    if len(found) < 2:
        return []

    def named(a: int, b: int) -> list[str]:
        return [c for c in _countries(sentence[a:b], speaker) if c not in parties | lex.international_bodies]

    acts = []
    owner: list[str] = []
    for n, (at, topic) in enumerate(found):
        begin = start if n == 0 else max(
            (m.end() for m in lex.act_boundary.finditer(sentence, found[n - 1][0], at)), default=at)
        stop = found[n + 1][0] if n + 1 < len(found) else end
        stop = next((m.start() for m in lex.act_boundary.finditer(sentence, at, stop)), stop)
        owner = named(begin, at) or owner
        acts.append((topic, sorted(set(owner + named(at, stop)))))
    return acts if all(target for _, target in acts) else []


def sentence_statements(sentence: str, parties: set[str], home: str | None,
                        hits: list[TopicHit] | None = None, speakers: Speakers | None = None,
                        antecedent: Callable[[], str | None] | None = None) -> list[Statement]:
    """The statements of one sentence (hits: its topics, if already read; speakers: the words that
    name each participant's side; antecedent: gives the side a "he" or "she" refers to when the
    sentence names no participant before it); an accusation is also read from a participant's clause that
    calls what a country does illegal, threatening or destabilising. A participial clause after a
    comma (", urging X to") continues the clause before it: it is read with that clause's subject
    (the sentence's opening when the main verb is no predicate: "met ..., agreeing on"), and not at
    all after a neutral predicate ("Kim said ..., vowing to")."""
    lex = lexicon()
    speakers = speakers or {}
    hits = detect_topics(sentence) if hits is None else hits
    sentence_topic = hits[0].topic if hits else None
    predicates = _predicates(sentence)
    out: list[Statement] = []
    subject = ""
    for n, pred in enumerate(predicates):
        previous_end = predicates[n - 1].end if n else 0
        if _PARTICIPLE.match(sentence, pred.start) and sentence[:pred.start].endswith(", "):
            if n and not predicates[n - 1].rule.action:
                continue
            if not n:  # the main clause's verb is none of the lexicon's ("met ..., agreeing"): its subject opens the sentence
                subject = sentence[:pred.start]
        else:  # the subject of "X should" is a coordination ("the DPRK and the ROK should"): only a clause bounds it
            subject = _subject_text(sentence, pred.start, previous_end,
                                    lex.asked_subject_boundaries if pred.rule.target == "asked" else None)
        # the subject of "X should" is the one asked, not the speaker
        if pred.rule.target != "asked" and _third_party(subject, parties, home) \
                or lex.relative_clause.search(sentence[previous_end:pred.start]):
            continue
        end = _clause_end(sentence, pred.end, predicates[n + 1].start if n + 1 < len(predicates) else len(sentence))
        clause = sentence[pred.end:end]
        # the speaker and the clause's topic are read only for a statement: most predicates are
        # neutral ("said") and make none unless their clause accuses
        if pred.rule.action:
            speaker = _possessor(sentence[pred.start:pred.end], parties) or (
                home if _coordinated(sentence, pred.start, previous_end, speakers)
                else _speaker(subject, speakers, home, _antecedent(sentence, pred.start, speakers, antecedent),
                                 _party_named(sentence, pred.start, previous_end, parties)))
        else:
            speaker = None
        topic = (first_topic_between(sentence, pred.end, end, hits) or sentence_topic) if pred.rule.action else None
        acts = _acts(sentence, pred.end, end, hits, parties, speaker) \
            if pred.rule.action and pred.rule.target == "all" else []
        # the side that makes the statement: the speaker, unless the subject is the one asked ("X should")
        source = None if pred.rule.target == "asked" else speaker
        out += [Statement(pred.rule.action, target, about, source=source) for about, target in acts]
        if pred.rule.action and not acts:
            target = _targets(pred.rule, sentence[pred.start:pred.end], subject, clause, topic, parties, speaker)
            if target:
                out.append(Statement(pred.rule.action, target, topic, source=source))
            if pred.rule.target == "agreed":
                out += _measure(sentence, pred.end, end, hits, topic, parties, speaker, source)
        if pred.rule.action != "ACCUSE" and pred.rule.target != "none" and lex.negative.search(sentence, pred.end, end):
            if not pred.rule.action:
                speaker = _speaker(subject, speakers, home, _antecedent(sentence, pred.start, speakers, antecedent),
                                 _party_named(sentence, pred.start, previous_end, parties))
            accused, windows = _accused(sentence, pred.end, end, parties, speaker)
            if accused:
                about = next((t for a, b in windows if (t := first_topic_between(sentence, a, b, hits))), None) \
                    or topic or first_topic_between(sentence, pred.end, end, hits) or sentence_topic
                out.append(Statement("ACCUSE", accused, about,
                                     source=None if pred.rule.target == "asked" else speaker))
    return out


def _measure(sentence: str, start: int, end: int, hits: list[TopicHit], topic: str | None, parties: set[str],
             speaker: str | None, source: str | None) -> list[Statement]:
    """The agreement on a measure against a third country that a clause agreed on another topic also
    names ("agreed to continue denuclearisation efforts through dialogue and sanctions": AGREE with
    the counterparts on denuclearization, and AGREE aimed at PRK on sanctions; ANNOTATION.md,
    Targets): aimed at the first other country the clause names, else at the one 'topic_targets'
    gives the measure's topic."""
    lex = lexicon()
    measure = first_topic_between(sentence, start, end, [h for h in hits if h.topic in lex.topic_targets])
    if measure is None or measure == topic:  # the clause's own statement is already aimed at it
        return []
    others = [c for c in _countries(sentence[start:end], speaker) if c not in parties | lex.international_bodies]
    return [Statement("AGREE", others[:1] or [lex.topic_targets[measure]], measure, source=source)]


def _accused(sentence: str, start: int, end: int, parties: set[str],
             speaker: str | None) -> tuple[list[str], list[tuple[int, int]]]:
    """Countries the clause sentence[start:end] calls illegal, threatening or destabilising, named
    near the negative word ("provocations by North Korea", "North Korea's illegal military
    cooperation with Russia"), and the stretches of text that say so."""
    before, after = _ACCUSED_WINDOW
    accused: set[str] = set()
    windows = []
    lex = lexicon()
    for m in lex.negative.finditer(sentence, start, end):
        a, b = max(start, m.start() - before), min(end, m.end() + after)
        found = {c for c in _countries(sentence[a:b], speaker) if c not in parties | lex.international_bodies}
        if found:
            accused |= found
            windows.append((a, b))
    return sorted(accused), windows


def extract_statements(sentences: list[str], parties: list[str], home: str | None = None,
                       sentence_topics: list[list[TopicHit]] | None = None,
                       speakers: Speakers | None = None,
                       sentence_parties: list[set[str]] | None = None) -> list[tuple[int, Statement]]:
    """Distinct (action, target, topic) statements of the participants, each with the index of the
    sentence it was read from (sentence_topics: each sentence's topics, if already read; speakers:
    see speakers_of; sentence_parties: each sentence's own parties, else the page's)."""
    party_set = set(parties)
    seen: set[tuple] = set()
    statements: list[tuple[int, Statement]] = []
    for n, sentence in enumerate(sentences):
        hits = sentence_topics[n] if sentence_topics is not None else None
        own = sentence_parties[n] if sentence_parties is not None else party_set

        def antecedent(n: int = n) -> str | None:  # the side the closest earlier sentence naming a participant opens on
            earlier = (_first_named(sentences[k], speakers or {}) for k in range(n - 1, max(-1, n - 1 - _ANTECEDENT_REACH), -1))
            return next((side for side in earlier if side), None)
        for statement in sentence_statements(sentence, own, home, hits, speakers, antecedent):
            key = (statement.action, tuple(statement.target), statement.topic)
            if key not in seen:
                seen.add(key)
                statements.append((n, statement))
    return statements


def add_statements(doc: Document) -> None:
    """Step `statements`: doc.statements, what the participants of the page's events said, each with
    its sentence's span. A page that reports no engagement has none. Needs `events` and `topics`."""
    if not doc.events:
        return
    people = [(p.name, p.title, p.country) for e in doc.events for p in e.participants if p.country]
    parties = sorted({country for _, _, country in people})
    found = extract_statements([s.text for s in doc.sentences], parties, home_country(doc.clean, doc.events),
                               doc.topics, speakers_of(people), _parties_by_sentence(doc, set(parties)))
    doc.statements = [replace(statement, evidence=doc.sentences[n].span()) for n, statement in found]


def _parties_by_sentence(doc: Document, page: set[str]) -> list[set[str]]:
    """Each sentence's parties: those of the engagements it reports or follows (the last whose
    evidence begins at or before it: "Park met Blinken. The two ministers agreed ..." faces the
    U.S., and the next meeting's sentences Japan), else the page's. An engagement whose other side
    is unknown (a briefing to a body) leaves the page's."""
    marks: dict[int, set[str]] = {}  # where an engagement's evidence begins -> its parties
    for event in doc.events:
        countries = {p.country for p in event.participants if p.country}
        for span in event.evidence:
            if span.part == TEXT:
                marks.setdefault(span.start, set()).update(countries if len(countries) > 1 else page)
    starts = sorted(marks)
    out, current, i = [], page, 0
    for sentence in doc.sentences:
        while i < len(starts) and starts[i] <= sentence.start:
            current, i = marks[starts[i]], i + 1
        out.append(current if sentence.part == TEXT else page)
    return out
