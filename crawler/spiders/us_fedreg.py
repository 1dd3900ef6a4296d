"""FederalRegister.gov API v1 (no key): the must-have AI executive orders and rules (us-federal.md §11), then AI
executive orders, rules, proposed rules and notices published in the last ``SEARCH_DAYS`` days (full-text
``conditions[term]``, publication-date windows well under the 10,000-result cap). The documents' texts
(``raw_text_url``, ``full_text_xml_url``) are kept as links on the document; no recording of them exists yet to
build their parser on.

Corrections, revocations and rule chains come with the documents (crawler.parsers.us_fedreg). ``ailaw track
https://www.federalregister.gov/documents/2023/11/01/2023-24283/…`` follows one document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawler.parsers import us_fedreg
from crawler.spiders.base import AilawSpider

# Must-have executive orders and rules: FR document numbers (us-federal.md §11.1, §11.4).
SEED_DOCUMENTS: list[str] = [
    "2019-02544", "2020-27065", "2023-24283", "2025-01395", "2025-01470", "2025-01901", "2025-02172", "2025-07368",
    "2025-10804", "2025-14212", "2025-14217", "2025-14218", "2025-19495", "2025-21665", "2025-23092",
    "2025-00636", "2025-00637",
]  # fmt: skip
SEARCH_DAYS = 30
TERMS = '"artificial intelligence" | "machine learning" | "automated decision"'
_DOC_URL = re.compile(r"federalregister\.gov/(?:documents/\d{4}/\d{2}/\d{2}/|api/v1/documents/)(\d{4}-\d{4,5})")


def search_url(since: dt.date, doc_types: list[str]) -> str:
    params = [("conditions[term]", TERMS), ("conditions[publication_date][gte]", since.isoformat()),
              ("order", "newest"), ("per_page", "100")] + [("conditions[type][]", t) for t in doc_types]  # fmt: skip
    return f"{us_fedreg.API}/documents.json?{urlencode(params)}"


class UsFedRegSpider(AilawSpider):
    name = "us_fedreg"
    source_name = "Federal Register (federalregister.gov API v1)"
    jurisdiction = "US"
    base_url = "https://www.federalregister.gov/"
    allowed_domains: ClassVar[list[str]] = ["www.federalregister.gov", "federalregister.gov"]
    parsers: ClassVar[list[str]] = ["crawler.parsers.us_fedreg:parse_documents"]

    def __init__(self, *args: Any, document: str | None = None, today: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = [document] if document else SEED_DOCUMENTS
        self.search = document is None
        self.today = dt.date.fromisoformat(today) if today else dt.datetime.now(dt.UTC).date()

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        m = _DOC_URL.search(url)
        return {"document": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for number in self.documents:
            yield scrapy.Request(us_fedreg.document_url(number), callback=self.parse, errback=self.errback)
        if self.search:
            since = self.today - dt.timedelta(days=SEARCH_DAYS)
            for types in (["PRESDOCU"], ["RULE", "PRORULE", "NOTICE"]):
                yield scrapy.Request(search_url(since, types), callback=self.parse, errback=self.errback)

    def parse(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_fedreg.parse_documents)
        try:
            next_page = json.loads(response.body).get("next_page_url")
        except (ValueError, AttributeError):
            next_page = None
        if next_page:
            yield scrapy.Request(next_page, callback=self.parse, errback=self.errback)
