"""EU acts from Cellar (branch notices) and EUR-Lex (act and consolidated texts).

For each seed CELEX the spider asks for

* the branch notice: ``http://publications.europa.eu/resource/celex/{celex}?language=eng`` with
  ``Accept: application/xml;notice=branch`` (the AI Act's was recorded at its Cellar-UUID form, which is kept so
  a replay finds it) -> metadata, relations, procedure events;
* the act text: ``https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:{celex}`` -> the OJ version;
* and, from the notice, each consolidated version of the act at the same EUR-Lex URL form.

A seed may itself be a consolidated CELEX (``02016R0679-20160504``): then the base act's notice and that
consolidated text are fetched. EUR-Lex answers robots with an AWS WAF challenge since 2025-11-19; the parsers
recognise it and the run records one error per page instead of storing it (source dossier eu.md §2.1).

    scrapy crawl eu_cellar                       # the default seeds (AI Act, DSA, DMA, GDPR)
    scrapy crawl eu_cellar -a celex=32024R1689,32022R2065
    ailaw track https://eur-lex.europa.eu/eli/reg/2024/1689/oj
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import scrapy
from scrapy.http import Response

from crawler.parsers.eu_cellar import parse_branch_notice
from crawler.parsers.eu_xhtml import parse_consolidated, parse_oj_act
from crawler.spiders.base import AilawSpider
from store.identifiers import normalize_celex
from store.items import DocumentItem, RelationItem
from store.vocab import RelationKind

logger = logging.getLogger(__name__)

DEFAULT_SEEDS = ("32024R1689", "32022R2065", "32022R1925", "02016R0679-20160504")

# Works whose notice was recorded at the Cellar-UUID URL (replays look it up by that URL).
KNOWN_CELLAR_IDS = {"32024R1689": "dc8116a1-3fe6-11ef-865a-01aa75ed71a1"}

NOTICE_ACCEPT = "application/xml;notice=branch"

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ELI = re.compile(
    r"/eli/(reg|dir|dec|reg_impl|reg_del|dir_impl|dir_del|dec_impl|dec_del)/(\d{4})/(\d+)(?:/(oj|\d{4}-\d{2}-\d{2}))?"
)
_ELI_TYPE = {"reg": "R", "dir": "L", "dec": "D"}


def notice_url(celex: str) -> str:
    if uuid := KNOWN_CELLAR_IDS.get(celex):
        return f"https://publications.europa.eu/resource/cellar/{uuid}?language=eng"
    return f"https://publications.europa.eu/resource/celex/{celex}?language=eng"  # Cellar serves HTTPS too


def cellar_notice_url(uuid: str) -> str:
    return f"https://publications.europa.eu/resource/cellar/{uuid}?language=eng"


def text_url(celex: str) -> str:
    return f"https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:{celex}"


def base_celex(celex: str) -> str:
    """'02016R0679-20160504' -> '32016R0679'; acts are returned unchanged."""
    m = re.match(r"^0(\d{4}[A-Z]{1,2}\d{4})-\d{8}$", celex)
    return f"3{m.group(1)}" if m else celex


def celex_from_url(url: str) -> str | None:
    """The CELEX number an EUR-Lex, Cellar or ELI URL points at, or None.

    >>> celex_from_url("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689")
    '32024R1689'
    >>> celex_from_url("http://data.europa.eu/eli/reg/2024/1689/oj")
    '32024R1689'
    >>> celex_from_url("https://eur-lex.europa.eu/eli/dir/2002/58/2009-12-19/eng")
    '02002L0058-20091219'
    >>> celex_from_url("http://publications.europa.eu/resource/celex/32016R0679")
    '32016R0679'
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host not in {"eur-lex.europa.eu", "publications.europa.eu", "data.europa.eu", "op.europa.eu"}:
        return None
    path = unquote(parts.path)
    query = {k.lower(): v for k, v in parse_qs(parts.query).items()}
    for value in query.get("uri", []):
        if value.upper().startswith("CELEX:") and (c := normalize_celex(value)):
            return c
    if m := re.search(r"/resource/celex/([^/?#]+)", path):
        return normalize_celex(m.group(1))
    if m := _ELI.search(path):
        kind, year, number, tail = m.groups()
        letter = _ELI_TYPE.get(kind.split("_")[0])
        if letter is None:
            return None
        celex = f"3{year}{letter}{int(number):04d}"
        if tail and tail != "oj":
            return f"0{celex[1:]}-{tail.replace('-', '')}"
        return celex
    return None


class EuCellarSpider(AilawSpider):
    name = "eu_cellar"
    source_name = "EUR-Lex / Cellar (Publications Office of the EU)"
    jurisdiction = "EU"
    base_url = "https://publications.europa.eu/"
    allowed_domains: ClassVar[list[str]] = [
        "publications.europa.eu",
        "eur-lex.europa.eu",
        "data.europa.eu",
        "op.europa.eu",
    ]
    parsers: ClassVar[list[str]] = [
        "crawler.parsers.eu_cellar:parse_branch_notice",
        "crawler.parsers.eu_xhtml:parse_oj_act",
        "crawler.parsers.eu_xhtml:parse_consolidated",
    ]

    def __init__(self, celex: str | None = None, cellar: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seeds: list[str] = []
        wanted = [c for c in celex.split(",") if c.strip()] if celex else ([] if cellar else list(DEFAULT_SEEDS))
        for raw in wanted:
            c = normalize_celex(raw)
            if c is None:
                raise ValueError(f"{raw!r} is not a CELEX number (e.g. 32024R1689 or 02016R0679-20160504)")
            self.seeds.append(c)
        self.cellar_ids = [u.strip().lower() for u in (cellar or "").split(",") if u.strip()]
        for uuid in self.cellar_ids:
            if not _UUID.match(uuid):
                raise ValueError(f"{uuid!r} is not a Cellar id (e.g. dc8116a1-3fe6-11ef-865a-01aa75ed71a1)")

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        """Spider kwargs that fetch just the act behind an EUR-Lex, Cellar or ELI URL (``ailaw track URL``)."""
        if celex := celex_from_url(url):
            return {"celex": celex}
        parts = urlsplit(url.strip())
        m = re.search(r"/resource/cellar/([0-9a-f-]{36})", parts.path.lower())
        if (parts.hostname or "").lower() == "publications.europa.eu" and m and _UUID.match(m.group(1)):
            known = {uuid: celex for celex, uuid in KNOWN_CELLAR_IDS.items()}
            return {"celex": known[m.group(1)]} if m.group(1) in known else {"cellar": m.group(1)}
        return None

    # --- requests -------------------------------------------------------------------------------------
    def _notice_request(self, url: str, celex: str | None) -> scrapy.Request:
        return scrapy.Request(
            url,
            headers={"Accept": NOTICE_ACCEPT},
            callback=self.parse_notice,
            errback=self.errback,
            meta={"celex": celex},
        )

    def _text_request(self, celex: str) -> scrapy.Request:
        callback = self.parse_consolidated_text if celex.startswith("0") else self.parse_act_text
        return scrapy.Request(text_url(celex), callback=callback, errback=self.errback, meta={"celex": celex})

    def start_requests(self) -> Iterator[scrapy.Request]:
        for celex in self.seeds:
            act = base_celex(celex)
            yield self._notice_request(notice_url(act), act)
            yield self._text_request(celex)
        for uuid in self.cellar_ids:
            yield self._notice_request(cellar_notice_url(uuid), None)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Scrapy >= 2.13 asks ``start()`` for the first requests (2.19 no longer calls ``start_requests``)."""
        for request in self.start_requests():
            yield request

    # --- callbacks --------------------------------------------------------------------------------------
    def parse_notice(self, response: Response) -> Iterator[Any]:
        celex = response.meta.get("celex")
        followed_act_text = False
        for item in self.parse_with(response, parse_branch_notice, celex=celex):
            yield item
            if isinstance(item, RelationItem) and item.kind == RelationKind.CONSOLIDATED_BY:
                yield self._text_request(item.target_id.rsplit("/", 1)[-1])
            # a notice asked for by Cellar id: its first document is the act; fetch its text too
            if celex is None and not followed_act_text and isinstance(item, DocumentItem):
                followed_act_text = True
                yield self._text_request(item.identifiers.get("celex") or item.doc_id.rsplit("/", 1)[-1])

    def parse_act_text(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, parse_oj_act, unchanged_skip=True, celex=response.meta.get("celex"))

    def parse_consolidated_text(self, response: Response) -> Iterator[Any]:
        yield from self.parse_with(response, parse_consolidated, unchanged_skip=True, celex=response.meta.get("celex"))
