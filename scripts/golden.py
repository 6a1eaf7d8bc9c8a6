#!/usr/bin/env python3
"""The golden gate: pin the gold corpora by digest and write the floors tests/test_golden.py holds.

Usage:
    golden.py digests                  rewrite tests/corpus/digests.json; print what changed
    golden.py floors [--allow-lower]   measure every corpus; write tests/golden_floors.json

A corpus is a folder under tests/corpus with raw/ and gold/. Floors only rise: `floors` refuses
(exit 1, nothing written) to lower a floor, raise a ceiling or drop a perfect page unless
--allow-lower is given, and then lowers only what the measurement no longer meets. Standard library and the project's package; extraction runs in this
process and is scored by the vendored bench/score.py.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import sys
import tempfile
from pathlib import Path

from readouts.pipeline import extract_file, extraction_json

REPO = Path(__file__).resolve().parent.parent
CORPUS_ROOT = REPO / "tests" / "corpus"
DIGESTS = CORPUS_ROOT / "digests.json"
FLOORS = REPO / "tests" / "golden_floors.json"
UPDATE_DIGESTS = "make golden (or .venv/bin/python scripts/golden.py digests)"

sys.path.insert(0, str(REPO / "bench"))
import score as scorer  # noqa: E402  (the vendored scorer, a script rather than a package)

HEADLINE = ("events_f1", "participants_f1", "event_type_acc", "event_date_acc", "topics_f1", "statements_f1")
# the accuracies issue 3 names, beside the headline metrics and the overall score
FLOORED = HEADLINE + ("score", "relevance", "published", "event_date_read", "event_date_inferred")
CEILINGS = ("wrong_dates_as_read",)  # counts that must not grow
MARGIN = 0.005  # a floor sits this far under the measured figure (rounded down to 3 decimals)

DIGESTS_NOTE = ("sha256 of every file under each corpus's raw/ and gold/ (corpus -> path -> digest); "
                f"tests/test_golden.py fails when a file changes, appears or goes. Update: {UPDATE_DIGESTS}.")
FLOORS_NOTE = ("Written by scripts/golden.py floors (make golden); do not edit by hand. Per corpus: floors "
               "of bench/score.py's headline metrics, score and the accuracies issue 3 names, each the "
               f"measured figure rounded down to 3 decimals less {MARGIN} (n/a counts 0); ceilings: "
               "wrong_dates_as_read, the dates that differ from gold yet are not flagged date_inferred, at "
               "the measured count; perfect_pages: the pages whose headline figures, scored alone, are all "
               "1.0 (those a page defines). Floors only rise and perfect pages stay perfect: the script "
               "lowers nothing without --allow-lower, and with it only what is no longer met.")


# --- files ------------------------------------------------------------------------------------


def read_json(path: Path) -> dict:
    """A JSON object file without its "_note"-like keys (those starting "_"); {} when it is missing."""
    if not path.exists():
        return {}
    return {key: value for key, value in json.loads(path.read_text(encoding="utf-8")).items()
            if not key.startswith("_")}


def write_json(path: Path, note: str, entries: dict) -> None:
    """Writes {"_note": note, **entries}, keys sorted, two-space indent, trailing newline."""
    path.write_text(json.dumps({"_note": note, **dict(sorted(entries.items()))}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")


# --- corpora and their digests -----------------------------------------------------------------


def corpora(root: Path = CORPUS_ROOT) -> dict[str, Path]:
    """Name -> folder of every corpus under root (a folder holding both raw/ and gold/), by name."""
    return {folder.name: folder for folder in sorted(root.iterdir())
            if (folder / "raw").is_dir() and (folder / "gold").is_dir()}


def file_digests(corpus: Path) -> dict[str, str]:
    """"raw/NAME" or "gold/NAME" (POSIX, relative to corpus) -> sha256 hex, for every file under
    the corpus's raw/ and gold/ (sub-folders included)."""
    return {path.relative_to(corpus).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for part in ("raw", "gold") for path in sorted((corpus / part).rglob("*")) if path.is_file()}


def corpus_digests(root: Path = CORPUS_ROOT) -> dict[str, dict[str, str]]:
    """Corpus name -> file_digests of every corpus under root."""
    return {name: file_digests(folder) for name, folder in corpora(root).items()}


def digest_changes(recorded: dict[str, dict[str, str]], current: dict[str, dict[str, str]]
                   ) -> dict[str, dict[str, list[str]]]:
    """Corpus -> {"added": [...], "removed": [...], "changed": [...]} (sorted relative paths, empty
    kinds left out) for every corpus whose files differ; a corpus on one side only has all its
    files added or removed. {} when the two agree."""
    changes = {}
    for name in sorted(set(recorded) | set(current)):
        old, new = recorded.get(name, {}), current.get(name, {})
        kinds = {"added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new)),
                 "changed": sorted(path for path in set(old) & set(new) if old[path] != new[path])}
        kinds = {kind: paths for kind, paths in kinds.items() if paths}
        if kinds:
            changes[name] = kinds
    return changes


NAMED_CHANGES = 8  # files named per line; a new batch adds dozens, counted beyond these


def describe_changes(changes: dict[str, dict[str, list[str]]]) -> list[str]:
    """One line per corpus and kind of change: "dev: changed gold/a.json, gold/b.json" (past
    NAMED_CHANGES files: "... and 45 more")."""
    def listed(paths: list[str]) -> str:
        more = len(paths) - NAMED_CHANGES
        return ", ".join(paths[:NAMED_CHANGES]) + (f" and {more} more" if more > 0 else "")
    return [f"{name}: {kind} {listed(paths)}" for name, kinds in changes.items() for kind, paths in kinds.items()]


# --- measuring a corpus ------------------------------------------------------------------------


def extract_corpus(corpus: Path, out: Path) -> Path:
    """Extracts every raw/*.txt of corpus into out, one JSON line each (as `readouts extract`); returns out."""
    lines = [extraction_json(extract_file(path)) + "\n" for path in sorted((corpus / "raw").glob("*.txt"))]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def figures_of(result: dict) -> dict[str, float | int | None]:
    """score.py's result as flat figures: the headline metrics, the score, every accuracy
    ("0.900 (18/20)" -> 0.9, "n/a" -> None) and wrong_dates_as_read as a count."""
    accuracies = {name: float(text.split()[0]) if text != "n/a" else None for name, text in result["acc"].items()}
    return dict(result["headline"], **accuracies, score=result["score"],
                wrong_dates_as_read=len(result["wrong_dates_as_read"]))


def is_perfect(result: dict) -> bool:
    """Whether every headline figure score.py defines for a one-page result is 1.0. A figure the
    page gives nothing to count is None in score.py, and does not count against the page."""
    return all(value == 1.0 for value in result["headline"].values() if value is not None)


def perfect_pages(gold_dir: Path, pred_path: Path, work: Path) -> list[str]:
    """The doc_ids of gold_dir whose page, scored alone against its line of pred_path, is_perfect.
    score.py scores a folder as a whole, so each page gets a folder of its own under work."""
    predictions = scorer.load_predictions(pred_path)
    perfect = []
    for gold in sorted(gold_dir.glob("*.json")):
        folder = work / gold.stem
        (folder / "gold").mkdir(parents=True)
        shutil.copyfile(gold, folder / "gold" / gold.name)
        page_pred = folder / "pred.jsonl"
        page_pred.write_text(json.dumps(predictions.get(gold.stem, {"doc_id": gold.stem})) + "\n", encoding="utf-8")
        if is_perfect(scorer.score(folder / "gold", page_pred, per_doc=False)):
            perfect.append(gold.stem)
    return perfect


def measure(corpus: Path) -> dict:
    """Extracts and scores one corpus: {"result": score.py's result, "figures": figures_of it,
    "perfect_pages": sorted doc_ids}."""
    with tempfile.TemporaryDirectory(prefix="readouts-golden-") as tmp:
        pred_path = extract_corpus(corpus, Path(tmp) / "pred.jsonl")
        result = scorer.score(corpus / "gold", pred_path, per_doc=False)
        return {"result": result, "figures": figures_of(result),
                "perfect_pages": perfect_pages(corpus / "gold", pred_path, Path(tmp) / "pages")}


# --- floors ------------------------------------------------------------------------------------


def floor_under(value: float | None) -> float:
    """The floor for a measured figure: rounded down to 3 decimals, less MARGIN, at least 0.0.
    None (a figure the corpus gives nothing to count) counts 0.0, as in score.py's mean."""
    thousandths = math.floor(round((value or 0.0) * 1000, 6))  # round first: 0.95 * 1000 is 949.999...
    return max(0.0, round(thousandths / 1000 - MARGIN, 3))


def gate_of(measurement: dict) -> dict:
    """The gate one measurement earns: {"floors": {metric: floor}, "ceilings": {metric: count},
    "perfect_pages": [doc_id]}."""
    figures = measurement["figures"]
    return {"floors": {metric: floor_under(figures[metric]) for metric in FLOORED},
            "ceilings": {metric: figures[metric] for metric in CEILINGS},
            "perfect_pages": list(measurement["perfect_pages"])}


def ratchet(corpus: str, old: dict, new: dict, figures: dict) -> tuple[dict, list[str]]:
    """Merges a corpus's recorded gate (old, as gate_of; {} for a new corpus) with the one just
    measured (new), figures being the measurement's figures_of. Returns (gate, lowered). A recorded
    value the measurement still meets is kept when stricter than the new one (a floor only rises, a
    ceiling only falls); one it no longer meets takes the new value and is named in lowered
    ("dev events_f1: floor 0.970 -> 0.950 (measured 0.955)"), as is each perfect page that no
    longer scores 1.0, so that the caller can refuse the gate."""
    lowered = []
    floors = dict(new["floors"])
    for metric, floor in old.get("floors", {}).items():
        measured = figures.get(metric) or 0.0
        if measured < floor:
            lowered.append(f"{corpus} {metric}: floor {floor:.3f} -> {floors.get(metric, 0.0):.3f} "
                           f"(measured {measured:.3f})")
        else:
            floors[metric] = max(floor, floors.get(metric, 0.0))
    ceilings = dict(new["ceilings"])
    for metric, ceiling in old.get("ceilings", {}).items():
        if figures.get(metric, 0) > ceiling:
            lowered.append(f"{corpus} {metric}: ceiling {ceiling} -> {figures[metric]}")
        else:
            ceilings[metric] = min(ceiling, ceilings.get(metric, ceiling))
    dropped = sorted(set(old.get("perfect_pages", [])) - set(new["perfect_pages"]))
    lowered += [f"{corpus} perfect page {doc_id}: no longer 1.0" for doc_id in dropped]
    return dict(new, floors=floors, ceilings=ceilings), lowered


def legacy_gate(entry: dict) -> dict:
    """A recorded corpus entry as gate_of's shape. Before the script, golden_floors.json was flat
    ({metric: value}, wrong_dates_as_read its ceiling, no pages): such an entry is read as that."""
    if "floors" in entry:
        return entry
    return {"floors": {m: v for m, v in entry.items() if m not in CEILINGS},
            "ceilings": {m: v for m, v in entry.items() if m in CEILINGS}, "perfect_pages": []}


def shown(value: float | int | None) -> str:
    """A figure as the summary prints it: "n/a", a count, or 3 decimals."""
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def summary(measured: dict[str, dict], old: dict[str, dict], written: dict[str, dict]) -> list[str]:
    """A table, one row per gated metric and one column per corpus: "measured  old -> new" (the
    recorded floor or ceiling, "-" for a new corpus, and the one written)."""
    names = list(measured)
    rows = [f"{'':22}" + "".join(f"{name + ': measured  old -> new':>32}" for name in names)]
    for metric in FLOORED + CEILINGS:
        kind = "ceilings" if metric in CEILINGS else "floors"
        cells = [f"{shown(measured[name]['figures'][metric]):>8}  "
                 f"{shown(old.get(name, {}).get(kind, {}).get(metric)) if name in old else '-':>7} -> "
                 f"{shown(written[name][kind][metric]):<7}" for name in names]
        rows.append(f"{metric:22}" + "".join(f"{cell:>32}" for cell in cells))
    pages = [f"{len(measured[name]['perfect_pages'])}/{measured[name]['result']['documents']} pages 1.0"
             for name in names]
    rows.append(f"{'perfect pages':22}" + "".join(f"{cell:>32}" for cell in pages))
    return rows


# --- commands ----------------------------------------------------------------------------------


def cmd_digests(root: Path = CORPUS_ROOT, path: Path = DIGESTS) -> int:
    """Rewrites the digests file of root's corpora; prints what changed, or "no change"."""
    current = corpus_digests(root)
    lines = describe_changes(digest_changes(read_json(path), current))
    write_json(path, DIGESTS_NOTE, current)
    print("\n".join(lines) if lines else "no change")
    return 0


def cmd_floors(root: Path = CORPUS_ROOT, path: Path = FLOORS, allow_lower: bool = False) -> int:
    """Measures root's corpora and writes the ratchet of each recorded gate with the measured one;
    1 (nothing written) when that lowers a recorded value and allow_lower is false. allow_lower
    lowers only what the measurement no longer meets (a re-base, for revised gold) and drops the
    corpora that are gone; every other value still only rises."""
    old = {name: legacy_gate(entry) for name, entry in read_json(path).items()}
    measured = {name: measure(folder) for name, folder in corpora(root).items()}
    written, lowered = {}, []
    for name, measurement in measured.items():
        written[name], lost = ratchet(name, old.get(name, {}), gate_of(measurement), measurement["figures"])
        lowered += lost
    lowered += [f"{name}: corpus gone" for name in sorted(set(old) - set(measured))]
    print("\n".join(summary(measured, old, written)))
    if lowered and not allow_lower:
        print("refused, these would be lowered (--allow-lower lowers them, for a re-base):\n  " + "\n  ".join(lowered),
              file=sys.stderr)
        return 1
    write_json(path, FLOORS_NOTE, written)
    print(f"wrote {path}" + (f" (lowered: {len(lowered)})" if lowered else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("digests", help="rewrite tests/corpus/digests.json, print what changed")
    floors = sub.add_parser("floors", help="measure every corpus, write tests/golden_floors.json")
    floors.add_argument("--allow-lower", action="store_true",
                        help="re-base: lower the floors the measurement no longer meets, drop pages no longer perfect")
    args = ap.parse_args(argv)
    if args.command == "digests":
        return cmd_digests()
    return cmd_floors(allow_lower=args.allow_lower)


if __name__ == "__main__":
    sys.exit(main())
