"""The schema revisions this version of backcoach knows, oldest first.

Kept apart from Alembic so that opening an up-to-date database costs one query and
no Alembic import. A test checks this list against the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD_REVISION = KNOWN_REVISIONS[-1]
