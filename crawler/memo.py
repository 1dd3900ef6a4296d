"""Unchanged responses are recognised before they are parsed — also those that lead to other pages.

A *leaf* page (an act's text, an edition, an attachment) is skipped by the spider when its body is the one its latest
version was parsed from (``AilawSpider.parse_with(unchanged_skip=True)``). A page that leads on (a Cellar notice to
consolidated texts, an editions list to each edition's text, a bill card to its attachments) must still lead on, so
this spider middleware remembers, per callback and URL, the SHA-256 of the body it last parsed and the requests its
callback yielded (not for a response whose parsing recorded an error). When the same body comes again, the callback is not run: the remembered requests are yielded
instead, and the run counts one unchanged response. Its items were all stored last time (writes are idempotent), so
nothing is lost.

The memo is a small SQLite file in the data home (``$AILAW_HOME/cache/responses.db``): derived data, safe to delete
(the next crawl parses everything). An entry is keyed by the code of the crawler too, so a new parser version
re-parses; ``--reparse`` (``AILAW_REPARSE``) ignores it; entries of a run in which any item could not be stored are
not kept, so such a page is parsed again next time. A callback whose output depends on more than its response (the
SOZD RSS check, the Duma API's freshness check) is named in the spider's ``memo_exempt`` and always runs. When only
its requests depend on more than the response and its items do not (the Duma API's search pages, GovInfo's BILLSTATUS
files), the spider names it in ``memo_items`` too: it still runs, but when its body is the one it last parsed its items
are not passed on to the pipelines again (they were stored last time), only its requests. A callback whose requests
depend on the store only by leaving out what is stored already (GovInfo's BILLSTATUS files: the texts of an AI bill
not stored yet) is named in ``memo_recheck`` instead: it is remembered like any page that leads on, and when its body
comes again its remembered requests go through the spider's ``still_wanted``, which drops those the store has
answered since (the store only grows, so these are exactly the requests the callback would make now); what else its
requests depend on (the relevance thesaurus) is in its key (the spider's ``memo_context``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Request, Spider, signals
from scrapy.http import Response
from scrapy.utils.request import request_from_dict

logger = logging.getLogger(__name__)

NOT_KEPT_AFTER = frozenset({"store", "dropped"})  # record kinds that make a run's memo entries unsafe to keep


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The crawler's parsing code: a change of any spider or parser invalidates every memo entry."""
    import importlib
    import pkgutil

    digest = hashlib.sha256()
    for package in ("crawler.spiders", "crawler.parsers"):  # read through the loader: works from a zipped egg too
        for info in sorted(pkgutil.iter_modules(importlib.import_module(package).__path__), key=lambda i: i.name):
            digest.update(pkgutil.get_data(package, f"{info.name}.py") or b"")
    digest.update(pkgutil.get_data("crawler", "memo.py") or b"")
    return digest.hexdigest()[:16]


def _as_dict(request: Request, spider: Spider) -> dict[str, Any] | None:
    """The request as Scrapy serialises it, or None when it cannot be (a callback that is not a spider method)."""
    try:
        return request.to_dict(spider=spider)
    except ValueError:
        return None


class ResponseMemo:
    # One memo (one SQLite connection) per file and process, shared by the crawlers of a crawl process: opening it
    # (connect, WAL, the table) once per spider cost more than the lookups of an unchanged re-crawl.
    _shared: ClassVar[dict[tuple[int, str], tuple[ResponseMemo, int]]] = {}

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, body_sha TEXT, requests BLOB)")

    @classmethod
    def shared(cls, path: Path) -> ResponseMemo:
        """The memo of ``path`` for one more user in this process (a forked child opens its own); each user calls
        :meth:`release` when done, and the last one closes it."""
        key = (os.getpid(), str(path.resolve()))
        memo, users = cls._shared.get(key, (None, 0))
        if memo is None:
            memo = cls(path)
        cls._shared[key] = (memo, users + 1)
        return memo

    def release(self) -> None:
        key = (os.getpid(), str(self.path.resolve()))
        memo, users = self._shared.get(key, (self, 1))
        if memo is not self or users <= 1:
            self._shared.pop(key, None)
            self.close()
        else:
            self._shared[key] = (memo, users - 1)

    def get(self, key: str) -> tuple[str, bytes] | None:
        row = self.conn.execute("SELECT body_sha, requests FROM memo WHERE key = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put_many(self, entries: Iterable[tuple[str, str, bytes]]) -> None:
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO memo (key, body_sha, requests) VALUES (?, ?, ?)", entries)

    def close(self) -> None:
        self.conn.close()


class UnchangedResponseMiddleware:
    """Spider middleware: replay the requests of an unchanged response instead of parsing it again."""

    crawler: Any = None

    def __init__(self, memo: ResponseMemo | None) -> None:
        self.memo = memo
        self.pending: list[tuple[str, str, bytes]] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> UnchangedResponseMiddleware:
        memo = None
        if not crawler.settings.getbool("AILAW_REPARSE"):
            home = crawler.settings.get("AILAW_HOME")  # the crawl's data home (crawler.settings), read once
            if not home:
                from store.settings import StoreSettings

                home = StoreSettings().home
            memo = ResponseMemo.shared(Path(home) / "cache" / "responses.db")
        mw = cls(memo)
        mw.crawler = crawler
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def _key(self, response: Response, spider: Spider) -> tuple[str | None, bool]:
        """The memo key of the response (None: always parsed) and whether only its items are remembered."""
        request = response.request
        if request is None or response.status >= 300 or self.memo is None:
            return None, False
        callback = getattr(request.callback, "__name__", "parse")
        items_only = False
        if callback in getattr(spider, "memo_exempt", ()):
            if callback not in getattr(spider, "memo_items", ()):
                return None, False
            items_only = True
        kwargs = json.dumps(request.cb_kwargs, sort_keys=True, default=str, ensure_ascii=False)
        raw = f"{code_fingerprint()}|{spider.name}|{callback}|{request.url}|{kwargs}|{'items' if items_only else ''}"
        if callback in getattr(spider, "memo_recheck", ()):
            raw += f"|{spider.memo_context(callback)}"  # type: ignore[attr-defined]
        return hashlib.sha256(raw.encode("utf-8")).hexdigest(), items_only

    def _items_only_seen(self, key: str, body_sha: str, spider: Spider) -> tuple[bool, int]:
        """(whether the items of this very body were stored last time, the spider's error count before parsing it);
        a seen body counts as an unchanged response: its requests go on, its items are not passed on again."""
        assert self.memo is not None
        found = self.memo.get(key)
        seen = found is not None and found[0] == body_sha
        if seen:
            self._count(spider)
        return seen, len(getattr(spider, "errors", []))

    def _remembered(self, key: str, body_sha: str, spider: Spider, response: Response) -> list[Request] | None:
        assert self.memo is not None
        found = self.memo.get(key)
        if found is None or found[0] != body_sha:
            return None
        try:
            requests = [request_from_dict(d, spider=spider) for d in pickle.loads(found[1])]
        except Exception:  # a memo written by other code: parse instead
            logger.debug("unreadable memo entry %s; parsing", key)
            return None
        callback = getattr(getattr(response.request, "callback", None), "__name__", "parse")
        if requests and callback in getattr(spider, "memo_recheck", ()):
            requests = spider.still_wanted(callback, requests)  # type: ignore[attr-defined]
        return requests

    def _count(self, spider: Spider) -> None:
        spider.unchanged_responses = getattr(spider, "unchanged_responses", 0) + 1  # type: ignore[attr-defined]

    def _spider(self, spider: Spider | None) -> Spider:
        return spider if spider is not None else self.crawler.spider

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterator[Any]:
        spider = self._spider(spider)
        key, items_only = self._key(response, spider)
        if key is None:
            yield from result
            return
        body_sha = hashlib.sha256(response.body).hexdigest()
        if items_only:
            seen, errors_before = self._items_only_seen(key, body_sha, spider)
            for out in result:
                if not seen or isinstance(out, Request):
                    yield out
            if not seen:
                self._remember(spider, errors_before, (key, body_sha, pickle.dumps([])))
            return
        replay = self._remembered(key, body_sha, spider, response)
        if replay is not None:
            self._count(spider)
            yield from replay
            return
        followups = []
        errors_before = len(getattr(spider, "errors", []))
        for out in result:
            if isinstance(out, Request):
                followups.append(_as_dict(out, spider))
            yield out
        if all(f is not None for f in followups):  # a request that cannot be stored: parse this page every time
            self._remember(spider, errors_before, (key, body_sha, pickle.dumps(followups)))

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        spider = self._spider(spider)
        key, items_only = self._key(response, spider)
        if key is None:
            async for out in result:
                yield out
            return
        body_sha = hashlib.sha256(response.body).hexdigest()
        if items_only:
            seen, errors_before = self._items_only_seen(key, body_sha, spider)
            async for out in result:
                if not seen or isinstance(out, Request):
                    yield out
            if not seen:
                self._remember(spider, errors_before, (key, body_sha, pickle.dumps([])))
            return
        replay = self._remembered(key, body_sha, spider, response)
        if replay is not None:
            self._count(spider)
            for request in replay:
                yield request
            return
        followups = []
        errors_before = len(getattr(spider, "errors", []))
        async for out in result:
            if isinstance(out, Request):
                followups.append(_as_dict(out, spider))
            yield out
        if all(f is not None for f in followups):  # a request that cannot be stored: parse this page every time
            self._remember(spider, errors_before, (key, body_sha, pickle.dumps(followups)))

    def _remember(self, spider: Spider, errors_before: int, entry: tuple[str, str, bytes]) -> None:
        """Keep the entry unless parsing the response recorded an error (a WAF page, a parse failure): such a page is
        parsed, and its failure recorded, on every crawl until it is fixed."""
        if len(getattr(spider, "errors", [])) == errors_before:
            self.pending.append(entry)

    def spider_closed(self, spider: Spider) -> None:
        if self.memo is None:
            return
        unsafe = [e for e in getattr(spider, "errors", []) if e.get("kind") in NOT_KEPT_AFTER]
        if self.pending and not unsafe:
            self.memo.put_many(self.pending)
        elif unsafe:
            logger.info("%s: %d items were not stored; every page will be parsed again next time", spider.name,
                        len(unsafe))  # fmt: skip
        self.memo.release()
