"""The one vocabulary of ailaw: stages, document types, version kinds, relation kinds, write outcomes.

Every package speaks in these values. Raw source wording maps onto them through the small rule tables
in the crawler (tested one case per line); the raw text is always kept beside the normalised value.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a document stands in its life. Ordered roughly by progress (see STAGE_ORDER)."""

    DRAFT = "draft"  # a draft under public discussion, not yet introduced
    PROPOSED = "proposed"  # an executive proposal (e.g. a Commission proposal)
    INTRODUCED = "introduced"
    COMMITTEE = "committee"
    FIRST_READING = "first-reading"
    PASSED_LOWER = "passed-lower"
    SECOND_READING = "second-reading"
    THIRD_READING = "third-reading"
    PASSED_UPPER = "passed-upper"
    AGREED = "agreed"  # provisional agreement / trilogue
    ADOPTED = "adopted"
    SIGNED = "signed"
    PUBLISHED = "published"
    IN_FORCE = "in-force"
    AMENDED = "amended"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    REPEALED = "repealed"
    EXPIRED = "expired"
    OTHER = "other"


STAGE_ORDER: dict[Stage, int] = {s: i for i, s in enumerate(Stage)}

TERMINAL_STAGES = frozenset({Stage.REJECTED, Stage.WITHDRAWN, Stage.REPEALED, Stage.EXPIRED})


class DocType(StrEnum):
    REGULATION = "regulation"
    DIRECTIVE = "directive"
    DECISION = "decision"
    PROPOSAL = "proposal"
    CORRIGENDUM = "corrigendum"
    CONSOLIDATED = "consolidated"
    FEDERAL_LAW = "federal-law"
    DECREE = "decree"  # e.g. Указ Президента
    GOVERNMENT_RESOLUTION = "government-resolution"  # Постановление Правительства
    GOVERNMENT_ORDER = "government-order"  # Распоряжение Правительства
    ORDER = "order"  # ведомственный приказ
    BILL = "bill"
    STRATEGY = "strategy"
    ACT = "act"
    GUIDANCE = "guidance"
    EXECUTIVE_ORDER = "executive-order"  # a US presidential executive order
    RULE = "rule"  # a US agency rule (final, interim final or proposed) in the Federal Register
    NOTICE = "notice"  # a US Federal Register notice
    OTHER = "other"


class VersionKind(StrEnum):
    BILL_TEXT = "bill-text"
    ORIGINAL = "original"  # the act as adopted / first published
    CONSOLIDATED = "consolidated"
    CORRIGENDUM = "corrigendum"
    DRAFT = "draft"
    EDITION = "edition"  # a dated edition (редакция) of an act in force
    TRANSLATION = "translation"
    IMPORTED = "imported"  # added by a user from a local file


class Provenance(StrEnum):
    """Where the text of a version comes from: said exactly wherever a version is shown."""

    FETCHED = "fetched"  # fetched live from the official source by ailaw (the WARC record is ours)
    COPIED = "copied"  # a copy of a named third party's recording of the official response
    RECONSTRUCTED = "reconstructed"  # rebuilt in the source's documented format from verified facts
    DOCUMENTED = "documented"  # an example built from the source's documentation, not from a response
    IMPORTED = "imported"  # a user's local file (`ailaw import`)
    OCR = "ocr"  # text recognised by OCR from a scan: never the official text layer


class RelationKind(StrEnum):
    AMENDS = "amends"
    AMENDED_BY = "amended-by"
    REPEALS = "repeals"
    REPEALED_BY = "repealed-by"
    CORRECTS = "corrects"
    CORRECTED_BY = "corrected-by"
    CONSOLIDATES = "consolidates"
    CONSOLIDATED_BY = "consolidated-by"
    ADOPTS = "adopts"  # final act -> the proposal it adopts
    PROPOSAL_OF = "proposal-of"  # proposal -> the act that adopted it
    AMENDMENT_PROPOSED_BY = "amendment-proposed-by"  # act -> pending proposal to amend it
    PROPOSES_AMENDMENT_TO = "proposes-amendment-to"
    BASED_ON = "based-on"
    BASIS_FOR = "basis-for"
    ENACTED_AS = "enacted-as"  # bill -> the law it became
    ENACTS = "enacts"  # law -> the bill it came from
    APPROVES = "approves"  # a decree approving an annexed text (a strategy)
    APPROVED_BY = "approved-by"
    DELAYS = "delays"  # an act postponing another act's effective or application date (Colorado SB25B-004)
    DELAYED_BY = "delayed-by"
    REENACTS = "re-enacts"  # repeals another act's provisions and enacts them anew (Colorado SB26-189)
    REENACTED_BY = "re-enacted-by"
    COMPANION_OF = "companion-of"  # the same bill introduced in the other chamber (NY S6953 / A6453)
    RELATED = "related"


INVERSE: dict[RelationKind, RelationKind] = {
    RelationKind.AMENDS: RelationKind.AMENDED_BY,
    RelationKind.REPEALS: RelationKind.REPEALED_BY,
    RelationKind.CORRECTS: RelationKind.CORRECTED_BY,
    RelationKind.CONSOLIDATES: RelationKind.CONSOLIDATED_BY,
    RelationKind.ADOPTS: RelationKind.PROPOSAL_OF,
    RelationKind.AMENDMENT_PROPOSED_BY: RelationKind.PROPOSES_AMENDMENT_TO,
    RelationKind.BASED_ON: RelationKind.BASIS_FOR,
    RelationKind.ENACTED_AS: RelationKind.ENACTS,
    RelationKind.APPROVES: RelationKind.APPROVED_BY,
    RelationKind.DELAYS: RelationKind.DELAYED_BY,
    RelationKind.REENACTS: RelationKind.REENACTED_BY,
    RelationKind.COMPANION_OF: RelationKind.COMPANION_OF,
    RelationKind.RELATED: RelationKind.RELATED,
}
INVERSE.update({v: k for k, v in list(INVERSE.items())})


# Kinds of the records a crawl run keeps beside its errors: a URL missing from a replayed archive, and warnings
# (e.g. "stale": the Duma API data set looks frozen) — kept and shown, never counted as failed pages.
RUN_MISS_KIND = "miss"
RUN_WARNING_KINDS = frozenset({"stale"})


def run_record_class(record: dict[str, object]) -> str:
    """'miss', 'warning' or 'error': how a crawl run's record counts.

    >>> [run_record_class({"kind": k}) for k in ("miss", "stale", "parse")]
    ['miss', 'warning', 'error']
    """
    kind = record.get("kind")
    if kind == RUN_MISS_KIND:
        return "miss"
    return "warning" if kind in RUN_WARNING_KINDS else "error"


class ChangeKind(StrEnum):
    """What a row of the change log (``store.changes``) says happened to its document."""

    DOCUMENT = "document"  # inserted (detail ``new``), or its metadata changed (a new stage: ``stage``, ``previous``)
    VERSION = "version"  # a new version (``version_id``)
    RELATION = "relation"  # a relation written (``relation_id``, detail ``new``) or changed
    EVENT = "event"  # a stage event written (``event_id``, ``date``, detail ``new``) or changed


class Outcome(StrEnum):
    """What a write did."""

    INSERT = "insert"
    UPDATE = "update"
    NOOP = "noop"


class Jurisdiction(StrEnum):
    EU = "EU"
    RU = "RU"
    US = "US"
    UK = "UK"
    CA = "CA"
    BR = "BR"
    CN = "CN"
    JP = "JP"
    KR = "KR"
    INT = "INT"


# --- changes and alerts -----------------------------------------------------------------------------------------


class SubscriptionKind(StrEnum):
    SEARCH = "search"  # a saved search: a query and the search page's filters
    DOCUMENT = "document"  # a watched document
    PROVISION = "provision"  # a watched provision, followed through renumbering into new versions
    TOPIC = "topic"  # a watched jurisdiction and/or topic (keywords)


class AlertTrigger(StrEnum):
    NEW_DOCUMENT = "new-document"
    NEW_VERSION = "new-version"
    STAGE = "stage"  # a stage change (a dated stage event, or the document's stage)
    RELATION = "relation"  # a new relation: amended by, corrected by, repealed by…
    DISCUSSION_OPENED = "discussion-opened"  # a draft's public discussion opened (on its date)
    DISCUSSION_CLOSED = "discussion-closed"  # … and closed


class AlertFrequency(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


class AlertChannel(StrEnum):
    EMAIL = "email"  # SMTP, through apprise
    WEBHOOK = "webhook"  # a signed JSON POST (Standard Webhooks: HMAC-SHA256 over id, timestamp and body)
    FEED = "feed"  # an Atom feed per subscription
    TELEGRAM = "telegram"  # a Telegram chat, through apprise


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its first try or its next retry
    SENT = "sent"
    FAILED = "failed"  # every try failed: kept, shown, and sent again by `ailaw alerts send --retry-failed`


class DeliveryKind(StrEnum):
    ALERT = "alert"  # one alert or a digest
    CONFIRM = "confirm"  # the confirmation request of a new e-mail subscription
    TEST = "test"  # `ailaw alerts test`
    OPERATOR = "operator"  # an operator alert (a sick source)
