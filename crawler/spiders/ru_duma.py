"""State Duma API (api.duma.gov.ru): AI bills by keyword stems, the known AI bills with their votes, recent events.

Needs two keys (settings ``duma_api_token`` / ``duma_app_token``). Without them a live crawl makes no request and
says so in one sentence; a replay uses the ``{token}``/``{app_token}`` placeholders of the committed records (no
real key is ever written to a record). Keys never reach a log line or a crawl run: every URL this spider records an
error for is shown with the placeholders (:func:`redact`).

A second path for bills: the SOZD card (crawler/spiders/ru_sozd.py) is the preferred source, and the store
pipeline keeps what a card set when the API describes the same bill (``crawler.pipelines.SOURCE_PRECEDENCE``), so
the API only fills what the card left empty and adds its dated events. The known bills are the SOZD seeds
(``WATCH_BILLS``); for each, ``search.json?number=…`` and then ``voteSearch.json?number=…`` (each vote a dated
event). ``ailaw track`` of a Duma API URL naming a bill number does the same for that bill.

Freshness (dossier §2.1: the data set may be frozen since ~02.2025): after each ``search`` response sorted by
``last_event_date`` the newest ``lastEvent.date`` is compared with the time the response was fetched — in a replay
the WARC record's date, live its ``Date`` header — and, when it is more than ``duma_api_stale_days`` older, ONE
warning (kind ``stale``) is recorded on the crawl run and logged; the crawl goes on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import math
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawler.middlewares import FETCHED_META
from crawler.parsers import ru_duma
from crawler.spiders.base import AilawSpider
from crawler.spiders.ru_sozd import SEED_BILLS
from store.identifiers import doc_id, normalize_bill_number
from store.items import DocumentItem

logger = logging.getLogger(__name__)

# Keyword stems of dossier §6 (the API matches a substring of the name or comment).
AI_STEMS = ["искусственн", "интеллект", "нейросет", "экспериментальн правов режим"]
# The known AI bills, followed through the API as well as on their SOZD cards (the same seeds, read from there).
WATCH_BILLS: list[str] = list(SEED_BILLS)
LIMIT = 20
PLACEHOLDER_TOKEN, PLACEHOLDER_APP = "{token}", "{app_token}"
WARNING_KIND = "stale"  # crawler.pipelines.WARNING_KINDS: shown as a warning, not counted as a failed page

_KEY_IN_PATH = re.compile(r"(api\.duma\.gov\.ru/api/)[^/?#\s]+/")
_APP_KEY = re.compile(r"(app_token=)[^&#\s]+")


def search_url(token: str, app_token: str, **params: str | int) -> str:
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
    return f"http://api.duma.gov.ru/api/{token}/search.json?{query}&app_token={app_token}"


def vote_search_url(token: str, app_token: str, number: str, page: int = 1) -> str:
    paging = f"&page={page}" if page > 1 else ""
    return f"http://api.duma.gov.ru/api/{token}/voteSearch.json?number={quote(number)}{paging}&app_token={app_token}"


def redact(text: str) -> str:
    """Any Duma API URL in ``text`` with its keys replaced by the placeholders.

    >>> redact("http://api.duma.gov.ru/api/0123abcd/search.json?number=1-8&app_token=app0123")
    'http://api.duma.gov.ru/api/{token}/search.json?number=1-8&app_token={app_token}'
    """
    return _APP_KEY.sub(r"\g<1>{app_token}", _KEY_IN_PATH.sub(r"\g<1>{token}/", text))


def _date_header(response: Response) -> dt.datetime | None:
    raw = response.headers.get(b"Date")
    if not raw:
        return None
    try:
        when = email.utils.parsedate_to_datetime(raw.decode("latin-1"))
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


class RuDumaSpider(AilawSpider):
    name = "ru_duma"
    source_name = "Государственная Дума — API «Законотворчество» (api.duma.gov.ru)"
    jurisdiction = "RU"
    # The API is documented and served over HTTP only; its keys travel in the URL as it requires, so every URL
    # this spider logs, records or archives is masked (``redact``, crawler/redaction.py).
    base_url = "http://api.duma.gov.ru/"
    allowed_domains: ClassVar[list[str]] = ["api.duma.gov.ru"]
    memo_exempt: ClassVar[frozenset[str]] = frozenset({"parse"})  # the freshness check runs on every crawl
    memo_items: ClassVar[frozenset[str]] = frozenset({"parse"})  # its items depend on the response only
    parsers: ClassVar[list[str]] = ["crawler.parsers.ru_duma:parse_search", "crawler.parsers.ru_duma:parse_votes"]
    redact_url = staticmethod(redact)  # the archive records Duma API URLs with the key placeholders
    # The HTTP cache would write the keyed URLs to disk under AILAW_HOME: not for this spider.
    custom_settings = {"HTTPCACHE_ENABLED": False}  # noqa: RUF012 (Scrapy reads it as a class attribute)

    def __init__(self, *args: Any, bill_number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_bill = normalize_bill_number(bill_number) if bill_number else None
        self._keys: tuple[str, str] = (PLACEHOLDER_TOKEN, PLACEHOLDER_APP)
        self.newest_event: dt.date | None = None  # over the sorted responses of this crawl
        self.stale_warned = False

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """SOZD card URLs belong to ru_sozd (the card is preferred); only Duma API URLs with a number come here
        (``search.json?number=…`` or ``voteSearch.json?number=…``: either follows the bill and its votes)."""
        if "api.duma.gov.ru" not in url:
            return None
        m = re.search(r"[?&]number=(\d{1,8}-\d{1,2})", url)
        return {"bill_number": m.group(1)} if m else None

    # --- keys and what is recorded --------------------------------------------------------------------------
    def record_error(self, url: str, message: str, kind: str = "error") -> None:
        super().record_error(redact(url), redact(message), kind=kind)

    def record_miss(self, url: str, message: str) -> None:
        super().record_miss(redact(url), redact(message))

    def _tokens(self) -> tuple[str, str] | None:
        if self.settings.get("AILAW_REPLAY"):
            return PLACEHOLDER_TOKEN, PLACEHOLDER_APP
        from crawler.settings import CrawlerSettings

        cs = CrawlerSettings()
        if not cs.duma_api_token or not cs.duma_app_token:
            return None
        return cs.duma_api_token.get_secret_value(), cs.duma_app_token.get_secret_value()

    def _stale_days(self) -> int:
        settings = getattr(self, "settings", None)
        value = settings.get("AILAW_DUMA_API_STALE_DAYS") if settings is not None else None
        if value is not None:
            return int(value)
        from crawler.settings import CrawlerSettings

        return CrawlerSettings().duma_api_stale_days

    # --- requests --------------------------------------------------------------------------------------------
    def start_requests(self) -> Iterator[scrapy.Request]:
        tokens = self._tokens()
        if tokens is None:
            message = (
                "ru_duma: no State Duma API keys (set AILAW_DUMA_API_TOKEN and AILAW_DUMA_APP_TOKEN; "
                "request them at http://api.duma.gov.ru/key-request), so no request was made."
            )
            logger.warning(message)
            self.record_error(self.base_url, message, kind="config")
            return
        self._keys = tokens
        token, app = tokens
        for number in [self.only_bill] if self.only_bill else WATCH_BILLS:
            yield self._req(search_url(token, app, number=number), bill=number)
        if self.only_bill:
            return
        for stem in AI_STEMS:
            yield self._req(search_url(token, app, name=stem, page=1, limit=LIMIT), paged=True)
        # recent events across all bills (the real sample's request); the relevance pipeline sorts out non-AI ones,
        # and the freshness check reads it
        yield self._req(
            f"http://api.duma.gov.ru/api/{token}/search.json?sort=last_event_date&limit={LIMIT}&app_token={app}&page=1"
        )

    def _req(self, url: str, paged: bool = False, bill: str | None = None) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.errback, cb_kwargs={"paged": paged, "bill": bill})

    def _votes_req(self, number: str, *, describe: bool, page: int = 1) -> scrapy.Request:
        token, app = self._keys
        return scrapy.Request(
            vote_search_url(token, app, number, page),
            callback=self.parse_votes,
            errback=self.errback,
            cb_kwargs={"bill": number, "describe": describe, "page": page},
        )

    # --- callbacks -------------------------------------------------------------------------------------------
    def parse(self, response: Response, paged: bool = False, bill: str | None = None, **_: Any) -> Iterator[Any]:
        described = False
        for item in self.parse_with(response, ru_duma.parse_search):
            if bill and isinstance(item, DocumentItem) and item.doc_id == doc_id("ru", "duma", bill):
                described = True
            yield item
        if "sort=last_event_date" in response.url:
            self.check_freshness(response)
        if bill and response.status < 400:
            # Votes come after the bill's search has been stored, so they land on a described document; when the
            # search did not return the bill, the votes describe it from their subject (crawler/parsers/ru_duma.py).
            yield self._votes_req(bill, describe=not described)
        if not paged:
            return
        # No "total pages" field: pages = ceil(count / limit) (dossier §2.1).
        try:
            data = json.loads(response.body)
            count, page = int(data.get("count") or 0), int(data.get("page") or 1)
        except (ValueError, TypeError, AttributeError):
            return
        if page < math.ceil(count / LIMIT):
            yield self._req(re.sub(r"([?&])page=\d+", rf"\g<1>page={page + 1}", response.url), paged=True)

    def parse_votes(self, response: Response, bill: str, describe: bool = False, page: int = 1) -> Iterator[Any]:
        yield from self.parse_with(response, ru_duma.parse_votes, describe=describe)
        # totalCount/pageSize come as strings in the real sample
        try:
            data = json.loads(response.body)
            total, size = int(data.get("totalCount") or 0), int(data.get("pageSize") or 20)
        except (ValueError, TypeError, AttributeError):
            return
        if size > 0 and page < math.ceil(total / size):
            yield self._votes_req(bill, describe=False, page=page + 1)

    # --- freshness -------------------------------------------------------------------------------------------
    def fetched_at(self, response: Response) -> dt.datetime | None:
        """When the response was fetched: in a replay the WARC record's date (else its Date header), never the
        clock; live the server's Date header, else the time it was archived, else now."""
        meta = response.meta if response.request is not None else {}
        archived: dt.datetime | None = meta.get(FETCHED_META)
        if self.settings.get("AILAW_REPLAY"):
            return archived or _date_header(response)
        return _date_header(response) or archived or dt.datetime.now(dt.UTC)

    def check_freshness(self, response: Response) -> None:
        """Record ONE ``stale`` warning per crawl when the newest event is too old for the fetch time."""
        newest = ru_duma.newest_event_date(response.body)
        if newest is None:
            return
        self.newest_event = max(newest, self.newest_event) if self.newest_event else newest
        fetched = self.fetched_at(response)
        if fetched is None or self.stale_warned:
            return
        message = ru_duma.stale_warning(self.newest_event, fetched, stale_days=self._stale_days())
        if message:
            self.stale_warned = True
            self.record_error(response.url, message, kind=WARNING_KIND)  # logged once, at WARNING, by record_error
