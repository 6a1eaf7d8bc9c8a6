"""Engagements read from small documents: types, merging, dates, places, formats."""
from readouts.extract import extract
from readouts.extract.events import engagement_type
from readouts.types import CleanDocument


def doc(text, published=None, publisher="Ministry of Foreign Affairs of the Republic of Korea", title=None):
    return extract(CleanDocument(doc_id="t", source="t", text=text, title=title, publisher=publisher,
                                 published=published, reference_date=published,
                                 reference_inferred=published is None))


def names(event):
    return [p.name for p in event.participants]


def the_event(text, **page):
    """The one event a small page reports."""
    (event,) = doc(text, **page).events
    return event


def named_days(text, published):
    """(participants' names, date) of each event a small page reports."""
    return [(names(e), e.date) for e in doc(text, published=published).events]


def test_engagement_types():
    assert engagement_type("They spoke by phone on Monday.")[0] == "phone_call"
    assert engagement_type("Kim met with Pak.")[0] == "meeting"
    assert engagement_type("Kim gave a briefing to the committee.")[0] == "briefing"
    assert engagement_type("The two sides agreed to hold a symposium in New York.") is None
    assert engagement_type("They discussed the situation.") is None


def test_meeting_with_date_place_and_countries():
    out = doc("Lee Jun-il, Director-General for Korean Peninsula Policy, visited Washington, D.C. and met with "
              "Seth Bailey, Deputy Special Representative for North Korea at the United States Department of "
              "State, on the afternoon of July 22 (local time).", published="2024-07-23")
    (event,) = out.events
    assert event.type == "meeting" and event.format == "bilateral"
    assert (event.date, event.date_inferred) == ("2024-07-22", False)
    assert event.location.city == "Washington, D.C." and event.location.country == "USA"
    assert [(p.name, p.country) for p in event.participants] == [("Lee Jun-il", "KOR"), ("Seth Bailey", "USA")]


def test_respectively_makes_one_event_per_counterpart():
    out = doc("Special Representative for Korean Peninsula Peace and Security Affairs Kim Gunn gave a briefing "
              "to the committee on January 23, 2024 in Brussels.\n\n"
              "On January 23, Special Representative Kim met with Enrique Mora Benavente, Deputy Secretary "
              "General of the European External Action Service, and Niclas Kvarnström, Managing Director for "
              "Asia and the Pacific at the EEAS, respectively.")
    assert [e.type for e in out.events] == ["briefing", "meeting", "meeting"]
    assert names(out.events[1]) == ["Kim Gunn", "Enrique Mora Benavente"]
    assert names(out.events[2]) == ["Kim Gunn", "Niclas Kvarnström"]
    assert all(e.date == "2024-01-23" for e in out.events)
    assert out.events[2].location.city == "Brussels"


def test_planned_meeting_on_a_visit_is_not_merged_into_a_held_call():
    # a meeting described during a trip is annotated as the meeting (ANNOTATION.md, event types)
    out = doc("South Korea's chief nuclear envoy Lee Do-hoon and U.S. Deputy Secretary of State Stephen Biegun "
              "spoke by phone on Wednesday.\n\nLee will visit the U.S. later this month to meet with Biegun.",
              published="2020-01-02", publisher="KBS World")
    assert [e.type for e in out.events] == ["phone_call", "meeting"]
    assert out.events[0].date == "2020-01-01"
    assert out.events[1].date == "2020-01"


def test_year_inferred_from_tenures_is_flagged():
    out = doc("On the afternoon of December 11, Special Representative for Korean Peninsula Peace and Security "
              "Affairs Kim Gunn met with U.S. Deputy Special Representative for the Democratic People's "
              "Republic of Korea Jung Pak.")
    (event,) = out.events
    assert (event.date, event.date_inferred) == ("2023-12-11", True)


def test_page_without_engagement_is_not_relevant():
    out = doc("The Department of State is committed to processing passport applications as expeditiously as "
              "possible. Routine processing now takes 8-11 weeks.", publisher="U.S. Department of State")
    assert out.events == [] and out.is_relevant is False


def test_background_engagement_adds_no_participants():
    out = doc("Secretary of State Marco Rubio met today with Republic of Korea Foreign Minister Cho Hyun "
              "following the historic bilateral meeting between President Trump and ROK President Lee Jae "
              "Myung on August 25.", published="2025-09-10", publisher="U.S. Department of State")
    (event,) = out.events
    assert names(event) == ["Marco Rubio", "Cho Hyun"]
    assert event.date == "2025-09-10"


def test_spoke_with_is_a_call_when_the_title_says_so():
    text = "Secretary Antony J. Blinken spoke with Republic of Korea Foreign Minister Park Jin today."
    call = doc(text, published="2022-05-12", publisher="U.S. Department of State",
               title="Secretary Blinken's Call with Republic of Korea Foreign Minister Park")
    assert [e.type for e in call.events] == ["phone_call"]
    meeting = doc(text, published="2022-05-12", publisher="U.S. Department of State", title="Readout")
    assert [e.type for e in meeting.events] == ["meeting"]


def test_welcoming_a_visitor_is_a_meeting_and_a_trip_in_passing_is_not():
    out = doc("It is my honor to welcome Foreign Minister Kang to Washington. Just yesterday, I returned "
              "from Pyongyang, where I had productive discussions with Chairman Kim Jong-un.",
              published="2018-05-11", publisher="U.S. Department of State")
    (event,) = out.events
    assert event.type == "meeting" and names(event) == ["Kang"]
    assert event.location.city == "Washington"


def test_an_html_readout_end_to_end(tmp_path):
    from readouts.pipeline import extract_file
    page = tmp_path / "call.html"
    page.write_text(
        "<!doctype html><html><head><title>Secretary Blinken's Call with ROK Foreign Minister Park</title>"
        "</head><body><nav><a href='/'>Home</a></nav><main><h1>Secretary Blinken's Call with ROK Foreign "
        "Minister Park</h1><p>April 10, 2023</p><p>Secretary of State Antony J. Blinken spoke today with "
        "Republic of Korea Foreign Minister Park Jin. The Secretary and Foreign Minister condemned the DPRK's "
        "recent ballistic missile launches.</p></main><footer>Join us on social!</footer></body></html>",
        encoding="utf-8")
    out = extract_file(page)
    (event,) = out.events
    assert (event.type, event.date) == ("phone_call", "2023-04-10")
    assert [(p.name, p.country) for p in event.participants] == [("Antony J. Blinken", "USA"), ("Park Jin", "KOR")]
    assert ("ACCUSE", ["PRK"]) in [(s.action, s.target) for s in out.statements]


def test_news_dateline_does_not_swallow_the_engagement():
    out = doc("SEOUL, March 5 (Yonhap) -- South Korea's top nuclear envoy Kim Gunn held talks with his U.S. "
              "counterpart Sung Kim in Seoul on Tuesday, the foreign ministry said.",
              published="2024-03-05", publisher="Yonhap News Agency")
    (event,) = out.events
    assert [(p.name, p.country) for p in event.participants] == [("Kim Gunn", "KOR"), ("Sung Kim", "USA")]
    assert event.location.city == "Seoul" and event.date == "2024-03-05"


def test_a_photo_caption_dates_the_meeting_it_shows():
    page = CleanDocument(
        doc_id="t", source="t", publisher="The Korea Times",
        captions=["Chun Young-hee, right, holds a meeting with Jung Pak in Washington, in this photo provided "
                  "by the ministry, May 19. Yonhap"],
        text="Chun Young-hee, head of the Korean Peninsula Peace Regime Bureau, met with Jung Pak, U.S. deputy "
             "assistant secretary of state for East Asian and Pacific affairs, last Friday in Washington.")
    (event,) = extract(page).events
    assert event.date.endswith("-05-19") and event.date_inferred


def test_courtesy_calls_are_meetings():
    for text in ("Foreign Minister Park Jin received U.S. Ambassador to Korea Philip Goldberg on May 2, 2023.",
                 "U.S. Ambassador to Korea Philip Goldberg paid a courtesy call on Foreign Minister Park Jin on "
                 "May 2, 2023."):
        (event,) = doc(text, published="2023-05-03").events
        assert event.type == "meeting" and event.date == "2023-05-02"
        assert {p.name for p in event.participants} == {"Park Jin", "Philip Goldberg"}


def test_officials_of_two_governments_agreeing_together_have_met():
    out = doc("Japan's top nuclear envoy Namazu Hiroyuki and his South Korean counterpart Lee Jun-il agreed "
              "Thursday in Tokyo to strengthen cooperation on North Korea, the Foreign Ministry said.",
              published="2024-11-07", publisher="Kyodo News")
    (event,) = out.events
    assert event.type == "meeting" and event.date == "2024-11-07" and event.location.city == "Tokyo"
    assert [(p.name, p.country) for p in event.participants] == [("Namazu Hiroyuki", "JPN"), ("Lee Jun-il", "KOR")]
    assert doc("The two sides agreed to strengthen cooperation.", published="2024-11-07").events == []


def test_transcript_speaker_and_byline_take_part():
    out = doc("Mike Pompeo\n\nSecretary of State\n\nSECRETARY POMPEO: Good afternoon. It is my honor to welcome "
              "Foreign Minister Kang to Washington.", published="2018-05-11", publisher="U.S. Department of State")
    (event,) = out.events
    assert [(p.name, p.title, p.country) for p in event.participants] == [
        ("Mike Pompeo", "Secretary of State", "USA"), ("Kang", "Foreign Minister", "KOR")]


def test_an_ambiguous_numeric_date_is_read_in_the_order_the_page_writes_dates():
    out = doc("Foreign Minister Park Jin met Secretary of State Antony Blinken in Seoul on 08/07/2024.\n\n"
              "The next round was set for 25/09/2024.")  # day first: 25 is no month
    assert out.events[0].date == "2024-07-08"
    out = doc("Foreign Minister Park Jin met Secretary of State Antony Blinken in Seoul on 08/07/2024.\n\n"
              "The next round was set for 09/25/2024.")  # month first
    assert out.events[0].date == "2024-08-07"


def test_summit_and_spoke_with_a_date_between_are_engagements():
    out = doc("President Moon Jae-in held a summit with French President Emmanuel Macron in Paris on October 15.",
              published="2018-10-16")
    (event,) = out.events
    assert (event.type, event.location.city) == ("meeting", "Paris")
    out = doc("Deputy Secretary of State Kurt M. Campbell spoke on Wednesday, March 5, 2024, with Japanese Vice "
              "Minister for Foreign Affairs Masataka Okano.", title="Deputy Secretary Campbell's Call with Okano")
    (event,) = out.events
    assert (event.type, event.date) == ("phone_call", "2024-03-05")
    assert names(event) == ["Kurt M. Campbell", "Masataka Okano"]


def test_subordinate_clause_after_a_comma_is_background():
    out = doc("Foreign Minister Cho Tae-yul met with Chinese Foreign Minister Wang Yi in Beijing on May 13, a week "
              "after Minister Wang returned from talks in Moscow with Russian Foreign Minister Sergei Lavrov.",
              published="2024-05-14")
    (event,) = out.events
    assert names(event) == ["Cho Tae-yul", "Wang Yi"]


def test_a_headline_naming_one_side_is_completed_by_the_body():
    out = doc("Ambassador Yoon Yeo-chul Meets UK Minister for Asia\n\nAmbassador Yoon Yeo-chul met with Minister of "
              "State Anne-Marie Trevelyan in London on June 11.", published="2024-06-11")
    (event,) = out.events
    assert names(event) == ["Yoon Yeo-chul", "Anne-Marie Trevelyan"]
    # a one-person engagement of another kind stays on its own
    out = doc("Kim Gunn gave a briefing to the committee on January 23.\n\nSpecial Representative Kim Gunn met with "
              "Enrique Mora Benavente, Deputy Secretary General of the EEAS, on January 23.", published="2024-01-24")
    assert [e.type for e in out.events] == ["briefing", "meeting"]


def test_pronoun_subject_is_the_last_engagements_first_participant():
    out = doc("Amb. Philip Goldberg met Vice Unification Minister Moon Seoung-hyun in Seoul on Jan. 12.\n\n"
              "The Ambassador will then travel to the U.S. He will meet Deputy Assistant Secretary of State Jung Pak "
              "in Washington on Jan. 16.", published="2024-01-12")
    assert [names(e) for e in out.events] == [["Philip Goldberg", "Moon Seoung-hyun"], ["Philip Goldberg", "Jung Pak"]]
    assert (out.events[1].date, out.events[1].location.city) == ("2024-01-16", "Washington")
    # after an engagement whose subject went unnamed, the pronoun is nobody known
    out = doc("She also met Chun Young-hee, head of the Bureau.\n\nShe is expected to hold discussions with Foreign "
              "Minister Park Jin on Monday.", published="2023-09-07")
    assert all("Chun Young-hee" not in names(e) or len(e.participants) == 1 for e in out.events)


def test_weekday_printed_apart_from_the_day_chooses_the_year():
    out = doc("Aug. 18 (UPI) -- President Joe Biden hosted a summit at Camp David Friday.", publisher="UPI")
    (event,) = out.events
    assert event.date == "2023-08-18" and event.date_inferred


def test_call_wordings_without_the_word_phone():
    assert engagement_type("Deputy Secretary Sherman held a call today with Minister Choi.")[0] == "phone_call"
    assert engagement_type("Blinken pledged support in a call with the new minister.")[0] == "phone_call"
    assert engagement_type("The top diplomats engaged over the phone on Wednesday.")[0] == "phone_call"
    assert engagement_type("The minister paid a courtesy call on the President.")[0] == "meeting"


def test_confer_and_chat_are_meetings_and_a_capital_gives_the_nationality():
    out = doc("SEOUL, Sept. 6 (Yonhap) -- Lee Jun-il, Seoul's director general for Korean Peninsula policy, and "
              "Seth Bailey, Washington's deputy special representative for North Korea, chatted over breakfast in "
              "Seoul on Friday.", published="2024-09-06", publisher="Yonhap")
    (event,) = out.events
    assert event.type == "meeting" and event.date == "2024-09-06"
    assert [(p.name, p.title, p.country) for p in event.participants] == [
        ("Lee Jun-il", "director general for Korean Peninsula policy", "KOR"),
        ("Seth Bailey", "deputy special representative for North Korea", "USA")]


def test_role_subject_and_later_in_the_day():
    out = doc("Foreign Minister Cho Tae-yul met with US Secretary of State Antony Blinken in Washington on Monday.\n\n"
              "The minister also held talks with UN Secretary-General Antonio Guterres in New York later in the day.",
              published="2024-04-02")
    assert [names(e) for e in out.events] == [["Cho Tae-yul", "Antony Blinken"], ["Cho Tae-yul", "Antonio Guterres"]]
    assert [e.date for e in out.events] == ["2024-04-01", "2024-04-01"]
    assert out.events[1].location.city == "New York"


def test_agency_dateline_in_parentheses_is_the_reports():
    out = doc("MOSCOW (Sputnik - 12th February, 2021) US Secretary of State Antony Blinken spoke by phone with "
              "Foreign Minister Chung Eui-yong.", publisher="Sputnik")
    (event,) = out.events
    assert event.date is None or event.date_inferred


def test_counterparts_met_one_at_a_time():
    out = doc("Deputy Secretary of State Kurt Campbell met with ROK First Vice Foreign Minister Kim Hong-kyun and "
              "ROK National Security Advisor Shin Won-sik. In his meetings, the Deputy Secretary discussed the "
              "DPRK.", published="2024-11-14")
    assert [names(e) for e in out.events] == [["Kurt Campbell", "Kim Hong-kyun"], ["Kurt Campbell", "Shin Won-sik"]]
    out = doc("Special Representative Kim Gunn held a telephone conversation with US Special Representative for "
              "the DPRK Sung Kim on February 19 and then a separate one with Japanese Director-General for Asian "
              "and Oceanian Affairs Takehiro Funakoshi.", published="2023-02-20")
    assert [(e.type, names(e)[1]) for e in out.events] == [("phone_call", "Sung Kim"), ("phone_call", "Takehiro Funakoshi")]


def test_gathering_sentence():
    out = doc("US Deputy Special Representative for North Korea Seth Bailey and Japanese Director General for Asian "
              "and Oceanian Affairs Hiroyuki Namazu gathered in Seoul on Tuesday to unveil a task force.",
              published="2024-05-14", publisher="Korea Herald")
    (event,) = out.events
    assert (event.type, event.location.city) == ("conference", "Seoul")


def test_invitations_and_negated_engagements_are_not_events():
    out = doc("Foreign Minister Park Jin held phone talks with US Secretary of State Antony Blinken on Thursday.\n\n"
              "Blinken invited Park to visit Washington at an early date.\n\n"
              "Seoul's nuclear envoy Kim Gunn and Washington's special representative Sung Kim did not join the "
              "phone talks.", published="2023-03-09", publisher="Yonhap")
    assert [names(e) for e in out.events] == [["Park Jin", "Antony Blinken"]]


def test_background_clause_after_an_introductory_phrase():
    out = doc("In a separate development, after the ROK-US-Japan summit at Camp David (August 18), Special "
              "Representative Kim Gunn met with Chinese Special Representative on Korean Peninsula Affairs Liu "
              "Xiaoming in Beijing on August 24.", published="2023-08-25")
    (event,) = out.events
    assert names(event) == ["Kim Gunn", "Liu Xiaoming"] and event.date == "2023-08-24"


def test_a_role_subject_needs_its_own_predicate():
    out = doc("Foreign Minister Park Jin met with British Foreign Secretary James Cleverly.\n\n"
              "The minister also thanked the British government for welcoming President Yoon Suk-yeol to London.",
              published="2022-09-28")
    assert [names(e) for e in out.events] == [["Park Jin", "James Cleverly"]]


def test_a_secondary_cue_yields_to_the_predicate_before_it():
    assert engagement_type("Cho received Kurt Campbell, who paid a courtesy call, and was briefed by him.")[0] == \
        "meeting"
    assert engagement_type("Kim Gunn briefed the committee and met reporters.")[0] == "briefing"


def test_a_meeting_during_a_range_of_days_is_dated_by_month():
    out = doc("During her April 4-6 visit to Tokyo, Deputy Secretary of State Wendy Sherman met with Japanese Vice "
              "Foreign Minister Takeo Mori.", published="2022-04-07")
    assert out.events[0].date == "2022-04"
    out = doc("Special Representative Kim Gunn visited Tokyo from April 4 to 6.", published="2022-04-07")
    assert out.events[0].date == "2022-04-04"


def test_unnamed_participants_are_bodies():
    out = doc("Delegations of the Republic of Korea and Japan held the fifth round of bilateral consultations on "
              "North Korea's illicit cyber activities in Tokyo on November 12.", published="2023-11-13")
    (event,) = out.events
    assert [(p.kind, p.country) for p in event.participants] == [("body", "KOR"), ("body", "JPN")]
    out = doc("On Sunday he met H.E. Kim Hwang-sik, the Prime Minister.\n\n"
              "On Monday, the Secretary-General met H.E. Mr. Kim Sung-hwan, the Foreign Minister.",
              published="2012-08-14", publisher="United Nations")
    assert [[(p.name, p.kind) for p in e.participants] for e in out.events] == [
        [("Kim Hwang-sik", "person")], [("the Secretary-General", "body"), ("Kim Sung-hwan", "person")]]


def test_an_office_alone_or_held_by_a_named_official_is_no_unnamed_participant():
    out = doc("During his visit, the Secretary-General has had a range of meetings with officials.",
              published="2012-08-14")
    assert out.events == []
    out = doc("Foreign Minister Park Jin met with British Foreign Secretary James Cleverly.\n\n"
              "The minister also held talks with the Prime Minister of the UK, who welcomed him.",
              published="2022-09-28")
    assert [[p.name for p in e.participants] for e in out.events] == [
        ["Park Jin", "James Cleverly"], ["Park Jin", "the Prime Minister of the UK"]]


def test_statement_issued_by_a_minister_is_dated_by_its_subject_not_the_act_it_condemns():
    out = doc("Ottawa, Canada - Global Affairs Canada\n\nForeign Minister Mélanie Joly today issued the following "
              "statement on the launch of a ballistic missile on March 3, 2023:\n\n\"We condemn this launch.\"",
              published="2023-03-04", publisher="Global Affairs Canada")
    (event,) = out.events
    assert event.type == "statement" and names(event) == ["Mélanie Joly"]
    assert event.date == "2023-03-04"  # "today": the page's day, not the launch's


def test_statement_of_governments_under_a_statement_title_names_each_government():
    out = doc("The Governments of Australia, New Zealand and Canada condemn the DPRK's launch of an "
              "intercontinental ballistic missile. We urge the DPRK to return to dialogue.",
              published="2024-05-02", publisher=None, title="Joint Statement on the DPRK's Missile Launch")
    (event,) = out.events
    assert event.type == "statement" and event.format == "trilateral"
    assert [(p.name, p.country, p.kind) for p in event.participants] == [
        ("Australia", "AUS", "body"), ("New Zealand", "NZL", "body"), ("Canada", "CAN", "body")]
    assert (event.date, event.date_inferred) == ("2024-05-02", False)
    assert {(s.action, tuple(s.target)) for s in out.statements} >= {("ACCUSE", ("PRK",)), ("REQUEST", ("PRK",))}


def test_statement_released_by_a_group_named_in_its_subject():
    out = doc("Rome (Jiji Press)—Leaders of the Group of Seven major economies have released a statement "
              "welcoming the ceasefire.", published="2024-06-14", publisher=None)
    (event,) = out.events
    assert event.type == "statement"
    assert [(p.name, p.kind) for p in event.participants] == [("Leaders of the Group of Seven major economies", "body")]


def test_statement_announced_in_the_passive_is_issued_by_the_official_its_agent_names():
    # a spokesperson's statement is that of the official it is issued for (ANNOTATION.md settled conventions)
    out = doc("The following statement was issued today by the Spokesman for UN Secretary-General Ban Ki-moon:\n\n"
              "The Secretary-General condemns the launch of a ballistic missile by the DPRK. The Secretary-General "
              "urges the DPRK to desist from further provocations.", published="2016-06-22", publisher=None)
    (event,) = out.events
    assert (event.type, names(event), event.participants[0].country) == ("statement", ["Ban Ki-moon"], "UN")
    assert event.date == "2016-06-22"
    assert {(s.action, tuple(s.target)) for s in out.statements} == {("ACCUSE", ("PRK",)), ("REQUEST", ("PRK",))}


def test_a_spokespersons_own_name_is_no_issuer():
    out = doc("The following statement was issued today by the Spokesperson for the Secretary-General, "
              "Anna Example:\n\nThe Secretary-General condemns the launch.", published="2016-06-22", publisher=None)
    assert out.events == []


def test_statement_of_a_group_named_in_the_appositive_of_we():
    out = doc("We, the Foreign Ministers of the Association of Southeast Asian Nations(ASEAN) reiterate our grave "
              "concerns over the launches of ballistic missiles by the DPRK.", published="2017-08-05", publisher=None,
              title="ASEAN Foreign Ministers’ Statement on the Korean Peninsula")
    (event,) = out.events
    assert event.type == "statement"
    assert [(p.name, p.kind) for p in event.participants] == [
        ("Foreign Ministers of the Association of Southeast Asian Nations(ASEAN)", "body")]


def test_a_ministry_releasing_a_statement_is_its_publisher_speaking_not_an_engagement():
    out = doc("Washington, DC (Wire) The US Department of State released the following statement: the "
              "Assistant Secretary will travel to Chicago.", published="2024-06-14", publisher=None)
    assert out.events == [] and not out.is_relevant


def test_a_statement_beside_a_meeting_is_the_meetings():
    out = doc("Foreign Minister Park Jin met with Secretary of State Antony Blinken on May 2, 2024 and they "
              "issued a joint statement.", published="2024-05-03")
    assert [e.type for e in out.events] == ["meeting"]


def test_a_pronoun_or_a_clause_is_no_issuer_of_a_statement():
    out = doc("We discussed all of these issues in depth and adopted a joint statement.", published="2024-06-14")
    assert out.events == []


def test_calls_held_in_the_plural_are_one_per_counterpart():
    out = doc("Foreign Minister Cho Tae-yul held separate calls on March 4, 2024 with Japanese Foreign Minister "
              "Kamikawa Yoko and Australian Foreign Minister Penny Wong.", published="2024-03-05")
    assert [(e.type, names(e)) for e in out.events] == [
        ("phone_call", ["Cho Tae-yul", "Kamikawa Yoko"]), ("phone_call", ["Cho Tae-yul", "Penny Wong"])]


def test_hosting_a_counterpart_is_a_meeting():
    out = doc("Foreign Secretary David Lammy has hosted his Japanese counterpart, Foreign Minister Iwaya Takeshi, "
              "in London on December 3, 2024.", published="2024-12-04")
    (event,) = out.events
    assert event.type == "meeting" and names(event) == ["David Lammy", "Iwaya Takeshi"]


def test_a_date_in_a_later_clause_is_not_the_engagements():
    out = doc("On March 12, Foreign Minister Cho Tae-yul spoke by phone with Secretary of State Antony Blinken, and "
              "shared the results of Secretary Blinken's visit to Beijing from March 8 to 9.", published="2024-03-13")
    assert [e.date for e in out.events] == ["2024-03-12"]


def test_an_office_held_by_an_official_named_on_the_page_is_that_official():
    out = doc("Russian Foreign Minister Sergey Lavrov met Foreign Minister Cho Tae-yul on June 3, 2024.\n\n"
              "Also on June 4, the Russian foreign minister held telephone talks with Chinese Foreign Minister Wang Yi.",
              published="2024-06-05", publisher=None)
    assert [names(e) for e in out.events] == [["Sergey Lavrov", "Cho Tae-yul"], ["Sergey Lavrov", "Wang Yi"]]


def test_a_hope_that_someone_would_attend_is_no_engagement():
    out = doc("The Secretary-General said he hoped President Tinubu would attend the General Assembly next month.",
              published="2024-08-10")
    assert out.events == []


def test_a_styled_minister_takes_the_country_the_knowledge_base_gives_on_a_page_of_no_government():
    # "The Rt Hon." is no part of the name, so the name is the official the knowledge base knows (GBR)
    out = doc("The Rt Hon. David Lammy, Secretary of State for Foreign Affairs, spoke today with "
              "Wang Yi, China's Minister of Foreign Affairs.", published="2024-08-01", publisher=None)
    (event,) = out.events
    assert [(p.name, p.country) for p in event.participants] == [("David Lammy", "GBR"), ("Wang Yi", "CHN")]


def test_separate_talks_with_plural_counterparts_are_one_event_each():
    out = doc("Australian Foreign Minister Penny Wong held separate phone talks on Monday with her Indian and "
              "Indonesian counterparts Subrahmanyam Jaishankar and Retno Marsudi.", published="2023-03-06")
    assert [[(p.name, p.country) for p in e.participants] for e in out.events] == [
        [("Penny Wong", "AUS"), ("Subrahmanyam Jaishankar", "IND")],
        [("Penny Wong", "AUS"), ("Retno Marsudi", "IDN")]]
    assert all(e.type == "phone_call" for e in out.events)


def test_unnamed_counterparts_are_the_other_sides_of_the_event():
    event = the_event("Foreign Minister Penny Wong will hold a trilateral meeting with her counterparts from Japan "
                      "and India on Friday.", published="2024-03-04")
    assert [(p.kind, p.country) for p in event.participants] == [("person", "AUS"), ("body", "JPN"), ("body", "IND")]
    assert event.format == "trilateral"


def test_officials_named_right_after_unnamed_sides_take_their_place():
    event = the_event("The chief envoys of Japan and the United States held phone talks on Friday.\n\n"
                      "Japan's top nuclear envoy Hiroshi Tanaka and his US counterpart, Kevin Kim, discussed the "
                      "North's missile launches.", published="2024-03-09")
    assert event.type == "phone_call"
    assert [(p.name, p.country, p.kind) for p in event.participants] == [
        ("Hiroshi Tanaka", "JPN", "person"), ("Kevin Kim", "USA", "person")]


def test_a_surname_is_the_full_name_printed_elsewhere_on_the_page():
    event = the_event("Special Representative for Korean Peninsula Peace and Security Affairs Lee Do-hoon welcomed "
                      "the appointment of Stephen Biegun, Special Representative for North Korea.\n\n"
                      "Lee and Biegun held their first phone talks on Friday.", published="2018-08-25")
    assert (event.type, names(event)) == ("phone_call", ["Lee Do-hoon", "Stephen Biegun"])
    assert [p.country for p in event.participants] == ["KOR", "USA"]


def test_a_surname_is_the_official_of_the_knowledge_base_whose_full_name_the_page_prints():
    # the full name stands where the title grammar does not read it (a transcript's speaker line, a
    # name printed surname first after a comma); the knowledge base says whose it is
    out = doc("PENNY WONG Thank you all for coming.\n\nMinister Wong met Foreign Minister Wang Yi in Beijing "
              "on Wednesday.", published="2022-12-21", publisher=None)
    (event,) = out.events
    assert [(p.name, p.country) for p in event.participants] == [("Penny Wong", "AUS"), ("Wang Yi", "CHN")]
    out = doc("Minister of Foreign Affairs Cho, Tae-yul held a video conference with Foreign Minister Wang Yi on "
              "May 2.", published="2024-05-03")
    assert [p.name for p in out.events[0].participants] == ["Cho Tae-yul", "Wang Yi"]


def test_a_surname_the_page_prints_in_full_nowhere_stays_as_printed():
    out = doc("Minister Wong met Foreign Minister Wang Yi in Beijing on Wednesday.", published="2022-12-21",
              publisher=None)
    assert [p.name for p in out.events[0].participants] == ["Wong", "Wang Yi"]


def test_separate_events_take_the_day_printed_after_each_counterpart():
    out = doc("Foreign Minister Penny Wong has held separate talks by phone with her Indian and Indonesian "
              "counterparts Subrahmanyam Jaishankar and Retno Marsudi.\n\n"
              "Speaking to Marsudi on Monday and Jaishankar Tuesday, Wong said the sides noted the concern.",
              published="2023-03-08", publisher=None)
    assert [(names(e)[1], e.date) for e in out.events] == [
        ("Subrahmanyam Jaishankar", "2023-03-07"), ("Retno Marsudi", "2023-03-06")]


def test_the_day_of_a_departure_is_not_the_day_of_the_meeting_it_is_for():
    out = doc("The negotiator will leave for Beijing on Tuesday to meet with Special Representative Liu Xiaoming "
              "in Beijing.", published="2023-05-12", publisher=None)
    assert [e.date for e in out.events] == ["2023-05"]
    out = doc("The negotiator met with Special Representative Liu Xiaoming on Tuesday in Beijing.",
              published="2023-05-12", publisher=None)
    assert [e.date for e in out.events] == ["2023-05-09"]


def test_a_british_embassy_page_speaks_for_the_uk():
    # field case dmy-numeric-dateline: the FCDO's pages name no country, the office is the UK's
    out = doc("On Monday, Minister of State for the Indo-Pacific Anne-Marie Trevelyan met First Vice Foreign Minister "
              "Cho Tae-yul in London.", published="2024-03-04", publisher="Foreign, Commonwealth & Development Office")
    (event,) = out.events
    assert [(p.name, p.country) for p in event.participants] == [("Anne-Marie Trevelyan", "GBR"), ("Cho Tae-yul", "KOR")]


HEADLINE_BODY = ("Ambassador Yoon Yeo-chul met with Minister of State Anne-Marie Trevelyan at the Foreign, Commonwealth "
                 "and Development Office in London on June 11 and discussed cooperation on North Korea's illicit "
                 "maritime activities.\n\nThe two sides also agreed to work together for the success of the "
                 "UK-ROK Strategic Dialogue.")


def test_a_headline_is_the_body_event_and_gives_its_counterpart_a_government():
    # field case duplicate-headline-event: "UK Minister for Asia" is the minister the body names
    out = doc(HEADLINE_BODY, published="2024-06-11", publisher="Embassy of the Republic of Korea to the United Kingdom",
              title="Ambassador Yoon Yeo-chul Meets UK Minister for Asia")
    (event,) = out.events
    assert [(p.name, p.title, p.country) for p in event.participants] == [
        ("Yoon Yeo-chul", "Ambassador", "KOR"), ("Anne-Marie Trevelyan", "Minister of State", "GBR")]


def test_a_headline_office_of_another_role_gives_nothing():
    out = doc(HEADLINE_BODY, published="2024-06-11", publisher="Embassy of the Republic of Korea to the United Kingdom",
              title="Ambassador Yoon Yeo-chul Meets UK Minister for Asia, Then French Ambassador")
    (event,) = out.events  # two offices, and only the minister's role fits the minister
    assert event.participants[1].country == "GBR"
    out = doc(HEADLINE_BODY, published="2024-06-11", publisher="Embassy of the Republic of Korea to the United Kingdom",
              title="Ambassador Yoon Yeo-chul Meets French Ambassador and UK Envoy")
    assert out.events[0].participants[1].country == "KOR"  # no office of the headline is the minister's
    out = doc(HEADLINE_BODY, published="2024-06-11", publisher="Embassy of the Republic of Korea to the United Kingdom",
              title="Korean Ambassador Attends Reception Hosted by UK Minister")
    assert out.events[0].participants[1].country == "KOR"  # the headline names none of the event's people


LIST_LEAD = ("Deputy Secretary of State Kurt M. Campbell was in Seoul on March 19-20. During the visit, the Deputy "
             "Secretary:")


def test_list_items_that_open_on_their_predicate_take_the_lead_ins_subject_place_and_dates():
    # field cases list-items-min, html-list-items
    out = doc(f"{LIST_LEAD}\n\n- Met with First Vice Foreign Minister Kim Hong-kyun to review preparations for the "
              "upcoming trilateral summit.\n\n- Met with Vice Foreign Minister Kang In-sun to discuss Russia-North "
              "Korea military cooperation.", published="2024-03-20", publisher="U.S. Department of State")
    assert [names(e) for e in out.events] == [["Kurt M. Campbell", "Kim Hong-kyun"], ["Kurt M. Campbell", "Kang In-sun"]]
    assert [(e.type, e.date, e.location.city) for e in out.events] == [("meeting", "2024-03", "Seoul")] * 2
    campbell = out.events[0].participants[0]
    assert campbell.spans[0].text == "Deputy Secretary of State Kurt M. Campbell"  # read in the lead-in


def test_a_list_item_with_its_own_subject_or_a_lead_in_naming_nobody_adds_no_subject():
    out = doc(f"{LIST_LEAD}\n\n- Foreign Minister Cho Tae-yul met with Japanese Foreign Minister Yoko Kamikawa.",
              published="2024-03-20", publisher="U.S. Department of State")
    assert [names(e) for e in out.events] == [["Cho Tae-yul", "Yoko Kamikawa"]]
    out = doc("The delegation's program:\n\n- Met with First Vice Foreign Minister Kim Hong-kyun.",
              published="2024-03-20", publisher="U.S. Department of State")
    assert [names(e) for e in out.events] == [["Kim Hong-kyun"]]


def test_a_pronoun_lead_in_stands_for_its_first_official_in_an_unmarked_list():
    out = doc("Special Representative Kim Gunn traveled to Tokyo on June 3. There he:\n\n"
              "Met with Director-General Hiroyuki Namazu of the Asian and Oceanian Affairs Bureau.\n\n"
              "Held talks with Deputy Minister Masataka Okano.", published="2024-06-05")
    assert [names(e) for e in out.events] == [["Kim Gunn", "Hiroyuki Namazu"], ["Kim Gunn", "Masataka Okano"]]
    assert all(e.location.city == "Tokyo" for e in out.events)


JAKARTA = ("JAKARTA, Sept. 6, 2023 (Yonhap) -- The top nuclear envoys of South Korea, the United States and Japan "
           "held talks here Wednesday on the sidelines of the ASEAN-related meetings.\n\nKim Gunn, Seoul's special "
           "representative for Korean Peninsula peace and security affairs, met with his U.S. counterpart, Sung Kim, "
           "and Japan's Hiroyuki Namazu, director-general of the foreign ministry's Asian and Oceanian Affairs Bureau.")


def test_here_in_a_wire_story_is_its_datelines_place_and_the_lead_tells_where_and_when():
    # field cases html-dateline-separate-tag(-year): the lead names nobody, the next sentence its envoys
    out = doc(JAKARTA, published="2023-09-06", publisher="Yonhap News Agency")
    (event,) = out.events
    assert names(event) == ["Kim Gunn", "Sung Kim", "Hiroyuki Namazu"]
    assert (event.location.city, event.location.country) == ("Jakarta", "IDN")
    assert event.location.spans[0].text == "JAKARTA"  # read in the dateline, printed in capitals
    assert (event.date, event.date_inferred) == ("2023-09-06", False)


def test_here_without_a_dateline_names_no_place():
    out = doc(JAKARTA.split(" -- ", 1)[1], published="2023-09-06", publisher="Yonhap News Agency")
    assert out.events[0].location is None


def test_a_date_in_parentheses_is_a_conversion_not_the_engagements_day():
    out = doc("On May 3, commencing at 9:00 p.m. (local time, on May 4, 10:00 a.m. Japan time), Prime Minister "
              "Ishiba Shigeru held a meeting with President Lee Jae-myung.", published="2025-05-05")
    assert [e.date for e in out.events] == ["2025-05-03"]


def test_a_summit_named_with_dotted_abbreviations_is_a_meeting_not_the_visit_around_it():
    assert engagement_type("Mr. Ishiba, who is visiting Washington, held a Japan-U.S.-ROK Summit Meeting.")[0] == "meeting"


def test_an_official_and_his_counterpart_who_agree_have_met_though_one_side_is_not_printed():
    # issue 13: a counterpart is of the other side, whether or not the first official's country is printed
    event = the_event("First vice foreign minister Chang Ho-jin and his Japanese counterpart, Masataka Okano, "
                      "exchanged views on bilateral relations on Thursday.", published="2023-10-05",
                      publisher=None)
    assert event.type == "meeting" and names(event) == ["Chang Ho-jin", "Masataka Okano"]
    assert (event.date, event.date_inferred) == ("2023-10-05", False)


def test_what_two_officials_agreed_to_do_does_not_date_their_engagement():
    out = doc("SEOUL, Oct. 7 (Yonhap) -- The top diplomats of South Korea and Poland held talks in Seoul on "
              "Monday.\n\nForeign Minister Kang Kyung-wha and her Polish counterpart, Jacek Czaputowicz, agreed to "
              "strengthen ties, with a summit in New York last month among recent exchanges.", published="2019-10-07")
    (event,) = [e for e in out.events if "Jacek Czaputowicz" in names(e)]
    assert event.date == "2019-10-07"


def test_counterparts_met_on_different_days_are_different_engagements():
    # issue 13: several engagements in one sentence, each with its own day (day before or after its counterpart)
    assert named_days("Chinese Foreign Minister Wang Yi is scheduled to meet South Korean Foreign Minister Kang "
                      "Kyung-wha on Wednesday before visiting South Korean President Moon Jae-in on Thursday.",
                      "2019-12-04") == [(["Wang Yi", "Kang Kyung-wha"], "2019-12-04"),
                                        (["Wang Yi", "Moon Jae-in"], "2019-12-05")]
    assert named_days("U.S. Special Representative Sung Kim arrived in Seoul on Saturday. On Monday Kim will meet "
                      "with his South Korean counterpart, Noh Kyu-duk, and on Tuesday with Russian Deputy Foreign "
                      "Minister Igor Morgulov in Seoul.", "2021-08-22") == [
        (["Sung Kim", "Noh Kyu-duk"], "2021-08-23"), (["Sung Kim", "Igor Morgulov"], "2021-08-24")]


def test_counterparts_of_one_day_are_one_engagement():
    assert named_days("Foreign Minister Kang Kyung-wha will meet with Secretary of State Mike Pompeo and Japanese "
                      "Foreign Minister Taro Kono on Tuesday.", "2019-08-01") == [
        (["Kang Kyung-wha", "Mike Pompeo", "Taro Kono"], "2019-08-06")]


def test_he_is_the_official_who_opens_the_sentence_before():
    # issue 13: a referent carried across sentences of one paragraph, though that sentence reports no engagement
    assert named_days("U.S. Special Representative Sung Kim arrived in Seoul on Saturday for a four-day visit. He "
                      "met with Foreign Minister Chung Eui-yong at the minister's residence on Sunday.",
                      "2021-08-22") == [(["Sung Kim", "Chung Eui-yong"], "2021-08-22")]


def test_officials_met_on_another_day_do_not_name_the_unnamed_sides():
    assert (["Sung Kim", "Chung Eui-yong"], "2021-08-22") in named_days(
        "The U.S. special envoy for North Korea was scheduled to meet his South Korean counterpart on Monday. U.S. "
        "Special Representative Sung Kim met with South Korean Foreign Minister Chung Eui-yong on Sunday.", "2021-08-22")


def test_talks_on_the_sidelines_are_dated_to_the_month_not_guessed_to_the_day():
    # ANNOTATION.md Precision: a day the text does not give is not guessed (batch1 doc_287fac2f610582d6)
    assert named_days("Foreign Minister Kang Kyung-wha and U.S. Secretary of State Mike Pompeo met in San Francisco "
                      "on Tuesday. Kang and Japanese Foreign Minister Toshimitsu Motegi also held a one-on-one "
                      "meeting on the sidelines.", "2020-01-15") == [
        (["Kang Kyung-wha", "Mike Pompeo"], "2020-01-14"), (["Kang Kyung-wha", "Toshimitsu Motegi"], "2020-01")]


def test_officials_named_after_an_engagement_reported_without_names_are_its_participants_not_a_new_meeting():
    out = doc("SEOUL, May 25 (Yonhap) -- The top diplomats of South Korea, the United States and Japan condemned "
              "the launches in back-to-back phone talks Wednesday.\n\nForeign Minister Park Jin and his American "
              "counterpart Antony Blinken agreed to cooperate closely.", published="2022-05-25")
    assert [(e.type, names(e)) for e in out.events] == [("phone_call", ["Park Jin", "Antony Blinken"])]


def test_a_joint_sentence_after_a_nameless_lead_is_the_leads_engagement():
    """The lead tells the type and day ("in their phone talks on Wednesday"), the next sentence who
    agreed: one call, not a meeting dated by the page."""
    event = the_event("The top diplomats of South Korea and the US condemned the launches in their phone talks "
                      "on Wednesday, the ministry said.\n\nSouth Korean Foreign Minister Park Jin and his American "
                      "counterpart Antony Blinken agreed to cooperate closely.", published="2022-05-26")
    assert (event.type, event.date, event.date_inferred) == ("phone_call", "2022-05-25", False)
    assert names(event) == ["Park Jin", "Antony Blinken"]


def test_the_same_peoples_engagement_on_another_day_is_recalled_not_merged():
    """A page on the envoys' second call mentions their first: neither its day nor "later in the day"
    take the recalled day."""
    out = doc("The top nuclear envoys of South Korea and the United States held their second phone talks on Friday, "
              "the foreign ministry said.\n\n"
              "Noh Kyu-duk, the ministry's special representative for Korean Peninsula peace and security affairs, "
              "and his U.S. counterpart, Sung Kim, discussed follow-up efforts.\n\n"
              "Noh and Kim held their first phone talks on Saturday.\n\n"
              "Later in the day, Lee Moon-hee, director-general for North Korean nuclear affairs, spoke by phone "
              "with his Russian counterpart, Oleg Burmistrov, the ministry said.", published="2021-05-28")
    assert [(e.date, names(e)) for e in out.events] == [
        ("2021-05-28", ["Noh Kyu-duk", "Sung Kim"]), ("2021-05-28", ["Lee Moon-hee", "Oleg Burmistrov"])]


def test_a_reference_to_the_meeting_gives_its_day():
    event = the_event("Unification Minister Kwon Young-se has met with Chinese ambassador Xing Haiming to exchange "
                      "views.During their meeting on Wednesday, the ministry said that Kwon called for mature "
                      "relations.", published="2022-08-22")
    assert (event.date, event.date_inferred) == ("2022-08-17", False)


def test_an_engagement_reported_as_a_noun_phrase_between_its_parties():
    event = the_event("Cooperation reached a new level during a trilateral summit between President Yoon Suk Yeol, "
                      "U.S. President Joe Biden and Japanese Prime Minister Fumio Kishida at Camp David on August 18.",
                      published="2023-08-28")
    assert (event.type, event.date, event.location.city) == ("meeting", "2023-08-18", "Camp David")
    assert names(event) == ["Yoon Suk Yeol", "Joe Biden", "Fumio Kishida"]
    assert not doc("They recalled the summit between President Yoon Suk Yeol and U.S. President Joe Biden "
                   "on August 18.", published="2023-08-28").events


def test_an_engagement_also_held_without_a_day_takes_the_month_of_the_one_before():
    # ANNOTATION.md, precision: "Separately, she also met C" -> YYYY-MM, never the page's day guessed
    out = doc("Special Representative Kim Gunn met with Deputy Foreign Minister Igor Morgulov in Moscow on "
              "August 13, 2013.\n\nSpecial Representative Kim also met with Ambassador Sung Kim.",
              published="2013-08-09")
    assert [(names(e), e.date) for e in out.events] == [(["Kim Gunn", "Igor Morgulov"], "2013-08-13"),
                                                        (["Kim Gunn", "Sung Kim"], "2013-08")]


def test_an_offer_to_meet_is_no_engagement_held():
    # CAMEO OFFER [030]: an intent expressed, like "proposed to meet"
    assert engagement_type("Kim has repeatedly offered to meet North Korean officials without preconditions.") is None
    assert engagement_type("Kim met North Korean officials without preconditions.") is not None


def test_a_side_named_as_a_group_of_officials_takes_part():
    # ANNOTATION.md, unnamed participants; Phoenix's agent nouns (GOVERNMENT_OFFICIAL, GOVERNMENT_DELEGATION)
    from readouts.extract.people import find_bodies, find_people
    for text, body in [("Cho will also meet with other Russian officials.", ("Russian officials", "RUS")),
                       ("He would meet Chinese officials this week.", ("Chinese officials", "CHN")),
                       ("Lowcock will meet government officials, humanitarian partners.", ("government officials", None))]:
        assert [(b.name, b.country) for b in find_bodies(text, find_people(text))] == [body]
    listed = "He met senior Japanese government officials including Minister for the Abduction Issue Jin Matsubara."
    assert find_bodies(listed, find_people(listed)) == []  # those listed are the participants
    assert find_bodies("Senior officials said on Monday.", []) == []  # no side named


def test_a_trip_for_a_meeting_is_the_meeting_on_a_day_of_its_range_unsaid():
    # ANNOTATION.md `visit`: "if a meeting during the visit is described, annotate the meeting";
    # Precision: a day of a two-day stay is not given -> the month (dev2 doc_0359396aaaa819a2)
    event = the_event("Special Representative for North Korea Policy Glyn Davies will travel to Beijing May 22-23 "
                      "to meet with his Chinese counterpart Special Representative for Korean Peninsula Affairs "
                      "Wu Dawei.", published="2012-05-17")
    assert (event.type, event.date, event.location.city) == ("meeting", "2012-05", "Beijing")
    assert names(event) == ["Glyn Davies", "Wu Dawei"]
    assert engagement_type("He will travel to Tokyo for talks May 23-25 with Vice Minister Kenichiro Sasae.")[0] \
        == "meeting"


def test_a_trip_with_no_meeting_described_stays_a_visit():
    assert engagement_type("Deputy Secretary Landau will travel to Majuro to reinforce ties.")[0] == "visit"
    assert engagement_type("Secretary Kerry will visit Seoul next week for talks expected to center on trade.")[0] \
        == "visit"


def test_meetings_with_a_list_are_one_per_counterpart():
    out = doc("Special Representative for North Korea Policy Glyn Davies will arrive in Seoul on May 20. "
              "He will travel to Tokyo for meetings May 23-25 with senior Japanese government officials including "
              "Vice Minister for Foreign Affairs Kenichiro Sasae and Assistant Chief Cabinet Secretary Chikao Kawai.",
              published="2012-05-17")
    assert [names(e) for e in out.events] == [["Glyn Davies", "Kenichiro Sasae"], ["Glyn Davies", "Chikao Kawai"]]
    assert {(e.type, e.date, e.location.city) for e in out.events} == {("meeting", "2012-05", "Tokyo")}


def test_one_engagement_noun_or_the_three_sides_make_one_engagement_with_all():
    # batch2 doc_e65cce07d92a7361: "a telephone consultation today with A and B. The three sides ..."
    text = ("Director-General for Asian and Oceanian Affairs FUNAKOSHI Takehiro held {} today with U.S. "
            "Special Representative for the DPRK Sung Kim and ROK Special Representative for Korean Peninsula "
            "Peace and Security Affairs Kim Gunn.{}")
    one = doc(text.format("a telephone consultation", ""), published="2023-05-31").events
    assert [len(e.participants) for e in one] == [3] and one[0].format == "trilateral"
    joint = doc(text.format("telephone consultations", " The three sides reaffirmed their cooperation."),
                published="2023-05-31").events
    assert [len(e.participants) for e in joint] == [3]
    apart = doc(text.format("telephone consultations", ""), published="2023-05-31").events
    assert [len(e.participants) for e in apart] == [2, 2]


def test_a_trip_for_a_consultation_is_completed_by_the_meeting_that_names_the_counterpart():
    # dev2 doc_0367a63160ded924: one meeting, on a day of the trip's range that the page does not give
    event = the_event("Cho Tae-yong, Special Representative for Korean Peninsula Peace and Security Affairs, will "
                      "visit Russia from August 13 through 15 for a consultation with his Russian counterpart.\n\n"
                      "During his first visit to Russia, Special Representative Cho will meet with Igor Morgulov, "
                      "Russia's Deputy Foreign Minister.", published="2013-08-09")
    assert (event.type, event.date, names(event)) == ("meeting", "2013-08", ["Cho Tae-yong", "Igor Morgulov"])


def test_a_two_letter_name_stands_for_the_official_printed_in_full():
    out = doc("Permanent Deputy Minister of Foreign Affairs Nguyen Minh Vu paid a working visit to the DPRK from "
              "October 21-26.\n\nAt the dialogue, Vu and his DPRK counterpart Pak Sang Gil discussed bilateral ties.",
              published="2024-10-26")
    (event,) = out.events
    assert (event.type, names(event), event.date) == ("meeting", ["Nguyen Minh Vu", "Pak Sang Gil"], "2024-10")


def test_a_visit_paid_is_a_visit():
    # CAMEO.2.0.txt PAY - * VISIT [042:043]
    event = the_event("Vice Foreign Minister Kim Hong-kyun paid a three-day visit to Mongolia on May 2, 2017.",
                      published="2017-05-03")
    assert (event.type, names(event), event.date) == ("visit", ["Kim Hong-kyun"], "2017-05-02")


def test_a_meeting_completing_a_visit_is_dated_by_its_own_day():
    out = doc("Special Representative Sung Kim arrived in Seoul on Saturday for a four-day visit. He met with "
              "Foreign Minister Chung Eui-yong on Sunday.", published="2021-08-23")
    (event,) = out.events
    assert (event.type, names(event), event.date) == ("meeting", ["Sung Kim", "Chung Eui-yong"], "2021-08-22")


def test_an_engagement_recalled_from_a_past_period_is_no_event():
    out = doc("President Park Geun-hye will hold a summit with Chinese President Xi Jinping on June 27. Last month, "
              "Park traveled to the United States and held summit talks with President Barack Obama.",
              published="2013-06-04")
    assert [names(e) for e in out.events] == [["Park Geun-hye", "Xi Jinping"]]


def test_a_news_conference_attended_is_no_conference():
    out = doc("Foreign Minister Park Jin attends a news conference in Seoul, Korea April 26, 2023.", published="2023-04-27")
    assert out.events == []
def test_the_official_named_in_the_possessive_owns_the_engagement():
    event = the_event("Prime Minister Christopher Luxon arrived in Seoul on 5 September. Mr Luxon's visit "
                      "included a meeting with President Yoon Suk Yeol of the Republic of Korea on 6 September.",
                      published="2024-09-07")
    assert names(event) == ["Christopher Luxon", "Yoon Suk Yeol"]
    # the envoy of the official named in the possessive took part, not the official
    out = doc("North Korean leader Kim Jong Un's special envoy met with President Moon Jae-in on Monday.",
              published="2018-03-06")
    assert ["Kim Jong Un"] not in [names(e)[:1] for e in out.events]
    assert all("Kim Jong Un" not in names(e) for e in out.events)


def test_a_possessive_pronoun_owning_the_engagement_refers_to_the_subject():
    event = the_event("Foreign Minister Cho Tae-yul arrived in Tokyo on Monday. His meeting with Foreign Minister "
                      "Takeshi Iwaya focused on the North Korean nuclear issue.", published="2024-11-05")
    assert names(event) == ["Cho Tae-yul", "Takeshi Iwaya"]


def test_a_surname_of_two_letters_refers_to_the_official_named_in_full():
    event = the_event("Foreign Minister Fumio Kishida said Thursday he urged his North Korean counterpart Ri Su Yong "
                      "to abide by the accord. Kishida told reporters after a rare meeting with Ri on the sidelines "
                      "of a regional security forum in Kuala Lumpur.", publisher=None)
    assert names(event) == ["Fumio Kishida", "Ri Su Yong"]



def test_a_meeting_between_others_spoken_of_with_its_place_is_background():
    out = doc("North Korea's foreign minister Ri Yong Ho is set to meet again with his Swedish counterpart amid "
              "speculation about a possible meeting in the Scandinavian country between President Donald Trump "
              "and North Korean leader Kim Jong Un.", publisher=None)
    assert all("Donald Trump" not in names(e) for e in out.events)
