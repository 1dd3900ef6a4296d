"""GovInfo (GPO) bulk data, no key: BILLSTATUS files of bills of Congress found through the bulk-data sitemaps'
``lastmod``, and the BILLS packages of their text editions (us-federal.md §3, §4, §9).

1. The BILLSTATUS sitemap index, then the sitemaps of the Congresses followed (``AILAW_US_CONGRESSES``, default the
   current 119th), then each BILLSTATUS file whose sitemap ``lastmod`` differs from the one its stored bill remembers
   (``extra["billstatus_lastmod"]``): an unchanged file is never downloaded again. The must-have bills
   (``SEED_BILLS``) are read even when their Congress is not followed.
2. For every AI-related bill (the relevance classifier on its title, summary and CRS subjects), each text edition
   listed in ``textVersions`` that has no stored version yet: its BILLS package XML (bill DTD or USLM) becomes a
   Version split into sections, subsections and paragraphs, so ``ailaw diff`` compares editions provision by
   provision. Must-have texts (``SEED_TEXTS``) are read directly.

``ailaw track https://www.govinfo.gov/content/pkg/BILLS-118s1325rs/xml/BILLS-118s1325rs.xml`` reads one edition;
a BILLSTATUS URL reads one bill. GovInfo allows 40 requests a second; the crawl stays polite (AutoThrottle).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import us_billstatus, us_billtext
from crawler.relevance import classify
from crawler.spiders.base import AilawSpider
from store.items import DocumentItem

SITEMAP_INDEX = "https://www.govinfo.gov/sitemap/bulkdata/BILLSTATUS/sitemapindex.xml"
CONTENT = "https://www.govinfo.gov/content/pkg/{package}/xml/{package}.xml"
# Must-have bills of Congress (us-federal.md §11.2): (congress, type, number).
SEED_BILLS: list[tuple[str, str, str]] = [("119", "hr", "1"), ("119", "s", "146"), ("117", "s", "1260")]
# Must-have editions read directly: H.R. 1 (119th) as passed by the House, with the AI moratorium (Sec. 43201).
SEED_TEXTS: list[str] = ["BILLS-119hr1eh"]
BILL_META = "ailaw_bill"  # a text request's bill (doc id), for still_wanted
_URL = re.compile(r"govinfo\.gov/(?:content/pkg/(BILLS-\w+?)/|bulkdata/BILLSTATUS/\d+/\w+/(BILLSTATUS-\w+)\.xml)")


def stored_state(doc_ids: list[str]) -> dict[str, tuple[str | None, set[str]]]:
    """doc id -> (the BILLSTATUS lastmod its bill remembers, the source URLs of its stored versions)."""
    from sqlmodel import col, select

    from store.db import session_scope
    from store.models import Document, Version

    out: dict[str, tuple[str | None, set[str]]] = {}
    with session_scope() as session:
        for doc in session.exec(select(Document).where(col(Document.id).in_(doc_ids))).all():
            urls = set(session.exec(select(Version.source_url).where(Version.document_id == doc.id)).all())
            out[doc.id] = ((doc.extra or {}).get("billstatus_lastmod"), urls)
    return out


class UsGovInfoSpider(AilawSpider):
    name = "us_govinfo"
    source_name = "GovInfo bulk data: BILLSTATUS and BILLS (govinfo.gov)"
    jurisdiction = "US"
    base_url = "https://www.govinfo.gov/"
    allowed_domains: ClassVar[list[str]] = ["www.govinfo.gov", "govinfo.gov"]
    memo_exempt: ClassVar[frozenset[str]] = frozenset({"parse_urlset"})  # which files it requests depends on the store
    # a BILLSTATUS file leads to the texts of an AI bill that are not stored yet: an unchanged file is not parsed again,
    # its remembered text requests are checked against the store (still_wanted)
    memo_recheck: ClassVar[frozenset[str]] = frozenset({"parse_billstatus"})
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_billstatus:parse_billstatus",
        "crawler.parsers.us_billtext:parse_bill_text",
    ]

    def __init__(self, *args: Any, package: str | None = None, billstatus: str | None = None,
                 congresses: str | None = None, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.congresses = {c.strip() for c in congresses.split(",") if c.strip()} if congresses else None
        self.package = package
        self.billstatus = billstatus
        self.skipped_unchanged = 0
        self._classifier: str | None = None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        m = _URL.search(url)
        if not m:
            return None
        return {"package": m.group(1)} if m.group(1) else {"billstatus": url}

    def _congresses(self) -> set[str]:
        from crawler.settings import CrawlerSettings

        if self.congresses:
            return self.congresses
        return {c.strip() for c in CrawlerSettings().us_congresses.split(",") if c.strip()}

    def start_requests(self) -> Iterator[scrapy.Request]:
        if self.package:
            yield self._text(CONTENT.format(package=self.package))
            return
        if self.billstatus:
            yield scrapy.Request(self.billstatus, callback=self.parse_billstatus, errback=self.errback)
            return
        yield scrapy.Request(SITEMAP_INDEX, callback=self.parse_index, errback=self.errback)
        for congress, kind, number in SEED_BILLS:
            url = us_billstatus.BILLSTATUS.format(congress=congress, type=kind, number=number)
            yield scrapy.Request(url, callback=self.parse_billstatus, errback=self.errback)
        for package in SEED_TEXTS:
            yield self._text(CONTENT.format(package=package))

    # --- sitemaps ---------------------------------------------------------------------------------------------------
    def parse_index(self, response: Response) -> Iterator[scrapy.Request]:
        entries = us_billstatus.parse_sitemap(response.body, url=response.url)
        if entries is None:
            self.record_error(response.url, "the BILLSTATUS sitemap index is not a sitemap; skipped", kind="parse")
            return
        congresses = self._congresses()
        for entry in entries:
            loc = entry["loc"] or ""
            if any(re.search(rf"(?<!\d){c}(?!\d)", loc) for c in congresses):
                yield scrapy.Request(loc, callback=self.parse_urlset, errback=self.errback)

    def parse_urlset(self, response: Response) -> Iterator[scrapy.Request]:
        entries = us_billstatus.parse_sitemap(response.body, url=response.url)
        if entries is None:
            self.record_error(response.url, "the BILLSTATUS sitemap is not a sitemap; skipped", kind="parse")
            return
        seeds = {us_billstatus.BILLSTATUS.format(congress=c, type=t, number=n) for c, t, n in SEED_BILLS}
        files = [(e["loc"], e["lastmod"]) for e in entries if e["loc"] and us_billstatus.billstatus_key(e["loc"])]
        ids = {url: "us/congress/{}/{}/{}".format(*us_billstatus.billstatus_key(url)) for url, _ in files}  # type: ignore[str-format]
        state = stored_state(list(ids.values()))
        for url, lastmod in files:
            remembered = state.get(ids[url], (None, set()))[0]
            if lastmod and remembered == lastmod:
                self.skipped_unchanged += 1  # the file has not changed since it was read: never downloaded again
                continue
            if url in seeds:
                continue  # requested by start_requests already
            yield scrapy.Request(
                url, callback=self.parse_billstatus, errback=self.errback, cb_kwargs={"lastmod": lastmod}
            )

    # --- bills and texts --------------------------------------------------------------------------------------------
    def parse_billstatus(self, response: Response, lastmod: str | None = None) -> Iterator[Any]:
        for item in self.parse_with(response, us_billstatus.parse_billstatus, lastmod=lastmod):
            yield item
            if isinstance(item, DocumentItem):
                yield from self._texts_of(item)

    def _texts_of(self, bill: DocumentItem) -> Iterator[scrapy.Request]:
        verdict = classify(metadata=" ".join([bill.title, bill.summary or "", *bill.subjects]))
        if not verdict.relevant:
            return  # texts are read for AI bills only: a Congress has thousands of bills and their editions are large
        stored = stored_state([bill.doc_id]).get(bill.doc_id, (None, set()))[1]
        for version in bill.extra.get("text_versions") or []:
            url = version["url"]
            if url not in stored and "/BILLS-" in url:
                yield self._text(url, bill=bill.doc_id)

    def _text(self, url: str, bill: str | None = None) -> scrapy.Request:
        meta = {BILL_META: bill} if bill else None
        return scrapy.Request(url, callback=self.parse_text, errback=self.errback, meta=meta)

    def memo_context(self, callback: str) -> str:
        """Which bills are about AI (their texts are read): a new thesaurus or classifier reads their files again."""
        if self._classifier is None:
            from crawler.relevance import classifier_digest

            self._classifier = classifier_digest()  # read once per crawl
        return self._classifier

    def still_wanted(self, callback: str, requests: list[Any]) -> list[Any]:
        """The remembered text requests of an unchanged BILLSTATUS file whose text is still not stored (the store
        only grows: these are the requests ``_texts_of`` would make now)."""
        bills = sorted({r.meta[BILL_META] for r in requests if r.meta.get(BILL_META)})
        state = stored_state(bills) if bills else {}
        return [r for r in requests if r.url not in state.get(r.meta.get(BILL_META), (None, set()))[1]]

    def parse_text(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_billtext.parse_bill_text)

    def closed(self, reason: str) -> None:
        if self.skipped_unchanged:
            import logging

            logging.getLogger(__name__).info("%s: %d BILLSTATUS files unchanged since last read (sitemap lastmod), not "
                                             "downloaded", self.name, self.skipped_unchanged)  # fmt: skip
