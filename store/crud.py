"""Writes. Every upsert takes keyword-only arguments and a typed item, and says what it did (Outcome).

Merging rule for documents: several responses describe one document (the Cellar notice and the act text,
the publication API and the editions bank). A value from the incoming item replaces the stored one when it
is given; lists and identifier maps are unioned; nothing given is never erased. Documents are created by the
first item that names them; relations and events may point at documents not yet stored.

Every write that changes a document is marked in the change log (``store.changes``), numbered in commit order;
``Document.change_seq`` is the number of its last change. Downstream stages follow that log by cursor.

A document's keys (``DocumentKey``: the other ids under which sources cite it, e.g. a Russian act's type + date +
number) follow from its identifiers alone (``store.identifiers.citation_keys``) and are kept here, by
``upsert_document``, whenever its identifiers change. A relation written or changed is a change of the document
that holds it (``change_seq`` moves): the indexer finds documents by the identifiers of the acts related to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from store import changes, relevance
from store.identifiers import citation_keys
from store.items import ArchiveRef, DocumentItem, EventItem, Provision, RelationItem, VersionItem
from store.models import (
    CrawlRun,
    Cursor,
    Document,
    DocumentAlias,
    DocumentKey,
    Event,
    Relation,
    Source,
    Version,
    utcnow,
)
from store.normalize import normalize_text
from store.settings import StoreSettings
from store.vocab import ChangeKind, Outcome, Provenance, VersionKind

_SCALARS = (
    "source", "jurisdiction", "subdivision", "doc_type", "title", "original_title", "language", "stage", "stage_raw",
    "date_introduced", "date_adopted", "date_published", "date_in_force", "url", "summary", "ai_relevant",
)  # fmt: skip
_LISTS = ("aliases", "notes", "subjects", "ai_terms")


def text_sha256(text: str) -> str:
    """SHA-256 of the normalised text: the identity of a version's content."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    out = list(old)
    for v in new:
        if v not in out:
            out.append(v)
    return out


def stream_key(source_url: str) -> str:
    """The stream a version belongs to: the address it was read at (its SHA-256, to keep the key short).

    >>> stream_key("https://x") == stream_key("https://x") != stream_key("https://y")
    True
    """
    return hashlib.sha256(source_url.encode("utf-8")).hexdigest()


def _touch(session: Session, doc_id: str, kind: ChangeKind, version: Version | None = None, **said: Any) -> None:
    """Mark a change of a document (``updated_at`` now; its seq in the change log at commit). ``said``: what the
    change log says about it (``changes.mark``: the new event or relation, a date, a detail)."""
    doc = session.get(Document, doc_id)
    if doc is not None:
        doc.updated_at = utcnow()
        session.add(doc)
        changes.mark(session, document_id=doc_id, kind=kind, version=version, **said)


def _sync_keys(session: Session, doc: Document) -> None:
    """Make the stored keys of ``doc`` those its identifiers give (``citation_keys``)."""
    wanted = set(citation_keys(doc.identifiers or {}))
    have = set(session.exec(select(DocumentKey.key).where(DocumentKey.document_id == doc.id)).all())
    for key in sorted(wanted - have):
        session.add(DocumentKey(key=key, document_id=doc.id))
    if have - wanted:
        session.exec(
            delete(DocumentKey).where(
                col(DocumentKey.document_id) == doc.id, col(DocumentKey.key).in_(sorted(have - wanted))
            )
        )


def ensure_source(
    *, session: Session, key: str, name: str, jurisdiction: str, base_url: str, description: str = ""
) -> None:
    ensure_sources(session=session, sources=[{"key": key, "name": name, "jurisdiction": jurisdiction,
                                              "base_url": base_url, "description": description}])  # fmt: skip


def ensure_sources(*, session: Session, sources: list[dict[str, str]]) -> None:
    """Each source's row (key, name, jurisdiction, base_url, description) added, or brought up to date where it
    differs. Core statements on the session's connection: a crawl that opens its runs uses no ORM query (configuring
    the mappers and compiling a first ORM query were most of the cost of opening them)."""
    table = Source.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    keys = [source["key"] for source in sources]
    stored = {row.key: row for row in conn.execute(sa_select(table).where(table.c.key.in_(keys)))}
    new = [dict(source) for source in sources if source["key"] not in stored]
    if new:
        conn.execute(sa_insert(table), new)
    for source in sources:
        row = stored.get(source["key"])
        if row is not None and any(getattr(row, k) != v for k, v in source.items()):
            conn.execute(sa_update(table).where(table.c.key == source["key"]).values(**source))
    for source in sources:
        _expire_held(session, Source, source["key"])


def upsert_document(*, session: Session, item: DocumentItem) -> Outcome:
    """Insert or merge a document; ``noop`` when the item adds nothing new."""
    row = session.get(Document, item.doc_id)
    reconstructed = bool(item.archive and item.archive.reconstructed)
    if row is None:
        values = {k: getattr(item, k) for k in _SCALARS}
        values["doc_type"] = str(item.doc_type)
        values["stage"] = str(item.stage) if item.stage else None
        values.update({k: list(getattr(item, k)) for k in _LISTS})
        values.update(
            id=item.doc_id,
            identifiers=dict(item.identifiers),
            extra=dict(item.extra),
            reconstructed=reconstructed,
        )
        row = Document.model_validate(values)
        session.add(row)
        session.flush()
        _sync_keys(session, row)
        session.flush()
        changes.mark(session, document_id=row.id, kind=ChangeKind.DOCUMENT, detail={"new": True, "stage": row.stage})
        relevance.refresh(session=session, doc_ids=[row.id])  # relations stated about it before it was stored
        return Outcome.INSERT

    changed = False
    stage_before = row.stage
    for key in _SCALARS:
        new = getattr(item, key)
        if new is None or new == "":
            continue
        if key == "ai_relevant" and not new and row.ai_via:
            continue  # AI-related through a relation (store.relevance): metadata does not undo it
        if key in ("doc_type", "stage"):
            new = str(new)
            # A generic type never overwrites a specific one learned from another response.
            if key == "doc_type" and new == "other":
                continue
        if getattr(row, key) != new:
            setattr(row, key, new)
            changed = True
    for key in _LISTS:
        merged = _union(getattr(row, key) or [], getattr(item, key))
        if merged != (getattr(row, key) or []):
            setattr(row, key, merged)
            changed = True
    for key in ("identifiers", "extra"):
        merged_map = {**(getattr(row, key) or {}), **getattr(item, key)}
        if merged_map != (getattr(row, key) or {}):
            setattr(row, key, merged_map)
            changed = True
    if reconstructed and not row.reconstructed:
        row.reconstructed = True
        changed = True
    if not changed:
        return Outcome.NOOP
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    _sync_keys(session, row)  # the keys follow the identifiers
    session.flush()
    moved = {"stage": row.stage, "previous": stage_before} if row.stage != stage_before else {}
    changes.mark(session, document_id=row.id, kind=ChangeKind.DOCUMENT, detail=moved)
    # the acts changing it are AI-related now, or relations citing it by a new key have found it
    relevance.refresh(session=session, doc_ids=[row.id])
    return Outcome.UPDATE


def _archive_fields(ref: ArchiveRef | None) -> dict[str, Any]:
    if ref is None:
        return {}
    return {
        "archive_file": StoreSettings().stored_path(ref.warc_file),  # relative to the data home when inside it
        "archive_record_id": ref.record_id,
        "archive_offset": ref.offset,
        "reconstructed": ref.reconstructed,
    }


def _provenance(item: VersionItem) -> dict[str, Any]:
    """The version's provenance: the item's own when its parser knows it, else what its archive record says
    (a record copied from a third party's recording names who recorded it and when; a reconstructed one says so;
    a record ailaw wrote itself is ``fetched``)."""
    detail = dict(item.provenance_detail)
    ref = item.archive
    if item.provenance is not None:
        prov = item.provenance
    elif ref is not None and ref.provenance:
        prov = Provenance(ref.provenance)
    elif ref is not None and ref.reconstructed:
        prov = Provenance.RECONSTRUCTED
    else:
        prov = Provenance.FETCHED
    if ref is not None:
        for key, value in (("recorded_by", ref.recorded_by), ("recorded_at", ref.recorded_at), ("note", ref.note)):
            if value and key not in detail:
                detail[key] = value
    return {"provenance": str(prov), "provenance_detail": detail}


def _same_publication(session: Session, item: VersionItem, sha: str, stream: str) -> tuple[bool, int]:
    """(already stored?, id of the version the new one would supersede in its stream).

    The same publication, read again, is: the same archive record with the same text (a replay); or, at the same
    address, the latest text there with the same date (an unchanged re-crawl); or, read at an address that has
    given nothing yet, a stored version of the document with the same text and date (one publication served at
    two addresses). Anything else is a new publication: a changed text, the same text under a new date, or a text
    that comes back after another one at that address (a revert A → B → A).
    """
    # the columns it compares, not whole rows: a version's text and provisions are large
    doc_versions = select(col(Version.id), col(Version.sha256), col(Version.date)).where(
        Version.document_id == item.doc_id
    )
    if item.archive is not None and item.archive.record_id:
        replayed = session.exec(
            doc_versions.where(Version.archive_record_id == item.archive.record_id, Version.sha256 == sha)
        ).first()
        if replayed is not None:
            return True, 0
    latest = session.exec(doc_versions.where(Version.stream == stream).order_by(col(Version.id).desc())).first()
    if latest is not None:
        latest_id, latest_sha, latest_date = latest
        return (latest_sha == sha and latest_date == item.date), latest_id or 0
    elsewhere = session.exec(doc_versions.where(Version.sha256 == sha, Version.date == item.date)).first()
    return elsewhere is not None, 0


_PROVISION_FIELDS = tuple(f.name for f in dataclasses.fields(Provision))


def _provision_row(p: Provision) -> dict[str, Any]:
    """``dataclasses.asdict`` of a provision (its fields are strings), without asdict's deep copies."""
    return {name: getattr(p, name) for name in _PROVISION_FIELDS}


def add_version(*, session: Session, item: VersionItem) -> Outcome:
    """Store the item as a new version unless it is a publication already stored (``noop``; see
    :func:`_same_publication`). The new row supersedes the latest version of its stream; the unique chain
    constraint makes a concurrent writer that appended first win, and the loser's transaction fail (retried by
    the caller, it then finds the publication stored or appends after it)."""
    text = normalize_text(item.text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stream = stream_key(item.source_url)
    stored, supersedes = _same_publication(session, item, sha, stream)
    if stored:
        return Outcome.NOOP
    row = Version(
        document_id=item.doc_id,
        label=item.label,
        kind=str(item.kind),
        date=item.date,
        language=item.language,
        text=text,
        provisions=[_provision_row(p) for p in item.provisions],
        sha256=sha,
        fetched_at=item.fetched_at,
        source_url=item.source_url,
        notes=list(item.notes),
        stream=stream,
        supersedes=supersedes,
        body_sha256=item.body_sha256,
        ref=item.ref,
        **_archive_fields(item.archive),
        **_provenance(item),
    )
    session.add(row)
    session.flush()
    if item.ref:
        link_translations(session=session, doc_id=item.doc_id, ref=item.ref)
    _touch(session, item.doc_id, ChangeKind.VERSION, row, date=row.date,  # a new version is a change of the document
           detail={"new": True, "label": row.label, "kind": row.kind})  # fmt: skip
    doc = session.get(Document, item.doc_id)
    if doc is not None and row.reconstructed:
        doc.reconstructed = True
        session.add(doc)
    session.flush()
    return Outcome.INSERT


def link_translations(*, session: Session, doc_id: str, ref: str) -> int:
    """Point every translation of ``doc_id`` with ``ref`` at the latest original version with that ref (by date,
    then id); returns how many links changed. Called on every new version with a ref: an original may arrive after
    its translation, or a newer phase of the same act (same ref) may replace the one a translation pointed at."""
    rows = session.exec(select(Version).where(Version.document_id == doc_id, Version.ref == ref)).all()
    originals = [v for v in rows if v.kind != str(VersionKind.TRANSLATION)]
    target = max(originals, key=lambda v: (v.date or dt.date.min, v.id or 0)).id if originals else None
    changed = 0
    for v in rows:
        if v.kind == str(VersionKind.TRANSLATION) and v.original_id != target:
            v.original_id = target
            session.add(v)
            changed += 1
    if changed:
        session.flush()
    return changed


EVENT_CACHE = "ailaw.events"  # session.info key: a write batch's events by document, read once per document


def _stored_event(session: Session, item: EventItem) -> Event | None:
    """The stored event of ``item`` (same document, date and text). In a session with an event cache (a crawl's
    write batch, ``session.info[EVENT_CACHE]``: its owner empties it when a savepoint is rolled back), a document's
    events are read once, not once per event."""
    cache: dict[str, dict[tuple[Any, str], Event]] | None = session.info.get(EVENT_CACHE)
    if cache is None:
        return session.exec(
            select(Event).where(Event.document_id == item.doc_id, Event.date == item.date, Event.raw == item.raw)
        ).first()
    known = cache.get(item.doc_id)
    if known is None:
        known = {}
        for row in session.exec(select(Event).where(Event.document_id == item.doc_id).order_by(col(Event.id))):
            known.setdefault((row.date, row.raw), row)
        cache[item.doc_id] = known
    return known.get((item.date, item.raw))


def upsert_event(*, session: Session, item: EventItem) -> Outcome:
    row = _stored_event(session, item)
    if row is None:
        event = Event(document_id=item.doc_id, date=item.date, stage=str(item.stage), raw=item.raw,
                      actor=item.actor, reference=item.reference)  # fmt: skip
        session.add(event)
        cache = session.info.get(EVENT_CACHE)
        if cache is not None:
            cache[item.doc_id][(item.date, item.raw)] = event  # flushed with its item's savepoint
        else:
            session.flush()
        _touch(session, item.doc_id, ChangeKind.EVENT, event=event, date=item.date,
               detail={"new": True, "stage": event.stage, "raw": event.raw, "actor": event.actor})  # fmt: skip
        return Outcome.INSERT
    changed = False
    for key in ("stage", "actor", "reference"):
        new = getattr(item, key)
        new = str(new) if key == "stage" else new
        if new is not None and getattr(row, key) != new:
            setattr(row, key, new)
            changed = True
    if changed:
        session.add(row)
        session.flush()
        _touch(session, item.doc_id, ChangeKind.EVENT)
        return Outcome.UPDATE
    return Outcome.NOOP


def upsert_relation(*, session: Session, item: RelationItem) -> Outcome:
    row = session.exec(
        select(Relation).where(
            Relation.document_id == item.doc_id, Relation.kind == str(item.kind), Relation.target_id == item.target_id
        )
    ).first()
    if row is None:
        relation = Relation(document_id=item.doc_id, kind=str(item.kind), target_id=item.target_id,
                            target_label=item.target_label, date=item.date, detail=dict(item.detail))  # fmt: skip
        session.add(relation)
        _touch(session, item.doc_id, ChangeKind.RELATION, relation=relation,  # found by the related act's ids too
               detail={"new": True, "kind": relation.kind, "target_id": relation.target_id,
                       "target_label": relation.target_label})  # fmt: skip
        session.flush()
        relevance.refresh(session=session, doc_ids=[item.doc_id, item.target_id])
        return Outcome.INSERT
    changed = False
    for key in ("target_label", "date"):
        new = getattr(item, key)
        if new is not None and getattr(row, key) != new:
            setattr(row, key, new)
            changed = True
    merged = {**(row.detail or {}), **item.detail}
    if merged != (row.detail or {}):
        row.detail = merged
        changed = True
    if changed:
        session.add(row)
        _touch(session, item.doc_id, ChangeKind.RELATION)
        session.flush()
        return Outcome.UPDATE
    return Outcome.NOOP


# --- crawl runs -------------------------------------------------------------------------------------------


def start_crawl_run(*, session: Session, spider: str, mode: str, archive: str | None, trigger: str = "manual",
                    settings: StoreSettings | None = None) -> int:  # fmt: skip
    """Open a ``running`` run; ``settings``: the store's, when the caller has read them (for the archive's path)."""
    run = {"spider": spider, "mode": mode, "archive": archive, "trigger": trigger}
    return open_crawl_runs(session=session, runs=[run], settings=settings)[0][0]


def open_crawl_runs(*, session: Session, runs: list[dict[str, Any]],
                    settings: StoreSettings | None = None) -> list[tuple[int, dt.datetime]]:  # fmt: skip
    """Insert ``running`` runs (each a dict of ``spider``, ``mode``, ``archive``, ``trigger``) with one statement;
    returns each run's (id, started_at), in order. Every other column takes the CrawlRun model's default, as an
    ORM insert would; a Core statement, so no ORM query is compiled for it."""
    import os
    import socket

    settings = settings or StoreSettings()
    pid, host = os.getpid(), socket.gethostname()
    rows = []
    for run in runs:
        archive = run.get("archive")
        row = _model_defaults(CrawlRun)
        row.update(spider=run["spider"], mode=run["mode"], archive=settings.stored_path(archive) if archive else None,
                   pid=pid, host=host, trigger=run.get("trigger") or "manual")  # fmt: skip
        rows.append(row)
    table = CrawlRun.__table__  # type: ignore[attr-defined]
    ids = session.connection().execute(sa_insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [(run_id, row["started_at"]) for (run_id,), row in zip(ids.all(), rows, strict=True)]


def _model_defaults(model: Any) -> dict[str, Any]:
    """The values a new row of ``model`` takes when none is given (its fields' defaults and default factories)."""
    primary = {column.name for column in model.__table__.primary_key}  # given by the database
    out = {}
    for name, field in model.model_fields.items():
        if name in primary:
            continue
        if field.default_factory is not None:
            out[name] = field.default_factory()  # type: ignore[call-arg]
        elif not field.is_required():
            out[name] = field.default
    return out


def finish_crawl_run(*, session: Session | Connection, run_id: int, counts: dict[str, Any], errors: list[dict[str, Any]],
                     status: str = "finished", started_at: dt.datetime | None = None) -> None:  # fmt: skip
    """Close a run with its counts (any CrawlRun column: items, new_versions, responses, bytes…) and records;
    ``errors_by_kind`` and ``duration_s`` are derived here. ``started_at``: the run's, when the caller knows it
    (the run is then updated without being read first). ``session`` may be a Connection in a transaction (a crawl
    closes its runs without a Session: store.db.connection_scope)."""
    conn = session if isinstance(session, Connection) else session.connection()
    by_kind: dict[str, int] = {}
    for record in errors:
        kind = str(record.get("kind") or "error")
        by_kind[kind] = by_kind.get(kind, 0) + 1
    if started_at is None:
        table = CrawlRun.__table__  # type: ignore[attr-defined]
        started_at = conn.execute(sa_select(table.c.started_at).where(table.c.id == run_id)).scalar()
        if started_at is None:
            raise LookupError(f"crawl run {run_id} does not exist")
    finished_at = utcnow()
    values = {**counts, "errors": list(errors), "errors_by_kind": by_kind, "status": status,
              "finished_at": finished_at, "duration_s": (_aware(finished_at) - _aware(started_at)).total_seconds()}  # fmt: skip
    done = conn.execute(_finish_statement(), {**values, "run_id_": run_id})
    if done.rowcount != 1:
        raise LookupError(f"crawl run {run_id} does not exist")
    if isinstance(session, Session):
        _expire_held(session, CrawlRun, run_id)


@functools.cache
def _finish_statement() -> Any:
    """The UPDATE of a run being closed, built once: the columns set are the parameters given (built per call, the
    statement cost more than its execution)."""
    table = CrawlRun.__table__  # type: ignore[attr-defined]
    return sa_update(table).where(table.c.id == bindparam("run_id_"))


def _expire_held(session: Session, model: Any, key: Any) -> None:
    """A row this session holds, written by a Core statement, is read again when next used. (A session that holds
    nothing is not asked: looking a row up configures the ORM's mappers.)"""
    if not session.identity_map:
        return
    held = session.identity_map.get(session.identity_key(model, key))
    if held is not None:
        session.expire(held)


def _aware(when: Any) -> Any:
    import datetime as dt

    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def close_interrupted_runs(*, session: Session) -> list[int]:
    """Runs still marked ``running`` whose process on this host is gone (killed, crashed): ``interrupted``.

    A run of another host is left alone (its process cannot be checked from here). Core statements (no ORM query):
    every crawl process runs this once before opening its runs."""
    import os
    import socket

    host = socket.gethostname()
    table = CrawlRun.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    running = conn.execute(
        sa_select(table.c.id, table.c.pid, table.c.errors, table.c.errors_by_kind)
        .where(table.c.status == "running", table.c.host == host)
        .order_by(table.c.id)
    ).all()
    closed = []
    for run_id, pid, errors, by_kind in running:
        if pid is None or pid == os.getpid() or process_alive(pid):
            continue
        record = {"url": "", "kind": "interrupted", "message": f"the crawl process {pid} ended before the run closed"}
        conn.execute(sa_update(table).where(table.c.id == run_id).values(
            status="interrupted", finished_at=utcnow(), errors=[*(errors or []), record],
            errors_by_kind={**(by_kind or {}), "interrupted": 1}))  # fmt: skip
        _expire_held(session, CrawlRun, run_id)
        closed.append(run_id)
    return closed


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this host is still running (a zombie is not)."""
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) is not running
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


# --- cursors ----------------------------------------------------------------------------------------------


def get_cursor(*, session: Session, name: str) -> int:
    row = session.get(Cursor, name)
    return row.value if row else 0


def set_cursor(*, session: Session, name: str, value: int) -> None:
    row = session.get(Cursor, name) or Cursor(name=name)
    row.value = value
    row.updated_at = utcnow()
    session.add(row)


# --- document aliases ---------------------------------------------------------------------------------------------


def upsert_alias(
    *, session: Session, document_id: str, alias: str, source: str, language: str | None = None,
    kind: str = "popular-name", origin: str = "curated", log: bool = True,
) -> Outcome:  # fmt: skip
    """Add or update the alias ``alias`` of ``document_id``; a change is a change of the document in the change log
    (the indexer re-indexes it; no news for alerts), unless ``log`` is False (the indexer's own sync of the
    curated list, which indexes the documents it changed at once). A user's alias is never overwritten by a
    curated one."""
    alias = " ".join(alias.split())
    if not alias or not source.strip():
        raise ValueError("an alias needs a name and a source")
    row = session.exec(
        select(DocumentAlias).where(DocumentAlias.document_id == document_id, DocumentAlias.alias == alias)
    ).first()
    values: dict[str, Any] = {"language": language, "kind": kind, "source": source.strip(), "origin": origin}
    if row is None:
        session.add(DocumentAlias(document_id=document_id, alias=alias, **values))
        outcome = Outcome.INSERT
    elif (row.origin == "user" and origin != "user") or all(getattr(row, k) == v for k, v in values.items()):
        return Outcome.NOOP  # unchanged, or a user's own alias that a curated entry must not overwrite
    else:
        for k, v in values.items():
            setattr(row, k, v)
        session.add(row)
        outcome = Outcome.UPDATE
    if log:
        _touch(session, document_id, ChangeKind.DOCUMENT, detail={"alias": alias})
    session.flush()
    return outcome


def delete_alias(*, session: Session, document_id: str, alias: str, log: bool = True) -> bool:
    """Remove an alias; True when one was removed (logged as a change of the document unless ``log`` is False)."""
    row = session.exec(
        select(DocumentAlias).where(DocumentAlias.document_id == document_id, DocumentAlias.alias == alias)
    ).first()
    if row is None:
        return False
    session.delete(row)
    if log:
        _touch(session, document_id, ChangeKind.DOCUMENT, detail={"alias": alias})
    session.flush()
    return True
