"""Writes. Every upsert takes keyword-only arguments and a typed item, and says what it did (Outcome).

Merging rule for documents: several responses describe one document (the Cellar notice and the act text,
the publication API and the editions bank). A value from the incoming item replaces the stored one when it
is given; lists and identifier maps are unioned; nothing given is never erased. Documents are created by the
first item that names them; relations and events may point at documents not yet stored.

A document's keys (``DocumentKey``: the other ids under which sources cite it, e.g. a Russian act's type + date +
number) follow from its identifiers alone (``store.identifiers.citation_keys``) and are kept here, by
``upsert_document``, whenever its identifiers change. A relation written or changed is a change of the document
that holds it (``change_seq`` moves): the indexer finds documents by the identifiers of the acts related to them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from store.identifiers import citation_keys
from store.items import ArchiveRef, DocumentItem, EventItem, RelationItem, VersionItem
from store.models import CrawlRun, Cursor, Document, DocumentKey, Event, Relation, Source, Version, utcnow
from store.normalize import normalize_text
from store.vocab import Outcome, Provenance

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


def _next_seq(session: Session) -> int:
    current = session.exec(select(func.max(Document.change_seq))).one()
    return (current or 0) + 1


def _touch(session: Session, doc_id: str) -> None:
    """Move a document's ``change_seq`` (and ``updated_at``): downstream cursors see it as changed."""
    doc = session.get(Document, doc_id)
    if doc is not None:
        doc.change_seq = _next_seq(session)
        doc.updated_at = utcnow()
        session.add(doc)


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
    row = session.get(Source, key)
    if row is None:
        session.add(Source(key=key, name=name, jurisdiction=jurisdiction, base_url=base_url, description=description))
    else:
        row.name, row.jurisdiction, row.base_url, row.description = name, jurisdiction, base_url, description
        session.add(row)


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
            change_seq=_next_seq(session),
        )
        row = Document.model_validate(values)
        session.add(row)
        session.flush()
        _sync_keys(session, row)
        session.flush()
        return Outcome.INSERT

    changed = False
    for key in _SCALARS:
        new = getattr(item, key)
        if new is None or new == "":
            continue
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
    row.change_seq = _next_seq(session)
    session.add(row)
    session.flush()
    _sync_keys(session, row)  # the keys follow the identifiers
    session.flush()
    return Outcome.UPDATE


def _archive_fields(ref: ArchiveRef | None) -> dict[str, Any]:
    if ref is None:
        return {}
    return {
        "archive_file": ref.warc_file,
        "archive_record_id": ref.record_id,
        "archive_offset": ref.offset,
        "reconstructed": ref.reconstructed,
    }


def _provenance(item: VersionItem) -> dict[str, Any]:
    """The version's provenance: the item's own when its parser knows it, else what its archive record says."""
    detail = dict(item.provenance_detail)
    ref = item.archive
    if item.provenance is not None:
        prov = item.provenance
    elif ref is not None and ref.provenance in set(Provenance):
        prov = Provenance(ref.provenance)
    elif ref is not None and ref.reconstructed:
        prov = Provenance.RECONSTRUCTED
    else:
        prov = Provenance.FETCHED
    if ref is not None:
        for key in ("note", "recorded_by", "recorded_at"):
            if getattr(ref, key) and key not in detail:
                detail[key] = getattr(ref, key)
    return {"provenance": str(prov), "provenance_detail": detail}


def add_version(*, session: Session, item: VersionItem) -> Outcome:
    """Store a new version unless the same normalised text is already stored for the document (``noop``)."""
    text = normalize_text(item.text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = session.exec(select(Version.id).where(Version.document_id == item.doc_id, Version.sha256 == sha)).first()
    if existing is not None:
        return Outcome.NOOP
    row = Version(
        document_id=item.doc_id,
        label=item.label,
        kind=str(item.kind),
        date=item.date,
        language=item.language,
        text=text,
        provisions=[dataclasses.asdict(p) for p in item.provisions],
        sha256=sha,
        fetched_at=item.fetched_at,
        source_url=item.source_url,
        notes=list(item.notes),
        **_archive_fields(item.archive),
        **_provenance(item),
    )
    session.add(row)
    _touch(session, item.doc_id)  # a new version is a change of the document for downstream cursors
    doc = session.get(Document, item.doc_id)
    if doc is not None and row.reconstructed:
        doc.reconstructed = True
        session.add(doc)
    session.flush()
    return Outcome.INSERT


def upsert_event(*, session: Session, item: EventItem) -> Outcome:
    row = session.exec(
        select(Event).where(Event.document_id == item.doc_id, Event.date == item.date, Event.raw == item.raw)
    ).first()
    if row is None:
        session.add(
            Event(document_id=item.doc_id, date=item.date, stage=str(item.stage), raw=item.raw,
                  actor=item.actor, reference=item.reference)
        )  # fmt: skip
        session.flush()
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
        return Outcome.UPDATE
    return Outcome.NOOP


def upsert_relation(*, session: Session, item: RelationItem) -> Outcome:
    row = session.exec(
        select(Relation).where(
            Relation.document_id == item.doc_id, Relation.kind == str(item.kind), Relation.target_id == item.target_id
        )
    ).first()
    if row is None:
        session.add(
            Relation(document_id=item.doc_id, kind=str(item.kind), target_id=item.target_id,
                     target_label=item.target_label, date=item.date, detail=dict(item.detail))
        )  # fmt: skip
        _touch(session, item.doc_id)  # the document is now found by the related act's identifiers too
        session.flush()
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
        _touch(session, item.doc_id)
        session.flush()
        return Outcome.UPDATE
    return Outcome.NOOP


# --- crawl runs -------------------------------------------------------------------------------------------


def start_crawl_run(*, session: Session, spider: str, mode: str, archive: str | None) -> int:
    run = CrawlRun(spider=spider, mode=mode, archive=archive)
    session.add(run)
    session.flush()
    assert run.id is not None
    return run.id


def finish_crawl_run(*, session: Session, run_id: int, counts: dict[str, int], errors: list[dict[str, Any]],
                     status: str = "finished") -> CrawlRun:  # fmt: skip
    run = session.get(CrawlRun, run_id)
    if run is None:
        raise LookupError(f"crawl run {run_id} does not exist")
    for key, value in counts.items():
        setattr(run, key, value)
    run.errors = list(errors)
    run.status = status
    run.finished_at = utcnow()
    session.add(run)
    session.flush()
    return run


# --- cursors ----------------------------------------------------------------------------------------------


def get_cursor(*, session: Session, name: str) -> int:
    row = session.get(Cursor, name)
    return row.value if row else 0


def set_cursor(*, session: Session, name: str, value: int) -> None:
    row = session.get(Cursor, name) or Cursor(name=name)
    row.value = value
    row.updated_at = utcnow()
    session.add(row)
