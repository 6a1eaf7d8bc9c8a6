"""The sides of an engagement (extract/sides.py): a participant no title or knowledge-base entry places
takes the other country of the pair the engagement is named by. Guards issue 13 (one side unknown)."""
from readouts.extract.sides import complete_sides, named_pairs
from readouts.extract.statements import sentence_statements, speakers_of
from readouts.types import Event, Participant


def test_a_hyphenated_or_coordinated_pair_names_two_sides():
    assert named_pairs("Japan-ROK Foreign Ministers' Telephone Talks") == [frozenset({"JPN", "KOR"})]
    assert named_pairs("S. Korea, Poland Hold First Security Strategy Dialogue") == [frozenset({"KOR", "POL"})]
    assert named_pairs("South Korea and Japan discussed a wide array of issues") == [frozenset({"KOR", "JPN"})]


def test_a_longer_list_or_a_lone_country_names_no_pair():
    assert named_pairs("cooperation among Japan, the ROK and the United States") == []
    assert named_pairs("talks with the ROK on North Korea's launch") == []


def _event(*people: tuple[str, str | None, str | None]) -> Event:
    return Event(type="phone_call", participants=[Participant(name=n, title=t, country=c) for n, t, c in people])


def test_the_unplaced_participant_takes_the_other_side_of_the_pair():
    event = _event(("Koichiro Gemba", "Minister for Foreign Affairs", None),
                   ("Kim Sung-hwan", "Minister of Foreign Affairs and Trade", "KOR"))
    complete_sides(event, ["Japan-ROK Foreign Ministers' Telephone Talks"])
    assert [p.country for p in event.participants] == ["JPN", "KOR"]


def test_no_side_is_given_when_the_pair_does_not_hold_the_known_side_or_a_former_official():
    event = _event(("A B", "Minister", None), ("C D", "Minister", "USA"))
    complete_sides(event, ["Japan-ROK Talks"])
    assert event.participants[0].country is None
    event = _event(("A B", "Former Minister", None), ("C D", "Minister", "KOR"))
    complete_sides(event, ["Japan-ROK Talks"])
    assert event.participants[0].country is None


def test_a_subject_naming_one_party_speaks_for_it_not_for_the_home_side():
    sentence = ("In response, Secretary Clinton said that the United States greatly appreciated the statement "
                "by the Government of Japan condemning North Korea's provocative act.")
    speakers = speakers_of([("Seiji Maehara", "Minister for Foreign Affairs", "JPN"),
                            ("Hillary Clinton", "Secretary of State", "USA")])
    found = [(s.action, s.source, s.target) for s in sentence_statements(sentence, {"JPN", "USA"}, "JPN", None, speakers)]
    assert ("SUPPORT", "USA", ["JPN"]) in found
