"""Statements on small sentences: actions, targets, negation, modality and whose statement it is."""
from readouts.extract.statements import extract_statements, speakers_of

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
    assert targets["sanctions"] == "PRK"  # read from actions.json's topic_targets, not from code
    assert "nuclear_program" not in targets  # a subject of talks, not a measure against the North
    agreed = "The two sides agreed to stay in close touch on the matter."  # names no country, no topic
    for topic, country in targets.items():
        assert topic in topic_lexicon().bodies  # a topic data/topics.json defines
        found = sentence_statements(agreed, set(PARTIES), "KOR", [TopicHit(topic, "")])
        assert [(s.action, s.target) for s in found] == [("AGREE", [country])]
    unlisted = sentence_statements(agreed, set(PARTIES), "KOR", [TopicHit("dialogue", "")])
    assert [s.target for s in unlisted] == [["USA"]]  # no mapped country: the counterpart


def triples(sentence, parties=PARTIES, home="KOR", speakers=None):
    from readouts.extract.statements import detect_topics, sentence_statements
    return {(s.action, tuple(s.target), s.topic)
            for s in sentence_statements(sentence, set(parties), home, detect_topics(sentence), speakers)}


def test_accusation_of_several_acts_gives_each_act_its_own_owner():
    # kind accusation-targets-merged: one statement per act, the owner carried to "its" later acts
    assert triples("The two officials condemned the DPRK's unlawful ballistic missile launches and its illegal "
                   "arms transfers to Russia.") == {("ACCUSE", ("PRK",), "missile_launch"),
                                                     ("ACCUSE", ("PRK", "RUS"), "russia_dprk_cooperation")}
    assert triples("They denounced North Korea's satellite launch as well as its cyber attacks on Japan's banks.",
                   parties=["KOR", "USA"]) == {("ACCUSE", ("PRK",), "satellite_launch"),
                                               ("ACCUSE", ("JPN", "PRK"), "cyber")}


def test_agreement_about_a_country_is_aimed_at_the_counterpart_not_the_country_discussed():
    # kind agreement-target-first-non-party: "the North Korean nuclear issue" is a subject, not a target
    assert keys("The two ministers agreed to continue close consultations on the North Korean nuclear issue "
                "through various channels, including the G7.", ["KOR", "GBR"]) == {("AGREE", ("GBR",))}
    assert keys("They agreed to keep working together on North Korea's missile programs.") == {("AGREE", ("USA",))}


def test_pledge_made_to_a_country_is_aimed_at_it_and_measures_at_their_target():
    assert keys("Minister Park stated that the ROK government will remain open to dialogue with North Korea "
                "at any time.", ["KOR", "AUS"]) == {("AGREE", ("PRK",))}
    assert keys("They agreed to step up cooperation between South Korea, Japan and the U.S.") == {("AGREE", ("JPN",))}
    assert ("AGREE", ("PRK",)) in keys("The two sides agreed to impose sanctions on smugglers.")


def test_counterpart_speaking_can_aim_at_the_home_government():
    # kind home-government-dropped-from-targets: the speaker's side is excluded, not the page's home
    speakers = speakers_of([("Park Jin", "Foreign Minister", "KOR"), ("James Cleverly", "Foreign Secretary", "GBR")])
    assert triples("Foreign Secretary Cleverly expressed full support for the ROK government's efforts toward the "
                   "denuclearization of North Korea.", ["KOR", "GBR"], "KOR", speakers) \
        == {("SUPPORT", ("KOR",), "denuclearization")}
    # by office alone ("the Secretary"), and the home side's own support is still aimed at the other side
    assert ("SUPPORT", ("KOR",)) in {t[:2] for t in triples(
        "The Secretary welcomed South Korea's efforts.", ["KOR", "GBR"], "KOR", speakers)}
    assert triples("Minister Park welcomed the UK's support.", ["KOR", "GBR"], "KOR", speakers) \
        == {("SUPPORT", ("GBR",), None)}


def test_speakers_are_named_by_surname_or_office_head_unique_to_one_side():
    speakers = speakers_of([("Noh Kyu-duk", "Director General for Korean Peninsula Peace and Security Affairs", "KOR"),
                            ("Sung Kim", "Special Representative for North Korea", "USA"),
                            ("Park Jin", "Foreign Minister", "KOR"), ("Yoko Kamikawa", "Foreign Minister", "JPN")])
    assert speakers["kim"] == "USA" and speakers["representative"] == "USA" and speakers["general"] == "KOR"
    assert "korea" not in speakers and "minister" not in speakers


def test_plural_subjects_are_read_from_the_home_side():
    speakers = speakers_of([("Park Jin", "Foreign Minister", "KOR"), ("Penny Wong", "Foreign Minister", "AUS")])
    assert triples("The two ministers agreed to deepen their cooperation.", ["KOR", "AUS"], "KOR", speakers) \
        == {("AGREE", ("AUS",), None)}


def test_home_government_falls_back_to_the_first_participant():
    # kind home-government-unknown: no publisher printed -> the first-named side
    from readouts.extract.events import home_country
    from readouts.types import Event, Participant

    class Page:
        publisher = None
    events = [Event(type="phone_call", participants=[Participant("Yoko Kamikawa", country="JPN"),
                                                     Participant("Penny Wong", country="AUS")])]
    assert home_country(Page(), events) == "JPN"
    assert home_country(Page()) is None


def test_statement_wordings_of_the_genre():
    # kind statement-wording-gaps: thanks for a side's support, the state of being concerned, a stated pledge
    parties = ["KOR", "AUS"]
    assert keys("Minister Park thanked Minister Wong for Australia's consistent support for the ROK's policy.",
                parties) == {("SUPPORT", ("AUS",))}
    assert keys("He thanks Japan for its contributions.", ["KOR", "JPN"]) == {("SUPPORT", ("JPN",))}
    assert keys("Minister Park thanked Minister Wong for her hospitality.", parties) == set()
    assert keys("The two ministers said they are deeply concerned over North Korea's continued ballistic "
                "missile launches.", parties) == {("ACCUSE", ("PRK",))}
    assert keys("The ministers remain gravely concerned about Russia's war.", parties) == {("ACCUSE", ("RUS",))}
    assert ("AGREE", ("KOR",)) in keys("The Secretary reaffirms the ironclad alliance commitment to the "
                                       "defense of the ROK.", ["USA", "KOR"], "USA")


def test_more_wordings_of_the_genre():
    # dev2's largest statement misses, as kinds: gratitude for support, hope voiced, a commitment
    # highlighted, willingness, a commitment to support, the noun of condemnation
    pl = ["KOR", "POL"]
    assert keys("He expressed gratitude for Poland's support for Seoul's policy.", pl) == {("SUPPORT", ("POL",))}
    assert keys("Czaputowicz voiced hope that South Korean firms will participate.", pl, "POL") \
        == {("REQUEST", ("KOR",))}
    assert keys("They highlighted their commitment to furthering the relationship.", pl) == {("AGREE", ("POL",))}
    assert keys("Cho said the ROK is willing to strengthen exchanges with China.", ["KOR", "CHN"]) \
        == {("AGREE", ("CHN",))}
    speakers = speakers_of([("Kim Gunn", "Special Representative", "KOR"), ("Elizabeth Salmon", "Special Rapporteur", "UN")])
    assert triples("Salmon expressed her commitment to support South Korea's efforts.", ["KOR", "UN"], "KOR",
                   speakers) == {("SUPPORT", ("KOR",), None)}
    assert ("ACCUSE", ("PRK", "RUS")) in keys("The ministers reiterated their strong condemnation of North Korea's "
                                             "arms transfers to Russia.", pl)


def test_a_request_naming_no_country_is_made_of_the_counterpart():
    assert keys("Kang called for the withdrawal of the export restrictions.", ["KOR", "JPN"]) == {("REQUEST", ("JPN",))}
    assert keys("They urged the international community to act.", ["KOR", "JPN"]) == set()
    assert keys("They welcomed the progress.", ["KOR", "JPN"]) == set()  # support is of a side the clause names


def test_cameo_verbs_of_the_genre_in_both_tenses():
    # verbs of CAMEO's blocks that the crosswalk maps to these PLOVER types, past and present
    assert keys("The two ministers lambasted North Korea's missile launches.") == {("ACCUSE", ("PRK",))}
    assert keys("The minister censures Russia's arms deals with North Korea.") == {("ACCUSE", ("PRK", "RUS"))}
    assert keys("Minister Park hailed Australia's contribution.", ["KOR", "AUS"]) == {("SUPPORT", ("AUS",))}
    assert keys("He appealed to North Korea to return to talks.") == {("REQUEST", ("PRK",))}
    assert keys("The Secretary suggests that Japan host the next round.", ["USA", "KOR"], "USA") \
        == {("REQUEST", ("JPN",))}
    assert keys("The two sides pledge to expand exchanges.") == {("AGREE", ("USA",))}


def test_each_sentence_faces_the_counterparts_of_the_engagement_it_follows():
    # kind page-wide-counterparts: two bilateral meetings on one page, each agreement aimed at its own counterpart
    from readouts.clean import clean
    from readouts.extract import read
    from readouts.types import RawDocument
    text = ("Press Releases\n\nForeign Minister Meets with US and Japanese Counterparts\n\nDate\n2023-07-14\n\n"
            "1. Foreign Minister Park Jin met with US Secretary of State Antony Blinken in Jakarta on July 13. "
            "The two ministers agreed to strengthen extended deterrence.\n\n"
            "2. Minister Park then met with Japanese Foreign Minister Yoshimasa Hayashi on the same day. "
            "The two ministers agreed to expand cooperation on supply chains.\n")
    doc = read(clean(RawDocument(doc_id="two-meetings", source="two-meetings.txt", text=text, encoding="utf-8",
                                 sha256="")))
    assert [len(e.participants) for e in doc.events] == [2, 2]
    assert {(s.action, tuple(s.target), s.topic) for s in doc.statements} == {
        ("AGREE", ("USA",), "deterrence_alliance"), ("AGREE", ("JPN",), None)}


def test_present_tense_of_plural_subjects_is_read_but_not_an_infinitive():
    assert ("ACCUSE", ("PRK",)) in keys("We condemn North Korea's launch of a ballistic missile.")
    assert ("REQUEST", ("PRK",)) in keys("The ministers urge North Korea to return to dialogue.")
    assert ("REQUEST", ("PRK",)) in keys("We call on North Korea to abandon its nuclear programme.")
    assert ("SUPPORT", ("JPN",)) in keys("We welcome Japan's contribution to regional security.")
    assert not any(action == "ACCUSE" for action, _ in keys("They agreed to condemn any launch."))
    assert keys("Officials will travel to welcome the team.") == set()


def test_backing_a_relation_between_two_countries_is_aimed_at_both():
    assert ("SUPPORT", ("KOR", "PRK")) in keys("China supports the summit between the DPRK and the Republic of Korea.",
                                               parties=["CHN", "PRK"], home="CHN")
    assert ("REQUEST", ("KOR", "PRK")) in keys("He hoped that inter-Korean dialogue and exchanges would expand.",
                                               parties=["UN", "KOR"], home="UN")


def test_the_north_may_be_backed_by_its_own_counterpart_but_not_by_others():
    assert ("SUPPORT", ("PRK",)) in keys("China appreciates the DPRK's commitment to denuclearization.",
                                         parties=["CHN", "PRK"], home="CHN")
    assert not any(t == ("PRK",) for a, t in keys("They welcomed the DPRK's statement.") if a == "SUPPORT")


def test_should_is_a_request_to_the_countries_its_subject_opens_on():
    assert ("REQUEST", ("KOR", "PRK")) in keys("Yang said the DPRK and the ROK should exercise calm and restraint.",
                                               parties=["CHN", "KOR"], home="CHN")
    assert not any(a == "REQUEST" for a, _ in keys("They agreed that cooperation with China should be revitalized."))


def test_a_government_outside_the_engagement_speaks_for_no_participant():
    assert keys("Russia condemned the sanctions on North Korea.") == set()
    assert ("ACCUSE", ("PRK",)) in keys("Russia condemned North Korea's launch.", parties=["RUS", "KOR"], home="KOR")


def test_opposition_and_present_tense_concern_accuse():
    assert ("ACCUSE", ("PRK",)) in keys("China was strongly dissatisfied with and firmly opposed to the DPRK's "
                                        "nuclear test.", parties=["CHN", "KOR"], home="CHN")
    assert ("ACCUSE", ("PRK",)) in keys("We reiterate our grave concerns over the DPRK's missile launches.")


def test_needs_to_asks_warned_threatens_reached_agreement_agrees():
    assert ("REQUEST", ("PRK",)) in keys("Lastly, the DPRK needs to make a strategic choice.")
    assert ("THREATEN", ("PRK",)) in keys("They warned North Korea of consequences if it conducts a test.")
    assert ("AGREE", ("USA",)) in keys("The two sides reached a broad understanding on the alliance.")
    assert ("SUPPORT", ("KOR",)) in keys("The ambassadors expressed their understanding and support for South Korea.",
                                         parties=["KOR", "SWE"], home="SWE")


def test_a_courtesy_call_on_someone_is_no_request():
    assert keys("Wang is also scheduled to pay a courtesy call on President Moon Jae-in of South Korea.") == set()
    assert keys("The ambassador paid a call on the Director-General of the Korean ministry.") == set()


def test_a_statement_names_the_side_that_made_it_but_not_the_side_asked():
    people = [("Cho Hyun", "Foreign Minister", "KOR"), ("Marco Rubio", "Secretary of State", "USA")]
    said = {(s.action, s.source) for _, s in extract_statements(
        ["Secretary Rubio condemned North Korea's missile launches."], PARTIES, "KOR", speakers=speakers_of(people))}
    assert ("ACCUSE", "USA") in said
    asked = [s for _, s in extract_statements(["North Korea should return to dialogue."], PARTIES, "KOR")]
    assert asked and all(s.source is None for s in asked)


def test_a_country_dealt_with_is_the_problem_not_the_side_pledged_to():
    found = keys("The two leaders agreed to work together closely in dealing with North Korea's missile development.",
                 parties=["JPN", "KOR"], home="JPN")
    assert ("AGREE", ("KOR",)) in found and ("AGREE", ("PRK",)) not in found


# issue 13: statements on pages no rule was written for


def test_cameo_phrases_read_a_position_named_by_a_noun():
    # CAMEO: REITERATE * SUPPORT [051], EXPRESS * CONDEMNATION [111], EXPRESS * WILLINGNESS [030]
    assert keys("The minister reiterated his firm support for Japan's efforts.", ["KOR", "JPN"]) == {("SUPPORT", ("JPN",))}
    assert keys("The two sides expressed strong condemnation of North Korea's launch.") == {("ACCUSE", ("PRK",))}
    assert ("AGREE", ("USA",)) in keys("Minister Park expressed willingness to deepen cooperation with the United States.")
    # not as an infinitive, and not across a complement ("the importance of support")
    assert keys("He wanted to reiterate support for Japan.", ["KOR", "JPN"]) == set()


def test_a_position_a_party_holds_is_that_party_s_whoever_the_subject_is():
    # "reaffirmed the UK's commitment to working with South Korea": the UK speaks, South Korea is its counterpart
    sentence = "The Foreign Secretary reaffirmed the UK's commitment to working closely with South Korea."
    assert keys(sentence, ["GBR", "KOR"], home="KOR") == {("AGREE", ("KOR",))}


def test_he_refers_back_to_the_participant_named_last():
    speakers = speakers_of([("Park Jin", "Foreign Minister", "KOR"), ("Sung Kim", "Ambassador", "USA")])
    within = extract_statements(["Kim said he hoped for an early summit with South Korea."], PARTIES, "KOR",
                                speakers=speakers)
    assert {(s.action, tuple(s.target), s.source) for _, s in within} == {("REQUEST", ("KOR",), "USA")}
    across = extract_statements(["Ambassador Kim met Park.", "He thanked Seoul for its support on the issue."],
                                PARTIES, "KOR", speakers=speakers)
    assert {(s.action, tuple(s.target), s.source) for _, s in across} == {("SUPPORT", ("KOR",), "USA")}


def test_a_participial_clause_continues_the_statement_before_it():
    assert ("REQUEST", ("PRK",)) in keys("The minister condemned the launch, urging North Korea to return to talks.")
    # after a neutral verb it is someone else's wording, and an opening participle is none
    assert keys("Reporters said the envoy left, urging North Korea to return to talks.") == set()
    assert ("AGREE", ("USA",)) in keys("The ministers met in Seoul, agreeing to work closely together.")


def test_thanks_back_the_side_thanked_but_not_for_hospitality():
    assert keys("The minister thanked the United States for the deployment of a patrol aircraft.") \
        == {("SUPPORT", ("USA",))}
    assert keys("The minister thanked the United States for the warm hospitality.") == set()


def test_an_exchange_of_views_accuses_nobody():
    # ANNOTATION.md: "Nothing: discussed"; a neutral "said" can still accuse
    assert keys("The advisors discussed the DPRK's illicit nuclear programs and recent provocations.") == set()
    assert ("ACCUSE", ("PRK",)) in keys("The minister said the DPRK's illicit nuclear programs threaten the region.")


def test_a_verb_glued_by_a_hyphen_is_an_adjective():
    assert keys("The envoy will visit Seoul to discuss Pyongyang's much-denounced nuclear program.") == set()


def test_only_a_subject_that_is_the_country_is_asked():
    assert keys("They agreed that the North Korean problem should be resolved through dialogue.") \
        == {("AGREE", ("USA",))}
    assert ("REQUEST", ("PRK",)) in keys("Minister Park said North Korea should return to dialogue.")


def test_a_coordinated_object_is_aimed_at_each_country():
    assert keys("The minister urged China and Russia to enforce the sanctions.") == {("REQUEST", ("CHN", "RUS"))}
    assert keys("The Secretary commended both Seoul and Tokyo for their steps.", ["USA", "JPN", "KOR"], home="USA") \
        == {("SUPPORT", ("JPN", "KOR"))}
    # a backing is never aimed at North Korea (excluded_objects), also when coordinated
    assert keys("They welcomed Japan and North Korea's talks.", ["KOR", "USA"]) == {("SUPPORT", ("JPN",))}


def test_what_a_participant_told_a_counterpart_can_accuse():
    speakers = speakers_of([("Shinzo Abe", "Prime Minister", "JPN"), ("Moon Jae In", "President", "KOR")])
    found = extract_statements(["Abe told Moon that North Korea's provocative behavior is escalating."],
                               ["JPN", "KOR"], "JPN", speakers=speakers)
    assert {(s.action, tuple(s.target), s.source) for _, s in found} == {("ACCUSE", ("PRK",), "JPN")}


def test_an_agreement_dated_to_a_past_period_is_recalled_not_made():
    assert keys("Japan and North Korea agreed in Stockholm in May of last year that Pyongyang would launch an "
                "investigation.", parties=["JPN", "PRK"], home="JPN") == set()
    assert keys("Japan and North Korea agreed that Pyongyang would launch an investigation.",
                parties=["JPN", "PRK"], home="JPN") == {("AGREE", ("PRK",))}
