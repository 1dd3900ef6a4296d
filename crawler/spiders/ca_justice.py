"""Canada: Justice Laws consolidated Acts in XML, English and French as two language versions of one document.

Navigation: ``/eng/XML/{id}.xml`` for each watched Act, then ``/fra/XML/{id}.xml`` with the English title (so the
French file adds its titles as aliases and never renames the document). The mirror
github.com/justicecanada/laws-lois-xml is updated about monthly; each new ``lims:pit-date`` is a new version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import ca_justice
from crawler.spiders.base import AilawSpider
from store.items import DocumentItem

# Consolidated numbers of the Acts followed: PIPEDA, which Bill C-27 would have replaced in part.
WATCH = ["P-8.6"]
_ACT_URL = re.compile(
    r"laws-lois\.justice\.gc\.ca/(?:eng/acts|fra/lois|eng/XML|fra/XML)/([A-Z]-[\d.]+?)(?:/|\.xml|$)", re.I
)


class CaJusticeSpider(AilawSpider):
    name = "ca_justice"
    source_name = "Justice Laws Website (Department of Justice Canada)"
    jurisdiction = "CA"
    base_url = "https://laws-lois.justice.gc.ca/"
    allowed_domains: ClassVar[list[str]] = ["justice.gc.ca"]
    parsers: ClassVar[list[str]] = ["crawler.parsers.ca_justice:parse_statute"]

    def __init__(self, *args: Any, act: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_act = act

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://laws-lois.justice.gc.ca/eng/acts/P-8.6/` -> that Act in both languages."""
        m = _ACT_URL.search(url)
        return {"act": m.group(1).upper()} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for act in [self.only_act] if self.only_act else WATCH:
            yield scrapy.Request(ca_justice.xml_url(act, "en"), callback=self.parse_english, errback=self.errback,
                                 cb_kwargs={"act": act})  # fmt: skip

    def parse_english(self, response: Response, act: str) -> Iterator[Any]:
        title = None
        for item in self.parse_with(response, ca_justice.parse_statute):
            if isinstance(item, DocumentItem):
                title = item.title
            yield item
        yield scrapy.Request(ca_justice.xml_url(act, "fr"), callback=self.parse_french, errback=self.errback,
                             cb_kwargs={"title": title})  # fmt: skip

    def parse_french(self, response: Response, title: str | None) -> Iterator[Any]:
        yield from self.parse_with(response, ca_justice.parse_statute, title=title)
