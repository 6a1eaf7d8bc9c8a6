"""Shared fixtures: where the project's own copies of the corpora, the schema and the scorer are.

The tests never read ../shared: tests/corpus, tests/spec and bench/ are vendored copies.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

pytest_plugins = ["pg_server"]

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_ROOT = REPO_ROOT / "tests" / "corpus"
CORPORA = ("seeds", "dev")  # the gold corpora: each has raw/*.txt and gold/*.json


def raw_files(corpus: str) -> list[Path]:
    return sorted((CORPUS_ROOT / corpus / "raw").glob("*.txt"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`corpus_file` is every raw page of every gold corpus, one test each (id: corpus/doc)."""
    if "corpus_file" in metafunc.fixturenames:
        files = [path for corpus in CORPORA for path in raw_files(corpus)]
        metafunc.parametrize("corpus_file", files, ids=[f"{p.parent.parent.name}/{p.stem}" for p in files])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def corpus_dirs() -> dict[str, Path]:
    """Corpus name -> its folder (with raw/ and gold/)."""
    return {name: CORPUS_ROOT / name for name in CORPORA}


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads((REPO_ROOT / "tests" / "spec" / "document.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    """bench/score.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("readouts_bench_score", REPO_ROOT / "bench" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
