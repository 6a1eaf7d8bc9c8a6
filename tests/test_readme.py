"""The README says what the program does: its examples print what the commands print on the example
pages, and its lists of the extraction steps are extract.STEPS."""
from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from readouts import extract
from readouts.cli import main

SECTIONS = ("## The analyst's questions, answered", "## Tables for pandas, R and Excel")
ELIDED = " ..."  # a README line that ends so stands for every line that starts as it does
AS_OF = re.compile(r"as of \d{4}-\d{2}-\d{2}")  # followups count as of today


def readme(repo_root) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def console_examples(text: str) -> list[tuple[list[str], list[str]]]:
    """(command arguments after `readouts`, lines shown) of each `$ readouts ...` of the sections'
    console blocks."""
    examples = []
    for section in SECTIONS:
        body = text.split(section, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```console\n(.*?)```", body, re.S):
            for example in re.split(r"^\$ ", block, flags=re.M)[1:]:
                command, *shown = example.rstrip("\n").split("\n")
                examples.append((shlex.split(command, comments=True)[1:], shown))
    return examples


def matches(shown: list[str], printed: list[str]) -> bool:
    if len(shown) != len(printed):
        return False
    return all(p == s or (s.endswith(ELIDED) and p.startswith(s[:-len(ELIDED)]))
               for s, p in zip(map(AS_OF.sub, ["as of"] * len(shown), shown),
                               map(AS_OF.sub, ["as of"] * len(printed), printed)))


def test_the_readme_examples_print_what_the_commands_print(repo_root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"READOUTS_DB": str(tmp_path / "readouts.db")}
    assert CliRunner().invoke(main, ["ingest", str(repo_root / "examples"), "-q"], env=env).exit_code == 0
    examples = console_examples(readme(repo_root))
    assert len(examples) >= 6
    for args, shown in examples:
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 0, args
        assert matches(shown, result.output.rstrip("\n").split("\n")), (args, result.output)


@pytest.mark.parametrize("section", ["## How extraction works", "## Pipeline"])
def test_the_readme_lists_the_extraction_steps_in_their_order(repo_root, section):
    body = readme(repo_root).split(section, 1)[1].split("\n## ", 1)[0]
    chain = re.search(r"`extract\.STEPS`.*?((?:`\w+`(?: \([^)]*\))?\s+->\s+)+`\w+`)", body, re.S)
    assert chain, section
    assert re.findall(r"`(\w+)`(?: \([^)]*\))?", chain.group(1)) == [name for name, _ in extract.STEPS]
