"""China: the AI rules of the Cyberspace Administration of China, from their article pages on cac.gov.cn.

The rules are followed by their page URL with the facts a page does not give in a structured way — order number,
dates of adoption, publication and entry into force — in ``WATCH``, each with its source (dossier china.md §7).
The Deep Synthesis Provisions (令第12号) and the Algorithmic Recommendation Provisions (令第9号) are CAC rules too,
but their page URLs are not known offline: add them here (``ailaw track URL`` fetches any CAC article page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import cn_cac
from crawler.spiders.base import AilawSpider

WATCH: dict[str, dict[str, str]] = {
    "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm": {
        "title": "生成式人工智能服务管理暂行办法",  # Interim Measures for Generative AI Services
        "number": "国家互联网信息办公室等七部门令第15号",
        "adopted": "2023-05-23", "published": "2023-07-13", "in_force": "2023-08-15",
        "basis": "dossier china.md §7 row 1 [sample: the page's own metadata as extracted by a third party]",
    },
    "https://www.cac.gov.cn/2025-03/14/c_1743654684782215.htm": {
        "title": "人工智能生成合成内容标识办法",  # Measures for Labelling AI-Generated Synthetic Content
        "number": "国信办通字〔2025〕2号",
        "published": "2025-03-14", "in_force": "2025-09-01",
        "basis": "dossier china.md §7 row 4 [public]",
    },
}  # fmt: skip


class CnCacSpider(AilawSpider):
    name = "cn_cac"
    source_name = "国家互联网信息办公室 Cyberspace Administration of China (cac.gov.cn)"
    jurisdiction = "CN"
    base_url = "https://www.cac.gov.cn/"
    allowed_domains: ClassVar[list[str]] = ["cac.gov.cn"]
    parsers: ClassVar[list[str]] = ["crawler.parsers.cn_cac:parse_article"]

    def __init__(self, *args: Any, page: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_page = page

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm` -> that rule."""
        return {"page": url} if "cac.gov.cn" in url and cn_cac.rule_doc_id(url) else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for url in [self.only_page] if self.only_page else WATCH:
            facts = {k: v for k, v in WATCH.get(url, {}).items() if k != "basis"}
            yield scrapy.Request(url, callback=self.parse, errback=self.errback, cb_kwargs={"facts": facts})

    def parse(self, response: Response, facts: dict[str, str] | None = None, **_: Any) -> Iterator[Any]:
        yield from self.parse_with(response, cn_cac.parse_article, **(facts or {}))
