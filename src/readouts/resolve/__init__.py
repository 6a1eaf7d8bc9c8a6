"""Stage 4, resolve: what several pages say about the same people and the same engagements.

Pure functions over what the store reads back; the store keeps their results and the judgements.
  actors       one actor per person: name keys, surnames and variants   (actors.py)
  engagements  reports of the same engagement across pages, and the
               values most of them give                                  (engagements.py)
  followups    an engagement agreed or announced, matched to the one held (followups.py)
"""
from __future__ import annotations

from .actors import actor_key, surname_candidates

__all__ = ["actor_key", "surname_candidates"]
