"""What a spider's errback does with a request that failed: a replay miss goes back to Scrapy (dropped without a
word, as before), an HTTP error answer is skipped, a download failure is recorded on the run."""

from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError
from twisted.python.failure import Failure

from crawler.settings import scrapy_settings
from crawler.spiders import get_spider

DEMO = Path(__file__).resolve().parents[2] / "demo" / "ailaw-demo.warc.gz"


def _failure(exc: Exception, url: str) -> Failure:
    try:
        raise exc
    except type(exc):
        failure = Failure()
    failure.request = Request(url)
    return failure


def _spider(name: str, replay: Path | None):
    crawler = Crawler(get_spider(name), scrapy_settings(replay=replay, record=None))
    return crawler.spidercls.from_crawler(crawler)


def test_a_replay_miss_goes_back_to_scrapy_and_an_http_error_is_skipped():
    spider = _spider("uk_legislation", DEMO)
    miss = _failure(IgnoreRequest("not in the replayed archive: GET https://www.legislation.gov.uk/ukpga/2018/12"),
                    "https://www.legislation.gov.uk/ukpga/2018/12")  # fmt: skip
    assert spider.errback(miss) is miss
    assert spider.download_failed(miss, "the Data Protection Act 2018") is miss
    response = HtmlResponse("https://www.legislation.gov.uk/ukpga/2018/12", status=404, body=b"<p>Not found</p>")
    not_found = _failure(HttpError(response, "Ignoring non-200 response"), response.url)
    assert spider.errback(not_found) is None
    assert spider.errors == []  # neither is recorded by the errback (a miss is recorded where it happens)


def test_a_failed_download_is_recorded_and_a_live_refusal_too():
    spider = _spider("uk_legislation", None)
    refused = _failure(ConnectionRefusedError("connection refused"), "https://www.legislation.gov.uk/ukpga/2018/12")
    assert spider.errback(refused) is None
    robots = _failure(IgnoreRequest("Forbidden by robots.txt"), "https://www.legislation.gov.uk/ukpga/2018/12")
    assert spider.download_failed(robots, "the Data Protection Act 2018") is None  # live: recorded, not given back
    assert [e["kind"] for e in spider.errors] == ["fetch", "fetch"]
    assert "the Data Protection Act 2018: the download failed" in spider.errors[1]["message"]
