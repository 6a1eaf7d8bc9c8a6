"""Date mentions: explicit dates, dates without a year, relative days, weekdays and months,
resolved against a reference date, on small strings."""
from datetime import date

import pytest

from readouts.extract.dates import (FUTURE, PAST, UNKNOWN, choose_reading, date_for_weekday, find_dates,
                                    infer_year, lexicon, month_for_day, numeric_readings,
                                    resolve_relative_year_phrase, year_for_month, year_for_month_day)


def one(sentence, reference=None, reference_inferred=False, date_order=None):
    mentions = find_dates(sentence, reference, reference_inferred, date_order)
    assert len(mentions) == 1, mentions
    return mentions[0]


def values(sentence, reference=None):
    return [m.value for m in find_dates(sentence, reference)]


# ---------------------------------------------------------------- explicit dates

@pytest.mark.parametrize("text, value", [
    ("on December 11, 2023, in Seoul", "2023-12-11"),
    ("on Dec. 11, 2023", "2023-12-11"),
    ("11 December 2023", "2023-12-11"),
    ("28 February 2017", "2017-02-28"),
    ("released 2024-07-22", "2024-07-22"),
    ("2024. 7. 22.", "2024-07-22"),
    ("Published : July 28, 2017 - 09:41", "2017-07-28"),
    ("on the 24th of December 2020", "2020-12-24"),
])
def test_explicit_dates_are_read_and_not_inferred(text, value):
    m = one(text, date(2030, 1, 1), reference_inferred=True)
    assert m.value == value
    assert m.inferred is False


def test_explicit_date_span_and_parts():
    sentence = "The talks were held on May 11, 2018 in Panmunjom."
    m = one(sentence)
    assert sentence[m.start:m.end] == m.text == "May 11, 2018"
    assert (m.year, m.month, m.day) == (2018, 5, 11)


def test_impossible_dates_are_no_mentions():
    assert find_dates("on February 30, 2023", date(2023, 3, 1)) == []
    assert find_dates("2023-13-01", None) == []


# ---------------------------------------------------------------- month and day without a year

def test_afternoon_of_december_11_read_the_next_day():
    m = one("On the afternoon of December 11, Special Representative Kim met his counterpart.", date(2023, 12, 12))
    assert m.value == "2023-12-11"
    assert m.inferred is False
    assert m.text == "December 11"


def test_local_time_does_not_break_parsing():
    m = one("He met the Deputy Secretary on July 22 (local time) in Washington.", date(2024, 7, 23))
    assert m.value == "2024-07-22"
    assert m.inferred is False


def test_december_read_in_january_is_last_year():
    assert one("met on Dec. 11", date(2024, 1, 3)).value == "2023-12-11"


def test_year_inferred_follows_the_reference():
    assert one("on August 7", date(2019, 8, 9), reference_inferred=True).inferred is True
    assert one("on August 7", date(2019, 8, 9), reference_inferred=False).inferred is False


@pytest.mark.parametrize("text", ["Dec 1", "Nov. 15", "January 23", "on August 7", "Sept. 5"])
def test_month_day_forms(text):
    m = one(text, date(2023, 12, 20))
    assert m.value is not None and m.value[5:] == f"{m.month:02d}-{m.day:02d}"
    assert m.value[:4] == ("2024" if m.month == 1 else "2023")


def test_no_cue_allows_about_two_months_ahead():
    assert one("January 5", date(2023, 11, 20)).value == "2024-01-05"
    assert one("March 5", date(2023, 11, 20)).value == "2023-03-05"


def test_past_tense_keeps_the_date_before_the_reference():
    assert one("The ministers met on January 5.", date(2023, 11, 20)).value == "2023-01-05"


def test_future_tense_reads_the_next_occurrence():
    assert one("The minister will visit Seoul on March 3.", date(2023, 12, 20)).value == "2024-03-03"


def test_range_exposes_its_end():
    m = one("visited the United Kingdom from February 21 to 22, and held talks", date(2017, 3, 2))
    assert (m.value, m.end_value) == ("2017-02-21", "2017-02-22")
    assert one("on Sept. 5-6, 2023").end_value == "2023-09-06"


def test_relative_year_after_a_date():
    assert one("on December 11 last year", date(2024, 3, 1)).value == "2023-12-11"


def test_month_day_without_reference_keeps_its_parts():
    m = one("at the European Union on Tuesday, January 23, at the PSC")
    assert m.value is None
    assert (m.month, m.day, m.weekday, m.year) == (1, 23, 1, None)
    assert m.text == "Tuesday, January 23"


def test_weekday_printed_with_the_date_corrects_the_year():
    # January 23 was a Monday in 2023 and a Tuesday in 2024.
    assert one("on Tuesday, January 23", date(2023, 2, 1)).value == "2024-01-23"


def test_adjectival_dates_are_read():
    assert one("momentum from the May 21 Summit", date(2023, 6, 1)).value == "2023-05-21"


# ---------------------------------------------------------------- infer_year

def test_infer_year_from_weekday():
    assert infer_year(1, 23, 1, range(2015, 2027)) == 2024


def test_infer_year_without_weekday_takes_latest():
    assert infer_year(3, 1, None, range(2015, 2020)) == 2019


def test_infer_year_needs_a_real_date():
    assert infer_year(2, 29, None, range(2021, 2024)) is None
    assert infer_year(2, 29, None, range(2019, 2024)) == 2020
    assert infer_year(1, 23, 1, []) is None


# ---------------------------------------------------------------- day only

def test_the_24th_without_reference_is_unresolved():
    m = one("said on the 24th, \"We look forward to it\"")
    assert m.value is None
    assert m.day == 24
    assert m.relative is True


def test_the_24th_is_the_reference_month():
    m = one("on the morning of the 24th at the Lotte Hotel", date(2021, 6, 25), reference_inferred=True)
    assert m.value == "2021-06-24"
    assert m.inferred is True and m.relative is True


def test_day_after_the_reference_day_is_last_month():
    assert one("met on the 28th.", date(2021, 3, 3)).value == "2021-02-28"


def test_day_of_this_month():
    assert one("the 5th of next month", date(2021, 12, 20)).value == "2022-01-05"


@pytest.mark.parametrize("text", ["the 25th anniversary of relations", "the 3rd floor", "the 2nd and 3rd rounds",
                                  "the 1st Enhanced Disruption Meeting", "the 11th largest economy"])
def test_ordinals_that_are_no_days(text):
    assert find_dates(text, date(2021, 6, 25)) == []


def test_ordinal_range():
    m = one("on the 10th and 11th at the hotel", date(2021, 6, 25))
    assert (m.value, m.end_value) == ("2021-06-10", "2021-06-11")


# ---------------------------------------------------------------- weekdays

def test_future_weekday_in_next_week():
    m = one("Kim will travel to Washington to meet Sung on Friday next week.", date(2021, 7, 15))
    assert m.value == "2021-07-23"
    assert m.relative is True and m.weekday == 4


def test_past_weekday():
    m = one("The two discussed North Korea issues on the phone Wednesday.", date(2020, 1, 2))
    assert m.value == "2020-01-01"
    assert m.relative is True


def test_said_weekday_same_day_counts():
    assert one("the foreign ministry said Thursday", date(2021, 7, 15)).value == "2021-07-15"


def test_agreed_weekday_is_past():
    assert one("Seoul and Washington agreed Thursday to continue", date(2021, 7, 17)).value == "2021-07-15"


def test_scheduled_weekday_is_future():
    m = one("He is scheduled to arrive in Seoul on Wednesday for a three-day visit.", date(2021, 7, 15))
    assert m.value == "2021-07-21"


def test_future_weekday_is_on_or_after_the_reference_day():
    # news name the day of the piece by its weekday: "is scheduled to meet on Wednesday" in a
    # Wednesday piece is that day (dev2 gold); "next Thursday" is a week on
    assert one("They will meet on Thursday.", date(2021, 7, 15)).value == "2021-07-15"
    assert one("They will meet on Friday.", date(2021, 7, 15)).value == "2021-07-16"
    assert one("They will meet next Thursday.", date(2021, 7, 15)).value == "2021-07-22"


def test_a_verb_of_saying_after_the_report_does_not_set_its_tense():
    assert one("The ministers will meet on Thursday, said the ministry.", date(2021, 7, 13)).value == "2021-07-15"
    assert one("The ministers met on Thursday, the ministry said.", date(2021, 7, 17)).value == "2021-07-15"


def test_last_weekday_is_strictly_before():
    assert one("met last Friday in Washington", date(2021, 7, 16)).value == "2021-07-09"


def test_said_weekday_while_the_rest_is_future():
    mentions = find_dates("Blinken said Monday that he will visit Seoul next week.", date(2021, 7, 15))
    assert [m.value for m in mentions] == ["2021-07-12", "2021-07"]


def test_weekday_in_last_week():
    assert one("The envoys met Tuesday last week.", date(2021, 7, 15)).value == "2021-07-06"


def test_weekday_without_reference():
    m = one("The envoys met on Friday.")
    assert m.value is None and m.weekday == 4


def test_capitalised_words_are_needed():
    assert find_dates("he will march on friday", date(2021, 7, 15)) == []


# ---------------------------------------------------------------- relative days, weeks and months

@pytest.mark.parametrize("text, value", [
    ("The minister said today that", "2022-03-10"),
    ("Earlier in the day, Kim met Park.", "2022-03-10"),
    ("this morning", "2022-03-10"),
    ("He arrived yesterday.", "2022-03-09"),
    ("They will meet tomorrow.", "2022-03-11"),
    ("They had met the day before.", "2022-03-09"),
])
def test_relative_days(text, value):
    m = one(text, date(2022, 3, 10), reference_inferred=True)
    assert m.value == value
    assert m.relative is True and m.inferred is True


def test_the_day_before_an_event_is_no_date():
    assert find_dates("the day before the summit", date(2022, 3, 10)) == []


def test_newspaper_name_is_no_date():
    assert find_dates("USA Today reported it", date(2022, 3, 10)) == []


@pytest.mark.parametrize("text, value", [
    ("later this month", "2022-03"),
    ("by the end of this month", "2022-03"),
    ("early next month", "2022-04"),
    ("last month", "2022-02"),
    ("next week", "2022-03"),
    ("in mid-December this year", "2022-12"),
    ("in March next year", "2023-03"),
    ("in December 2014", "2014-12"),
    ("since September 2016", "2016-09"),
])
def test_month_values(text, value):
    assert one(text, date(2022, 3, 10)).value == value


def test_month_alone_takes_its_tense():
    assert one("They will meet in February.", date(2022, 3, 10)).value == "2023-02"
    assert one("They met in February.", date(2022, 3, 10)).value == "2022-02"


@pytest.mark.parametrize("text", ["Theresa May said", "Jan Egeland met", "at Mar-a-Lago", "in the next month",
                                  "over the last month", "the past week"])
def test_words_that_are_no_months(text):
    assert find_dates(text, date(2022, 3, 10)) == []


def test_month_without_reference():
    m = one("in March")
    assert m.value is None and m.month == 3


# ---------------------------------------------------------------- numbers, years and times

def test_ambiguous_numeric_date_is_unresolved():
    m = one("Date: 08/07/2024")
    assert m.value is None and m.year == 2024


def test_numeric_date_with_one_possible_reading():
    assert one("23/07/2024").value == "2024-07-23"
    assert one("Pres10/29/2021").value == "2021-10-29"


def test_ambiguous_numeric_date_keeps_both_readings():
    assert one("Date: 08/07/2024").readings == (("MDY", "2024-08-07"), ("DMY", "2024-07-08"))
    assert one("23/07/2024").order == "DMY" and one("08/08/2024").order is None


def test_ambiguous_numeric_date_takes_the_order_the_page_writes_in():
    assert one("Date: 08/07/2024", date_order="DMY").value == "2024-07-08"
    # another numeric date of the same sentence with a part above 12 shows the writer's order
    assert values("between 08/07/2024 and 23/07/2024") == ["2024-07-08", "2024-07-23"]
    assert values("between 08/07/2024 and 08/23/2024") == ["2024-08-07", "2024-08-23"]


def test_a_weekday_printed_with_an_ambiguous_numeric_date_settles_it():
    # 2024-03-04 was a Monday, 2024-04-03 a Wednesday: the weekday is the page's evidence of its order
    monday = one("They met on Monday, 04/03/2024 in London.")
    assert (monday.text, monday.value, monday.order, monday.readings) == ("Monday, 04/03/2024", "2024-03-04", "DMY", ())
    assert one("They met on Wednesday 04/03/2024.").value == "2024-04-03"
    # the page's other numeric dates are then read in that order
    assert values("Monday, 04/03/2024, and 05/03/2024") == ["2024-03-04", "2024-03-05"]
    # a weekday that fits neither reading settles nothing and stays a weekday of its own
    assert [(m.text, m.readings != ()) for m in find_dates("on Friday 04/03/2024", None)] == [("Friday", False),
                                                                                             ("04/03/2024", True)]


@pytest.mark.parametrize("page_order, scores, convention, expected", [
    ("DMY", {"MDY": 4}, "MDY", date(2024, 7, 8)),  # the page's own numeric dates first
    (None, {"MDY": 4, "DMY": 2}, "DMY", date(2024, 8, 7)),  # then the page's other dates
    (None, {"MDY": 2, "DMY": 2}, "DMY", date(2024, 7, 8)),  # then the convention
    (None, {}, None, None),  # else unresolved
])
def test_one_rule_for_the_order_of_day_and_month(page_order, scores, convention, expected):
    readings = numeric_readings(8, 7, 2024)
    assert choose_reading(readings, page_order, scores, convention) == expected


def test_english_has_no_numeric_order_of_its_own():
    assert lexicon().date_order is None


def test_marked_dates_and_years_outside_the_window():
    assert one("2024년 7월 23일").value == "2024-07-23"
    assert find_dates("on 08/07/3024 and 1 May 2150", None) == []


def test_years_and_times_are_ignored():
    assert find_dates("Since 2021, talks began at 7:00 p.m. and 11:30-12:00.", date(2022, 3, 10)) == []


def test_clock_time_after_a_date_is_not_a_year():
    assert one("On July 14, 9:00 p.m.", date(2023, 7, 20)).value == "2023-07-14"


def test_sentences_without_dates():
    assert find_dates("", date(2022, 3, 10)) == []
    assert find_dates("The two sides agreed to cooperate closely.", date(2022, 3, 10)) == []


def test_mentions_come_in_order():
    sentence = "Released online from January 20, 2017 to January 20, 2021, and updated yesterday."
    assert values(sentence, date(2022, 3, 10)) == ["2017-01-20", "2021-01-20", "2022-03-09"]


# ---------------------------------------------------------------- relative years and the calendar rules

def test_resolve_relative_year_phrase():
    assert resolve_relative_year_phrase("talks later next year", date(2022, 3, 10)) == 2023
    assert resolve_relative_year_phrase("as agreed last year", date(2022, 3, 10)) == 2021
    assert resolve_relative_year_phrase("this year", None) is None
    assert resolve_relative_year_phrase("over the last year", date(2022, 3, 10)) is None


def test_calendar_rules():
    ref = date(2024, 1, 3)
    assert year_for_month_day(12, 11, ref, UNKNOWN) == 2023
    assert year_for_month_day(1, 10, ref, PAST) == 2024  # within the slack of a few days
    assert year_for_month_day(2, 10, ref, PAST) == 2023
    assert year_for_month_day(12, 1, ref, FUTURE) == 2024
    assert year_for_month(11, ref, UNKNOWN) == 2023
    assert year_for_month(2, ref, UNKNOWN) == 2024
    assert month_for_day(28, ref, PAST) == (2023, 12)
    assert month_for_day(1, date(2024, 1, 30), FUTURE) == (2024, 2)
    thursday = date(2020, 1, 2)
    assert date_for_weekday(3, thursday, PAST) == thursday
    assert date_for_weekday(3, thursday, PAST, strictly=True) == date(2019, 12, 26)
    assert date_for_weekday(3, thursday, FUTURE) == thursday
    assert date_for_weekday(3, thursday, FUTURE, strictly=True) == date(2020, 1, 9)
    assert date_for_weekday(0, thursday, FUTURE, week=1) == date(2020, 1, 6)


def test_future_weekdays_of_one_plan_come_in_order():
    sentence = ("Sherman is scheduled to arrive in Seoul on Wednesday for a three-day visit and meet with her "
                "counterpart, Vice Foreign Minister Choi Jong-kun, on Friday for a policy dialogue.")
    assert values(sentence, date(2021, 7, 15)) == ["2021-07-21", "2021-07-23"]


def test_the_numbered_session_of_the_general_assembly_gives_the_year():
    from readouts.extract.dates import session_year
    assert session_year(["on the sidelines of the 78th session of the UN General Assembly"], 9) == 2023
    assert session_year(["during the 78th United Nations General Assembly"], 3) == 2024  # the session runs on
    assert session_year(["at the General Assembly"], 9) is None
    assert session_year(["the 70th General Assembly", "the 71st General Assembly"], 9) is None  # two disagree
