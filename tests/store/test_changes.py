"""The change log's cursor never skips a change committed late: on PostgreSQL with two writers at once (the second
committing first), and on SQLite."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from store import changes, db
from store.vocab import ChangeKind
from tests.store.conftest import PG_URL


def _read(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        batch = changes.read(session=s, consumer="test")
        changes.advance(session=s, consumer="test", position=batch.position)
        s.commit()
        return [c.document_id for c in batch.changes]


def _writer(engine, doc_id: str) -> Session:  # type: ignore[no-untyped-def]
    s = Session(engine)
    changes.record(session=s, kind=ChangeKind.DOCUMENT, document_id=doc_id)
    s.flush()
    return s


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="AILAW_TEST_POSTGRES_URL is not set (make test starts a server)")
def test_a_change_committed_late_is_not_skipped_on_postgres(pg):
    engine = db.get_engine()
    slow = _writer(engine, "eu/slow")  # takes its transaction id first, commits last
    fast = _writer(engine, "eu/fast")
    fast.commit()
    assert _read(engine) == []  # "fast" is committed but waits: an older writer is still open
    slow.commit()
    assert _read(engine) == ["eu/slow", "eu/fast"]  # both, in the order their transactions began
    assert _read(engine) == []
    rolled_back = _writer(engine, "eu/gone")
    rolled_back.rollback()
    assert _read(engine) == []


def test_the_sqlite_cursor_reads_each_change_once(ailaw_home):
    engine = db.get_engine()
    with Session(engine) as s:
        changes.start(session=s, consumer="test")
        s.commit()
    assert _read(engine) == []
    for doc in ("eu/a", "eu/b"):
        w = _writer(engine, doc)
        w.commit()
        w.close()
    assert _read(engine) == ["eu/a", "eu/b"]
    assert _read(engine) == []
