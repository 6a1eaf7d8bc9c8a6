"""The sentence splitter: abbreviations inside hyphenated compounds and before names do not end a
sentence, offsets slice the paragraph exactly, and no name or title of the gold corpora is split."""
from __future__ import annotations

import json

import pytest

from readouts.clean import clean
from readouts.extract.text import paragraph_spans, sentence_bounds, split_sentences
from readouts.ingest import read_document


@pytest.mark.parametrize("paragraph, expected", [
    ("They agreed to hold the next ROK-U.S. Foreign Ministers' meeting soon. It will be in Seoul.",
     ["They agreed to hold the next ROK-U.S. Foreign Ministers' meeting soon.", "It will be in Seoul."]),
    ("The U.S.-ROK-Japan trilateral met. Then the U.S. Deputy Secretary spoke.",
     ["The U.S.-ROK-Japan trilateral met.", "Then the U.S. Deputy Secretary spoke."]),
    ("Amb. Kim Gunn met Dr. Lee at Building No. 2 on Dec. 11.", ["Amb. Kim Gunn met Dr. Lee at Building No. 2 on Dec. 11."]),
    ("He returned to the U.S. The minister stayed.", ["He returned to the U.S.", "The minister stayed."]),
    ("1. On the afternoon of May 2, they met. They spoke.", ["On the afternoon of May 2, they met.", "They spoke."]),
    # a page that lost the space after a sentence; an abbreviation or a domain name stays whole
    ("Kim was appointed last week.The ministry said so.", ["Kim was appointed last week.", "The ministry said so."]),
    ("He returned to the U.S.The minister stayed at yonhap.co.kr.", ["He returned to the U.S.The minister stayed at yonhap.co.kr."]),
])
def test_split(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_bounds_slice_the_paragraph_and_do_not_overlap():
    paragraph = "1.  Kim met  Pak in the U.S.  They spoke. "
    bounds = sentence_bounds(paragraph)
    assert [paragraph[a:b] for a, b in bounds] == ["Kim met  Pak in the U.S.", "They spoke."]
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(bounds, bounds[1:]))


def test_paragraph_spans_keep_offsets():
    text = "First one.\n\nSecond, two.\n\n\n\nThird."
    assert [(s.text, text[s.start:s.end]) for s in paragraph_spans(text)] == [
        ("First one.", "First one."), ("Second, two.", "Second, two."), ("Third.", "Third.")]


def _printed_names_and_titles(gold: dict) -> set[str]:
    return {value for event in gold["events"] for p in event["participants"]
            for value in (p.get("name"), p.get("title")) if value}


def test_no_name_or_title_of_the_gold_is_split(corpus_file, corpus_dirs):
    """Every gold participant's name and title printed within a paragraph of the page stands inside
    one of its sentences: a sentence boundary never falls inside a title or a name."""
    gold = json.loads((corpus_file.parent.parent / "gold" / f"{corpus_file.stem}.json").read_text("utf-8"))
    doc = clean(read_document(corpus_file))
    for paragraph in paragraph_spans(doc.text):
        bounds = sentence_bounds(paragraph.text)
        for value in _printed_names_and_titles(gold):
            at = paragraph.text.find(value)
            while at >= 0:
                end = at + len(value)
                assert any(a <= at and end <= b for a, b in bounds), (value, paragraph.text[max(0, at - 60):end + 60])
                at = paragraph.text.find(value, at + 1)


def test_list_items_know_the_paragraph_that_introduces_their_list():
    from readouts.extract.text import list_leads
    # field cases list-items-min, html-list-items: items marked "- " after a lead-in ending with a colon
    paragraphs = ["Intro.", "During the visit, the Deputy Secretary:", "- Met with A.", "- Met with B.",
                  "Later prose. More prose.", "- A mark after prose is no item."]
    assert list_leads(paragraphs, [1, 1, 1, 1, 2, 1]) == {2: 1, 3: 1}
    # unmarked items run while each is one sentence; a marked list ends at an unmarked paragraph
    assert list_leads(["He:", "Met A.", "Met B.", "Two. Sentences.", "Met C."], [1, 1, 1, 2, 1]) == {1: 0, 2: 0}
    assert list_leads(["He:", "1. Met A.", "Met B."], [1, 1, 1]) == {1: 0}
