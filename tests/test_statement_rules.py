"""Statements on small sentences: actions, targets, negation, modality and whose statement it is."""
from readouts.extract.statements import extract_statements

PARTIES = ["KOR", "USA"]


def keys(sentence, parties=PARTIES, home="KOR"):
    return {(s.action, tuple(s.target)) for _, s in extract_statements([sentence], parties, home)}


def test_condemnation_is_an_accusation_of_the_named_country():
    assert ("ACCUSE", ("PRK",)) in keys("The two sides strongly condemned North Korea for its missile launches.")


def test_concern_over_cooperation_accuses_both_countries():
    assert ("ACCUSE", ("PRK", "RUS")) in keys(
        "The two sides expressed concern over the military cooperation between Russia and North Korea.")


def test_call_on_is_a_request_to_its_object():
    assert keys("They called on North Korea to return to dialogue.") == {("REQUEST", ("PRK",))}


def test_agreement_to_consider_sanctions_is_an_agreement_not_a_sanction():
    found = keys("The two sides agreed to actively consider imposing sanctions on companies smuggling with "
                 "North Korea.")
    assert ("AGREE", ("PRK",)) in found
    assert not any(action == "SANCTION" for action, _ in found)


def test_agreement_naming_no_country_is_aimed_at_the_counterpart():
    assert keys("The two sides agreed to further strengthen bilateral relations.") == {("AGREE", ("USA",))}


def test_negated_and_passive_predicates_are_not_statements():
    assert keys("The two sides did not agree on the timing.") == set()
    assert keys("They discussed the dialogue proposed by Japan.") == set()


def test_statements_of_north_korea_are_not_the_participants():
    assert keys("North Korea condemned the joint exercises.") == set()


def test_support_of_a_named_body():
    assert ("SUPPORT", ("EU",)) in keys("Kim appreciated the EU's continued efforts on human rights.",
                                        parties=["KOR", "EU"])


def test_topic_and_evidence_sentence_are_kept():
    sentences = ["Kim met Pak.", "They called on North Korea to return to dialogue."]
    ((index, statement),) = extract_statements(sentences, PARTIES, "KOR")
    assert statement.topic == "dialogue"
    assert index == 1  # the sentence it was read from


def test_reiterated_commitment_is_an_agreement():
    assert ("AGREE", ("PRK",)) in keys("The two sides reiterated their firm commitment to the complete "
                                       "denuclearization of North Korea.")


def test_every_action_rule_is_found_under_the_letters_its_matches_begin_with():
    from readouts.extract.statements import lexicon

    lex = lexicon()
    for rule in lex.rules:
        for start in rule.starts or ():
            assert rule in lex.rules_by_start.get(start[:2], lex.rules_anywhere)


def test_agreement_on_a_listed_topic_is_aimed_at_the_country_actions_json_maps_it_to():
    from readouts.extract.statements import lexicon, sentence_statements
    from readouts.extract.topics import TopicHit
    from readouts.extract.topics import lexicon as topic_lexicon

    targets = lexicon().topic_targets
    assert targets["nuclear_program"] == "PRK"  # read from actions.json's topic_targets, not from code
    agreed = "The two sides agreed to stay in close touch on the matter."  # names no country, no topic
    for topic, country in targets.items():
        assert topic in topic_lexicon().bodies  # a topic data/topics.json defines
        found = sentence_statements(agreed, set(PARTIES), "KOR", [TopicHit(topic, "")])
        assert [(s.action, s.target) for s in found] == [("AGREE", [country])]
    unlisted = sentence_statements(agreed, set(PARTIES), "KOR", [TopicHit("dialogue", "")])
    assert [s.target for s in unlisted] == [["USA"]]  # no mapped country: the counterpart
