"""Step `reference`: a wire story dated by a yearless dateline alone is dated in the year the officials
it names held their offices, the lead's weekday choosing among several (field case
yearless-wire-dateline-min and its class)."""
from readouts.clean import clean
from readouts.extract import extract
from readouts.types import RawDocument


def extracted(*lines: str):
    return extract(clean(RawDocument(doc_id="t", source="t.txt", text="\n".join(lines), encoding="utf-8", sha256="0",
                                     media_type="text/plain")))


LEAD = ("Special Representative for Korean Peninsula Peace and Security Affairs Kim Gunn met with U.S. Deputy "
        "Special Representative for the DPRK Jung Pak on Monday.")


def test_a_yearless_wire_dateline_takes_the_year_its_officials_held_office():
    # Kim Gunn held his post 2022-06..2024-01: Dec. 11 of 2022 or 2023; Monday fits 2023 only
    out = extracted("Nuclear envoy meets U.S. deputy", f"SEOUL, Dec. 11 (Yonhap) -- {LEAD}")
    assert out.published == "2023-12-11"
    (event,) = out.events
    assert (event.date, event.date_inferred) == ("2023-12-11", True)


def test_the_weekday_of_the_lead_chooses_among_the_years_in_office():
    # Dec. 11, 2022 was a Sunday: a lead that says so dates the story in 2022, not in the latest year
    out = extracted("Nuclear envoy meets U.S. deputy", f"SEOUL, Dec. 11 (Yonhap) -- {LEAD.replace('Monday', 'Sunday')}")
    assert out.published == "2022-12-11" and out.events[0].date == "2022-12-11"
    # a weekday no year in office fits is the event's own, days before: two years in office, none told
    out = extracted("Nuclear envoy meets U.S. deputy", f"SEOUL, Dec. 11 (Yonhap) -- {LEAD.replace('Monday', 'Friday')}")
    assert out.published is None and out.events[0].date is None


def test_one_year_in_office_needs_no_weekday():
    # James Cleverly was Foreign Secretary from 2022-09 to 2023-11: Dec. 5 with Park Jin is 2022's
    out = extracted("FMs meet", "SEOUL, Dec. 5 (Yonhap) -- Foreign Minister Park Jin met British Foreign Secretary "
                    "James Cleverly in Seoul.")
    assert out.published == "2022-12-05"
    assert (out.events[0].date, out.events[0].date_inferred) == ("2022-12-05", True)


def test_no_official_known_leaves_the_year_unknown():
    out = extracted("Envoys meet", "SEOUL, Dec. 11 (Yonhap) -- Ambassador Hong Gil-dong met with Deputy Minister "
                    "Jane Roe on Monday.")
    assert out.published is None and out.events[0].date is None
