"""Secrets never reach a log line or an archive: the State Duma API keys travel in the URL."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request
from scrapy.http import TextResponse

from crawler.archive import ArchiveReader
from crawler.middlewares import ArchiveMiddleware
from crawler.redaction import configured_secrets, install_log_masking, uninstall_log_masking
from crawler.spiders.ru_duma import RuDumaSpider, search_url

KEY, APP = "0123456789abcdef0123456789abcdef01234567", "app0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def masked():
    install_log_masking([KEY, APP])
    yield
    uninstall_log_masking()


def test_the_keys_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("AILAW_DUMA_API_TOKEN", KEY)
    monkeypatch.setenv("AILAW_DUMA_APP_TOKEN", APP)
    assert sorted(configured_secrets()) == sorted([KEY, APP])


def test_no_log_line_carries_a_key(masked, caplog):
    url = search_url(KEY, APP, number="922869-7")
    with caplog.at_level(logging.INFO):
        logging.getLogger("scrapy.downloadermiddlewares.retry").error("Gave up retrying %(request)s", {"request": url})
        logging.getLogger("ailaw.test").warning("fetched %s", url)
    text = caplog.text
    assert KEY not in text and APP not in text
    assert "api.duma.gov.ru/api/***/search.json?number=922869-7&app_token=***" in text
    assert len(caplog.records) == 2


def test_masking_leaves_other_lines_alone(masked, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("ailaw.test").info("%d documents from %s", 3, "http://publication.pravo.gov.ru/api")
    assert caplog.records[0].getMessage() == "3 documents from http://publication.pravo.gov.ru/api"


def test_a_live_archive_holds_the_placeholders_and_replays_with_them(tmp_path):
    warc = tmp_path / "live.warc.gz"
    recorder = ArchiveMiddleware(replay=None, record=str(warc))
    live = search_url(KEY, APP, number="922869-7")
    request = Request(live)
    response = TextResponse(url=live, body=b'{"count": 0, "laws": []}', request=request,
                            headers={"Content-Type": "application/json"})  # fmt: skip
    recorder.process_response(request, response, RuDumaSpider())
    recorder.spider_closed(None)

    raw = warc.read_bytes()
    import gzip

    assert KEY.encode() not in gzip.decompress(raw) and APP.encode() not in gzip.decompress(raw)
    placeholder = search_url("{token}", "{app_token}", number="922869-7")
    assert ArchiveReader(warc).get(placeholder).body == b'{"count": 0, "laws": []}'


def test_the_duma_api_spider_keeps_no_http_cache_of_its_keyed_urls():
    from scrapy.settings import Settings

    from crawler.settings import scrapy_settings

    settings = Settings(scrapy_settings(replay=None, record=None))
    settings.setdict(RuDumaSpider.custom_settings or {}, priority="spider")
    assert settings.getbool("HTTPCACHE_ENABLED") is False
