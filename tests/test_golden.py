"""Golden test: the gold corpora are the pinned ones, and their extraction, scored by bench/score.py,
stays above the floors of golden_floors.json, under its ceilings, and keeps its perfect pages perfect.

Both files are written by scripts/golden.py (`make golden`), never by hand: `digests` after a corpus
changes, `floors` after extraction improves. Floors only rise: the script lowers none without
--allow-lower, and that flag is for a re-base (revised gold), said in the commit.
"""
import json
import shutil
import sys

import pytest

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import golden  # noqa: E402  (scripts/golden.py: the gate's one definition of digests, figures and floors)

CORPORA = list(golden.corpora())
GATES = golden.read_json(golden.FLOORS)


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    """Corpus name -> golden.measure of it: extraction and scoring once per corpus for the module."""
    return {name: golden.measure(folder) for name, folder in golden.corpora().items()}


def gate(corpus: str) -> dict:
    """The recorded gate of a corpus ({"floors", "ceilings", "perfect_pages"}); fails, saying how to
    write it, when the corpus has none (a new batch)."""
    assert corpus in GATES, f"{corpus} has no floors: run `make golden` (scripts/golden.py floors)"
    return GATES[corpus]


# --- the pinned corpora -------------------------------------------------------------------------


def test_corpus_files_match_their_pinned_digests():
    changes = golden.digest_changes(golden.read_json(golden.DIGESTS), golden.corpus_digests())
    assert not changes, ("corpus files differ from tests/corpus/digests.json:\n  "
                         + "\n  ".join(golden.describe_changes(changes))
                         + f"\nif the change is meant, update the digests: {golden.UPDATE_DIGESTS}")


@pytest.fixture
def corpus_copy(tmp_path):
    """A copy of the seeds corpus alone in a folder, and its digests as recorded before any edit."""
    shutil.copytree(REPO_ROOT / "tests" / "corpus" / "seeds", tmp_path / "seeds")
    return tmp_path, golden.corpus_digests(tmp_path)


def test_an_edited_gold_file_is_reported(corpus_copy):
    root, recorded = corpus_copy
    gold = sorted((root / "seeds" / "gold").glob("*.json"))[0]
    gold.write_text(gold.read_text(encoding="utf-8").replace('"date"', '"date" ', 1), encoding="utf-8")
    assert golden.digest_changes(recorded, golden.corpus_digests(root)) == {"seeds": {"changed": [f"gold/{gold.name}"]}}


def test_added_and_removed_files_and_a_new_corpus_are_reported(corpus_copy):
    root, recorded = corpus_copy
    raw = sorted((root / "seeds" / "raw").glob("*.txt"))
    raw[0].rename(raw[0].with_name("renamed.txt"))
    shutil.copytree(root / "seeds", root / "batch1")
    (root / "notes").mkdir()  # a folder without raw/ and gold/ is no corpus
    changes = golden.digest_changes(recorded, golden.corpus_digests(root))
    assert changes["seeds"] == {"added": ["raw/renamed.txt"], "removed": [f"raw/{raw[0].name}"]}
    assert sorted(changes) == ["batch1", "seeds"] and len(changes["batch1"]["added"]) == 10
    assert golden.describe_changes(changes)[1] == "seeds: added raw/renamed.txt"


def test_digests_command_records_what_it_reports(corpus_copy, capsys):
    root, _ = corpus_copy
    path = root / "digests.json"
    assert golden.cmd_digests(root, path) == 0
    assert "seeds: added gold/" in capsys.readouterr().out
    assert golden.cmd_digests(root, path) == 0
    assert capsys.readouterr().out == "no change\n"


# --- the floors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_headline_metric_has_a_floor(corpus, measured):
    assert set(measured[corpus]["result"]["headline"]) | {"score"} <= set(gate(corpus)["floors"])


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_gold_document_is_predicted(corpus, measured):
    assert measured[corpus]["result"]["predicted_documents"] == measured[corpus]["result"]["documents"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_figures_stay_above_floors(corpus, measured):
    figures = measured[corpus]["figures"]
    below = {metric: f"{figures[metric] or 0.0:.3f} < {floor:.3f}"
             for metric, floor in gate(corpus)["floors"].items() if (figures[metric] or 0.0) < floor}
    assert not below, f"{corpus}: below floor: {below}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_counts_stay_under_ceilings(corpus, measured):
    figures = measured[corpus]["figures"]
    above = {metric: f"{figures[metric]} > {ceiling}"
             for metric, ceiling in gate(corpus)["ceilings"].items() if figures[metric] > ceiling}
    assert not above, f"{corpus}: above ceiling: {above}; {measured[corpus]['result']['wrong_dates_as_read']}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_perfect_pages_stay_perfect(corpus, measured):
    lost = sorted(set(gate(corpus)["perfect_pages"]) - set(measured[corpus]["perfect_pages"]))
    assert not lost, f"{corpus}: pages that scored 1.0 no longer do: {lost}"


# --- scripts/golden.py floors -------------------------------------------------------------------


def test_floor_is_the_figure_rounded_down_less_the_margin():
    assert [golden.floor_under(v) for v in (1.0, 0.95, 0.9499, 0.003, None)] == [0.995, 0.945, 0.944, 0.0, 0.0]


def test_a_page_is_perfect_when_every_figure_it_defines_is_one():
    assert golden.is_perfect({"headline": {"events_f1": 1.0, "statements_f1": None}})
    assert not golden.is_perfect({"headline": {"events_f1": 1.0, "statements_f1": 0.5}})


def test_perfect_pages_are_those_scoring_one_alone(tmp_path):
    """Gold that is the extraction itself scores 1.0 on every page but the one whose events it drops."""
    corpus = tmp_path / "own"
    shutil.copytree(REPO_ROOT / "tests" / "corpus" / "seeds" / "raw", corpus / "raw")
    (corpus / "gold").mkdir()
    lines = golden.extract_corpus(corpus, tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()
    own = [json.loads(line) for line in lines]
    assert own[0]["events"]
    own[0]["events"] = []
    for doc in own:
        (corpus / "gold" / f"{doc['doc_id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    assert golden.measure(corpus)["perfect_pages"] == [doc["doc_id"] for doc in own[1:]]


@pytest.fixture
def seeds_floors(corpus_copy):
    """(corpus root, floors path, the gate `floors` writes for the seeds copy from scratch)."""
    root, _ = corpus_copy
    path = root / "floors.json"
    assert golden.cmd_floors(root, path) == 0
    return root, path, golden.read_json(path)["seeds"]


def write_gate(path, gate_: dict) -> None:
    """Records gate_ as the seeds corpus's only gate in the floors file at path."""
    path.write_text(json.dumps({"seeds": gate_}), encoding="utf-8")


def test_floors_rise_but_are_not_lowered_without_the_flag(seeds_floors, capsys):
    root, path, measured_gate = seeds_floors
    assert set(measured_gate["floors"]) == set(golden.FLOORED)
    floors = measured_gate["floors"]
    met = floors["score"] + 0.004  # above the new floor, still under the figure (the margin is 0.005)
    recorded = dict(measured_gate, floors=dict(floors, events_f1=1.5, topics_f1=0.1, score=met))
    write_gate(path, recorded)
    capsys.readouterr()
    assert golden.cmd_floors(root, path) == 1
    assert f"seeds events_f1: floor 1.500 -> {floors['events_f1']:.3f} (measured " in capsys.readouterr().err
    assert golden.read_json(path)["seeds"] == recorded  # refused: nothing written
    assert golden.cmd_floors(root, path, allow_lower=True) == 0
    # only the floor the figure no longer meets is lowered; the one it meets is kept, the low one rises
    assert golden.read_json(path)["seeds"] == dict(measured_gate, floors=dict(floors, score=met))


def test_a_perfect_page_is_not_dropped_without_the_flag(seeds_floors, capsys):
    root, path, measured_gate = seeds_floors
    write_gate(path, dict(measured_gate, perfect_pages=measured_gate["perfect_pages"] + ["zzz_gone"]))
    capsys.readouterr()
    assert golden.cmd_floors(root, path) == 1
    assert "seeds perfect page zzz_gone: no longer 1.0" in capsys.readouterr().err
    assert golden.cmd_floors(root, path, allow_lower=True) == 0
    assert golden.read_json(path)["seeds"] == measured_gate


def test_the_flat_floors_of_before_the_script_are_read_as_floors_and_ceilings():
    assert golden.legacy_gate({"score": 0.9, "wrong_dates_as_read": 0}) == {
        "floors": {"score": 0.9}, "ceilings": {"wrong_dates_as_read": 0}, "perfect_pages": []}
