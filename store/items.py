"""Typed items: what parsers produce and what the store accepts.

Parsers are pure functions (bytes + url -> items). The crawler pipelines fill in what a parser cannot know
(fetch time, the archive record behind the response, AI relevance, detected language) and hand the items to
the store's upserts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from store.vocab import DocType, Provenance, RelationKind, Stage, VersionKind


@dataclass(kw_only=True)
class ArchiveRef:
    """Where the raw response behind an item lives: a WARC file, the record id and its byte offset."""

    warc_file: str
    record_id: str
    offset: int | None = None
    reconstructed: bool = False  # the record was rebuilt from documentation, not recorded from the source
    note: str | None = None
    # Who made the record when it is not ailaw's own fetch (store.vocab.Provenance: copied, reconstructed,
    # documented), who recorded it (a third party's repository and commit) and when (ISO date; None: unknown).
    provenance: str | None = None
    recorded_by: str | None = None
    recorded_at: str | None = None


@dataclass(kw_only=True)
class Provision:
    """One addressable node of a text: a recital, chapter, article, paragraph, annex, пункт, статья…

    ``key`` is stable and path-like ("art_5", "art_5.par_1", "anx_III", "p_5.a"), ``label`` is what the text
    itself says ("Article 5", "Статья 5", "5."), ``kind`` comes from a small English vocabulary
    (recital, citation, part, title, chapter, section, article, paragraph, point, annex, item, text).
    """

    key: str
    kind: str
    number: str | None = None
    label: str | None = None
    heading: str | None = None
    text: str = ""
    parent: str | None = None


@dataclass(kw_only=True)
class DocumentItem:
    doc_id: str  # readable and stable: eu/celex/32024R1689, ru/pravo/0001201910110003, ru/duma/1234567-8
    source: str  # the spider / source key that produced it
    jurisdiction: str
    subdivision: str | None = None  # ISO 3166-2 of a state or region whose law it is: "US-CO", "US-NY"
    doc_type: DocType = DocType.OTHER
    title: str
    original_title: str | None = None  # title in the original language when ``title`` is a translation
    language: str | None = None  # ISO 639-1 of the original
    identifiers: dict[str, str] = field(default_factory=dict)  # {"celex": ..., "eli": ..., "eo_number": ...}
    aliases: list[str] = field(default_factory=list)  # other ways people write it: "2024/1689", "№ 490"
    stage: Stage | None = None
    stage_raw: str | None = None
    date_introduced: dt.date | None = None
    date_adopted: dt.date | None = None
    date_published: dt.date | None = None
    date_in_force: dt.date | None = None
    url: str | None = None  # the official page a lawyer opens
    summary: str | None = None
    notes: list[str] = field(default_factory=list)  # said on the document, e.g. "official text is a scanned PDF"
    subjects: list[str] = field(default_factory=list)  # source subject terms (EuroVoc labels, topics)
    ai_relevant: bool | None = None  # filled by the relevance pipeline unless the parser knows better
    ai_terms: list[str] = field(default_factory=list)
    archive: ArchiveRef | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class VersionItem:
    doc_id: str
    label: str  # "OJ L 2024/1689 (12.7.2024)", "Редакция от 15.02.2024"
    kind: VersionKind
    date: dt.date | None = None
    language: str | None = None
    text: str
    provisions: list[Provision] = field(default_factory=list)
    source_url: str
    fetched_at: dt.datetime | None = None
    archive: ArchiveRef | None = None
    notes: list[str] = field(default_factory=list)
    # None: taken from the archive record (reconstructed or fetched); set by parsers that know better (OCR).
    provenance: Provenance | None = None
    provenance_detail: dict[str, Any] = field(default_factory=dict)  # recorded_by, recorded_at, note, ocr_confidence
    body_sha256: str | None = (
        None  # of the raw response body (filled by the spider): an unchanged body is not re-parsed
    )
    # The source's name of the text this version is, shared by its language versions and its translations
    # ("kr/law/014820/21311": Act No. 21311 of the AI Basic Act). A ``translation`` version is linked by the store
    # to the latest original version of its document with the same ref, whichever arrives first.
    ref: str | None = None


@dataclass(kw_only=True)
class EventItem:
    doc_id: str
    date: dt.date | None
    stage: Stage
    raw: str  # the source's own wording, kept verbatim
    actor: str | None = None
    reference: str | None = None  # document reference of the event (e.g. "8358-6 ГД", "P9_TA(2024)0138")


@dataclass(kw_only=True)
class RelationItem:
    doc_id: str
    kind: RelationKind
    target_id: str  # readable id of the other document (it may not be stored yet)
    target_label: str | None = None
    date: dt.date | None = None
    detail: dict[str, Any] = field(default_factory=dict)  # raw detail: modified provisions, languages…


@dataclass(kw_only=True)
class ParseFailure:
    """A parser's verdict that a response is not usable (a WAF page, truncated XML, malformed JSON).

    Yielded instead of raising so that the spider records it on the crawl run with its URL and goes on.
    """

    url: str
    reason: str
    kind: str = "parse"  # how the crawl run counts it: "parse", or "waf" (a bot wall instead of the document)


Item = DocumentItem | VersionItem | EventItem | RelationItem | ParseFailure
