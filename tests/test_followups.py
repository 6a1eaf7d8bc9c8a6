"""Follow-ups: engagements agreed or announced for later, read from the page with their window, and
linked to the engagement a later page reports, incrementally and on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from click.testing import CliRunner

from readouts.cli import main
from readouts.extract import read
from readouts.resolve.followups import matches, status, window
from readouts.store import Store
from readouts.types import CleanDocument, Extraction, FollowUp, Location, Span
from test_reextract import use_stamp
from test_store import extraction, meeting, save, store, store_url  # noqa: F401 (fixtures)

PARK, BLINKEN = ("Park Jin", "Foreign Minister", "KOR"), ("Antony Blinken", "Secretary of State", "USA")


def followups_of(text: str, published: str = "2018-08-03"):
    clean = CleanDocument(doc_id="d", source="d.txt", text=text, published=published, reference_date=published,
                          reference_inferred=False)
    return read(clean).followups


def test_announcements_are_read_with_their_kind_window_and_place():
    (visit,) = followups_of("Foreign Minister Kang Kyung-wha will visit Tokyo on August 10 for talks.")
    assert (visit.type, visit.expected, visit.location.city, visit.location.country) == ("visit", "2018-08-10", "Tokyo", "JPN")
    assert visit.evidence.text.startswith("Foreign Minister Kang")
    (rounds,) = followups_of("The two sides agreed to hold the next round in Seoul next year.")
    assert (rounds.type, rounds.expected, rounds.location.city) == ("meeting", "2019", "Seoul")
    (call,) = followups_of("The ministers agreed to hold a phone call later this month.")
    assert (call.type, call.expected) == ("phone_call", "2018-08")
    # a year that was not printed and falls before the page is next year's: a plan is for later
    (symposium,) = followups_of("They agreed to counter crypto theft by holding a joint symposium on March 27 in New York.")
    assert (symposium.expected, symposium.location.city) == ("2019-03-27", "New York")
    assert followups_of("The two ministers met in Seoul on Friday.") == []
    assert followups_of("Yoon will host a welcome dinner for the delegations.") == []  # no engagement
    assert followups_of("Korean nationals with plans to visit foreign countries are advised to check the alerts.") == []


def test_the_window_and_the_status():
    assert window("2018-08-10", "2018-08-03") == ("2018-08-09", "2018-08-11")
    assert window("2019", "2018-08-03") == ("2018-12-31", "2020-01-01")
    assert window("2018-08", "2018-08-20") == ("2018-08-20", "2018-09-01")  # never before it was announced
    assert window(None, "2018-08-03") == ("2018-08-03", "2019-08-03")
    assert window(None, None) == (None, None)
    pending = {"engagement_id": None, "window_end": "2018-08-11"}
    assert status(pending, date(2018, 8, 11)) == "pending" and status(pending, date(2018, 8, 12)) == "overdue"
    assert status({**pending, "engagement_id": 3}, date(2020, 1, 1)) == "held"


def test_an_engagement_matches_with_its_people_kind_place_and_day():
    wanted = {"type": "visit", "window_start": "2018-08-09", "window_end": "2018-08-11", "country": "JPN",
              "people": {1, 2}}
    held = {"type": "meeting", "date": "2018-08-10", "country": "JPN", "people": {1, 2, 3}}
    assert matches(wanted, held)
    assert not matches(wanted, {**held, "people": {1, 3}})
    assert not matches(wanted, {**held, "type": "phone_call"})
    assert not matches(wanted, {**held, "country": "KOR"})
    assert not matches(wanted, {**held, "date": "2018-08-12"})
    assert not matches({**wanted, "people": set()}, held)


def announcing(doc_id: str, published: str, when: str | None, *people) -> Extraction:
    """A page reporting a meeting of these people that announces another, expected `when`."""
    ex = extraction(doc_id, meeting(published, *people))
    plan = FollowUp("meeting", when, Location("Seoul", "KOR"), [], Span(10, 30, "They agreed to meet."))
    return replace(ex, published=published, followups=[plan])


def test_a_later_report_links_the_follow_up_whichever_page_comes_first(store):
    save(store, "later", extraction("later", meeting("2024-09-10", PARK, BLINKEN)))
    save(store, "plan", announcing("plan", "2024-07-01", "2024-09", PARK, BLINKEN))
    save(store, "other", announcing("other", "2024-07-02", "2024-08", PARK, BLINKEN))  # not held in August
    (held,) = store.list_followups(date(2024, 12, 1), "held")
    (engagement,) = [e for e in store.list_engagements() if e["date"] == "2024-09-10"]
    assert (held["doc_id"], held["engagement_id"], held["held_on"]) == ("plan", engagement["id"], "2024-09-10")
    assert [f["doc_id"] for f in store.list_followups(date(2024, 12, 1), "overdue")] == ["other"]
    assert [f["doc_id"] for f in store.list_followups(date(2024, 8, 15), "pending")] == ["other"]


def test_a_follow_up_stays_linked_when_pages_are_read_again(store_url, monkeypatch):
    pages = [("plan", announcing("plan", "2024-07-01", "2024-09", PARK, BLINKEN)),
             ("later", extraction("later", meeting("2024-09-10", PARK, BLINKEN)))]
    use_stamp(monkeypatch, "old")
    with Store.open(store_url) as s:
        for doc_id, ex in pages:
            save(s, f"text {doc_id}", ex)
        before = [(f["id"] is not None, f["engagement_id"], f["status"]) for f in s.list_followups(date(2025, 1, 1))]
    use_stamp(monkeypatch, "new")
    with Store.open(store_url) as s:
        for doc_id, ex in pages:
            assert save(s, f"text {doc_id}", ex) == "updated"
        after = [(f["id"] is not None, f["engagement_id"], f["status"]) for f in s.list_followups(date(2025, 1, 1))]
    assert after == before and before[0][2] == "held"


def test_the_followups_command(tmp_path):
    db = str(tmp_path / "r.db")
    with Store.open(db) as s:
        save(s, "plan", announcing("plan", "2024-07-01", "2024-09", PARK, BLINKEN))
    runner = CliRunner()
    pending = runner.invoke(main, ["followups", "--db", db, "--status", "pending", "--as-of", "2024-08-01"])
    assert pending.exit_code == 0 and "pending  meeting    2024-09" in pending.output
    overdue = runner.invoke(main, ["followups", "--db", db, "--as-of", "2025-01-01", "--format", "json"])
    assert [f["status"] for f in json.loads(overdue.stdout)] == ["overdue"]
    assert "1 follow-up(s) as of 2025-01-01" in overdue.stderr  # the count beside the JSON, not in it
    held = runner.invoke(main, ["followups", "--db", db, "--status", "held", "--as-of", "2024-08-01"])
    assert held.output == "0 follow-up(s) held as of 2024-08-01\n"
