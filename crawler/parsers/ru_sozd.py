"""SOZD bill card (``https://sozd.duma.gov.ru/bill/{number}``) -> the bill, its whole dated timeline, the enacted law.

Built from the selectors in the source dossier §2.2 (public scrapers: a FiscalNote RU scraper, ruarxive/apibackuper
``examples/sozd/scripts/pagetodata.py``, Yagusak/PaGos ``stage5_metadata.py``, CAG-ru/cag-public
``download_files.py``). No real recorded card exists in the samples: the examples are *documented* and must be
confirmed live (tests/examples/ru/README.md lists the URLs).

- number ``#number_oz_id``; title ``span.oz_naimen`` (or ``#oz_name``); annotation ``p.p_namecomment``; status
  ``span#current_oz_status``; archived ``sup.ico_arhiv``;
- passport ``div#opc_hild``: label cells ``td.td_hild_l span.opch_l_txt``, the value in the next cell;
- enacted law number ``span[data-original-title="Номер федерального закона"]``;
- timeline: stage blocks ``.root-stage.bh_item`` named by their ``a.lnk…`` link; events ``div.oz_event.bh_etap``
  with ``data-eventnum`` and ``data-eventdate`` (ISO), name ``span.name``, date ``span.mob_not`` (DD.MM.YYYY);
- attachments ``div.event_files`` / ``div.hidden_event_files`` links ``/download/{GUID}``, title ``div.doc_wrap``,
  format in the icon class (``…-pdf|-doc|-docx|-rtf``).

The tracker also lists stages still ahead, without a date: only dated events become EventItems and only they
decide the bill's stage (dossier §4). Attachments are files (PDF/DOC/RTF): the card holds no text, so they are
listed on the document (``extra["attachments"]``) and become versions only when their text is fetched.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import lxml.html

from crawler.parsers.ru_vocab import sozd_actor, sozd_stage
from store.dates import fast_date
from store.identifiers import (
    bill_aliases,
    doc_id,
    normalize_bill_number,
    normalize_eo_number,
    normalize_ru_act_number,
    number_aliases,
    ru_act_ref_id,
)
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.normalize import normalize_text
from store.vocab import STAGE_ORDER, DocType, RelationKind, Stage

logger = logging.getLogger(__name__)

SOURCE = "ru_sozd"
SOURCE_LABEL = "SOZD (sozd.duma.gov.ru)"
CARD = "https://sozd.duma.gov.ru/bill/{number}"
_FORMAT = re.compile(r"-(pdf|docx?|rtf|xlsx?|zip)\b", re.I)
_NUMBER_IN_URL = re.compile(r"/bill/(\d{1,8}-\d{1,2})")


def card_url(number: str) -> str:
    return CARD.format(number=number)


def _cls(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def _text(el: Any) -> str:
    return normalize_text(el.text_content()).replace("\n", " ").strip() if el is not None else ""


def _first(root: Any, xpath: str) -> str:
    found = root.xpath(xpath)
    return _text(found[0]) if found else ""


def _passport(root: Any) -> dict[str, str]:
    """Label -> value of the passport table under ``div#opc_hild``."""
    out: dict[str, str] = {}
    for label_el in root.xpath(f'//div[@id="opc_hild"]//td[{_cls("td_hild_l")}]'):
        label = _text(label_el).rstrip(":").strip()
        value_el = label_el.getnext()
        value = _text(value_el)
        if label and value:
            out[label] = value
    return out


def _passport_value(passport: dict[str, str], *prefixes: str) -> str | None:
    for label, value in passport.items():
        if any(label.lower().startswith(p.lower()) for p in prefixes):
            return value
    return None


def _event_date(ev: Any) -> Any:
    raw = (ev.get("data-eventdate") or "").strip()
    if raw and (d := fast_date(raw)):
        return d
    dates = ev.xpath(f".//span[{_cls('mob_not')}]")
    return fast_date(_text(dates[0])) if dates else None


def _attachments(ev: Any, *, url: str, block: str, eventnum: str | None, date: Any) -> list[dict[str, Any]]:
    out = []
    for a in ev.xpath(f".//div[{_cls('event_files')} or {_cls('hidden_event_files')}]//a[@href]"):
        href = urljoin(url, a.get("href"))
        wrap = a.xpath(f".//div[{_cls('doc_wrap')}]")
        title = _text(wrap[0]) if wrap else _text(a)
        classes = " ".join([a.get("class") or ""] + [e.get("class") or "" for e in a.iter() if e is not a])
        fmt = _FORMAT.search(classes)
        out.append(
            {
                "title": title or None,
                "url": href,
                "format": fmt.group(1).lower() if fmt else None,
                "stage": block,
                "eventnum": eventnum,
                "date": date.isoformat() if date else None,
            }
        )
    return out


def parse_bill_card(
    body: bytes,
    *,
    url: str,
    law_eo: str | None = None,
    **_: Any,
) -> Iterator[Item]:
    """A SOZD card -> DocumentItem (bill) + one EventItem per dated event + RelationItem ENACTED_AS (if enacted).

    ``law_eo`` (from the spider's seed list) is the eoNumber of the enacted law when known, so the relation points
    at the stored act ``ru/pravo/{eo}``; otherwise it points at ``ru/act/federal-law/{date}/{number}`` (type + date
    + number, since numbers alone repeat across acts).
    """
    text = body.decode("utf-8", errors="replace")
    if not text.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} card is empty.")
        return
    root = lxml.html.document_fromstring(text)
    number_raw = _first(root, '//*[@id="number_oz_id"]')
    if not number_raw and (m := _NUMBER_IN_URL.search(url)):
        number_raw = m.group(1)
    number = normalize_bill_number(number_raw.lstrip("№ ").strip()) if number_raw else None
    if not number:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} page has no bill number (#number_oz_id): not a bill card?")
        return
    title = _first(root, f"//span[{_cls('oz_naimen')}]") or _first(root, '//*[@id="oz_name"]')
    if not title:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} bill {number} has no title (span.oz_naimen).")
        return
    annotation = _first(root, f"//p[{_cls('p_namecomment')}]") or None
    status = _first(root, '//span[@id="current_oz_status"]') or None
    archived = bool(root.xpath(f"//sup[{_cls('ico_arhiv')}]"))
    passport = _passport(root)
    initiator = _passport_value(passport, "Субъект права законодательной инициативы")
    responsible = _passport_value(passport, "Ответственный комитет")
    profile = _passport_value(passport, "Профильный комитет")
    law_number_raw = _first(root, '//span[@data-original-title="Номер федерального закона"]')
    law_number = normalize_ru_act_number(law_number_raw.replace("№", "").strip()) if law_number_raw else None
    ident = doc_id("ru", "duma", number)

    events: list[tuple[int, EventItem]] = []
    undated: list[str] = []
    attachments: list[dict[str, Any]] = []
    for order, ev in enumerate(root.xpath(f"//div[{_cls('oz_event')}]")):
        stage_block = ev.xpath(f"ancestor::div[{_cls('root-stage')}][1]")
        block = ""
        if stage_block:
            links = stage_block[0].xpath('.//a[starts-with(@class, "lnk") or contains(@class, " lnk")]')
            block = _text(links[0]) if links else ""
        name = _first(ev, f".//span[{_cls('name')}]")
        eventnum = ev.get("data-eventnum")
        date = _event_date(ev)
        attachments += _attachments(ev, url=url, block=block, eventnum=eventnum, date=date)
        raw = " — ".join(p for p in (block, name) if p)
        if not raw:
            continue
        if date is None:
            undated.append(raw)  # a stage still ahead (or not dated on the card): listed, never counted
            continue
        events.append(
            (
                order,
                EventItem(
                    doc_id=ident,
                    date=date,
                    stage=sozd_stage(block=block, event=name),
                    raw=raw,
                    actor=sozd_actor(block),
                ),
            )
        )

    # The most advanced dated event decides: the latest date, then the furthest stage on that date.
    latest = max(events, key=lambda oe: (oe[1].date, STAGE_ORDER.get(oe[1].stage, 0), oe[0]))[1] if events else None
    introduced = next((e.date for _, e in events if e.stage == Stage.INTRODUCED), None)
    signed = next((e.date for _, e in events if e.stage == Stage.SIGNED), None)
    published = next((e.date for _, e in events if e.stage == Stage.PUBLISHED), None)

    extra: dict[str, Any] = {
        "status": status,
        "archived": archived or None,
        "initiator": initiator,
        "committee_responsible": responsible,
        "committee_profile": profile,
        "passport": passport,
        "law_number": law_number,
        "undated_stages": undated,
        "attachments": attachments,
    }
    subjects = [s for s in (initiator, responsible, profile) if s]
    yield DocumentItem(
        doc_id=ident,
        source=SOURCE,
        jurisdiction="RU",
        doc_type=DocType.BILL,
        title=title,
        original_title=title,
        language="ru",
        identifiers={"bill_number": number},
        aliases=bill_aliases(number),
        stage=latest.stage if latest else None,
        stage_raw=latest.raw if latest else status,
        date_introduced=introduced,
        date_adopted=signed,
        date_published=published,
        url=card_url(number),
        summary=annotation,
        subjects=list(dict.fromkeys(subjects)),
        extra={k: v for k, v in extra.items() if v not in (None, [], {}, "")},
    )
    for _, event in sorted(events, key=lambda oe: (oe[1].date, oe[0])):
        yield event
    if law_number:
        eo = normalize_eo_number(law_eo or "") if law_eo else None
        target = (
            doc_id("ru", "pravo", eo)
            if eo
            else ru_act_ref_id("Федеральный закон", signed.isoformat() if signed else None, law_number)
        )
        label = (
            f"Федеральный закон от {signed:%d.%m.%Y} № {law_number}" if signed else f"Федеральный закон № {law_number}"
        )
        yield RelationItem(
            doc_id=ident,
            kind=RelationKind.ENACTED_AS,
            target_id=target or doc_id("ru", "act", law_number),
            target_label=label,
            date=signed,
            detail={"law_number": law_number, "aliases": number_aliases(law_number)},
        )
