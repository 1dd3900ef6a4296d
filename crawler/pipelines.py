"""Item pipelines: normalise → language → AI relevance → validation → store.

Each stage is small and ordered in crawler/settings.py. The store pipeline owns the crawl run: it opens a
CrawlRun when the spider opens, counts what every write did, and closes the run with the counts and the
errors (with their URLs) that the spider and the pipelines recorded.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from scrapy import Spider
from scrapy.exceptions import DropItem

from crawler.relevance import classify
from store.items import DocumentItem, EventItem, RelationItem, VersionItem
from store.normalize import normalize_inline, normalize_text
from store.vocab import Outcome

logger = logging.getLogger(__name__)

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.I | re.S)


class NormalizePipeline:
    """NFC, whitespace, and no injected ``<script>`` in any text that will be hashed or shown."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, DocumentItem):
            item.title = normalize_inline(_SCRIPT.sub("", item.title))
            if item.original_title:
                item.original_title = normalize_inline(item.original_title)
            if item.summary:
                item.summary = normalize_text(_SCRIPT.sub("", item.summary))
            item.aliases = [normalize_inline(a) for a in item.aliases if a and a.strip()]
        elif isinstance(item, VersionItem):
            item.text = normalize_text(_SCRIPT.sub("", item.text))
            item.label = normalize_inline(item.label)
        return item


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text.

    >>> detect_language("О развитии искусственного интеллекта в Российской Федерации")
    'ru'
    """
    sample = text[:5000].strip()
    if len(sample) < 12:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


class LanguagePipeline:
    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, DocumentItem) and not item.language:
            item.language = detect_language(item.original_title or item.title)
        elif isinstance(item, VersionItem) and not item.language:
            item.language = detect_language(item.text)
        return item


class RelevancePipeline:
    """Classify documents by their metadata; versions are classified by text in the store pipeline."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, DocumentItem) and item.ai_relevant is None:
            metadata = " ".join(
                [item.title, item.original_title or "", item.summary or "", *item.subjects, *item.aliases]
            )
            verdict = classify(metadata=metadata)
            item.ai_relevant = verdict.relevant
            item.ai_terms = list(dict.fromkeys([*item.ai_terms, *verdict.terms]))
        return item


class ValidationPipeline:
    """Drop an item that cannot be stored, with a reason that names its URL; the drop is recorded on the run."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        reason = None
        if isinstance(item, DocumentItem):
            if not item.doc_id or "/" not in item.doc_id:
                reason = "no document id"
            elif not item.title:
                reason = f"{item.doc_id}: no title"
            elif not item.jurisdiction:
                reason = f"{item.doc_id}: no jurisdiction"
        elif isinstance(item, VersionItem):
            if not item.text.strip():
                reason = f"{item.doc_id}: version '{item.label}' has no text"
            elif not item.source_url:
                reason = f"{item.doc_id}: version '{item.label}' has no source URL"
        elif isinstance(item, RelationItem):
            if not item.target_id:
                reason = f"{item.doc_id}: relation {item.kind} has no target"
        elif isinstance(item, EventItem):
            if not item.raw:
                reason = f"{item.doc_id}: event without text"
        else:
            reason = f"unknown item type {type(item).__name__}"
        if reason:
            url = getattr(item, "url", None) or getattr(item, "source_url", None) or ""
            record = getattr(spider, "record_error", None)
            if record:
                record(url, f"dropped: {reason}")
            raise DropItem(reason)
        return item


class StorePipeline:
    """Write items to the store and keep the crawl run's counts."""

    def __init__(self) -> None:
        self.counts = {"items": 0, "new_documents": 0, "updated_documents": 0, "new_versions": 0, "unchanged": 0}
        self.run_id: int | None = None
        self.started = time.monotonic()
        self.spider: Spider | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        pipe = cls()
        pipe.crawler = crawler
        return pipe

    def open_spider(self, spider: Spider | None = None) -> None:
        from store import crud
        from store.db import init_db, session_scope

        spider = spider or self.crawler.spider
        self.spider = spider
        init_db()
        settings = spider.settings
        mode = "replay" if settings.get("AILAW_REPLAY") else "live"
        archive = settings.get("AILAW_REPLAY") or settings.get("AILAW_RECORD")
        with session_scope() as session:
            crud.ensure_source(
                session=session,
                key=spider.name,
                name=getattr(spider, "source_name", spider.name),
                jurisdiction=getattr(spider, "jurisdiction", ""),
                base_url=getattr(spider, "base_url", ""),
                description=(spider.__doc__ or "").strip().split("\n")[0],
            )
            self.run_id = crud.start_crawl_run(session=session, spider=spider.name, mode=mode, archive=archive)
        spider.crawl_run_id = self.run_id  # type: ignore[attr-defined]

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        from store import crud
        from store.db import session_scope
        from store.models import Document

        self.counts["items"] += 1
        with session_scope() as session:
            if isinstance(item, DocumentItem):
                if item.ai_relevant is False:
                    existing = session.get(Document, item.doc_id)
                    if existing is not None and existing.ai_relevant:
                        item.ai_relevant = None  # relevance learned from the text is not undone by metadata
                outcome = crud.upsert_document(session=session, item=item)
                if outcome is Outcome.INSERT:
                    self.counts["new_documents"] += 1
                elif outcome is Outcome.UPDATE:
                    self.counts["updated_documents"] += 1
            elif isinstance(item, VersionItem):
                self._ensure_document(session, item)
                outcome = crud.add_version(session=session, item=item)
                if outcome is Outcome.INSERT:
                    self.counts["new_versions"] += 1
                    self._classify_text(session, item)
            elif isinstance(item, EventItem):
                self._ensure_document(session, item)
                outcome = crud.upsert_event(session=session, item=item)
            elif isinstance(item, RelationItem):
                self._ensure_document(session, item)
                outcome = crud.upsert_relation(session=session, item=item)
            else:  # pragma: no cover - ValidationPipeline drops unknown items
                return item
        if outcome is Outcome.NOOP:
            self.counts["unchanged"] += 1
        return item

    @staticmethod
    def _ensure_document(session: Any, item: VersionItem | EventItem | RelationItem) -> None:
        from store.models import Document

        if session.get(Document, item.doc_id) is None:
            raise DropItem(f"{item.doc_id}: {type(item).__name__} for a document that was never described")

    @staticmethod
    def _classify_text(session: Any, item: VersionItem) -> None:
        from store.models import Document, utcnow

        verdict = classify(text=item.text)
        doc = session.get(Document, item.doc_id)
        if doc is None or not verdict.terms:
            return
        terms = list(dict.fromkeys([*(doc.ai_terms or []), *verdict.terms]))
        relevant = bool(doc.ai_relevant) or verdict.relevant
        if terms != (doc.ai_terms or []) or relevant != doc.ai_relevant:
            doc.ai_terms = terms
            doc.ai_relevant = relevant
            doc.updated_at = utcnow()
            session.add(doc)

    def close_spider(self, spider: Spider | None = None) -> None:
        from store import crud
        from store.db import session_scope

        spider = spider or self.spider
        errors = list(getattr(spider, "errors", []))
        misses = sum(1 for e in errors if e.get("kind") == "miss")
        counts = dict(self.counts, misses=misses)
        with session_scope() as session:
            crud.finish_crawl_run(session=session, run_id=self.run_id or 0, counts=counts, errors=errors)
        real_errors = len(errors) - misses
        elapsed = time.monotonic() - self.started
        summary = (
            f"{spider.name if spider else '?'}: {counts['items']} items ({counts['new_documents']} new documents, "
            f"{counts['new_versions']} new versions, {counts['unchanged']} unchanged, {real_errors} errors"
            + (f", {misses} not in archive" if misses else "")
            + f") in {elapsed:.1f} s"
        )
        logger.info(summary)
        if spider is not None:
            spider.summary = summary  # type: ignore[attr-defined]
