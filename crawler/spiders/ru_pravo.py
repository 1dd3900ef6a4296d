"""publication.pravo.gov.ru (official publication) + actual.pravo.gov.ru (ЕБПИ editions) for Russian acts.

Seeds: the AI full-text search, the newest-publications page, and a watch list of the must-have AI acts by
eoNumber (dossier §9). Acts with an ЕБПИ seed go on to their editions: redactions -> redtext of each edition that is
not the initial one and whose text is ready.

Amending laws name the act they amend only by its title («О внесении изменений в Федеральный закон "…"»), and the
amended act may have been renamed since (258-ФЗ was, by 523-ФЗ). For the must-have acts the link is known
(dossier §9) and kept here, so an amending law always reaches the act it amends: ``AMENDS`` below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawler.parsers import ru_ebpi, ru_pravo
from crawler.spiders.base import AilawSpider
from store.identifiers import doc_id, normalize_eo_number
from store.items import DocumentItem, RelationItem
from store.vocab import RelationKind

API = "http://publication.pravo.gov.ru/api/Documents"
AI_QUERIES = ["искусственного интеллекта"]
# The must-have AI acts (dossier §9), fetched by eoNumber whether or not the full-text query finds them.
WATCH_EO: dict[str, str] = {  # eoNumber -> the act's citation
    "0001201910110003": "Указ Президента Российской Федерации от 10.10.2019 № 490",  # the National AI Strategy
    "0001202004240030": "Федеральный закон от 24.04.2020 № 123-ФЗ",  # the Moscow AI experiment
    "0001202408080031": "Федеральный закон от 08.08.2024 № 233-ФЗ",  # amends 123-ФЗ
    "0001202007310024": "Федеральный закон от 31.07.2020 № 258-ФЗ",  # experimental legal regimes
    "0001202507310081": "Федеральный закон от 31.07.2025 № 336-ФЗ",  # amends 258-ФЗ
    "0001202606260071": "Федеральный закон от 26.06.2026 № 211-ФЗ",  # amends 258-ФЗ
    "0001202607260003": "Федеральный закон от 26.07.2026 № 243-ФЗ",  # supporting AI technologies
}
# Amending law -> the act it amends, both by eoNumber (dossier §9).
AMENDS: dict[str, str] = {
    "0001202408080031": "0001202004240030",  # 233-ФЗ amends 123-ФЗ
    "0001202507310081": "0001202007310024",  # 336-ФЗ amends 258-ФЗ
    "0001202606260071": "0001202007310024",  # 211-ФЗ amends 258-ФЗ
}
# Acts whose consolidated editions we follow in ЕБПИ, with the kind of act (a decree's text may hold only its annex).
EBPI_SEEDS: dict[str, str] = {
    "0001201910110003": "decree",  # Указ № 490 of 10.10.2019 + the AI Strategy (amended by Указ № 124 of 15.02.2024)
    "0001202004240030": "federal-law",  # 123-ФЗ (amended by 233-ФЗ)
    "0001202007310024": "federal-law",  # 258-ФЗ (amended since 2024, among others by 336-ФЗ and 211-ФЗ)
}

_DOC_URL = re.compile(r"publication\.pravo\.gov\.ru/(?:document|Document/View)/(\d{16})", re.I)


def ai_search_url(query: str, index: int = 1) -> str:
    return f"{API}?DocumentText={quote(query)}&PageSize=30&Index={index}"


def eo_url(eo: str) -> str:
    return f"{API}?EoNumber={eo}"


NEWEST_URL = f"{API}?PageSize=10&Index=1"  # the newest publications (what the real sample shows)


def amends_relation(doc: DocumentItem) -> Iterator[RelationItem]:
    """The known AMENDS link of a must-have amending law (``AMENDS``), when ``doc`` is one."""
    eo = doc.identifiers.get("eo_number")
    target = AMENDS.get(eo or "")
    if target:
        yield RelationItem(
            doc_id=doc.doc_id,
            kind=RelationKind.AMENDS,
            target_id=doc_id("ru", "pravo", target),
            target_label=WATCH_EO.get(target),
            date=doc.date_adopted,
            detail={"basis": "must-have list (amending law -> amended act)"},
        )


class RuPravoSpider(AilawSpider):
    name = "ru_pravo"
    source_name = "Официальное опубликование правовых актов (publication.pravo.gov.ru) + ЕБПИ"
    jurisdiction = "RU"
    # HTTP on purpose: the publication API breaks under an HTTPS upgrade and ЕБПИ listens on plain port 8000
    # (source dossier russia.md §2.3-2.4); no key is sent to either.
    base_url = "http://publication.pravo.gov.ru/"
    allowed_domains: ClassVar[list[str]] = ["publication.pravo.gov.ru", "actual.pravo.gov.ru", "pravo.gov.ru"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.ru_pravo:parse_documents",
        "crawler.parsers.ru_ebpi:parse_redactions",
        "crawler.parsers.ru_ebpi:parse_redtext",
    ]

    def __init__(self, *args: Any, eo_number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_eo = normalize_eo_number(eo_number or "") if eo_number else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track http://publication.pravo.gov.ru/document/0001201910110003` -> that act only."""
        m = _DOC_URL.search(url)
        if m:
            return {"eo_number": m.group(1)}
        m = re.search(r"[?&]eoNumber=(\d{16})", url, re.I)
        if m and "pravo.gov.ru" in url:
            return {"eo_number": m.group(1)}
        return None

    def start_requests(self) -> Iterator[scrapy.Request]:
        if self.only_eo:
            yield self._req(eo_url(self.only_eo), self.parse_documents)
        else:
            for query in AI_QUERIES:
                yield self._req(ai_search_url(query), self.parse_documents)
            yield self._req(NEWEST_URL, self.parse_documents)
            for eo in WATCH_EO:
                yield self._req(eo_url(eo), self.parse_documents)
        for eo, kind in EBPI_SEEDS.items():
            if self.only_eo in (None, eo):
                yield self._req(
                    ru_ebpi.redactions_url(eo), self.parse_redactions, cb_kwargs={"eo_number": eo, "act_kind": kind}
                )

    def _req(self, url: str, callback: Any, cb_kwargs: dict[str, Any] | None = None) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.errback, cb_kwargs=cb_kwargs or {})

    def parse_documents(self, response: Response) -> Iterator[Any]:
        for item in self.parse_with(response, ru_pravo.parse_documents):
            yield item
            if isinstance(item, DocumentItem):
                yield from amends_relation(item)
        # Paging: `Index` is the page parameter (not `page`); only the AI search is walked beyond page 1.
        if "DocumentText=" in response.url:
            try:
                data = json.loads(response.body)
                current, pages = int(data.get("currentPage") or 1), int(data.get("pagesTotalCount") or 1)
            except (ValueError, TypeError, AttributeError):
                return
            if current < pages:
                yield self._req(re.sub(r"Index=\d+", f"Index={current + 1}", response.url), self.parse_documents)

    def parse_redactions(self, response: Response, eo_number: str, act_kind: str) -> Iterator[Any]:
        for item in self.parse_with(response, ru_ebpi.parse_redactions, eo_number=eo_number):
            yield item
            if isinstance(item, RelationItem) and item.detail.get("redtext_url"):
                if item.detail.get("text_ready") is False:
                    continue  # ЕБПИ lists an edition before its text is ready: retry on the next crawl
                yield self._req(
                    item.detail["redtext_url"],
                    self.parse_redtext,
                    cb_kwargs={
                        "eo_number": eo_number,
                        "reddate": item.detail.get("reddate"),
                        "redcaption": item.detail.get("redcaption"),
                        "act_kind": act_kind,
                    },
                )

    def parse_redtext(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        yield from self.parse_with(response, ru_ebpi.parse_redtext, unchanged_skip=True, **kwargs)
