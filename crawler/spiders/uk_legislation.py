"""United Kingdom: legislation.gov.uk — the AI-relevant Acts and instruments, their point-in-time versions and the
"changes to legislation" effects that amend them.

Navigation:
- for each watched item: ``/{item}/data.xml`` (the latest revised text; it lists every point-in-time version, each
  fetched as ``/{item}/{enacted|made|YYYY-MM-DD}/data.xml``) and ``/changes/affected/{item}/data.feed`` (paged by
  ``rel="next"``);
- the newest publications feed ``/all/data.feed?sort=published``: an entry whose title or summary is AI-related is
  followed to its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import uk_legislation as uk
from crawler.parsers.world import load_xml
from crawler.relevance import classify
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_uk_legislation
from store.items import DocumentItem

# Items followed with their effects (dossier uk.md §5): the Data (Use and Access) Act 2025 and the acts it amends.
WATCH = ["ukpga/2025/18", "eur/2016/679", "ukpga/2018/12"]
NEWEST = f"{uk.BASE}/all/data.feed?sort=published"


def effects_url(item: str) -> str:
    return f"{uk.BASE}/changes/affected/{item}/data.feed?results-count=50&sort=modified"


class UkLegislationSpider(AilawSpider):
    name = "uk_legislation"
    source_name = "legislation.gov.uk (The National Archives)"
    jurisdiction = "UK"
    base_url = "https://www.legislation.gov.uk/"
    allowed_domains: ClassVar[list[str]] = ["legislation.gov.uk"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.uk_legislation:parse_legislation",
        "crawler.parsers.uk_legislation:parse_effects_feed",
        "crawler.parsers.uk_legislation:parse_list_feed",
    ]

    def __init__(self, *args: Any, item: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_item = normalize_uk_legislation(item) if item else None
        self._asked: set[str] = set()

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://www.legislation.gov.uk/ukpga/2025/18` -> that item, its versions and its effects."""
        if "legislation.gov.uk" not in url or "/changes/" in url:
            return None
        item = normalize_uk_legislation(url)
        return {"item": item} if item else None

    def _req(self, url: str, callback: Any, **kw: Any) -> Iterator[scrapy.Request]:
        if url not in self._asked:
            self._asked.add(url)
            yield scrapy.Request(url, callback=callback, errback=self.errback, cb_kwargs=kw)

    def start_requests(self) -> Iterator[scrapy.Request]:
        for item in [self.only_item] if self.only_item else WATCH:
            yield from self._req(uk.data_xml_url(item), self.parse_text, item=item, follow_versions=True)
            yield from self._req(effects_url(item), self.parse_effects)
        if not self.only_item:
            yield from self._req(NEWEST, self.parse_list)

    def parse_text(self, response: Response, item: str, follow_versions: bool = False) -> Iterator[Any]:
        versions: list[str] = []
        for entry in self.parse_with(response, uk.parse_legislation):
            if isinstance(entry, DocumentItem):
                versions = list(entry.extra.get("versions") or [])
            yield entry
        if follow_versions:
            for version in versions:
                if version == "current" or not re.match(r"^(?:enacted|made|adopted|\d{4}-\d{2}-\d{2})$", version):
                    continue
                yield from self._req(uk.data_xml_url(item, version), self.parse_text, item=item)

    def parse_effects(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, uk.parse_effects_feed)
        root, failure = load_xml(response.body, url=response.url, source=uk.SOURCE_LABEL, root="feed")
        if root is not None and (following := uk.next_page(root)):
            yield from self._req(following, self.parse_effects)

    def parse_list(self, response: Response) -> Iterator[Any]:
        for entry in self.parse_with(response, uk.parse_list_feed):
            yield entry
            if isinstance(entry, DocumentItem) and classify(metadata=f"{entry.title} {entry.summary or ''}").relevant:
                item = entry.identifiers.get("legislation_id")
                if item:
                    yield from self._req(uk.data_xml_url(item), self.parse_text, item=item, follow_versions=True)
