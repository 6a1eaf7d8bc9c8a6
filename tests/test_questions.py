"""The five questions an analyst asked (issue 16), answered on the bundled examples and the dev corpus
by the documented commands and by the web UI in a real headless Chromium (Debian's chromium, driven
by Playwright: no browser is downloaded):

1. every ROK-U.S. envoy meeting since 2021;  2. who Kim Gunn's counterparts were;
3. when talk of Russia-DPRK cooperation (arms transfers) rose;  4. what was agreed, and where;
5. the data in pandas, R or Excel (tidy tables, CSV with a byte-order mark)."""
import csv
import io
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import ingest_files

from readouts.cli import main
from readouts.ingest import iter_input_files
from readouts.store import Store
from test_web_browser import CHROMIUM, CHROMIUM_ARGS

ENVOY_MEETINGS = {"2024-07-22": {"Lee Jun-il", "Seth Bailey"}, "2023-12-11": {"Kim Gunn", "Jung Pak"}}


@pytest.fixture(scope="module")
def db(tmp_path_factory, repo_root, corpus_dirs) -> str:
    """The examples and the dev corpus, as the server fixture has them."""
    url = str(tmp_path_factory.mktemp("questions") / "r.db")
    with Store.open(url) as store:
        list(store.batches(ingest_files(store, iter_input_files([repo_root / "examples", corpus_dirs["dev"] / "raw"]))))
    return url


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


# --- the commands ---------------------------------------------------------------------------------

def test_envoy_meetings_since_2021_by_command(db):
    out = run("events", "--db", db, "--country", "USA", "--country", "KOR", "--role", "envoy", "--type", "meeting",
              "--since", "2021", "--format", "jsonl")
    events = [__import__("json").loads(line) for line in out.splitlines()]
    assert {e["date"]: {p["name"] for p in e["participants"]} for e in events} == ENVOY_MEETINGS
    assert [e["date"] for e in events] == sorted(ENVOY_MEETINGS, reverse=True)  # newest first


def test_counterparts_of_kim_gunn_by_command(db):
    out = run("actors", "Kim Gunn", "--db", db)
    for name in ("Jung Pak", "Niclas Kvarnström", "Enrique Mora Benavente"):
        assert f"met {name}" in out


def test_when_russia_dprk_cooperation_rose_by_command(db):
    out = run("trends", "--db", db, "--topic", "Russia_DPRK_Cooperation", "--period", "quarter").splitlines()
    rows = {line.split()[0]: int(line.split()[1]) for line in out[1:]}
    assert rows["2024-Q3"] == 2 and rows["2024-Q1"] == 1 and rows["2019-Q2"] == 0  # every quarter, empty ones too
    assert max(rows, key=rows.get) == "2024-Q3"


def test_what_was_agreed_by_command(db):
    out = run("statements", "--db", db, "--action", "agree", "--target", "PRK")
    assert "AGREE" in out and "PRK" in out and "events" in out


def test_the_data_for_pandas_r_and_excel_by_command(db, tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--db", db, "--country", "KOR"])
    assert result.exit_code == 0
    raw = (tmp_path / "participants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {"engagement_id", "actor_id", "actor", "title", "country", "date_precision"} <= set(rows[0])
    assert any(r["actor"] == "Niclas Kvarnström" for r in rows)


# --- the web UI -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser, **options):
    page = browser.new_page(**options)
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def timeline_rows(page) -> list[str]:
    rows = page.locator("table.timeline tbody tr")
    return [rows.nth(i).inner_text() for i in range(rows.count())]


def test_envoy_meetings_since_2021_in_the_browser(browser, server):
    page = new_page(browser)
    page.goto(server + "/")
    page.fill("input[name=country] >> nth=0", "USA")
    page.click("button[type=submit]")
    page.wait_for_url("**country=USA**")
    page.fill("input[name=country] >> nth=1", "kor")  # a second country: both take part
    page.fill("input[name=role]", "envoy")
    page.select_option("select[name=type]", "meeting")
    page.fill("input[name=since]", "2021")
    page.click("button[type=submit]")
    page.wait_for_url("**role=envoy**")
    rows = timeline_rows(page)
    assert [r.split()[0].rstrip("~") for r in rows] == list(ENVOY_MEETINGS)
    assert all(name in rows[i] for i, names in enumerate(ENVOY_MEETINGS.values()) for name in names)
    assert page.locator("p.count").inner_text().startswith("2 engagement(s) match")
    page.locator(".facet[data-facet=year] a", has_text="2024").click()  # a facet narrows the list
    page.wait_for_url("**until=2024**")
    assert len(timeline_rows(page)) == 1
    assert page.errors == []


def test_counterparts_of_kim_gunn_in_the_browser(browser, server):
    page = new_page(browser)
    page.goto(server + "/")
    page.fill("input[name=actor]", "Kim Gunn")
    page.click("button[type=submit]")
    page.locator("table.timeline a[href^='/actors/']", has_text="Kim Gunn").first.click()
    page.wait_for_selector("[data-chart=network][data-drawn]")
    counterparts = page.locator("ol.counterparts").inner_text()
    assert "Jung Pak" in counterparts and "Niclas Kvarnström" in counterparts
    drawn = page.locator(".network svg").text_content()
    assert "Jung Pak" in drawn and "Kim Gunn" in drawn
    page.locator("ol.counterparts li", has_text="Jung Pak").locator("a", has_text="together").click()
    page.wait_for_url("**Jung*Pak**")
    rows = timeline_rows(page)
    assert len(rows) == 1 and "Kim Gunn" in rows[0] and "Jung Pak" in rows[0]
    assert page.errors == []


def test_when_russia_dprk_cooperation_rose_in_the_browser(browser, server):
    page = new_page(browser)
    page.goto(server + "/topics?period=quarter")
    page.wait_for_selector("[data-chart=trends][data-drawn]")
    periods = page.evaluate("JSON.parse(document.getElementById('trends-data').textContent).periods")
    assert periods[0] == "2017-Q1" and "2019-Q2" in periods and len(periods) == len(set(periods))  # a continuous axis
    # click the cell of the topic in 2024-Q3, where the chart draws it
    x, y = page.evaluate("""() => {
        const el = document.querySelector('[data-chart=trends]');
        const data = JSON.parse(document.getElementById('trends-data').textContent);
        const topics = data.topics.slice().reverse();
        const [x, y] = echarts.getInstanceByDom(el).convertToPixel({seriesIndex: 0},
            [data.periods.indexOf('2024-Q3'), topics.indexOf('russia_dprk_cooperation')]);
        const box = el.getBoundingClientRect();
        return [box.left + x, box.top + y];
    }""")
    page.mouse.click(x, y)
    page.wait_for_url("**topic=russia_dprk_cooperation**")
    assert "since=2024-07" in page.url and "until=2024-09" in page.url
    rows = timeline_rows(page)
    assert len(rows) == 2 and all("russia_dprk_cooperation" in r for r in rows)
    assert page.errors == []


def test_what_was_agreed_in_the_browser(browser, server):
    page = new_page(browser)
    page.goto(server + "/statements")
    page.locator(".facet[data-facet=action] a", has_text="AGREE").click()
    page.wait_for_url("**action=AGREE**")
    rows = page.locator("table.statements-table tbody tr")
    assert rows.count() >= 3 and all("AGREE" in rows.nth(i).inner_text() for i in range(rows.count()))
    rows.first.locator("a", has_text="engagement").first.click()  # the engagement it was said at
    page.wait_for_url("**/events/*")
    assert "AGREE" in page.locator("table.event-statements").inner_text()
    assert page.errors == []


def test_the_data_for_excel_in_the_browser(browser, server):
    page = new_page(browser)
    page.goto(server + "/?country=KOR&country=EU")
    link = page.locator(".downloads a", has_text="participants")
    with urllib.request.urlopen(server + link.get_attribute("href")) as answer:
        body = answer.read()
    assert body.startswith(b"\xef\xbb\xbf") and "Kvarnström".encode() in body
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r["country"] for r in rows} >= {"KOR", "EU"}
    assert page.errors == []


def test_pages_at_390_px_fit_the_screen(browser, server):
    page = new_page(browser, viewport={"width": 390, "height": 844})
    for path in ("/?country=USA&country=KOR", "/statements", "/topics", "/search?q=sanctions"):
        page.goto(server + path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, path
    assert page.errors == []


def test_search_results_show_snippets_and_errors_are_pages(browser, server):
    page = new_page(browser)
    page.goto(server + "/")
    page.fill("header input[name=q]", "Panel of Experts")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=**")
    assert page.locator(".hits li").count() == 1
    assert page.locator(".snippet mark").first.inner_text().lower() in {"panel of experts", "panel", "experts", "of"}
    page.goto(server + "/?topic=russia")
    assert "russia_dprk_cooperation" in page.locator(".error").inner_text()
    assert page.locator("form.filters").count() == 1
