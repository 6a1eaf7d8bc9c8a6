import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

from readouts.extract import extract
from readouts.kb import (candidate_years, find_official, in_office_on, office_country, official_country,
                         organization_of, page_names, printed_bearer, tenure, title_role)
from readouts.types import CleanDocument

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import us_officials  # noqa: E402  (scripts/us_officials.py: the conversion of the POCOM list)


def test_office_country_for_titles_naming_no_country():
    assert office_country("Special Representative for Korean Peninsula Peace and Security Affairs") == "KOR"
    assert office_country("Director-General for Korean Peninsula Policy") == "KOR"
    assert office_country("Special Representative for North Korea Policy") == "USA"
    assert office_country("Deputy Special Representative for the Democratic People’s Republic of Korea") == "USA"
    assert office_country("Director-General of the Asian and Oceanian Affairs Bureau") == "JPN"
    assert office_country("High Representative for Foreign Affairs and Security Policy") == "EU"
    assert office_country("Special Representative on the Korean Peninsular Affairs") == "CHN"
    assert office_country("Managing Director of a bakery") is None


def test_longest_office_name_wins():
    assert office_country("the White House National Security Council") == "USA"
    assert office_country("the Security Council") == "UN"
    assert organization_of("the 1718 Committee Panel of Experts") == "United Nations Security Council Panel of Experts"


def test_uk_secretary_of_state_is_not_us():
    assert office_country("Secretary of State for Foreign, Commonwealth and Development Affairs") is None
    assert office_country("U.S. Deputy Secretary of State") == "USA"


def test_name_variants_orders_hyphens_and_case():
    for printed in ("Noh Kyu-duk", "Noh Kyuduk", "Kyu-duk Noh", "NOH Kyu Duk"):
        assert find_official(printed).name == "Noh Kyu-duk", printed
    assert find_official("HAYASHI Yoshimasa").name == "Yoshimasa Hayashi"
    assert find_official("Mr. Antony J. Blinken").name == "Antony Blinken"
    assert find_official("Tarō Kōno").name == "Taro Kono"


def test_surname_alone_only_when_unique():
    assert find_official("Kritenbrink").name == "Daniel Kritenbrink"
    assert find_official("Kim") is None  # Kim Gunn, Kim Hong-kyun, Sung Kim
    assert find_official("Yun") is None  # Yun Byung-se (KOR) and Joseph Yun (USA)
    assert find_official("Yun", country="USA").name == "Joseph Yun"
    assert find_official("Nobody Atall") is None


def test_official_country():
    assert official_country("Kang Kyung-wha") == "KOR"
    assert official_country("Mogherini") == "EU"
    assert official_country("Sullivan") is None  # John and Jake


def test_title_role_prefers_the_longest_phrase():
    assert title_role("U.S. Deputy Secretary of State") == "deputy_secretary_of_state"
    assert title_role("Secretary of State") == "secretary_of_state"
    assert title_role("Vice Foreign Minister") == "vice_foreign_minister"


def test_tenure_of_one_office_or_all():
    blinken = find_official("Blinken")
    # the days of data/us_officials.json (POCOM) win over the months of data/officials.json
    assert tenure(blinken, "Secretary of State") == (date(2021, 1, 26), date(2025, 1, 20))
    assert tenure(blinken) == (date(2015, 1, 9), date(2025, 1, 20))
    assert tenure(find_official("Lavrov"))[1] is None


def test_tenure_of_year_precision_covers_whole_years():
    assert tenure(find_official("Kim Hong-kyun")) == (date(2016, 1, 1), date(2017, 12, 31))


def test_candidate_years_intersects_tenures():
    years = candidate_years([
        ("Kim Gunn", "Special Representative for Korean Peninsula Peace and Security Affairs"),
        ("Jung Pak", "U.S. Deputy Special Representative for the DPRK"),
    ])
    assert 2023 in years
    assert set(years) <= {2022, 2023, 2024}


def test_candidate_years_uses_the_titled_office():
    # Blinken as Secretary of State with Park Jin as Foreign Minister: 2022-2024, not 2015-2017
    years = candidate_years([("Antony Blinken", "Secretary of State"), ("Park Jin", "Foreign Minister")])
    assert years == [2022, 2023, 2024]


def test_candidate_years_empty_when_unknown_or_disjoint():
    assert candidate_years([("Nobody Atall", "Minister"), (None, "Foreign Minister")]) == []
    assert candidate_years([("Rex Tillerson", None), ("Marco Rubio", None)]) == []


# --- data/us_officials.json (POCOM) merged with data/officials.json --------------------------

def test_middle_names_initials_and_honorifics_are_optional():
    for printed in ("John Forbes Kerry", "John Kerry", "Secretary Kerry", "Kerry", "John F. Kerry"):
        assert find_official(printed).name == "John Kerry", printed
    for printed in ("Antony John Blinken", "Antony Blinken", "Antony J. Blinken"):
        assert find_official(printed).name == "Antony Blinken", printed
    assert find_official("Stephen E. Biegun").name == find_official("Stephen Biegun").name == "Stephen Biegun"
    # only in the converted list: found by the full name, whatever its middle names
    assert find_official("Caroline Kennedy").name == find_official("Caroline Bouvier Kennedy").name


def test_a_family_name_alone_of_the_converted_list_needs_the_post():
    # thousands of converted names: a capitalised word alone ("North", "King") is not read as one of
    # them, but an honorific or a title naming a post they held is enough
    assert find_official("North") is None and find_official("Stephens") is None
    assert find_official("Ambassador Stephens").name == "Doris Kathleen Stephens"
    assert find_official("Stephens", title="U.S. Ambassador to Korea").name == "Doris Kathleen Stephens"
    # namesakes in the converted list do not hide the official of the hand-made list
    assert find_official("Blinken").name == "Antony Blinken"
    # nor does a post pick one of several hand-made officials who bear the name
    assert find_official("Ambassador Kim") is None and find_official("Kim", title="U.S. Ambassador to Korea") is None


def test_tenures_to_the_day_where_the_source_gives_days():
    assert in_office_on("John Kerry", "Secretary of State", date(2017, 1, 26)) is False  # left on 20 January
    assert in_office_on("John Kerry", "Secretary of State", date(2017, 1, 20)) is True
    assert in_office_on("Kerry", "Secretary of State", date(2013, 1, 31)) is False  # sworn in on 1 February


def test_merge_keeps_the_hand_made_roles_and_the_more_precise_dates():
    biegun = find_official("Biegun")
    assert {o.role for o in biegun.offices} == {"special_representative_dprk", "deputy_secretary_of_state"}
    # start: POCOM's day; end: POCOM has none (the source lags), only its successor's start in 2025,
    # so the hand-made month stays
    assert tenure(biegun, "Deputy Secretary of State") == (date(2019, 12, 21), date(2021, 1, 31))
    # a successor's start inside the hand-made end month is the more precise end
    assert tenure(find_official("John Sullivan"), "Deputy Secretary of State")[1] == date(2019, 12, 21)


def test_posts_map_to_roles_and_an_ambassador_to_the_country_posted_to():
    assert title_role("Assistant Secretary of State for African Affairs") == "assistant_secretary_for_african_affairs"
    assert title_role("U.S. Permanent Representative to the United Nations") == "ambassador"
    sung_kim = find_official("Sung Kim")
    assert tenure(sung_kim, "U.S. Ambassador to Korea") == (date(2011, 11, 25), date(2014, 10, 24))
    assert tenure(sung_kim, "Ambassador to the Republic of Indonesia")[0] == date(2020, 8, 31)
    assert in_office_on("Nikki Haley", "U.S. Ambassador to the United Nations", date(2018, 6, 1)) is True


def test_a_yearless_date_is_read_in_the_year_both_tenures_cover_on_that_day():
    def year_of(text):
        (event,) = extract(CleanDocument(doc_id="t", source="t", text=text, title=None, publisher=None,
                                         published=None, reference_date=None, reference_inferred=True)).events
        return event.date, event.date_inferred
    sentence = "U.S. Ambassador to Japan Caroline Kennedy met with Deputy Secretary of State Antony Blinken in Tokyo on January {}."
    # Kennedy left Tokyo on 18 January 2017, Blinken the Department on 19 January: both served on 18
    # January 2017, not on the 19th, when the latest year both held their posts on that day is 2016
    assert year_of(sentence.format(18)) == ("2017-01-18", True)
    assert year_of(sentence.format(19)) == ("2016-01-19", True)


def test_the_conversion_script_reproduces_the_data_file(tmp_path):
    data = resources.files("readouts.data").joinpath("us_officials.json").read_text(encoding="utf-8")
    assert us_officials.convert(us_officials.SOURCE.read_bytes()) == data
    script = [sys.executable, str(REPO / "scripts" / "us_officials.py")]
    assert subprocess.run(script + ["--check"], capture_output=True).returncode == 0
    edited = tmp_path / "us_officials.json"
    edited.write_text(data.replace("2017-01-20", "2017-01-21", 1), encoding="utf-8")
    assert subprocess.run(script + ["--check", "--out", str(edited)], capture_output=True).returncode == 1


def test_the_officials_are_read_at_the_first_lookup_not_at_import():
    probe = ("import readouts.pipeline, readouts.kb as kb; before = kb.officials.cache_info().currsize; "
             "kb.find_official('Kerry'); print(before, kb.officials.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


def test_a_surname_is_the_bearer_whose_full_name_the_page_prints():
    page = page_names("Vice Minister CHO, Hyun-dong met Ambassador Philip Goldberg.")
    assert printed_bearer("Cho", page).name == "Cho Hyun-dong"  # not "Cho Hyun", a part of it
    assert printed_bearer("Goldberg", page_names("Remarks by Minister Kim.")) is None  # printed nowhere


def test_of_several_printed_bearers_the_one_holding_the_post_that_day():
    page = page_names("Cho Tae-yul and Cho Hyun met.")
    assert printed_bearer("Cho", page) is None  # two printed: no day, no post to choose by
    assert printed_bearer("Cho", page, "Foreign Minister", date(2024, 5, 3)).name == "Cho Tae-yul"
    assert printed_bearer("Cho", page, "Foreign Minister", date(2026, 1, 15)).name == "Cho Hyun"
    assert printed_bearer("Cho", page, "Vice Foreign Minister", date(2018, 3, 1)).name == "Cho Hyun"


def test_a_term_may_end_on_a_day():
    # a term ending at an inauguration ends that day, not at the end of its month
    assert in_office_on("John Kerry", "Secretary of State", date(2017, 1, 20)) is True
    assert in_office_on("John Kerry", "Secretary of State", date(2017, 1, 29)) is False
