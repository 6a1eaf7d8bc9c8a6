"""Engagements: type, date, location, format and participants, read sentence by sentence.

A sentence reports an engagement when its predicate is one of data/events.json's wordings and it
names at least one official outside clauses that only refer to other engagements in passing.
Sentences about the same people are merged into one event; "met with A and B, respectively" (or
"held separate meetings with A and B", "for meetings with A and B", not "trilateral") makes one event
per counterpart. A trip is a visit unless the meeting it is for is described ("travel to Beijing to
meet with B", "for talks with B": the meeting). Surname-only mentions
("Special Representative Kim") are resolved to the full names printed elsewhere on the page: read
there as names, or, where the grammar reads none (a transcript's speaker line, "Kang, Kyung-wha"),
printed as the knowledge base spells an official of that name.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple
from importlib import resources

from .. import gazetteer, kb
from ..scan import GatedPattern
from ..types import TEXT, Document, Event, Location, Participant, Sentence, Span
from .dates import DateMention, dates_of, session_year, year_standing_alone
from .people import PersonMention, find_bodies, find_people, home_country
from .people import grammar as people_grammar
from .reference import year_from_tenures
from .roster import Roster, person_key, role_nouns, role_words, word_runs
from .statements import first_action
from .topics import TopicHit, topics_of

_CALL_TYPES = {"phone_call", "video_call"}
_RANGE_TYPES = {"visit", "conference"}  # engagements that last the days of a range
_GROUP_TYPES = {"conference", "visit", "briefing", "statement"}  # not held with one counterpart at a time


@dataclass(frozen=True)
class EventPatterns:
    types: tuple[tuple[str, GatedPattern], ...]
    any_type: GatedPattern  # a sentence matching none of the types is no engagement: one scan to know
    predicate_blockers: GatedPattern
    planned: GatedPattern
    not_held: GatedPattern
    recalled: re.Pattern  # "Last month, ": a sentence dated before the page's news recalls an engagement
    background: GatedPattern
    introductory_phrase: re.Pattern  # "In a separate development, ": what may come before an opening clause
    gathering: GatedPattern
    same_day: GatedPattern
    separate_events: re.Pattern
    separate_events_after: re.Pattern  # the next sentence speaks of the engagements in the plural
    visit: GatedPattern
    trip_purpose: re.Pattern  # after a trip's predicate, the engagements it is for: group "engagement"
    plural_engagement: re.Pattern  # "had meetings with A and B": one engagement per counterpart
    joint_marker: re.Pattern  # "trilateral", "the three sides": one engagement with them all
    ambiguous_meeting: re.Pattern
    dateline: re.Pattern
    joint: GatedPattern
    call_in_title: tuple[tuple[str, re.Pattern], ...]
    secondary_types: frozenset[str]  # a type that yields to another predicate printed before its own
    place_prepositions: frozenset[str]  # a place right after one of these is where the engagement was
    address_prepositions: frozenset[str]  # ... or after one of these and an address: "in Jung-gu, Seoul"
    visited_country: re.Pattern  # group 1: where the name of a country visited begins
    anaphoric_day: re.Pattern  # "the same day": the day the page named last
    engagement_reference: re.Pattern  # "During their meeting on ": the engagement just read, its day next
    dateline_here: re.Pattern  # "held talks here": at the place of the wire story's dateline
    pronoun_subject: re.Pattern  # "He will meet ...": the subject is the last engagement's first participant
    issuer_phrase: re.Pattern  # group 1: a statement's subject naming its issuers as a group
    statement_title: re.Pattern  # a title naming the page a statement
    statement_announcement: re.Pattern  # "statement was issued today by ": its agent follows
    issuing_office: re.Pattern  # an office in a statement's subject: its issuer is no participant
    departure: GatedPattern  # "depart for Russia": a trip whose day is not the engagement's
    purpose: re.Pattern  # " to " between a trip's day and the engagement it is for
    clause_break: re.Pattern  # where a coordinated clause begins: ", and shared ..."


def _union(patterns: list[str]) -> GatedPattern:
    return GatedPattern("|".join(f"(?:{p})" for p in patterns), re.I)


def _union_on_words(patterns: list[str]) -> GatedPattern:
    """A union of patterns that all start on a word edge, tested once per position (much faster)."""
    return GatedPattern(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.I)


@cache
def patterns() -> EventPatterns:
    data = json.loads(resources.files("readouts.data").joinpath("events.json").read_text("utf-8"))
    return EventPatterns(
        types=tuple((name, _union_on_words(pats)) for name, pats in data["types"]),
        any_type=_union_on_words([p for _, pats in data["types"] for p in pats]),
        predicate_blockers=_union(data["predicate_blockers"]),
        planned=_union(data["planned"]),
        not_held=_union(data["not_held"]),
        recalled=re.compile(data["recalled"]),
        background=_union(data["background"]),
        introductory_phrase=re.compile(data["introductory_phrase"]),
        gathering=_union(data["gathering"]),
        same_day=_union(data["same_day"]),
        separate_events=re.compile(data["separate_events"], re.I),
        separate_events_after=re.compile(data["separate_events_after"], re.I),
        visit=_union(dict(data["types"])["visit"]),
        trip_purpose=re.compile(data["trip_purpose"], re.I),
        plural_engagement=re.compile(data["plural_engagement"], re.I),
        joint_marker=re.compile(data["joint_marker"], re.I),
        ambiguous_meeting=re.compile(data["ambiguous_meeting"], re.I),
        dateline=re.compile(data["dateline"]),
        joint=GatedPattern(data["joint_predicates"], re.I),
        call_in_title=tuple((kind, re.compile(p, re.I)) for kind, p in data["call_in_title"].items()),
        secondary_types=frozenset(data["secondary_types"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        address_prepositions=frozenset(data["address_prepositions"]),
        visited_country=re.compile(data["visited_country"]),
        anaphoric_day=re.compile(data["anaphoric_day"], re.I),
        engagement_reference=re.compile(f"(?:{data['engagement_reference']})\\Z", re.I),
        dateline_here=re.compile(data["dateline_here"]),
        pronoun_subject=re.compile(data["pronoun_subject"]),
        issuer_phrase=re.compile(data["issuer_phrase"]),
        statement_title=re.compile(data["statement_title"], re.I),
        statement_announcement=re.compile(data["statement_announcement"], re.I),
        issuing_office=re.compile(data["issuing_office"]),
        clause_break=re.compile(data["clause_break"]),
        departure=GatedPattern(data["departure"], re.I),
        purpose=re.compile(data["purpose"]),
    )


@dataclass
class Candidate:
    """An engagement read from one sentence (or two: a lead sentence and the one naming its
    participants), before merging."""

    type: str
    people: list[PersonMention]
    sentences: list[Sentence]  # the first is where the engagement is reported
    dates: list[DateMention]
    location: Location | None
    planned: bool = False  # announced ("will visit"), not yet held
    predicate: int = 0  # where the first sentence's predicate starts

    @property
    def sentence_index(self) -> int:
        return self.sentences[0].index

    @property
    def sentence(self) -> str:
        return " ".join(s.text for s in self.sentences)


def engagement_type(sentence: str) -> tuple[str, int] | None:
    """The event type of the sentence's predicate and where the predicate is, or None if the
    sentence reports no engagement."""
    p = patterns()
    if not p.any_type.search(sentence) or p.not_held.search(sentence) or p.recalled.match(sentence):
        return None
    text = p.predicate_blockers.blanked(sentence)
    places = p.any_type.starts(text)  # where some type matches: each type is tried only there
    secondary = None
    for name, pattern in p.types:
        m = next((m for at in places if (m := pattern.match(text, at)) is not None), None)
        if m and secondary is not None and m.start() > secondary[1]:
            continue  # printed after the secondary predicate: the secondary one stands
        if m and name == "visit" and (purpose := p.trip_purpose.match(text, m.end())):
            return "meeting", purpose.start("engagement")  # "will travel to Tokyo for meetings May 23-25 with"
        if m and name in p.secondary_types:
            secondary = name, m.start()
        elif m:
            # "will travel to Beijing to meet with B", "will visit the U.S. to meet with B": a meeting
            # described during a trip is annotated as the meeting (ANNOTATION.md, event types)
            return name, m.start()
    return secondary


def background_spans(sentence: str) -> list[tuple[int, int]]:
    """Clauses that refer to other engagements in passing: to the next comma when the clause
    opens the sentence (possibly after an introductory phrase), else to the sentence end."""
    p = patterns()
    dateline = p.dateline.match(sentence)
    spans = [(0, dateline.end())] if dateline else []
    for m in p.background.finditer(sentence):
        if m.start() < 12 or p.introductory_phrase.fullmatch(sentence, 0, m.start()):
            comma = sentence.find(",", m.end())
            spans.append((m.start(), max(m.end(), comma if comma > 0 else len(sentence))))
        else:
            spans.append((m.start(), len(sentence)))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_OPEN_PARENTHESIS = re.compile(r"(?<![\w.])[\w.]+\s*\($")  # "Indonesia (" before "Jakarta)"; from a word's start: linear


def _is_locative(before: str) -> bool:
    """A place is where the engagement happened when a preposition governs it, possibly through an
    address chain ("at the Lotte Hotel in Sogong-dong, Jung-gu, Seoul") or a country before it
    ("visiting Indonesia (Jakarta)")."""
    p = patterns()
    before = _OPEN_PARENTHESIS.sub("", before.rstrip())
    words = before.split()
    if words and words[-1].lower() in p.place_prepositions:
        return True
    for back in range(2, 5):
        chain = words[-back:]
        if len(chain) == back and chain[0].lower() in p.address_prepositions \
                and all(w.endswith(",") for w in chain[1:]):
            return True
    return False


def _location(sentence: Sentence, spans: list[tuple[int, int]]) -> Location | None:
    text = sentence.text
    for place in gazetteer.find_places(text):
        if _inside(place.start, spans) or not _is_locative(text[:place.start]):
            continue
        # the city as printed ("Washington, D.C."), unless the mention is a venue or district
        city = place.surface if place.surface.startswith(place.city) else place.city
        return Location(city=city, country=place.country,
                        spans=[sentence.span(place.start, place.start + len(place.surface))])
    m = patterns().visited_country.search(text)
    if m and not _inside(m.start(), spans):
        found = gazetteer.find_countries(m.group(1))
        if found and found[0].start == 0:
            at = m.start(1) + found[0].start
            return Location(city=None, country=found[0].code, spans=[sentence.span(at, m.start(1) + found[0].end)])
    return None


DATELINE_REACH = 3  # sentences: a wire story's dateline opens its text, after a summary line at most


def _dateline_place(doc: Document) -> Location | None:
    """The city of the news dateline the page's text opens with ("JAKARTA, Sept. 6 (Yonhap) --"),
    whether printed in capitals or not."""
    for sentence in doc.sentences[:DATELINE_REACH]:
        dateline = patterns().dateline.match(sentence.text)
        if dateline is None:
            continue
        head = sentence.text[:dateline.end()].title()  # the gazetteer's names are capitalised
        place = next(iter(gazetteer.find_places(head)), None) if len(head) == dateline.end() else None
        if place is not None and place.start == 0:
            return Location(city=place.city, country=place.country, spans=[sentence.span(place.start, place.end)])
    return None


def _here(doc: Document, sentence: Sentence, spans: list[tuple[int, int]]) -> Location | None:
    """"The top nuclear envoys ... held talks here Wednesday": in a wire story, "here" is the place of its dateline."""
    here = patterns().dateline_here.search(sentence.text)
    return _dateline_place(doc) if here and not _inside(here.start(), spans) else None


@dataclass
class Facts:
    """What one sentence states about an engagement, outside clauses about other engagements."""

    people: list[PersonMention]
    dates: list[DateMention]
    location: Location | None
    background: list[tuple[int, int]]  # the clauses about other engagements, left out


def _sentence_facts(doc: Document, i: int, kind: str, roster: Roster, predicate: int = 0,
                    context: DateMention | None = None) -> Facts:
    sentence = doc.sentences[i]
    # a phrase of passing reference inside the predicate itself ("during a trilateral summit between")
    # is the engagement reported, not another one
    predicate_match = patterns().any_type.match(sentence.text, predicate) if predicate else None
    reported = predicate_match.end() if predicate_match else predicate
    spans = [s for s in background_spans(sentence.text) if not predicate <= s[0] < reported]
    found = doc.people[i] + roster.spot(sentence, doc.people[i])
    people = sorted((p for p in found if not _inside(p.start, spans)
                     and (not p.possessive or _owns_predicate(sentence.text, p.end, predicate))), key=lambda p: p.start)
    # the date nearest after the predicate in its own clause comes first ("visited from February 21
    # to 22, and held talks ... on February 22"), then the nearest before it ("On December 11, X met
    # Y"), then those of later clauses ("On January 29, X spoke with Y, and shared the results of Y's
    # visit to China from January 26 to 27"); a date in parentheses is a conversion or an aside ("On
    # August 18, at 11:30 a.m. (local time, on August 19, 0:30 a.m. Japan time)") and comes last
    clause = patterns().clause_break.search(sentence.text, predicate)
    clause_end = clause.start() if clause else len(sentence.text)
    dates = sorted((d for d in doc.dates[i] if not _inside(d.start, spans)),
                   key=lambda d: (_in_parentheses(sentence.text, d.start),
                                  0 if predicate <= d.start < clause_end else 1 if d.start < predicate else 2,
                                  abs(d.start - predicate)))
    if context is not None:  # "earlier in the day" is the day the page spoke of last
        anaphoric_day = patterns().anaphoric_day
        dates = [context if anaphoric_day.search(d.text) else d for d in dates]
    location = None if kind in _CALL_TYPES else _location(sentence, spans) or _here(doc, sentence, spans)
    return Facts(people, dates, location, spans)


OWNER_WORDS = 4  # "Mr Luxon's visit included a meeting with": the possessor's noun phrase reaches the predicate
OWNER_REACH = 64  # characters from the possessive to the predicate, beyond which none is looked at


def _owns_predicate(text: str, end: int, predicate: int) -> bool:
    """An official named in the possessive that ends at `end` owns the engagement the predicate at
    `predicate` reports ("Mr Luxon's visit included a meeting with Y", "the minister's first meeting
    with Y"): a few lowercase words lead from the possessive to it, none a role noun ("Kim's envoy
    met Y": the envoy met) and no clause break between."""
    if not end < predicate <= end + OWNER_REACH:
        return False
    words = text[end:predicate].lstrip("'’s").split()  # after the possessive ending, if not in the mention
    return len(words) <= OWNER_WORDS and all(w.isalpha() and w.islower() for w in words) \
        and not {w.casefold() for w in words} & role_nouns()


def _owned_by_pronoun(text: str, predicate: int) -> bool:
    """A possessive pronoun owns the engagement the predicate reports ("Following his meeting with Z")."""
    owners = list(people_grammar().possessive_pronoun.finditer(text, max(0, predicate - OWNER_REACH), predicate))
    return bool(owners) and _owns_predicate(text, owners[-1].end(), predicate)


def _issuers(sentence: Sentence, facts: Facts, predicate: int) -> list[PersonMention]:
    """Who issued a statement: the officials named in the subject, before the predicate; else the
    governments it names, one body each ("The Governments of Japan, the Republic of Korea and the
    United States condemn"); else the subject itself as one body ("Foreign ministers from the Group
    of Seven major powers have released a statement"), when it is a short capitalised phrase."""
    dateline = patterns().dateline.match(sentence.text)
    start = dateline.end() if dateline else 0
    subject = sentence.text[start:predicate]
    if patterns().issuing_office.search(subject):
        return []  # a ministry's release or a spokesperson's statement: the publisher speaking, no engagement
    subjects = [p for p in facts.people if p.start < predicate]
    if subjects:
        return subjects
    countries = [c for c in gazetteer.find_countries(subject) if not _inside(start + c.start, facts.background)]
    if countries:
        return [PersonMention(name=c.surface, title=None, organization=None, country=c.code,
                              start=start + c.start, end=start + c.end, body=True,
                              span=sentence.span(start + c.start, start + c.end)) for c in countries]
    phrase = patterns().issuer_phrase.match(subject)
    if phrase is None:
        return []
    a, b = start + phrase.start(1), start + phrase.end(1)
    return [PersonMention(name=sentence.text[a:b], title=None, organization=None, country=None,
                          start=a, end=b, body=True, span=sentence.span(a, b))]


def _issued_on(facts: Facts, predicate: int) -> list[DateMention]:
    """The dates of a statement: those printed with its issuers ("today issued"); the dates after
    its predicate are those of the acts it speaks of ("condemn the launch on November 21"), so a
    statement that names none is dated by its page."""
    return [d for d in facts.dates if d.start < predicate]


def _in_parentheses(text: str, at: int) -> bool:
    """Whether position at of text lies inside a parenthesis opened before it and not yet closed."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def _candidates_from(doc: Document, i: int, kind: str, predicate: int, roster: Roster,
                     context: DateMention | None) -> list[Candidate]:
    facts = _sentence_facts(doc, i, kind, roster, predicate, context)
    if kind == "statement":
        sentence = doc.sentences[i]
        issuers = _issuers(sentence, facts, predicate)
        return [Candidate(kind, issuers, [sentence], _issued_on(facts, predicate), facts.location,
                          bool(patterns().planned.search(sentence.text)), predicate)] if issuers else []
    if len(facts.people) < 2:  # a side named by its office or as a delegation takes part too
        sentence = doc.sentences[i]
        bodies = []
        for body in find_bodies(sentence.text, facts.people):
            if _inside(body.start, facts.background):
                continue
            body.span = sentence.span(body.start, body.end)
            # an office held by an official named on the page refers to that official (when the
            # sentence names someone for them to meet: "The Ambassador will then travel" is left to
            # the pronoun rule)
            held = body if not roster.holds_role(body.title) else roster.holder(body) if facts.people else None
            if held is not None and person_key(held.name) not in {person_key(p.name) for p in facts.people}:
                bodies.append(held)
        facts.people = sorted(facts.people + bodies, key=lambda p: p.start)
    if not facts.people or len(facts.people) == 1 and facts.people[0].body \
            and not patterns().pronoun_subject.match(doc.sentences[i].text):
        return []  # an office alone ("the Secretary-General has had a range of meetings") tells no engagement
    sentence = doc.sentences[i]
    planned = bool(patterns().planned.search(sentence.text))

    dates = _days_of_departures(sentence.text, facts.dates, predicate)

    def candidate(people: list[PersonMention]) -> Candidate:
        return Candidate(kind, people, [sentence], dates, facts.location, planned, predicate)

    following = doc.sentences[i + 1].text if i + 1 < len(doc.sentences) else ""
    hosts = [p for p in facts.people if p.start < predicate]
    guests = [p for p in facts.people if p.start > predicate]
    if kind in _GROUP_TYPES or len(guests) < 2:
        return [candidate(facts.people)]
    if _separate(sentence.text, following, predicate) and (hosts or patterns().pronoun_subject.match(sentence.text)):
        return [candidate(hosts + [g]) for g in guests]  # "He will ...": the subject is added (_referred_subject)
    if hosts or patterns().pronoun_subject.match(sentence.text):
        days = _day_of_each(guests, dates)
        if days is not None:
            return [replace(candidate(hosts + [g]), dates=[day, *(d for d in dates if d is not day)])
                    for g, day in zip(guests, days)]
    return [candidate(facts.people)]


def _separate(text: str, following: str, predicate: int) -> bool:
    """Whether the counterparts listed after the predicate met the subject one by one
    (ANNOTATION.md: "'Met A and B' is two events when the text shows two meetings, one when it
    shows one meeting with both"): "respectively", "separate(ly)", the next sentence speaking of the
    engagements in the plural ("In the meetings with A and B"), or the engagement noun itself plural
    ("for meetings May 23-25 with A, B and C", "calls with A and B"); not when the sentence or the
    next one shows them together ("a telephone consultation with A and B. The three sides ...",
    "trilateral meetings with")."""
    p = patterns()
    if p.separate_events.search(text) or p.separate_events_after.search(following):
        return True
    return bool(p.plural_engagement.search(text, predicate)) \
        and not p.joint_marker.search(text) and not p.joint_marker.search(following)


def _day_of_each(guests: list[PersonMention], dates: list[DateMention]) -> list[DateMention] | None:
    """'On Monday Kim will meet A, and on Tuesday B' / 'will meet A on Wednesday before visiting B on
    Thursday': one engagement per counterpart when the sentence gives them different days, each its
    own: the day printed before the first counterpart heads the counterparts after it, else each day
    follows the counterparts it belongs to. The day of each guest, in order; None unless every guest
    has one and they are not all the same."""
    days = sorted((d for d in dates if d.day and d.value), key=lambda d: d.start)
    if len({d.value for d in days}) < 2:
        return None
    if days[0].start < guests[0].start:  # each day heads the counterparts printed after it
        owned = [next((d for d in reversed(days) if d.start < g.start), None) for g in guests]
    else:  # each day closes the counterparts printed before it
        owned = [next((d for d in days if d.start > g.end), None) for g in guests]
    if any(d is None for d in owned) or len({d.value for d in owned}) < 2:
        return None
    return owned


def _days_of_departures(text: str, dates: list[DateMention], predicate: int) -> list[DateMention]:
    """'is planning to depart for Russia on Monday to meet with his Russian counterpart': a day
    printed with a departure, the engagement its purpose, dates the trip; the engagement is held
    then or later, and what is known of its day is the month."""
    p = patterns()
    return [replace(d, value=d.value[:7]) if d.value and d.end < predicate and p.purpose.fullmatch(text, d.end, predicate)
            and p.departure.search(text, 0, d.start) else d for d in dates]


def _joint_engagement(doc: Document, i: int, roster: Roster, context: DateMention | None) -> Candidate | None:
    """'A and his Japanese counterpart B agreed Thursday in Tokyo to ...': officials of two
    governments who agree or discuss together have met (or called, if the sentence says so)."""
    sentence = doc.sentences[i]
    joint = patterns().joint.search(sentence.text)
    if joint is None or patterns().recalled.match(sentence.text):
        return None
    facts = _sentence_facts(doc, i, "meeting", roster, joint.start(), context)
    subjects = [p for p in facts.people if p.start < joint.start()]
    if len(subjects) < 2 or _sides(sentence.text, subjects) < 2:
        return None
    kind = next((name for name, pattern in patterns().types
                 if name in _CALL_TYPES and pattern.search(sentence.text)), "meeting")
    location = None if kind in _CALL_TYPES else facts.location
    # what they agreed to do is no part of their engagement, nor are its dates ("agreed to strengthen
    # ties ..., including a summit ... last month"); "agreed Thursday in Tokyo to" dates the engagement
    purpose = patterns().purpose.search(sentence.text, joint.end())
    dates = [d for d in facts.dates if purpose is None or d.start < purpose.start()]
    return Candidate(kind, subjects, [sentence], dates, location, bool(patterns().planned.search(sentence.text)))


def _sides(text: str, subjects: list[PersonMention]) -> int:
    """How many governments the officials of a subject speak for: the countries printed with them or
    known of them (kb.official_country), and one more for those of no known country when the subject
    names a counterpart ("Vu and his DPRK counterpart Pak Sang Gil": a counterpart is of the other side)."""
    countries = {p.country or kb.official_country(p.name) for p in subjects}
    unknown = None in countries
    countries.discard(None)
    return len(countries) + (unknown and people_grammar().counterpart.search(text, subjects[0].end, subjects[-1].start)
                             is not None)


def _named_in_next(doc: Document, pending: tuple[int, str], i: int, roster: Roster,
                   joint: Candidate | None = None) -> Candidate | None:
    """'Top envoys discussed X on the phone Wednesday. ... A and B exchanged assessments': an
    engagement sentence that names nobody takes its participants from the sentence after it (those
    of the joint engagement read from it, when given: the subjects who agreed). A joint engagement
    keeps the type its own sentence gives a call; a lead that reports a gathering (a conference, a
    visit) tells nothing of two officials' own engagement."""
    start, kind = pending
    if joint is not None and kind in _GROUP_TYPES:
        return None
    facts = _sentence_facts(doc, i, kind, roster)
    people = facts.people if joint is None else joint.people
    if len(people) < 2:
        return None
    lead = _sentence_facts(doc, start, kind, roster)
    first = doc.sentences[start]
    kind = joint.type if joint is not None and joint.type in _CALL_TYPES else kind
    return Candidate(kind, people, [first, doc.sentences[i]], lead.dates + facts.dates,
                     None if kind in _CALL_TYPES else (joint and joint.location) or lead.location,
                     bool(patterns().planned.search(first.text)))


@dataclass
class Draft:
    """An event being assembled from one or more candidate sentences."""

    type: str
    people: dict[str, PersonMention]
    candidates: list[Candidate]
    spans: dict[str, list[Span]]  # per person key: where the page names that person

    def add_person(self, key: str, resolved: PersonMention, mention: PersonMention) -> None:
        """The person (as resolved on the page) and the spans of the mention and of its resolution."""
        self.people.setdefault(key, resolved)
        self.spans.setdefault(key, []).extend(m.span for m in (mention, resolved) if m.span is not None)

    @property
    def first_index(self) -> int:
        return self.candidates[0].sentence_index


_TYPE_STRENGTH = {"visit": 0, "statement": 0}
# A sentence joins one of the last this many engagements of its page, or starts its own: a page
# tells of a few engagements, and a look-back without bound would make a page of thousands
# (a generated or concatenated one) quadratic.
MERGE_LOOK_BACK = 64


def _one_sided(draft: Draft, cand: Candidate) -> bool:
    """The draft names one participant of the candidate's kind of engagement, on no day the
    candidate does not name."""
    days = {d.value for d in cand.dates if d.value}
    return len(draft.people) == 1 and draft.type == cand.type \
        and all(d.value in days for c in draft.candidates for d in c.dates if d.value)


def _for_a_trip(draft: Draft) -> bool:
    """The draft was read from a trip made for its engagement ("will visit Russia from August 13
    through 15 for a consultation with his Russian counterpart"): like a visit, it is completed by a
    later sentence naming more of its people in that kind of engagement ("Cho will meet with Igor
    Morgulov")."""
    first = draft.candidates[0]
    return patterns().visit.search(first.sentences[0].text, 0, first.predicate) is not None


def _day(dates: list[DateMention]) -> str | None:
    """The first full day among a candidate's dates (the one its event is dated by, when printed)."""
    return next((d.value for d in dates if d.value and len(d.value) == 10), None)


def _recalled(draft: Draft, cand: Candidate) -> bool:
    """The candidate names the draft's people in the same kind of engagement on another day than the
    draft's own: it recalls their earlier (or later) engagement ("Noh and Kim held their first phone
    talks on Saturday", on a page reporting their second on Friday), which is not this one."""
    mine, theirs = _day(cand.dates), _day(draft.candidates[0].dates)
    return cand.type == draft.type and mine is not None and theirs is not None and mine != theirs


def _merge(drafts: list[Draft], cand: Candidate, roster: Roster) -> bool:
    """Add the candidate to the event about the same people, or start a new event. False when the
    candidate is left out: it recalls another engagement of an event's people (_recalled)."""
    people: dict[str, list[tuple[PersonMention, PersonMention]]] = {}
    for mention in cand.people:
        resolved = roster.resolve(mention)
        people.setdefault(person_key(resolved.name), []).append((resolved, mention))
    keys = set(people)
    comparable = [d for d in reversed(drafts[-MERGE_LOOK_BACK:])
                  if d.candidates[0].planned == cand.planned]  # plans are not reports
    if len(keys) == 1:
        target = next((d for d in comparable if keys <= set(d.people)), None)
        if target is None and drafts and cand.type == "meeting":
            return True  # a lone name in a meeting sentence after the event is a reference, not an event
    else:
        # a visit, or an engagement of the same kind that named one side only and no other day (a
        # headline: "Ambassador Yoon Meets UK Minister for Asia"), is completed by a later sentence
        # naming more of its people
        target = next((d for d in comparable if keys == set(d.people)), None) or \
            next((d for d in comparable if set(d.people) < keys
                  and (d.type == "visit" or d.type == cand.type and _for_a_trip(d) or _one_sided(d, cand))), None)
        if target is not None and _recalled(target, cand):
            return False
    if target is None:
        target = Draft(cand.type, {}, [], {})
        drafts.append(target)
    target.candidates.append(cand)
    for key, mentions in people.items():
        for resolved, mention in mentions:
            target.add_person(key, resolved, mention)
    if _TYPE_STRENGTH.get(target.type, 1) < _TYPE_STRENGTH.get(cand.type, 1):
        target.type = cand.type
    return True


SIDES_NAMED_WITHIN = 2  # sentences: the officials of unnamed sides are named right after them


def _names_the_sides(draft: Draft, cand: Candidate, roster: Roster) -> bool:
    """'The top nuclear envoys of South Korea and the United States held phone talks. Noh Kyu-duk
    ... and his US counterpart, Sung Kim, discussed ...': a candidate naming officials of every
    country of an event read only as unnamed sides, in the sentences right after it, names those
    sides; its officials replace them in that event (which keeps its type and day). True if so."""
    people = [(roster.resolve(p), p) for p in cand.people if not p.body]
    if len(people) < 2 or cand.sentence_index - draft.first_index > SIDES_NAMED_WITHIN \
            or not all(p.body and p.country for p in draft.people.values()):
        return False
    countries = {p.country or kb.official_country(p.name) for p, _ in people}
    if not {p.country for p in draft.people.values()} <= countries:
        return False
    days, named_days = _days(draft.candidates), _days([cand])
    if days and named_days and not days & named_days:
        return False  # an engagement of another day ("He met with X at his residence on Sunday")
    draft.people.clear()
    draft.spans.clear()
    draft.candidates.append(cand)
    for resolved, mention in people:
        draft.add_person(person_key(resolved.name), resolved, mention)
    return True


_DAY_AFTER_NAME = re.compile(r"\s+(?:on\s+)?")  # "Clinton Friday", "Kim on Saturday"


def _days(candidates: list[Candidate]) -> set[str]:
    """The days (not months) the candidates' sentences give."""
    return {d.value for c in candidates for d in c.dates if d.day and d.value}


def _date_each_counterpart(doc: Document, drafts: list[Draft], roster: Roster) -> None:
    """'X held separate talks by phone with his U.S. and South Korean counterparts A and B.
    Speaking to A Friday and B Saturday, ...': of the events read from one sentence, one per
    counterpart, each takes the day printed right after its own counterpart's name in the sentences
    that follow (up to SIDES_NAMED_WITHIN), before the days its sentence gives them all."""
    split: dict[int, list[Draft]] = {}
    for draft in drafts:
        split.setdefault(draft.first_index, []).append(draft)
    for first, events in split.items():
        if len(events) < 2:
            continue
        for j in range(first + 1, min(len(doc.sentences), first + 1 + SIDES_NAMED_WITHIN)):
            sentence = doc.sentences[j]
            named = doc.people[j] + roster.spot(sentence, doc.people[j])
            for day in (d for d in doc.dates[j] if d.value):
                person = next((p for p in named if _DAY_AFTER_NAME.fullmatch(sentence.text, p.end, day.start)), None)
                owners = [e for e in events if person and person_key(roster.resolve(person).name) in e.people]
                if len(owners) == 1:
                    lead = owners[0].candidates[0]
                    lead.dates = [day, *lead.dates]


def _dated_by_reference(draft: Draft, doc: Document, i: int) -> None:
    """'X met Y to exchange views. During their meeting on Wednesday, the ministry said ...': a
    sentence that refers to the engagement just read by its noun gives its day, where none of the
    engagement's sentences printed a day."""
    if any(_day(c.dates) for c in draft.candidates):
        return
    text, reference = doc.sentences[i].text, patterns().engagement_reference
    day = next((d for d in doc.dates[i] if d.value and len(d.value) == 10 and reference.search(text, 0, d.start)), None)
    if day is not None:
        lead = draft.candidates[0]
        lead.dates = [day, *lead.dates]


def _add_gathered(drafts: list[Draft], mentions: list[PersonMention], roster: Roster) -> None:
    """'The event brought together X, Y and Z': more participants of the last event."""
    if not drafts:
        return
    for mention in mentions:
        resolved = roster.resolve(mention)
        drafts[-1].add_person(person_key(resolved.name), resolved, mention)


def _printed_year(texts: list[str]) -> int | None:
    """The one year printed in the event's sentences or the title ("Davos Forum 2019")."""
    years = {int(y) for text in texts for y in year_standing_alone().findall(text)}
    return years.pop() if len(years) == 1 else None


def _caption_dates(doc: Document, roster: Roster) -> list[tuple[set[str], list[DateMention]]]:
    """Who each photo caption names, and the dates it gives ("..., in this photo provided by the ministry, May 19")."""
    out = []
    for caption in doc.captions:
        people = find_people(caption.text) + roster.spot(caption, [])
        out.append(({person_key(roster.resolve(p).name) for p in people},
                    dates_of(caption, doc.reference, doc.reference_inferred)))
    return out


class EventDate(NamedTuple):
    """An event's date, whether any part of it was inferred, and the text it was read from."""

    value: str | None
    inferred: bool
    spans: list[Span]


def _spans_of(mention: DateMention) -> list[Span]:
    return [mention.span] if mention.span is not None else []


def _event_date(draft: Draft, doc: Document, title_dates: list[DateMention], previous: Event | None,
                captions: list[tuple[set[str], list[DateMention]]]) -> EventDate:
    pictured = [d for keys, dates in captions if len(keys & set(draft.people)) >= 2 for d in dates]
    # the sentences of the engagement's own type first: a meeting that completes a visit ("arrived in
    # Seoul on Saturday for a four-day visit. He met with X on Sunday") is dated by its own day
    own_first = sorted(draft.candidates, key=lambda c: c.type != draft.type)
    mentions = [d for c in own_first for d in c.dates] + pictured
    # the headline's date is the day of the engagement it reports: another engagement's, whose own
    # sentences date it ("Last month, Park ... held summit talks with Obama"), is not overridden by it
    mentions += [] if any(m.value for m in mentions) else title_dates
    same_day = any(patterns().same_day.search(c.sentence) for c in draft.candidates)
    if same_day and previous is not None and not any(d.value for d in mentions):
        return EventDate(previous.date and previous.date[:7], previous.date_inferred, previous.date_spans)
    read = sorted((m for m in mentions if m.value), key=lambda m: len(m.value) < 10)  # days before months
    if read:
        first = read[0]
        if first.end_value and first.end_value[:7] == first.value[:7] and draft.type not in _RANGE_TYPES:
            # "During her April 4-6 visit to Tokyo, X met Y": one day of the range, which the page does
            # not say: the month is what is known
            return EventDate(first.value[:7], first.inferred, _spans_of(first))
        return EventDate(first.value, first.inferred, _spans_of(first))
    # a weekday printed apart from the month and day ("Aug. 18 (UPI) -- ... at Camp David Friday")
    apart = next((m.weekday for m in mentions if m.weekday is not None and not m.day), None)
    for mention in mentions:
        if mention.month and mention.day:
            texts = [c.sentence for c in draft.candidates] + [doc.clean.title or ""]
            year = _printed_year(texts)
            if year:
                return EventDate(f"{year:04d}-{mention.month:02d}-{mention.day:02d}", False, _spans_of(mention))
            year = session_year(texts, mention.month)  # "on the sidelines of the 72nd UN General Assembly"
            if year:
                return EventDate(f"{year:04d}-{mention.month:02d}-{mention.day:02d}", True, _spans_of(mention))
            weekday = apart if mention.weekday is None else mention.weekday
            year = year_from_tenures(mention.month, mention.day, weekday, list(draft.people.values()), doc.reference)
            if year:
                return EventDate(f"{year:04d}-{mention.month:02d}-{mention.day:02d}", True, _spans_of(mention))
    if same_day and previous is not None:
        return EventDate(previous.date, previous.date_inferred, previous.date_spans)
    if doc.reference and not mentions:
        # a statement is issued on its page's date; any other engagement is only guessed to be
        # the page's day
        read = draft.type == "statement" and not doc.reference_inferred
        return EventDate(doc.reference.isoformat(), not read, [])
    return EventDate(None, False, [])


def _fill_country(person: PersonMention, home: str | None) -> str | None:
    """The government a participant represents; a former official represents none."""
    if person.title and person.title.lower().startswith("former"):
        return None
    if person.country:
        return person.country
    official = kb.official_country(person.name) if person.name else None
    if official:
        return official
    if person.title and people_grammar().government_title.search(person.title):
        return home
    return None


def _type_with_title(draft: Draft, title: str | None) -> str:
    """"X spoke with Y" is a call when the page's title says so ("Secretary's Call with ...")."""
    p = patterns()
    if draft.type == "meeting" and title and all(p.ambiguous_meeting.search(c.sentence) for c in draft.candidates):
        return next((kind for kind, pattern in p.call_in_title if pattern.search(title)), draft.type)
    return draft.type


def _format(kind: str, participants: list[Participant]) -> str:
    parties = {p.country or "non-government" for p in participants}
    if kind == "conference" or len(parties) > 3:
        return "multilateral"
    return "trilateral" if len(parties) == 3 else "bilateral"


ANNOUNCEMENT_REACH = 3  # sentences: a statement's announcement opens the page's text


def _announced_statement(doc: Document, roster: Roster) -> Draft | None:
    """'The following statement was issued today by the Spokesman for UN Secretary-General António
    Guterres:': a statement announced in the passive in the first sentences of the text, issued by
    the officials its agent names (a spokesperson's statement is that of the official it is issued
    for: ANNOTATION.md settled conventions); None when the agent names none."""
    for sentence in doc.sentences:
        if sentence.index >= ANNOUNCEMENT_REACH:
            break
        if sentence.part != TEXT or (agent := patterns().statement_announcement.search(sentence.text)) is None:
            continue
        # the agent is the statement's own, whatever clause it stands in ("The following statement")
        named = doc.people[sentence.index] + roster.spot(sentence, doc.people[sentence.index])
        issuers = sorted((p for p in named if p.start >= agent.end() and not p.possessive), key=lambda p: p.start)
        if issuers:
            dates = [d for d in doc.dates[sentence.index] if d.start < agent.end()]  # "was issued today by"
            return _statement_draft(Candidate("statement", issuers, [sentence], dates, None, False, agent.start()),
                                    roster)
    return None


def _statement_draft(cand: Candidate, roster: Roster) -> Draft:
    issued: list[Draft] = []
    _merge(issued, cand, roster)
    return issued[0]


def _page_statement(doc: Document, roster: Roster) -> Draft | None:
    """A page that reports no engagement but is a statement reports the statement itself
    (ANNOTATION.md, type `statement`): one announced with its issuers (_announced_statement), or one
    whose title names it a statement ("Joint Statement on the DPRK's Satellite Launch", "Statement by
    Canada on North Korea"), issued by the subject of the first sentence of its text that takes a
    PLOVER action ("The Governments of Japan, the Republic of Korea and the United States condemn
    ...", "We, the Foreign Ministers of ... reiterate")."""
    announced = _announced_statement(doc, roster)
    if announced is not None or not doc.clean.title or not patterns().statement_title.search(doc.clean.title):
        return announced
    for i, sentence in enumerate(doc.sentences):
        if sentence.part != TEXT or (predicate := first_action(sentence.text)) is None:
            continue
        facts = _sentence_facts(doc, i, "statement", roster, predicate)
        issuers = _issuers(sentence, facts, predicate)
        if issuers:
            return _statement_draft(Candidate("statement", issuers, [sentence], _issued_on(facts, predicate),
                                              facts.location, False, predicate), roster)
    return None


class ListLead(NamedTuple):
    """What the paragraph introducing a list tells of each of its items: who acts, where and when."""

    subject: PersonMention | None
    location: Location | None
    dates: list[DateMention]


def _list_lead(doc: Document, sentences: list[int], roster: Roster) -> ListLead:
    """The subject, place and dates of a list's lead-in, given its sentences' indexes ("Deputy
    Secretary of State Kurt M. Campbell was in Seoul on March 19-20. During the visit, the Deputy
    Secretary:"). The subject is the official its last sentence names; else the official of the
    lead-in whose title holds the role that sentence names ("the Deputy Secretary"); else, for a
    pronoun ("he:"), the lead-in's first official."""
    last = doc.sentences[sentences[-1]]
    named = [p for p in doc.people[last.index] + roster.spot(last, doc.people[last.index]) if not p.possessive]
    officials = [roster.resolve(p) for i in sentences for p in doc.people[i] if not p.possessive]
    if named:
        subject: PersonMention | None = roster.resolve(min(named, key=lambda p: p.start))
    else:
        roles = [b.title.casefold() for b in find_bodies(last.text, []) if b.title]
        holders = [p for role in roles for p in officials if p.title and role in set(word_runs(p.title))]
        subject = holders[0] if holders else None if roles else next(iter(officials), None)
    places = (_location(doc.sentences[i], background_spans(doc.sentences[i].text)) for i in sentences)
    return ListLead(subject, next((p for p in places if p), None),
                    [d for i in sentences for d in doc.dates[i] if d.value])


def _with_list_lead(cand: Candidate, lead: ListLead, roster: Roster) -> None:
    """A list item that opens on its predicate ("- Met with First Vice Foreign Minister Kim
    Hong-kyun ...") tells what the lead-in's subject did, there and then unless it says otherwise."""
    if lead.subject is None or any(p.start < cand.predicate for p in cand.people):
        return  # the item names its own subject
    if person_key(lead.subject.name) not in {person_key(roster.resolve(p).name) for p in cand.people}:
        cand.people.insert(0, lead.subject)
    _fill_from(cand, lead.location, lead.dates)


def _fill_from(cand: Candidate, location: Location | None, dates: list[DateMention]) -> None:
    """The place and dates of the sentence that leads into the candidate's, where it gives none of its own."""
    if cand.type not in _CALL_TYPES:
        cand.location = cand.location or location
    cand.dates = cand.dates or dates


def _drafts(doc: Document, roster: Roster) -> list[Draft]:
    drafts: list[Draft] = []
    gathering, anaphoric_day = patterns().gathering, patterns().anaphoric_day
    pending: tuple[int, str] | None = None
    context: DateMention | None = None  # the last day the page named
    paragraph_sentences: dict[int, list[int]] = {}  # of the lead-ins of lists
    for sentence in doc.sentences if doc.list_leads else ():
        paragraph_sentences.setdefault(sentence.paragraph, []).append(sentence.index)
    leads: dict[int, ListLead] = {}
    for i, sentence in enumerate(doc.sentences):
        found = engagement_type(sentence.text)
        if found:
            kind, predicate = found
            candidates = _candidates_from(doc, i, kind, predicate, roster, context)
            if candidates and pending and i - pending[0] <= 2:
                # "The top nuclear envoys ... held talks here Wednesday ... Kim Gunn ... met with ...": the
                # engagement the lead reported without names, where and when it said
                nameless = _sentence_facts(doc, pending[0], pending[1], roster)
                for cand in candidates:
                    _fill_from(cand, nameless.location, nameless.dates)
            pending = None if candidates else (i, kind)
            if (lead := doc.list_leads.get(sentence.paragraph)) is not None and lead in paragraph_sentences:
                if lead not in leads:
                    leads[lead] = _list_lead(doc, paragraph_sentences[lead], roster)
                for cand in candidates:
                    _with_list_lead(cand, leads[lead], roster)
        elif pending and i - pending[0] <= 2 and (late := _named_in_next(doc, pending, i, roster)):
            candidates, pending = [late], None  # the engagement just reported without names
        elif joint := _joint_engagement(doc, i, roster, context):
            if pending and i - pending[0] <= 2:
                # "... condemned the launches in their phone talks on Wednesday. A and his counterpart B
                # agreed to ...": the engagement the lead reported, its officials named by this sentence
                joint = _named_in_next(doc, pending, i, roster, joint) or joint
                pending = None
            candidates = [joint]
        else:
            candidates = []
            if gathering.search(sentence.text):
                _add_gathered(drafts, doc.people[i], roster)
            elif drafts:
                _dated_by_reference(drafts[-1], doc, i)
        other_day = False  # the sentence tells of the same people's engagement on another day
        for cand in candidates:
            if len(cand.people) == 1 and (subject := _referred_subject(cand, drafts[-1] if drafts else None,
                                                                      _opening_official(doc, i - 1, roster))):
                cand.people.insert(0, subject)
            if not (drafts and _names_the_sides(drafts[-1], cand, roster)):
                other_day = not _merge(drafts, cand, roster) or other_day
        named_days = [d for d in doc.dates[i] if d.day and d.value and not anaphoric_day.search(d.text)]
        # "later in the day" is the day of the engagements the page reports, not of one it recalls
        context = named_days[0] if named_days and not other_day else context
    if not drafts and (issued := _page_statement(doc, roster)):
        drafts.append(issued)
    return drafts


SUBJECT_REACH = 48  # characters: "The Deputy Secretary of State also met": a subject's predicate follows it closely




def _opening_official(doc: Document, j: int, roster: Roster) -> Iterator[PersonMention]:
    """The official who opens sentence j (the subject of a "He" in the sentence after it, when both
    are in one paragraph), resolved on the page; read only when asked (a roster scan of the sentence)."""
    if j < 0 or doc.sentences[j].paragraph != doc.sentences[j + 1].paragraph:
        return
    sentence = doc.sentences[j]
    named = [p for p in doc.people[j] + roster.spot(sentence, doc.people[j]) if not p.possessive and not p.body]
    first = min(named, key=lambda p: p.start, default=None)
    if first is not None and first.start < SUBJECT_REACH:
        yield roster.resolve(first)


def _referred_subject(cand: Candidate, last: Draft | None, opener: Iterator[PersonMention] = iter(())
                      ) -> PersonMention | None:
    """The subject of an engagement sentence that names only the counterpart and refers to its own
    subject: "He will meet Z" is the official who opens the sentence before it in its paragraph
    (`opener`: "Sung Kim arrived in Seoul on Saturday. He met with ..."), else the first of the last
    engagement's participants (when it has more than one, the first is the one who met the others);
    "Following his meeting with Z" refers to them as "He" does (_owns_predicate); "The minister also
    held talks with Z" is the one of them whose title that role noun names."""
    text = cand.sentences[0].text
    m = patterns().pronoun_subject.match(text)
    if cand.predicate > SUBJECT_REACH or "," in text[:cand.predicate] \
            or m is None and not _owned_by_pronoun(text, cand.predicate):
        return None  # the predicate is not the subject's own ("The minister also thanked ..., welcoming X")
    role = m.group("role") if m else None
    if not role:
        named = next(opener, None)
        if named is not None and person_key(named.name) not in {person_key(p.name) for p in cand.people}:
            return named
    if last is None:
        return None
    people = list(last.people.values())
    if not role:
        return people[0] if len(people) > 1 else None
    roles = role_words(role)
    return next((p for p in people if p.title and roles & role_words(p.title)), None)


def _headline_people(doc: Document, roster: Roster) -> list[PersonMention]:
    """The officials and offices a headline that reports an engagement names ("Ambassador Yoon
    Yeo-chul Meets UK Minister for Asia"); none when the page has no headline or it reports none."""
    title = doc.title
    if title is None or engagement_type(title.text) is None:
        return []
    people = find_people(title.text)
    people += roster.spot(title, people)
    return people + find_bodies(title.text, people, headline=True)


def _completed_by_headline(drafts: list[Draft], headline: list[PersonMention], roster: Roster) -> None:
    """A headline reports one of the page's engagements, the one among whose people it names an
    official, in fewer words: it is that event, not another one. What it says of a participant
    completes what the body leaves out: the government (and office) of an official it names, and of
    the body's counterpart it names by office alone ("... Meets UK Minister for Asia": the minister
    the body names without a nationality is the UK's), when that office shares a role noun with the
    counterpart's title or is the one other participant."""
    named = {person_key(roster.resolve(m).name): m for m in headline if not m.body}
    draft = next((d for d in drafts if named.keys() & d.people.keys()), None)
    if draft is None:
        return
    for key, mention in named.items():
        if key in draft.people:
            _complete(draft.people[key], mention)
    others = [p for key, p in draft.people.items() if key not in named and not p.body]
    offices = [m for m in headline if m.body]
    for office in offices:
        fitting = [p for p in others if role_words(office.title or "") & role_words(p.title or "")]
        if not fitting and len(offices) == len(others) == 1:
            fitting = others
        if len(fitting) == 1:
            _complete(fitting[0], office)


def _complete(person: PersonMention, mention: PersonMention) -> None:
    """The person with the government and office another mention of them gives, where none is known."""
    person.country = person.country or mention.country
    person.title = person.title or mention.title


def _segment_topics(hits: list[list[TopicHit]]) -> dict[str, Span]:
    """The topics of consecutive sentences, in order of first appearance, each with the phrase that
    first signalled it."""
    found: dict[str, Span] = {}
    for sentence in hits:
        for hit in sentence:
            if hit.span is not None:
                found.setdefault(hit.topic, hit.span)
    return found


def add_events(doc: Document) -> None:
    """Step `events`: doc.events, the engagements the page reports, each fact with its spans.

    Needs the steps `sentences`, `dates`, `people` and `topics`."""
    clean = doc.clean
    title_topics = topics_of(doc.title) if doc.title else []
    home = home_country(clean)
    roster = Roster(doc.bylines + [m for mentions in doc.people for m in mentions], clean.text,
                    None if doc.reference_inferred else doc.reference)
    drafts = _drafts(doc, roster)
    _date_each_counterpart(doc, drafts, roster)
    _completed_by_headline(drafts, _headline_people(doc, roster), roster)
    title_dates = dates_of(doc.title, doc.reference, doc.reference_inferred) if doc.title else []
    captions = _caption_dates(doc, roster)
    events = doc.events
    for n, draft in enumerate(drafts):
        previous = events[-1] if events else None
        day = _event_date(draft, doc, title_dates, previous, captions)
        places = [c.location for c in draft.candidates if c.location]
        location = next((p for p in places if p.city), places[0] if places else None)  # a city beats a country
        if location is None and previous is not None and previous.date == day.value and draft.type not in _CALL_TYPES:
            location = previous.location
        participants = [Participant(name=p.name, title=p.title, organization=p.organization,
                                    country=_fill_country(p, home), kind="body" if p.body else "person",
                                    spans=draft.spans.get(key, []))
                        for key, p in draft.people.items()]
        # an event's topics are read from its sentences up to the next event's (events read from one
        # "respectively" sentence share the passage that follows it)
        end = next((d.first_index for d in drafts[n + 1:] if d.first_index > draft.first_index), len(doc.sentences))
        start = 0 if n == 0 else draft.first_index
        segment = ([title_topics] if n == 0 else []) + doc.topics[start:end]
        topics = _segment_topics(segment)
        events.append(Event(
            type=_type_with_title(draft, clean.title), date=day.value, date_inferred=day.inferred,
            date_spans=day.spans, location=location, format=_format(draft.type, participants),
            participants=participants, topics=list(topics), topic_evidence=topics,
            evidence=list(dict.fromkeys(s.span() for c in draft.candidates for s in c.sentences))))  # each sentence once
