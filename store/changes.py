"""The store's change log and a cursor over it that is safe with concurrent writers.

``store.crud`` calls :func:`record` in the transaction of every write a downstream stage cares about (a new
document, version, event or relation; a stage changed), so a change is in the log exactly when its write is
committed. A consumer (the alert matcher) reads what is new with :func:`read`, does its own writes, and moves its
cursor with :func:`advance` **in the same transaction**: if that transaction fails, nothing was consumed; re-running
it reads the same changes again.

Why not "the largest id seen": ids are handed out when a row is inserted, not when its transaction commits. On
PostgreSQL, with two crawls writing at once, change 12 can be committed and read while change 11 is still
uncommitted; a cursor that moved to 12 would never see 11. So on PostgreSQL every change carries the id of the
transaction that wrote it (``pg_current_xact_id()``), and :func:`read` takes only the changes of transactions older
than the oldest transaction still running (``pg_snapshot_xmin(pg_current_snapshot())``): those are all finished,
and no change can ever appear among them again. The cursor is that transaction-id bound. On SQLite, writers are
serialised by the database lock, so ids are in commit order and the cursor is the last id read.

Date-driven changes (a discussion that closes on a day recorded in advance) are taken when their day comes:
:func:`read_due` gives the dated changes whose date is after the cursor's ``day`` and on or before ``today``.

Usage::

    batch = changes.read(session=s, consumer="alerts")
    for change in batch.changes: ...
    changes.advance(session=s, consumer="alerts", batch=batch)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from store.models import Change, ChangeCursor, utcnow
from store.vocab import ChangeKind

_TXID_KEY = "ailaw.txid"


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _txid(session: Session) -> int | None:
    """The id of the current write transaction on PostgreSQL (cached for the transaction), else None."""
    if not _postgres(session):
        return None
    txn = session.get_transaction()
    cached = session.info.get(_TXID_KEY)
    if cached and cached[0] is txn:
        return int(cached[1])
    value = int(session.exec(text("SELECT pg_current_xact_id()::text::bigint")).one()[0])  # type: ignore[call-overload]
    session.info[_TXID_KEY] = (txn, value)
    return value


def record(*, session: Session, kind: ChangeKind, document_id: str, version_id: int | None = None,
           event_id: int | None = None, relation_id: int | None = None, date: dt.date | None = None,
           detail: dict[str, Any] | None = None) -> Change:  # fmt: skip
    """Add a change to the log, in the caller's transaction."""
    row = Change(kind=str(kind), document_id=document_id, version_id=version_id, event_id=event_id,
                 relation_id=relation_id, date=date, detail=dict(detail or {}), txid=_txid(session))  # fmt: skip
    session.add(row)
    return row


@dataclass
class Batch:
    changes: list[Change] = field(default_factory=list)
    position: int = 0  # the cursor after this batch
    day: dt.date | None = None


def _cursor(session: Session, consumer: str) -> ChangeCursor:
    return session.get(ChangeCursor, consumer) or ChangeCursor(name=consumer)


def head(*, session: Session) -> int:
    """The position a new consumer starts from to see only what comes after now."""
    if _postgres(session):
        return int(session.exec(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).one()[0])  # type: ignore[call-overload]
    return int(session.exec(select(Change.id).order_by(col(Change.id).desc()).limit(1)).first() or 0)


def read(*, session: Session, consumer: str) -> Batch:
    """The changes committed since ``consumer``'s cursor, in commit order (oldest first)."""
    cursor = _cursor(session, consumer)
    if _postgres(session):
        bound = head(session=session)
        rows = session.exec(
            select(Change)
            .where(col(Change.txid) >= cursor.position, col(Change.txid) < bound)
            .order_by(col(Change.txid), col(Change.id))
        ).all()
        return Batch(list(rows), max(bound, cursor.position), cursor.day)
    rows = session.exec(select(Change).where(col(Change.id) > cursor.position).order_by(col(Change.id))).all()
    position = rows[-1].id if rows else cursor.position
    return Batch(list(rows), int(position or 0), cursor.day)


def read_due(*, session: Session, consumer: str, today: dt.date,
             kinds: tuple[ChangeKind, ...] = (ChangeKind.EVENT,)) -> list[Change]:  # fmt: skip
    """Dated changes whose day has come since ``consumer`` last looked: dated after the cursor's ``day``, on or
    before ``today``. A consumer may meet one of them in :func:`read` too: it must take each change once."""
    cursor = _cursor(session, consumer)
    query = select(Change).where(col(Change.kind).in_([str(k) for k in kinds]), col(Change.date) <= today)
    if cursor.day is not None:
        query = query.where(col(Change.date) > cursor.day)
    return list(session.exec(query.order_by(col(Change.date), col(Change.id))).all())


def advance(*, session: Session, consumer: str, position: int, day: dt.date | None = None) -> None:
    """Move ``consumer``'s cursor, in the caller's transaction (commit it with the consumer's own writes)."""
    cursor = _cursor(session, consumer)
    cursor.position = max(cursor.position, position)
    if day is not None:
        cursor.day = max(cursor.day, day) if cursor.day else day
    cursor.updated_at = utcnow()
    session.add(cursor)


def start(*, session: Session, consumer: str, day: dt.date | None = None) -> None:
    """Create ``consumer``'s cursor at the head of the log (it will see only what is committed from now on)."""
    if session.get(ChangeCursor, consumer) is None:
        session.add(ChangeCursor(name=consumer, position=head(session=session), day=day))
