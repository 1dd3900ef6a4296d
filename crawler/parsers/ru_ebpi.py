"""actual.pravo.gov.ru (ЕБПИ, банк редакций): ``redactions`` and ``redtext`` JSON.

Built from the source dossier §2.4 (an undocumented JSON API known from public client code, e.g.
BKSLab/legal_sync_service ``app/clients/pravo_ebpi.py``): ``redactions`` answers ``{"redactions": [edition…]}``
(or ``{"error": …}``), each edition ``{redid, reddate "YYYYMMDD", redcaption, redstatus, statename, actual,
redinitial, redcompleted, hascontent, redtype}``; ``redtext`` answers ``{"redtext": "<html>"}`` with ``<p>``
paragraphs, headings ``<p class="H">`` and superscript numbers as ``<sup>`` or ``<span class="W9">``.
No real recorded response exists in the samples: the examples are *documented* and must be confirmed live.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import lxml.html

from crawler.parsers.ru_pravo import load_json, one_line
from crawler.parsers.ru_vocab import ebpi_edition_status, ebpi_status_is_in_force
from store.dates import fast_date
from store.identifiers import doc_id, normalize_eo_number, normalize_ru_act_number, ru_act_keys
from store.items import EventItem, Item, ParseFailure, RelationItem, VersionItem
from store.normalize import normalize_text
from store.vocab import RelationKind, Stage, VersionKind
from texts.ru import split_ru

logger = logging.getLogger(__name__)

SOURCE_LABEL = "actual.pravo.gov.ru (ЕБПИ)"
BASE = "http://actual.pravo.gov.ru:8000/api/ebpi"

# The amending act in a caption: «(№ 246-ФЗ от 26.07.2026)», «(№ 124 от 15.02.2024)». The dossier's regex
# `№\s+\d+-[ФЗК]+\s+от …` covers laws only; decrees have bare numbers, so the suffix is optional here.
CAPTION_ACT = re.compile(r"№\s*(\d+(?:\s*-\s*[А-Яа-яЁё]{1,4})?)\s+от\s+(\d{2}\.\d{2}\.\d{4})")
_SUP_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def redactions_url(eo_number: str) -> str:
    """Editions of an act by its publication number (``t={"pnum": …}``, dossier §2.4)."""
    return f"{BASE}/redactions/?bpa=ebpi&t=" + quote(json.dumps({"pnum": eo_number}, separators=(",", ":")), safe="")


def redtext_url(redid: str | int) -> str:
    return f"{BASE}/redtext?bpa=ebpi&t={redid}&ttl=0"


def act_ref_id(number: str, date_raw: str) -> str:
    """Readable id of an act known only by number and date (the caption gives no type or eoNumber): the first of
    its ``ru_act_keys`` (typed when the number's «-ФЗ» names the kind, else untyped), which the store resolves to
    the act once it is stored.

    >>> act_ref_id("124", "15.02.2024")
    'ru/act/2024-02-15/124'
    >>> act_ref_id("246-ФЗ", "26.07.2026")
    'ru/act/federal-law/2026-07-26/246-ФЗ'
    """
    if keys := ru_act_keys(None, date_raw, number):
        return keys[0]
    d = fast_date(date_raw)  # a number or date the normalisers do not read: kept as the caption wrote it
    return doc_id("ru", "act", f"{d.isoformat() if d else date_raw}/{number}")


def _eo_from_url(url: str) -> str | None:
    for value in parse_qs(urlsplit(url).query).get("t", []):
        try:
            t = json.loads(value)
        except json.JSONDecodeError:
            continue
        if isinstance(t, dict) and t.get("pnum"):
            return normalize_eo_number(str(t["pnum"]))
    return None


def _act_doc_id(url: str, eo_number: str | None) -> str | None:
    eo = normalize_eo_number(eo_number or "") or _eo_from_url(url)
    return doc_id("ru", "pravo", eo) if eo else None


def caption_act(caption: str | None) -> tuple[str, str] | None:
    """(number, date) of the amending act in a redcaption, None when there is none.

    >>> caption_act("199. на 01.03.2027 (№ 246-ФЗ от 26.07.2026), не вступившая в силу редакция")
    ('246-ФЗ', '26.07.2026')
    """
    m = CAPTION_ACT.search(caption or "")
    if not m:
        return None
    number = normalize_ru_act_number(m.group(1)) or m.group(1)
    return number, m.group(2)


def edition_label(reddate: str | None, caption: str | None) -> str:
    """«Редакция от 15.02.2024 (№ 124)»: the edition's date and the act that made it."""
    d = fast_date(reddate or "") if reddate else None
    label = f"Редакция от {d:%d.%m.%Y}" if d else "Редакция"
    act = caption_act(caption)
    return f"{label} (№ {act[0]})" if act else label


def parse_redactions(body: bytes, *, url: str, eo_number: str | None = None, **_: Any) -> Iterator[Item]:
    """``redactions`` -> per edition an EventItem (its effective date and status), and for each edition made by
    an amending act an AMENDED_BY RelationItem with the edition's metadata in ``detail``.

    The initial edition (``redinitial``) has no amending act: it yields only its event (stage IN_FORCE); later
    editions are AMENDED events. The raw wording kept is the source's caption. New-edition detection (dossier §5.2)
    lives in the spider: a relation is yielded for every non-initial edition, and its text is fetched only when
    ``redcompleted`` is not false (else retried on the next crawl).
    """
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    if isinstance(data, dict) and data.get("error"):
        yield ParseFailure(
            url=url, reason=f"{SOURCE_LABEL} returned an error for the editions: {one_line(str(data['error']))}."
        )
        return
    editions = data.get("redactions") if isinstance(data, dict) else data
    if not isinstance(editions, list):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} editions response has no 'redactions' list.")
        return
    act = _act_doc_id(url, eo_number)
    if act is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} editions: the act's eoNumber is unknown (pass eo_number).")
        return
    for ed in editions:
        if not isinstance(ed, dict):
            yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} edition is not an object: {str(ed)[:60]!r}.")
            continue
        caption = one_line(ed.get("redcaption")) or None
        amending = caption_act(caption)
        status = ebpi_edition_status(ed.get("redstatus"), actual=ed.get("actual"))
        label = edition_label(str(ed.get("reddate") or ""), caption)
        ed_date = fast_date(str(ed.get("reddate") or "")) if str(ed.get("reddate") or "") != "20990101" else None
        yield EventItem(
            doc_id=act,
            date=ed_date,
            stage=Stage.IN_FORCE if ed.get("redinitial") else Stage.AMENDED,
            raw=f"{label}: {status}" + (f" ({caption})" if caption else "") if status else (caption or label),
            reference=f"№ {amending[0]} от {amending[1]}" if amending else None,
        )
        if ed.get("redinitial") or amending is None:
            continue
        number, date_raw = amending
        yield RelationItem(
            doc_id=act,
            kind=RelationKind.AMENDED_BY,
            target_id=act_ref_id(number, date_raw),
            target_label=f"№ {number} от {date_raw}",
            date=fast_date(str(ed.get("reddate") or "")),
            detail={
                "redid": ed.get("redid"),
                "reddate": ed.get("reddate"),
                "redcaption": caption,
                "redstatus": ed.get("redstatus"),
                "statename": ed.get("statename"),
                "in_force": ebpi_status_is_in_force(ed.get("redstatus")),
                "status": status,
                "actual": ed.get("actual"),
                "text_ready": ed.get("redcompleted"),
                "edition_label": edition_label(str(ed.get("reddate") or ""), caption),
                "redtext_url": redtext_url(ed["redid"]) if ed.get("redid") is not None else None,
            },
        )


def html_to_text(html: str) -> str:
    """Edition HTML -> one paragraph per line; superscripts kept as superscript digits («Статья 60¹»)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.iter("sup"):
        el.text = (el.text or "").translate(_SUP_DIGITS)
    for el in root.xpath('//span[contains(concat(" ", normalize-space(@class), " "), " W9 ")]'):
        el.text = (el.text or "").translate(_SUP_DIGITS)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    paragraphs = root.xpath(".//p")
    if not paragraphs:
        return normalize_text(root.text_content())
    return normalize_text("\n".join(p.text_content().replace("\n", " ") for p in paragraphs))


def parse_redtext(
    body: bytes,
    *,
    url: str,
    eo_number: str | None = None,
    reddate: str | None = None,
    redcaption: str | None = None,
    act_kind: str | None = None,
    **_: Any,
) -> Iterator[Item]:
    """``redtext`` -> one VersionItem (kind EDITION) with normalised text and provisions from texts.ru.

    The spider passes the edition's ``reddate`` and ``redcaption`` from ``redactions`` (the text answer carries
    neither) and ``act_kind="decree"`` for a Указ: then a text without the enacting formula «постановляю» is
    flagged as holding only the annex the decree approves.
    """
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    if isinstance(data, dict) and data.get("error"):
        yield ParseFailure(
            url=url, reason=f"{SOURCE_LABEL} returned an error for the edition text: {one_line(str(data['error']))}."
        )
        return
    html = data.get("redtext") if isinstance(data, dict) else None
    if not isinstance(html, str) or not html.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} edition text is empty (the edition may not be ready yet).")
        return
    act = _act_doc_id(url, eo_number)
    if act is None:
        yield ParseFailure(
            url=url, reason=f"{SOURCE_LABEL} edition text: the act's eoNumber is unknown (pass eo_number)."
        )
        return
    text = html_to_text(html)
    notes: list[str] = []
    if act_kind == "decree" and "постановляю" not in text.lower():
        notes.append(
            "This text holds only the document approved by the decree; the decree's own enacting points "
            "(and its signature block) are not in the source text."
        )
    if redcaption:
        notes.append(f"ЕБПИ caption: {one_line(redcaption)}")
    yield VersionItem(
        doc_id=act,
        label=edition_label(reddate, redcaption),
        kind=VersionKind.EDITION,
        date=fast_date(reddate) if reddate else None,
        language="ru",
        text=text,
        provisions=split_ru(text),
        source_url=url,
        notes=notes,
    )
