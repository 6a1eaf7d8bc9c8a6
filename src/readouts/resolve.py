"""Stage 4, resolve: one actor per person across documents, with role history.

OWNER: helper "store".
"""
