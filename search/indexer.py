"""Build the Whoosh index from the store: incrementally by cursors (``index_new``) or from scratch (``rebuild``).

Cursor (store.models.Cursor) ``search.changes``: the last seq of the store's change log (``store.changes``)
indexed. The log is numbered in commit order, so a change committed late by a concurrent writer is never skipped.
A changed document's metadata is re-indexed; a new version is indexed (versions are immutable: once each); when a
value copied onto its versions changed (stage, type, AI relevance, identifiers, titles, names…), the document's
already indexed versions are re-indexed too, so filters and facets never disagree between the two kinds. Event
changes are left to the stages that need them (the index holds no events).

A document's metadata index document also carries the identifier keys of the acts its relations name
(``same_ident``, ``related_ident``: see search.schema); writing a relation moves the document's change_seq
(store.crud), so it is re-indexed. The relations are read in one batch per run, not per document.

Names: a document's short titles and popular names go to the ``name_*`` fields (its aliases that are not
identifiers, the name a Russian title quotes, and the store's ``document_alias`` rows, which
``store.reference.aliases.sync`` keeps in step with the curated file at the start of every run). Versions carry
the document's titles and names too, so every word of a query may match either.

Passages: the provisions of each document's *current* texts (store.read.current_versions: its current version,
the same text in its other official languages, their latest translations) are indexed as passages
(search.passages). When a document gets a newer version, or its shared values change, its passages
are replaced; older versions keep no passages, so the index grows with documents, not with versions.

The index is committed before the cursor moves, so a crash in between only repeats work (every write is an
``update_document`` on the unique ``key``); a writer killed mid-way leaves only unreferenced segment files that the
next commit removes (and a rebuild's temporary directory, removed by the next rebuild). An index that cannot be
opened is rebuilt from the database. The caller's session commits the cursor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select
from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.writing import IndexWriter

from search.analysis import CJK, field_language, guess_language, keep_lemmas
from search.idents import detect_identifiers, document_keys, related_keys
from search.passages import passages
from search.readers import MARKER, _marker_ok, open_index, open_passages  # noqa: F401 - open_index: public here too
from search.schema import (
    KIND_DOCUMENT,
    KIND_VERSION,
    PASSAGES,
    SCHEMA_VERSION,
    body_field,
    build_passage_schema,
    build_schema,
    name_field,
    title_field,
)
from search.settings import index_dir_or_default
from search.world_analysis import PIECES, remember_pieces
from search.writer import AnalysingMpWriter, AnalysingWriter
from store import changes
from store.crud import get_cursor, process_alive, set_cursor
from store.models import Cursor, Document, DocumentAliasRead, DocumentRead, RelationRead, Version, VersionRead
from store.read import aliases_by_document, current_versions, get_version, iter_versions_after, relations_by_document
from store.reference import aliases as curated_aliases
from store.reference.numbering import numbering_for
from store.vocab import ChangeKind, RelationKind

logger = logging.getLogger(__name__)

CHANGES_CURSOR = "search.changes"
_OLD_CURSORS = ("search.versions", "search.documents")  # before the change log: such an index is rebuilt once
_INDEXED_KINDS = frozenset({str(ChangeKind.DOCUMENT), str(ChangeKind.VERSION), str(ChangeKind.RELATION)})
WRITER_TIMEOUT_S = 60.0

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexStats:
    """What an indexing run wrote: Whoosh documents for store Documents (metadata) and for Versions (text)."""

    documents: int
    versions: int
    seconds: float


# --- field values -------------------------------------------------------------------------------------------------


def document_date(doc: DocumentRead) -> dt.date | None:
    """The date a document is filtered and faceted by: adopted, else published, introduced, in force."""
    return doc.date_adopted or doc.date_published or doc.date_introduced or doc.date_in_force


def _as_datetime(d: dt.date | None) -> dt.datetime | None:
    return dt.datetime(d.year, d.month, d.day) if d else None


def _shared_fields(doc: DocumentRead) -> dict[str, Any]:
    """Document-level values carried by both kinds of index documents."""
    keys = document_keys(doc.id, (doc.identifiers or {}).values(), doc.aliases or [])
    out: dict[str, Any] = {
        "doc_id": doc.id,
        "jurisdiction": (doc.jurisdiction or "").lower(),
        "subdivision": (doc.subdivision or "").lower(),
        "doc_type": doc.doc_type or "",
        "stage": doc.stage or "",
        "ai_relevant": bool(doc.ai_relevant),
        "ident": ",".join(sorted(keys)),
    }
    return {k: v for k, v in out.items() if v != ""}


def _signature(doc: DocumentRead, aliases: Iterable[DocumentAliasRead] = ()) -> str:
    """The values copied onto versions and passages: when it changes, they are re-indexed."""
    values = {**_shared_fields(doc), "titles": [doc.title, doc.original_title],
              "names": document_names(doc, aliases)}  # fmt: skip
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def _add_text(bucket: dict[str, list[str]], text: str | None, lang: str | None) -> None:
    if text and text.strip():
        bucket.setdefault(field_language(guess_language(text, lang)), []).append(text)


#: Relations to the same act in another form or stage: found by its identifiers right below the act itself.
SAME_ACT_KINDS = frozenset(
    str(k) for k in (RelationKind.ENACTED_AS, RelationKind.ENACTS, RelationKind.ADOPTS, RelationKind.PROPOSAL_OF,
                     RelationKind.CONSOLIDATES, RelationKind.CONSOLIDATED_BY, RelationKind.CORRECTS,
                     RelationKind.CORRECTED_BY)
)  # fmt: skip


def _related_fields(relations: Iterable[RelationRead]) -> dict[str, str]:
    """``same_ident`` and ``related_ident``: the keys of the acts named by a document's outbound relations."""
    keys: dict[str, set[str]] = {"same_ident": set(), "related_ident": set()}
    for rel in relations:
        aliases = (rel.detail or {}).get("aliases") or []
        field = "same_ident" if rel.kind in SAME_ACT_KINDS else "related_ident"
        keys[field] |= related_keys(rel.target_id, rel.target_label, [str(a) for a in aliases if a])
    return {field: ",".join(sorted(values)) for field, values in keys.items() if values}


_QUOTED_NAME = re.compile(r"^[^\"«“]*?\s[\"«“](?P<name>.{8,})[\"»”]\s*$")


def quoted_name(title: str | None) -> str | None:
    """The name a Russian act's title quotes: «Указ … от 10.10.2019 № 490 "О развитии …"» -> «О развитии …».

    >>> quoted_name('Федеральный закон от 31.07.2020 № 258-ФЗ "Об экспериментальных правовых режимах"')
    'Об экспериментальных правовых режимах'
    >>> quoted_name("Regulation (EU) 2024/1689") is None
    True

    Only an act's own title quotes its name after its number; a bill that amends a law quotes the law's name, which
    is not the bill's:

    >>> quoted_name('О внесении изменений в Федеральный закон "Об образовании в Российской Федерации"') is None
    True
    """
    m = _QUOTED_NAME.match(title or "")
    return m["name"].strip() if m and "№" in m.string[: m.start("name")] else None


def is_name(alias: str) -> bool:
    """An alias that names a document rather than numbering it (no identifier, no digits).

    >>> is_name("Artificial Intelligence Act"), is_name("Regulation (EU) 2024/1689"), is_name("№ 490")
    (True, False, False)
    """
    return not re.search(r"\d", alias) and not detect_identifiers(alias)[0]


def document_names(doc: DocumentRead, aliases: Iterable[DocumentAliasRead] = ()) -> list[str]:
    """A document's short titles and popular names: source aliases that are names, the name its title quotes,
    and the store's aliases (curated and users')."""
    out: list[str] = []
    for name in (*(a for a in doc.aliases or [] if is_name(a)), quoted_name(doc.title), quoted_name(doc.original_title),
                 *(a.alias for a in aliases)):  # fmt: skip
        if name and name not in out:
            out.append(name)
    return out


def _text_fields(doc: DocumentRead, names: Sequence[str]) -> dict[str, str]:
    """The title and name fields of a document, each text in the field of its language."""
    titles: dict[str, list[str]] = {}
    named: dict[str, list[str]] = {}
    _add_text(titles, doc.title, doc.language)
    _add_text(titles, doc.original_title, doc.language)
    for alias in doc.aliases or []:
        if not is_name(alias):
            _add_text(titles, alias, doc.language)
    for name in names:
        _add_text(named, name, doc.language)
    fields = {title_field(lang): "\n".join(parts) for lang, parts in titles.items()}
    fields.update({name_field(lang): "\n".join(parts) for lang, parts in named.items()})
    return fields


def document_fields(
    doc: DocumentRead, relations: Iterable[RelationRead] = (), aliases: Iterable[DocumentAliasRead] = ()
) -> dict[str, Any]:
    """The metadata index document of a store Document (``relations``: its outbound relations; ``aliases``: its
    rows of the ``document_alias`` table)."""
    bodies: dict[str, list[str]] = {}
    _add_text(bodies, doc.summary, doc.language)
    for subject in doc.subjects or []:
        _add_text(bodies, subject, doc.language)
    date = document_date(doc)
    fields: dict[str, Any] = {
        "key": f"d:{doc.id}",
        "kind": KIND_DOCUMENT,
        **_shared_fields(doc),
        "title": doc.title,
        "original_title": doc.original_title,
        "url": doc.url,
        "sig": _signature(doc, aliases),
    }
    fields.update(_related_fields(relations))
    if doc.language:
        fields["language"] = doc.language.lower()
    if date:
        fields["date"] = _as_datetime(date)
        fields["year"] = date.year
    fields.update(_text_fields(doc, document_names(doc, aliases)))
    for lang, parts in bodies.items():
        fields[body_field(lang)] = "\n".join(parts)
    return fields


def version_fields(
    version: VersionRead, doc: DocumentRead, aliases: Iterable[DocumentAliasRead] = ()
) -> dict[str, Any]:
    """The text index document of a Version: its text in the body field of its language, and the document's
    titles and names (so a query's words may match either)."""
    lang = version.language or doc.language
    date = document_date(doc) or version.date  # filters and facets count documents by the document's date
    fields: dict[str, Any] = {
        "key": f"v:{version.id}",
        "kind": KIND_VERSION,
        "version_id": version.id,
        **_shared_fields(doc),
        "label": version.label,
        "text_z": zlib.compress(version.text.encode("utf-8"), 6),
    }
    if lang:
        fields["language"] = lang.lower()
    if date:
        fields["date"] = _as_datetime(date)
        fields["year"] = date.year
    fields.update(_text_fields(doc, document_names(doc, aliases)))
    if version.text.strip():
        fields[body_field(field_language(lang or guess_language(version.text)))] = version.text
    return fields


def passage_fields(version: VersionRead, doc: DocumentRead) -> Iterator[dict[str, Any]]:
    """The passage index documents of a version (one per provision with its own text; search.passages)."""
    lang = version.language or doc.language
    flang = field_language(lang or guess_language(version.text))
    numbering = numbering_for(doc.id, version.sha256)
    provisions = version.provisions or []
    if not provisions and version.text.strip():
        # A text stored without provisions is split the way every other path splits it (texts.split).
        from texts.split import split_provisions

        split = split_provisions(version.text, jurisdiction=doc.jurisdiction, language=lang)
        provisions = [dataclasses.asdict(p) for p in split]
    cursor = 0
    for p in passages(provisions, language=lang, numbering=numbering):
        fields: dict[str, Any] = {
            "key": f"p:{version.id}:{p.key}",
            "doc_id": doc.id,
            "version_id": version.id,
            "language": (lang or flang).lower(),
            "prov_key": p.key,
            "prov_label": p.label,
            "official": p.official,
        }
        # Where its text is in the version's text (read for highlights from the version's stored text); a text
        # that is not there word for word is stored itself.
        at = version.text.find(p.text, cursor) if p.text else -1
        if at < 0 and p.text:
            at = version.text.find(p.text)
        if at >= 0:
            fields["span"] = (at, at + len(p.text))
            cursor = at
        elif p.text:
            fields["text_z"] = zlib.compress(p.text.encode("utf-8"), 6)
        if p.cites:
            fields["cite"] = ",".join(p.cites)
        if p.text:
            fields[body_field(flang)] = p.text
        if p.heading:
            fields[title_field(flang)] = p.heading
        yield fields


def keep_cjk_pieces(version: VersionRead, doc: DocumentRead, passage_docs: Iterable[Mapping[str, Any]]) -> None:
    """Analyse once, at indexing, the Chinese, Japanese and Korean texts that a hit's highlights read — the
    version's text and its provisions' texts — and keep what the engine made of them in ``cache/`` beside the index
    (``search.world_analysis.PieceStore``): a search then shows a Korean act's highlights without loading Kiwi.
    Each text in the language the highlights will read it in (``search.query._highlights``, ``_passage_hits``)."""
    texts: dict[str, list[str]] = {}

    def add(text: str | None, lang: str) -> None:
        if text and lang in CJK:
            texts.setdefault(lang, []).append(text)

    lang = version.language or doc.language  # as version_fields stores it
    add(version.text, field_language(lang.lower() if lang else guess_language(version.text)))
    for fields in passage_docs:
        start_end = fields.get("span")
        text = version.text[start_end[0] : start_end[1]] if start_end else None
        if text is None and fields.get("text_z"):
            text = zlib.decompress(fields["text_z"]).decode("utf-8")
        if text:
            add(text, field_language(fields.get("language") or guess_language(text)))
    for lang, found in texts.items():
        remember_pieces(found, lang)


def keep_cjk_titles(doc: DocumentRead) -> None:
    """The titles' pieces, as ``keep_cjk_pieces`` keeps the texts' (a hit with no text of its own shows its title)."""
    for title in (doc.title, doc.original_title):
        if title and (lang := field_language(guess_language(title, doc.language))) in CJK:
            remember_pieces([title], lang)


# --- index directory ------------------------------------------------------------------------------------------------


def _create(path: Path) -> Index:
    path.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(path), build_schema())
    whoosh_index.create_in(str(path), build_passage_schema(), indexname=PASSAGES)
    (path / MARKER).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    return ix


def _writer(ix: Index, procs: int = 1) -> IndexWriter:
    if procs > 1:
        return AnalysingMpWriter(ix, procs=procs, limitmb=256, multisegment=True)
    return AnalysingWriter(ix, limitmb=256, timeout=WRITER_TIMEOUT_S, delay=0.25)


def _read_document(session: Session, doc_id: str, cache: dict[str, DocumentRead]) -> DocumentRead | None:
    if doc_id not in cache:
        row = session.get(Document, doc_id)
        if row is None:
            return None
        cache[doc_id] = DocumentRead.model_validate(row)
    return cache[doc_id]


# --- incremental ----------------------------------------------------------------------------------------------------


def _replace_passages(writer: IndexWriter, doc_id: str) -> None:
    writer.delete_by_term("doc_id", doc_id)


def _needs_rebuild(session: Session, path: Path) -> str | None:
    """Why the index at ``path`` must be rebuilt rather than updated, or None."""
    if not whoosh_index.exists_in(str(path)):
        return None if not path.exists() or not any(path.iterdir()) else "it cannot be read"
    if not _marker_ok(path):
        return "it has another schema version"
    if session.get(Cursor, CHANGES_CURSOR) is None:
        return "it was built before the change log" if any(session.get(Cursor, n) for n in _OLD_CURSORS) else None
    try:
        whoosh_index.open_dir(str(path)).doc_count()
        whoosh_index.open_dir(str(path), indexname=PASSAGES).doc_count()
    except Exception as exc:  # a writer killed while it wrote the table of contents
        return f"it cannot be read ({type(exc).__name__})"
    return None


def index_new(*, session: Session, index_dir: Path | None = None) -> IndexStats:
    """Index what changed since the cursor; create the index when missing. An index written by another schema
    version, one built before the change log, or one that cannot be read is rebuilt instead (said in the log)."""
    started = time.perf_counter()
    path = index_dir_or_default(index_dir)
    renamed = curated_aliases.sync(session=session, log=False)  # documents whose curated names changed: indexed now
    reason = _needs_rebuild(session, path)
    if reason or not whoosh_index.exists_in(str(path)):
        if reason:
            logger.warning("search index %s: %s; rebuilding it from the database", path, reason)
        return rebuild(session=session, index_dir=path)
    ix = whoosh_index.open_dir(str(path))
    PIECES.use(path)
    cursor = get_cursor(session=session, name=CHANGES_CURSOR)
    pending = changes.after(session=session, seq=cursor)
    last = pending[-1].seq if pending else cursor
    relevant = [c for c in pending if c.kind in _INDEXED_KINDS]
    doc_ids = list(dict.fromkeys([*(c.document_id for c in relevant), *sorted(renamed)]))
    new_version_ids = sorted({c.version_id for c in relevant if c.kind == str(ChangeKind.VERSION) and c.version_id})
    docs_cache: dict[str, DocumentRead] = {}
    n_docs = n_versions = 0
    changed = [DocumentRead.model_validate(d) for d in session.exec(
        select(Document).where(col(Document.id).in_(doc_ids))).all()] if doc_ids else []  # fmt: skip
    relations = relations_by_document(session=session, doc_ids=[d.id for d in changed])
    aliases = aliases_by_document(session=session, doc_ids=doc_ids)
    current = current_versions(session=session, doc_ids=doc_ids)
    repassage: set[str] = set()  # documents whose passages are rewritten from their current version
    new_current: dict[int, VersionRead] = {}
    writer = _writer(ix)
    pwriter: IndexWriter | None = None
    try:
        with ix.searcher() as searcher:
            for doc in changed:
                docs_cache[doc.id] = doc
                old = searcher.document(key=f"d:{doc.id}")
                new = document_fields(doc, relations.get(doc.id, ()), aliases.get(doc.id, ()))
                writer.update_document(**new)
                keep_cjk_titles(doc)
                n_docs += 1
                if old is not None and old.get("sig") != new["sig"]:
                    # Values copied onto versions changed: re-index the versions already in the index.
                    rows = session.exec(
                        select(Version).where(Version.document_id == doc.id, col(Version.id).not_in(new_version_ids))
                    ).all()
                    for row in rows:
                        writer.update_document(**version_fields(VersionRead.model_validate(row), doc,
                                                                aliases.get(doc.id, ())))  # fmt: skip
                        n_versions += 1
                    repassage.add(doc.id)
        for start in range(0, len(new_version_ids), 200):
            chunk = new_version_ids[start : start + 200]
            for row in session.exec(select(Version).where(col(Version.id).in_(chunk)).order_by(col(Version.id))):
                version = VersionRead.model_validate(row)
                parent = _read_document(session, version.document_id, docs_cache)
                if parent is not None:
                    writer.update_document(**version_fields(version, parent, aliases.get(parent.id, ())))
                    if version.id not in current.get(parent.id, ()):
                        keep_cjk_pieces(version, parent, ())  # a current version's, with its passages below
                    n_versions += 1
                    if version.id in current.get(parent.id, ()):
                        repassage.add(parent.id)
                        new_current[version.id] = version
        if repassage:
            pwriter = _writer(open_passages(path))
            for doc_id in sorted(repassage):
                parent = _read_document(session, doc_id, docs_cache)
                _replace_passages(pwriter, doc_id)
                if parent is None:
                    continue
                for vid in current.get(doc_id, ()):
                    current_version = new_current.get(vid) or get_version(session=session, version_id=vid)
                    if current_version is not None:
                        pdocs = list(passage_fields(current_version, parent))
                        for fields in pdocs:
                            pwriter.add_document(**fields)
                        keep_cjk_pieces(current_version, parent, pdocs)
    except BaseException:
        writer.cancel()
        if pwriter is not None:
            pwriter.cancel()
        raise
    if n_docs or n_versions:
        writer.commit()
    else:
        writer.cancel()
    if pwriter is not None:
        pwriter.commit()
    keep_lemmas()  # the Russian words' lemmas, for searches (search.analysis.ru_lemmas)
    set_cursor(session=session, name=CHANGES_CURSOR, value=last)
    session.flush()
    stats = IndexStats(documents=n_docs, versions=n_versions, seconds=time.perf_counter() - started)
    logger.info("search index: %d documents, %d versions in %.1f s", stats.documents, stats.versions, stats.seconds)
    return stats


# --- rebuild --------------------------------------------------------------------------------------------------------


def write_all(
    ix: Index,
    documents: Iterable[DocumentRead],
    versions: Iterable[VersionRead],
    *,
    total: int = 0,
    progress: Progress | None = None,
    procs: int = 1,
    relations: Mapping[str, Sequence[RelationRead]] | None = None,
    aliases: Mapping[str, Sequence[DocumentAliasRead]] | None = None,
    current: Mapping[str, Sequence[int]] | None = None,
) -> tuple[int, int]:
    """Add every document and version to a fresh index (no update lookups); returns the counts.
    ``relations``: the outbound relations of each document id (``store.read.relations_by_document``);
    ``aliases``: its ``document_alias`` rows; ``current``: its current texts' version ids (whose provisions become
    passages; ``store.read.current_versions``)."""
    docs = {d.id: d for d in documents}
    relations = relations or {}
    aliases = aliases or {}
    current = current or {}
    n_docs = n_versions = 0
    writer = _writer(ix, procs)
    pwriter = _writer(whoosh_index.open_dir(ix.storage.folder, indexname=PASSAGES))  # type: ignore[attr-defined]
    PIECES.use(Path(ix.storage.folder))  # type: ignore[attr-defined]
    try:
        for doc in docs.values():
            writer.add_document(**document_fields(doc, relations.get(doc.id, ()), aliases.get(doc.id, ())))
            keep_cjk_titles(doc)
            n_docs += 1
            if progress:
                progress(n_docs, total)
        for version in versions:
            parent = docs.get(version.document_id)
            if parent is None:
                continue
            writer.add_document(**version_fields(version, parent, aliases.get(parent.id, ())))
            pdocs = list(passage_fields(version, parent)) if version.id in current.get(parent.id, ()) else []
            for fields in pdocs:
                pwriter.add_document(**fields)
            keep_cjk_pieces(version, parent, pdocs)
            n_versions += 1
            if progress:
                progress(n_docs + n_versions, total)
    except BaseException:
        writer.cancel()
        pwriter.cancel()
        raise
    writer.commit()
    pwriter.commit()
    keep_lemmas()  # the Russian words' lemmas, for searches (search.analysis.ru_lemmas)
    return n_docs, n_versions


def rebuild(*, session: Session, index_dir: Path | None = None, progress: Progress | None = None) -> IndexStats:
    """Recreate the index from the database in a temporary directory, then swap it in.

    A failed rebuild leaves the previous index untouched. ``progress(done, total)`` is called after each
    document and version written.
    """
    started = time.perf_counter()
    path = index_dir_or_default(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    curated_aliases.sync(session=session, log=False)
    # Snapshot the cursor first: anything committed meanwhile is indexed now or by the next index_new.
    seq = changes.last_seq(session=session)
    from sqlalchemy import func

    total = (session.exec(select(func.count()).select_from(Document)).one() or 0) + (
        session.exec(select(func.count()).select_from(Version)).one() or 0
    )
    for leftover in path.parent.glob(f".{path.name}.*-*"):  # what a killed rebuild left behind
        if leftover.name.rsplit("-", 1)[-1].isdigit() and not process_alive(int(leftover.name.rsplit("-", 1)[-1])):
            shutil.rmtree(leftover, ignore_errors=True)
    tmp = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        ix = _create(tmp)
        documents = (DocumentRead.model_validate(d) for d in session.exec(select(Document).order_by(Document.id)))
        n_docs, n_versions = write_all(
            ix, documents, iter_versions_after(session=session, after_id=0), total=total, progress=progress,
            relations=relations_by_document(session=session), aliases=aliases_by_document(session=session),
            current=current_versions(session=session),
        )  # fmt: skip
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    set_cursor(session=session, name=CHANGES_CURSOR, value=seq)
    session.flush()
    stats = IndexStats(documents=n_docs, versions=n_versions, seconds=time.perf_counter() - started)
    logger.info("search index rebuilt: %d documents, %d versions in %.1f s", n_docs, n_versions, stats.seconds)
    return stats
