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
    # Why a document that is not about AI by its own text counts as AI-related: it changes an act that is
    # (``store.relevance``): {"kind": "amends", "document_id": "eu/celex/32024R1689", "title": "…"}; {} otherwise.
    ai_via: dict[str, Any] = _json(dict)
    reconstructed: bool = False  # some record behind this document was rebuilt from documentation
    extra: dict[str, Any] = _json(dict)


class Document(DocumentBase, table=True):
    id: str = Field(primary_key=True)  # eu/celex/32024R1689
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    change_seq: int = Field(default=0, index=True)  # the seq of its last change in the change log (store.changes)


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
    sha256: str = Field(index=True)  # of the normalised text
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
    # The publication chain (store.crud.add_version): versions read at one address form a stream, each superseding
    # the one before it there (0: the first). A text is a new version unless it is the stream's latest text of the
    # same date, or the same archive record replayed.
    stream: str = Field(default="", index=True)  # store.crud.stream_key(source_url)
    supersedes: int = 0
    body_sha256: str | None = None  # SHA-256 of the raw response body it was parsed from (None for imports)
    # The source's name of the text (store.items.VersionItem.ref): language versions and translations share it.
    ref: str | None = Field(default=None, index=True)
    # A translation's original: the latest non-translation version of the document with the same ref.
    original_id: int | None = Field(default=None, foreign_key="version.id", ondelete="SET NULL")


class Version(VersionBase, table=True):
    """Immutable. One row per publication: a new text, the same text re-published under a new date, or a text that
    comes back after another (a revert) each make a row; the same publication read again never does. At most one
    version supersedes another in a stream, so two writers can never fork the chain."""

    __table_args__ = (UniqueConstraint("document_id", "stream", "supersedes", name="uq_version_stream_chain"),)
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
    errors: list[dict[str, Any]] = _json(list)  # [{"url": ..., "message": ..., "kind": ...}]
    errors_by_kind: dict[str, int] = _json(dict)  # {"parse": 2, "waf": 1, "store": 0, …} (misses and warnings too)
    responses: int = 0  # responses received (live) or served from the archive (replay)
    bytes: int = 0  # bytes of those responses' bodies
    unchanged_responses: int = 0  # responses recognised as unchanged before parsing (nothing to parse or store)
    duration_s: float | None = None
    pid: int | None = None  # the crawling process, to tell a run still going from one that was killed
    host: str | None = None
    trigger: str = "manual"  # manual | schedule | scrapyd


class DocumentAliasBase(SQLModel):
    """A name under which lawyers know a document («GDPR», «закон об ЭПР», "AI Act"), with where it is used.

    ``document_id`` is not a foreign key: a curated alias may name a document that is not stored yet, and is used
    as soon as it is. ``origin`` is ``curated`` (store/reference/aliases.toml, kept in step by
    ``store.reference.aliases.sync``) or ``user`` (added with ``ailaw alias add``; never touched by the sync).
    """

    document_id: str = Field(index=True)
    alias: str
    language: str | None = None
    kind: str = "popular-name"  # popular-name | abbreviation | short-title
    source: str = Field(sa_type=Text)  # where the name is used: a citation a reader can check
    origin: str = "curated"  # curated | user


class DocumentAlias(DocumentAliasBase, table=True):
    __tablename__ = "document_alias"
    __table_args__ = (UniqueConstraint("document_id", "alias", name="uq_document_alias"),)
    id: int | None = Field(default=None, primary_key=True)


class DocumentAliasRead(DocumentAliasBase):
    id: int


class Cursor(SQLModel, table=True):
    """Where a downstream stage stands in the change log (store.changes): the last ``Change.seq`` it processed."""

    name: str = Field(primary_key=True)
    value: int = 0
    updated_at: dt.datetime = Field(default_factory=utcnow)


class Change(SQLModel, table=True):
    """The change log: one row per committed change of a document, in commit order (``store.changes``).

    ``seq`` is assigned at commit time under the ``ChangeCounter`` row lock, so a reader that has seen seq N has
    seen every change numbered below N: downstream stages (the indexer, the alert matcher) follow it by cursor.
    """

    __tablename__ = "change_log"
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    document_id: str = Field(index=True)
    kind: str  # store.vocab.ChangeKind
    version_id: int | None = None
    at: dt.datetime = Field(default_factory=utcnow)
    # What the alerts say about it: the new event or relation, the event's date (a discussion closing on a day
    # is alerted on that day), and details (``new``, a stage and the one before, an event's words).
    event_id: int | None = None
    relation_id: int | None = None
    date: dt.date | None = Field(default=None, index=True)
    detail: dict[str, Any] = _json(dict)


class ChangeCounter(SQLModel, table=True):
    """The last seq handed out (one row, ``name='change'``); updated by the committing transaction."""

    __tablename__ = "change_counter"
    name: str = Field(primary_key=True)
    value: int = 0


Index("ix_event_document_date", Event.document_id, Event.date)  # type: ignore[arg-type]


# --- alert subscriptions (the alerts package) -------------------------------------------------------------------


class Subscriber(SQLModel, table=True):
    """Someone who receives alerts, identified by their address (an e-mail address, a webhook URL, a chat)."""

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(unique=True)
    language: str = "en"  # en | ru: the language of the alerts' words
    timezone: str = "UTC"  # an IANA zone: digests and quiet hours follow it
    confirmed_at: dt.datetime | None = None  # an e-mail address receives nothing before it is confirmed
    confirm_token_sha256: str | None = Field(default=None, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)


class SubscriptionBase(SQLModel):
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True, ondelete="CASCADE")
    kind: str  # store.vocab.SubscriptionKind
    name: str = Field(sa_type=Text)
    query: str | None = Field(default=None, sa_type=Text)  # saved search / topic keywords
    exact: bool = False  # a saved search without concept expansion (the words as typed only)
    concept: str | None = Field(default=None, index=True)  # a topic: a thesaurus concept id (any of its labels)
    filters: dict[str, Any] = _json(dict)  # the search page's filters (jurisdiction, doc_type, stage, language…)
    document_id: str | None = Field(default=None, index=True)
    provision_key: str | None = None  # followed: updated when the provision moves in a new version
    provision_label: str | None = None
    triggers: list[str] = _json(list)  # store.vocab.AlertTrigger values
    frequency: str = "immediate"  # store.vocab.AlertFrequency
    quiet_start: str | None = None  # "22:00" in the subscriber's time zone: nothing is sent until quiet_end
    quiet_end: str | None = None
    cap: int = 20  # entries per alert; the rest are counted in an "N more" line
    channel: str = "email"  # store.vocab.AlertChannel
    target: str = Field(sa_type=Text)  # the e-mail address, the webhook URL, the Telegram chat id, or "feed"
    feed_token: str = Field(index=True)  # names the subscription's Atom feed
    active: bool = True
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_digest_at: dt.datetime | None = None


class Subscription(SubscriptionBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class SubscriptionRead(SubscriptionBase):
    id: int


class AlertMatchBase(SQLModel):
    subscription_id: int = Field(foreign_key="subscription.id", index=True, ondelete="CASCADE")
    change_seq: int = Field(foreign_key="change_log.seq", index=True)
    trigger: str  # store.vocab.AlertTrigger
    document_id: str
    version_id: int | None = None
    entry: dict[str, Any] = _json(dict)  # what the alert says, in English and Russian (alerts.content)
    delivery_id: int | None = Field(default=None, foreign_key="alertdelivery.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)


class AlertMatch(AlertMatchBase, table=True):
    """A change that concerns a subscription: recorded once (unique), before anything is sent."""

    __table_args__ = (UniqueConstraint("subscription_id", "change_seq", name="uq_alertmatch"),)
    id: int | None = Field(default=None, primary_key=True)


class AlertMatchRead(AlertMatchBase):
    id: int


class AlertDeliveryBase(SQLModel):
    """One message to send (the outbox): an alert or a digest, a confirmation request, a test, an operator alert."""

    kind: str = "alert"  # store.vocab.DeliveryKind
    subscriber_id: int | None = Field(default=None, foreign_key="subscriber.id", index=True, ondelete="CASCADE")
    subscription_id: int | None = Field(default=None, index=True)  # a feed's entries belong to one subscription
    channel: str  # store.vocab.AlertChannel, or "operator"
    target: str = Field(sa_type=Text)
    subject: str = Field(sa_type=Text)
    text: str = Field(sa_type=Text)
    html: str = Field(default="", sa_type=Text)
    payload: dict[str, Any] = _json(dict)  # the webhook's JSON body
    status: str = Field(default="pending", index=True)  # store.vocab.DeliveryStatus
    attempts: int = 0
    next_attempt_at: dt.datetime = Field(default_factory=utcnow, index=True)
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: dt.datetime = Field(default_factory=utcnow)
    sent_at: dt.datetime | None = None


class AlertDelivery(AlertDeliveryBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class AlertDeliveryRead(AlertDeliveryBase):
    id: int


Index("ix_change_log_kind_date", Change.kind, Change.date)  # type: ignore[arg-type]
