#!/usr/bin/env python3
# Vendored copy of the shared scorer (shared/bench/score.py), so that the project scores
# without ../shared. Keep it identical to the shared one apart from these two lines; do not edit here.
"""Score extracted diplomatic events against gold annotations.

Usage:
    score.py --gold DIR_OF_GOLD_JSON --pred PREDICTIONS.jsonl [--json] [--per-doc]

PREDICTIONS.jsonl holds one JSON object per document, in the document schema of
../spec/document.schema.json; objects are joined to gold files by "doc_id"
(a gold file's name without .json). Documents missing from the predictions
count as empty predictions. Prints one line per metric and, last, a summary line
    score: <mean of the headline metrics>
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path


def norm_name(name: str | None) -> str:
    """Order-insensitive, punctuation-insensitive form of a person's name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(amb|ambassador|mr|mrs|ms|dr|h\.?e)\.?\s+", " ", text)
    tokens = re.findall(r"[a-z0-9]+", text)
    return " ".join(sorted(tokens))


def norm_text(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


NATIONALITY = {"u", "s", "us", "usa", "united", "states", "america", "american", "japan", "japanese",
               "rok", "korean", "republic", "of", "the", "chinese", "china", "eu", "european"}


def titles_match(a: str | None, b: str | None) -> bool:
    """Titles agree when, without nationality words, one contains the other."""
    ta = [t for t in norm_text(a).split() if t not in NATIONALITY]
    tb = [t for t in norm_text(b).split() if t not in NATIONALITY]
    if not ta or not tb:
        return False
    sa, sb = " ".join(ta), " ".join(tb)
    return sa == sb or f" {sa} " in f" {sb} " or f" {sb} " in f" {sa} "


def names_match(a: str, b: str) -> bool:
    """Equal token sets, or one a strict superset of a two-token name (middle names)."""
    if not a or not b:
        return False
    if a == b:
        return True
    sa, sb = set(a.split()), set(b.split())
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    joined_a, joined_b = a.replace(" ", ""), b.replace(" ", "")
    if sorted(joined_a) == sorted(joined_b) and len(joined_a) > 5:  # "Kyu-duk" vs "Kyuduk"
        return True
    return len(small) >= 2 and small <= big


def overlaps(name: str, body: str) -> bool:
    """A predicted name that is mostly made of a gold body's words is that body."""
    a, b = set(name.split()), set(body.split())
    return bool(a) and len(a & b) / len(a) >= 0.5


class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def text(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = self.f1()
        return f"P={p:.3f} R={r:.3f} F1={f if f is not None else float('nan'):.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


class Acc:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.ok += int(ok)

    def value(self) -> float | None:
        return self.ok / self.n if self.n else None

    def text(self) -> str:
        v = self.value()
        return f"{v:.3f} ({self.ok}/{self.n})" if v is not None else "n/a"


def match_sets(gold: list[str], pred: list[str]) -> tuple[int, int, int, list[tuple[str, str]]]:
    """Greedy one-to-one matching of normalized names. Returns tp, fp, fn, pairs."""
    free = list(pred)
    pairs = []
    for g in gold:
        for p in free:
            if names_match(g, p):
                pairs.append((g, p))
                free.remove(p)
                break
    tp = len(pairs)
    return tp, len(pred) - tp, len(gold) - tp, pairs


def participants(event: dict) -> list[dict]:
    return [p for p in (event.get("participants") or []) if isinstance(p, dict)]


def event_overlap(g: dict, p: dict) -> int:
    gn = [norm_name(x.get("name")) for x in participants(g) if x.get("kind") != "body"]
    pn = [norm_name(x.get("name")) for x in participants(p) if x.get("kind") != "body"]
    tp, _, _, _ = match_sets([n for n in gn if n], [n for n in pn if n])
    return tp


def pair_events(gold_events: list[dict], pred_events: list[dict]) -> list[tuple[dict, dict]]:
    """Pair gold and predicted events: most shared participants first, then same date."""
    candidates = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(pred_events):
            shared = event_overlap(g, p)
            same_date = bool(g.get("date")) and g.get("date") == p.get("date")
            if shared or same_date:
                candidates.append((shared, same_date, gi, pi))
    candidates.sort(key=lambda c: (-c[0], -int(c[1]), c[2], c[3]))
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold_events[gi], pred_events[pi]))
    return pairs


def statement_keys(doc: dict, with_topic: bool) -> set[tuple]:
    keys = set()
    for s in doc.get("statements") or []:
        if not isinstance(s, dict):
            continue
        target = s.get("target") or []
        if isinstance(target, str):
            target = [target]
        key = (str(s.get("action", "")).upper(), tuple(sorted(str(t).upper() for t in target)))
        if with_topic:
            key += (s.get("topic"),)
        keys.add(key)
    return keys


def topic_set(doc: dict) -> set[str]:
    return {t for e in doc.get("events") or [] if isinstance(e, dict) for t in (e.get("topics") or [])}


def city(loc) -> str:
    if isinstance(loc, dict):
        return norm_text(loc.get("city"))
    return ""


def load_predictions(path: Path) -> dict[str, dict]:
    preds: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"score.py: {path}:{n}: not JSON: {exc}")
            doc_id = obj.get("doc_id")
            if not doc_id:
                sys.exit(f"score.py: {path}:{n}: object has no doc_id")
            preds[Path(str(doc_id)).stem] = obj
    return preds


def score(gold_dir: Path, pred_path: Path, per_doc: bool) -> dict:
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    if not golds:
        sys.exit(f"score.py: no gold files in {gold_dir}")
    preds = load_predictions(pred_path)

    m = {k: PRF() for k in ("events", "participants", "topics", "statements", "statements_with_topic")}
    a = {k: Acc() for k in ("relevance", "published", "event_type", "event_date", "event_date_read",
                            "event_date_inferred", "event_city",
                            "event_format", "participant_title", "participant_country")}
    wrong_dates_as_read = []  # a date that differs from gold, given as read (not flagged inferred)
    rows = []
    for doc_id, gold in golds.items():
        pred = preds.get(doc_id, {})
        a["relevance"].add(bool(gold.get("is_relevant", True)) == bool(pred.get("is_relevant", bool(pred.get("events")))))
        if gold.get("published"):
            a["published"].add(pred.get("published") == gold["published"])

        g_events = [e for e in gold.get("events") or [] if isinstance(e, dict)]
        p_events = [e for e in pred.get("events") or [] if isinstance(e, dict)]
        pairs = pair_events(g_events, p_events)
        m["events"].add(len(pairs), len(p_events) - len(pairs), len(g_events) - len(pairs))
        for g, p in pairs:
            a["event_type"].add(g.get("type") == p.get("type"))
            if g.get("date"):
                a["event_date"].add(g.get("date") == p.get("date"))
                part = "event_date_inferred" if g.get("date_inferred") else "event_date_read"
                a[part].add(g.get("date") == p.get("date"))
            if p.get("date") and p.get("date") != g.get("date") and not p.get("date_inferred"):
                wrong_dates_as_read.append(f"{doc_id}: {p.get('date')} read, gold {g.get('date')}")
            if city(g.get("location")):
                a["event_city"].add(city(g.get("location")) == city(p.get("location")))
            if g.get("format"):
                a["event_format"].add(g.get("format") == p.get("format"))

        # participants: union over the document's persons (bodies and delegations are not scored)
        g_bodies = [norm_name(x.get("name")) for e in g_events for x in participants(e)
                    if x.get("name") and x.get("kind") == "body"]
        g_people = {norm_name(x.get("name")): x for e in g_events for x in participants(e)
                    if x.get("name") and x.get("kind") != "body"}
        p_people = {norm_name(x.get("name")): x for e in p_events for x in participants(e)
                    if x.get("name") and x.get("kind") != "body"
                    and not any(overlaps(norm_name(x.get("name")), b) for b in g_bodies)}
        tp, fp, fn, name_pairs = match_sets(list(g_people), list(p_people))
        m["participants"].add(tp, fp, fn)
        for gn, pn in name_pairs:
            if norm_text(g_people[gn].get("title")):
                a["participant_title"].add(titles_match(g_people[gn].get("title"), p_people[pn].get("title")))
            if g_people[gn].get("country"):
                a["participant_country"].add(
                    str(g_people[gn]["country"]).upper() == str(p_people[pn].get("country") or "").upper())

        gt, pt = topic_set(gold), topic_set(pred)
        m["topics"].add(len(gt & pt), len(pt - gt), len(gt - pt))
        for key, with_topic in (("statements", False), ("statements_with_topic", True)):
            gs, ps = statement_keys(gold, with_topic), statement_keys(pred, with_topic)
            m[key].add(len(gs & ps), len(ps - gs), len(gs - ps))
        if per_doc:
            rows.append(f"{doc_id}: events {len(pairs)}/{len(g_events)} gold, {len(p_events)} pred; "
                        f"people tp={tp} fp={fp} fn={fn}; topics +{len(gt & pt)} -{len(gt - pt)} extra {len(pt - gt)}")

    headline = {
        "events_f1": m["events"].f1(),
        "participants_f1": m["participants"].f1(),
        "event_type_acc": a["event_type"].value(),
        "event_date_acc": a["event_date"].value(),
        "topics_f1": m["topics"].f1(),
        "statements_f1": m["statements"].f1(),
    }
    vals = [v if v is not None else 0.0 for v in headline.values()]
    return {
        "documents": len(golds),
        "predicted_documents": sum(1 for d in golds if d in preds),
        "prf": {k: v.text() for k, v in m.items()},
        "acc": {k: v.text() for k, v in a.items()},
        "headline": headline,
        "score": sum(vals) / len(vals),
        "wrong_dates_as_read": wrong_dates_as_read,
        "rows": rows,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--pred", required=True, type=Path)
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    ap.add_argument("--per-doc", action="store_true", help="one line per document first")
    args = ap.parse_args()
    result = score(args.gold, args.pred, args.per_doc)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for row in result["rows"]:
        print(row)
    print(f"documents: {result['documents']} gold, {result['predicted_documents']} predicted")
    for k, v in result["prf"].items():
        print(f"{k}: {v}")
    for k, v in result["acc"].items():
        print(f"{k}: {v}")
    for line in result["wrong_dates_as_read"]:
        print(f"  wrong date presented as read: {line}")
    print(f"wrong_dates_as_read: {len(result['wrong_dates_as_read'])}")
    print("score: " + f"{result['score']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
