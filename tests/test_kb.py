from datetime import date

from readouts.kb import (candidate_years, find_official, office_country, official_country, organization_of,
                         tenure, title_role)


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
    assert tenure(blinken, "Secretary of State") == (date(2021, 1, 1), date(2025, 1, 31))
    assert tenure(blinken) == (date(2015, 1, 1), date(2025, 1, 31))
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
