"""The base of every ailaw spider. Spiders only navigate; pure parsers turn response bytes into items.

A spider subclass declares:

    name = "eu_cellar"                      # the source key; also the Source row
    source_name = "EUR-Lex / Cellar"         # human name
    jurisdiction = "EU"
    base_url = "https://publications.europa.eu/"
    parsers = ["crawler.parsers.eu_cellar:parse_branch_notice", ...]   # each must have an example

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        '''Spider kwargs to fetch just this official URL (for `ailaw track URL`), or None.'''

and in its callbacks calls ``yield from self.parse_with(response, parser, **kwargs)``. ``parse_with`` runs
the parser on the response body, attaches provenance (archive record, fetch time) to documents and versions,
turns a ``ParseFailure`` — or an exception escaping the parser — into an error recorded on the crawl run
with its URL, and never lets one bad page stop the crawl.

A request made only as a hint (a bill's RSS read before its card, to skip an unchanged card) passes its URL
through ``optional(url)``: a replayed archive that lacks it is not a miss — the spider falls back to the page
itself, so nothing is lost and the crawl's summary stays clean.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.archive import url_key
from crawler.middlewares import ARCHIVE_META, FETCHED_META
from store.items import DocumentItem, ParseFailure, VersionItem

logger = logging.getLogger(__name__)


class AilawSpider(scrapy.Spider):
    source_name: ClassVar[str] = ""
    jurisdiction: ClassVar[str] = ""
    base_url: ClassVar[str] = ""
    parsers: ClassVar[list[str]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.errors: list[dict[str, Any]] = []
        self.summary = ""
        self._optional: set[str] = set()

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        return None

    def start_requests(self) -> Iterable[Any]:  # type: ignore[override]
        """The first requests; subclasses override this plain generator."""
        return []

    async def start(self) -> Any:  # Scrapy ≥ 2.13 asks ``start()``; ailaw spiders write ``start_requests()``
        for request in self.start_requests():
            yield request

    # --- errors recorded on the crawl run -------------------------------------------------------------
    def record_error(self, url: str, message: str, kind: str = "error") -> None:
        logger.warning("%s: %s", url, message)
        self.errors.append({"url": url, "message": message, "kind": kind})

    def record_miss(self, url: str, message: str) -> None:
        if url_key(url) in self._optional:
            logger.info("%s (optional: the spider goes on without it)", message)
            return
        self.errors.append({"url": url, "message": message, "kind": "miss"})

    def optional(self, url: str) -> str:
        """Mark ``url`` as a hint whose absence from a replayed archive is not a miss; returns it."""
        self._optional.add(url_key(url))
        return url

    # --- running a pure parser -----------------------------------------------------------------------
    def parse_with(self, response: Response, parser: Callable[..., Iterable[Any]], **kwargs: Any) -> Iterator[Any]:
        ref = response.meta.get(ARCHIVE_META)
        fetched: dt.datetime | None = response.meta.get(FETCHED_META)
        if response.status >= 400:
            self.record_error(response.url, f"HTTP {response.status}")
            return
        try:
            items = list(parser(response.body, url=response.url, **kwargs))
        except Exception as exc:  # a parser bug or an unforeseen format: record it and go on
            logger.exception("parser %s failed on %s", getattr(parser, "__name__", parser), response.url)
            self.record_error(response.url, f"could not parse the response ({type(exc).__name__}: {exc})")
            return
        for item in items:
            if isinstance(item, ParseFailure):
                self.record_error(item.url or response.url, item.reason, kind="parse")
                continue
            if isinstance(item, DocumentItem | VersionItem) and item.archive is None:
                item.archive = ref
            if isinstance(item, VersionItem) and item.fetched_at is None:
                item.fetched_at = fetched or dt.datetime.now(dt.UTC)
            yield item

    def download_failed(self, failure: Any, what: str) -> None:
        """Record a file download (an attachment, a draft's text) that failed for good, naming ``what`` it was."""
        if failure.check(IgnoreRequest) and self.settings.get("AILAW_REPLAY"):
            return  # a replay miss, already counted where it happened (live, it is e.g. a robots.txt refusal)
        message = f"{what}: the download failed ({failure.getErrorMessage()}); skipped."
        self.record_error(failure.request.url, message, kind="fetch")

    def errback(self, failure: Any) -> None:
        """Record a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        if failure.check(IgnoreRequest):
            return  # archive misses and robots.txt refusals are already logged where they happen
        self.record_error(request.url if request else "", f"request failed: {failure.getErrorMessage()}", kind="fetch")
