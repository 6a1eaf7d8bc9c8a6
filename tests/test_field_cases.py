"""Field cases (tests/cases/, see its README.md): each page read end to end must give what its
expected file says; an expected event is matched to the extracted event it fits best."""
import json
import sys
from pathlib import Path

import pytest

from readouts.pipeline import extract_file, extraction_json

CASES = Path(__file__).parent / "cases"
SLUGS = sorted(p.name.removesuffix(".expected.json") for p in CASES.glob("*.expected.json"))


def _event_misses(expected: dict, event: dict) -> list[str]:
    """What the extracted event gets wrong of the expected one."""
    people = {p["name"]: p for p in event["participants"]}
    location = event["location"] or {}
    misses = [f"{key} {event[key]!r}" for key in ("date", "type") if key in expected and event[key] != expected[key]]
    misses += [f"no {name}" for name in expected.get("participants", []) if name not in people]
    misses += [f"{name}'s country {people[name]['country']!r}" for name, code in expected.get("countries", {}).items()
               if name in people and people[name]["country"] != code]
    misses += [f"city {location.get('city')!r}" for city in [expected.get("location_city")]
               if city and location.get("city") != city]
    return misses


def _misses(slug: str) -> list[str]:
    source = next(CASES / f"{slug}{ext}" for ext in (".txt", ".html") if (CASES / f"{slug}{ext}").exists())
    expected = json.loads((CASES / f"{slug}.expected.json").read_text("utf-8"))
    doc = json.loads(extraction_json(extract_file(source)))
    misses = [f"published {doc['published']!r}" for key in ["published"] if key in expected
              and doc[key] != expected[key]]
    if "title_contains" in expected and expected["title_contains"] not in (doc["title"] or ""):
        misses.append(f"title {doc['title']!r}")
    events = doc["events"]
    if "event_count" in expected and len(events) != expected["event_count"]:
        misses.append(f"{len(events)} events")
    for n, wanted in enumerate(expected.get("events", [])):
        best = min((_event_misses(wanted, event) for event in events), key=len, default=["no event"])
        misses += [f"event {n}: {miss}" for miss in best]
    misses += [f"event on {day}" for day in expected.get("absent_dates", []) if day in {e["date"] for e in events}]
    return misses


@pytest.mark.parametrize("slug", SLUGS)
def test_field_case(slug):
    assert _misses(slug) == []


def test_a_case_read_wrong_is_a_miss(tmp_path, monkeypatch):
    (tmp_path / "x.txt").write_text((CASES / "list-items-min.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "x.expected.json").write_text(json.dumps({"published": "2024-03-21", "event_count": 3, "events": [
        {"participants": ["Kang In-sun", "Nobody"]}]}), "utf-8")
    monkeypatch.setattr(sys.modules[__name__], "CASES", tmp_path)
    assert _misses("x") == ["published '2024-03-20'", "2 events", "event 0: no Nobody"]
