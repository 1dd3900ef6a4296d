"""FederalRegister.gov API v1 (no key): executive orders, agency rules, proposed rules and notices -> documents with
their EO number, FR citation, RIN and docket, dates, corrections and the orders they revoke or amend.

Three shapes (us-federal.md §7): one document (``/documents/{number}.json``), a search page (``{count,
total_pages, next_page_url, results}``; ``results`` absent when count is 0) and a bare ``results`` array (the
recorded RIN chain). Published FR documents are never edited: a correction is a new document (``correction_of``;
the original lists ``corrections``), a rulemaking is a chain keyed by its RIN and docket (an id and alias of every
document of the chain, so one search finds them all), an executive order is amended or revoked by a later one
(``executive_order_notes``: "Revoked by: EO 14148, January 20, 2025"; its format is unverified live, so every form
"Revoked by / Revokes / Amended by / Amends / Supersedes / See" with an EO number is read).

Ids: an executive order ``us/eo/{number}``, any other document ``us/fr/{document_number}``. The bulk XML wrote
document numbers with en dashes until March 2024: both are normalised.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from store.identifiers import (
    executive_order_aliases,
    executive_order_doc_id,
    normalize_fr_document_number,
)
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.vocab import DocType, RelationKind, Stage

SOURCE = "us_fedreg"
API = "https://www.federalregister.gov/api/v1"
TYPES = {"Rule": DocType.RULE, "Proposed Rule": DocType.PROPOSAL, "Notice": DocType.NOTICE,
         "Presidential Document": DocType.OTHER}  # fmt: skip
_NOTE = re.compile(
    r"(Revoked by|Revokes|Amended by|Amends|Superseded by|Supersedes|See)\s*:?\s*((?:EO|E\.O\.)\s*\d{4,5}(?:[^;]*?))(?=;|$|\s(?:Revoked|Revokes|Amended|Amends|Superseded|Supersedes|See)\b)",
    re.I,
)
_EO_IN = re.compile(r"(?:EO|E\.O\.|Executive Order)\s*(?:No\.\s*)?(\d{4,5})(?:,\s*([A-Z][a-z]+ \d{1,2}, \d{4}))?")
NOTE_KINDS = {"revoked by": RelationKind.REPEALED_BY, "revokes": RelationKind.REPEALS,
              "amended by": RelationKind.AMENDED_BY, "amends": RelationKind.AMENDS,
              "superseded by": RelationKind.REPEALED_BY, "supersedes": RelationKind.REPEALS,
              "see": RelationKind.RELATED}  # fmt: skip


def _date(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def document_url(number: str) -> str:
    return f"{API}/documents/{number}.json"


def fr_doc_id(doc: dict[str, Any]) -> str | None:
    if doc.get("executive_order_number"):
        return executive_order_doc_id(doc["executive_order_number"])
    number = normalize_fr_document_number(str(doc.get("document_number") or ""))
    return f"us/fr/{number}" if number else None


def eo_note_relations(notes: str, doc_id: str) -> Iterator[RelationItem]:
    """'Revoked by: EO 14148, January 20, 2025' -> repealed-by us/eo/14148 dated 2025-01-20.

    >>> [(r.kind.value, r.target_id, str(r.date)) for r in eo_note_relations("Revoked by: EO 14148, January 20, 2025", "us/eo/14110")]
    [('repealed-by', 'us/eo/14148', '2025-01-20')]
    """
    from store.dates import parse_date

    for m in _NOTE.finditer(notes or ""):
        kind = NOTE_KINDS[m.group(1).lower()]
        for eo in _EO_IN.finditer(m.group(2)):
            when = parse_date(eo.group(2)) if eo.group(2) else None
            yield RelationItem(doc_id=doc_id, kind=kind, target_id=executive_order_doc_id(eo.group(1)),
                               target_label=f"EO {int(eo.group(1))}", date=when,
                               detail={"raw": m.group(0).strip()})  # fmt: skip


def document_items(doc: dict[str, Any], *, url: str) -> Iterator[Item]:
    doc_id = fr_doc_id(doc)
    if doc_id is None:
        yield ParseFailure(url=url, reason="Federal Register document without a document number")
        return
    number = normalize_fr_document_number(str(doc.get("document_number") or "")) or ""
    eo = str(doc.get("executive_order_number") or "")
    published, signed, effective = (
        _date(doc.get("publication_date")),
        _date(doc.get("signing_date")),
        _date(doc.get("effective_on")),
    )
    kind = DocType.EXECUTIVE_ORDER if eo else TYPES.get(str(doc.get("type") or ""), DocType.OTHER)
    rins = [r for r in doc.get("regulation_id_numbers") or [] if r]
    rins += [r for r in (doc.get("regulation_id_number_info") or {}) if r not in rins]
    dockets = [d for d in doc.get("docket_ids") or [] if d]
    identifiers = {"fr_document_number": number}
    if eo:
        identifiers["eo_number"] = eo
    if doc.get("citation"):
        identifiers["fr_citation"] = doc["citation"]
    if rins:
        identifiers["rin"] = ", ".join(rins)
    if dockets:
        identifiers["docket"] = ", ".join(dockets)
    aliases = (
        (executive_order_aliases(eo) if eo else []) + [number] + ([doc["citation"]] if doc.get("citation") else [])
    )
    aliases += [f"RIN {r}" for r in rins] + dockets
    notes_text = str(doc.get("executive_order_notes") or "")
    relations = list(eo_note_relations(notes_text, doc_id))
    stage = Stage.PROPOSED if kind == DocType.PROPOSAL else (Stage.IN_FORCE if effective or eo else Stage.PUBLISHED)
    if any(r.kind == RelationKind.REPEALED_BY for r in relations):
        stage = Stage.REPEALED
    agencies = [a.get("name") or a.get("raw_name") for a in doc.get("agencies") or [] if isinstance(a, dict)]
    president = (doc.get("president") or {}).get("name") if isinstance(doc.get("president"), dict) else None
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction="US",
        doc_type=kind,
        title=(doc.get("title") or number).strip(),
        language="en",
        identifiers=identifiers,
        aliases=aliases,
        stage=stage,
        stage_raw=notes_text or doc.get("action") or doc.get("type"),
        date_adopted=signed,
        date_published=published,
        date_in_force=effective or (signed if eo else None),
        url=doc.get("html_url"),
        summary=doc.get("abstract") or None,
        subjects=[t for t in doc.get("topics") or [] if t],
        extra={k: v for k, v in {"agencies": agencies, "president": president, "type": doc.get("type"),
                                 "action": doc.get("action"), "dates": doc.get("dates"), "pdf_url": doc.get("pdf_url"),
                                 "raw_text_url": doc.get("raw_text_url"), "full_text_xml_url": doc.get("full_text_xml_url"),
                                 "comments_close_on": doc.get("comments_close_on"), "significant": doc.get("significant"),
                                 "executive_order_notes": notes_text or None}.items() if v not in (None, [], "")},
    )  # fmt: skip
    if signed:
        yield EventItem(
            doc_id=doc_id, date=signed, stage=Stage.SIGNED, raw=f"Signed{f' by {president}' if president else ''}"
        )
    if published:
        cite = f" ({doc['citation']})" if doc.get("citation") else ""
        yield EventItem(
            doc_id=doc_id, date=published, stage=Stage.PUBLISHED, raw=f"Published in the Federal Register{cite}"
        )
    if effective:
        yield EventItem(doc_id=doc_id, date=effective, stage=Stage.IN_FORCE, raw=f"Effective {effective.isoformat()}")
    yield from relations
    for rel in relations:
        if rel.kind == RelationKind.REPEALED_BY:
            yield EventItem(
                doc_id=doc_id, date=rel.date, stage=Stage.REPEALED, raw=rel.detail["raw"], actor=rel.target_label
            )
    if doc.get("correction_of"):
        target = normalize_fr_document_number(str(doc["correction_of"]).rstrip("/").rsplit("/", 1)[-1].split(".")[0])
        if target:
            yield RelationItem(doc_id=doc_id, kind=RelationKind.CORRECTS, target_id=f"us/fr/{target}",
                               target_label=f"FR Doc. {target}")  # fmt: skip
    for corr in doc.get("corrections") or []:
        target = normalize_fr_document_number(str(corr).rstrip("/").rsplit("/", 1)[-1].split(".")[0])
        if target:
            yield RelationItem(doc_id=doc_id, kind=RelationKind.CORRECTED_BY, target_id=f"us/fr/{target}",
                               target_label=f"FR Doc. {target}")  # fmt: skip


def parse_documents(body: bytes, *, url: str) -> Iterator[Item]:
    """One document, a search page or a bare results array -> items for every document."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        yield ParseFailure(url=url, reason=f"Federal Register: the response is not JSON ({exc})")
        return
    if isinstance(data, dict) and "errors" in data:
        yield ParseFailure(url=url, reason=f"Federal Register answered with an error: {data['errors']}")
        return
    if isinstance(data, list):
        docs = data
    elif "document_number" in data:
        docs = [data]
    else:
        docs = data.get("results") or []  # absent when the search found nothing
    for doc in docs:
        if isinstance(doc, dict):
            yield from document_items(doc, url=url)
