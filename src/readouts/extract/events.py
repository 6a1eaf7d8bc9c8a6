"""Engagements: type, date, location, format and participants, read sentence by sentence.

A sentence reports an engagement when its predicate is one of data/events.json's wordings and it
names at least one official outside clauses that only refer to other engagements in passing.
Sentences about the same people are merged into one event; "met with A and B, respectively" (or
"held separate meetings with A and B") makes one event per counterpart. Surname-only mentions
("Special Representative Kim") are resolved to the full names printed elsewhere on the page.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .. import gazetteer, kb
from ..scan import GatedPattern
from ..types import CleanDocument, Event, Location, Participant, parse_iso
from .dates import DateMention, find_dates, infer_year, year_standing_alone
from .people import PersonMention, byline_person, find_people, speaker_of
from .people import grammar as people_grammar
from .text import split_sentences
from .topics import TopicHit, detect_topics

_CALL_TYPES = {"phone_call", "video_call"}


@dataclass(frozen=True)
class EventPatterns:
    types: tuple[tuple[str, GatedPattern], ...]
    any_type: GatedPattern  # a sentence matching none of the types is no engagement: one scan to know
    predicate_blockers: GatedPattern
    planned: GatedPattern
    not_held: GatedPattern
    background: GatedPattern
    gathering: GatedPattern
    same_day: GatedPattern
    separate_events: re.Pattern
    visit: GatedPattern
    ambiguous_meeting: re.Pattern
    dateline: re.Pattern
    joint: GatedPattern
    call_in_title: tuple[tuple[str, re.Pattern], ...]


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
        background=_union(data["background"]),
        gathering=_union(data["gathering"]),
        same_day=_union(data["same_day"]),
        separate_events=re.compile(data["separate_events"], re.I),
        visit=_union(dict(data["types"])["visit"]),
        ambiguous_meeting=re.compile(data["ambiguous_meeting"], re.I),
        dateline=re.compile(data["dateline"]),
        joint=GatedPattern(data["joint_predicates"], re.I),
        call_in_title=tuple((kind, re.compile(p, re.I)) for kind, p in data["call_in_title"].items()),
    )


@dataclass
class Candidate:
    """An engagement read from one sentence, before merging."""

    type: str
    people: list[PersonMention]
    sentence_index: int
    sentence: str
    dates: list[DateMention]
    location: Location | None
    planned: bool = False  # announced ("will visit"), not yet held


def engagement_type(sentence: str) -> tuple[str, int] | None:
    """The event type of the sentence's predicate and where the predicate is, or None if the
    sentence reports no engagement."""
    p = patterns()
    if not p.any_type.search(sentence) or p.not_held.search(sentence):
        return None
    text = p.predicate_blockers.blanked(sentence)
    places = p.any_type.starts(text)  # where some type matches: each type is tried only there
    for name, pattern in p.types:
        m = next((m for at in places if (m := pattern.match(text, at)) is not None), None)
        if m:
            visit = p.visit.search(text, 0, m.start())
            if visit and text.endswith("to ", 0, m.start()):  # "will visit the U.S. to meet with B"
                return "visit", visit.start()
            return name, m.start()
    return None


def background_spans(sentence: str) -> list[tuple[int, int]]:
    """Clauses that refer to other engagements in passing: to the next comma when the clause
    opens the sentence, else to the sentence end."""
    dateline = patterns().dateline.match(sentence)
    spans = [(0, dateline.end())] if dateline else []
    for m in patterns().background.finditer(sentence):
        if m.start() < 12:
            comma = sentence.find(",", m.end())
            spans.append((m.start(), max(m.end(), comma if comma > 0 else len(sentence))))
        else:
            spans.append((m.start(), len(sentence)))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def home_country(doc: CleanDocument) -> str | None:
    """The government a page speaks for, from its publisher ('Ministry of Foreign Affairs of Japan')."""
    if not doc.publisher:
        return None
    found = gazetteer.find_countries(doc.publisher)
    return found[0].code if found else kb.office_country(doc.publisher)


_PLACE_PREPOSITIONS = {"in", "at", "to", "visited", "visiting", "visit", "the"}


_OPEN_PARENTHESIS = re.compile(r"[\w.]+\s*\($")  # "Indonesia (" before "Jakarta)"
_VISITED_COUNTRY = re.compile(r"\b(?:visit(?:ed|ing|s)?|(?:a\s+)?(?:visit|trip)\s+to|in)\s+(?:the\s+)?([A-Z][\w.’' -]+)")
_NAME_PUNCTUATION = re.compile(r"[-‐’']")


def _is_locative(before: str) -> bool:
    """A place is where the engagement happened when a preposition governs it, possibly through an
    address chain ("at the Lotte Hotel in Sogong-dong, Jung-gu, Seoul") or a country before it
    ("visiting Indonesia (Jakarta)")."""
    before = _OPEN_PARENTHESIS.sub("", before.rstrip())
    words = before.split()
    if words and words[-1].lower() in _PLACE_PREPOSITIONS:
        return True
    for back in range(2, 5):
        chain = words[-back:]
        if len(chain) == back and chain[0].lower() in {"in", "at"} and all(w.endswith(",") for w in chain[1:]):
            return True
    return False


def _location(sentence: str, spans: list[tuple[int, int]]) -> Location | None:
    for place in gazetteer.find_places(sentence):
        if _inside(place.start, spans) or not _is_locative(sentence[:place.start]):
            continue
        # the city as printed ("Washington, D.C."), unless the mention is a venue or district
        city = place.surface if place.surface.startswith(place.city) else place.city
        return Location(city=city, country=place.country)
    m = _VISITED_COUNTRY.search(sentence)
    if m and not _inside(m.start(), spans):
        found = gazetteer.find_countries(m.group(1))
        if found and found[0].start == 0:
            return Location(city=None, country=found[0].code)
    return None


@dataclass(frozen=True)
class Reference:
    """The date relative dates are read against, and whether it is itself a guess."""

    day: date | None
    inferred: bool


def person_key(name: str) -> str:
    """Order-, case- and hyphen-insensitive key of a personal name."""
    return " ".join(sorted(_NAME_PUNCTUATION.sub("", name).casefold().split()))


_NAME_GOES_ON = re.compile(r"[\w-]")  # a letter or hyphen beside a form: part of a longer word
_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")  # another capitalised word: "Kim" is not "Kim Jong-un"


class Roster:
    """The officials of one document, so that "Special Representative Kim" and a later bare
    "Sherman" are the Kim Gunn and Wendy Sherman printed in full elsewhere on the page."""

    def __init__(self, mentions: list[PersonMention]) -> None:
        self.full: list[PersonMention] = []
        for m in mentions:
            if m.name and not m.surname_only:
                self._merge_full(m)
        for m in mentions:  # "his UK counterpart Boris Johnson" ... "Secretary Johnson"
            resolved = self.resolve(m)
            if resolved is not m and not resolved.title and m.title:
                resolved.title = m.title
        self._forms = self._short_forms()

    def _merge_full(self, mention: PersonMention) -> None:
        key = person_key(mention.name)
        for known in self.full:
            if person_key(known.name) == key:
                known.title = known.title or mention.title
                known.organization = known.organization or mention.organization
                known.country = known.country or mention.country
                return
        self.full.append(PersonMention(mention.name, mention.title, mention.organization, mention.country,
                                       mention.start, mention.end))

    def _short_forms(self) -> list[str]:
        """Full names and unambiguous single names (a surname in either name order)."""
        counts: dict[str, int] = {}
        for p in self.full:
            for part in {p.name.split()[0], p.name.split()[-1]}:
                counts[part] = counts.get(part, 0) + 1
        return [p.name for p in self.full] + [part for part, n in counts.items() if n == 1 and len(part) > 2]

    def _occurrences(self, sentence: str) -> list[tuple[int, int]]:
        """Where the forms stand as whole names, left to right, the longest where two start
        together, none overlapping (as a longest-first alternation would find them; a few
        str.find calls cost less than compiling one regex per page)."""
        found = []
        for form in self._forms:
            at = sentence.find(form)
            while at >= 0:
                end = at + len(form)
                if not (at and _NAME_GOES_ON.match(sentence[at - 1])) and not _NAME_GOES_ON.match(sentence, end) \
                        and not _NEXT_NAME.match(sentence, end):
                    found.append((at, end))
                at = sentence.find(form, at + 1)
        kept: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        return kept

    def resolve(self, mention: PersonMention) -> PersonMention:
        """The document's full-name official this mention refers to, or the mention itself."""
        if mention.surname_only:
            token = mention.name.casefold()
            matches = [p for p in self.full if token in p.name.casefold().replace("-", " ").split()]
            if len(matches) > 1 and mention.title:
                head = mention.title.split()[-1]
                matches = [p for p in matches if p.title and head in p.title] or matches
            if len(matches) == 1:
                return matches[0]
            return mention
        key = person_key(mention.name)
        return next((p for p in self.full if person_key(p.name) == key), mention)

    def spot(self, sentence: str, found: list[PersonMention]) -> list[PersonMention]:
        """Bare mentions of the document's officials that the title grammar did not catch."""
        extra = []
        for start, end in self._occurrences(sentence) if self._forms else ():
            if any(p.start <= start < p.end + 1 for p in found):
                continue
            possessive = sentence.startswith(("'", "’"), end)
            extra.append(PersonMention(sentence[start:end], None, None, None, start, end, possessive))
        return extra


@dataclass
class Facts:
    """What one sentence states about an engagement, outside clauses about other engagements."""

    people: list[PersonMention]
    dates: list[DateMention]
    location: Location | None


_ANAPHORIC_DAY = re.compile(r"\b(?:the|that)\s+(?:same\s+)?day\b", re.I)


_FIRST_PERSON = re.compile(r"\b(?:I|my|me)\b")


class Page:
    """A document's sentences with the officials and dates each names, each read once. In a
    transcript, "I" and "my" name the speaker of the paragraph ("SECRETARY POMPEO: ... It is my
    honor to welcome ..."); a name alone on a line over an office is a byline official."""

    def __init__(self, text: str, ref: Reference) -> None:
        self.reference = ref
        self.sentences: list[str] = []  # every paragraph's sentences, in order
        self.people: list[list[PersonMention]] = []
        self.bylines: list[PersonMention] = []
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        for n, paragraph in enumerate(paragraphs):
            speaker = speaker_of(paragraph)
            if n + 1 < len(paragraphs) and (byline := byline_person(paragraph, paragraphs[n + 1])):
                self.bylines.append(byline)
            for sentence in split_sentences(paragraph):
                self.sentences.append(sentence)
                found = find_people(sentence)
                if speaker and _FIRST_PERSON.search(sentence):
                    found.append(speaker)
                self.people.append(found)
        self.dates = [find_dates(s, ref.day, ref.inferred) for s in self.sentences]


def _sentence_facts(page: Page, i: int, kind: str, roster: Roster, predicate: int = 0,
                    context: DateMention | None = None) -> Facts:
    sentence = page.sentences[i]
    spans = background_spans(sentence)
    found = page.people[i] + roster.spot(sentence, page.people[i])
    people = sorted((p for p in found if not _inside(p.start, spans) and not p.possessive), key=lambda p: p.start)
    # the date nearest after the predicate comes first ("visited from February 21 to 22, and held
    # talks ... on February 22"), then the nearest before it ("On December 11, X met Y")
    dates = sorted((d for d in page.dates[i] if not _inside(d.start, spans)),
                   key=lambda d: (d.start < predicate, abs(d.start - predicate)))
    if context is not None:  # "earlier in the day" is the day the page spoke of last
        dates = [context if _ANAPHORIC_DAY.search(d.text) else d for d in dates]
    location = None if kind in _CALL_TYPES else _location(sentence, spans)
    return Facts(people, dates, location)


def _candidates_from(page: Page, i: int, kind: str, predicate: int, roster: Roster,
                     context: DateMention | None) -> list[Candidate]:
    facts = _sentence_facts(page, i, kind, roster, predicate, context)
    if not facts.people:
        return []
    sentence = page.sentences[i]
    planned = bool(patterns().planned.search(sentence))

    def candidate(people: list[PersonMention]) -> Candidate:
        return Candidate(kind, people, i, sentence, facts.dates, facts.location, planned)

    if patterns().separate_events.search(sentence) and kind == "meeting" and len(facts.people) >= 3:
        hosts = [p for p in facts.people if p.start < predicate]
        guests = [p for p in facts.people if p.start > predicate]
        if hosts and len(guests) >= 2:
            return [candidate(hosts + [g]) for g in guests]
    return [candidate(facts.people)]


def _joint_engagement(page: Page, i: int, roster: Roster, context: DateMention | None) -> Candidate | None:
    """'A and his Japanese counterpart B agreed Thursday in Tokyo to ...': officials of two
    governments who agree or discuss together have met (or called, if the sentence says so)."""
    sentence = page.sentences[i]
    joint = patterns().joint.search(sentence)
    if joint is None:
        return None
    facts = _sentence_facts(page, i, "meeting", roster, joint.start(), context)
    subjects = [p for p in facts.people if p.start < joint.start()]
    if len(subjects) < 2 or len({p.country for p in subjects if p.country}) < 2:
        return None
    kind = next((name for name, pattern in patterns().types if name in _CALL_TYPES and pattern.search(sentence)),
                "meeting")
    location = None if kind in _CALL_TYPES else facts.location
    return Candidate(kind, subjects, i, sentence, facts.dates, location, bool(patterns().planned.search(sentence)))


def _named_in_next(page: Page, pending: tuple[int, str], i: int, roster: Roster) -> Candidate | None:
    """'Top envoys discussed X on the phone Wednesday. ... A and B exchanged assessments': an
    engagement sentence that names nobody takes its participants from the sentence after it."""
    start, kind = pending
    facts = _sentence_facts(page, i, kind, roster)
    if len(facts.people) < 2:
        return None
    lead = _sentence_facts(page, start, kind, roster)
    first = page.sentences[start]
    return Candidate(kind, facts.people, start, f"{first} {page.sentences[i]}", lead.dates + facts.dates,
                     lead.location, bool(patterns().planned.search(first)))


@dataclass
class Draft:
    """An event being assembled from one or more candidate sentences."""

    type: str
    people: dict[str, PersonMention]
    candidates: list[Candidate]

    @property
    def first_index(self) -> int:
        return self.candidates[0].sentence_index


_TYPE_STRENGTH = {"visit": 0, "statement": 0}


def _merge(drafts: list[Draft], cand: Candidate, roster: Roster) -> None:
    """Add the candidate to the event about the same people, or start a new event."""
    people = {}
    for mention in cand.people:
        resolved = roster.resolve(mention)
        people.setdefault(person_key(resolved.name), resolved)
    keys = set(people)
    comparable = [d for d in reversed(drafts) if d.candidates[0].planned == cand.planned]  # plans are not reports
    if len(keys) == 1:
        target = next((d for d in comparable if keys <= set(d.people)), None)
        if target is None and drafts and cand.type == "meeting":
            return  # a lone name in a meeting sentence after the event is a reference, not an event
    else:
        target = next((d for d in comparable if keys == set(d.people)), None) or \
            next((d for d in comparable if set(d.people) < keys and d.type == "visit"), None)
    if target is None:
        drafts.append(Draft(cand.type, people, [cand]))
        return
    target.candidates.append(cand)
    for key, person in people.items():
        target.people.setdefault(key, person)
    if _TYPE_STRENGTH.get(target.type, 1) < _TYPE_STRENGTH.get(cand.type, 1):
        target.type = cand.type


def _add_gathered(drafts: list[Draft], mentions: list[PersonMention], roster: Roster) -> None:
    """'The event brought together X, Y and Z': more participants of the last event."""
    if not drafts:
        return
    for mention in mentions:
        resolved = roster.resolve(mention)
        drafts[-1].people.setdefault(person_key(resolved.name), resolved)


def _printed_year(texts: list[str]) -> int | None:
    """The one year printed in the event's sentences or the title ("Davos Forum 2019")."""
    years = {int(y) for text in texts for y in year_standing_alone().findall(text)}
    return years.pop() if len(years) == 1 else None


def _year_from_tenures(mention: DateMention, people: list[PersonMention], reference: date | None) -> int | None:
    """The latest year in which every serving official named was in office on that month and day
    (and the printed weekday fits): a page that omits the year still names who held which post.
    A post still held counts up to the page's reference date (see kb.candidate_years)."""
    serving = [(p.name, p.title) for p in people if not (p.title or "").lower().startswith("former")]
    years = kb.candidate_years(serving, reference)
    fitting = [y for y in years if infer_year(mention.month, mention.day, None, [y])  # the day exists
               and all(kb.in_office_on(n, t, date(y, mention.month, mention.day)) is not False for n, t in serving)]
    return infer_year(mention.month, mention.day, mention.weekday, fitting) if fitting else None


def _caption_dates(captions: list[str], roster: Roster, ref: Reference) -> list[tuple[set[str], list[DateMention]]]:
    """Who each photo caption names, and the dates it gives ("..., in this photo provided by the ministry, May 19")."""
    out = []
    for caption in captions:
        people = find_people(caption) + roster.spot(caption, [])
        out.append(({person_key(roster.resolve(p).name) for p in people}, find_dates(caption, ref.day, ref.inferred)))
    return out


def _event_date(draft: Draft, title: str | None, title_dates: list[DateMention], previous: Event | None,
                ref: Reference, captions: list[tuple[set[str], list[DateMention]]]) -> tuple[str | None, bool]:
    pictured = [d for keys, dates in captions if len(keys & set(draft.people)) >= 2 for d in dates]
    mentions = [d for c in draft.candidates for d in c.dates] + pictured + title_dates
    same_day = any(patterns().same_day.search(c.sentence) for c in draft.candidates)
    if same_day and previous is not None and not any(d.value for d in mentions):
        return previous.date, previous.date_inferred
    read = sorted((m for m in mentions if m.value), key=lambda m: len(m.value) < 10)  # days before months
    if read:
        return read[0].value, read[0].inferred
    for mention in mentions:
        if mention.month and mention.day:
            year = _printed_year([c.sentence for c in draft.candidates] + [title or ""])
            if year:
                return f"{year:04d}-{mention.month:02d}-{mention.day:02d}", False
            year = _year_from_tenures(mention, list(draft.people.values()), ref.day)
            if year:
                return f"{year:04d}-{mention.month:02d}-{mention.day:02d}", True
    if same_day and previous is not None:
        return previous.date, previous.date_inferred
    if ref.day and not mentions:
        return ref.day.isoformat(), True
    return None, False


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


def _drafts(page: Page, roster: Roster) -> list[Draft]:
    drafts: list[Draft] = []
    gathering = patterns().gathering
    pending: tuple[int, str] | None = None
    context: DateMention | None = None  # the last day the page named
    for i, sentence in enumerate(page.sentences):
        found = engagement_type(sentence)
        if found:
            kind, predicate = found
            candidates = _candidates_from(page, i, kind, predicate, roster, context)
            pending = None if candidates else (i, kind)
        elif joint := _joint_engagement(page, i, roster, context):
            candidates = [joint]
        elif pending and i - pending[0] <= 2:
            late = _named_in_next(page, pending, i, roster)
            candidates = [late] if late else []
            pending = None if late else pending
        else:
            candidates = []
            if gathering.search(sentence):
                _add_gathered(drafts, page.people[i], roster)
        for cand in candidates:
            _merge(drafts, cand, roster)
        named_days = [d for d in page.dates[i] if d.day and d.value and not _ANAPHORIC_DAY.search(d.text)]
        context = named_days[0] if named_days else context
    return drafts


def _segment_topics(hits: list[list[TopicHit]]) -> dict[str, str]:
    """The topics of consecutive sentences, in order of first appearance, each with the phrase that
    first signalled it."""
    found: dict[str, str] = {}
    for sentence in hits:
        for hit in sentence:
            found.setdefault(hit.topic, hit.phrase)
    return found


def page_of(doc: CleanDocument) -> Page:
    return Page(doc.text, Reference(parse_iso(doc.reference_date), doc.reference_inferred))


def extract_events(doc: CleanDocument, page: Page | None = None,
                   sentence_topics: list[list[TopicHit]] | None = None) -> list[Event]:
    """The engagements a page reports (page: page_of(doc), and sentence_topics: the topics of
    each of its sentences, if already read)."""
    page = page or page_of(doc)
    ref = page.reference
    if sentence_topics is None:
        sentence_topics = [detect_topics(s) for s in page.sentences]
    title_topics = detect_topics(doc.title) if doc.title else []
    home = home_country(doc)
    roster = Roster(page.bylines + [m for mentions in page.people for m in mentions])
    drafts = _drafts(page, roster)
    title_dates = find_dates(doc.title, ref.day, ref.inferred) if doc.title else []
    captions = _caption_dates(doc.captions, roster, ref)
    events: list[Event] = []
    for n, draft in enumerate(drafts):
        previous = events[-1] if events else None
        day, inferred = _event_date(draft, doc.title, title_dates, previous, ref, captions)
        places = [c.location for c in draft.candidates if c.location]
        location = next((p for p in places if p.city), places[0] if places else None)  # a city beats a country
        if location is None and previous is not None and previous.date == day and draft.type not in _CALL_TYPES:
            location = previous.location
        participants = [Participant(name=p.name, title=p.title, organization=p.organization,
                                    country=_fill_country(p, home)) for p in draft.people.values()]
        # an event's topics are read from its sentences up to the next event's (events read from one
        # "respectively" sentence share the passage that follows it)
        end = next((d.first_index for d in drafts[n + 1:] if d.first_index > draft.first_index), len(page.sentences))
        start = 0 if n == 0 else draft.first_index
        segment = ([title_topics] if n == 0 else []) + sentence_topics[start:end]
        events.append(Event(
            type=_type_with_title(draft, doc.title), date=day, date_inferred=inferred, location=location,
            format=_format(draft.type, participants), participants=participants,
            topics=list(topics := _segment_topics(segment)), topic_evidence=topics,
            evidence=[c.sentence for c in draft.candidates]))
    return events
