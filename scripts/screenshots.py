"""Screenshots of the web UI for the README (`make screenshots`): builds a database from the
examples and the development corpus, serves it on loopback, and saves the timeline and an event
page, the topics chart, an actor page, the statements, search results and the timeline on a
phone (390 px) as PNG with headless Chromium (Debian's chromium package, driven by Playwright)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("screenshots: Debian's chromium is needed (apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "r.db")
        readouts = [sys.executable, "-m", "readouts.cli"]
        subprocess.run(readouts + ["ingest", "-q", "examples", "tests/corpus/dev/raw", "--db", db], cwd=REPO, check=True)
        port = free_port()
        server = subprocess.Popen(readouts + ["serve", "--db", db, "--port", str(port)], cwd=REPO)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/api/events?limit=1", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "/?country=USA&country=KOR&role=envoy&since=2021")
                page.screenshot(path=str(OUT / "timeline.png"), full_page=True)
                page.goto(base + "/?actor=Kim+Gunn")
                page.locator("a.event-link").first.click()
                page.wait_for_url("**/events/*")
                page.screenshot(path=str(OUT / "event.png"), full_page=True)
                page.goto(base + "/topics?period=quarter")
                page.wait_for_selector("[data-chart=trends][data-drawn]")
                page.screenshot(path=str(OUT / "topics.png"), full_page=True)
                page.goto(base + "/?actor=Kim+Gunn")
                page.locator("table.timeline a[href^='/actors/']", has_text="Kim Gunn").first.click()
                page.wait_for_selector("[data-chart=network][data-drawn]")
                page.screenshot(path=str(OUT / "actor.png"), full_page=True)
                page.goto(base + "/statements?target=PRK")
                page.screenshot(path=str(OUT / "statements.png"))
                page.goto(base + "/search?q=Panel+of+Experts")
                page.screenshot(path=str(OUT / "search.png"))
                phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
                phone.goto(base + "/?country=USA&country=KOR")
                phone.screenshot(path=str(OUT / "phone.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"screenshots: {OUT / 'timeline.png'}, {OUT / 'event.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
