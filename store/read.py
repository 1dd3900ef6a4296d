"""Reads for the CLI, the UI and the indexer. They return read models, never live ORM rows.

Relations are resolved when read: a relation's ``target_id`` is either a document id or a key under which a
source cites a document (``DocumentKey``: ``ru/act/decree/2024-02-15/124``, ``ru/act/2024-02-15/124``). A key that
names exactly one stored document points at it, whichever of the two was stored first; a key naming several
documents points at none of them (it is shown as cited, not stored).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.models import (
    CrawlRun,
    Document,
    DocumentAlias,
    DocumentAliasRead,
    DocumentKey,
    DocumentRead,
    Event,
    EventRead,
    Relation,
    RelationRead,
    Source,
    Version,
    VersionRead,
)
from store.vocab import INVERSE, RelationKind


@dataclass
class RelationView:
    """A relation seen from one document: outbound as stored, inbound turned around with the inverse kind.

    ``target_id`` is the other document's id: the stored one when the relation cited it by a key, and then
    ``ref`` keeps the id as cited («ru/act/2024-02-15/124» -> ``ru/pravo/…``); ``ref`` is None otherwise.
    """

    kind: str
    target_id: str
    target_label: str | None
    date: Any
    detail: dict[str, Any]
    target_exists: bool
    direction: str  # "out" | "in"
    ref: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "target_id": self.target_id,
            "ref": self.ref,
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


def resolve_keys(*, session: Session, keys: Iterable[str]) -> dict[str, str]:
    """key -> the id of the one stored document it names; keys naming no document or several are left out."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    found: dict[str, set[str]] = defaultdict(set)
    for key, doc_id in session.exec(
        select(DocumentKey.key, DocumentKey.document_id).where(col(DocumentKey.key).in_(wanted))
    ).all():
        found[key].add(doc_id)
    return {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}


def _own_keys(session: Session, doc_id: str) -> list[str]:
    """The keys of a document that name it alone (inbound relations may cite it by them)."""
    keys = session.exec(select(DocumentKey.key).where(DocumentKey.document_id == doc_id)).all()
    return [k for k, target in resolve_keys(session=session, keys=keys).items() if target == doc_id]


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
    in_rel = session.exec(
        select(Relation).where(col(Relation.target_id).in_([doc_id, *_own_keys(session, doc_id)]))
    ).all()
    targets = {r.target_id for r in out_rel}
    titles = dict(
        session.exec(
            select(Document.id, Document.title).where(col(Document.id).in_(targets | {r.document_id for r in in_rel}))
        ).all()
    )
    resolved = resolve_keys(session=session, keys=targets - set(titles))
    if missing := set(resolved.values()) - set(titles):
        titles.update(session.exec(select(Document.id, Document.title).where(col(Document.id).in_(missing))).all())

    # One view per kind and document. Outbound first, and relations naming the target by its id before those citing
    # it by a key: the first is kept and completed from the others (their ref, date, label, detail).
    views: dict[tuple[str, str], RelationView] = {}
    for r in sorted(out_rel, key=lambda r: r.target_id in resolved):
        real = resolved.get(r.target_id)
        if real is None:
            view = RelationView(r.kind, r.target_id, r.target_label or titles.get(r.target_id), r.date,
                                r.detail or {}, r.target_id in titles, "out")  # fmt: skip
        else:
            view = RelationView(r.kind, real, titles.get(real) or r.target_label, r.date, r.detail or {}, True, "out",
                                ref=r.target_id)  # fmt: skip
        _keep(views, view)
    for r in in_rel:  # the citing document is named by its id: an inbound view has no ref
        kind = str(INVERSE.get(RelationKind(r.kind), RelationKind.RELATED))
        _keep(views, RelationView(kind, r.document_id, titles.get(r.document_id), r.date, r.detail or {}, True, "in"))
    relations = sorted(views.values(), key=lambda r: (r.kind, str(r.date or ""), r.target_id))
    vreads = [VersionRead.model_validate(v) for v in versions]
    if not with_text:
        vreads = [v.model_copy(update={"text": "", "provisions": []}) for v in vreads]
    return DocumentDetail(
        document=DocumentRead.model_validate(doc),
        versions=vreads,
        events=[EventRead.model_validate(e) for e in events],
        relations=relations,
    )


def _keep(views: dict[tuple[str, str], RelationView], view: RelationView) -> None:
    """Add ``view`` unless one of the same kind and target is there; the one kept learns what it lacks."""
    kept = views.setdefault((view.kind, view.target_id), view)
    if kept is view:
        return
    kept.ref = kept.ref or view.ref
    kept.target_label = kept.target_label or view.target_label
    kept.date = kept.date or view.date
    kept.detail = {**view.detail, **kept.detail}


def relations_by_document(*, session: Session, doc_ids: Iterable[str] | None = None) -> dict[str, list[RelationRead]]:
    """Outbound relations grouped by document: of ``doc_ids``, or of every document (None). Batched queries."""
    out: dict[str, list[RelationRead]] = defaultdict(list)
    order = (col(Relation.document_id), col(Relation.id))
    if doc_ids is None:
        for row in session.exec(select(Relation).order_by(*order)).all():
            out[row.document_id].append(RelationRead.model_validate(row))
        return dict(out)
    ids = sorted(set(doc_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.exec(select(Relation).where(col(Relation.document_id).in_(chunk)).order_by(*order)).all():
            out[row.document_id].append(RelationRead.model_validate(row))
    return dict(out)


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
    subdivisions: list[str] = field(default_factory=list)  # US states as ISO 3166-2 codes ("US-CO")
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
        subdivisions=distinct(Document.subdivision),
        doc_types=distinct(Document.doc_type),
        stages=distinct(Document.stage),
        languages=distinct(Document.language),
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
    )


def aliases_by_document(
    *, session: Session, doc_ids: Iterable[str] | None = None
) -> dict[str, list[DocumentAliasRead]]:
    """The aliases (curated and users') of each document id, of the given ids or of all."""
    stmt = select(DocumentAlias).order_by(col(DocumentAlias.document_id), col(DocumentAlias.id))
    if doc_ids is not None:
        ids = list(doc_ids)
        if not ids:
            return {}
        stmt = stmt.where(col(DocumentAlias.document_id).in_(ids))
    out: dict[str, list[DocumentAliasRead]] = defaultdict(list)
    for row in session.exec(stmt):
        out[row.document_id].append(DocumentAliasRead.model_validate(row))
    return dict(out)


def current_versions(*, session: Session, doc_ids: Iterable[str] | None = None) -> dict[str, tuple[int, ...]]:
    """The ids of each document's current texts, the current version first: the latest dated version that is not
    a translation (undated versions count as oldest, the later-stored one wins on the same date), then the texts
    of equal authority in other languages (same ref, same date: Canada's English and French consolidations) and
    the latest translation into each language of any of them (the Korean AI Basic Act's English translation).
    A document with translations only has its latest translation. Reads no text."""
    stmt = sa_select(
        col(Version.id), col(Version.document_id), col(Version.date), col(Version.kind), col(Version.language),
        col(Version.ref), col(Version.original_id),
    )  # fmt: skip
    if doc_ids is not None:
        ids = list(doc_ids)
        if not ids:
            return {}
        stmt = stmt.where(col(Version.document_id).in_(ids))
    by_doc: dict[str, list[Any]] = {}
    for row in session.execute(stmt).all():
        by_doc.setdefault(row[1], []).append(row)
    return {doc_id: _current_texts(rows) for doc_id, rows in by_doc.items()}


def _current_texts(rows: list[Any]) -> tuple[int, ...]:
    """rows: (id, document_id, date, kind, language, ref, original_id) of one document's versions.

    >>> import datetime as dt
    >>> d1, d2 = dt.date(2026, 1, 22), dt.date(2026, 7, 21)
    >>> _current_texts([(5, "kr", d1, "edition", "ko", "r", None), (6, "kr", d2, "edition", "ko", "r", None),
    ...                 (4, "kr", dt.date(2026, 1, 20), "translation", "en", "r", 6)])
    (6, 4)
    >>> _current_texts([(1, "ca", d1, "consolidated", "en", "x@d", None), (8, "ca", d1, "consolidated", "fr", "x@d", None)])
    (8, 1)
    """

    def rank(row: Any) -> tuple[int, int]:
        return (row[2].toordinal() if row[2] else 0, row[0] or 0)

    originals = [r for r in rows if r[3] != "translation"] or rows
    current = max(originals, key=rank)
    chosen = [current]
    for row in sorted(originals, key=rank, reverse=True):  # the same text in other official languages
        if row[5] and row[5] == current[5] and row[2] == current[2] and row[4] not in {r[4] for r in chosen}:
            chosen.append(row)
    texts = {r[0] for r in chosen}
    for row in sorted(rows, key=rank, reverse=True):  # the latest translation of them into each language
        if row[3] == "translation" and row[6] in texts and row[4] not in {r[4] for r in chosen}:
            chosen.append(row)
    return tuple(r[0] for r in chosen)


def counterparts(versions: Iterable[Any], chosen: Any) -> list[Any]:
    """The versions to show beside ``chosen``: for a translation, its original; for an original, its translations,
    else the texts of equal authority in other languages (same ref, same date: English and French consolidations).

    >>> from types import SimpleNamespace as V
    >>> ko = V(id=1, kind="edition", language="ko", ref="kr/law/1/2", date=1, original_id=None)
    >>> en = V(id=2, kind="translation", language="en", ref="kr/law/1/2", date=0, original_id=1)
    >>> [v.id for v in counterparts([ko, en], ko)], [v.id for v in counterparts([ko, en], en)]
    ([2], [1])
    >>> fr = V(id=3, kind="consolidated", language="fr", ref="ca/x@d", date=5, original_id=None)
    >>> enc = V(id=4, kind="consolidated", language="en", ref="ca/x@d", date=5, original_id=None)
    >>> [v.id for v in counterparts([fr, enc], enc)]
    [3]
    """
    pool = [v for v in versions if v.id != chosen.id]
    if chosen.kind == "translation":
        return [v for v in pool if v.id == chosen.original_id]
    translations = [v for v in pool if v.kind == "translation" and v.original_id == chosen.id]
    if translations:
        return translations
    if not chosen.ref:
        return []
    return [v for v in pool if v.kind != "translation" and v.ref == chosen.ref and v.language != chosen.language
            and v.date == chosen.date]  # fmt: skip
