"""Downloader middlewares: the WARC archive (record and replay) and retries with exponential backoff."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes

from crawler.archive import ArchiveReader, ArchiveWriter
from crawler.redaction import archived_url, mask
from store.items import ArchiveRef

logger = logging.getLogger(__name__)

ARCHIVE_META = "ailaw_archive"
FETCHED_META = "ailaw_fetched_at"
# Stamped on every recorded response, so the HTTP cache stores it with the body: a cache hit, or a 304 answered
# from the cache, still names the record that archived that body.
RECORD_HEADER = b"X-Ailaw-Archive-Record"


def _stamp(ref: ArchiveRef, fetched: dt.datetime) -> bytes:
    return json.dumps([ref.warc_file, ref.offset, ref.record_id, fetched.isoformat()]).encode("utf-8")


def archive_ref(response: Response) -> tuple[ArchiveRef | None, dt.datetime | None]:
    """The record behind a response's body and when it was fetched: from the replayed or just written record, or —
    for a body served by the HTTP cache — from the stamp of the record that archived it when it was first fetched."""
    meta = response.meta if response.request is not None else {}
    if meta.get(ARCHIVE_META) is not None:
        return meta[ARCHIVE_META], meta.get(FETCHED_META)
    stamp = response.headers.get(RECORD_HEADER)
    if stamp:
        try:
            warc, offset, record_id, fetched = json.loads(stamp)
            return ArchiveRef(warc_file=warc, record_id=record_id, offset=offset), dt.datetime.fromisoformat(fetched)
        except (ValueError, TypeError):
            logger.warning("%s: unreadable archive stamp %r", response.url, stamp[:200])
    return None, None


class ArchiveMiddleware:
    """Replay: answer every request from the WARC archive, never the network; a missing URL is a logged miss.
    Record: write every response received from the network with its body to the WARC archive. Either way the
    response's ``meta`` carries the ArchiveRef of its record, which the spider attaches to the items it yields.

    It sits closest to the network (after the HTTP cache on the way out): a ``304 Not Modified`` has no body and a
    cache hit was not fetched now, so neither is archived; a body served from the cache names the record that
    archived it first (``RECORD_HEADER``, stored in the cache with the body; :func:`archive_ref`)."""

    crawler: Crawler | None = None

    # Spiders of one process share one reader/writer per file, so several spiders can record into one WARC.
    _writers: ClassVar[dict[str, tuple[ArchiveWriter, int]]] = {}
    _readers: ClassVar[dict[str, ArchiveReader]] = {}

    def __init__(self, replay: str | None, record: str | None) -> None:
        self.reader: ArchiveReader | None = None
        self.writer: ArchiveWriter | None = None
        self.secrets: list[str] = []
        if replay:
            key = str(Path(replay).resolve())
            if key not in self._readers:
                self._readers[key] = ArchiveReader(Path(replay))
            self.reader = self._readers[key]
        elif record:
            key = str(Path(record).resolve())
            writer, users = self._writers.get(key, (None, 0))
            self.writer = writer or ArchiveWriter(Path(record))
            self._writers[key] = (self.writer, users + 1)
            from crawler.redaction import configured_secrets

            self.secrets = configured_secrets()  # API keys sent in request headers never reach the archive

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        from scrapy import signals

        mw = cls(crawler.settings.get("AILAW_REPLAY"), crawler.settings.get("AILAW_RECORD"))
        mw.crawler = crawler
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is None:
            return
        key = str(self.writer.path.resolve())
        writer, users = self._writers.get(key, (self.writer, 1))
        if users <= 1:
            writer.close()
            self._writers.pop(key, None)
        else:
            self._writers[key] = (writer, users - 1)

    def process_request(self, request: Request, spider: Spider | None = None) -> Response | None:
        if self.reader is None:
            return None
        archived = self.reader.get(request.url)
        if archived is None:
            message = f"not in the replayed archive: {request.method} {request.url}"
            logger.info(message)  # counted on the crawl run and shown in its summary line
            spider = spider or (self.crawler.spider if self.crawler else None)
            record_miss = getattr(spider, "record_miss", None)
            if record_miss:
                record_miss(request.url, message)
            raise IgnoreRequest(message)
        headers = Headers(archived.headers)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=archived.body)
        response = cls(url=request.url, status=archived.status, headers=headers, body=archived.body, request=request)
        request.meta[ARCHIVE_META] = archived.ref
        request.meta[FETCHED_META] = archived.fetched_at
        return response

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if "cached" in response.flags or response.status == 304:
            return response  # not a body fetched now: never archived (archive_ref finds the record that was)
        if self.writer is not None and ARCHIVE_META not in request.meta:
            now = dt.datetime.now(dt.UTC)
            headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs]
            req_headers = [(k.decode("latin-1"), mask(v.decode("latin-1"), self.secrets))
                           for k, vs in request.headers.items() for v in vs]  # fmt: skip
            spider = spider or (self.crawler.spider if self.crawler else None)
            ref = self.writer.write(
                url=archived_url(response.url, spider),  # keys in a URL are archived as their placeholders
                status=response.status,
                headers=headers,
                body=response.body,
                request_headers=req_headers,
                method=request.method,
                fetched_at=now,
            )
            request.meta[ARCHIVE_META] = ref
            request.meta[FETCHED_META] = now
            headers_with_stamp = response.headers.copy()
            headers_with_stamp[RECORD_HEADER] = _stamp(ref, now)
            return response.replace(headers=headers_with_stamp)
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, waiting before each retry: base × 2^(n-1) seconds (capped), or the server's Retry-After."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("AILAW_RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("AILAW_RETRY_BACKOFF_MAX", 120.0)

    def backoff(self, request: Request, response: Response | None = None) -> float:
        retries = request.meta.get("retry_times", 0) + 1
        if response is not None:
            retry_after = response.headers.get(b"Retry-After")
            if retry_after and retry_after.strip().isdigit():
                return min(float(retry_after.strip()), self.backoff_max)
        return min(self.backoff_base * (2 ** (retries - 1)), self.backoff_max)

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None):  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        if request.meta.get("retry_times", 0) >= request.meta.get("max_retry_times", self.max_retry_times):
            return self._retry(request, f"{response.status}") or response  # gives up and logs; no wait
        delay = self.backoff(request, response)
        logger.info("HTTP %s from %s: retrying in %.1f s", response.status, request.url, delay)
        await asyncio.sleep(delay)
        return self._retry(request, f"{response.status}") or response

    async def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None):  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        if request.meta.get("retry_times", 0) >= request.meta.get("max_retry_times", self.max_retry_times):
            return self._retry(request, exception)
        delay = self.backoff(request)
        logger.info("%s on %s: retrying in %.1f s", type(exception).__name__, request.url, delay)
        await asyncio.sleep(delay)
        return self._retry(request, exception)
