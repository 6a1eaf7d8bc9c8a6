"""The web UI driven in a real headless Chromium (Debian's chromium, driven by Playwright with
executable_path: no browser is downloaded): filter by actor, open an event, see the evidence
highlighted, open the actor page and the topics chart."""
import shutil

import pytest


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_filter_open_event_actor_and_topics(browser, server):
    page = browser.new_page()
    page.goto(server + "/")
    page.fill("input[name=actor]", "Kim Gunn")
    page.click("button[type=submit]")
    page.wait_for_url("**/?actor=Kim+Gunn**")
    rows = page.locator("table.timeline tbody tr")
    assert rows.count() == 5  # four seed events and one of the dev corpus
    assert all("Kim Gunn" in rows.nth(i).inner_text() for i in range(rows.count()))

    sources = int(rows.first.locator("td.sources").inner_text())
    rows.first.locator("td.sources a").click()
    page.wait_for_url("**/engagements/*")  # the engagement, every source side by side
    assert page.locator(".source-card").count() == sources >= 1
    assert "Kim Gunn" in page.locator(".participants").inner_text()
    page.locator(".source-card h3 a").first.click()
    page.wait_for_url("**/events/*")
    marked = page.locator(".source mark")
    assert marked.count() >= 1
    assert "Kim Gunn" in page.locator(".source").inner_text()
    assert page.locator(".source .evidence .fact").count() >= 1  # each fact beside its sentence
    plain = page.locator(".source .plain").first
    assert plain.is_visible()
    page.check("[data-evidence-only]")  # the page's script hides what is not evidence
    assert not plain.is_visible() and marked.first.is_visible()
    page.uncheck("[data-evidence-only]")

    page.locator(".participants a", has_text="Kim Gunn").click()
    page.wait_for_url("**/actors/*")
    assert "Special Representative" in page.locator("table.roles").inner_text()
    page.wait_for_selector("[data-chart=network][data-drawn]")
    assert "Jung Pak" in page.locator(".network svg").text_content()  # drawn by ECharts, labels and all

    page.go_back()
    page.locator("a", has_text="the page").click()
    page.wait_for_url("**/documents/*")
    assert page.locator(".events a").count() >= 1

    page.goto(server + "/topics")
    page.wait_for_selector("[data-chart=trends][data-drawn]")
    assert "sanctions" in page.locator(".chart svg").text_content()


def test_clearing_the_filters_and_the_json_twin(browser, server):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "/?type=phone_call")
    few = page.locator("table.timeline tbody tr").count()
    page.click("[data-clear-filters]")
    page.wait_for_url(lambda url: "phone_call" not in url)
    assert page.locator("table.timeline tbody tr").count() > few
    assert page.input_value("select[name=type]") == ""
    page.click("a.twin")
    assert '"items"' in page.locator("body").inner_text()
    assert errors == []  # no script or style blocked by the Content-Security-Policy


def months_db(path, months: int) -> str:
    """A database of one engagement a month on a topic for `months` months from 1985-01, every seventh
    month without one (an empty period the chart must show)."""
    from readouts.store import Store
    from readouts.types import CleanDocument, Event, Extraction, Participant, RawDocument, Span
    url = str(path)
    with Store.open(url) as store:
        for n in range(months):
            if n % 7 == 3:
                continue
            date = f"{1985 + n // 12}-{n % 12 + 1:02d}-15"
            text = f"Envoys met on {date} about sanctions."
            raw = RawDocument(doc_id=f"m{n}", source=f"m{n}.txt", text=text, encoding="utf-8", sha256=f"{n:064x}")
            event = Event(type="meeting", date=date, participants=[Participant("A B", "Envoy", None, "KOR"),
                                                                   Participant("C D", "Envoy", None, "USA")],
                          topics=["sanctions", "dialogue"] if n % 2 else ["sanctions"], evidence=[Span(0, 10, text[:10])])
            store.save(raw, CleanDocument(doc_id=raw.doc_id, source=raw.source, text=text),
                       Extraction(doc_id=raw.doc_id, is_relevant=True, events=[event]))
    return url


OVERLAPS = """() => {
    const boxes = [...document.querySelectorAll('[data-chart] svg text')].filter(t => t.textContent.trim())
        .map(t => t.getBoundingClientRect()).filter(b => b.width > 0);
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps++;
    }
    return [boxes.length, overlaps];
}"""


@pytest.mark.parametrize("months", [20, 500])
def test_the_topics_chart_is_legible_at_20_and_500_periods(browser, tmp_path, months):
    from conftest import running
    from readouts.api import create_app
    with running(create_app(months_db(tmp_path / "m.db", months))) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/topics?period=month")
        page.wait_for_selector("[data-chart=trends][data-drawn]")
        periods = page.evaluate("JSON.parse(document.getElementById('trends-data').textContent).periods")
        assert len(periods) == months and periods[3] == "1985-04"  # the empty month is on the axis
        labels, overlaps = page.evaluate(OVERLAPS)
        assert labels >= 4 and overlaps == 0  # axis labels thinned, none over another
        rows = page.locator("table.topic-totals tbody tr")
        assert rows.count() == 2 and rows.first.inner_text().split()[:2] == \
            ["sanctions", str(sum(n % 7 != 3 for n in range(months)))]


def test_the_timeline_lists_each_engagement_once_and_its_page_shows_every_source_side_by_side(browser, tmp_path,
                                                                                               corpus_dirs):
    """The clusters corpus (16 pages, 8 engagements of 3-4 pages each and their near misses): one row
    per engagement, its number of sources, and the engagement page with a card per source in a row."""
    from conftest import running
    from readouts.api import create_app
    from readouts.ingest import iter_input_files
    from readouts.pipeline import ingest_files
    from readouts.store import Store
    db = str(tmp_path / "clusters.db")
    with Store.open(db) as store:
        list(store.batches(ingest_files(store, iter_input_files([corpus_dirs["clusters"] / "raw"]))))
        engagements = store.list_engagements()
        reports = len(store.list_events())
    with running(create_app(db)) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + "/?actor=Blinken")
        rows = page.locator("table.timeline tbody tr")
        blinken = [e for e in engagements if any("Blinken" in p["name"] for p in e["participants"])]
        assert rows.count() == len(blinken) == 2  # the first call with Chung, the call with Park: no row per page
        counts = [int(rows.nth(i).locator("td.sources").inner_text()) for i in range(rows.count())]
        assert counts == [len(e["sources"]) for e in blinken] == [3, 3]
        page.goto(url + "/")
        assert page.locator("table.timeline tbody tr").count() == len(engagements) < reports
        assert page.locator("p.count").inner_text().startswith(f"{len(engagements)} engagement(s) match")
        page.goto(url + "/?actor=Blinken")
        page.locator("table.timeline tbody tr td.sources a").first.click()
        page.wait_for_url("**/engagements/*")
        cards = page.locator(".source-card")
        assert cards.count() == 3
        tops = {round(cards.nth(i).bounding_box()["y"]) for i in range(3)}
        assert len(tops) == 1  # side by side
