#!/usr/bin/env python3
"""Group a corpus's gold reports into engagements, as the store groups the pages it reads.

Usage:
    group_gold.py --gold DIR --db PATH > ENGAGEMENTS.json

Each gold file (document.schema.json) is stored as if extraction had read exactly its events, into a
new database at PATH, and the engagements are printed as `readouts events --format json` prints
them. Scored by score_clusters.py, this measures the grouping rules (resolve/engagements.py, the
actors they compare) apart from extraction: `make bench-clusters` prints both figures.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from readouts.store import Store
from readouts.types import CleanDocument, Event, Extraction, Location, Participant, RawDocument


def gold_extraction(gold: dict) -> Extraction:
    """The Extraction a page would give if its events were read exactly as gold reads them."""
    events = []
    for e in gold.get("events") or []:
        place = e.get("location") or {}
        people = [Participant(p["name"], p.get("title"), p.get("organization"), p.get("country"), p.get("kind", "person"))
                  for p in e.get("participants") or [] if p.get("name")]
        events.append(Event(type=e["type"], date=e.get("date"), format=e.get("format"), participants=people,
                            location=Location(place.get("city"), place.get("country")) if place else None))
    return Extraction(doc_id=gold["doc_id"], published=gold.get("published"), is_relevant=bool(events), events=events)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    with Store.open(args.db) as store:
        for path in sorted(args.gold.glob("*.json")):
            data = path.read_bytes()
            extraction = gold_extraction(json.loads(data))
            raw = RawDocument(doc_id=extraction.doc_id, source=str(path), text=data.decode("utf-8"), encoding="utf-8",
                              sha256=hashlib.sha256(data).hexdigest())
            store.save(raw, CleanDocument(doc_id=raw.doc_id, source=raw.source, text="", published=extraction.published),
                       extraction)
        json.dump(store.list_engagements(), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
