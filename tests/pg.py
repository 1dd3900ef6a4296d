"""Throwaway PostgreSQL schemas for the tests: created by the suite, dropped only if the suite created them.

``AILAW_TEST_POSTGRES_URL`` names a database (``scripts/with_postgres.sh`` starts a private server for it). The
tests never touch a schema they did not create: each gets a new schema ``ailaw_test_<random>``, marked with a
comment, and the URL they use puts it first on the ``search_path``; :func:`drop_schema` refuses any schema that does
not carry the mark. ``AILAW_TEST_DB=postgres`` runs the whole suite's stores on such schemas (``tests/conftest.py``).
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import sqlalchemy as sa

MARK = "created by the ailaw test suite"
BASE_URL = os.environ.get("AILAW_TEST_POSTGRES_URL")


def whole_suite_on_postgres() -> bool:
    return os.environ.get("AILAW_TEST_DB", "").lower() == "postgres" and bool(BASE_URL)


def create_schema() -> tuple[str, str]:
    """(URL whose search_path is a new marked schema, the schema's name)."""
    assert BASE_URL, "AILAW_TEST_POSTGRES_URL is not set"
    name = f"ailaw_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(BASE_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        conn.execute(sa.text(f"COMMENT ON SCHEMA \"{name}\" IS '{MARK}'"))
    engine.dispose()
    sep = "&" if "?" in BASE_URL else "?"
    return f"{BASE_URL}{sep}options={quote(f'-csearch_path={name}')}", name


def drop_schema(name: str) -> None:
    """Drop a schema this suite created; refuse (AssertionError) any other."""
    assert BASE_URL
    engine = sa.create_engine(BASE_URL)
    with engine.begin() as conn:
        comment = conn.execute(sa.text("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace "
                                       "WHERE nspname = :n"), {"n": name}).scalar()  # fmt: skip
        assert comment == MARK, f"refusing to drop schema {name!r}: the ailaw test suite did not create it"
        conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
    engine.dispose()
