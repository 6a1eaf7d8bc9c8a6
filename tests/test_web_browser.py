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

    page.locator("a.event-link").first.click()
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
