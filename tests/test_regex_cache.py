"""The compiled-lexicon cache: a pattern built from the file behaves as re.compile's, and a missing,
corrupt or unwritable file costs only time."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from readouts import regex_cache

PATTERNS = [
    (r"(?<![\w-])(?P<mon>Sept?|September)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", 0),
    (r"\b(?:meets?|met|(?i:held talks))\s+with\b", re.IGNORECASE),
    (r"(?P<a>Kim)\s+(?P=a)|(?:Pak|Jung)(?=\s)", 0),
    ("Républiques?|Türkiye|Côte d['’]Ivoire", re.IGNORECASE),
]
TEXT = "On Sept. 11th, KIM Kim met with Pak and held talks with REPUBLIQUE; République de Côte d’Ivoire and türkiye."


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache folder and a module that has loaded nothing yet."""
    monkeypatch.setenv("READOUTS_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_added", False)
    return tmp_path


def forget_loaded(monkeypatch):
    """As a new process would start: nothing in memory, the file on disk."""
    monkeypatch.setattr(regex_cache, "_entries", None)


def same_behaviour(compiled: re.Pattern, pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == \
        (expected.pattern, expected.flags, expected.groups, expected.groupindex)
    assert [(m.span(), m.groupdict()) for m in compiled.finditer(TEXT)] == \
        [(m.span(), m.groupdict()) for m in expected.finditer(TEXT)]
    assert [(m.span(), m.groupdict()) for m in expected.finditer(TEXT)]  # the text exercises the pattern


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_a_pattern_built_from_the_file_matches_as_re_compile(cache_dir, monkeypatch, pattern, flags):
    same_behaviour(regex_cache.compile(pattern, flags), pattern, flags)
    regex_cache.save()
    assert len(list(cache_dir.glob("patterns-*.json"))) == 1
    forget_loaded(monkeypatch)
    same_behaviour(regex_cache.compile(pattern, flags), pattern, flags)
    assert regex_cache._added is False  # served from the file, not compiled again


def test_remembered_values_outlive_the_process(cache_dir, monkeypatch):
    calls = []
    assert regex_cache.remembered("gate", "k", lambda: calls.append(1) or "value") == "value"
    regex_cache.save()
    forget_loaded(monkeypatch)
    assert regex_cache.remembered("gate", "k", lambda: calls.append(1) or "other") == "value"
    assert calls == [1]


def test_a_corrupt_file_is_compiled_over(cache_dir, monkeypatch):
    regex_cache.compile(*PATTERNS[0])
    regex_cache.save()
    (path,) = cache_dir.glob("patterns-*.json")
    path.write_text("{not json", encoding="utf-8")
    forget_loaded(monkeypatch)
    same_behaviour(regex_cache.compile(*PATTERNS[0]), *PATTERNS[0])
    regex_cache.save()
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 1


def test_an_unwritable_folder_costs_only_time(tmp_path, cache_dir, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("READOUTS_CACHE", str(blocked / "cache"))
    same_behaviour(regex_cache.compile(*PATTERNS[1]), *PATTERNS[1])
    regex_cache.save()  # no exception
    assert not list(tmp_path.glob("**/*.tmp"))


def test_off_writes_nothing(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setenv("READOUTS_CACHE", "off")
    same_behaviour(regex_cache.compile(*PATTERNS[2]), *PATTERNS[2])
    regex_cache.save()
    assert not list(tmp_path.iterdir())


def test_extraction_is_the_same_with_a_cold_and_a_warm_cache(tmp_path):
    page = sorted((Path(__file__).parent / "corpus" / "seeds" / "raw").glob("*.txt"))[0]
    env = {**os.environ, "READOUTS_CACHE": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "readouts.cli", "extract", str(page)]
    cold = subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout
    assert list((tmp_path / "cache").glob("patterns-*.json"))
    warm = subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout
    off = subprocess.run(run, capture_output=True, text=True, env={**env, "READOUTS_CACHE": "off"}, check=True).stdout
    assert cold == warm == off and json.loads(cold)["doc_id"] == page.stem


def test_no_home_folder_means_no_file(cache_dir, monkeypatch):
    monkeypatch.delenv("READOUTS_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    same_behaviour(regex_cache.compile(*PATTERNS[3]), *PATTERNS[3])
    assert regex_cache._path() is None
    regex_cache.save()  # no exception


def test_gates_derived_by_another_version_of_scan_are_not_read(cache_dir, monkeypatch):
    """The gates kept beside the compiled code are derived by scan.py's rules: a changed scan.py
    reads another file, never gates its old rules derived."""
    regex_cache.remembered("gate", "key", lambda: "derived by the old rules")
    regex_cache.save()
    forget_loaded(monkeypatch)
    monkeypatch.setattr(regex_cache, "_derivation_digest", lambda: "0ther5ca")
    assert regex_cache.remembered("gate", "key", lambda: "derived by the new rules") == "derived by the new rules"
