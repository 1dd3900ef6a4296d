"""South Korea: law.go.kr DRF Open API — AI laws by name, each with every promulgated text and phase and the
government's English translations.

Needs your registered user id (setting ``lawgokr_oc``, ``AILAW_LAWGOKR_OC``). Without it a live crawl makes no
request and says so in one sentence; a replay asks the committed records' URLs with the ``OC={oc}`` placeholder, and
a live archive records every URL that way (:func:`redact`), so no caller id is ever written.

Navigation: ``lawSearch.do?target=eflaw`` for each watched name (the AI Basic Act; its search also returns the
Enforcement Decree) -> for every row, ``lawService.do?target=eflaw&MST=…&efYd=…`` (the Korean text of that phase);
``lawSearch.do?target=elaw`` for the English names -> ``lawService.do?target=elaw&MST=…`` for each translation listed
and for the current text of each law (translations are published per promulgated text).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawler.parsers import kr_law
from crawler.parsers.world import load_xml
from crawler.spiders.base import AilawSpider

logger = logging.getLogger(__name__)

PLACEHOLDER_OC = "{oc}"
# The AI laws followed by name (the search by the AI Basic Act's title also finds its Enforcement Decree).
WATCH_NAMES = ["인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"]
WATCH_NAMES_EN = ["FRAMEWORK ACT ON THE DEVELOPMENT OF ARTIFICIAL INTELLIGENCE"]
_OC = re.compile(r"([?&]OC=)[^&#\s]+")
_LAW_URL = re.compile(r"law\.go\.kr/.*(?:[?&]lsiSeq=|[?&]MST=)(\d+)", re.I)


def redact(text: str) -> str:
    """Any law.go.kr URL in ``text`` with its caller id replaced by the placeholder.

    >>> redact("https://www.law.go.kr/DRF/lawService.do?OC=me123&target=eflaw&MST=282791&type=XML")
    'https://www.law.go.kr/DRF/lawService.do?OC={oc}&target=eflaw&MST=282791&type=XML'
    """
    return _OC.sub(r"\g<1>{oc}", text)


def search_url(oc: str, target: str, query: str) -> str:
    return f"{kr_law.BASE}/DRF/lawSearch.do?OC={oc}&target={target}&type=XML&query={quote(query)}&display=100"


def service_url(oc: str, target: str, mst: str, ef_yd: str | None = None) -> str:
    tail = f"&efYd={ef_yd}" if ef_yd else ""
    return f"{kr_law.BASE}/DRF/lawService.do?OC={oc}&target={target}&MST={mst}{tail}&type=XML"


class KrLawSpider(AilawSpider):
    name = "kr_law"
    source_name = "국가법령정보센터 Open API (law.go.kr)"
    jurisdiction = "KR"
    base_url = "https://www.law.go.kr/"
    allowed_domains: ClassVar[list[str]] = ["law.go.kr"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.kr_law:parse_law_search",
        "crawler.parsers.kr_law:parse_law_service",
    ]
    redact_url = staticmethod(redact)  # the archive records law.go.kr URLs with OC={oc}
    custom_settings = {"HTTPCACHE_ENABLED": False}  # noqa: RUF012 (the cache would keep the caller id on disk)

    def __init__(self, *args: Any, name_query: str | None = None, mst: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_name = name_query
        self.only_mst = mst
        self._oc = PLACEHOLDER_OC
        self._asked: set[str] = set()

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://www.law.go.kr/LSW/lsInfoP.do?lsiSeq=282791` -> that text and its law."""
        m = _LAW_URL.search(url)
        return {"mst": m.group(1)} if m else None

    def record_error(self, url: str, message: str, kind: str = "error") -> None:
        super().record_error(redact(url), redact(message), kind=kind)

    def record_miss(self, url: str, message: str) -> None:
        super().record_miss(redact(url), redact(message))

    def _caller(self) -> str | None:
        if self.settings.get("AILAW_REPLAY"):
            return PLACEHOLDER_OC
        from crawler.settings import CrawlerSettings

        oc = CrawlerSettings().lawgokr_oc
        return oc.get_secret_value() if oc and oc.get_secret_value() else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        oc = self._caller()
        if oc is None:
            message = ("kr_law: no law.go.kr user id (set AILAW_LAWGOKR_OC; register at https://open.law.go.kr/), "
                       "so no request was made.")  # fmt: skip
            logger.warning(message)
            self.record_error(self.base_url, message, kind="config")
            return
        self._oc = oc
        if self.only_mst:
            yield self._req(service_url(oc, "eflaw", self.only_mst), self.parse_service)
            yield self._req(service_url(oc, "elaw", self.only_mst), self.parse_service)
            return
        for name in [self.only_name] if self.only_name else WATCH_NAMES:
            yield self._req(search_url(oc, "eflaw", name), self.parse_search)
        for name in [] if self.only_name else WATCH_NAMES_EN:
            yield self._req(search_url(oc, "elaw", name), self.parse_search)

    def _req(self, url: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.errback)

    def _once(self, url: str, callback: Any) -> Iterator[scrapy.Request]:
        if url not in self._asked:
            self._asked.add(url)
            yield self._req(url, callback)

    def parse_search(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, kr_law.parse_law_search)
        root, failure = load_xml(response.body, url=response.url, source=kr_law.SOURCE_LABEL, root="LawSearch")
        if failure or root is None:
            return
        target = root.findtext("target") or "eflaw"
        for row in kr_law.search_rows(root):
            mst = row.get("법령일련번호")
            if not mst:
                continue
            if target == "eflaw":
                yield from self._once(
                    service_url(self._oc, "eflaw", mst, row.get("시행일자") or None), self.parse_service
                )
                if row.get("현행연혁코드") == "현행":  # the translation of the current text, when one is published
                    yield from self._once(service_url(self._oc, "elaw", mst), self.parse_service)
            else:
                yield from self._once(service_url(self._oc, "elaw", mst), self.parse_service)

    def parse_service(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, kr_law.parse_law_service)
