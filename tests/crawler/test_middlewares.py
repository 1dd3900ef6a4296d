"""The archive middleware records what a live crawl receives and replays it; retries back off."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings

from crawler.archive import ArchiveReader
from crawler.middlewares import ARCHIVE_META, FETCHED_META, ArchiveMiddleware, BackoffRetryMiddleware


def test_record_then_replay_the_same_response(tmp_path):
    warc = tmp_path / "live.warc.gz"
    recorder = ArchiveMiddleware(replay=None, record=str(warc))
    url = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32022R1925"
    request = Request(url, headers={"Accept": "text/html"})
    response = HtmlResponse(url=url, body="<html>DMA ✓</html>".encode(), encoding="utf-8", request=request,
                            headers={"Content-Type": "text/html; charset=utf-8"})  # fmt: skip
    assert recorder.process_response(request, response) is response
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
