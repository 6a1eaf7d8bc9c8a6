#!/usr/bin/env python3
# Vendored copy of the shared scorer (shared/bench/score_clusters.py), so that the project scores
# without ../shared. Keep it identical to the shared one apart from these two lines; do not edit here.
"""Score how reports of the same engagement from several pages are merged.

Usage:
    score_clusters.py --gold DIR --clusters clusters.json --pred ENGAGEMENTS.json [--json]

DIR holds one gold file per page (document.schema.json); clusters.json says which gold events
(doc_id, event_index) are one engagement. ENGAGEMENTS.json is what the product prints for the
merged record: a JSON list (or JSON lines) of engagements, each
    {"id": ..., "sources": [{"doc_id": ..., "date": ..., "type": ..., "participants": [{"name": ...}, ...]}, ...]}
where each source is that page's own reading of the engagement. Every gold event is paired with
the page's predicted report (as score.py pairs events); its predicted engagement is the one that
lists that report. Prints B-cubed precision, recall and F1 over the gold events (a gold event with
no predicted report counts as a cluster of its own), the share of gold engagements recorded as
exactly one engagement, and the pairs of different gold engagements merged into one.
Standard library only.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("score", Path(__file__).with_name("score.py"))
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def load_engagements(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--clusters", required=True, type=Path)
    ap.add_argument("--pred", required=True, type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    clusters = json.loads(args.clusters.read_text(encoding="utf-8"))
    gold_of = {}  # (doc_id, event_index) -> gold cluster
    for c in clusters:
        for m in c["members"]:
            gold_of[(m["doc_id"], m["event_index"])] = c["cluster"]

    reports = {}  # doc_id -> [(report, engagement id)]
    for e in load_engagements(args.pred):
        for s in e.get("sources") or []:
            doc = Path(str(s.get("doc_id", ""))).stem
            reports.setdefault(doc, []).append((s, e.get("id")))

    pred_of = {}
    for doc in {d for d, _ in gold_of}:
        gold_events = json.loads((args.gold / f"{doc}.json").read_text(encoding="utf-8")).get("events") or []
        mine = reports.get(doc, [])
        pairs = score.pair_events(gold_events, [r for r, _ in mine])
        for g, p in pairs:
            gi = next(i for i, e in enumerate(gold_events) if e is g)
            pred_of[(doc, gi)] = next(eid for r, eid in mine if r is p)
    mentions = sorted(gold_of)
    pred = {m: pred_of.get(m, ("missing",) + m) for m in mentions}

    precision = recall = 0.0
    for m in mentions:
        same_gold = {x for x in mentions if gold_of[x] == gold_of[m]}
        same_pred = {x for x in mentions if pred[x] == pred[m]}
        both = len(same_gold & same_pred)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision /= len(mentions)
    recall /= len(mentions)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    whole = sum(1 for c in clusters
                if len({pred[(m["doc_id"], m["event_index"])] for m in c["members"]}) == 1
                and all((m["doc_id"], m["event_index"]) in pred_of for m in c["members"]))
    wrong_merges = sorted({tuple(sorted((gold_of[a], gold_of[b]))) for a in mentions for b in mentions
                           if a < b and pred[a] == pred[b] and gold_of[a] != gold_of[b]})
    found = sum(1 for m in mentions if m in pred_of)
    result = {"mentions": len(mentions), "found": found, "bcubed_precision": precision,
              "bcubed_recall": recall, "bcubed_f1": f1, "engagements": len(clusters),
              "recorded_as_one": whole, "wrong_merges": [list(w) for w in wrong_merges]}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"gold reports: {len(mentions)} in {len(clusters)} engagements; found on their pages: {found}")
    print(f"B-cubed: P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    print(f"engagements recorded as exactly one: {whole}/{len(clusters)}")
    for a, b in wrong_merges:
        print(f"  merged but different: {a} + {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
