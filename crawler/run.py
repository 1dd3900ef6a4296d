"""Run spiders in this process (Scrapy's reactor starts once per process).

``ailaw.jobs.crawl`` calls :func:`run_in_child` so that the CLI, the scheduler and the tests can run any number
of crawls from one process: each crawl gets a fresh child process, and the results come back through the
database (CrawlRun rows), the source of truth. The parent never waits blindly: a child that dies without a word
(killed, out of memory) or outlives ``AILAW_CRAWL_TIMEOUT`` ends the wait with one sentence, and its crawl runs
are closed as ``interrupted``.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queue_module
import time
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
    extra_settings: dict[str, Any] | None = None,
) -> list[int]:
    """Run the spiders one after another in this process; returns the CrawlRun ids."""
    from scrapy.crawler import CrawlerProcess

    from crawler.pipelines import open_runs
    from crawler.redaction import install_log_masking
    from crawler.relevance import keep_matchers_in
    from crawler.settings import scrapy_settings
    from crawler.spiders import spiders_named

    install_log_masking()  # before Scrapy logs its first URL

    runs: list[int] = []
    crawlers = []
    settings = scrapy_settings(replay=replay, record=record, log_level=log_level)
    settings.update(extra_settings or {})
    keep_matchers_in(Path(settings["AILAW_HOME"]) / "cache")  # the thesaurus's matchers, built once per home
    process = CrawlerProcess(settings)
    for spider_cls in spiders_named(spider_names):
        crawlers.append(process.create_crawler(spider_cls))
    open_runs(crawlers)  # one transaction for all; each run stands in the database before its crawler starts
    for name, crawler in zip(spider_names, crawlers, strict=True):
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


def run_in_child(spider_names: list[str], *, timeout: float | None = None, **kwargs: Any) -> list[int]:
    """Run :func:`run_crawl` in a fresh child process and return its CrawlRun ids.

    ``timeout`` (seconds; default ``AILAW_CRAWL_TIMEOUT``, 0 = none): a crawl still running then is stopped."""
    from store.errors import FetchError

    if timeout is None:
        from crawler.settings import CrawlerSettings

        timeout = CrawlerSettings().crawl_timeout
    ctx = _context()
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, (spider_names,), kwargs))
    proc.start()
    deadline = time.monotonic() + timeout if timeout else None
    result: tuple[str, Any] | None = None
    while result is None:
        try:
            result = queue.get(timeout=0.5)
        except queue_module.Empty:
            if not proc.is_alive():
                try:  # it may have reported just before it ended
                    result = queue.get(timeout=1)
                except queue_module.Empty:
                    _close_runs()
                    raise FetchError(
                        f"the crawl process ended without a result (exit code {proc.exitcode}); "
                        "its crawl runs are marked interrupted"
                    ) from None
            elif deadline is not None and time.monotonic() > deadline:
                proc.terminate()
                proc.join(10)
                if proc.is_alive():
                    proc.kill()
                proc.join()
                _close_runs()
                raise FetchError(
                    f"the crawl took longer than {timeout:.0f} s (AILAW_CRAWL_TIMEOUT) and was stopped"
                ) from None
    proc.join()
    status, payload = result
    if status != "ok":
        raise FetchError(f"the crawl stopped: {payload}")
    return list(payload)


def _close_runs() -> None:
    from store import crud
    from store.db import session_scope

    with session_scope() as session:
        crud.close_interrupted_runs(session=session)
