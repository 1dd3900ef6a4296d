"""Shared test fixtures: an isolated AILAW_HOME per test, the demo archive replayed once per session, and the
--update-examples switch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


_HOME_DATABASES: dict[str, str] = {}  # data home -> its PostgreSQL URL, while its schema lives
_COPIED: dict[str, tuple[str, str]] = {}  # a home made by copy_home -> (URL, schema), dropped when its env ends


def copy_home(source: Path, target: Path) -> None:
    """A copy of a data home (its files and, with ``AILAW_TEST_DB=postgres``, its schema's rows in a new schema),
    for a test that starts from the demo home without touching it. Enter it with ``ailaw_env(target)``."""
    import shutil

    from tests import pg

    shutil.copytree(source, target)
    if not pg.whole_suite_on_postgres():
        return
    import sqlalchemy as sa

    from store import db, dump

    url, name = pg.create_schema()
    db.forget_engines()
    db.init_db(url)
    with sa.create_engine(_HOME_DATABASES[str(source)]).connect() as src, db.get_engine(url).begin() as dst:
        for table in dump.tables():
            dst.execute(table.delete())
            dump.load_rows(dst, table, dump.dump_rows(src, table))
    db.forget_engines()
    _COPIED[str(target)] = (url, name)


@contextmanager
def _database(home: Path | None = None) -> Iterator[str | None]:
    """The store URL for one data home: None (SQLite in the home), or with ``AILAW_TEST_DB=postgres`` a fresh
    PostgreSQL schema created for it and dropped afterwards (tests/pg.py). Entering a home again (the session's
    demo home) reuses its schema."""
    from tests import pg

    if not pg.whole_suite_on_postgres():
        yield None
        return
    if home is not None and str(home) in _HOME_DATABASES:
        yield _HOME_DATABASES[str(home)]
        return
    # a home made by copy_home brings its schema; any other gets a new one. Either is dropped when the env ends.
    url, name = _COPIED.pop(str(home)) if home is not None and str(home) in _COPIED else pg.create_schema()
    if home is not None:
        _HOME_DATABASES[str(home)] = url
    try:
        yield url
    finally:
        from store import db

        _HOME_DATABASES.pop(str(home), None)
        db.forget_engines()
        pg.drop_schema(name)


@pytest.fixture
def ailaw_home(tmp_path, monkeypatch):
    """A fresh data home with a migrated database (SQLite, or a PostgreSQL schema: tests/pg.py); returns the path."""
    from store import db

    home = tmp_path / "home"
    with _database() as url:
        monkeypatch.setenv("AILAW_HOME", str(home))
        if url:
            monkeypatch.setenv("AILAW_DATABASE_URL", url)
        else:
            monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
        db.forget_engines()
        db.init_db()
        yield home
        db.forget_engines()


@contextmanager
def ailaw_env(home: Path) -> Iterator[None]:
    from store import db

    saved = {k: os.environ.get(k) for k in ("AILAW_HOME", "AILAW_DATABASE_URL", "AILAW_INDEX_DIR")}
    with _database(home) as url:
        os.environ["AILAW_HOME"] = str(home)
        if url:
            os.environ["AILAW_DATABASE_URL"] = url
        else:
            os.environ.pop("AILAW_DATABASE_URL", None)
        os.environ.pop("AILAW_INDEX_DIR", None)
        db.forget_engines()
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            db.forget_engines()


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Iterator[dict]:
    """Replays the demo archive twice into one fresh home; yields both runs' summaries."""
    from ailaw import jobs

    home = tmp_path_factory.mktemp("demo-home")
    with ailaw_env(home):
        first = jobs.demo()
        second = jobs.demo_crawl()
        yield {"home": home, "first": first, "second": second}


@pytest.fixture
def in_demo_home(demo_home) -> Iterator[Path]:
    with ailaw_env(demo_home["home"]):
        yield demo_home["home"]
