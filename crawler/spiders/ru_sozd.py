"""SOZD (sozd.duma.gov.ru) bill cards: the preferred source for Russian bills and their whole path through the Duma.

Seeds: the AI bills we track by default (dossier §9), each with the eoNumber of the law it became when known, so
the ENACTED_AS relation reaches the stored act. ``ailaw track https://sozd.duma.gov.ru/bill/NNNNNN-C`` follows one
bill. The card needs no key (unlike the Duma API, which may be stale since ~02.2025, dossier §2.1); it may be
geo-blocked from abroad, so a live crawl wants an RU egress. Change detection: each crawl re-reads the card; a new
dated event or attachment is a new Event / a changed document (per-bill RSS ``/bill/{n}/rss`` is the cheaper
signal to add when it is confirmed live).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import ru_sozd
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_bill_number

# Bill -> eoNumber of the law it became ("" while pending). Facts: dossier §9.
SEED_BILLS: dict[str, str] = {
    "922869-7": "0001202007310024",  # became 258-ФЗ of 31.07.2020 (experimental legal regimes)
}

_SOZD = re.compile(r"(?:sozd\.(?:duma|parlament)\.gov\.ru)/bill/(\d{1,8}-\d{1,2})")


class RuSozdSpider(AilawSpider):
    name = "ru_sozd"
    source_name = "Государственная Дума — СОЗД, карточки законопроектов (sozd.duma.gov.ru)"
    jurisdiction = "RU"
    base_url = "https://sozd.duma.gov.ru/"
    parsers: ClassVar[list[str]] = ["crawler.parsers.ru_sozd:parse_bill_card"]

    def __init__(self, *args: Any, bill_number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only_bill = normalize_bill_number(bill_number) if bill_number else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://sozd.duma.gov.ru/bill/922869-7` (or the sozd.parlament alias) -> that bill."""
        m = _SOZD.search(url)
        return {"bill_number": m.group(1)} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        bills = {self.only_bill: SEED_BILLS.get(self.only_bill, "")} if self.only_bill else SEED_BILLS
        for number, eo in bills.items():
            yield scrapy.Request(
                ru_sozd.card_url(number),
                callback=self.parse_card,
                errback=self.errback,
                cb_kwargs={"law_eo": eo or None},
            )

    def parse_card(self, response: Response, law_eo: str | None = None) -> Iterator[Any]:
        yield from self.parse_with(response, ru_sozd.parse_bill_card, law_eo=law_eo)
