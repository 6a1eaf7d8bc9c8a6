"""Inter-annotator agreement of a corpus batch (`make agreement`).

    python scripts/agreement.py tests/corpus/batch3

A second annotator annotated some pages of the batch on their own (BATCH/second-annotator/*.json);
their gold is scored as if it were a prediction against the first annotator's gold of the same
pages (BATCH/gold), with the project's scorer (bench/score.py), as issue 14 asks. Prints the
scorer's figures; exits 2 with one line when the batch has no second annotation.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path(__file__).resolve().parent.parent / "bench" / "score.py"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    batch = Path(argv[0])
    second = sorted((batch / "second-annotator").glob("*.json"))
    if not second:
        print(f"agreement: no second annotation in {batch / 'second-annotator'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        gold = Path(scratch, "gold")
        gold.mkdir()
        pred = Path(scratch, "second.jsonl")
        with pred.open("w", encoding="utf-8") as out:
            for path in second:
                (gold / path.name).write_bytes((batch / "gold" / path.name).read_bytes())
                out.write(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
        print(f"== agreement on {len(second)} pages of {batch}: second annotator scored against the first")
        return subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
