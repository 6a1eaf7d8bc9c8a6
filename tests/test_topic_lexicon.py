"""Topic lexicon on small phrases: each hit names its topic and the phrase that triggered it."""
from readouts.extract.topics import detect_topics


def topics(text):
    return [h.topic for h in detect_topics(text)]


def test_each_hit_keeps_its_phrase_in_order():
    hits = detect_topics("They condemned the ballistic missile launches and discussed sanctions.")
    assert [(h.topic, h.phrase) for h in hits] == [("missile_launch", "ballistic missile"),
                                                    ("sanctions", "sanctions")]


def test_one_phrase_can_signal_two_topics():
    assert set(topics("to fund its nuclear and missile programs")) == {"nuclear_program", "missile_launch"}


def test_meeting_formats_and_office_names_are_not_topics():
    assert topics("They held the third strategic dialogue.") == []
    assert topics("Chun, head of the Korean Peninsula Peace Regime Bureau, arrived.") == []


def test_three_country_list_is_trilateral():
    assert "trilateral_cooperation" in topics("a meeting of the envoys of the U.S., South Korea, and Japan")


def test_russia_dprk_cooperation():
    assert "russia_dprk_cooperation" in topics("the military cooperation between Russia and North Korea")


def test_event_topics_keep_the_phrase_that_signalled_them():
    from readouts.extract import extract
    from readouts.types import CleanDocument
    out = extract(CleanDocument(doc_id="t", source="t", published="2024-07-23", reference_date="2024-07-23",
                                reference_inferred=False,
                                text="Lee Jun-il, Director-General for Korean Peninsula Policy, met with Seth Bailey, "
                                     "Deputy Special Representative for North Korea, on July 22 and condemned the "
                                     "ballistic missile launches."))
    (event,) = out.events
    assert {topic: span.text for topic, span in event.topic_evidence.items()} == {"missile_launch": "ballistic missile"}
    assert event.topic_evidence["missile_launch"].start == 156
    assert event.to_dict()["topic_evidence"] == {"missile_launch": "ballistic missile"}


def test_lexicon_gaps_of_the_genre():
    # kind topic-lexicon-gaps: an acronym inside the resolution's name, asylum seekers, humanitarian
    # initiatives, China's role worded with "of"
    assert topics("the full implementation of the United Nations Security Council (UNSC) resolutions") \
        == ["sanctions"]
    assert topics("the protection of North Korean asylum seekers in third countries") == ["defectors"]
    assert topics("humanitarian projects for the North Korean people") == ["humanitarian_aid"]
    assert topics("the constructive role of China in the region") == ["china"]


def test_words_naming_the_parties_are_not_topics():
    # kind topic-over-triggers: "the allies" names the two sides, not the alliance as a subject
    assert topics("The allies first held such vice-ministerial talks in 2015.") == []
    assert topics("They agreed to strengthen the alliance.") == ["deterrence_alliance"]


def test_an_office_portfolio_is_not_a_topic():
    # kind topic-words-in-titles-negation-background: the title names the office, not the discussion
    assert topics("Kim Gunn, the ROK's chief negotiator for the North Korean nuclear issue, met with Liu.") == []
    assert topics("Special Envoy for North Korean Human Rights Issues Julie Turner arrived.") == []
    assert topics("They discussed North Korea's theft of cryptocurrency and the nuclear issue.") \
        == ["cyber", "nuclear_program"]


def test_what_no_one_raised_is_not_a_topic():
    # kind topic-words-in-titles-negation-background: a negated discussion adds no topic
    assert topics("Suh urged Japanese cooperation but did not specifically mention the abduction issue.") == []
    assert topics("They met without discussing sanctions, and condemned the missile launch.") == ["missile_launch"]


def test_a_region_named_as_a_place_is_no_regional_issue():
    # kind topic-over-triggers: "Europe" and "the Middle East" as places describe a country, not a topic
    assert topics("Poland, a major country in Central-Eastern Europe, will serve on the Council.") == []
    assert topics("projects to establish the Middle East country as a magnet for talent") == []
    assert topics("They discussed the situation in Europe.") == ["regional_security"]
    assert topics("peace and stability on the Korean Peninsula and in Europe") == ["regional_security"]
    assert topics("the security of the Indo-Pacific region and Europe is closely intertwined") == ["regional_security"]


def test_regional_issues_in_their_plural_and_coordinated_wordings():
    # kind topic-lexicon-gaps: "regional situations", "international and regional situations",
    # "regional and global issues", "global security issues"
    for text in ("They shared views on regional situations.", "to exchange views on international and regional situations",
                 "cooperation on regional and global issues", "emerging global security issues"):
        assert topics(text) == ["regional_security"], text


def test_a_dialogue_that_names_the_meeting_format_is_no_offer_of_dialogue():
    # kind topic-over-triggers: the meeting's own format ("a trilateral dialogue", "dialogue
    # mechanisms", "co-chair the dialogue") is not the dialogue topic; an offer of dialogue is
    assert topics("The United States will participate in a trilateral dialogue in Seoul.") == ["trilateral_cooperation"]
    assert topics("They held the second high-level dialogue.") == []
    assert topics("to deepen the partnership through strengthened dialogue mechanisms") == []
    assert topics("Vice ministers Le and Choi will co-chair the dialogue.") == []
    assert topics("They called on North Korea to return to dialogue.") == ["dialogue"]


def test_a_ministers_portfolio_or_a_post_in_china_is_not_a_topic():
    # the office as printed names no discussion: "Minister for the Abduction Issue", "ambassador to China"
    assert topics("He will meet Minister for the Abduction Issue Jin Matsubara in Tokyo.") == []
    assert topics("He summoned the DPRK ambassador to China to lodge a representation.") == []
    assert topics("They agreed to raise the abduction issue and to work with China.") == ["abductees", "china"]


def test_a_response_at_the_security_council_is_sanctions():
    # UNSC measures are sanctions (spec): "a coordinated response at the UN Security Council"
    for text in ("including through a coordinated response at the UN Security Council",
                 "to further deepen coordination at the UN Security Council",
                 "to strengthen pressure on North Korea, cooperating closely in the United Nations Security Council"):
        assert topics(text) == ["sanctions"], text
    assert topics("She briefed the Security Council on the launch.") == []


def test_trade_negotiations_are_no_dialogue():
    # topic null for trade (spec): negotiations on a free trade agreement are not talks with the North
    assert topics("They launched negotiations on a modernised Free Trade Agreement.") == []
    assert topics("to accelerate negotiations on the ROK-China and ROK-China-Japan free trade agreements") == []
    assert topics("They urged Pyongyang to come back to the negotiations.") == ["dialogue"]


def test_wordings_of_the_genre_for_missiles_defence_and_russia():
    assert topics("the nuclear and missile issues as well as the abductions issue") \
        == ["nuclear_program", "missile_launch", "abductees"]
    assert topics("an end to the DPRK's intercontinental missile programme") == ["missile_launch"]
    assert topics("the United States' ironclad commitment to the defense of Japan and the ROK") == ["deterrence_alliance"]
    assert topics("relations between Russia and the Democratic People's Republic of Korea (DPRK)") \
        == ["russia_dprk_cooperation"]


def test_a_phrase_is_read_in_its_plural():
    assert topics("They discussed efforts to strengthen both alliances.") == ["deterrence_alliance"]
    assert topics("parties would continue to maintain dialogues") == ["dialogue"]
    assert topics("the alliancesque wording") == []


def test_a_time_anchor_adds_no_topic():
    # ANNOTATION.md: time anchors add no topic ("one day after the nuclear test"), up to the clause's end
    assert topics("The meetings came amid expectations that the stalled nuclear negotiations would resume.") == []
    assert topics("The missile launches were the first since Trump met Kim in the DMZ dividing the two Koreas.") == ["missile_launch"]
    assert topics("He called the test deeply troubling in the wake of the recent nuclear test.") == []
    assert topics("The call came a day after the launch; they agreed to pursue sanctions.") == ["sanctions"]
    assert topics("They discussed the nuclear test and agreed on sanctions.") == ["nuclear_program", "sanctions"]


def test_a_visitors_purpose_adds_no_topic():
    # ANNOTATION.md: a visitor's purpose ("came to attend the trilateral consultation") adds none
    assert topics("He came to attend the trilateral consultation.") == []
    assert topics("Poland's top diplomat was here to attend a cybersecurity conference.") == []
    assert topics("They discussed cybersecurity cooperation.") == ["cyber"]
