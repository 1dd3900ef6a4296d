"""The crawl runs of a crawl process are opened together, before its spiders start, and each spider's store pipeline
takes its own."""

import os
from pathlib import Path

from scrapy.crawler import Crawler
from sqlmodel import select

from crawler.pipelines import StorePipeline, open_runs
from crawler.settings import scrapy_settings
from crawler.spiders import get_spider
from store.db import session_scope
from store.models import CrawlRun, Source

DEMO = Path(__file__).resolve().parents[2] / "demo" / "ailaw-demo.warc.gz"


def _runs() -> list[tuple[str, str, str, int | None]]:
    with session_scope() as session:
        rows = session.exec(select(CrawlRun).order_by(CrawlRun.id)).all()
        return [(r.spider, r.status, r.mode, r.pid) for r in rows]


def _open_spider(crawler: Crawler) -> tuple[StorePipeline, int]:
    spider = crawler.spidercls.from_crawler(crawler)
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider(spider)
    return pipe, spider.crawl_run_id


def test_a_crawl_process_opens_its_runs_before_its_spiders_start(ailaw_home):
    settings = scrapy_settings(replay=DEMO, record=None)
    crawlers = [Crawler(get_spider(name), settings) for name in ("eu_cellar", "ru_pravo")]
    not_storing = Crawler(get_spider("uk_bills"), {**settings, "ITEM_PIPELINES": {}})
    open_runs([*crawlers, not_storing])
    pid = os.getpid()
    assert _runs() == [("eu_cellar", "running", "replay", pid), ("ru_pravo", "running", "replay", pid)]
    with session_scope() as session:
        sources = {s.key: s.name for s in session.exec(select(Source)).all()}
    assert sources == {name: get_spider(name).source_name for name in ("eu_cellar", "ru_pravo")}

    with session_scope() as session:
        opened = [r.id for r in session.exec(select(CrawlRun).order_by(CrawlRun.id)).all()]
    assert [_open_spider(c)[1] for c in crawlers] == opened  # each pipeline takes its crawler's run
    assert len(_runs()) == 2

    later = Crawler(get_spider("uk_bills"), settings)  # a crawler not opened with the others opens its own run
    _, run_id = _open_spider(later)
    assert run_id not in opened
    assert _runs()[-1] == ("uk_bills", "running", "replay", pid)
