"""Topics on small phrases: one hit per topic in order of first appearance, from the data lexicons."""
from readouts.extract.topics import detect_topics, first_topic_between, topics_between


def topics(text):
    return [h.topic for h in detect_topics(text)]


def test_one_hit_per_topic_in_order_of_first_appearance():
    assert topics("They discussed sanctions, then ICBM launches, then sanctions again.") == [
        "sanctions", "missile_launch"]


def test_each_topic_from_its_meaning():
    cases = {
        "the complete denuclearization of the Korean Peninsula": "denuclearization",
        "North Korea's nuclear weapons development": "nuclear_program",
        "the launch of a so-called military reconnaissance satellite": "satellite_launch",
        "GPS jamming and trash balloons": "military_provocation",
        "the Panel of Experts and its successor mechanism": "sanctions_monitoring",
        "crypto theft and hacking": "cyber",
        "ship-to-ship transfers of refined petroleum": "maritime_smuggling",
        "arms transfers between Russia and North Korea": "russia_dprk_cooperation",
        "the human rights situation": "human_rights",
        "the forced repatriation of defectors": "defectors",
        "the abductions issue": "abductees",
        "humanitarian assistance to vulnerable groups": "humanitarian_aid",
        "the declaration of the end of the war": "peace_regime",
        "extended deterrence": "deterrence_alliance",
        "the spirit of Camp David": "trilateral_cooperation",
        "inter-Korean relations": "inter_korean",
        "peace and stability in the Taiwan Strait": "regional_security",
    }
    for text, topic in cases.items():
        assert topic in topics(text), text


def test_meeting_names_and_offices_are_not_topics():
    assert topics("They held the second Strategic Dialogue.") == []
    assert topics("the Peace Regime Bureau") == []


def test_sanctions_monitoring_is_not_sanctions():
    assert topics("a new sanctions monitoring mechanism") == ["sanctions_monitoring"]


def test_topics_between_are_in_order_of_their_phrases_there():
    text = "They condemned its nuclear and missile programs and called for dialogue on human rights."
    hits = detect_topics(text)
    start, end = text.index("its"), text.index("and called")
    assert topics_between(text, start, end, hits) == ["nuclear_program", "missile_launch"]
    assert first_topic_between(text, end, len(text), hits) == "dialogue"
    assert topics_between(text, 0, 4, hits) == []
