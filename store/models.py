"""SQLModel tables and their read models.

Family pattern: ``*Base`` (shared fields) -> table model -> ``*Read`` (what the CLI and UI receive; they never
hold live ORM rows). JSON columns become JSONB on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

JSONType = JSON().with_variant(JSONB(), "postgresql")


def _json(default: type[list[Any]] | type[dict[str, Any]]) -> Any:
    return Field(default_factory=default, sa_type=JSONType)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Source(SQLModel, table=True):
    key: str = Field(primary_key=True)  # the spider name: eu_cellar, ru_pravo, ru_duma
    name: str
    jurisdiction: str
    base_url: str
    description: str = ""


class DocumentBase(SQLModel):
    source: str = Field(index=True)
    jurisdiction: str = Field(index=True)
    subdivision: str | None = Field(default=None, index=True)  # ISO 3166-2 of a state: "US-CO" (facet "state")
    doc_type: str = Field(index=True)
    title: str = Field(sa_type=Text)
    original_title: str | None = Field(default=None, sa_type=Text)
    language: str | None = None
    identifiers: dict[str, str] = _json(dict)
    aliases: list[str] = _json(list)
    stage: str | None = Field(default=None, index=True)
    stage_raw: str | None = Field(default=None, sa_type=Text)
    date_introduced: dt.date | None = None
    date_adopted: dt.date | None = None
    date_published: dt.date | None = None
    date_in_force: dt.date | None = None
    url: str | None = None
    summary: str | None = Field(default=None, sa_type=Text)
    notes: list[str] = _json(list)
    subjects: list[str] = _json(list)
    ai_relevant: bool | None = Field(default=None, index=True)
    ai_terms: list[str] = _json(list)
    reconstructed: bool = False  # some record behind this document was rebuilt from documentation
    extra: dict[str, Any] = _json(dict)


class Document(DocumentBase, table=True):
    id: str = Field(primary_key=True)  # eu/celex/32024R1689
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    change_seq: int = Field(default=0, index=True)  # grows on every insert/update; downstream cursors follow it


class DocumentKey(SQLModel, table=True):
    """Another id under which sources cite a stored document (``store.identifiers.citation_keys``): a Russian act
    cited by type + date + number (``ru/act/decree/2024-02-15/124``) or by date + number only. Kept by
    ``crud.upsert_document`` from the document's identifiers; ``read.get_document`` resolves relations through it.
    One key may name several documents (an untyped ref, two acts of one day): such a key resolves to none of them.
    """

    key: str = Field(primary_key=True)  # first column of the primary key: lookups by key use its index
    document_id: str = Field(foreign_key="document.id", primary_key=True, index=True, ondelete="CASCADE")


class DocumentRead(DocumentBase):
    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    change_seq: int


class VersionBase(SQLModel):
    document_id: str = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    label: str
    kind: str
    date: dt.date | None = None
    language: str | None = None
    text: str = Field(sa_type=Text)
    provisions: list[dict[str, Any]] = _json(list)
    sha256: str = Field(index=True)
    fetched_at: dt.datetime | None = None
    first_seen_at: dt.datetime = Field(default_factory=utcnow)
    source_url: str
    archive_file: str | None = None
    archive_record_id: str | None = None
    archive_offset: int | None = None
    reconstructed: bool = False
    notes: list[str] = _json(list)
    provenance: str = Field(default="fetched", index=True)  # store.vocab.Provenance
    provenance_detail: dict[str, Any] = _json(dict)  # recorded_by, recorded_at, note, ocr_confidence…


class Version(VersionBase, table=True):
    """Immutable: a new text makes a new row; the same normalised text never does."""

    __table_args__ = (UniqueConstraint("document_id", "sha256", name="uq_version_document_sha"),)
    id: int | None = Field(default=None, primary_key=True)


class VersionRead(VersionBase):
    id: int


class EventBase(SQLModel):
    document_id: str = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    date: dt.date | None = None
    stage: str
    raw: str = Field(sa_type=Text)
    actor: str | None = None
    reference: str | None = None


class Event(EventBase, table=True):
    __table_args__ = (UniqueConstraint("document_id", "date", "raw", name="uq_event"),)
    id: int | None = Field(default=None, primary_key=True)


class EventRead(EventBase):
    id: int


class RelationBase(SQLModel):
    document_id: str = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    kind: str
    target_id: str = Field(index=True)
    target_label: str | None = Field(default=None, sa_type=Text)
    date: dt.date | None = None
    detail: dict[str, Any] = _json(dict)


class Relation(RelationBase, table=True):
    __table_args__ = (UniqueConstraint("document_id", "kind", "target_id", name="uq_relation"),)
    id: int | None = Field(default=None, primary_key=True)


class RelationRead(RelationBase):
    id: int


class CrawlRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    spider: str = Field(index=True)
    started_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    status: str = "running"  # running | finished | failed
    mode: str = "live"  # live | replay
    archive: str | None = None  # the WARC written (live) or read (replay)
    items: int = 0
    new_documents: int = 0
    updated_documents: int = 0
    new_versions: int = 0
    unchanged: int = 0
    misses: int = 0  # URLs not found in a replayed archive
    errors: list[dict[str, Any]] = _json(list)  # [{"url": ..., "message": ...}]


class Cursor(SQLModel, table=True):
    """Last processed id of a downstream stage (the indexer follows versions and documents by cursor)."""

    name: str = Field(primary_key=True)
    value: int = 0
    updated_at: dt.datetime = Field(default_factory=utcnow)


Index("ix_event_document_date", Event.document_id, Event.date)  # type: ignore[arg-type]
