"""Extraction time grows linearly with a page's length, on the kinds of long input that were once
quadratic (issue 12, item 5): a phrase repeated in one sentence, dates against "next week", many
officials, HTML with many links.

Time is measured on one page and on the same page four times as long, in this process, best of
three: a linear step takes about 4 times as long, a quadratic one about 16 times. The bound (8) sits
between the two so that a noisy machine does not fail a linear step."""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from readouts.clean import clean
from readouts.extract import extract
from readouts.ingest import looks_like_html
from readouts.types import RawDocument

HEAD = "Ministry of Foreign Affairs\n\nDecember 11, 2023\n\n"


def counterparts(n: int) -> str:
    return HEAD + "Foreign Minister Park Jin met his Japanese counterpart Yoko Kamikawa and his Chinese counterpart " * n


def weekdays(n: int) -> str:
    return HEAD + "They will meet on Monday next week and on Tuesday next week " * n


def officials(n: int) -> str:
    return HEAD + "".join(f"Foreign Minister Kim Min-{i} met Deputy Secretary John Smith{i} in Seoul. " for i in range(n))


def links(n: int) -> str:
    return ("<html><head><title>Talks</title></head><body><p>Foreign Minister Park Jin met Secretary of State "
            "Antony Blinken on May 2, 2023.</p>" + "".join(f'<a href="/n/{i}">Related article {i}</a>\n' for i in range(n))
            + "</body></html>")


def seconds(text: str) -> float:
    raw = RawDocument(doc_id="long", source="long", text=text, encoding="utf-8", sha256="-",
                      media_type="text/html" if looks_like_html(text) else "text/plain")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract(clean(raw))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("make, n", [(counterparts, 200), (weekdays, 200), (officials, 400), (links, 3000)],
                         ids=["counterparts", "weekdays", "officials", "links"])
def test_time_grows_linearly(make: Callable[[int], str], n: int):
    seconds(make(n // 4))  # the lexicons compiled, the caches warm
    short, long = seconds(make(n)), seconds(make(4 * n))
    assert long < 8 * max(short, 0.005), f"{len(make(n))} chars: {short:.3f} s, four times as long: {long:.3f} s"
