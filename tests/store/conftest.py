"""A clean PostgreSQL database for the store tests that need one (scripts/with_postgres.sh starts the server)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from store import db

PG_URL = os.environ.get("AILAW_TEST_POSTGRES_URL")


@pytest.fixture
def pg(monkeypatch):
    """An empty PostgreSQL database migrated to the latest schema; ``AILAW_DATABASE_URL`` points at it."""
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    monkeypatch.setenv("AILAW_DATABASE_URL", PG_URL)
    db.forget_engines()
    db.init_db()
    yield PG_URL
    db.forget_engines()
