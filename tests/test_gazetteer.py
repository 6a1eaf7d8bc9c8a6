from readouts.gazetteer import country_code, country_name, find_countries, find_places, place_country


def codes(text: str, metonyms: bool = False) -> list[str]:
    return [m.code for m in find_countries(text, metonyms=metonyms)]


def test_trilateral_hyphenated_names_yield_three_countries():
    assert codes("the ROK-U.S.-Japan trilateral consultation") == ["KOR", "USA", "JPN"]


def test_north_korean_is_not_korean():
    assert codes("North Korean missiles worried South Korean and Korean officials") == ["PRK", "KOR", "KOR"]


def test_korean_peninsula_and_inter_korean_name_no_country():
    assert codes("peace on the Korean Peninsula and inter-Korean relations") == []


def test_longest_form_wins_and_spans_are_exact():
    text = "the Democratic People's Republic of Korea and the Republic of Korea"
    found = find_countries(text)
    assert [m.code for m in found] == ["PRK", "KOR"]
    assert text[found[0].start:found[0].end] == "Democratic People's Republic of Korea"


def test_curly_apostrophe_form_matches():
    assert codes("the Democratic People’s Republic of Korea") == ["PRK"]


def test_acronyms_are_case_sensitive():
    assert codes("he told us about it") == []
    assert codes("the US and the UN and the EU") == ["USA", "UN", "EU"]


def test_the_north_as_prk_but_not_in_longer_names():
    assert codes("urged the North to return to dialogue") == ["PRK"]
    assert codes("the North Atlantic Treaty") == []


def test_metonyms_only_on_request():
    text = "Pyongyang rejected the offer from Washington"
    assert codes(text) == []
    assert codes(text, metonyms=True) == ["PRK", "USA"]


def test_country_code_of_whole_strings():
    assert country_code("U.S.") == "USA"
    assert country_code("Japanese") == "JPN"
    assert country_code(" European Union ") == "EU"
    assert country_code("Korean Peninsula") is None
    assert country_code("Japan and China") is None


def test_country_name():
    assert country_name("KOR") == "South Korea"
    assert country_name("XXX") is None


def test_washington_dc_keeps_surface_but_canonical_city():
    [place] = find_places("They met in Washington, D.C. on Monday.")
    assert (place.city, place.country, place.surface) == ("Washington", "USA", "Washington, D.C.")


def test_district_form_reads_as_city():
    [place] = find_places("held at the Lotte Hotel in Jung-gu, Seoul")
    assert place.city == "Seoul" and place.surface == "Jung-gu, Seoul"


def test_venue_maps_to_its_city():
    [place] = find_places("the meeting at Lancaster House")
    assert (place.city, place.country) == ("London", "GBR")


def test_all_place_mentions_are_returned_in_order():
    places = find_places("Washington's policy was discussed in Geneva and Busan")
    assert [p.city for p in places] == ["Washington", "Geneva", "Busan"]


def test_place_country():
    assert place_country("Davos") == "CHE"
    assert place_country("Panmunjom") == "KOR"
    assert place_country("Atlantis") is None
