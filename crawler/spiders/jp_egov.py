"""Japan: the e-Gov 法令 API v2 for the AI laws' revision histories and texts, and the Japanese Law Translation
database for their official English translations.

Navigation: ``/law_revisions/{law_id}`` for each watched law -> ``/law_file/xml/{law_revision_id}`` for every
revision (each a version dated by its enforcement date) -> the law's English translation XML, whose download URL is
kept in ``WATCH`` (the database gives no API to look it up by law id).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import jp_law
from crawler.spiders.base import AilawSpider

# law_id -> the English translation's download URL (Japanese Law Translation database), when one is published.
WATCH: dict[str, str | None] = {
    # 人工知能関連技術の研究開発及び活用の推進に関する法律 (AI Promotion Act, 令和七年法律第五十三号)
    "507AC0000000053": "https://www.japaneselawtranslation.go.jp/en/laws/download/5066/06/r07Aa000530105en18.0.xml",
}
_LAW_ID = re.compile(r"laws\.e-gov\.go\.jp/(?:law|api/2/[a-z_]+(?:/xml)?)/(\d{3}[A-Z]{2}\d{10})", re.I)


class JpEgovSpider(AilawSpider):
    name = "jp_egov"
    source_name = "e-Gov 法令API v2 + Japanese Law Translation"
    jurisdiction = "JP"
    base_url = "https://laws.e-gov.go.jp/"
    allowed_domains: ClassVar[list[str]] = ["laws.e-gov.go.jp", "japaneselawtranslation.go.jp"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.jp_law:parse_law_revisions",
        "crawler.parsers.jp_law:parse_law_file",
        "crawler.parsers.jp_law:parse_translation",
    ]

    def __init__(self, *args: Any, law_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_law = law_id

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://laws.e-gov.go.jp/law/507AC0000000053` -> that law."""
        m = _LAW_ID.search(url)
        return {"law_id": m.group(1).upper()} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for law_id in [self.only_law] if self.only_law else WATCH:
            yield scrapy.Request(jp_law.revisions_url(law_id), callback=self.parse_revisions, errback=self.errback,
                                 cb_kwargs={"law_id": law_id})  # fmt: skip

    def parse_revisions(self, response: Response, law_id: str) -> Iterator[Any]:
        title = None
        for item in self.parse_with(response, jp_law.parse_law_revisions):
            title = getattr(item, "title", None) or title
            yield item
        try:
            revisions = json.loads(response.body).get("revisions") or []
        except (ValueError, AttributeError):
            return  # already recorded by parse_with
        first = min((r.get("amendment_enforcement_date") or "9999" for r in revisions), default=None)
        for rev in revisions:
            rid = rev.get("law_revision_id")
            if rid:
                yield scrapy.Request(
                    jp_law.revision_url(rid), callback=self.parse_text, errback=self.errback,
                    cb_kwargs={"revision_id": rid, "enforced": rev.get("amendment_enforcement_date"),
                               "first": rev.get("amendment_enforcement_date") == first and not rev.get("amendment_law_id")},
                )  # fmt: skip
        if translation := WATCH.get(law_id):
            yield scrapy.Request(translation, callback=self.parse_translation, errback=self.errback,
                                 cb_kwargs={"title": title})  # fmt: skip

    def parse_text(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        yield from self.parse_with(response, jp_law.parse_law_file, **kwargs)

    def parse_translation(self, response: Response, title: str | None) -> Iterator[Any]:
        yield from self.parse_with(response, jp_law.parse_translation, title=title)
