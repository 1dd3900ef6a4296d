"""Congress.gov API v3 (``AILAW_CONGRESS_API_KEY``, 5,000 requests an hour): a second path for bills of Congress.

For the must-have bills (the GovInfo seeds) and the bills updated since ``UPDATED_DAYS`` days in the current
Congress (``/bill/{congress}?fromDateTime=…&sort=updateDate+asc``; the date filters the record's update date, not
the legislative action, us-federal.md §6): the bill, its actions and its text versions, whose "Formatted XML" files
are read like GovInfo's BILLS packages. The API has no keyword search: AI bills are told by the relevance
classifier from their titles. The key travels in the ``X-Api-Key`` header (never in a URL or an archive); without
it the spider makes no request and says so in one line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import us_billtext, us_congress
from crawler.relevance import classify
from crawler.spiders.base import AilawSpider
from crawler.spiders.keys import api_key
from crawler.spiders.us_govinfo import SEED_BILLS
from store.items import DocumentItem

UPDATED_DAYS = 2


class UsCongressSpider(AilawSpider):
    name = "us_congress"
    source_name = "Congress.gov API v3 (Library of Congress)"
    jurisdiction = "US"
    base_url = "https://api.congress.gov/"
    allowed_domains: ClassVar[list[str]] = ["api.congress.gov", "congress.gov"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_congress:parse_bill",
        "crawler.parsers.us_congress:parse_actions",
    ]
    api_key_setting: ClassVar[str] = "congress_api_key"
    custom_settings = {"HTTPCACHE_ENABLED": False}  # noqa: RUF012

    def __init__(self, *args: Any, congress: str = "119", today: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress = congress
        self.today = dt.date.fromisoformat(today) if today else dt.datetime.now(dt.UTC).date()
        self.key = ""

    def start_requests(self) -> Iterator[scrapy.Request]:
        key = api_key(self, "congress_api_key", "AILAW_CONGRESS_API_KEY", "https://api.congress.gov/sign-up/")
        if key is None:
            return
        self.key = key
        for congress, kind, number in SEED_BILLS:
            yield self._req(f"{us_congress.API}/bill/{congress}/{kind}/{number}?format=json", self.parse_bill)
        since = (self.today - dt.timedelta(days=UPDATED_DAYS)).isoformat()
        yield self._req(f"{us_congress.API}/bill/{self.congress}?format=json&fromDateTime={since}T00:00:00Z"
                        "&sort=updateDate+asc&limit=250&offset=0", self.parse_list)  # fmt: skip

    def _req(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        headers = {"X-Api-Key": self.key} if self.key else {}
        return scrapy.Request(url, headers=headers, callback=callback, errback=self.errback, cb_kwargs=kwargs)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            data = json.loads(response.body)
        except ValueError:
            self.record_error(response.url, "Congress.gov bill list: the response is not JSON", kind="parse")
            return
        for bill in data.get("bills") or []:
            if classify(metadata=bill.get("title") or "").relevant and bill.get("url"):
                yield self._req(bill["url"], self.parse_bill)
        if next_url := (data.get("pagination") or {}).get("next"):
            yield self._req(next_url, self.parse_list)

    def parse_bill(self, response: Response) -> Iterator[Any]:
        for item in self.parse_with(response, us_congress.parse_bill):
            yield item
            if isinstance(item, DocumentItem):
                base = response.url.split("?")[0]
                yield self._req(f"{base}/actions?format=json&limit=250", self.parse_actions)
                yield self._req(f"{base}/text?format=json", self.parse_text_list)

    def parse_actions(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_congress.parse_actions)

    def parse_text_list(self, response: Response) -> Iterator[scrapy.Request]:
        for version in us_congress.text_versions(response.body, url=response.url):
            if version["xml"]:
                yield scrapy.Request(version["xml"], callback=self.parse_text, errback=self.errback)

    def parse_text(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_billtext.parse_bill_text)
