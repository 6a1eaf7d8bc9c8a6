#!/usr/bin/env python3
"""Derive src/readouts/data/cameo_phrases.json, the statement phrases "VERB ... NOUN" ("reiterated
his firm support", "expressed strong condemnation", "reaffirmed the UK's commitment"), from the
CAMEO verb-pattern dictionary and the CAMEO->PLOVER crosswalk.

Usage:
    cameo_phrases.py [--lexicons ../shared/lexicons] [--out src/readouts/data/cameo_phrases.json]
    cameo_phrases.py --check      exit 1 when the data file differs from what the dictionary gives

Sources: CAMEO.2.0.txt (openeventdata/petrarch2, MIT License, Copyright (c) 2015 Open Event Data
Alliance) and CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0). The derivation:

- reads the dictionary's verb blocks ("---  QUOTE   [010]  ---", its verbs, its "- * NOUN [code]
  # VERB , VERB" patterns); a pattern is paired with the verbs its comment names (where the
  dictionary found it: "* COMMITMENT [030] # REITERATE"), or with every verb of its block when the
  comment names none;
- keeps only the verbs this genre reports positions with (REPORTING_VERBS: "reiterated",
  "expressed", "voiced", ...);
- keeps the one-word noun patterns (a synonym set by its own name: "&OPPOSITION" -> "opposition")
  whose three-digit code the crosswalk maps to a PLOVER type this genre annotates (ACTIONS); the
  four-digit codes are material specifics (aid in kind, weapons, currencies) that readouts do not
  report as positions;
- drops the nouns that ANNOTATION.md reads otherwise (SPEC_NOUNS: "voiced confidence" is nothing,
  "expressed gratitude" only for a contribution, which actions.json reads) and gives the action the
  guide names where the dictionary's codes for one noun disagree ("reiterated commitment": 030
  AGREE in one block, 050 SUPPORT in another; the guide: AGREE).

The output is deterministic: the same dictionary gives the same bytes (tests/test_lexicon_sources.py
checks the file against the dictionary when ../shared/lexicons is there).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO.parent / "shared" / "lexicons"
OUT = REPO / "src" / "readouts" / "data" / "cameo_phrases.json"

# verbs that report a participant's position in readouts (the guide's verbs: "reaffirmed/reiterated
# (commitment ...)", "expressed (grave) concern", "expressed support")
REPORTING_VERBS = ("AFFIRM", "CONFIRM", "REAFFIRM", "REITERATE", "RESTATE", "EXPRESS", "CONVEY", "VOICE",
                   "STRESS", "EMPHASIZE", "EMPHASISE", "UNDERLINE", "UNDERSCORE", "HIGHLIGHT", "PLEDGE",
                   "OFFER", "EXTEND", "REPEAT", "ECHO")
# the PLOVER types of the guide's statements that a "VERB ... NOUN" phrase can report
ACTIONS = ("AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN")
# nouns the guide reads otherwise: None drops the noun, an action overrides the dictionary's
SPEC_NOUNS = {
    "CONFIDENCE": None,  # "voiced confidence": nothing
    "GRATITUDE": None,  # thanks: SUPPORT only for a contribution (actions.json), not for hospitality
    "REGRET": None,  # "expressed regret" over a launch is an accusation (actions.json), not an apology
    "STRENGTH": None,  # "stressed the strength of the alliance": no backing of a side
    "CLAIM": None,  # a territorial claim, not a request of the engagement's sides
    "CONDITIONS": None,
    "PLANS": None,  # "reiterated plans to visit": an announcement, not a pledge
    "CONGRATULATIONS": None,  # congratulations, condolences, thanks for hospitality: nothing
    "THANKS": None,
    "COMMITMENT": "AGREE",  # "reaffirmed/reiterated (commitment, goal, alliance, ties)" -> AGREE
    "SUPPORT": "SUPPORT",  # "expressed support" -> SUPPORT, also when pledged or offered
}
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_PATTERN = re.compile(r"^-\s+\*\s+(&?[A-Z][A-Z-]*_?)\s+\[(\d{3})(?::[^\]]*)?\]\s*(?:#\s*([A-Z_ ,]*))?")  # "- * COMMITMENT [050] # AFFIRM"


def _crosswalk(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from CAMEO2PLOVER-2021.txt ("030: AGREE,  , diplomatic # ...")."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def derive(lexicons: Path) -> dict:
    """The phrases: groups of reporting verbs, each with, per action, the nouns the dictionary pairs
    with all of them and the codes that give them."""
    lines = (lexicons / "CAMEO.2.0.txt").read_text("utf-8", errors="replace").splitlines()
    crosswalk = _crosswalk(lexicons / "CAMEO2PLOVER-2021.txt")
    pairs: dict[tuple[str, str], dict] = {}  # (verb, noun) -> {"action", "cameo"}
    verbs: list[str] = []  # the current block's verbs
    for line in lines[next(i for i, l in enumerate(lines) if "VERB PATTERNS" in l):]:
        if _BLOCK.match(line):
            verbs = []
        elif not line.strip() or line.startswith("#"):
            continue
        elif m := _PATTERN.match(line):
            noun, code, found_with = m.group(1).lstrip("&").rstrip("_").lower(), m.group(2), m.group(3)
            action = SPEC_NOUNS.get(noun.upper(), crosswalk.get(code))
            named = [v.strip() for v in (found_with or "").split(",") if v.strip()]
            for verb in named or verbs:
                if verb in REPORTING_VERBS and action in ACTIONS:
                    pair = pairs.setdefault((verb.lower(), noun), {"action": action, "cameo": set()})
                    pair["cameo"].add(code)
        elif not line.startswith("-"):
            verbs.append(line.split("#")[0].split("{")[0].split("[")[0].strip())
    groups: dict[tuple[str, tuple[str, ...]], dict[str, list[str]]] = {}  # (action, verbs) -> nouns
    for (action, noun), found in sorted(_by_noun(pairs).items()):
        groups.setdefault((action, found["verbs"]), {})[noun] = found["cameo"]
    phrases = [{"action": action, "verbs": list(verbs), "nouns": nouns} for (action, verbs), nouns in sorted(groups.items())]
    return {
        "_note": "Statement phrases 'VERB (up to four words) NOUN' derived by scripts/cameo_phrases.py from the "
                 "CAMEO verb dictionary: the verbs this genre reports positions with and the one-word noun "
                 "patterns the dictionary found with them, grouped by the PLOVER type the crosswalk gives "
                 "their CAMEO code (listed with each noun) and by the verbs they go with. Read by "
                 "extract/statements.py beside actions.json; do not edit by hand: run the script.",
        "_source": "CAMEO.2.0.txt (openeventdata/petrarch2 @676801c, petrarch2/data/dictionaries) and "
                   "CAMEO2PLOVER-2021.txt (openeventdata/PLOVER), as kept in ../shared/lexicons",
        "_licence": "Derived data. CAMEO.2.0.txt: MIT License, Copyright (c) 2015 Open Event Data Alliance "
                    "(permission is granted to use, copy, modify ... provided the copyright notice and this "
                    "permission notice are included); CAMEO2PLOVER-2021: CC BY-SA 4.0, so this file is under "
                    "CC BY-SA 4.0.",
        "phrases": phrases,
    }


def _by_noun(pairs: dict[tuple[str, str], dict]) -> dict[tuple[str, str], dict]:
    """(action, noun) -> the verbs it is found with and its codes."""
    out: dict[tuple[str, str], dict] = {}
    for (verb, noun), pair in pairs.items():
        found = out.setdefault((pair["action"], noun), {"verbs": set(), "cameo": set()})
        found["verbs"].add(verb)
        found["cameo"] |= pair["cameo"]
    return {key: {"verbs": tuple(sorted(v["verbs"])), "cameo": sorted(v["cameo"])} for key, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicons", type=Path, default=LEXICONS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = json.dumps(derive(args.lexicons), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        same = args.out.read_text("utf-8") == text
        print("up to date" if same else f"{args.out} differs from what the dictionary gives", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
