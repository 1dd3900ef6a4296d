"""Engine and sessions. SQLite in WAL mode by default; any SQLAlchemy URL (PostgreSQL) by configuration.

The schema is owned by Alembic: ``init_db`` runs ``alembic upgrade head`` on the configured database, so a
fresh SQLite file and an existing PostgreSQL database go through the same migrations.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, create_engine

from store import changes  # noqa: F401  (registers the change log's commit hook on every session)
from store.settings import StoreSettings

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
_ENGINES: dict[str, Engine] = {}
_MIGRATED: set[str] = set()  # databases already brought to head by this process
_MIGRATING = threading.Lock()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


@functools.lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process (create engines after a fork, never share them across processes)."""
    settings = StoreSettings()
    url = url or settings.url
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _ENGINES[url] = engine
    return engine


def forget_engines() -> None:
    """Forget every engine and migration state of this process (tests that switch databases)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
    _MIGRATED.clear()
    get_engine.cache_clear()


def engines_in_use() -> list[Engine]:
    """The engines this process has created (to dispose of them in a forked child)."""
    return list(_ENGINES.values())


@functools.lru_cache(maxsize=1)
def migrations_dir() -> Path:
    """The Alembic scripts as a directory: in a zipped build (a Scrapyd egg) they are extracted once to a temporary
    directory, since Alembic reads files."""
    if MIGRATIONS.is_dir():
        return MIGRATIONS
    import tempfile
    import zipfile

    loader = globals().get("__loader__")
    archive = Path(getattr(loader, "archive", "") or str(MIGRATIONS).split(".egg")[0] + ".egg")
    out = Path(tempfile.mkdtemp(prefix="ailaw-migrations-"))
    with zipfile.ZipFile(archive) as zf:
        for member in zf.namelist():
            if member.startswith("store/migrations/") and not member.endswith("/"):
                zf.extract(member, out)
    return out / "store" / "migrations"


def init_db(url: str | None = None) -> Engine:
    """Bring the database to the latest schema (Alembic ``upgrade head``) and return its engine."""
    from alembic.config import Config

    engine = get_engine(url)
    if str(engine.url) in _MIGRATED:
        return engine
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # One migrator at a time: threads of this process, and other processes (a scheduler's crawls, Scrapyd jobs).
    with _MIGRATING, engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7462010001)")  # released at commit
            _upgrade(cfg, conn)
        else:
            lock_dir = StoreSettings().home / "locks"
            lock_dir.mkdir(parents=True, exist_ok=True)
            with open(lock_dir / "migrate.lock", "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                _upgrade(cfg, conn)
    _MIGRATED.add(str(engine.url))
    return engine


def _upgrade(cfg: object, conn: object) -> None:
    from alembic import command

    cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
    command.upgrade(cfg, "head")  # type: ignore[arg-type]


@contextmanager
def connection_scope(url: str | None = None) -> Iterator[Connection]:
    """A connection in a transaction that commits on success and rolls back on error: for Core statements that need
    no Session (a crawl closing its run), on the same engine as :func:`session_scope`."""
    with get_engine(url).begin() as conn:
        yield conn


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
