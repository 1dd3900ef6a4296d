"""Item pipelines: normalise → language → AI relevance → validation → store.

Each stage is small and ordered in crawler/settings.py. The store pipeline owns the crawl run: it takes the
CrawlRun opened for its crawler with the others of its crawl process (:func:`open_runs`) or opens one when the
spider opens, counts what every write did, and closes the run with the counts (items, writes,
responses, bytes, unchanged responses, duration) and the errors (with their URLs) that the spider and the
pipelines recorded. Nothing is dropped silently: an item dropped by validation or for a document never described
is recorded (kind ``dropped``), and a write the store refused is recorded (kind ``store``) after the item's
transaction was tried again (a concurrent writer may have won a race), and the crawl goes on. Records of a kind in ``WARNING_KINDS``
(e.g. ``stale``: the Duma API data set looks frozen) are warnings: kept on the run, never counted as errors.

Two sources may describe one document (a Duma bill: its SOZD card and the Duma API share ``ru/duma/{number}``).
``SOURCE_PRECEDENCE`` says whose values win: before the store pipeline writes a document from a lower-ranked
source over one stored from a higher-ranked source, :func:`defer_to_stored` blanks every field the stored
source already set, so the lower source only fills what was left empty; its events are added as usual.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import re
import time
import weakref
from importlib.metadata import version
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.exceptions import DropItem

from crawler.relevance import classify
from store.items import DocumentItem, EventItem, RelationItem, VersionItem
from store.normalize import normalize_inline, normalize_text
from store.vocab import RUN_WARNING_KINDS, DocType, Outcome

logger = logging.getLogger(__name__)

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.I | re.S)

WARNING_KINDS = RUN_WARNING_KINDS  # crawl-run records that are warnings, not failed pages (store.vocab)

# Whose description of a document wins when two sources write the same id: higher wins. The SOZD card is the
# primary source for bills, the Duma API a secondary one that may be stale (dossier §2.1). A source not listed
# ranks with no one: its items merge as store.crud.upsert_document always merges (a given value replaces).
SOURCE_PRECEDENCE: dict[str, int] = {"ru_sozd": 2, "ru_duma": 1}

# What a source describes, with the "not given" value store.crud.upsert_document skips. Not here: the relevance
# verdict (ai_relevant, ai_terms), derived by this pipeline from whatever text it sees, and the archive reference.
_DESCRIBED_SCALARS: dict[str, Any] = {
    "source": "", "jurisdiction": "", "subdivision": None, "doc_type": DocType.OTHER, "title": "", "original_title": None,
    "language": None, "stage": None, "stage_raw": None, "date_introduced": None, "date_adopted": None,
    "date_published": None, "date_in_force": None, "url": None, "summary": None,
}  # fmt: skip
_DESCRIBED_LISTS = ("aliases", "notes", "subjects")
_DESCRIBED_MAPS = ("identifiers", "extra")


def _given(value: Any) -> bool:
    return value not in (None, "", [], {}) and value != DocType.OTHER


def defer_to_stored(item: DocumentItem, stored: Any) -> DocumentItem:
    """``item`` without what ``stored`` (a Document row) already has, when the stored source outranks the item's.

    Scalars and lists the stored document set are blanked; identifier and extra maps keep only their new keys.
    Otherwise (same or higher rank, or a source not in SOURCE_PRECEDENCE) the item is returned unchanged.
    """
    theirs, ours = SOURCE_PRECEDENCE.get(stored.source), SOURCE_PRECEDENCE.get(item.source)
    if theirs is None or ours is None or ours >= theirs:
        return item
    changes: dict[str, Any] = {}
    for key, blank in _DESCRIBED_SCALARS.items():
        if _given(getattr(stored, key, None)):
            changes[key] = blank
    for key in _DESCRIBED_LISTS:
        if getattr(stored, key, None):
            changes[key] = []
    for key in _DESCRIBED_MAPS:
        have = getattr(stored, key, None) or {}
        changes[key] = {k: v for k, v in getattr(item, key).items() if not _given(have.get(k))}
    return dataclasses.replace(item, **changes)


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

    _load_language_model()
    lang, _score = py3langid.classify(sample)
    return str(lang)


LANGID_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


@functools.cache
def _load_language_model() -> None:
    """Give py3langid its model from ``$AILAW_HOME/cache/langid/`` (the same arrays, uncompressed, read mapped).

    py3langid ships its model as an LZMA-compressed archive: 0.6–0.7 s of CPU to read, in every crawl process that
    detects a language (0.25 s from the cache). The first such crawl of a home keeps the arrays as .npy files (≈ 70 MB; derived data, safe to
    delete), named by py3langid's version and its model file's size and date; later crawls map them. Anything
    unexpected (another py3langid, a damaged file) falls back to py3langid's own loading."""
    try:
        import numpy as np
        from py3langid import langid, modelio

        if langid.IDENTIFIER is not None:
            return
        model = langid.MODEL_DIR / langid.MODEL_FILE
        stat = model.stat()
        from store.settings import StoreSettings

        folder = StoreSettings().home / "cache" / "langid" / f"{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}"
        if not all((folder / f"{name}.npy").is_file() for name in LANGID_ARRAYS):
            _write_language_model(model, folder)
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in LANGID_ARRAYS}
        langid.IDENTIFIER = langid.LanguageIdentifier(
            np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
            modelio._to_array(arrays["nextmove"]), arrays["out_feat"].tolist(),
            tk_row=modelio._to_array(arrays["nextmove_row"]),
        )  # fmt: skip
    except Exception:  # py3langid loads its own model on its first classification
        logger.debug("py3langid's model not read from the cache", exc_info=True)


def _write_language_model(model: Any, folder: Any) -> None:
    import io
    import lzma
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    with lzma.open(model) as fh, np.load(io.BytesIO(fh.read()), allow_pickle=False) as data:
        for name in LANGID_ARRAYS:
            np.save(staging / f"{name}.npy", data[name], allow_pickle=False)
    try:
        staging.rename(folder)  # whole or not at all (another crawl may have written it meanwhile)
    except OSError:
        import shutil

        shutil.rmtree(staging, ignore_errors=True)


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
                record(url, f"dropped: {reason}", kind="dropped")
            raise DropItem(reason)
        return item


class StorePipeline:
    """Write items to the store and keep the crawl run's counts."""

    def __init__(self) -> None:
        self.counts = {"items": 0, "new_documents": 0, "updated_documents": 0, "new_versions": 0, "unchanged": 0}
        self.run_id: int | None = None
        self.run_started_at: Any = None
        self.started = time.monotonic()
        self.spider: Spider | None = None
        self.crawler: Any = None
        self.batch_items = 1  # items per transaction; a crawl sets AILAW_STORE_BATCH (crawler/settings.py)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        from scrapy import signals

        pipe = cls()
        pipe.crawler = crawler
        crawler.signals.connect(pipe.spider_error, signal=signals.spider_error)
        return pipe

    def spider_error(self, failure: Any, response: Any, spider: Spider | None = None) -> None:
        """An exception in a callback (outside its parser) is recorded on the run, not only logged."""
        url = getattr(response, "url", "") or ""
        self._record(url, f"the spider failed on this page: {failure.type.__name__}: {failure.getErrorMessage()}",
                     kind="spider")  # fmt: skip

    def open_spider(self, spider: Spider | None = None) -> None:
        from store.db import init_db, session_scope

        spider = spider or self.crawler.spider
        self.spider = spider
        _WriteBatch.commit_shared()  # this process's open write transaction first: one writer at a time
        self.batch_items = spider.settings.getint("AILAW_STORE_BATCH", 1)
        opened = _OPENED_RUNS.pop(self.crawler, None) if self.crawler is not None else None
        if opened is None:  # not opened with the others of its crawl process (open_runs): opened now
            init_db()
            with session_scope() as session:
                opened = _open_runs(session, [(type(spider), spider.settings)])[0]
        self.run_id, self.run_started_at = opened
        spider.crawl_run_id = self.run_id  # type: ignore[attr-defined,union-attr]

    STORE_ATTEMPTS = 3

    def _record(self, url: str, message: str, kind: str) -> None:
        record = getattr(self.spider, "record_error", None)
        if record is not None:
            record(url, message, kind=kind)
        else:
            logger.warning("%s: %s", url, message)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        self.counts["items"] += 1
        if self.run_id is not None and self.batch_items > 1:  # in a crawl: into the shared write transaction
            batch = _WriteBatch.shared(self.batch_items)
            if batch.add(self, item):
                return item
        self._store_alone(item)
        return item

    def _store_alone(self, item: Any) -> None:
        """Store one item in its own transaction, tried again after a conflict; a failure is recorded on the run."""
        from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

        from store.db import session_scope

        url = _item_url(item)
        for attempt in range(1, self.STORE_ATTEMPTS + 1):
            try:
                with session_scope() as session:
                    counted = self._write(session, item)
                break
            except DropItem as exc:
                self._record(url, f"dropped: {exc}", kind="dropped")
                raise
            except (IntegrityError, OperationalError) as exc:  # a concurrent writer won a race, or a lock timed out
                if attempt < self.STORE_ATTEMPTS:
                    logger.info("%s: store conflict (%s); trying again", url, type(exc.orig).__name__)
                    continue
                self._record(url, f"could not be stored: {type(exc).__name__}: {exc.orig}", kind="store")
                raise DropItem(f"{url}: not stored") from exc
            except (DBAPIError, ValueError, TypeError, KeyError, LookupError) as exc:
                logger.exception("store pipeline failed on %s", url)
                self._record(url, f"could not be stored: {type(exc).__name__}: {exc}", kind="store")
                raise DropItem(f"{url}: not stored") from exc
        self._count(counted)

    def _count(self, counted: list[str]) -> None:
        for key in counted:
            self.counts[key] += 1

    def _write(self, session: Any, item: Any) -> list[str]:
        """Write the item in ``session``; returns the counts it adds (``new_versions``, ``unchanged``…)."""
        from store import crud
        from store.models import Document

        counted: list[str] = []
        if isinstance(item, DocumentItem):
            existing = session.get(Document, item.doc_id)
            if existing is not None:
                if item.ai_relevant is False and existing.ai_relevant:
                    item.ai_relevant = None  # relevance learned from the text is not undone by metadata
                item = defer_to_stored(item, existing)  # the card's values stay when the API comes after it
            outcome = crud.upsert_document(session=session, item=item)
            if outcome is Outcome.INSERT:
                counted.append("new_documents")
            elif outcome is Outcome.UPDATE:
                counted.append("updated_documents")
        elif isinstance(item, VersionItem):
            self._ensure_document(session, item)
            outcome = crud.add_version(session=session, item=item)
            if outcome is Outcome.INSERT:
                counted.append("new_versions")
                self._classify_text(session, item)
        elif isinstance(item, EventItem):
            self._ensure_document(session, item)
            outcome = crud.upsert_event(session=session, item=item)
        elif isinstance(item, RelationItem):
            self._ensure_document(session, item)
            outcome = crud.upsert_relation(session=session, item=item)
        else:  # pragma: no cover - ValidationPipeline drops unknown items
            raise DropItem(f"unknown item type {type(item).__name__}")
        if outcome is Outcome.NOOP:
            counted.append("unchanged")
        return counted

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
            became = relevant and not doc.ai_relevant
            doc.ai_terms = terms
            doc.ai_relevant = relevant
            doc.updated_at = utcnow()
            session.add(doc)
            if became:  # the acts changing it are AI-related now (store.relevance)
                from store import relevance

                relevance.refresh(session=session, doc_ids=[doc.id])

    def close_spider(self, spider: Spider | None = None) -> None:
        from store import crud
        from store.db import connection_scope

        spider = spider or self.spider
        _WriteBatch.commit_shared()  # every item is committed before the run is closed (and the memo kept)
        errors = list(getattr(spider, "errors", []))
        misses = sum(1 for e in errors if e.get("kind") == "miss")
        warnings = sum(1 for e in errors if e.get("kind") in WARNING_KINDS)
        stats = self.crawler.stats if self.crawler is not None and self.crawler.stats is not None else None
        counts: dict[str, Any] = dict(self.counts, misses=misses)
        counts["unchanged_responses"] = int(getattr(spider, "unchanged_responses", 0) or 0)
        if stats is not None:
            counts["responses"] = int(stats.get_value("response_received_count", 0) or 0)
            counts["bytes"] = int(stats.get_value("downloader/response_bytes", 0) or 0)
        with connection_scope() as conn:  # its own transaction, Core only: a run closed is committed at once
            crud.finish_crawl_run(session=conn, run_id=self.run_id or 0, counts=counts, errors=errors,
                                  started_at=self.run_started_at)  # fmt: skip
        real_errors = len(errors) - misses - warnings
        elapsed = time.monotonic() - self.started
        summary = (
            f"{spider.name if spider else '?'}: {counts['items']} items ({counts['new_documents']} new documents, "
            f"{counts['new_versions']} new versions, {counts['unchanged']} unchanged, {real_errors} errors"
            + (f", {misses} not in archive" if misses else "")
            + (f", {warnings} warning{'s' if warnings > 1 else ''}" if warnings else "")
            + (f", {counts['unchanged_responses']} responses unchanged" if counts["unchanged_responses"] else "")
            + f") in {elapsed:.1f} s"
        )
        logger.info(summary)
        if spider is not None:
            spider.summary = summary  # type: ignore[attr-defined]


_CHECKED_INTERRUPTED: set[tuple[int, str]] = set()  # (process id, database URL)


def _first_in_process(session: Any) -> bool:
    """Whether this is the first run this process opens in this database (the spiders of a crawl run side by side
    in one process: one look for interrupted runs is enough; a forked child has its own process id)."""
    import os

    key = (os.getpid(), str(session.get_bind().url))
    if key in _CHECKED_INTERRUPTED:
        return False
    _CHECKED_INTERRUPTED.add(key)
    return True


# Runs opened by open_runs (id, start), each taken by the store pipeline of its crawler when its spider opens.
_OPENED_RUNS: weakref.WeakKeyDictionary[Any, tuple[int | None, Any]] = weakref.WeakKeyDictionary()


def _open_runs(
    session: Any, spiders: list[tuple[type[Spider], Any]], store_settings: Any = None
) -> list[tuple[int, Any]]:
    """Record the spiders' sources and insert their crawl runs (``running``); returns each run's (id, start), in
    order. The first runs a process opens in a database also close the runs of crawls that were killed
    (``interrupted``). Core statements only (store.crud): no ORM query is compiled for a crawl's bookkeeping."""
    from store import crud

    if _first_in_process(session):  # a run whose crawl was killed says so (checked once per crawl process)
        crud.close_interrupted_runs(session=session)
    crud.ensure_sources(session=session, sources=[{
        "key": spider_cls.name, "name": getattr(spider_cls, "source_name", spider_cls.name),
        "jurisdiction": getattr(spider_cls, "jurisdiction", ""), "base_url": getattr(spider_cls, "base_url", ""),
        "description": (spider_cls.__doc__ or "").strip().split("\n")[0],
    } for spider_cls, _settings in spiders])  # fmt: skip
    runs = []
    for spider_cls, settings in spiders:
        runs.append({"spider": spider_cls.name, "mode": "replay" if settings.get("AILAW_REPLAY") else "live",
                     "archive": settings.get("AILAW_REPLAY") or settings.get("AILAW_RECORD"),
                     "trigger": settings.get("AILAW_TRIGGER") or "manual"})  # fmt: skip
    return crud.open_crawl_runs(session=session, runs=runs, settings=store_settings)


def open_runs(crawlers: list[Any]) -> None:
    """Open the crawl runs of the crawlers of one crawl process in one transaction, before any of them starts (one
    transaction per spider cost more than its run's rows). Each run stands in the database from then on, so a crawl
    killed at any moment leaves its runs, closed as ``interrupted`` by the next crawl or by ``ailaw status``.
    Crawlers without the store pipeline are left alone; a crawler not opened here opens its run when its spider
    opens."""
    from store.db import init_db, session_scope

    def stores(crawler: Any) -> bool:
        named = (StorePipeline, f"{__name__}.StorePipeline")
        return any(
            order is not None and key in named for key, order in crawler.settings.getwithbase("ITEM_PIPELINES").items()
        )

    storing = [c for c in crawlers if stores(c)]
    if not storing:
        return
    _WriteBatch.commit_shared()
    init_db()
    with session_scope() as session:
        opened = _open_runs(session, [(c.spidercls, c.settings) for c in storing])
    _OPENED_RUNS.update(zip(storing, opened, strict=True))


def _item_url(item: Any) -> str:
    return str(getattr(item, "source_url", None) or getattr(item, "url", None) or getattr(item, "doc_id", ""))


class _WriteBatch:
    """One write transaction shared by the store pipelines of this process (the spiders of one crawl run side by
    side in one process): items go in as savepoints, the transaction commits every ``size`` items, when it is
    ``MAX_AGE`` seconds old (a timer commits it when no item follows), and before any store pipeline opens or closes
    a run. A commit per item was most of the store's cost (the change log's counter, the flush, the fsync).

    Nothing is lost to a batch: an item that fails is rolled back to its savepoint, what came before is committed,
    and the item is stored alone with the usual retries and error records; when the commit itself fails (a lock
    timeout, a concurrent writer), every item of the batch is stored again alone. Counts reach a run only once its
    items are committed. A crawl killed with a batch open loses nothing either: the responses whose items were not
    committed have no stored versions and no memo entries (memo entries are kept when a spider closes), so the next
    crawl parses them again.
    """

    MAX_AGE = 0.5  # seconds a write transaction stays open: other processes' writers wait at most about this long
    _current: _WriteBatch | None = None

    def __init__(self, size: int) -> None:
        from sqlmodel import Session

        from store.db import get_engine

        self.size = size
        from store.crud import EVENT_CACHE

        self.session = Session(get_engine(), expire_on_commit=False)
        self.session.info[EVENT_CACHE] = {}  # each document's events read once per batch (store.crud.upsert_event)
        self.items: list[tuple[StorePipeline, Any, list[str]]] = []
        self.documents: dict[str, Any] = {}
        self.opened = time.monotonic()
        self.timer: Any = None

    @classmethod
    def shared(cls, size: int) -> _WriteBatch:
        if cls._current is None:
            cls._current = cls(size)
        return cls._current

    @classmethod
    def commit_shared(cls) -> None:
        if cls._current is not None:
            cls._current.commit()

    def add(self, pipe: StorePipeline, item: Any) -> bool:
        """Write ``item`` in the batch; False when it must be stored alone (the batch is committed then)."""
        from sqlalchemy.exc import DBAPIError

        from store.changes import pending_count

        marks = pending_count(self.session)
        doc_id = getattr(item, "doc_id", None)
        if doc_id and doc_id not in self.documents:  # held here, the document is read once per batch, not per item
            from store.models import Document

            self.documents[doc_id] = self.session.get(Document, doc_id)
        try:
            with self.session.begin_nested():
                counted = pipe._write(self.session, item)
        except DropItem as exc:
            self._rolled_back(marks)
            pipe._record(_item_url(item), f"dropped: {exc}", kind="dropped")
            raise
        except (DBAPIError, ValueError, TypeError, KeyError, LookupError):
            self._rolled_back(marks)
            self.commit()  # what came before stays; the item is tried alone, with the retries and the error record
            return False
        if doc_id and self.documents.get(doc_id) is None:  # a document this item stored: held from now on too
            from store.models import Document

            self.documents[doc_id] = self.session.get(Document, doc_id)
        self.items.append((pipe, item, counted))
        if len(self.items) >= self.size or time.monotonic() - self.opened >= self.MAX_AGE:
            self.commit()
        elif self.timer is None:
            from twisted.internet import reactor

            self.timer = reactor.callLater(self.MAX_AGE, self.commit)  # type: ignore[attr-defined,arg-type]
        return True

    def _rolled_back(self, marks: int) -> None:
        """An item's savepoint was rolled back: forget its change marks and the events read or added meanwhile."""
        from store.changes import truncate_pending
        from store.crud import EVENT_CACHE

        truncate_pending(self.session, marks)
        self.session.info[EVENT_CACHE] = {}

    def commit(self) -> None:
        """Commit the batch (when the commit fails, store its items again one by one) and close it."""
        from sqlalchemy.exc import DBAPIError

        if _WriteBatch._current is self:
            _WriteBatch._current = None
        if self.timer is not None and self.timer.active():
            self.timer.cancel()
        self.timer = None
        items, self.items = self.items, []
        try:
            self.session.commit()
        except DBAPIError as exc:
            self.session.rollback()
            logger.info("a batch of %d items could not be committed (%s); storing them one by one", len(items),
                        type(exc.orig).__name__)  # fmt: skip
            for pipe, item, _counted in items:
                with contextlib.suppress(DropItem):  # recorded on its run by _store_alone
                    pipe._store_alone(item)
            return
        finally:
            self.session.close()
        for pipe, _item, counted in items:
            pipe._count(counted)
