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

A callback whose parser reads a text (an act, an edition, an attachment: a *leaf* page that leads to no other
request) passes ``unchanged_skip=True``: when the response body is the one the latest version read at that address
was parsed from (``Version.body_sha256``), nothing would change, so the body is not parsed at all and the run counts
one unchanged response. ``AILAW_REPARSE`` (``ailaw crawl --reparse``) turns this off, e.g. after a parser fix.

A request made only as a hint (a bill's RSS read before its card, to skip an unchanged card) passes its URL
through ``optional(url)``: a replayed archive that lacks it is not a miss — the spider falls back to the page
itself, so nothing is lost and the crawl's summary stays clean.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.archive import url_key
from crawler.middlewares import archive_ref
from store.items import DocumentItem, ParseFailure, VersionItem

logger = logging.getLogger(__name__)


class AilawSpider(scrapy.Spider):
    source_name: ClassVar[str] = ""
    jurisdiction: ClassVar[str] = ""
    base_url: ClassVar[str] = ""
    allowed_domains: ClassVar[list[str]] = []  # every spider names its hosts: Scrapy drops requests elsewhere
    parsers: ClassVar[list[str]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.errors: list[dict[str, Any]] = []
        self.summary = ""
        self._optional: set[str] = set()
        self.unchanged_responses = 0

    @classmethod
    def from_url(cls, url: str) -> dict[str, str] | None:
        return None

    # --- the response memo (crawler/memo.py) -----------------------------------------------------------
    def memo_context(self, callback: str) -> str:
        """What the requests of a ``memo_recheck`` callback depend on besides its response and the store."""
        return ""

    def still_wanted(self, callback: str, requests: list[Any]) -> list[Any]:
        """The remembered requests of an unchanged response of a ``memo_recheck`` callback that it would make now."""
        return requests

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
    def parse_with(
        self, response: Response, parser: Callable[..., Iterable[Any]], *, unchanged_skip: bool = False, **kwargs: Any
    ) -> Iterator[Any]:
        ref, fetched = archive_ref(response)
        if response.status >= 400:
            self.record_error(response.url, f"HTTP {response.status}")
            return
        if response.status == 304:  # only without the HTTP cache: there is no body to read
            logger.info("%s: not modified", response.url)
            return
        body_sha = hashlib.sha256(response.body).hexdigest()
        if unchanged_skip and self._unchanged(response, body_sha):
            self.unchanged_responses += 1
            logger.debug("%s: unchanged since its latest version was stored; not parsed", response.url)
            return
        try:
            items = list(parser(response.body, url=response.url, **kwargs))
        except Exception as exc:  # a parser bug or an unforeseen format: record it and go on
            logger.exception("parser %s failed on %s", getattr(parser, "__name__", parser), response.url)
            self.record_error(response.url, f"could not parse the response ({type(exc).__name__}: {exc})")
            return
        for item in items:
            if isinstance(item, ParseFailure):
                self.record_error(item.url or response.url, item.reason, kind=item.kind)
                continue
            if isinstance(item, DocumentItem | VersionItem) and item.archive is None:
                item.archive = ref
            if isinstance(item, VersionItem):
                if item.fetched_at is None:
                    item.fetched_at = fetched  # None for a copy whose recording date is unknown: never "now"
                if item.body_sha256 is None:
                    item.body_sha256 = body_sha
            yield item

    def _unchanged(self, response: Response, body_sha: str) -> bool:
        """Whether the latest version read at this response's address came from this very body."""
        settings = getattr(self, "settings", None)  # a spider outside a crawl (a test) has no store to ask
        if settings is None or settings.getbool("AILAW_REPARSE"):
            return False
        from sqlmodel import col, select

        from store.crud import stream_key
        from store.db import session_scope
        from store.models import Version

        urls = {response.url, response.request.url if response.request is not None else response.url}
        with session_scope() as session:
            for url in urls:
                latest = session.exec(
                    select(Version.body_sha256)
                    .where(Version.stream == stream_key(url))
                    .order_by(col(Version.id).desc())
                ).first()
                if latest == body_sha:
                    return True
        return False

    def download_failed(self, failure: Any, what: str) -> Any:
        """Record a file download (an attachment, a draft's text) that failed for good, naming ``what`` it was."""
        if failure.check(IgnoreRequest) and self.settings.get("AILAW_REPLAY"):
            return _given_back(failure)  # a replay miss, counted where it happened (live: e.g. a robots.txt refusal)
        message = f"{what}: the download failed ({failure.getErrorMessage()}); skipped."
        self.record_error(failure.request.url, message, kind="fetch")
        return None

    def errback(self, failure: Any) -> Any:
        """Record a request that failed for good (after retries).

        An ignored request (an archive miss, a robots.txt refusal: logged and counted where it happened) is given back
        to Scrapy, which drops it without a word, as this errback did (:func:`_given_back`)."""
        request = getattr(failure, "request", None)
        if failure.check(IgnoreRequest):
            return _given_back(failure)
        self.record_error(request.url if request else "", f"request failed: {failure.getErrorMessage()}", kind="fetch")
        return None


def _given_back(failure: Any) -> Any:
    """What an errback returns for an ignored request it does not record: the failure itself for a request a
    downloader middleware ignored (an archive miss, a robots.txt refusal, another site), which Scrapy then drops
    without a word or a task (an errback's output, even none, is passed on with ``CONCURRENT_ITEMS`` tasks, 100 per
    failed request); nothing for an HTTP error answer (``HttpError``), which Scrapy would log again if given back."""
    from scrapy.spidermiddlewares.httperror import HttpError

    return None if failure.check(HttpError) else failure
