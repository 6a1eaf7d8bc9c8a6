#!/usr/bin/env python3
"""Convert the U.S. Office of the Historian's officials (POCOM) into src/readouts/data/us_officials.json.

Usage:
    us_officials.py [--source scripts/sources/us-officials.json] [--out src/readouts/data/us_officials.json]
    us_officials.py --check      exit 1 when the data file differs from what the source converts to

The source is the U.S. Department of State, Office of the Historian, "Principal Officers and Chiefs
of Mission" (github.com/HistoryAtState/pocom), public domain / CC0 1.0, as one list of the 2,612
posts held since 1990 (kept unchanged in scripts/sources/, with its README). The conversion:

- groups the posts by POCOM person id, one official per person; the printed name loses its
  parentheses ("William Blaine (Bill) Richardson" -> "William Blaine Richardson", variant
  "Bill Richardson"); family is the last word with its particle ("de Baca"), given the first
  given name that is not an initial ("J. Stapleton Roy" -> "Stapleton");
- gives each post a role of data/officials.json (secretary -> secretary_of_state, a chief of mission
  -> ambassador or charge_d_affaires, with the ISO code of the country posted to), or, for a post
  officials.json does not know, a role named after the post with its printed title as the phrase;
- keeps the posts of the Department of State, the representatives to international bodies, and
  the chiefs of mission to the countries this genre's pages are about (MISSIONS below);
- keeps dates as the source gives them (YYYY-MM-DD or YYYY-MM); a post without a start is dropped,
  and so is the rank of Career Ambassador (a rank held for life, not a post);
- gives an open post (end null: "still in office or not recorded") the day the next holder of the
  same post started, when there is one, as the day it was left by (a post with one holder at a
  time is left by then); the source's null end stays.

The output is deterministic: the same source gives the same bytes (tests/test_kb.py checks the file).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from readouts.gazetteer import country_code

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "scripts" / "sources" / "us-officials.json"
OUT = REPO / "src" / "readouts" / "data" / "us_officials.json"

# POCOM posts that are roles of data/officials.json
POST_ROLES = {
    "secretary": "secretary_of_state",
    "secretary-ad-interim": "secretary_of_state",
    "deputy-secretary": "deputy_secretary_of_state",
    "under-secretary-for-political-affairs": "under_secretary_political",
    "assistant-secretary-for-east-asian-pacific-affairs": "assistant_secretary_eap",
}
# posts held by several people at once: a later holder's start does not end an earlier holder's post
SHARED_POSTS = {"ambassador-at-large"}
DROPPED_POSTS = {"career-ambassador"}
# printed titles of roles this conversion adds, where the source's title is too general to be one
ROLE_PHRASES = {
    "counselor": ["Counselor of the Department of State", "Counselor of the State Department",
                  "State Department Counselor"],
    "ambassador_at_large": ["Ambassador at Large", "Ambassador-at-Large"],
    "charge_d_affaires": ["Chargé d'Affaires", "Chargé d’Affaires", "Charge d'Affaires", "Charge d’Affaires"],
    "ambassador": ["Permanent Representative", "Representative to the United Nations"],
}
# countries of MISSIONS whose POCOM name the gazetteer does not read as a whole
COUNTRY_CODES = {"timor-leste": "TLS"}
# chiefs of mission kept: to the countries of the State Department's Bureau of East Asian and
# Pacific Affairs (as POCOM names them), and to the other G7 states and permanent members of the
# UN Security Council; the genre's pages name the ambassadors of these posts, and a smaller list keeps
# the knowledge base quick to load and family names less often shared
MISSIONS = {
    "australia", "brunei", "burma", "cambodia", "china", "fiji", "indonesia", "japan", "kiribati", "korea",
    "laos", "malaysia", "marshall-islands", "micronesia", "mongolia", "nauru", "new-zealand", "palau",
    "papua-new-guinea", "philippines", "samoa", "singapore", "solomon-islands", "thailand", "timor-leste",
    "tonga", "tuvalu", "vanuatu", "vietnam",
    "canada", "france", "germany", "italy", "united-kingdom", "russia",
}
PARTICLES = {"de", "van", "von", "da", "del", "di", "du", "la", "le"}
INITIAL = re.compile(r"[A-Z]\.?")


def _posting(post: dict) -> str | None:
    """The ISO code of the country (or the code of the body) a chief of mission or representative is posted to."""
    if post["country"]:
        slug = post["country"]
        return COUNTRY_CODES.get(slug) or country_code(slug.replace("-", " ").title()) or slug
    if post["post"].startswith("representative-"):
        body = post["post"].removeprefix("representative-to-").removeprefix("representative-")
        return country_code(body.upper()) or body.upper()
    return None


def _role(post: dict) -> str:
    if post["title"].startswith("Chargé"):
        return "charge_d_affaires"
    if post["post"] in POST_ROLES:
        return POST_ROLES[post["post"]]
    if post["post"].startswith(("chief-of-mission-", "representative-")):
        return "ambassador"
    return post["post"].replace("-", "_")


def _title(post: dict) -> str:
    return " ".join(post["title"].split())


def _name_parts(printed: str) -> dict:
    """name, family, given and variants of a POCOM name (see the module's docstring)."""
    nickname = re.search(r"\(([^)]*)\)", printed)
    name = " ".join(re.sub(r"\([^)]*\)", " ", printed).split())
    tokens = name.split()
    family_at = len(tokens) - 1
    if family_at > 1 and tokens[family_at - 1] in PARTICLES:
        family_at -= 1
    family = " ".join(tokens[family_at:])
    given = next((t for t in tokens[:family_at] if not INITIAL.fullmatch(t)), tokens[0])
    entry = {"name": name, "family": family, "given": given}
    if nickname:
        entry["variants"] = [f"{nickname.group(1)} {family}"]
    return entry


def _left_by(posts: list[dict]) -> list[str | None]:
    """For each open post (end null), the day the next holder of the same post started, if any."""
    out = []
    for post in posts:
        later = [p["start"] for p in posts if p["post"] == post["post"] and p["start"] > post["start"]]
        out.append(min(later) if later and not post["end"] and post["post"] not in SHARED_POSTS else None)
    return out


def convert(source: bytes) -> str:
    """The text of data/us_officials.json for the bytes of the source file."""
    data = json.loads(source)
    posts = [p for p in data["officials"] if p["start"] and p["post"] not in DROPPED_POSTS
             and (not p["post"].startswith("chief-of-mission-") or p["country"] in MISSIONS)]
    people: dict[str, dict] = {}
    roles: dict[str, list[str]] = {role: list(phrases) for role, phrases in ROLE_PHRASES.items()}
    for post, left_by in zip(posts, _left_by(posts)):
        role = _role(post)
        if role not in roles and role not in POST_ROLES.values() and not post["post"].startswith(
                ("chief-of-mission-", "representative-")):
            title = _title(post)
            roles[role] = list(dict.fromkeys([title, title.replace(" of State ", " ")]))
        person = people.setdefault(post["pocom_id"], {**_name_parts(post["name"]), "offices": []})
        office = [role, _posting(post), post["start"], post["end"] or None]
        person["offices"].append(office + [left_by] if left_by else office)
    officials = sorted(people.values(), key=lambda p: (p["family"], p["name"]))
    for person in officials:
        person["offices"].sort(key=lambda o: (o[2], o[0]))
    header = {
        "_source": "U.S. Department of State, Office of the Historian, Principal Officers and Chiefs of Mission "
                   "(github.com/HistoryAtState/pocom), as the list of posts held since 1990 in "
                   "scripts/sources/us-officials.json (sha256 " + hashlib.sha256(source).hexdigest() + ")",
        "_licence": "public domain / CC0 1.0",
        "_note": "Made by scripts/us_officials.py; do not edit by hand. Each official's offices are "
                 "[role, posted to (ISO code of a country or body, for chiefs of mission and representatives), "
                 "start, end] and, when end is null (still in office or not recorded: the source lags after 2019) "
                 "and the next holder of the post had started, that start: the day the post was left by. Dates "
                 "YYYY-MM-DD or YYYY-MM as the source gives them. roles: title phrases of the roles "
                 "data/officials.json lacks.",
    }
    lines = [json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ",",
             ' "roles": ' + json.dumps(roles, ensure_ascii=False) + ",",
             ' "officials": [']
    lines += ["  " + json.dumps(p, ensure_ascii=False) + "," for p in officials]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines + [" ]", "}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from the conversion")
    args = parser.parse_args(argv)
    text = convert(args.source.read_bytes())
    if args.check:
        if not args.out.exists() or args.out.read_text(encoding="utf-8") != text:
            print(f"{args.out} differs from the conversion of {args.source}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10) + '  {')} officials")
    return 0


if __name__ == "__main__":
    sys.exit(main())
