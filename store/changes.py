"""The change log: every committed change of a document, numbered in commit order. Downstream stages follow it.

Why not ``max(seq) + 1`` or autoincrement ids: with two writers (two crawls on PostgreSQL, Scrapyd jobs), the
writer that took number 6 can commit after the one that took 7; a follower that read up to 7 in between would
never see 6. Here numbers are handed out at commit time, under a lock held until the commit: the committing
transaction bumps the one ``change_counter`` row (an ``UPDATE``: a row lock on PostgreSQL, the write lock on
SQLite) as its very last statement. A second writer waits for that lock until the first has committed, so its
numbers are higher and become visible later: **the committed seqs are always a gap-free prefix**. A rolled-back
transaction gives its numbers back. The counter is the last lock a transaction takes, so it adds no deadlock.

Writers (``store.crud``) call :func:`mark` for each change; the numbers are assigned by a ``before_commit`` hook
on the session, which also sets ``Document.change_seq`` to the document's last seq.

Each row may say more than "this document changed", for followers that tell people what happened (the alert
matcher): the new event or relation, an event's date, and a ``detail`` (``new`` for an insert, a document's new
``stage`` and the ``previous`` one).

Followers (``search.indexer``; the alert matcher follows the same log with its own cursor)::

    after = crud.get_cursor(session=s, name="alerts.matcher")
    for change in changes.after(session=s, seq=after, limit=500):
        ...                                   # change.document_id, change.kind, change.version_id
    crud.set_cursor(session=s, name="alerts.matcher", value=change.seq)   # in the same transaction as its work

A follower may re-read a change after a crash between its work and its cursor write: work keyed so that doing it
twice is harmless (the indexer updates by key; an outbox row keyed by (subscription, change) is inserted once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from store.models import Change, ChangeCounter, Document, utcnow
from store.vocab import ChangeKind

COUNTER = "change"
_PENDING = "ailaw_pending_changes"


@dataclass(frozen=True)
class ChangeRead:
    seq: int
    document_id: str
    kind: str
    version_id: int | None
    event_id: int | None = None
    relation_id: int | None = None
    date: dt.date | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None


@dataclass
class _Pending:
    document_id: str
    kind: str
    version: Any = None
    event: Any = None
    relation: Any = None
    date: dt.date | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def same(self, other: _Pending) -> bool:
        return (self.document_id, self.kind, self.date, self.detail) == (
            other.document_id, other.kind, other.date, other.detail
        ) and self.version is other.version and self.event is other.event and self.relation is other.relation  # fmt: skip


def mark(session: Session, *, document_id: str, kind: ChangeKind, version: Any = None, event: Any = None,
         relation: Any = None, date: dt.date | None = None, detail: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Record that ``document_id`` changed; its seq is assigned when the session commits. ``version`` / ``event`` /
    ``relation``: the new row (its id is read at commit, after the flush that gives it one); ``date``: an event's
    date; ``detail``: what downstream stages need to say what happened (``new``, a stage and the previous one)."""
    pending: list[_Pending] = session.info.setdefault(_PENDING, [])
    entry = _Pending(document_id, str(kind), version, event, relation, date, dict(detail or {}))
    if not any(p.same(entry) for p in pending):
        pending.append(entry)


def pending_count(session: Session) -> int:
    """How many changes ``session`` has marked and not committed yet (to undo a savepoint's with
    :func:`truncate_pending`)."""
    return len(session.info.get(_PENDING, []))


def truncate_pending(session: Session, count: int) -> None:
    """Forget the changes marked after the first ``count``: their savepoint was rolled back."""
    pending = session.info.get(_PENDING)
    if pending is not None:
        del pending[count:]


def _assign(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the numbers come with the real commit
        return
    pending: list[_Pending] = session.info.pop(_PENDING, [])
    if not pending:
        return
    session.flush()
    counter = ChangeCounter.__table__  # type: ignore[attr-defined]
    n = len(pending)
    # The lock: held from here until COMMIT, so numbers follow commit order.
    updated = session.connection().execute(
        sa.update(counter).where(counter.c.name == COUNTER).values(value=counter.c.value + n)
    )
    if updated.rowcount == 0:  # a database created without the counter row (it is seeded by the migration)
        session.connection().execute(sa.insert(counter).values(name=COUNTER, value=n))
    last = session.connection().execute(sa.select(counter.c.value).where(counter.c.name == COUNTER)).scalar_one()
    first = last - n + 1
    now = utcnow()
    rows = []
    doc_seq: dict[str, int] = {}
    for offset, p in enumerate(pending):
        seq = first + offset
        rows.append({"seq": seq, "document_id": p.document_id, "kind": p.kind,
                     "version_id": getattr(p.version, "id", None), "event_id": getattr(p.event, "id", None),
                     "relation_id": getattr(p.relation, "id", None), "date": p.date, "detail": p.detail,
                     "at": now})  # fmt: skip
        doc_seq[p.document_id] = seq
    session.connection().execute(sa.insert(Change.__table__), rows)  # type: ignore[attr-defined]
    table = Document.__table__  # type: ignore[attr-defined]
    for doc_id, seq in doc_seq.items():
        session.connection().execute(sa.update(table).where(table.c.id == doc_id).values(change_seq=seq))
    for obj in list(session.identity_map.values()):  # the loaded rows say the same as the database
        if isinstance(obj, Document) and obj.id in doc_seq:
            set_committed_value(obj, "change_seq", doc_seq[obj.id])


def _forget(session: Session, *_: Any) -> None:
    session.info.pop(_PENDING, None)


event.listen(Session, "before_commit", _assign)
event.listen(Session, "after_rollback", _forget)


def _read(c: Change) -> ChangeRead:
    return ChangeRead(c.seq, c.document_id, c.kind, c.version_id, c.event_id, c.relation_id, c.date,
                      dict(c.detail or {}), c.at)  # fmt: skip


def after(*, session: Session, seq: int, limit: int | None = None) -> list[ChangeRead]:
    """Committed changes numbered above ``seq``, in order (at most ``limit``)."""
    stmt = select(Change).where(col(Change.seq) > seq).order_by(col(Change.seq))
    if limit:
        stmt = stmt.limit(limit)
    return [_read(c) for c in session.exec(stmt).all()]


def dated(*, session: Session, after_day: dt.date | None, until: dt.date,
          kinds: tuple[ChangeKind, ...] = (ChangeKind.EVENT,)) -> list[ChangeRead]:  # fmt: skip
    """Dated changes (events) whose day is after ``after_day`` and on or before ``until``: a follower that acts on
    dates (a public discussion closing on a day recorded in advance) takes them when their day comes."""
    stmt = select(Change).where(col(Change.kind).in_([str(k) for k in kinds]), col(Change.date) <= until)
    if after_day is not None:
        stmt = stmt.where(col(Change.date) > after_day)
    return [_read(c) for c in session.exec(stmt.order_by(col(Change.date), col(Change.seq))).all()]


def last_seq(*, session: Session) -> int:
    """The highest seq committed so far (a follower that starts from scratch begins its cursor here)."""
    value = session.exec(select(ChangeCounter.value).where(ChangeCounter.name == COUNTER)).first()
    return int(value or 0)
