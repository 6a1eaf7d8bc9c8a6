#!/usr/bin/env python3
"""List the documents with the largest misses, across one or more scored corpora.

Usage:
    report.py --corpus NAME GOLD_DIR PRED_JSONL [--corpus ...] [--top 5]

A document's misses are what score.py counts against it: unmatched gold and predicted events,
participant false positives and negatives, missing and extra topics, missing and extra
statements. Standard library only; uses the vendored score.py next to this file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score as scorer  # noqa: E402  (the vendored scorer beside this file)

# One --per-doc row of score.py: "ID: events M/G gold, P pred; people tp=.. fp=.. fn=..; topics +.. -.. extra .."
ROW = re.compile(r"^(?P<doc>\S+): events (?P<matched>\d+)/(?P<gold>\d+) gold, (?P<pred>\d+) pred; "
                 r"people tp=\d+ fp=(?P<pfp>\d+) fn=(?P<pfn>\d+); "
                 r"topics \+\d+ -(?P<tmiss>\d+) extra (?P<textra>\d+)$")


def row_misses(row: str) -> tuple[str, int]:
    """(doc_id, misses) of one per-doc row, statements not included."""
    m = ROW.match(row)
    if not m:
        raise ValueError(f"unexpected score.py row: {row!r}")
    n = {k: int(v) for k, v in m.groupdict().items() if k != "doc"}
    event_misses = (n["gold"] - n["matched"]) + (n["pred"] - n["matched"])
    return m["doc"], event_misses + n["pfp"] + n["pfn"] + n["tmiss"] + n["textra"]


def statement_misses(gold: dict, pred: dict) -> int:
    gs, ps = scorer.statement_keys(gold, False), scorer.statement_keys(pred, False)
    return len(gs ^ ps)


def corpus_misses(name: str, gold_dir: Path, pred_path: Path) -> list[tuple[int, str, str]]:
    """(misses, corpus name, per-doc row) for every gold document of one corpus."""
    result = scorer.score(gold_dir, pred_path, per_doc=True)
    preds = scorer.load_predictions(pred_path)
    out = []
    for row in result["rows"]:
        doc_id, misses = row_misses(row)
        gold = json.loads((gold_dir / f"{doc_id}.json").read_text(encoding="utf-8"))
        stmt = statement_misses(gold, preds.get(doc_id, {}))
        out.append((misses + stmt, name, f"{row}; statements missed/extra {stmt}"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs=3, action="append", required=True,
                    metavar=("NAME", "GOLD_DIR", "PRED_JSONL"))
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()
    ranked = [entry for name, gold, pred in args.corpus
              for entry in corpus_misses(name, Path(gold), Path(pred))]
    ranked.sort(key=lambda e: (-e[0], e[1], e[2]))
    print(f"largest misses (top {args.top}):")
    for misses, name, row in ranked[: args.top]:
        print(f"  {misses:3d}  [{name}] {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
