"""The archive middleware records what a live crawl receives and replays it; retries back off."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings

from crawler.archive import ArchiveReader
from crawler.middlewares import (
    ARCHIVE_META,
    FETCHED_META,
    RECORD_HEADER,
    ArchiveMiddleware,
    BackoffRetryMiddleware,
    archive_ref,
)


def test_record_then_replay_the_same_response(tmp_path):
    warc = tmp_path / "live.warc.gz"
    recorder = ArchiveMiddleware(replay=None, record=str(warc))
    url = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32022R1925"
    request = Request(url, headers={"Accept": "text/html"})
    response = HtmlResponse(url=url, body="<html>DMA ✓</html>".encode(), encoding="utf-8", request=request,
                            headers={"Content-Type": "text/html; charset=utf-8"})  # fmt: skip
    stamped = recorder.process_response(request, response)
    assert stamped.body == response.body and stamped.headers[RECORD_HEADER]
    ref = request.meta[ARCHIVE_META]
    assert ref.warc_file == str(warc) and ref.record_id.startswith("<urn:uuid:") and not ref.reconstructed
    assert request.meta[FETCHED_META] is not None
    recorder.spider_closed(None)

    assert ArchiveReader(warc).get(url).body == "<html>DMA ✓</html>".encode()
    player = ArchiveMiddleware(replay=str(warc), record=None)
    again = Request(url)
    replayed = player.process_request(again)
    assert isinstance(replayed, HtmlResponse)
    assert replayed.text == "<html>DMA ✓</html>"
    assert again.meta[ARCHIVE_META].record_id == ref.record_id


def test_replay_miss_is_recorded_and_ignored(tmp_path):
    warc = tmp_path / "a.warc.gz"
    ArchiveMiddleware(replay=None, record=str(warc)).spider_closed(None)  # an archive with no responses

    class Spider:
        def __init__(self):
            self.misses = []

        def record_miss(self, url, message):
            self.misses.append((url, message))

    spider = Spider()
    player = ArchiveMiddleware(replay=str(warc), record=None)
    with pytest.raises(IgnoreRequest, match="not in the replayed archive"):
        player.process_request(Request("https://example.org/missing"), spider)
    assert spider.misses == [
        ("https://example.org/missing", "not in the replayed archive: GET https://example.org/missing")
    ]


def test_backoff_doubles_and_honours_retry_after():
    mw = BackoffRetryMiddleware(Settings({"RETRY_ENABLED": True, "RETRY_TIMES": 4, "AILAW_RETRY_BACKOFF_BASE": 2.0,
                                          "AILAW_RETRY_BACKOFF_MAX": 10.0}))  # fmt: skip
    req = Request("https://example.org/x")
    assert mw.backoff(req) == 2.0
    req.meta["retry_times"] = 1
    assert mw.backoff(req) == 4.0
    req.meta["retry_times"] = 5
    assert mw.backoff(req) == 10.0  # capped
    busy = Response("https://example.org/x", status=503, headers={"Retry-After": "7"})
    assert mw.backoff(Request("https://example.org/x"), busy) == 7.0


def test_a_304_and_a_cache_hit_are_never_archived_and_point_at_the_real_record(tmp_path):
    """The real HTTP cache (RFC 2616 policy) and the recorder in their crawl order: the 200 is archived once; the
    304 revalidation and a fresh cache hit are not, and both name the record of the 200 that holds the body."""
    from scrapy import Spider
    from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(Spider, {"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": str(tmp_path / "cache"),
                                   "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy"})  # fmt: skip
    spider = crawler._create_spider("eu_cellar")
    crawler.spider = spider
    cache = HttpCacheMiddleware.from_crawler(crawler)
    cache.spider_opened(spider)
    warc = tmp_path / "live.warc.gz"
    recorder = ArchiveMiddleware(replay=None, record=str(warc))
    url = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689"
    body = b"<html>AI Act</html>"

    def fetch(network):
        """One request through cache -> recorder -> 'network' -> recorder -> cache, as Scrapy orders them."""
        request = Request(url)
        hit = cache.process_request(request)
        if hit is not None:
            return request, cache.process_response(request, recorder.process_response(request, hit))
        sent = network(request)
        return request, cache.process_response(request, recorder.process_response(request, sent))

    first_req, first = fetch(lambda r: HtmlResponse(url, body=body, request=r, headers={
        "ETag": '"v1"', "Date": "Mon, 30 Nov 2026 10:00:00 GMT"}))  # fmt: skip
    record = first_req.meta[ARCHIVE_META]

    def not_modified(request):
        assert request.headers.get("If-None-Match") == b'"v1"'  # a conditional request
        return Response(url, status=304, request=request, headers={"ETag": '"v1"'})

    second_req, second = fetch(not_modified)
    assert second.status == 200 and second.body == body  # the cached body, revalidated
    assert ARCHIVE_META not in second_req.meta  # nothing archived for the 304
    ref, fetched = archive_ref(second)
    assert (ref.warc_file, ref.offset, ref.record_id) == (record.warc_file, record.offset, record.record_id)
    assert fetched == first_req.meta[FETCHED_META]

    cached = HtmlResponse(url, body=body, request=Request(url), flags=["cached"], headers=second.headers)
    assert recorder.process_response(cached.request, cached) is cached  # a cache hit passes unarchived
    recorder.spider_closed(None)
    cache.spider_closed(spider)

    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as fh:
        statuses = [r.http_headers.get_statuscode() for r in ArchiveIterator(fh) if r.rec_type == "response"]
    assert statuses == ["200"]
