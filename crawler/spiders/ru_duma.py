"""State Duma API (api.duma.gov.ru): AI bills by keyword stems, a watch list of known AI bills, recent events.

Needs two keys (settings ``duma_api_token`` / ``duma_app_token``). Without them a live crawl makes no request and
says so in one sentence; a replay uses the ``{token}``/``{app_token}`` placeholders of the committed records (no
real key is ever written to a record).
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawler.parsers import ru_duma
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_bill_number

logger = logging.getLogger(__name__)

# Keyword stems of dossier §6 (the API matches a substring of the name or comment).
AI_STEMS = ["искусственн", "интеллект", "нейросет", "экспериментальн правов режим"]
# Known AI bills are followed on their SOZD cards (crawler/spiders/ru_sozd.py), the preferred source: the API may
# be stale (dossier §2.1), and two sources writing one bill would overwrite each other. Add a bill here only if
# its card cannot be read.
WATCH_BILLS: list[str] = []
LIMIT = 20
PLACEHOLDER_TOKEN, PLACEHOLDER_APP = "{token}", "{app_token}"


def search_url(token: str, app_token: str, **params: str | int) -> str:
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
    return f"http://api.duma.gov.ru/api/{token}/search.json?{query}&app_token={app_token}"


class RuDumaSpider(AilawSpider):
    name = "ru_duma"
    source_name = "Государственная Дума — API «Законотворчество» (api.duma.gov.ru)"
    jurisdiction = "RU"
    base_url = "http://api.duma.gov.ru/"
    parsers: ClassVar[list[str]] = ["crawler.parsers.ru_duma:parse_search"]

    def __init__(self, *args: Any, bill_number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_bill = normalize_bill_number(bill_number) if bill_number else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """SOZD card URLs belong to ru_sozd (the card is preferred); only Duma API URLs with a number come here."""
        if "api.duma.gov.ru" not in url:
            return None
        m = re.search(r"[?&]number=(\d{1,8}-\d{1,2})", url)
        return {"bill_number": m.group(1)} if m else None

    def _tokens(self) -> tuple[str, str] | None:
        if self.settings.get("AILAW_REPLAY"):
            return PLACEHOLDER_TOKEN, PLACEHOLDER_APP
        from crawler.settings import CrawlerSettings

        cs = CrawlerSettings()
        if not cs.duma_api_token or not cs.duma_app_token:
            return None
        return cs.duma_api_token.get_secret_value(), cs.duma_app_token.get_secret_value()

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
        token, app = tokens
        if self.only_bill:
            yield self._req(search_url(token, app, number=self.only_bill))
            return
        for number in WATCH_BILLS:
            yield self._req(search_url(token, app, number=number))
        for stem in AI_STEMS:
            yield self._req(search_url(token, app, name=stem, page=1, limit=LIMIT), paged=True)
        # recent events across all bills (the real sample's request); the relevance pipeline sorts out non-AI ones
        yield self._req(
            f"http://api.duma.gov.ru/api/{token}/search.json?sort=last_event_date&limit={LIMIT}&app_token={app}&page=1"
        )

    def _req(self, url: str, paged: bool = False) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.errback, cb_kwargs={"paged": paged})

    def parse(self, response: Response, paged: bool = False, **_: Any) -> Iterator[Any]:
        yield from self.parse_with(response, ru_duma.parse_search)
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
