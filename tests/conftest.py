"""Shared test fixtures: an isolated AILAW_HOME per test, and the --update-examples switch."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-examples",
        action="store_true",
        default=False,
        help="rewrite tests/examples/**/*.compare.json from the parsers' current output (review before committing)",
    )


@pytest.fixture
def update_examples(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-examples"))


@pytest.fixture
def ailaw_home(tmp_path, monkeypatch):
    """A fresh data home with a migrated SQLite database; returns the path."""
    from store import db

    home = tmp_path / "home"
    monkeypatch.setenv("AILAW_HOME", str(home))
    monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
    db.get_engine.cache_clear()
    db.init_db()
    yield home
    db.get_engine.cache_clear()
