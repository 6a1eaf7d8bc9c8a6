"""Property tests: no text makes a stage raise, and every extraction fits the schema."""
import json
from datetime import date
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts.clean import clean
from readouts.extract import extract
from readouts.extract.dates import find_dates
from readouts.types import RawDocument

SCHEMA = json.loads((Path(__file__).parent / "spec" / "document.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Text that looks like the genre often enough to reach deep code paths, and arbitrary text otherwise.
GENRE_WORDS = ["Foreign Minister", "Kim Gunn", "met with", "Secretary of State", "on December 11", "the 24th",
               "Wednesday", "(local time)", "U.S.", "ROK", "North Korea", "condemned", "agreed to", "in Seoul",
               "respectively", "Director-General", "23/07/2024", "\n\n", ", ", ". ", "1. ", "바로가기 메뉴", "\x00"]
genre_text = st.lists(st.one_of(st.sampled_from(GENRE_WORDS), st.text(max_size=20)), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), genre_text)


def raw(text: str) -> RawDocument:
    return RawDocument(doc_id="p", source="p.txt", text=text, encoding="utf-8", sha256="0" * 64)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_extract_never_raises_and_fits_the_schema(text):
    extraction = extract(clean(raw(text)))
    VALIDATOR.validate(extraction.to_dict())


@settings(max_examples=200, deadline=None)
@given(any_text, st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))),
       st.booleans())
def test_find_dates_never_raises_and_values_are_iso(text, reference, inferred):
    for mention in find_dates(text, reference, inferred):
        assert mention.value is None or len(mention.value) in (7, 10)
        assert 0 <= mention.start <= mention.end <= len(text)
