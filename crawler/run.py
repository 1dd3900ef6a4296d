"""Run spiders in this process (Scrapy's reactor starts once per process).

``ailaw.jobs.crawl`` calls :func:`run_in_child` so that the CLI, the scheduler and the tests can run any number
of crawls from one process: each crawl gets a fresh child process, and the results come back through the
database (CrawlRun rows), the source of truth.
"""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def run_crawl(
    spider_names: list[str],
    *,
    replay: Path | None = None,
    record: Path | None = None,
    spider_kwargs: dict[str, dict[str, Any]] | None = None,
    log_level: str = "WARNING",
) -> list[int]:
    """Run the spiders one after another in this process; returns the CrawlRun ids."""
    from scrapy.crawler import CrawlerProcess

    from crawler.redaction import install_log_masking
    from crawler.settings import scrapy_settings
    from crawler.spiders import get_spider

    install_log_masking()  # before Scrapy logs its first URL

    runs: list[int] = []
    crawlers = []
    settings = scrapy_settings(replay=replay, record=record, log_level=log_level)
    process = CrawlerProcess(settings)
    for name in spider_names:
        spider_cls = get_spider(name)
        crawler = process.create_crawler(spider_cls)
        crawlers.append(crawler)
        process.crawl(crawler, **(spider_kwargs or {}).get(name, {}))
    process.start()
    for crawler in crawlers:
        run_id = getattr(crawler.spider, "crawl_run_id", None)
        if run_id is not None:
            runs.append(run_id)
    return runs


def _child(queue: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    from store import db

    # A forked child must not use the parent's pooled database connections: drop them without closing.
    for engine in db.engines_in_use():
        engine.dispose(close=False)
    db.get_engine.cache_clear()
    root = logging.getLogger()
    for handler in list(root.handlers):  # inherited from the parent: Scrapy installs its own, at LOG_LEVEL
        root.removeHandler(handler)
    try:
        queue.put(("ok", run_crawl(*args, **kwargs)))
    except BaseException as exc:  # report any failure to the parent as one sentence
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def _context() -> Any:
    """Fork where the parent has not started a Twisted reactor (fast: the child inherits the imports), else spawn."""
    import sys

    if "fork" in multiprocessing.get_all_start_methods() and "twisted.internet.reactor" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_in_child(spider_names: list[str], **kwargs: Any) -> list[int]:
    """Run :func:`run_crawl` in a fresh child process and return its CrawlRun ids."""
    ctx = _context()
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, (spider_names,), kwargs))
    proc.start()
    status, payload = queue.get()
    proc.join()
    if status != "ok":
        from store.errors import FetchError

        raise FetchError(f"the crawl stopped: {payload}")
    return list(payload)
