"""Colorado General Assembly (leg.colorado.gov): the must-have Colorado AI bills (us-states.md §7) with their
history, versions, session laws and the relations between them.

The Colorado AI Act (SB24-205), the act delaying it (SB25B-004) and the act repealing and re-enacting it (SB26-189)
are read in that order, one after the other: a later act's page writes dated events onto the earlier act (its
delay, its re-enactment), so the earlier act is stored first. For each bill:

- the bill page (``crawler.parsers.us_colorado.parse_bill_page``);
- its session law PDF (the text as published in the Session Laws of Colorado: an ``original`` version);
- its versions (Introduced, Engrossed, … Final Act: ``bill-text`` versions from their PDF text layer);
- its "Signed Act" PDF, a scan of the enrolled bill with the signatures: its text is ailaw's OCR (Tesseract),
  stored as an OCR version with its mean confidence; a scan OCR cannot read is one sentence on the crawl run.

The site is PDF-first and was rebuilt in 2025-26 (us-states.md §4.2): a page in another layout is one error on the
run, never a stored empty bill. ``ailaw track https://leg.colorado.gov/bills/sb24-205`` follows one bill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import us_colorado
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_state_bill
from store.items import DocumentItem

# Must-have Colorado bills, in the order they must be stored, with the popular names lawyers use for them.
SEED_BILLS: dict[str, list[str]] = {
    "SB24-205": ["Colorado AI Act", "Colorado Artificial Intelligence Act"],
    "SB25B-004": [],
    "SB26-189": ["Colorado ADMT Act"],
}
# The address a seed's page is read at when it is not the lower-case form the site links (the recorded one).
SEED_URLS = {"SB26-189": "https://leg.colorado.gov/bills/SB26-189"}
_BILL_URL = re.compile(r"leg\.colorado\.gov/bills/([A-Za-z]{2,3}\d{2}[A-Za-z]?-\d{3,4})", re.I)


class UsColoradoSpider(AilawSpider):
    name = "us_colorado"
    source_name = "Colorado General Assembly (leg.colorado.gov)"
    jurisdiction = "US"
    base_url = "https://leg.colorado.gov/"
    allowed_domains: ClassVar[list[str]] = ["leg.colorado.gov"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_colorado:parse_bill_page",
        "crawler.parsers.us_colorado:parse_pdf_version",
        "crawler.parsers.us_colorado:parse_signed_act",
    ]

    def __init__(self, *args: Any, bill: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number = normalize_state_bill(bill) if bill else None
        self.bills = [number] if number else list(SEED_BILLS)

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://leg.colorado.gov/bills/sb24-205` -> that bill."""
        m = _BILL_URL.search(url)
        return {"bill": m.group(1).upper()} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        if self.bills:
            yield self._page(0)

    def _page(self, index: int) -> scrapy.Request:
        number = self.bills[index]
        url = SEED_URLS.get(number) or us_colorado.bill_url(number)
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed,
                              cb_kwargs={"index": index})  # fmt: skip

    def page_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        self.errback(failure)
        index = failure.request.cb_kwargs["index"]
        if index + 1 < len(self.bills):
            yield self._page(index + 1)  # one bill missing never stops the others

    def parse_page(self, response: Response, index: int) -> Iterator[Any]:
        number = self.bills[index]
        for item in self.parse_with(response, us_colorado.parse_bill_page, aliases=SEED_BILLS.get(number, [])):
            yield item
            if isinstance(item, DocumentItem):
                yield from self._texts(item)
        if index + 1 < len(self.bills):
            yield self._page(index + 1)  # after this bill's items: the next one may write events onto it

    def _texts(self, bill: DocumentItem) -> Iterator[scrapy.Request]:
        number = bill.identifiers["bill_number"]
        year = us_colorado.session_code(number)[:4]
        for law in bill.extra.get("session_laws") or []:
            if law.get("url"):
                label = f"Session Laws of Colorado {year}, chapter {law['chapter']}"
                yield self._pdf(law["url"], number=number, label=label, date=law.get("effective"), kind="original")
        for version in bill.extra.get("versions") or []:
            if version["label"] == "Signed Act":
                yield scrapy.Request(version["url"], callback=self.parse_signed, errback=self.text_failed,
                                     cb_kwargs={"number": number, "label": version["label"], "date": version["date"]})  # fmt: skip
            else:
                yield self._pdf(version["url"], number=number, label=version["label"] or "Bill text",
                                date=version["date"], kind="bill-text")  # fmt: skip

    def _pdf(self, url: str, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_pdf, errback=self.text_failed, cb_kwargs=kwargs)

    def parse_pdf(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        yield from self.parse_with(response, us_colorado.parse_pdf_version, **kwargs)

    def parse_signed(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        if getattr(self, "settings", None) is not None:  # in a crawl: a scan read before is not read again
            from crawler.parsers import ocr
            from store.settings import StoreSettings

            ocr.use_cache(StoreSettings().home / "cache" / "ocr")
        yield from self.parse_with(response, us_colorado.parse_signed_act, **kwargs)

    def text_failed(self, failure: Any) -> Any:
        kwargs = failure.request.cb_kwargs
        return self.download_failed(failure, f"Colorado {kwargs.get('number')}, {kwargs.get('label')}")
