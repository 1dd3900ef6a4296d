"""A clean PostgreSQL schema for the store tests that need one (scripts/with_postgres.sh starts the server): created
for the test and dropped after it; a schema the suite did not create is never dropped (tests/pg.py)."""

from __future__ import annotations

import os

import pytest

from store import db

PG_URL = os.environ.get("AILAW_TEST_POSTGRES_URL")


@pytest.fixture
def pg(monkeypatch, tmp_path):
    """An empty schema of the test database migrated to the latest revision; ``AILAW_DATABASE_URL`` points at it."""
    from tests import pg as schemas

    url, name = schemas.create_schema()
    monkeypatch.setenv("AILAW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AILAW_DATABASE_URL", url)
    db.forget_engines()
    db.init_db()
    yield url
    db.forget_engines()
    schemas.drop_schema(name)
