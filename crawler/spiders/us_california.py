"""California Legislature (leginfo.legislature.ca.gov): the must-have California AI bills' status pages (stage,
last actions, the Governor's veto message) and their texts (a Version per text page read).

leginfo answers bots with 403 at times (seen 2026-10-07, us-states.md §4.1): such an answer is one error on the
crawl run. The pubinfo database dumps are the documented bulk alternative; they are not read here yet.
``ailaw track https://leginfo.legislature.ca.gov/faces/billStatusClient.xhtml?bill_id=202320240SB1047``
follows one bill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import us_california
from crawler.spiders.base import AilawSpider

# Must-have California bills (us-states.md §7): leginfo bill id -> (popular names, text versions to read).
SEED_BILLS: dict[str, tuple[list[str], list[str]]] = {
    "202320240SB1047": (["Safe and Secure Innovation for Frontier Artificial Intelligence Models Act"],
                        ["20230SB104788ENR"]),
    "202520260SB53": (["Transparency in Frontier Artificial Intelligence Act", "TFAIA"], []),
    "202320240AB2013": ([], []), "202320240SB942": (["California AI Transparency Act"], []),
    "202520260AB853": ([], []), "202520260SB243": ([], []), "202520260SB7": (["No Robo Bosses Act"], []),
    "202520260AB1018": (["Automated Decisions Safety Act"], []),
}  # fmt: skip
_BILL_ID = re.compile(r"leginfo\.legislature\.ca\.gov/faces/\w+\.xhtml\?.*bill_id=(\d{9}[A-Z]+\d+)")


class UsCaliforniaSpider(AilawSpider):
    name = "us_california"
    source_name = "California Legislative Information (leginfo.legislature.ca.gov)"
    jurisdiction = "US"
    base_url = "https://leginfo.legislature.ca.gov/"
    allowed_domains: ClassVar[list[str]] = ["leginfo.legislature.ca.gov"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_california:parse_status_page",
        "crawler.parsers.us_california:parse_bill_text_page",
    ]

    def __init__(self, *args: Any, bill_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bills = {bill_id: SEED_BILLS.get(bill_id, ([], []))} if bill_id else SEED_BILLS

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        m = _BILL_ID.search(url)
        return {"bill_id": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for bill_id, (aliases, _) in self.bills.items():
            yield scrapy.Request(us_california.status_url(bill_id), callback=self.parse_status, errback=self.errback,
                                 cb_kwargs={"bill_id": bill_id, "aliases": aliases})  # fmt: skip

    def parse_status(self, response: Response, bill_id: str, aliases: list[str]) -> Iterator[Any]:
        items = list(self.parse_with(response, us_california.parse_status_page, aliases=aliases))
        yield from items
        if any(getattr(i, "doc_id", None) for i in items):  # the bill is stored: its texts may follow
            for version in self.bills[bill_id][1]:
                yield scrapy.Request(us_california.text_url(bill_id, version), callback=self.parse_text,
                                     errback=self.errback)  # fmt: skip

    def parse_text(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_california.parse_bill_text_page)
