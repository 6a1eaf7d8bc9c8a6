"""PLOVER statements: who condemned, urged, agreed what, aimed at whom.

OWNER: helper "statements". Contract:
extract_statements(sentences, parties) -> list[Statement]
  sentences: the document's sentences in order;
  parties: ISO codes of the governments taking part in the reported engagements.
"""
from __future__ import annotations

from ..types import Statement


def extract_statements(sentences: list[str], parties: list[str]) -> list[Statement]:
    return []
