"""Statements on small sentences: each action family, negation, modality, targets, topics and whose
statement it is."""
from readouts.extract.statements import extract_statements

PARTIES = ["KOR", "USA"]


def triples(sentence, parties=PARTIES, home="KOR"):
    return {(s.action, tuple(s.target), s.topic) for s in extract_statements([sentence], parties, home)}


def pairs(sentence, parties=PARTIES, home="KOR"):
    return {(action, target) for action, target, _ in triples(sentence, parties, home)}


# action families

def test_condemnation_accuses_the_named_country_about_its_conduct():
    assert triples("The two sides strongly condemned North Korea for its ballistic missile launches.") == {
        ("ACCUSE", ("PRK",), "missile_launch")}


def test_concern_over_cooperation_accuses_both_countries():
    assert triples("The two sides expressed grave concern over the military cooperation between Russia and "
                   "North Korea.") == {("ACCUSE", ("PRK", "RUS"), "russia_dprk_cooperation")}


def test_urging_and_calling_on_are_requests_to_their_object():
    assert triples("They called on North Korea to return to dialogue.") == {("REQUEST", ("PRK",), "dialogue")}
    assert triples("Minister Park urged North Korea to stop its nuclear tests.") == {
        ("REQUEST", ("PRK",), "nuclear_program")}


def test_expressed_hope_is_a_request():
    assert ("REQUEST", ("PRK",), "humanitarian_aid") in triples(
        "Director-General Lee expressed hope that North Korea will accept humanitarian aid.")


def test_support_of_the_counterpart_by_a_foreign_publisher():
    assert ("SUPPORT", ("KOR",), "human_rights") in triples(
        "The Secretary welcomed the ROK's efforts on human rights in North Korea.", home="USA")


def test_support_of_a_named_body():
    assert ("SUPPORT", ("EU",)) in pairs("Kim appreciated the EU's continued efforts on human rights.",
                                         parties=["KOR", "EU"])


def test_imposing_sanctions_is_a_sanction_and_rejecting_a_rejection():
    assert triples("The two sides imposed sanctions on North Korean hackers.") == {("SANCTION", ("PRK",), "cyber")}
    assert pairs("He rejected Russia's claims about the war in Ukraine.") == {("REJECT", ("RUS",))}


# modality and negation

def test_agreement_to_consider_sanctions_is_an_agreement_not_a_sanction():
    found = triples("The two sides agreed to actively consider imposing sanctions on companies smuggling refined "
                    "oil with North Korea.")
    assert ("AGREE", ("PRK",), "sanctions") in found
    assert not any(action == "SANCTION" for action, _, _ in found)


def test_negated_and_passive_predicates_are_not_statements():
    assert triples("The two sides did not agree on sanctions.") == set()
    assert triples("They discussed the dialogue proposed by Japan.") == set()


# targets

def test_agreement_naming_no_country_is_aimed_at_the_counterpart():
    assert triples("The two sides agreed to further strengthen the alliance.") == {
        ("AGREE", ("USA",), "deterrence_alliance")}
    assert pairs("The three Ministers agreed to strengthen the alliance.", parties=["JPN", "KOR", "USA"],
                 home="JPN") == {("AGREE", ("KOR", "USA"))}


def test_agreement_on_a_topic_of_the_north_is_aimed_at_the_north():
    assert triples("The two sides reiterated their firm commitment to the complete denuclearization of "
                   "North Korea.") == {("AGREE", ("PRK",), "denuclearization")}


def test_a_position_on_no_tracked_topic_is_no_statement():
    assert triples("The two sides agreed to further strengthen bilateral relations.") == set()


# whose statement it is

def test_statements_of_north_korea_are_not_the_participants():
    assert triples("North Korea condemned the sanctions imposed by the United States.") == set()
    assert triples("North Korean state-run media reported that the regime denounced the alliance.") == set()


def test_predicates_in_a_relative_clause_belong_to_someone_else():
    assert triples("They recalled the talks where North Korea had agreed to denuclearization.") == set()


# implicit accusations

def test_reported_assessment_accuses_each_conduct_it_names():
    assert triples("They noted that North Korea's nuclear and ballistic missile programs threaten the "
                   "region.") == {("ACCUSE", ("PRK",), "nuclear_program"), ("ACCUSE", ("PRK",), "missile_launch")}


def test_agreement_against_conduct_also_accuses_it_once():
    assert triples("The two sides agreed to respond firmly to North Korea's illegal military cooperation with "
                   "Russia.") == {("AGREE", ("PRK",), "russia_dprk_cooperation"),
                                  ("ACCUSE", ("PRK", "RUS"), "russia_dprk_cooperation")}


def test_a_request_to_stop_unnamed_actions_accuses_nothing_more():
    assert triples("They called on North Korea to cease destabilizing activities and return to dialogue.") == {
        ("REQUEST", ("PRK",), "dialogue")}


def test_discussing_conduct_is_not_accusing():
    assert triples("They discussed measures to counter North Korea's illicit cyber activities.") == set()


def test_a_quoted_judgement_is_about_its_subject():
    assert triples('Kim said, "The recent ballistic missile launches from Pyongyang are concerning and violate '
                   'sanctions."') == {("ACCUSE", ("PRK",), "missile_launch")}


def test_distinct_triples_keep_their_first_evidence():
    found = extract_statements(["They called on North Korea to return to dialogue.",
                                "They also called on North Korea to return to dialogue."], PARTIES, "KOR")
    assert [s.evidence for s in found] == ["They called on North Korea to return to dialogue."]
