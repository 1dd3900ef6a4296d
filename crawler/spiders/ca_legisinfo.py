"""Canada: LEGISinfo (parl.ca) — the AI bills with their stages in English and French.

Navigation: ``/legisinfo/en/bill/{parliament}-{session}/{number}/json`` for each watched bill (the export is a JSON
array with one bill). A bill that died on the Order Paper stays followed: its record is final. The session's bulk
list (``/legisinfo/en/bills/json?parlsession=45-1``) has no keyword search; it is where a successor bill would be found
by its titles (dossier canada.md §7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.parsers import ca_legisinfo
from crawler.spiders.base import AilawSpider
from store.items import DocumentItem, RelationItem
from store.vocab import RelationKind

# (parliament-session, number) of the AI bills followed (dossier canada.md §10).
WATCH: list[tuple[str, str]] = [("44-1", "C-27")]  # Digital Charter Implementation Act, 2022 (CPPA, AIDA)
# Known targets of a bill: the consolidated Act it would amend, with why (dossier canada.md §10 and samples MANIFEST).
PROPOSES: dict[str, list[tuple[str, str, str]]] = {
    "ca/bill/44-1/C-27": [
        ("ca/justice/P-8.6", "Personal Information Protection and Electronic Documents Act",
         "Part 1 of Bill C-27 (the Consumer Privacy Protection Act) would have replaced Part 1 of PIPEDA"),
    ],
}  # fmt: skip
_BILL_URL = re.compile(r"parl\.ca/legisinfo/(?:en|fr)/bill/(\d{2}-\d)/([cs]-\d{1,4})", re.I)


def bill_json_url(session: str, number: str) -> str:
    return f"https://www.parl.ca/legisinfo/en/bill/{session}/{number.lower()}/json"


class CaLegisinfoSpider(AilawSpider):
    name = "ca_legisinfo"
    source_name = "LEGISinfo (Parliament of Canada)"
    jurisdiction = "CA"
    base_url = "https://www.parl.ca/legisinfo/"
    allowed_domains: ClassVar[list[str]] = ["parl.ca"]
    parsers: ClassVar[list[str]] = ["crawler.parsers.ca_legisinfo:parse_bill"]

    def __init__(self, *args: Any, session: str | None = None, number: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.only = (session, number.upper()) if session and number else None

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """`ailaw track https://www.parl.ca/legisinfo/en/bill/44-1/c-27` -> that bill."""
        m = _BILL_URL.search(url)
        return {"session": m.group(1), "number": m.group(2).upper()} if m else None

    def start_requests(self) -> Iterator[scrapy.Request]:
        for session, number in [self.only] if self.only else WATCH:
            yield scrapy.Request(bill_json_url(session, number), callback=self.parse, errback=self.errback)

    def parse(self, response: Response, **_: Any) -> Iterator[Any]:
        for item in self.parse_with(response, ca_legisinfo.parse_bill):
            yield item
            if isinstance(item, DocumentItem):
                for target, label, why in PROPOSES.get(item.doc_id, []):
                    yield RelationItem(doc_id=item.doc_id, kind=RelationKind.PROPOSES_AMENDMENT_TO, target_id=target,
                                       target_label=label, date=item.date_introduced, detail={"basis": why})  # fmt: skip
