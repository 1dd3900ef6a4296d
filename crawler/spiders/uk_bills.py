"""United Kingdom: the UK Parliament Bills API — the AI bills with their stages and sittings.

Navigation: ``/Bills?SearchTerm=artificial intelligence&SortOrder=DateUpdatedDescending`` (the newest-updated bills
naming AI) and, for each watched bill, ``/Bills/{billId}`` and ``/Bills/{billId}/Stages``. Publications (the bill's
prints as PDF/HTML) are listed by ``/Bills/{billId}/Publications``; reading them as versions waits for a recorded
response (no response of this API has been recorded; the examples are built from its OpenAPI specification).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy

from crawler.parsers import uk_bills
from crawler.spiders.base import AilawSpider

# Bills followed (dossier uk.md §5): the Artificial Intelligence (Regulation) Bill [HL] (2024-25 session) and the
# Data (Use and Access) Bill [HL] that became ukpga/2025/18.
WATCH = [3942, 3825]
SEARCHES = ["artificial intelligence"]
_BILL_URL = re.compile(r"bills(?:-api)?\.parliament\.uk/(?:api/v1/)?bills/(\d+)", re.I)


def search_url(term: str) -> str:
    return f"{uk_bills.API}/Bills?SearchTerm={quote(term)}&SortOrder=DateUpdatedDescending&Take=20"


class UkBillsSpider(AilawSpider):
    name = "uk_bills"
    source_name = "UK Parliament Bills API"
    jurisdiction = "UK"
    base_url = "https://bills-api.parliament.uk/"
    allowed_domains: ClassVar[list[str]] = ["parliament.uk"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.uk_bills:parse_bill",
        "crawler.parsers.uk_bills:parse_stages",
        "crawler.parsers.uk_bills:parse_search",
    ]

    def __init__(self, *args: Any, bill_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_bill = int(bill_id) if bill_id else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://bills.parliament.uk/bills/3942` -> that bill and its stages."""
        m = _BILL_URL.search(url)
        return {"bill_id": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for bill in [self.only_bill] if self.only_bill else WATCH:
            yield scrapy.Request(f"{uk_bills.API}/Bills/{bill}", callback=self.parse_bill, errback=self.errback)
        if not self.only_bill:
            for term in SEARCHES:
                yield scrapy.Request(search_url(term), callback=self.parse_search, errback=self.errback)

    def parse_bill(self, response: Any) -> Iterator[Any]:
        yield from self.parse_with(response, uk_bills.parse_bill)
        if response.status < 400:  # the stages land on a described bill
            yield scrapy.Request(f"{response.url}/Stages", callback=self.parse_stages, errback=self.errback)

    def parse_stages(self, response: Any) -> Iterator[Any]:
        yield from self.parse_with(response, uk_bills.parse_stages)

    def parse_search(self, response: Any) -> Iterator[Any]:
        yield from self.parse_with(response, uk_bills.parse_search)
