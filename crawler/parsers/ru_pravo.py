"""publication.pravo.gov.ru (Официальное опубликование правовых актов): /api/Documents and /api/Document.

Shapes: the real search page ``pravo-publication_api-Documents_search.json`` and the detail example on the official
help page (``/api/Document?eoNumber=…`` adds ``documentType{}`` and ``signatoryAuthorities[]``). The portal gives
the *original* text only, as a PDF (``/file/pdf?eoNumber=``) that is often an image scan: we keep the metadata
document and say on it that the text is not stored.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.ru_vocab import pravo_doc_type, pravo_type_name
from store.dates import fast_date
from store.identifiers import doc_id, normalize_eo_number, normalize_ru_act_number, number_aliases, ru_pravo_act_ref
from store.items import DocumentItem, Item, ParseFailure
from store.normalize import normalize_inline
from store.vocab import Stage

logger = logging.getLogger(__name__)

# --- helpers shared by the Russian parsers (ru_duma, ru_ebpi import them from here) ---------------------------
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def load_json(body: bytes, *, url: str, source: str) -> tuple[Any, ParseFailure | None]:
    """Decode a JSON body; on failure return a ParseFailure with one clear sentence."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, ParseFailure(url=url, reason=f"{source} response is not UTF-8 text ({exc.reason}).")
    if not text.strip():
        return None, ParseFailure(url=url, reason=f"{source} returned an empty body.")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        head = normalize_inline(text[:80])
        return None, ParseFailure(
            url=url, reason=f"{source} response is not valid JSON ({exc.msg} at line {exc.lineno}): {head!r}."
        )


def one_line(raw: str | None) -> str:
    """A title on one line: `<br />` and newlines become spaces, tags dropped, NFC, spaces collapsed."""
    if not raw:
        return ""
    return normalize_inline(_TAG.sub("", _BR.sub(" ", raw)).replace("\r", " "))


SOURCE = "ru_pravo"
SOURCE_LABEL = "publication.pravo.gov.ru"
BASE = "http://publication.pravo.gov.ru"  # HTTP only: clients that upgrade to HTTPS break (dossier §2.3)

PDF_NOTE = (  # true whether or not another source (an edition of actual.pravo.gov.ru) gives ailaw the text
    "Officially published on publication.pravo.gov.ru as a PDF only (often a scanned image), which ailaw does not "
    "read as text; open the PDF: {pdf}"
)


def document_url(eo_number: str) -> str:
    return f"{BASE}/document/{eo_number}"


def pdf_url(eo_number: str) -> str:
    return f"{BASE}/file/pdf?eoNumber={eo_number}"


def _error_message(data: Any) -> str | None:
    if isinstance(data, dict) and "message" in data and "eoNumber" not in data and "items" not in data:
        return one_line(str(data.get("message") or "")) or "no message"
    return None


def parse_documents(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """`/api/Documents` search page (or a `/api/Document` detail object) -> one DocumentItem per act."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    if (message := _error_message(data)) is not None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} returned an error instead of documents: {message}")
        return
    if isinstance(data, dict) and "items" in data:
        items = data.get("items") or []
    elif isinstance(data, dict) and "eoNumber" in data:
        items = [data]
    else:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} response has neither 'items' nor 'eoNumber'.")
        return
    if not isinstance(items, list):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} response field 'items' is not a list.")
        return
    for raw in items:
        yield _document(raw, url=url)


def parse_document(body: bytes, *, url: str, **kw: Any) -> Iterator[Item]:
    """`/api/Document?eoNumber=…` detail -> one DocumentItem (same fields plus documentType and authorities)."""
    yield from parse_documents(body, url=url, **kw)


def _document(raw: Any, *, url: str) -> Item:
    if not isinstance(raw, dict):
        return ParseFailure(url=url, reason=f"{SOURCE_LABEL} item is not an object: {str(raw)[:60]!r}.")
    eo = normalize_eo_number(str(raw.get("eoNumber") or ""))
    if not eo:
        return ParseFailure(url=url, reason=f"{SOURCE_LABEL} item has no valid eoNumber: {raw.get('eoNumber')!r}.")
    complex_name = one_line(raw.get("complexName")) or one_line(raw.get("title"))
    if not complex_name:
        return ParseFailure(url=url, reason=f"{SOURCE_LABEL} item {eo} has neither complexName nor title.")

    type_obj = raw.get("documentType") if isinstance(raw.get("documentType"), dict) else {}
    type_id = raw.get("documentTypeId") or type_obj.get("id")
    type_name = type_obj.get("name") or pravo_type_name(type_id) or complex_name.split(" ")[0]
    number_raw = (raw.get("number") or "").strip()
    number = normalize_ru_act_number(number_raw) or number_raw or None
    adopted = fast_date(raw.get("documentDate") or "")
    published = fast_date(raw.get("publishDateShort") or "") or fast_date(raw.get("viewDate") or "")

    identifiers = {"eo_number": eo}
    if number:
        identifiers["number"] = number
    if raw.get("id"):
        identifiers["publication_id"] = str(raw["id"])
    if raw.get("jdRegNumber"):
        identifiers["jd_reg_number"] = str(raw["jdRegNumber"])
    # Type + date + number: the id under which SOZD and ЕБПИ captions cite this act (the store resolves it here).
    if act_ref := ru_pravo_act_ref(eo, adopted.isoformat() if adopted else None, number, complex_name, type_name):
        identifiers["act_ref"] = act_ref

    aliases: list[str] = []
    if number:
        # a bare «12» is no use as an alias (it matches everything); «№ 12» is how people cite it
        aliases += [a for a in number_aliases(number) if not a.isdigit()]
        if adopted:
            aliases.append(f"{type_name} № {number} от {adopted:%d.%m.%Y}")
    head = complex_name.split(' "')[0].split(" «")[0].strip()  # «Распоряжение Правительства РФ от 17.01.2026 № 28-р»
    if head and head != complex_name:
        aliases.append(head)

    authorities = [
        a.get("name") for a in raw.get("signatoryAuthorities") or [] if isinstance(a, dict) and a.get("name")
    ]
    extra: dict[str, Any] = {
        "document_type": type_name,
        "document_type_id": type_id,
        "signatory_authority_id": raw.get("signatoryAuthorityId"),
        "region_code": eo[:4],  # 0001 = federal; other codes are regions (dossier §3)
        "pages_count": raw.get("pagesCount"),
        "pdf_url": pdf_url(eo),
        "pdf_file_length": raw.get("pdfFileLength"),
        "view_date": raw.get("viewDate"),
    }
    if authorities:
        extra["signatory_authorities"] = authorities
    if raw.get("jdRegDate"):
        extra["jd_reg_date"] = raw.get("jdRegDate")

    return DocumentItem(
        doc_id=doc_id("ru", "pravo", eo),
        source=SOURCE,
        jurisdiction="RU",
        doc_type=pravo_doc_type(type_id, complex_name),
        title=complex_name,
        original_title=complex_name,
        language="ru",
        identifiers=identifiers,
        aliases=list(dict.fromkeys(aliases)),
        stage=Stage.PUBLISHED,
        date_adopted=adopted,
        date_published=published,
        url=document_url(eo),
        notes=[PDF_NOTE.format(pdf=pdf_url(eo))],
        extra={k: v for k, v in extra.items() if v is not None},
    )
