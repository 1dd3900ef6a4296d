"""The stages of ailaw as plain functions. The CLI, the demo, a scheduler and the tests all call these.

    crawl()  -> fetch (or replay) sources into the store, one CrawlRun per spider
    index()  -> bring the Whoosh index up to date by cursor (or rebuild it from the database)
    search() -> query the index
    show()   -> one document with its versions, events and relations
    track()  -> add one document by its official URL
    demo()   -> replay the committed demo archive into ./data and index it
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.errors import FetchError, NotFoundError

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_ARCHIVE = REPO_ROOT / "demo" / "ailaw-demo.warc.gz"


@dataclass
class CrawlSummary:
    run_id: int
    spider: str
    mode: str
    archive: str | None
    items: int
    new_documents: int
    updated_documents: int
    new_versions: int
    unchanged: int
    misses: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(1 for e in self.errors if e.get("kind") != "miss")

    def line(self) -> str:
        """The one line a crawl ends with."""
        extra = f", {self.misses} not in archive" if self.misses else ""
        return (
            f"{self.spider}: {self.items} items ({self.new_documents} new documents, {self.new_versions} new versions, "
            f"{self.unchanged} unchanged, {self.error_count} errors{extra}) in {self.seconds:.1f} s"
        )


def _init() -> None:
    from store.db import init_db

    init_db()


def default_record_path(spiders: list[str]) -> Path:
    from store.settings import StoreSettings

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = "-".join(spiders) if len(spiders) <= 3 else "all"
    return StoreSettings().archive_dir / f"{name}-{stamp}.warc.gz"


def crawl(
    spiders: list[str] | None = None,
    *,
    replay: Path | None = None,
    record: Path | None = None,
    spider_kwargs: dict[str, dict[str, Any]] | None = None,
    log_level: str = "WARNING",
) -> list[CrawlSummary]:
    """Run spiders (all by default). Live crawls always archive their responses (``record`` or a default
    file under ``$AILAW_HOME/archive``); ``replay`` serves responses from a WARC file with no network."""
    from crawler.run import run_in_child
    from crawler.spiders import all_spiders, get_spider

    _init()
    names = spiders or [s.name for s in all_spiders()]
    for name in names:
        try:
            get_spider(name)
        except KeyError as exc:
            raise NotFoundError(str(exc.args[0])) from None
    if replay is not None and not Path(replay).exists():
        raise FetchError(f"the archive {replay} does not exist")
    if replay is None and record is None:
        record = default_record_path(names)
    run_ids = run_in_child(names, replay=replay, record=record, spider_kwargs=spider_kwargs, log_level=log_level)
    return crawl_summaries(run_ids)


def crawl_summaries(run_ids: list[int]) -> list[CrawlSummary]:
    from store.db import session_scope
    from store.models import CrawlRun

    out = []
    with session_scope() as session:
        for run_id in run_ids:
            run = session.get(CrawlRun, run_id)
            if run is None:
                continue
            seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
            out.append(
                CrawlSummary(
                    run_id=run_id, spider=run.spider, mode=run.mode, archive=run.archive, items=run.items,
                    new_documents=run.new_documents, updated_documents=run.updated_documents,
                    new_versions=run.new_versions, unchanged=run.unchanged, misses=run.misses,
                    errors=list(run.errors or []), seconds=seconds,
                )
            )  # fmt: skip
    return out


def index(*, rebuild: bool = False, progress: Callable[[int, int], None] | None = None) -> Any:
    """Index new and changed documents and versions (by cursor), or rebuild the index from the database."""
    from search import indexer
    from store.db import session_scope

    _init()
    with session_scope() as session:
        if rebuild:
            return indexer.rebuild(session=session, progress=progress)
        return indexer.index_new(session=session)


def search(query: str, **filters: Any) -> Any:
    from search.query import search as run_search

    return run_search(query, **filters)


def show(doc_id: str) -> Any:
    from store.db import session_scope
    from store.read import get_document

    _init()
    with session_scope() as session:
        detail = get_document(session=session, doc_id=doc_id.strip())
    if detail is None:
        raise NotFoundError(f"no document with id {doc_id!r}; `ailaw search` finds ids")
    return detail


def sources() -> list[dict[str, Any]]:
    """Every spider with its documents, versions and relations in the store."""
    from crawler.spiders import all_spiders
    from store.db import session_scope
    from store.read import source_summary

    _init()
    with session_scope() as session:
        stored = {row["source"]: row for row in source_summary(session=session)}
    out = []
    for spider in all_spiders():
        row = stored.get(spider.name, {})
        out.append(
            {
                "source": spider.name,
                "name": spider.source_name,
                "jurisdiction": spider.jurisdiction,
                "base_url": spider.base_url,
                "documents": row.get("documents", 0),
                "ai_documents": row.get("ai_documents", 0),
                "versions": row.get("versions", 0),
                "relations": row.get("relations", 0),
                "events": row.get("events", 0),
                "last_run": row.get("last_run"),
            }
        )
    return out


def track(url: str, *, replay: Path | None = None, record: Path | None = None) -> list[CrawlSummary]:
    """Add one document by its official URL: the spider is chosen from the URL."""
    from crawler.spiders import spider_for_url

    found = spider_for_url(url.strip())
    if found is None:
        raise NotFoundError(f"no spider knows this URL: {url}")
    spider, kwargs = found
    return crawl([spider.name], replay=replay, record=record, spider_kwargs={spider.name: kwargs})


def demo(*, archive: Path = DEMO_ARCHIVE) -> list[CrawlSummary]:
    """Replay the committed demo archive (real recorded responses, plus marked reconstructions) and index."""
    if not archive.exists():
        raise FetchError(f"the demo archive {archive} is missing; rebuild it with `python scripts/build_demo_archive.py`")
    summaries = crawl(replay=archive)
    index()
    return summaries
