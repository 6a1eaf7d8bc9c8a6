"""Lexicon hygiene: every entry of data/actions.json and data/topics.json says where it comes from (a
CAMEO code the crosswalk maps to its action, the annotation guide's wording, or at least two corpus
pages it matches whose gold holds its action or topic), so that no entry reads one page's wording."""
import json
import re
from importlib import resources
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
DATA = resources.files("readouts.data")


def _pages() -> dict[str, tuple[str, dict]]:
    return {raw.stem: (raw.read_text("utf-8"), json.loads((raw.parent.parent / "gold" / f"{raw.stem}.json").read_text()))
            for raw in CORPUS.glob("*/raw/*.txt")}


PAGES = _pages()
ACTIONS = json.loads(DATA.joinpath("actions.json").read_text("utf-8"))
TOPICS = json.loads(DATA.joinpath("topics.json").read_text("utf-8"))["topics"]


def _check_source(source: dict, matches, holds) -> None:
    """A source names at least one origin; a corpus origin is two or more pages that the entry
    matches (matches(text)) and whose gold holds what the entry signals (holds(gold))."""
    assert source and set(source) <= {"cameo", "spec", "corpus"}, source
    assert "spec" not in source or source["spec"].strip(), source
    pages = source.get("corpus", [])
    assert not pages or len(set(pages)) >= 2, f"one page is no source: {pages}"
    for page in pages:
        text, gold = PAGES[page]
        assert matches(text) and holds(gold), page


@pytest.mark.parametrize("entry", ACTIONS["actions"], ids=lambda e: e["pattern"][:40])
def test_every_action_says_where_it_comes_from(entry):
    pattern = re.compile(entry["pattern"], re.I)
    crosswalk = ACTIONS["crosswalk"]
    for code in entry["source"].get("cameo", []):
        assert crosswalk[code] == entry["action"], code  # the CAMEO code's PLOVER type is the action
    _check_source(entry["source"], pattern.search,
                  lambda gold: entry["action"] is None or entry["action"] in {s["action"] for s in gold["statements"]})


@pytest.mark.parametrize("topic,entry", [(t, e) for t, lex in TOPICS.items() for e in lex["patterns"] + lex.get("unless", [])],
                         ids=lambda v: v if isinstance(v, str) else v["pattern"][:40])
def test_every_topic_phrase_says_where_it_comes_from(topic, entry):
    pattern = re.compile(r"(?<![\w-])(?:" + entry["pattern"] + r")(?![\w-])", re.I)
    unless = entry in TOPICS[topic].get("unless", [])
    _check_source(entry["source"], pattern.search,
                  lambda gold: unless or topic in {t for e in gold["events"] for t in e["topics"]})


def test_a_corpus_source_of_one_page_is_refused():
    with pytest.raises(AssertionError):
        _check_source({"corpus": ["only-page"]}, lambda text: True, lambda gold: True)


SHARED_SILENCERS = [e for entries in json.loads(DATA.joinpath("topics.json").read_text("utf-8"))["silenced_by"].values()
                    for e in entries]


@pytest.mark.parametrize("topic,entry", [(t, e) for t, lex in TOPICS.items() for e in lex.get("silenced_by", [])]
                         + [(None, e) for e in SHARED_SILENCERS], ids=lambda v: v if isinstance(v, str) else str(v)[:40])
def test_every_silencer_says_where_it_comes_from(topic, entry):
    # a silencer ends where a topic's phrase begins: on a corpus page it is followed by one
    from readouts.extract.topics import lexicon
    bodies = [lexicon().bodies[topic]] if topic else list(lexicon().bodies.values())
    followed = re.compile(entry["pattern"].removesuffix("$") + "(?:" + "|".join(bodies) + ")", re.I)
    _check_source(entry["source"], followed.search, lambda gold: True)
