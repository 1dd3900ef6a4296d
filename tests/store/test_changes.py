"""The change log as the alerts read it: a late commit is never skipped (PostgreSQL, two writers at once), each
change says what happened (a new event with its date, a new relation, a stage and the one before), and dated
changes come due on their day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from store import changes, crud, db
from store.items import DocumentItem, EventItem, RelationItem
from store.vocab import ChangeKind, DocType, RelationKind, Stage
from tests.store.conftest import PG_URL


def _read(engine, after: int) -> list[changes.ChangeRead]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        return changes.after(session=s, seq=after)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="AILAW_TEST_POSTGRES_URL is not set (make test starts a server)")
def test_a_change_committed_late_is_not_skipped_on_postgres(pg):
    engine = db.get_engine()
    slow, fast = Session(engine), Session(engine)
    changes.mark(slow, document_id="eu/slow", kind=ChangeKind.DOCUMENT)
    slow.flush()  # the slow writer began first…
    changes.mark(fast, document_id="eu/fast", kind=ChangeKind.DOCUMENT)
    fast.commit()  # …the fast one commits first
    seen = [c.document_id for c in _read(engine, 0)]
    assert seen == ["eu/fast"]
    cursor = _read(engine, 0)[-1].seq
    slow.commit()
    assert [c.document_id for c in _read(engine, cursor)] == ["eu/slow"]  # after the cursor: not skipped
    gone = Session(engine)
    changes.mark(gone, document_id="eu/gone", kind=ChangeKind.DOCUMENT)
    gone.rollback()
    assert _read(engine, cursor + 1) == []


def test_each_change_says_what_happened_and_dated_ones_come_due(ailaw_home):
    closes = dt.date(2026, 12, 31)
    with db.session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id="ru/test/1", source="t", jurisdiction="RU",
                                                          doc_type=DocType.BILL, title="Проект", stage=Stage.DRAFT))  # fmt: skip
    with db.session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id="ru/test/1", source="t", jurisdiction="RU",
                                                          doc_type=DocType.BILL, title="Проект",
                                                          stage=Stage.INTRODUCED))  # fmt: skip
        for date, raw in [(dt.date(2026, 12, 1), "Публичное обсуждение: начало"),
                          (closes, "Публичное обсуждение: окончание")]:  # fmt: skip
            crud.upsert_event(session=s, item=EventItem(doc_id="ru/test/1", date=date, stage=Stage.DRAFT, raw=raw))
        crud.upsert_relation(session=s, item=RelationItem(doc_id="ru/test/1", kind=RelationKind.AMENDS,
                                                          target_id="ru/test/0", target_label="Закон"))  # fmt: skip
    with db.session_scope() as s:
        log = changes.after(session=s, seq=0)
        assert [(c.kind, c.detail.get("new")) for c in log] == [
            ("document", True), ("document", None), ("event", True), ("event", True), ("relation", True)]  # fmt: skip
        assert log[1].detail == {"stage": "introduced", "previous": "draft"}
        assert log[3].event_id is not None and log[3].date == closes and log[3].detail["raw"].endswith("окончание")
        assert log[4].relation_id is not None and log[4].detail["target_id"] == "ru/test/0"
        due = changes.dated(session=s, after_day=dt.date(2026, 12, 1), until=dt.date(2026, 12, 30))
        assert due == []
        (closing,) = changes.dated(session=s, after_day=dt.date(2026, 12, 1), until=closes)
        assert closing.seq == log[3].seq
