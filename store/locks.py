"""Cross-process locks, one per name (a source being crawled): never two crawls of one source at once.

On PostgreSQL the lock is a session advisory lock (``pg_try_advisory_lock``) on a connection held for as long as
the lock: it holds across processes and hosts that share the database (Scrapyd workers, two schedulers), and the
server releases it when the holder dies. On SQLite (one host by nature) it is an ``flock`` on
``$AILAW_HOME/locks/<name>.lock``, which the kernel releases when the holder dies, even after ``kill -9``.
:func:`hold` does not wait: it yields False when another process holds the lock (``wait=True`` waits for it).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from store.settings import StoreSettings


def _key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_try_advisory_lock``."""
    return int.from_bytes(hashlib.sha256(f"ailaw:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def hold_all(names: list[str]) -> Iterator[list[str]]:
    """Try to take every lock of ``names`` at once (one database connection for all of them on PostgreSQL); yields
    the names another process holds (empty: all taken). Whatever was taken is released on exit."""
    from store.db import get_engine

    engine = get_engine(StoreSettings().url)
    if engine.dialect.name != "postgresql":
        from contextlib import ExitStack

        with ExitStack() as held:
            yield [name for name in names if not held.enter_context(hold(name))]
        return
    with engine.connect() as conn:
        taken: list[str] = []
        busy: list[str] = []
        for name in names:
            got = bool(conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": _key(name)}).scalar())
            (taken if got else busy).append(name)
        conn.commit()
        try:
            yield busy
        finally:
            for name in taken:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _key(name)})
            conn.commit()


@contextmanager
def hold(name: str, *, wait: bool = False) -> Iterator[bool]:
    """Try to take the lock ``name`` (or wait for it); yields whether it was taken (released on exit)."""
    from store.db import get_engine

    settings = StoreSettings()
    engine = get_engine(settings.url)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            take = "SELECT pg_advisory_lock(:k), true" if wait else "SELECT pg_try_advisory_lock(:k)"
            row = conn.execute(sa.text(take), {"k": _key(name)}).one()
            got = bool(row[-1])
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _key(name)})
                    conn.commit()
        return
    folder = settings.home / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
