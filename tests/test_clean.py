"""Clean stage: furniture removed, datelines read, title and publisher found, on small pages."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readouts.clean import clean, read_dateline
from readouts.ingest import read_document
from readouts.types import RawDocument

PARAGRAPH = ("1. On the afternoon of December 11, Special Representative Kim Gunn met with U.S. Deputy "
             "Special Representative Jung Pak and shared their assessments of the situation.")
SECOND = "2. The two sides agreed to continue close coordination on North Korea's nuclear and missile programs."


def page(*lines: str, media_type: str = "text/plain") -> RawDocument:
    return RawDocument(doc_id="t", source="t.txt", text="\n".join(lines), encoding="utf-8", sha256="0",
                       media_type=media_type)


def cleaned(*lines: str):
    return clean(page(*lines))


# --- furniture ---------------------------------------------------------------------------------

@pytest.mark.parametrize("furniture", [
    ["바로가기 메뉴", "본문 바로가기", "주메뉴 바로가기", "검색창 열기", "Ministry News 상세보기", "KOR"],
    ["An official website of the United States government", "Official websites use .gov",
     "A .gov website belongs to an official government organization in the United States.",
     "Secure .gov websites use HTTPS",
     "A lock ( ) or https:// means you’ve safely connected to the .gov website. Share sensitive information only."],
    ["You are viewing ARCHIVED CONTENT released online from January 20, 2017 to January 20, 2021.",
     "Content in this archive site is NOT UPDATED, and links may not function.", "For current information, go to"],
    ["Skip navigation", "Close", "    • Link copied"],
    ["© The Asia Business Daily(www.asiae.co.kr). All rights reserved.", "Copyright 2021 Example News"],
    ["Photo : YONHAP News", "(Yonhap) (Yonhap)"],
    ["  1. HOME", "  2. Press", "  3. Ministry News", "Press Releases", "Ministry News"],
    ["hit", "1048", "  • Hit : 1432", "* unofficial translation"],
])
def test_furniture_lines_are_dropped(furniture):
    doc = cleaned(*furniture, PARAGRAPH, *furniture)
    assert doc.paragraphs == [PARAGRAPH]


def test_words_glued_by_a_lost_space_are_set_apart():
    # unseen kind glued-words (a MOFA page)
    doc = cleaned("1. First Vice Foreign Minister Choi Jong-kun had a telephone conversationwith Deputy Secretaryof State"
                  " Wendy Sherman of the US on January 18, and discussed the recent ballistic missilelaunches by North Korea.")
    assert doc.paragraphs == ["1. First Vice Foreign Minister Choi Jong-kun had a telephone conversation with Deputy"
                              " Secretary of State Wendy Sherman of the US on January 18, and discussed the recent"
                              " ballistic missile launches by North Korea."]


def test_a_run_of_letters_longer_than_two_words_is_not_cut(monkeypatch):
    # every cut of a run of n letters copies the run: a run of a million letters cut by cut is
    # quadratic, so a run longer than two glued words is left whole without asking the word model
    from readouts import clean as clean_module

    def no_model():
        raise AssertionError("the word model was consulted")
    monkeypatch.setattr(clean_module, "english_word_costs", no_model)
    run = "x" * (clean_module.GLUED_MAX_LETTERS + 1)
    assert clean_module.split_glued(run) == run


def test_names_words_and_addresses_are_not_split():
    line = ("Secretary Blinken met Sierra Leonean and Funakoshi envoys within the peacebuilding forum"
            " (www.heraldcorp.com, footerBuilt).")
    assert cleaned(line).paragraphs == [line]


def test_numbered_paragraphs_are_kept_each_as_a_paragraph():
    doc = cleaned("1. HOME", "2. Press", PARAGRAPH, SECOND, "o The two sides also discussed cyber threats.")
    assert doc.paragraphs == [PARAGRAPH, SECOND, "o The two sides also discussed cyber threats."]
    assert doc.text == "\n\n".join(doc.paragraphs)


def test_repeated_title_and_paragraphs_appear_once():
    title = "Foreign Minister Attends UN Security Council Ministerial Meeting"
    doc = cleaned(title, "Date : 2018-09-28 15:59:06", title, title, PARAGRAPH, PARAGRAPH)
    assert doc.title == title
    assert doc.paragraphs == [PARAGRAPH]


def test_whitespace_crlf_nul_and_zero_width_are_normalised():
    doc = clean(page("Date\r\n2017-11-23\r\n1. On\u200b  November 22,\u00a0the\x00 two   ministers met in Beijing and "
                     "agreed to work together.\r\n"))
    assert doc.paragraphs == ["1. On November 22, the two ministers met in Beijing and agreed to work together."]
    assert doc.published == "2017-11-23"


def test_photo_captions_above_the_body_are_dropped():
    doc = cleaned("July 14, 2023", "Three Ministers who have a talk after having a seat at a table",
                  "A group photo of three Ministers facing straight at a camera", PARAGRAPH)
    assert doc.title is None
    assert doc.paragraphs == [PARAGRAPH]


def test_pipe_caption_with_photo_credit_is_dropped():
    caption = ("Chun Young-hee, right, holds a meeting with Jung Pak in Washington, in this photo provided by the "
               "ministry, May 19. Yonhap |")
    doc = cleaned(caption, "Senior diplomats of the two countries held consultations on North Korea, the ministry said.")
    assert doc.paragraphs == ["Senior diplomats of the two countries held consultations on North Korea, the ministry said."]
    assert doc.published is None


# --- datelines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line,expected", [
    ("23/07/2024 | Press release | Archived content", "2024-07-23"),
    ("  • Date : 2018-09-28 15:59:06", "2018-09-28"),
    ("28 February 2017", "2017-02-28"),
    ("May 11, 2018", "2018-05-11"),
    ("Published : July 28, 2017 - 09:41", "2017-07-28"),
    ("Write: 2020-01-02 09:52:05Update: 2020-01-02 09:55:59", "2020-01-02"),
    ("10/29/2021", "2021-10-29"),
    ("Thursday, July 15, 2021 at 10:21 a.m. KST", "2021-07-15"),
    ("2024년 7월 23일", "2024-07-23"),
    # stamps: a few words of kind, office or source, then the date (field cases html-script-date,
    # html-list-items, dev2 doc_372f8e03c3e99b5b, unseen kind publication-stamp-variants)
    ("Readout · Office of the Spokesperson · March 18, 2024", "2024-03-18"),
    ("Media Note, Office of the Spokesperson, March 20, 2024", "2024-03-20"),
    ("Xinhua) 08:39, September 18, 2025", "2025-09-18"),
    ("By Choi Ha-eunPublished : Mar. 4, 2023 - 11:20", "2023-03-04"),
    # a time or a weekday before the date, fields after it (clusters doc_2bd73d0aa73a632c,
    # doc_f5c4340465108d3f, dev2 doc_4d609b083f393065)
    ("All News 23:43 May 25, 2022", "2022-05-25"),
    ("Muhammad Irfan 4 minutes ago Fri 12th February 2021 | 10:40 AM", "2021-02-12"),
    ("Bruxelles, 25/06/2015 - 00:00, UNIQUE ID: 150625_01", "2015-06-25"),
    # the issuer after the time; a dateline in brackets (batch2 doc_e65cce07d92a7361, batch4 doc_6bd0795d5ca36090)
    ("Wednesday, May 31, 2023, 3:00 p.m. Ministry of Foreign Affairs", "2023-05-31"),
    ("[May 27, 2015]", "2015-05-27"),
])
def test_dateline_families(line, expected):
    doc = cleaned(line, PARAGRAPH)
    assert doc.published == expected
    assert doc.reference_date == expected and doc.reference_inferred is False
    assert line.strip() not in doc.text


def test_date_label_on_its_own_line_then_the_date():
    assert cleaned("Date", "2017-11-23", "hit", "1048", PARAGRAPH).published == "2017-11-23"


@pytest.mark.parametrize("line", ["On July 14, 2023, the two ministers met.", "Updated: May 1, 2020",
                                  "2021.07.15 was the day of the meeting",
                                  "Remarks at a news conference following talks with Foreign Minister Chung Eui-yong,"
                                  " Seoul, March 25, 2021", "The two met at 10:00 March 3, 2024",
                                  "They met on Friday March 3, 2024", "Seoul, March 20, 2024, the ministers met there",
                                  "May 31, 2023, 3:00 p.m. The ministers met Kim Gunn", "[May 27, 2015, they met]"])
def test_sentences_and_revision_dates_are_not_datelines(line):
    assert read_dateline(line) is None


def test_ambiguous_numeric_date_is_month_first_when_page_evidence_says_so():
    doc = cleaned("08/07/2024 | Press release | Distributed by Public on 08/08/2024 03:21",
                  "1. The officials held a trilateral telephone consultation on August 7 on North Korea's nuclear issue.")
    assert doc.published == "2024-08-07"


def test_ambiguous_numeric_date_is_day_first_when_page_evidence_says_so():
    doc = cleaned("08/07/2024 | Press release",
                  "1. The two ministers met in Seoul on the afternoon of July 8 and discussed North Korea's missiles.")
    assert doc.published == "2024-07-08"


def test_part_above_twelve_decides_the_order_against_other_evidence():
    doc = cleaned("23/07/2024 | Press release", "1. They met on August 23 in Seoul and discussed North Korea's missiles.")
    assert doc.published == "2024-07-23"


def test_a_numeric_date_with_a_part_above_twelve_elsewhere_settles_the_order():
    # the body's named "August 7" points to month-first, the page's own 23/07/2024 to day-first
    doc = cleaned("08/07/2024 | Press release", "Reissued 23/07/2024",
                  "1. The officials held a trilateral telephone consultation on August 7 on North Korea's nuclear issue.")
    assert doc.published == "2024-07-08"


def test_ambiguous_dateline_follows_the_publishers_convention_else_stays_unresolved():
    assert cleaned("08/07/2024", "Office of the Spokesperson", "The Department of State is committed to processing "
                   "passport applications as expeditiously as possible.").published == "2024-08-07"
    doc = cleaned("08/07/2024 | Press release", PARAGRAPH)
    assert doc.published is None and doc.reference_date is None


def test_news_dateline_on_its_own_line_is_joined_to_its_lead():
    # field cases dateline-own-line-min, html-dateline-separate-tag(-year): a line or tag of its own
    doc = cleaned("Nuclear envoys hold talks in Jakarta", "JAKARTA, Sept. 6, 2023 (Yonhap)",
                  "-- The top nuclear envoys of South Korea and Japan held talks here Wednesday.")
    assert doc.published == "2023-09-06" and doc.publisher == "Yonhap News Agency"
    assert doc.paragraphs == ["JAKARTA, Sept. 6, 2023 (Yonhap) -- The top nuclear envoys of South Korea and Japan"
                              " held talks here Wednesday."]


def test_date_stamp_above_the_main_text_of_html_is_read():
    # field case html-cookie-banner: trafilatura keeps the article but drops its stamp
    html = ("<html><body><div class='cookie-banner'><p>We use some essential cookies to make this website work.</p>"
            "</div><main><h1>Foreign Secretary meets Korean Foreign Minister</h1><p>Press release</p>"
            "<p>Published 22 February 2024</p><p>Foreign Secretary David Cameron met Korean Foreign Minister Cho"
            " Tae-yul in Rio de Janeiro on the margins of the G20 Foreign Ministers' Meeting.</p>"
            "<p>They discussed the growing military cooperation between Russia and North Korea.</p></main>"
            "<aside><ul><li>Minister meets counterpart <span>Nov. 26, 2023</span></li></ul></aside></body></html>")
    assert clean(page(html, media_type="text/html")).published == "2024-02-22"


def test_dates_in_scripts_are_not_the_pages_date():
    # field case html-script-date-min: a program's cache date is no publication date
    html = ("<html><head><title>Secretary Blinken's Meeting with Foreign Minister Cho</title>"
            "<script>dataLayer.push({\"event\": \"pageview\", \"cacheDate\": \"2025-12-15T08:00:00Z\"});</script>"
            "</head><body><h1>Secretary Blinken's Meeting with Foreign Minister Cho</h1><p>Readout · March 18, 2024</p>"
            "<p>Secretary of State Antony J. Blinken met with Republic of Korea Foreign Minister Cho Tae-yul today"
            " in Seoul.</p></body></html>")
    doc = clean(page(html, media_type="text/html"))
    assert doc.published == "2024-03-18" and doc.reference_date == "2024-03-18"


def test_uk_government_pages_write_numeric_dates_day_first():
    # field case dmy-numeric-dateline-bare: nothing else on the page settles 04/03/2024
    doc = cleaned("British Embassy Seoul", "News story",
                  "UK and Republic of Korea hold vice-ministerial strategic dialogue", "04/03/2024",
                  "On Monday, Minister of State Anne-Marie Trevelyan met First Vice Foreign Minister Cho Tae-yul in London.")
    assert doc.publisher == "Foreign, Commonwealth & Development Office"
    assert doc.published == "2024-03-04" and doc.title == "UK and Republic of Korea hold vice-ministerial strategic dialogue"


@pytest.mark.parametrize("line", ["Monday, 04/03/2024", "Published: Monday 04/03/2024",
                                  "News story | Monday 04/03/2024"])
def test_a_dateline_weekday_settles_the_order_of_day_and_month(line):
    # field case dmy-numeric-dateline-bare without a known publisher: the weekday is the evidence
    doc = cleaned("Embassy Notes", "UK and Republic of Korea hold vice-ministerial strategic dialogue", line, PARAGRAPH)
    assert doc.published == "2024-03-04"
    assert cleaned("Embassy Notes", "UK and Republic of Korea hold a strategic dialogue", "Wednesday, 04/03/2024",
                   PARAGRAPH).published == "2024-04-03"


def test_an_embassy_masthead_is_the_publisher_as_printed():
    # field cases cp949-short-hangul, duplicate-headline-event: the page's government is then known
    doc = cleaned("Embassy of the Republic of Korea in Australia", "News",
                  "Ambassador Holds Talks with Australian Assistant Minister", "2024-05-08", PARAGRAPH)
    assert doc.publisher == "Embassy of the Republic of Korea in Australia"
    assert doc.title == "Ambassador Holds Talks with Australian Assistant Minister"


def test_eeas_pages_write_numeric_dates_day_first():
    # dev2 doc_9de680e8451f1834: nothing else on the page settles 06/08/2018
    doc = cleaned("European Union External Action", "Remarks by HR/VP Mogherini during her visit to the Republic of Korea",
                  "Seoul, 06/08/2018 - 11:13, UNIQUE ID: 180806_4", PARAGRAPH)
    assert doc.publisher == "European External Action Service (EEAS)" and doc.published == "2018-08-06"


def test_a_revision_date_is_the_pages_date_only_when_it_prints_no_other():
    # dev2 doc_a2abc70ef54ce716 prints only 'Updated: 3:34pm, 14 Sep, 2021' (ANNOTATION.md: the topmost date line)
    assert cleaned("Updated: 3:34pm, 14 Sep, 2021", PARAGRAPH).published == "2021-09-14"
    assert cleaned("Published : March 12, 2024", "Updated: May 1, 2024", PARAGRAPH).published == "2024-03-12"


def test_the_date_of_a_sites_clock_is_not_the_pages():
    # dev2 doc_ff44854a6bdff5cc: the embassy's header shows the day and two clocks
    doc = cleaned("26 October 2021", "Moscow: 23:58", "London: 21:58", "SPEECHES, INTERVIEWS, ARTICLES", "25.03.2021",
                  PARAGRAPH)
    assert doc.published == "2021-03-25"


def test_no_date_printed_means_no_publication_date():
    doc = cleaned("Press Releases", "Special Representative Meets with U.S. Deputy Special Representative (Dec. 11)",
                  PARAGRAPH)
    assert doc.published is None and doc.reference_date is None and doc.reference_inferred is True


# --- crawler prefix ----------------------------------------------------------------------------

def test_crawler_date_line_is_the_publication_date_when_the_page_prints_none():
    # ANNOTATION.md, published: "the topmost date line (` date 2024-03-30`, ...)"
    doc = clean(page(" date 2022-06-07 Submit Release",
                     "Deputy Secretary Sherman’s Meeting with Republic of Korea First Vice Foreign Minister Cho",
                     "Deputy Secretary of State Wendy Sherman met today with First Vice Foreign Minister Cho Hyundong."))
    assert doc.published == "2022-06-07"
    assert doc.reference_date == "2022-06-07" and doc.reference_inferred is False
    assert doc.title == "Deputy Secretary Sherman’s Meeting with Republic of Korea First Vice Foreign Minister Cho"
    assert "Submit Release" not in doc.text and "2022-06-07" not in doc.text


def test_crawler_prefix_text_is_the_title_when_it_is_a_headline():
    doc = cleaned(" date 2025-09-10 Secretary Rubio's Meeting With Republic Of Korea Foreign Minister Cho",
                  "Secretary of State Marco Rubio met today with Republic of Korea Foreign Minister Cho Hyun.")
    assert doc.title == "Secretary Rubio's Meeting With Republic Of Korea Foreign Minister Cho"
    assert doc.paragraphs == ["Secretary of State Marco Rubio met today with Republic of Korea Foreign Minister Cho Hyun."]


def test_printed_date_wins_over_crawler_date():
    doc = cleaned(" date 2019-12-10 Menu Content", "Top Nuke Envoys of S. Korea, US Discuss N. Korea",
                  "Write: 2020-01-02 09:52:05Update: 2020-01-02 09:55:59",
                  "Top nuclear envoys of South Korea and the U.S. discussed North Korea issues on the phone Wednesday.")
    assert doc.published == "2020-01-02" and doc.reference_inferred is False
    assert doc.title == "Top Nuke Envoys of S. Korea, US Discuss N. Korea"


def test_news_dateline_takes_its_year_from_the_crawler_date():
    doc = cleaned(" date 2021-07-15 U.S. Deputy Secretary Sherman to visit S. Korea next week",
                  "SEOUL, July 15 (Yonhap) -- U.S. Deputy Secretary of State Wendy Sherman will visit South Korea.")
    assert doc.published == "2021-07-15" and doc.reference_inferred is False
    assert doc.publisher == "Yonhap News Agency"
    assert doc.paragraphs[0].startswith("SEOUL, July 15 (Yonhap) --")


def test_news_dateline_without_any_year_gives_no_publication_date():
    doc = cleaned("SEOUL, July 15 (Yonhap) -- U.S. Deputy Secretary of State Wendy Sherman will visit South Korea.")
    assert doc.published is None
    assert doc.wire_day == "--07-15"  # its month and day, for extraction to find the year of


def test_a_wire_dateline_with_a_year_known_is_no_wire_day():
    assert cleaned("SEOUL, July 15, 2021 (Yonhap) -- Sherman will visit South Korea.").wire_day is None
    assert cleaned(" date 2021-07-15 Crawl", "SEOUL, July 15 (Yonhap) -- Sherman will visit South Korea.").wire_day is None


def test_news_dateline_far_from_the_crawler_date_is_not_given_its_year():
    doc = cleaned(" date 2021-03-01 Some crawl", "SEOUL, July 15 (Yonhap) -- Sherman will visit South Korea next week.")
    assert doc.published == "2021-03-01" and doc.reference_date == "2021-03-01"


def test_yearless_news_dateline_yields_to_the_crawler_date_line():
    # clusters doc_e812ae968b99d490: " date 2021-02-11" over "SEOUL, Feb 12 (Reuters)" is published 2021-02-11
    doc = cleaned(" date 2021-02-11 Some crawl", "SEOUL, Feb. 12 (Reuters) - Blinken spoke with Chung on Thursday.")
    assert doc.published == "2021-02-11"
    assert doc.reference_date == "2021-02-12"  # relative dates count from the wire's own dateline


def test_crawler_line_holding_the_lead_paragraph_keeps_it_as_body():
    lead = ("US Special Representative for the DPRK Sung Kim met with Seoul's chief nuclear envoy Kim Gunn in Seoul"
            " on Friday, the foreign ministry said.")
    doc = cleaned(" date 2022-10-07 " + lead, "The two envoys discussed the launch, the ministry added.")
    assert doc.published == "2022-10-07" and doc.title is None
    assert doc.paragraphs[0] == lead


def test_wire_dateline_not_the_republication_date_is_the_reference():
    doc = cleaned("S. Korea, China hold vice-ministerial strategic dialogue after four-year hiatus",
                  "Published : March 12, 2024 - 10:05   Updated : March 12, 2024 - 10:05",
                  "SEOUL, March 8 (Yonhap) -- Kim Hong-kyun held a strategic dialogue with Sun Weidong in Seoul on"
                  " Monday, the foreign ministry said Friday.")
    assert doc.published == "2024-03-12" and doc.reference_date == "2024-03-08"


# --- title and publisher -----------------------------------------------------------------------

def test_title_is_the_headline_after_menus_and_labels():
    doc = cleaned("바로가기 메뉴", "검색창 열기", "Press Releases",
                  "Special Representative Meets with U.S. Deputy Special Representative for the DPRK (Dec. 11)",
                  PARAGRAPH)
    assert doc.title == "Special Representative Meets with U.S. Deputy Special Representative for the DPRK (Dec. 11)"
    assert doc.publisher == "Ministry of Foreign Affairs of the Republic of Korea"
    assert doc.paragraphs == [PARAGRAPH]


def test_masthead_is_the_publisher_not_the_title():
    doc = cleaned("Ministry of Foreign Affairs of the Republic of Korea", "23/07/2024 | Press release",
                  "Director-General for Korean Peninsula Policy Meets with U.S. Deputy Special Representative", PARAGRAPH)
    assert doc.publisher == "Ministry of Foreign Affairs of the Republic of Korea"
    assert doc.title == "Director-General for Korean Peninsula Policy Meets with U.S. Deputy Special Representative"


def test_news_page_title_skips_foreign_script_line_and_byline():
    doc = cleaned("The Korea Herald", "소아쌤", "Top diplomats of S. Korea, US discuss N. Korea", "By Kim Min-joo",
                  "Published : July 28, 2017 - 09:41",
                  "The top diplomats of South Korea and the United States agreed Thursday to continue coordination.")
    assert doc.title == "Top diplomats of S. Korea, US discuss N. Korea"
    assert doc.publisher == "The Korea Herald"
    assert doc.paragraphs == ["The top diplomats of South Korea and the United States agreed Thursday to continue "
                              "coordination."]


@pytest.mark.parametrize("lines", [
    [PARAGRAPH, SECOND],  # starts straight with a paragraph
    ["Mike Pompeo", "Secretary of State", "Washington, DC", "May 11, 2018",
     "SECRETARY POMPEO: Good afternoon. It is my honor to welcome Foreign Minister Kang to Washington."],
    ["10/29/2021", "Office of the Spokesperson", "The Department of State is committed to processing passport "
                                                 "applications as expeditiously as possible."],
])
def test_pages_without_a_headline_have_no_title(lines):
    assert cleaned(*lines).title is None


def test_copyright_line_names_the_publisher():
    doc = cleaned("US Envoy Expects Cooperation with Korea on Dialogue", PARAGRAPH,
                  "© The Asia Business Daily(www.asiae.co.kr). All rights reserved.")
    assert doc.publisher == "The Asia Business Daily"


def test_government_banner_publisher_only_when_nothing_better():
    banner = "A .gov website belongs to an official government organization in the United States."
    assert cleaned(banner, PARAGRAPH).publisher == "U.S. Department of State"
    assert cleaned(banner, "The Korea Herald", PARAGRAPH).publisher == "The Korea Herald"


def test_printed_url_is_the_source_url():
    doc = cleaned("Source: https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=322330", PARAGRAPH)
    assert doc.source_url == "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=322330"
    assert doc.publisher == "Ministry of Foreign Affairs of the Republic of Korea"
    assert doc.paragraphs == [PARAGRAPH]


# --- language, HTML, degenerate input ----------------------------------------------------------

def test_korean_page_is_ko_and_keeps_its_korean_lines():
    body = "외교부 한반도평화교섭본부장은 12월 11일 미국 국무부 대북특별부대표와 협의를 가졌다."
    doc = cleaned("본문 바로가기", "한미 북핵 수석대표 협의 결과 발표", "Date : 2023.12.11", body)
    assert doc.language == "ko"
    assert doc.published == "2023-12-11"
    assert doc.title == "한미 북핵 수석대표 협의 결과 발표"
    assert doc.paragraphs == [body]


def test_english_page_with_korean_menus_is_en():
    assert cleaned("바로가기 메뉴", "본문 바로가기", "검색창 열기", PARAGRAPH).language == "en"


HTML = """<!DOCTYPE html><html><head><title>Foreign Ministers Meet in Seoul | The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2023-03-04T10:00:00+09:00">
<link rel="canonical" href="https://www.example.com/news/123"></head>
<body><nav><ul><li>Home</li><li>Politics</li></ul></nav>
<article><h1>Foreign Ministers Meet in Seoul</h1>
<p>The foreign ministers of South Korea and Japan met in Seoul on Saturday to discuss North Korea's missile
launches and ways to strengthen trilateral cooperation with the United States.</p>
<p>The two ministers agreed to continue close coordination on the North Korean nuclear issue, officials said.</p>
</article><footer>Copyright 2023 The Example Times. All rights reserved.</footer></body></html>"""


def test_html_page_main_text_and_metadata():
    doc = clean(page(HTML, media_type="text/html"))
    assert doc.title == "Foreign Ministers Meet in Seoul"
    assert doc.published == "2023-03-04" and doc.reference_inferred is False
    assert doc.publisher == "The Example Times"
    assert doc.source_url == "https://www.example.com/news/123"
    assert len(doc.paragraphs) == 2 and doc.paragraphs[1].startswith("The two ministers agreed")
    assert "Politics" not in doc.text and "Copyright" not in doc.text


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\x00\x00", "<html></html>", "Skip navigation\nClose"])
def test_empty_pages_give_empty_text(text):
    doc = clean(page(text, media_type="text/html" if text.startswith("<") else "text/plain"))
    assert doc.text == "" and doc.title is None and doc.published is None and doc.language == "en"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_never_raises(text):
    doc = clean(page(text))
    assert isinstance(doc.text, str)


# --- the shared corpora ------------------------------------------------------------------------

def corpus_pages() -> list:
    """(raw, gold) pairs of the seeds and dev corpora: the repository copy, else ../shared."""
    here = Path(__file__).parent / "corpus"
    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    pairs = []
    for name in ("seeds", "dev"):
        root = here / name if any((here / name / "raw").glob("*.txt")) else shared / name
        pairs += [(raw, root / "gold" / f"{raw.stem}.json") for raw in sorted((root / "raw").glob("*.txt"))]
    return pairs


@pytest.mark.parametrize("raw,gold", corpus_pages(), ids=lambda p: p.stem)
def test_corpus_published_and_title_match_gold(raw, gold):
    expected = json.loads(gold.read_text(encoding="utf-8"))
    doc = clean(read_document(raw))
    assert doc.published == expected["published"]
    assert doc.title == expected["title"]
    assert doc.text and "바로가기" not in doc.text and ".gov website" not in doc.text


def test_every_corpus_page_is_english_to_the_detector_too(corpus_file):
    from readouts.clean import detect_language

    doc = clean(read_document(corpus_file))
    assert doc.language == "en"
    assert detect_language(doc.text[:4000]) == "en"  # the model agrees with the plain-English shortcut


@pytest.mark.parametrize("text", [
    "Le ministre des Affaires étrangères a rencontré le secrétaire d'État américain à Séoul. Les deux parties ont"
    " discuté de la situation dans la péninsule coréenne.",
    "Der Außenminister traf sich in Seoul mit dem amerikanischen Außenminister. Die beiden Seiten erörterten die"
    " Lage auf der koreanischen Halbinsel.",
])
def test_latin_script_pages_in_other_languages_go_to_the_detector(text):
    assert cleaned(text).language in {"fr", "de"}


@pytest.mark.parametrize("line, value", [
    ("November 26, 2021 – Ottawa, Ontario – Global Affairs Canada", "2021-11-26"),
    ("March 3, 2024 - Canberra - Department of Foreign Affairs and Trade", "2024-03-03"),
    ("12 July 2023 — Wellington", "2023-07-12"),
])
def test_a_dateline_followed_by_its_place_and_issuer_is_read(line, value):
    found = read_dateline(line)
    assert found is not None and found.value == value


def test_a_sentence_that_opens_on_a_date_is_no_dateline():
    assert read_dateline("November 26, 2021 – the day the two ministers met in Ottawa to sign the new agreement on trade") is None


@pytest.mark.parametrize("line, publisher", [
    ("MOSCOW, March 2. /TASS/. Foreign Minister Sergey Lavrov met the ambassador of the DPRK on Tuesday.", "TASS"),
    ("Osaka (Jiji Press)—Foreign Minister Iwaya met his counterpart on Tuesday to discuss the matter.", "Jiji Press"),
    ("• Kyodo", "Kyodo News"),
    ("Source:Xinhua Published: 2019-11-22 19:44:04", "Xinhua News Agency"),
    ("Reuters 3 Dec 2021", "Reuters"),
])
def test_a_news_agency_credited_in_another_form_than_a_dateline_is_the_publisher(line, publisher):
    doc = cleaned(f"Ministers meet\n\n{line}\n\nThe two ministers met in Seoul on Tuesday and discussed the situation.")
    assert doc.publisher == publisher


def test_an_unknown_name_in_a_credit_form_is_no_publisher():
    doc = cleaned("Ministers meet\n\n• Summary\n\nThe two ministers met in Seoul on Tuesday and discussed the situation.")
    assert doc.publisher is None


def test_a_hard_wrapped_wire_story_is_joined_into_its_paragraphs():
    doc = cleaned("SEOUL, March 4 (Reuters) - Foreign Minister Cho Tae-yul held",
                  "talks with Japanese Foreign Minister Kamikawa Yoko on Monday,",
                  "the ministry said, as the two neighbours seek to improve ties",
                  "strained over wartime history.",
                  "The two ministers also discussed North Korea's missile launches",
                  "and agreed to keep in close touch, the ministry said.")
    assert doc.paragraphs[0].startswith("SEOUL, March 4 (Reuters) - Foreign Minister Cho Tae-yul held talks with Japanese")
    assert doc.paragraphs[0].endswith("strained over wartime history.")
    assert doc.paragraphs[1].startswith("The two ministers also discussed North Korea's missile launches and agreed")


def test_menus_and_lists_are_not_joined():
    lines = ["• Unlimited access to all of the reporting and analysis of the site",
             "• The daily update, an email newsletter with the news of the day",
             "• Searchable archive of all content, photo galleries and the rest",
             "• Contact the reporters with tips or requests for more of the news"]
    from readouts.clean import unwrapped
    assert unwrapped(lines) == lines
    assert unwrapped(["Home", "News", "Press releases", "Contact us"]) == ["Home", "News", "Press releases", "Contact us"]
