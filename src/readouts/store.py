"""Stage 5, store: SQLite by default (PostgreSQL later), schema created and migrated here.

OWNER: helper "store".
"""
