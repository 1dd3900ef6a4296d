"""A data home filled once per session by replaying the committed demo archive through the real spiders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def ailaw_env(home: Path) -> Iterator[None]:
    from store import db

    saved = {k: os.environ.get(k) for k in ("AILAW_HOME", "AILAW_DATABASE_URL", "AILAW_INDEX_DIR")}
    os.environ["AILAW_HOME"] = str(home)
    os.environ.pop("AILAW_DATABASE_URL", None)
    os.environ.pop("AILAW_INDEX_DIR", None)
    db.get_engine.cache_clear()
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        db.get_engine.cache_clear()


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Iterator[dict]:
    """Replays the demo archive twice into one fresh home; yields both runs' summaries."""
    from ailaw import jobs

    home = tmp_path_factory.mktemp("demo-home")
    with ailaw_env(home):
        first = jobs.demo()
        second = jobs.crawl(replay=jobs.DEMO_ARCHIVE)
        yield {"home": home, "first": first, "second": second}


@pytest.fixture
def in_demo_home(demo_home) -> Iterator[Path]:
    with ailaw_env(demo_home["home"]):
        yield demo_home["home"]
