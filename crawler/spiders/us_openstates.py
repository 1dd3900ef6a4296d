"""Open States (Plural Policy): AI bills of the 50 states, DC and Puerto Rico, with actions, votes, sponsors and
versions — through the API v3 (``us_openstates``, needs ``AILAW_OPENSTATES_API_KEY``) or through the official
scrapers' own output (``us_openstates_scrape``, no key).

``us_openstates`` (us-states.md §2): the must-have state bills by ``/bills/{jurisdiction}/{session}/{bill_id}``,
then one full-text search across all jurisdictions for AI terms updated in the last ``UPDATED_DAYS`` days (the free
tier allows ~250 requests a day: deltas only, paged at 20). The key travels in the ``X-API-KEY`` header, so URLs and
the archive never hold it; without a key the spider makes no request and says so in one line.

``us_openstates_scrape``: the JSON objects the openstates-scrapers code emits (pupa "scrape" output) for the
must-have bills that have no API recording, as the nightly runs of the official scrapers publish them in the
govbot-openstates-scrapers repositories (one file per bill and per vote event, pinned to the commit read).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response

from crawler.parsers import us_openstates
from crawler.spiders.base import AilawSpider
from crawler.spiders.keys import api_key

API = "https://v3.openstates.org"
INCLUDES = ("sponsorships", "abstracts", "actions", "sources", "documents", "versions", "votes", "related_bills",
            "other_identifiers")  # fmt: skip
AI_QUERY = ('"artificial intelligence" OR "automated decision" OR algorithmic OR deepfake OR "synthetic media" '
            'OR chatbot OR "frontier model"')  # fmt: skip
UPDATED_DAYS = 7
# Must-have state bills (us-states.md §7) as Open States names them: (jurisdiction, session, identifier).
SEED_BILLS: list[tuple[str, str, str]] = [
    ("co", "2024A", "SB 205"), ("co", "2025B", "SB 4"), ("co", "2026A", "SB 189"),
    ("ca", "20232024", "SB 1047"), ("ca", "20252026", "SB 53"), ("ca", "20232024", "AB 2013"),
    ("ca", "20232024", "SB 942"), ("ca", "20252026", "AB 853"), ("ca", "20252026", "SB 243"),
    ("ca", "20252026", "SB 7"), ("ca", "20252026", "AB 1018"), ("tx", "89", "HB 149"), ("ut", "2024", "SB 149"),
    ("ut", "2025", "SB 226"), ("ut", "2025", "SB 332"), ("ut", "2025", "HB 452"), ("il", "103rd", "HB 3773"),
    ("il", "104th", "HB 1806"), ("ny", "2025-2026", "S 6953"), ("ny", "2025-2026", "A 6453"),
    ("ny", "2025-2026", "A 9449"), ("ny", "2025-2026", "S 8828"), ("tn", "113", "HB 2091"), ("va", "2025", "HB 2094"),
    ("ct", "2025", "SB 2"),
]  # fmt: skip

_MIRROR = "https://raw.githubusercontent.com/govbot-openstates-scrapers"
# The official scrapers' output for must-have bills, as the govbot-openstates-scrapers nightly runs committed it.
SCRAPE_FILES: list[dict[str, str]] = [
    {"state": "ny", "kind": "bill", "url": f"{_MIRROR}/ny-legislation/400634b7546c966c6ba78ae21af476b6f42d5040/_data/ny/bill_b4e7f07e-e945-11f0-92d4-d6b67a130b7c.json"},
    {"state": "ny", "kind": "bill", "url": f"{_MIRROR}/ny-legislation/400634b7546c966c6ba78ae21af476b6f42d5040/_data/ny/bill_ad650256-e945-11f0-92d4-d6b67a130b7c.json"},
    {"state": "ny", "kind": "vote", "bill": "ny/bill_b4e7f07e", "url": f"{_MIRROR}/ny-legislation/400634b7546c966c6ba78ae21af476b6f42d5040/_data/ny/vote_event_b4e82f80-e945-11f0-92d4-d6b67a130b7c.json"},
    {"state": "ny", "kind": "vote", "bill": "ny/bill_b4e7f07e", "url": f"{_MIRROR}/ny-legislation/400634b7546c966c6ba78ae21af476b6f42d5040/_data/ny/vote_event_b4e872c4-e945-11f0-92d4-d6b67a130b7c.json"},
    {"state": "ny", "kind": "vote", "bill": "ny/bill_b4e7f07e", "url": f"{_MIRROR}/ny-legislation/400634b7546c966c6ba78ae21af476b6f42d5040/_data/ny/vote_event_b4e9910e-e945-11f0-92d4-d6b67a130b7c.json"},
    {"state": "ct", "kind": "bill", "url": f"{_MIRROR}/ct-legislation/4dc2108adf4f8b42a3aab214864b203ce044f9f3/_data/ct/bill_ea324280-026c-11f1-8809-ee69c8712ebc.json"},
    {"state": "il", "kind": "bill", "url": f"{_MIRROR}/il-legislation/f901f1dd00cb162323ae13a4a522ea02e6e0d043/_data/il/bill_a99d8c42-e87d-11f0-946a-6639c0b18276.json"},
    {"state": "il", "kind": "bill", "url": f"{_MIRROR}/il-legislation/f901f1dd00cb162323ae13a4a522ea02e6e0d043/_data/il/bill_e02eee7c-e87d-11f0-946a-6639c0b18276.json"},
    {"state": "ut", "kind": "bill", "url": f"{_MIRROR}/ut-legislation/ac9560eaa4852904d796e20bdc1ec630adcee66e/_data/ut/bill_fcf9a406-9620-11f1-b93c-d6f11d6113c1.json"},
    {"state": "ut", "kind": "bill", "url": f"{_MIRROR}/ut-legislation/ac9560eaa4852904d796e20bdc1ec630adcee66e/_data/ut/bill_0586ecbe-9621-11f1-b93c-d6f11d6113c1.json"},
]  # fmt: skip


def bill_url(jurisdiction: str, session: str, identifier: str) -> str:
    query = urlencode([("include", name) for name in INCLUDES])
    return f"{API}/bills/{jurisdiction}/{quote(session)}/{quote(identifier.replace(' ', ''))}?{query}"


def search_url(since: dt.date, page: int = 1) -> str:
    params = [("q", AI_QUERY), ("updated_since", since.isoformat()), ("sort", "updated_desc"), ("per_page", "20"),
              ("page", str(page))] + [("include", name) for name in INCLUDES]  # fmt: skip
    return f"{API}/bills?{urlencode(params)}"


class UsOpenStatesSpider(AilawSpider):
    name = "us_openstates"
    source_name = "Open States / Plural Policy API v3 (v3.openstates.org)"
    jurisdiction = "US"
    base_url = "https://v3.openstates.org/"
    allowed_domains: ClassVar[list[str]] = ["v3.openstates.org"]
    parsers: ClassVar[list[str]] = ["crawler.parsers.us_openstates:parse_bill"]
    api_key_setting: ClassVar[str] = "openstates_api_key"
    custom_settings = {"HTTPCACHE_ENABLED": False}  # noqa: RUF012 (keyed requests are not cached on disk)

    def __init__(self, *args: Any, today: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = dt.date.fromisoformat(today) if today else dt.datetime.now(dt.UTC).date()
        self.key = ""

    def start_requests(self) -> Iterator[scrapy.Request]:
        key = api_key(
            self, "openstates_api_key", "AILAW_OPENSTATES_API_KEY", "https://open.pluralpolicy.com/accounts/profile/"
        )
        if key is None:
            return
        self.key = key
        for juris, session, ident in SEED_BILLS:
            yield self._req(bill_url(juris, session, ident))
        yield self._req(search_url(self.today - dt.timedelta(days=UPDATED_DAYS)), paged=True)

    def _req(self, url: str, paged: bool = False) -> scrapy.Request:
        headers = {"X-API-KEY": self.key} if self.key else {}
        return scrapy.Request(
            url, headers=headers, callback=self.parse, errback=self.errback, cb_kwargs={"paged": paged}
        )

    def parse(self, response: Response, paged: bool = False) -> Iterator[Any]:
        yield from self.parse_with(response, us_openstates.parse_bill)
        if not paged:
            return
        try:
            pagination = json.loads(response.body).get("pagination") or {}
            page, last = int(pagination.get("page") or 1), int(pagination.get("max_page") or 1)
        except (ValueError, AttributeError, TypeError):
            return
        if page < last:  # a page outside [1, max_page] is a 404 (us-states.md §2.2)
            yield self._req(search_url(self.today - dt.timedelta(days=UPDATED_DAYS), page + 1), paged=True)


class UsOpenStatesScrapeSpider(AilawSpider):
    name = "us_openstates_scrape"
    source_name = "Open States scrapers' output (openstates-scrapers, nightly runs by govbot-openstates-scrapers)"
    jurisdiction = "US"
    base_url = "https://github.com/govbot-openstates-scrapers"
    allowed_domains: ClassVar[list[str]] = ["raw.githubusercontent.com", "github.com"]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.us_openstates:parse_bill",
        "crawler.parsers.us_openstates:parse_vote_event",
    ]

    def start_requests(self) -> Iterator[scrapy.Request]:
        for entry in SCRAPE_FILES:
            if entry["kind"] == "bill":
                yield scrapy.Request(entry["url"], callback=self.parse_bill, errback=self.errback)

    def parse_bill(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, us_openstates.parse_bill, source=self.name)
        for entry in SCRAPE_FILES:  # a bill's vote events after the bill: each lands on a described document
            if entry["kind"] == "vote" and entry["bill"] in response.url:
                yield scrapy.Request(entry["url"], callback=self.parse_vote, errback=self.errback,
                                     cb_kwargs={"state": entry["state"]})  # fmt: skip

    def parse_vote(self, response: Response, state: str) -> Iterator[Any]:
        yield from self.parse_with(response, us_openstates.parse_vote_event, state=state)
