"""Golden test: extraction of the gold corpora, scored by bench/score.py, stays above its floors.

The floors in golden_floors.json only rise. When a change improves a figure, raise its floor
(a little under the new value) in the same commit; never lower a floor to make this test pass.
"""
import json
from pathlib import Path

import pytest

from readouts.pipeline import extract_file

FLOORS = json.loads((Path(__file__).parent / "golden_floors.json").read_text(encoding="utf-8"))
CORPORA = [name for name in FLOORS if not name.startswith("_")]


@pytest.fixture(scope="module")
def results(corpus_dirs, scorer, tmp_path_factory) -> dict[str, dict]:
    """Corpus name -> score.py's result for the extraction of its raw pages."""
    out_dir = tmp_path_factory.mktemp("golden")
    scored = {}
    for name in CORPORA:
        pred_path = out_dir / f"{name}.jsonl"
        lines = [json.dumps(extract_file(path).to_dict(), ensure_ascii=False)
                 for path in sorted((corpus_dirs[name] / "raw").glob("*.txt"))]
        pred_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        scored[name] = scorer.score(corpus_dirs[name] / "gold", pred_path, per_doc=False)
    return scored


CEILINGS = {"wrong_dates_as_read"}


def figures_of(result: dict) -> dict[str, float]:
    """Headline metrics, the score, the accuracies ("0.900 (18/20)" -> 0.9) and the count of dates
    that differ from gold while presented as read."""
    accuracies = {name: float(text.split()[0]) if text != "n/a" else None for name, text in result["acc"].items()}
    return dict(result["headline"], **accuracies, score=result["score"],
                wrong_dates_as_read=len(result["wrong_dates_as_read"]))


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_headline_metric_has_a_floor(corpus, results):
    assert set(results[corpus]["headline"]) | {"score"} <= set(FLOORS[corpus])


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_gold_document_is_predicted(corpus, results):
    assert results[corpus]["predicted_documents"] == results[corpus]["documents"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_figures_stay_above_floors(corpus, results):
    figures = figures_of(results[corpus])
    below = {metric: f"{figures[metric] or 0.0:.3f} < {floor:.3f}"
             for metric, floor in FLOORS[corpus].items()
             if metric not in CEILINGS and (figures[metric] or 0.0) < floor}
    assert not below, f"{corpus}: below floor: {below}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_wrong_date_is_presented_as_read(corpus, results):
    assert figures_of(results[corpus])["wrong_dates_as_read"] <= FLOORS[corpus]["wrong_dates_as_read"], \
        results[corpus]["wrong_dates_as_read"]
