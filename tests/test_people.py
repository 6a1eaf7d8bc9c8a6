"""Person mentions: the grammar of titles and names on small strings."""
from readouts.extract.people import find_bodies, find_people


def countries(sentence):
    """(name, country) of each official the sentence names."""
    return [(p.name, p.country) for p in find_people(sentence)]


def one(sentence):
    people = find_people(sentence)
    assert len(people) == 1, people
    return people[0]


def test_title_then_name():
    p = one("Special Representative for Korean Peninsula Peace and Security Affairs Kim Gunn met reporters.")
    assert p.name == "Kim Gunn"
    assert p.title == "Special Representative for Korean Peninsula Peace and Security Affairs"


def test_name_comma_title_with_organization():
    p = one("Seth Bailey, Deputy Special Representative for North Korea at the United States Department of "
            "State, arrived.")
    assert p.name == "Seth Bailey"
    assert p.title == "Deputy Special Representative for North Korea"
    assert p.organization == "United States Department of State"
    assert p.country == "USA"


def test_nationality_adjective_gives_country_but_portfolio_does_not():
    p = one("He met U.S. Deputy Special Representative for the Democratic People's Republic of Korea Jung Pak.")
    assert p.name == "Jung Pak"
    assert p.country == "USA"


def test_honorific_is_not_part_of_name():
    p = one("Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a meeting.")
    assert p.name == "HAYASHI Yoshimasa"
    assert p.country == "JPN"


def test_counterpart():
    people = find_people("Foreign Minister Kang Kyung-wha had a meeting with her Chinese counterpart Wang Yi.")
    assert [p.name for p in people] == ["Kang Kyung-wha", "Wang Yi"]
    assert people[1].country == "CHN"


def test_surname_only_mention():
    p = one("Director-General Lee also explained the ROK's efforts.")
    assert p.name == "Lee" and p.surname_only


def test_spokesperson_is_not_a_participant():
    assert find_people("They spoke by phone, according to department spokeswoman Heather Nauert.") == []


def test_name_country_suffix():
    p = one("Yun met trilaterally with Secretary of State Rex Tillerson of the US ahead of the meeting.")
    assert p.name == "Rex Tillerson" and p.country == "USA"


def test_plural_title_with_respectively():
    people = find_people("The event brought together Foreign Ministers Wang Yi, Kono and Ri Yong-ho of China, "
                         "Japan, and North Korea, respectively.")
    assert [(p.name, p.country, p.title) for p in people] == [
        ("Wang Yi", "CHN", "Foreign Minister"), ("Kono", "JPN", "Foreign Minister"),
        ("Ri Yong-ho", "PRK", "Foreign Minister")]


def test_caption_position_between_name_and_title():
    p = one("Chun Young-hee, right, head of the ministry's Korean Peninsula Peace Regime Bureau, holds a meeting.")
    assert p.name == "Chun Young-hee"


def test_possessive_marks_a_person_talked_about():
    people = find_people("They agreed to arrange President Moon Jae-in's state visit.")
    assert people[0].name == "Moon Jae-in" and people[0].possessive


def test_acronym_between_title_and_name():
    p = one("He met former Director of the White House National Security Council (NSC) Allison Hooker.")
    assert p.name == "Allison Hooker"


def test_middle_initial_is_part_of_the_name():
    assert one("He met Secretary of State Antony J. Blinken in Seoul.").name == "Antony J. Blinken"
    assert one("Daniel J. Kritenbrink, Assistant Secretary of State, arrived.").name == "Daniel J. Kritenbrink"


def test_titles_are_kept_without_the_nationality():
    assert one("He met U.S. Deputy Secretary of State Wendy Sherman.").title == "Deputy Secretary of State"
    p = one("He met Republic of Korea (ROK) Foreign Minister Cho Hyun.")
    assert (p.title, p.country) == ("Foreign Minister", "KOR")


def test_speaker_labels_and_bylines():
    from readouts.extract.people import byline_person, speaker_of
    speaker = speaker_of("SECRETARY POMPEO: Good afternoon.")
    assert (speaker.name, speaker.title) == ("Pompeo", "Secretary")
    assert speaker_of("QUESTION: Thank you.") is None
    person = byline_person("Mike Pompeo", "Secretary of State")
    assert (person.name, person.title, person.country) == ("Mike Pompeo", "Secretary of State", "USA")
    assert byline_person("Benjamin Franklin Room", "Washington, DC") is None


def test_abbreviated_rank_is_a_title_unless_an_office_follows_the_name():
    p = one("Amb. Philip Goldberg met reporters.")
    assert (p.name, p.title) == ("Philip Goldberg", "Ambassador")
    assert one("Gen. Paul J. LaCamera joined.").title == "General"
    # a rank as a form of address: the office after the name is the title
    p = one("Amb. Kim Gunn, Special Representative for Korean Peninsula Peace and Security Affairs, met them.")
    assert (p.name, p.title) == ("Kim Gunn", "Special Representative for Korean Peninsula Peace and Security Affairs")


def test_portfolio_before_a_head():
    people = find_people("He met Vice Unification Minister Moon Seoung-hyun and Trade Minister Ahn Duk-geun.")
    assert [(p.name, p.title) for p in people] == [("Moon Seoung-hyun", "Vice Unification Minister"),
                                                  ("Ahn Duk-geun", "Trade Minister")]


def test_title_comma_name_apposition():
    p = one("He received the U.S. Ambassador to the Republic of Korea, Philip Goldberg, at the Ministry.")
    assert (p.name, p.title, p.country) == ("Philip Goldberg", "Ambassador to the Republic of Korea", "USA")
    p = one("He received the European Union's Ambassador to the Republic of Korea, Maria Castillo Fernandez.")
    assert (p.name, p.country) == ("Maria Castillo Fernandez", "EU")
    # a comma that opens a list is no apposition
    assert find_people("He met the Ambassador, Kim Ho and Lee Jun.") == []


def test_name_comma_article_title():
    p = one("Kim met with Julie Turner, the U.S. special envoy for North Korean human rights, in Seoul.")
    assert (p.name, p.country) == ("Julie Turner", "USA")


def test_month_name_as_surname():
    assert one("He met with British Prime Minister Theresa May in Brussels.").name == "Theresa May"
    assert one("Theresa May, British Prime Minister, spoke.").name == "Theresa May"
    assert one("He met Prime Minister Kim Jong May 5.").name == "Kim Jong"  # a date, not a name


def test_country_in_two_words_in_a_complement_and_final_nationality_dropped_from_the_title():
    p = one("He met with Foreign Minister of New Zealand Winston Peters.")
    assert (p.name, p.title, p.country) == ("Winston Peters", "Foreign Minister", "NZL")
    p = one("Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, met reporters.")
    assert (p.title, p.country) == ("Minister for Foreign Affairs", "JPN")
    # a posting is kept: "to the Republic of Korea" is not the holder's nationality
    assert one("He met Ambassador to the Republic of Korea Philip Goldberg.").title == \
        "Ambassador to the Republic of Korea"


def test_organization_of_a_federal_government():
    p = one("He met German Minister of State at the Federal Foreign Office Tobias Lindner.")
    assert (p.name, p.organization, p.country) == ("Tobias Lindner", "Federal Foreign Office", "DEU")


def test_forms_of_address_before_a_name_are_not_part_of_it():
    # styles of address as printed by foreign ministries, before names of other countries' officials
    for sentence, name in [
        ("The Honourable Anita Anand, Minister of Foreign Affairs, spoke today with her counterpart.", "Anita Anand"),
        ("He held a call with the Rt Hon. David Lammy, Secretary of State for Foreign Affairs.", "David Lammy"),
        ("He met Hon. Penny Wong MP, Minister for Foreign Affairs of Australia.", "Penny Wong"),
        ("He met H.E. Mr. Cho Tae-yul, Minister of Foreign Affairs of the Republic of Korea.", "Cho Tae-yul"),
        ("He received Her Excellency Dr. Sabine Weyand, Director-General for Trade.", "Sabine Weyand"),
    ]:
        assert one(sentence).name == name, sentence


def test_letters_after_a_name_are_not_part_of_it():
    p = one("Richard Marles MP, Minister for Defence of Australia, visited Tokyo.")
    assert p.name == "Richard Marles" and p.country == "AUS"


def test_an_office_followed_by_its_holder_is_the_holder():
    # TITLE, HONORIFIC NAME: the holder takes part, with the office as title and its country
    for sentence, name, country in [
        ("The Secretary-General met the President of the Republic of Korea, H.E. Lee Myung-bak, in Seoul.",
         "Lee Myung-bak", "KOR"),
        ("The Prime Minister received the Foreign Minister of Indonesia, H.E. Ms. Retno Marsudi, at the office.",
         "Retno Marsudi", "IDN"),
    ]:
        people = find_people(sentence)
        holder = next(p for p in people if p.name == name)
        assert holder.country == country and holder.title in {"President", "Foreign Minister"}
        assert not any("of the Republic of Korea" in (b.name or "") or "of Indonesia" in (b.name or "")
                       for b in find_bodies(sentence, people))


def test_plural_counterparts_each_take_the_nationality_in_the_same_place():
    assert countries("Australian Foreign Minister Penny Wong held talks with her Indian and Indonesian "
                     "counterparts Subrahmanyam Jaishankar and Retno Marsudi on maritime security.") == [
        ("Penny Wong", "AUS"), ("Subrahmanyam Jaishankar", "IND"), ("Retno Marsudi", "IDN")]


def test_plural_counterparts_set_off_by_commas_and_sharing_one_nationality():
    assert countries("The ministers met their French counterparts, Jean-Noel Barrot and Sebastien Lecornu, "
                     "in Paris.") == [("Jean-Noel Barrot", "FRA"), ("Sebastien Lecornu", "FRA")]
    assert countries("He met his British, German and Italian counterparts Lammy, Wadephul and Tajani.") == [
        ("Lammy", "GBR"), ("Wadephul", "DEU"), ("Tajani", "ITA")]


def test_a_singular_counterpart_is_one_person():
    people = find_people("Foreign Minister Penny Wong met her Chinese counterpart Wang Yi and Chinese students.")
    assert [p.name for p in people] == ["Penny Wong", "Wang Yi"]


def sides(sentence):
    return [(b.name, b.country) for b in find_bodies(sentence, find_people(sentence))]


def test_counterparts_from_listed_countries_are_unnamed_sides():
    assert sides("Foreign Minister Penny Wong will hold a trilateral meeting with her counterparts from Japan "
                 "and India on Friday.") == [("Japan counterpart", "JPN"), ("India counterpart", "IND")]


def test_counterparts_by_nationality_without_names_are_unnamed_sides():
    assert sides("Foreign Minister Wang Yi held talks with his Japanese and South Korean counterparts on "
                 "Monday.") == [("Japanese counterpart", "JPN"), ("South Korean counterpart", "KOR")]
    assert sides("Foreign Minister Wang Yi met his Japanese counterpart Iwaya Takeshi.") == []


def test_an_office_held_by_several_stands_for_the_governments_its_title_names():
    assert [c for _, c in sides("They will meet the trade and foreign ministers of Vietnam.")] == ["VNM"]
    assert [c for _, c in sides("The foreign ministers of France and Germany met in Paris.")] == ["FRA", "DEU"]
    assert sides("The Foreign Ministers discussed the situation.") == []  # no government: those named


def test_a_possessive_organization_or_a_caption_mark_may_stand_between_name_and_title():
    people = find_people("Park Yoon-joo, the foreign ministry's first vice minister, met Kurt Campbell.")
    assert [(p.name, p.title) for p in people] == [("Park Yoon-joo", "first vice minister")]
    people = find_people("The photo shows Kim Gunn (L), the special representative for peace, and others.")
    assert [p.name for p in people] == ["Kim Gunn"]


def test_a_counterpart_without_nationality_is_read():
    people = find_people("Unification Minister Kim Yung-ho met his counterpart Ri Son-gwon in Panmunjom.")
    assert [p.name for p in people] == ["Kim Yung-ho", "Ri Son-gwon"]


def test_a_generational_suffix_after_a_name_is_not_part_of_it():
    p = one("He met the Honorable Harry B. Harris, Jr., Ambassador to the Republic of Korea.")
    assert p.name == "Harry B. Harris" and p.title == "Ambassador to the Republic of Korea"


def test_officials_listed_after_a_group_of_one_nationality_are_of_its_country():
    assert countries("She met senior Indian government officials including Minister of State Anil Rao, "
                     "Foreign Secretary Vikram Misri and U.S. Ambassador Eric Garcetti.") == [
        ("Anil Rao", "IND"), ("Vikram Misri", "IND"), ("Eric Garcetti", "USA")]


def test_a_portfolio_joined_to_the_head_keeps_the_title_s_country():
    p = one("He held talks with Ms. Jane Doe, Minister of Foreign Affairs and Trade of New Zealand, today.")
    assert (p.name, p.title, p.country) == ("Jane Doe", "Minister of Foreign Affairs and Trade", "NZL")


def test_a_compound_region_continues_a_title_and_is_no_name():
    # field cases dmy-numeric-dateline(-bare): "Indo-Pacific" ends on the title word "Pacific"
    p = find_people("On Monday, Minister of State for the Indo-Pacific Anne-Marie Trevelyan met First Vice "
                    "Foreign Minister Cho Tae-yul in London.")
    assert [(x.name, x.title) for x in p] == [("Anne-Marie Trevelyan", "Minister of State for the Indo-Pacific"),
                                            ("Cho Tae-yul", "First Vice Foreign Minister")]
    assert one("Minister for Asia-Pacific Affairs Kim Hong-kyun arrived.").title == "Minister for Asia-Pacific Affairs"


def test_a_hyphenated_given_name_is_still_a_name():
    assert one("Foreign Secretary Anne-Marie Smith arrived.").name == "Anne-Marie Smith"
    assert one("Vice Minister Cho Tae-yul arrived.").name == "Cho Tae-yul"


def test_a_headline_names_offices_without_articles():
    from readouts.extract.people import find_bodies
    headline = "Ambassador Yoon Yeo-chul Meets UK Minister for Asia"
    people = find_people(headline)
    assert [p.name for p in people] == ["Yoon Yeo-chul"]
    assert find_bodies(headline, people) == []  # in running text an office without its article is no body
    assert [(b.name, b.title, b.country) for b in find_bodies(headline, people, headline=True)] == [
        ("UK Minister for Asia", "Minister for Asia", "GBR")]


def test_a_lower_case_head_after_a_possessive_country_and_new_or_incoming_keep_the_country():
    found = [(p.name, p.country) for p in find_people("Kishida and Indonesia's new president, Prabowo Subianto, met.")]
    assert found == [("Prabowo Subianto", "IDN")] or ("Prabowo Subianto", "IDN") in found
    found = [(p.name, p.country) for p in find_people("He met Australia's incoming foreign minister, Penny Wong, on Friday.")]
    assert ("Penny Wong", "AUS") in found


def test_a_korean_given_name_in_separate_syllables_may_end_on_a_preposition():
    assert [p.name for p in find_people("President Lee Sang In met Prime Minister Ishiba Shigeru.")][:1] == ["Lee Sang In"]
    assert [p.name for p in find_people("Foreign Minister Kang Kyung Wha In Seoul met him.")] == ["Kang Kyung Wha"]


def test_a_negotiator_is_an_office():
    found = [(p.name, p.title, p.country) for p in
             find_people("Hwang Joon-kook, South Korea's chief nuclear negotiator, met him on Monday.")]
    assert found == [("Hwang Joon-kook", "chief nuclear negotiator", "KOR")]


def test_name_particles_are_part_of_the_name_and_styles_are_not():
    # dev2 doc_c2d9e2806971a3e5: "Sheikh Abdullah bin Zayed Al Nahyan" was read "Sheikh Abdullah"
    people = find_people("Foreign Minister Chung Eui-yong met his UAE counterpart, Sheikh Abdullah bin Zayed Al "
                         "Nahyan, and Crown Prince Sheikh Mohammed bin Zayed Al Nahyan.")
    assert [p.name for p in people] == ["Chung Eui-yong", "Abdullah bin Zayed Al Nahyan", "Mohammed bin Zayed Al Nahyan"]
    assert people[2].title == "Crown Prince"
    assert one("Kuwaiti Foreign Minister Sheikh Ahmad Nasser al-Mohammad al-Sabah arrived.").name \
        == "Ahmad Nasser al-Mohammad al-Sabah"
    assert one("Carol van Voorst, Ambassador to Austria, arrived.").name == "Carol van Voorst"


def test_a_particle_joins_no_name_it_does_not_stand_inside():
    # "de" after a name and before no name word is no part of it
    assert [p.name for p in find_people("Foreign Minister Chung Eui-yong de facto agreed.")] == ["Chung Eui-yong"]


def test_charge_daffaires_is_a_title():
    # Phoenix.agents.txt CHARGE_D'AFFAIRES [~GOV]
    assert [(p.name, p.title) for p in find_people(
        "Jeong Yeon-doo, vice minister for diplomatic strategy, and James Heller, charge d'affaires ad interim at "
        "the U.S. embassy in Seoul, agreed to keep in touch.")] == [
        ("Jeong Yeon-doo", "vice minister"), ("James Heller", "charge d'affaires")]


def test_spokesman_for_an_official_names_the_official_not_the_spokesman():
    assert countries("The statement was issued by the Spokesman for UN Secretary-General António Guterres.") == [
        ("António Guterres", "UN")]
    assert countries("The Spokesperson for the Secretary-General Anna Example said so.") == []
def test_a_head_after_the_office_it_leads():
    p = one("Abe told Republic of Korea's National Intelligence Service chief Suh Hoon in Tokyo.")
    assert (p.name, p.title, p.country) == ("Suh Hoon", "National Intelligence Service chief", "KOR")
    assert find_people("The service chief said so.") == []  # no name follows: no official


def test_a_country_in_two_words_before_a_title_gives_its_country():
    p = one("The New Zealand Prime Minister Hon John Key left Seoul on Monday.")
    assert (p.name, p.country) == ("John Key", "NZL")


def test_the_office_after_the_name_gives_the_country():
    p = one("Fernandez called on Director-General for Southeast Asian Affairs Lee Donggy of the Ministry of "
            "Foreign Affairs of the Republic of Korea on 13 November.")
    assert (p.name, p.organization, p.country) == ("Lee Donggy", "Ministry of Foreign Affairs of the Republic of Korea", "KOR")


def test_lower_case_titles_after_a_name_keep_their_organization():
    assert countries("Lee also met with Rosemary DiCarlo, assistant secretary general of the U.N.") \
        == [("Rosemary DiCarlo", "UN")]
    annen = find_people("Noh Kyu-duk, South Korea's chief nuclear negotiator, discussed North Korea issues with "
                        "Niels Annen, minister of state at Germany's foreign office, by phone.")[1]
    assert (annen.name, annen.title, annen.organization, annen.country) \
        == ("Niels Annen", "minister of state", "Germany's foreign office", "DEU")


def test_a_portfolio_of_several_words_joined_to_the_head():
    p = find_people("said the Minister of Foreign Affairs and International Cooperation, Angelino Alfano, to his "
                    "Japanese counterpart, Taro Kono.")[0]
    assert (p.name, p.title) == ("Angelino Alfano", "Minister of Foreign Affairs and International Cooperation")
    p = find_people("Minister of Foreign Affairs and Trade Julie Bishop and Defence Minister Marise Payne met.")[0]
    assert p.title == "Minister of Foreign Affairs and Trade"


def test_a_head_qualified_by_a_joined_word_is_a_head():
    p = one("PH Ambassador-designate to the ROK Bernadette Therese C. Fernandez paid a courtesy call.")
    assert (p.name, p.title) == ("Bernadette Therese C. Fernandez", "Ambassador-designate to the ROK")


def test_a_premier_and_a_prime_minister_in_lower_case_are_offices():
    people = find_people("The summit brought together Japanese prime minister Shinzo Abe, Chinese premier Li Keqiang "
                         "and South Korean president Moon Jae-in.")
    assert [(p.name, p.title, p.country) for p in people] == [
        ("Shinzo Abe", "prime minister", "JPN"), ("Li Keqiang", "premier", "CHN"), ("Moon Jae-in", "president", "KOR")]
