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
decide the bill's stage (dossier §4). Attachments are files (PDF/DOC/DOCX/RTF): the card holds no text, so they are
listed on the document (``extra["attachments"]``: title, download URL, format, stage block, event, date) and the
spider fetches those that are texts of the bill (:func:`is_bill_text`); :func:`parse_attachment` turns one into a
VersionItem (kind ``bill-text``). Each new text file is a version (dossier §4); the store keeps one per SHA-256.

Per-bill RSS ``/bill/{number}/rss`` (dossier §2.2, §5) is the cheap change signal. No sample exists, so
:func:`parse_rss` reads only standard RSS 2.0 fields (item title, link, guid, pubDate) with feedparser, and
:func:`rss_marker` reduces a feed to its newest item, which the card remembers as ``extra["rss_last"]``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import lxml.html

from crawler.parsers.files import file_version
from crawler.parsers.ru_vocab import sozd_actor, sozd_stage
from crawler.parsers.waf import is_waf_challenge
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
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem, VersionItem
from store.normalize import normalize_text
from store.vocab import STAGE_ORDER, DocType, RelationKind, Stage, VersionKind

logger = logging.getLogger(__name__)

SOURCE = "ru_sozd"
SOURCE_LABEL = "SOZD (sozd.duma.gov.ru)"
CARD = "https://sozd.duma.gov.ru/bill/{number}"
RSS = "https://sozd.duma.gov.ru/bill/{number}/rss"
_FORMAT = re.compile(r"-(pdf|docx?|rtf|xlsx?|zip)\b", re.I)
_NUMBER_IN_URL = re.compile(r"/bill/(\d{1,8}-\d{1,2})")


def card_url(number: str) -> str:
    return CARD.format(number=number)


def bill_document(number: str, title: str, *, source: str, **fields: Any) -> DocumentItem:
    """A Duma bill as every source describes it (id ``ru/duma/{number}``, its aliases, the SOZD card as its URL);
    ``fields`` add what the source knows (stage, dates, summary, extra; ``identifiers`` are merged)."""
    identifiers = {"bill_number": number, **fields.pop("identifiers", {})}
    fields.setdefault("url", card_url(number))
    return DocumentItem(
        doc_id=doc_id("ru", "duma", number),
        source=source,
        jurisdiction="RU",
        doc_type=DocType.BILL,
        title=title,
        original_title=title,
        language="ru",
        identifiers=identifiers,
        aliases=bill_aliases(number),
        **fields,
    )


def rss_url(number: str) -> str:
    return RSS.format(number=number)


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


def _attachments(ev: Any, *, url: str, block: str, event: str, eventnum: str | None, date: Any) -> list[dict[str, Any]]:
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
                "event": event or None,
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
    rss_last: dict[str, Any] | None = None,
    **_: Any,
) -> Iterator[Item]:
    """A SOZD card -> DocumentItem (bill) + one EventItem per dated event + RelationItem ENACTED_AS (if enacted).

    ``law_eo`` (from the spider's seed list) is the eoNumber of the enacted law when known, so the relation points
    at the stored act ``ru/pravo/{eo}``; otherwise it points at ``ru/act/federal-law/{date}/{number}`` (type + date
    + number, since numbers alone repeat across acts). ``rss_last`` (the newest item of the bill's RSS, read just
    before the card) is remembered as ``extra["rss_last"]`` so that the next crawl can skip an unchanged card.
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
        attachments += _attachments(ev, url=url, block=block, event=name, eventnum=eventnum, date=date)
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
        "rss_last": rss_last,
    }
    subjects = [s for s in (initiator, responsible, profile) if s]
    yield bill_document(
        number,
        title,
        source=SOURCE,
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


# --- attachments that are texts of the bill ----------------------------------------------------------------------
# Dossier §4: "each stage's attachments (the bill text as introduced, amendments tables, text for second reading)
# are files on the card; each new text file is a version". A Version is a text of the bill itself, so the rule
# keeps the introduced text, the texts prepared for a reading and the law as adopted («Текст внесенного
# законопроекта», «Текст законопроекта ко второму чтению», «Законопроект (текст ко второму чтению)», «Текст закона»,
# «Федеральный закон»), and skips the documents *about* it, which a card lists beside it: explanatory notes,
# financial-economic justifications, lists of acts to amend, conclusions and reviews, resolutions and extracts,
# letters, and amendment tables (a table lists proposed changes and decisions on them, not the text; the text
# for the next reading that incorporates them is the version). SOZD titles name the kind of document first, so
# an excluding word at the start decides; «пояснительн» / «финансово-экономическ» / «таблиц» anywhere also exclude.
_NOT_TEXT_START = re.compile(
    r"^(?:пояснительн|финансово|перечень|заключени|отзыв|официальн\w* отзыв|поправк|таблиц|постановлени|"
    r"проект\s+постановлени|выписк|сопроводительн|письм|паспорт|справк|протокол|стенограмм|сравнительн|"
    r"замечани|решени|распоряжени|аннотаци|доклад|предложени|обращени|информаци)"
)
_NOT_TEXT_ANYWHERE = re.compile(r"пояснительн|финансово-экономическ|таблиц")
_TEXT = re.compile(
    r"^текст\b.*\bзакон"
    r"|^(?:федеральный\s+)?(?:конституционный\s+)?закон(?:опроект)?\b"
    r"|^проект\s+(?:федерального\s+)?(?:конституционного\s+)?закона\b"
)


def is_bill_text(title: str | None) -> bool:
    """Whether a card attachment titled so is a text of the bill (a Version), not a document about it.

    >>> [is_bill_text(t) for t in ("Текст внесенного законопроекта", "Текст законопроекта ко второму чтению",
    ...                            "Законопроект (текст ко второму чтению)", "Текст закона", "Федеральный закон")]
    [True, True, True, True, True]
    >>> [is_bill_text(t) for t in ("Пояснительная записка", "Финансово-экономическое обоснование",
    ...                            "Таблица поправок, рекомендуемых к принятию", "Заключение Правительства РФ",
    ...                            "Отзыв Правительства на законопроект", None)]
    [False, False, False, False, False, False]
    """
    if not title:
        return False
    t = normalize_text(title).lower().replace("ё", "е").strip(" «»\"'")
    if _NOT_TEXT_START.match(t) or _NOT_TEXT_ANYWHERE.search(t):
        return False
    return bool(_TEXT.search(t))


def attachment_label(title: str, event: str | None, date: str | None) -> str:
    """«Текст законопроекта ко второму чтению — Принять законопроект во втором чтении, 15.04.2026».

    >>> attachment_label("Текст закона", "Принять закон", "2026-05-20")
    'Текст закона — Принять закон, 20.05.2026'
    """
    day = fast_date(date) if date else None
    when = f"{day:%d.%m.%Y}" if day else ""
    tail = ", ".join(p for p in (event, when) if p)
    return f"{title} — {tail}" if tail else title


def parse_attachment(
    body: bytes,
    *,
    url: str,
    number: str,
    title: str,
    event: str | None = None,
    date: str | None = None,
    content_disposition: str | bytes | None = None,
    content_type: str | None = None,
    download_url: str | None = None,
    **_: Any,
) -> Iterator[VersionItem | ParseFailure]:
    """One downloaded attachment of a card (``/download/{GUID}``) -> VersionItem kind ``bill-text``.

    The format comes from ``Content-Disposition`` (the URL carries no extension, dossier §2.2), then the content
    type, then the magic bytes; the date is its event's date; provisions come from the Russian splitter (a PDF's
    lines are hard-wrapped and joined first). A 404, an HTML or WAF page instead of the file, a damaged file or a
    scan without a text layer is one ParseFailure naming the bill and the attachment.
    """
    bill = normalize_bill_number(number) or number
    yield from file_version(
        body,
        url=url,
        what=f"{SOURCE_LABEL} bill {bill}, attachment «{title}»",
        doc_id=doc_id("ru", "duma", bill),
        label=attachment_label(title, event, date),
        kind=VersionKind.BILL_TEXT,
        date=date,
        download_url=download_url,
        content_disposition=content_disposition,
        content_type=content_type,
    )


# --- per-bill RSS ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedEntry:
    """One RSS 2.0 item: only the standard fields, since no SOZD feed was ever recorded (dossier §2.2)."""

    title: str | None
    link: str | None
    guid: str | None
    published: dt.datetime | None  # pubDate, in UTC


def parse_rss(
    body: bytes, *, url: str, content_type: str | None = None, **_: Any
) -> Iterator[FeedEntry | ParseFailure]:
    """A bill's RSS feed -> its items (FeedEntry), in feed order; one ParseFailure if it is not a feed.

    Not a store item: the spider compares :func:`rss_marker` of these with what the stored bill remembers.
    """
    import io

    import feedparser

    if is_waf_challenge(body):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} RSS: a WAF challenge page, not the feed.")
        return
    headers = {"content-type": content_type} if content_type else {}
    feed = feedparser.parse(io.BytesIO(body), response_headers=headers)  # bytes in: feedparser fetches nothing
    if not feed.get("version") and not feed.entries:
        why = type(feed.get("bozo_exception")).__name__ if feed.get("bozo") else "no channel"
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} RSS is not an RSS feed ({why}).")
        return
    for entry in feed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        yield FeedEntry(
            title=normalize_text(entry.get("title") or "") or None,
            link=entry.get("link") or None,
            guid=entry.get("id") or None,
            published=dt.datetime(*when[:6], tzinfo=dt.UTC) if when else None,
        )


def rss_marker(entries: list[FeedEntry]) -> dict[str, str] | None:
    """The newest item of a feed as ``{"guid", "published"}`` — what a stored bill remembers (``rss_last``) — or None
    when the feed gives nothing to compare (no items, or items with neither guid nor pubDate).

    The newest is the latest pubDate; without dates, the first item (RSS lists the newest first).

    >>> a = FeedEntry(title="a", link=None, guid="g1", published=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    >>> b = FeedEntry(title="b", link=None, guid="g2", published=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    >>> rss_marker([a, b])
    {'guid': 'g2', 'published': '2026-04-01T00:00:00+00:00'}
    >>> rss_marker([]) is None
    True
    """
    if not entries:
        return None
    dated = [e for e in entries if e.published]
    newest = max(dated, key=lambda e: e.published or dt.datetime.min) if dated else entries[0]
    if not newest.guid and not newest.published:
        return None
    marker = {"guid": newest.guid or "", "published": newest.published.isoformat() if newest.published else ""}
    return marker
