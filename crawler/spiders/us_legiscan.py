"""LegiScan API (``AILAW_LEGISCAN_API_KEY``; 30,000 queries a month on the free key): state AI bills as an
alternative path to Open States, re-read only when their ``change_hash`` moved (us-states.md §3.6).

Per tracked state: ``getSearchRaw`` with the AI query (bill ids and change hashes, no bill data); ``getBill`` only
for a bill whose ``change_hash`` differs from the one its stored document remembers; ``getBillText`` only for a text
``doc_id`` not stored yet. LegiScan takes the key in the URL only: every URL is archived and logged with the
``{key}`` placeholder (:func:`redact`), so a WARC can be shared and still replays; without a key the spider makes no
request and says so in one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawler.parsers import us_legiscan
from crawler.spiders.base import AilawSpider
from crawler.spiders.keys import api_key
from store.items import DocumentItem, ParseFailure

API = "https://api.legiscan.com/"
PLACEHOLDER = "{key}"
QUERY = '(artificial NEAR intelligence) OR (automated NEAR decision NEAR making) OR "frontier model" OR deepfake'
STATES = ["CO", "CA", "NY", "TX", "UT", "IL", "CT", "VA", "TN"]
_KEY = re.compile(r"([?&]key=)[^&#\s]+")


def redact(text: str) -> str:
    """
    >>> redact("https://api.legiscan.com/?key=abc123&op=getBill&id=1")
    'https://api.legiscan.com/?key={key}&op=getBill&id=1'
    """
    return _KEY.sub(r"\g<1>{key}", text)


def op_url(key: str, op: str, **params: str | int) -> str:
    rest = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    return f"{API}?key={key}&op={op}{rest}"


def stored_hashes() -> dict[str, str]:
    """LegiScan bill id -> the change_hash its stored document remembers."""
    from sqlmodel import select

    from store.db import session_scope
    from store.models import Document

    out: dict[str, str] = {}
    with session_scope() as session:
        for extra in session.exec(select(Document.extra).where(Document.source == us_legiscan.SOURCE)).all():
            info = (extra or {}).get("legiscan") or {}
            if info.get("bill_id"):
                out[str(info["bill_id"])] = str(info.get("change_hash") or "")
    return out


class UsLegiScanSpider(AilawSpider):
    name = "us_legiscan"
    source_name = "LegiScan API (api.legiscan.com)"
    jurisdiction = "US"
    base_url = "https://api.legiscan.com/"
    allowed_domains: ClassVar[list[str]] = ["api.legiscan.com", "legiscan.com"]
    memo_exempt: ClassVar[frozenset[str]] = frozenset(
        {"parse_search"}
    )  # what it requests depends on the stored change_hash
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_legiscan:parse_bill",
        "crawler.parsers.us_legiscan:parse_bill_text",
    ]
    api_key_setting: ClassVar[str] = "legiscan_api_key"
    redact_url = staticmethod(redact)
    custom_settings = {"HTTPCACHE_ENABLED": False}  # noqa: RUF012 (keyed URLs are not cached on disk)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key = PLACEHOLDER
        self.hashes: dict[str, str] = {}

    def record_error(self, url: str, message: str, kind: str = "error") -> None:
        super().record_error(redact(url), redact(message), kind=kind)

    def record_miss(self, url: str, message: str) -> None:
        super().record_miss(redact(url), redact(message))

    def start_requests(self) -> Iterator[scrapy.Request]:
        key = api_key(self, "legiscan_api_key", "AILAW_LEGISCAN_API_KEY", "https://legiscan.com/legiscan")
        if key is None:
            return
        self.key = key or PLACEHOLDER
        self.hashes = stored_hashes()
        for state in STATES:
            yield scrapy.Request(op_url(self.key, "getSearchRaw", state=state, query=QUERY, year=2),
                                 callback=self.parse_search, errback=self.errback)  # fmt: skip

    def parse_search(self, response: Response) -> Iterator[scrapy.Request]:
        found = us_legiscan.master_list_hashes(response.body, url=redact(response.url), key="searchresult")
        if isinstance(found, ParseFailure):
            self.record_error(found.url, found.reason, kind="parse")
            return
        for bill_id, change_hash in found.items():
            if self.hashes.get(bill_id) == change_hash:
                continue  # unchanged since it was last read
            yield scrapy.Request(
                op_url(self.key, "getBill", id=bill_id), callback=self.parse_bill, errback=self.errback
            )

    def parse_bill(self, response: Response) -> Iterator[Any]:
        for item in self.parse_with(response, us_legiscan.parse_bill):
            yield item
            if isinstance(item, DocumentItem):
                for text in item.extra.get("texts") or []:
                    yield scrapy.Request(op_url(self.key, "getBillText", id=text["doc_id"]), callback=self.parse_text,
                                         errback=self.errback,
                                         cb_kwargs={"doc_id": item.doc_id, "label": f"{text['type']} ({text['date']})"})  # fmt: skip

    def parse_text(self, response: Response, doc_id: str, label: str) -> Iterator[Any]:
        yield from self.parse_with(response, us_legiscan.parse_bill_text, doc_id=doc_id, label=label)
