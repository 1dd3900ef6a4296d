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

Followers (``search.indexer``; the alert matcher follows the same log with its own cursor)::

    after = crud.get_cursor(session=s, name="alerts.matcher")
    for change in changes.after(session=s, seq=after, limit=500):
        ...                                   # change.document_id, change.kind, change.version_id
    crud.set_cursor(session=s, name="alerts.matcher", value=change.seq)   # in the same transaction as its work

A follower may re-read a change after a crash between its work and its cursor write: work keyed so that doing it
twice is harmless (the indexer updates by key; an outbox row keyed by (subscription, change) is inserted once).
"""

from __future__ import annotations

from dataclasses import dataclass
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


def mark(session: Session, *, document_id: str, kind: ChangeKind, version: Any = None) -> None:
    """Record that ``document_id`` changed; its seq is assigned when the session commits. ``version``: the new
    Version row (its id is read at commit, after the flush that gives it one)."""
    pending: list[tuple[str, str, Any]] = session.info.setdefault(_PENDING, [])
    entry = (document_id, str(kind), version)
    if not any(p[0] == entry[0] and p[1] == entry[1] and p[2] is entry[2] for p in pending):
        pending.append(entry)


def _assign(session: Session) -> None:
    pending: list[tuple[str, str, Any]] = session.info.pop(_PENDING, [])
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
    for offset, (doc_id, kind, version) in enumerate(pending):
        seq = first + offset
        rows.append({"seq": seq, "document_id": doc_id, "kind": kind,
                     "version_id": getattr(version, "id", None), "at": now})  # fmt: skip
        doc_seq[doc_id] = seq
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


def after(*, session: Session, seq: int, limit: int | None = None) -> list[ChangeRead]:
    """Committed changes numbered above ``seq``, in order (at most ``limit``)."""
    stmt = select(Change).where(col(Change.seq) > seq).order_by(col(Change.seq))
    if limit:
        stmt = stmt.limit(limit)
    return [ChangeRead(c.seq, c.document_id, c.kind, c.version_id) for c in session.exec(stmt).all()]


def last_seq(*, session: Session) -> int:
    """The highest seq committed so far (a follower that starts from scratch begins its cursor here)."""
    value = session.exec(select(ChangeCounter.value).where(ChangeCounter.name == COUNTER)).first()
    return int(value or 0)
