"""Extraction work grows linearly with a page's length, on the kinds of long input that were once
quadratic (issue 12, item 5): a phrase repeated in one sentence, dates against "next week", many
officials, HTML with many links.

Work is counted, not timed (a test must not depend on how busy the machine is; the speed itself is
measured by `make bench-speed`): the number of Python function calls of one extraction, on one page
and on the same page four times as long. A linear step makes about 4 times as many calls, a
quadratic one about 16 times; the bound (8) sits between the two."""
from __future__ import annotations

import cProfile
import pstats
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


def calls(text: str) -> int:
    """Python function calls of one clean and extract of text (the lexicons already compiled)."""
    raw = RawDocument(doc_id="long", source="long", text=text, encoding="utf-8", sha256="-",
                      media_type="text/html" if looks_like_html(text) else "text/plain")
    profile = cProfile.Profile()
    profile.runcall(lambda: extract(clean(raw)))
    return pstats.Stats(profile).total_calls


@pytest.mark.slow
@pytest.mark.parametrize("make, n", [(counterparts, 200), (weekdays, 200), (officials, 400), (links, 3000)],
                         ids=["counterparts", "weekdays", "officials", "links"])
def test_work_grows_linearly(make: Callable[[int], str], n: int):
    calls(make(n // 4))  # the lexicons compiled, the caches filled
    short, long = calls(make(n)), calls(make(4 * n))
    assert long < 8 * short, f"{len(make(n))} chars: {short} calls, four times as long: {long} calls"
