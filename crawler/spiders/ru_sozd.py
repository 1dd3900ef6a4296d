"""SOZD (sozd.duma.gov.ru) bill cards: the preferred source for Russian bills and their whole path through the Duma.

Seeds: the AI bills we track by default (dossier §9), each with the eoNumber of the law it became when known, so
the ENACTED_AS relation reaches the stored act. ``ailaw track https://sozd.duma.gov.ru/bill/NNNNNN-C`` follows one
bill. The card needs no key (unlike the Duma API, which may be stale since ~02.2025, dossier §2.1); it may be
geo-blocked from abroad, so a live crawl wants an RU egress.

For each bill:

1. **RSS first** (``/bill/{n}/rss``, dossier §2.2 / §5), the cheap change signal. If its newest item (guid and
   pubDate, :func:`crawler.parsers.ru_sozd.rss_marker`) equals what the stored bill remembers
   (``extra["rss_last"]``, written when the card was last read), the card is not re-read. It is read when the feed
   differs, says nothing usable, fails or 404s, is missing from a replayed archive (not a miss: the request is
   optional), when the bill is not stored yet, or when a text attachment the stored card lists has no stored
   version yet — so a download that failed last time is retried rather than forgotten until the next event.
2. **The card**: the bill, its dated events, the enacted law (``parse_bill_card``), remembering the RSS item.
3. **Its text attachments** (``is_bill_text``: the introduced text, texts for a reading, the law as adopted — not
   notes, justifications, conclusions or amendment tables): each is downloaded and becomes a ``bill-text``
   Version (``parse_attachment``); the store keeps one per SHA-256, so re-reading a card adds nothing twice.
   A 404, an HTML/WAF page instead of the file, a damaged file or a scan without a text layer is one error on the
   crawl run with its URL; the other attachments and the card are stored as usual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.parsers import ru_sozd
from crawler.spiders.base import AilawSpider
from store.identifiers import doc_id, normalize_bill_number
from store.items import DocumentItem, ParseFailure

logger = logging.getLogger(__name__)

# Bill -> eoNumber of the law it became ("" while pending). Facts: dossier §9.
SEED_BILLS: dict[str, str] = {
    "922869-7": "0001202007310024",  # became 258-ФЗ of 31.07.2020 (experimental legal regimes)
}

_SOZD = re.compile(r"(?:sozd\.(?:duma|parlament)\.gov\.ru)/bill/(\d{1,8}-\d{1,2})")


def stored_rss_last(number: str) -> dict[str, Any] | None:
    """The RSS item the stored bill remembers, or None when its card must be read anyway: the bill is not stored,
    remembers no RSS item, or lists a text attachment that has no stored version yet. Reads the store the crawl
    writes to (``store.db`` from the same settings as the store pipeline)."""
    from store.db import session_scope
    from store.read import get_document

    with session_scope() as session:
        detail = get_document(session=session, doc_id=doc_id("ru", "duma", number), with_text=False)
    if detail is None:
        return None
    extra = detail.document.extra or {}
    stored = {v.source_url for v in detail.versions}
    texts = [a.get("url") for a in extra.get("attachments") or [] if ru_sozd.is_bill_text(a.get("title"))]
    if any(url not in stored for url in texts):
        return None
    remembered = extra.get("rss_last")
    return remembered if isinstance(remembered, dict) else None


class RuSozdSpider(AilawSpider):
    name = "ru_sozd"
    source_name = "Государственная Дума — СОЗД, карточки законопроектов (sozd.duma.gov.ru)"
    jurisdiction = "RU"
    base_url = "https://sozd.duma.gov.ru/"
    allowed_domains: ClassVar[list[str]] = ["sozd.duma.gov.ru", "sozd.parlament.gov.ru"]
    memo_exempt: ClassVar[frozenset[str]] = frozenset({"parse_rss"})  # its answer depends on the store too
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.ru_sozd:parse_bill_card",
        "crawler.parsers.ru_sozd:parse_attachment",
        "crawler.parsers.ru_sozd:parse_rss",
    ]

    def __init__(self, *args: Any, bill_number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_bill = normalize_bill_number(bill_number) if bill_number else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://sozd.duma.gov.ru/bill/922869-7` (or the sozd.parlament alias) -> that bill."""
        m = _SOZD.search(url)
        return {"bill_number": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        bills = {self.only_bill: SEED_BILLS.get(self.only_bill, "")} if self.only_bill else SEED_BILLS
        for number, eo in bills.items():
            yield scrapy.Request(
                self.optional(ru_sozd.rss_url(number)),
                callback=self.parse_rss,
                errback=self.rss_failed,
                cb_kwargs={"number": number, "law_eo": eo or None},
                meta={"dont_retry": True},  # a hint: on any trouble the card is read instead
            )

    # --- 1. RSS ------------------------------------------------------------------------------------------------
    def parse_rss(self, response: Response, number: str, law_eo: str | None = None) -> Iterator[Any]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        entries = list(ru_sozd.parse_rss(response.body, url=response.url, content_type=content_type))
        failure = next((e for e in entries if isinstance(e, ParseFailure)), None)
        if failure is not None:  # the card is read all the same: nothing is lost, so a warning, not an error
            logger.warning("%s: %s Reading the card instead.", response.url, failure.reason)
            yield self._card(number, law_eo, None)
            return
        marker = ru_sozd.rss_marker([e for e in entries if isinstance(e, ru_sozd.FeedEntry)])
        if marker is not None and marker == stored_rss_last(number):
            logger.info("bill %s: RSS unchanged since the card was last read (%s); card not re-read", number, marker)
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("ailaw/cards_skipped_rss_unchanged")
            return
        yield self._card(number, law_eo, marker)

    def rss_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """RSS 404 / network failure / not in the replayed archive: read the card, as without RSS."""
        request = failure.request
        if failure.check(HttpError):
            logger.info("%s: HTTP %s; reading the card", request.url, failure.value.response.status)
        else:
            logger.info("%s: %s; reading the card", request.url, failure.getErrorMessage())
        yield self._card(request.cb_kwargs["number"], request.cb_kwargs.get("law_eo"), None)

    # --- 2. card -----------------------------------------------------------------------------------------------
    def _card(self, number: str, law_eo: str | None, rss_last: dict[str, Any] | None) -> scrapy.Request:
        return scrapy.Request(
            ru_sozd.card_url(number),
            callback=self.parse_card,
            errback=self.errback,
            cb_kwargs={"law_eo": law_eo, "rss_last": rss_last},
        )

    def parse_card(
        self, response: Response, law_eo: str | None = None, rss_last: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        for item in self.parse_with(response, ru_sozd.parse_bill_card, law_eo=law_eo, rss_last=rss_last):
            yield item
            if isinstance(item, DocumentItem):
                number = item.identifiers.get("bill_number", "")
                for attachment in item.extra.get("attachments") or []:
                    if ru_sozd.is_bill_text(attachment.get("title")):
                        yield self._attachment(number, attachment)

    # --- 3. text attachments -----------------------------------------------------------------------------------
    def _attachment(self, number: str, attachment: dict[str, Any]) -> scrapy.Request:
        return scrapy.Request(
            attachment["url"],
            callback=self.parse_attachment,
            errback=self.attachment_failed,
            cb_kwargs={"number": number, "attachment": attachment},
            meta={"handle_httpstatus_all": True},  # a 404 comes to parse_attachment, which says so in one sentence
        )

    def _what(self, number: str, attachment: dict[str, Any]) -> str:
        return f"{ru_sozd.SOURCE_LABEL} bill {number}, attachment «{attachment.get('title')}»"

    def parse_attachment(self, response: Response, number: str, attachment: dict[str, Any]) -> Iterator[Any]:
        if response.status >= 400:
            self.record_error(
                attachment["url"],
                f"{self._what(number, attachment)}: the download answered HTTP {response.status}; skipped.",
                kind="fetch",
            )
            return
        yield from self.parse_with(
            response,
            ru_sozd.parse_attachment,
            unchanged_skip=True,
            number=number,
            title=attachment.get("title") or "Текст законопроекта",
            event=attachment.get("event"),
            date=attachment.get("date"),
            content_disposition=response.headers.get(b"Content-Disposition"),
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
            download_url=attachment["url"],
        )

    def attachment_failed(self, failure: Any) -> Any:
        kwargs = failure.request.cb_kwargs
        return self.download_failed(failure, self._what(kwargs["number"], kwargs["attachment"]))
