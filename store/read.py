"""Reads for the CLI, the UI and the indexer. They return read models, never live ORM rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.models import (
    CrawlRun,
    Document,
    DocumentRead,
    Event,
    EventRead,
    Relation,
    Source,
    Version,
    VersionRead,
)
from store.vocab import INVERSE, RelationKind


@dataclass
class RelationView:
    """A relation seen from one document: outbound as stored, inbound turned around with the inverse kind."""

    kind: str
    target_id: str
    target_label: str | None
    date: Any
    detail: dict[str, Any]
    target_exists: bool
    direction: str  # "out" | "in"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "date": self.date.isoformat() if self.date else None,
            "detail": self.detail,
            "stored": self.target_exists,
        }


@dataclass
class DocumentDetail:
    document: DocumentRead
    versions: list[VersionRead]
    events: list[EventRead]
    relations: list[RelationView] = field(default_factory=list)


def get_document(*, session: Session, doc_id: str, with_text: bool = True) -> DocumentDetail | None:
    doc = session.get(Document, doc_id)
    if doc is None:
        return None
    versions = session.exec(
        select(Version)
        .where(Version.document_id == doc_id)
        .order_by(col(Version.date).is_(None), col(Version.date), col(Version.id))
    ).all()
    events = session.exec(
        select(Event)
        .where(Event.document_id == doc_id)
        .order_by(col(Event.date).is_(None), col(Event.date), col(Event.id))
    ).all()
    out_rel = session.exec(select(Relation).where(Relation.document_id == doc_id)).all()
    in_rel = session.exec(select(Relation).where(Relation.target_id == doc_id)).all()
    ids = {r.target_id for r in out_rel} | {r.document_id for r in in_rel}
    existing = set(session.exec(select(Document.id).where(col(Document.id).in_(ids))).all()) if ids else set()
    titles = (
        dict(session.exec(select(Document.id, Document.title).where(col(Document.id).in_(ids))).all()) if ids else {}
    )
    relations = [
        RelationView(r.kind, r.target_id, r.target_label or titles.get(r.target_id), r.date, r.detail or {},
                     r.target_id in existing, "out")
        for r in out_rel
    ]  # fmt: skip
    seen = {(r.kind, r.target_id) for r in relations}
    for r in in_rel:
        kind = str(INVERSE.get(RelationKind(r.kind), RelationKind.RELATED))
        if (kind, r.document_id) in seen:
            continue
        relations.append(
            RelationView(kind, r.document_id, titles.get(r.document_id), r.date, r.detail or {}, True, "in")
        )
    relations.sort(key=lambda r: (r.kind, str(r.date or ""), r.target_id))
    vreads = [VersionRead.model_validate(v) for v in versions]
    if not with_text:
        vreads = [v.model_copy(update={"text": "", "provisions": []}) for v in vreads]
    return DocumentDetail(
        document=DocumentRead.model_validate(doc),
        versions=vreads,
        events=[EventRead.model_validate(e) for e in events],
        relations=relations,
    )


def get_version(*, session: Session, version_id: int) -> VersionRead | None:
    v = session.get(Version, version_id)
    return VersionRead.model_validate(v) if v else None


def list_documents(*, session: Session, source: str | None = None) -> list[DocumentRead]:
    stmt = select(Document).order_by(col(Document.id))
    if source:
        stmt = stmt.where(Document.source == source)
    return [DocumentRead.model_validate(d) for d in session.exec(stmt).all()]


def iter_versions_after(*, session: Session, after_id: int, batch: int = 200) -> Iterator[VersionRead]:
    """Versions with id > after_id, in id order (the indexer's cursor walk)."""
    last = after_id
    while True:
        rows = session.exec(select(Version).where(col(Version.id) > last).order_by(col(Version.id)).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield VersionRead.model_validate(row)
        last = rows[-1].id or last


def documents_changed_after(*, session: Session, after_seq: int) -> list[DocumentRead]:
    rows = session.exec(
        select(Document).where(col(Document.change_seq) > after_seq).order_by(col(Document.change_seq))
    ).all()
    return [DocumentRead.model_validate(d) for d in rows]


def source_summary(*, session: Session) -> list[dict[str, Any]]:
    """Per source: documents, AI-related documents, versions, relations, events, and the last crawl run."""
    out = []
    sources = {s.key: s for s in session.exec(select(Source)).all()}
    keys = sorted(set(sources) | set(session.exec(select(Document.source).distinct()).all()))
    for key in keys:
        docs = session.exec(select(func.count()).select_from(Document).where(Document.source == key)).one()
        ai = session.exec(
            select(func.count()).select_from(Document).where(Document.source == key, Document.ai_relevant == True)  # noqa: E712
        ).one()
        versions = session.exec(
            select(func.count()).select_from(Version).join(Document).where(Document.source == key)
        ).one()
        relations = session.exec(
            select(func.count()).select_from(Relation).join(Document).where(Document.source == key)
        ).one()
        events = session.exec(
            select(func.count()).select_from(Event).join(Document).where(Document.source == key)
        ).one()
        last = session.exec(select(CrawlRun).where(CrawlRun.spider == key).order_by(col(CrawlRun.id).desc())).first()
        src = sources.get(key)
        out.append(
            {
                "source": key,
                "name": src.name if src else key,
                "jurisdiction": src.jurisdiction if src else "",
                "base_url": src.base_url if src else "",
                "documents": docs,
                "ai_documents": ai,
                "versions": versions,
                "relations": relations,
                "events": events,
                "last_run": last.finished_at.isoformat(timespec="seconds") if last and last.finished_at else None,
            }
        )
    return out


def recent_crawl_runs(*, session: Session, limit: int = 20) -> list[CrawlRun]:
    runs = session.exec(select(CrawlRun).order_by(col(CrawlRun.id).desc()).limit(limit)).all()
    for r in runs:
        session.expunge(r)
    return list(runs)


def recent_documents(*, session: Session, limit: int = 10) -> list[DocumentRead]:
    """The most recently changed documents (by change_seq)."""
    rows = session.exec(select(Document).order_by(col(Document.change_seq).desc()).limit(limit)).all()
    return [DocumentRead.model_validate(r) for r in rows]


@dataclass
class FilterValues:
    """The values the search filters can take, from what is stored."""

    jurisdictions: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None


def filter_values(*, session: Session) -> FilterValues:
    def distinct(column: Any) -> list[str]:
        return sorted({str(v) for v in session.exec(select(column).distinct()).all() if v})

    years: list[int] = []
    for column in (Document.date_adopted, Document.date_published, Document.date_introduced):
        lo, hi = session.exec(select(func.min(column), func.max(column))).one()
        years += [d.year for d in (lo, hi) if d is not None and hasattr(d, "year")]
    return FilterValues(
        jurisdictions=distinct(Document.jurisdiction),
        doc_types=distinct(Document.doc_type),
        stages=distinct(Document.stage),
        languages=distinct(Document.language),
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
    )
