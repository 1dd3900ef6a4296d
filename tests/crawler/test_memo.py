"""The response memo: an unchanged page that leads on is not parsed again; its requests are made all the same."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import TextResponse

from crawler.memo import ResponseMemo, UnchangedResponseMiddleware
from crawler.spiders.base import AilawSpider


class Lister(AilawSpider):
    name = "lister"

    def parse(self, response, **kwargs):  # type: ignore[no-untyped-def,override]
        yield from ()


def _run(tmp_path, spider, response, result):  # type: ignore[no-untyped-def]
    mw = UnchangedResponseMiddleware(ResponseMemo(tmp_path / "memo.db"))
    out = list(mw.process_spider_output(response, result, spider))
    mw.spider_closed(spider)
    return out


def _page(spider, body: bytes = b'{"items": [1, 2]}') -> TextResponse:  # type: ignore[no-untyped-def]
    url = "https://example.org/list"
    return TextResponse(url, body=body, encoding="utf-8", request=Request(url, callback=spider.parse))


def _never():  # type: ignore[no-untyped-def]
    raise AssertionError("the callback ran although its page is unchanged")
    yield


def test_an_unchanged_page_replays_its_requests_without_parsing(tmp_path):
    spider = Lister()
    first = _run(
        tmp_path, spider, _page(spider), iter([Request("https://example.org/a", callback=spider.parse), {"x": 1}])
    )
    assert len(first) == 2
    again = _run(tmp_path, spider, _page(spider), _never())
    assert [r.url for r in again] == ["https://example.org/a"] and again[0].callback == spider.parse
    assert spider.unchanged_responses == 1
    changed = _run(tmp_path, spider, _page(spider, b'{"items": [1, 2, 3]}'), iter([{"x": 2}]))
    assert changed == [{"x": 2}]  # a changed body is parsed


def test_a_page_with_an_error_or_an_unstorable_request_is_parsed_every_time(tmp_path):
    spider = Lister()

    def failing():  # type: ignore[no-untyped-def]
        spider.record_error("https://example.org/list", "could not parse", kind="parse")
        yield from ()

    _run(tmp_path, spider, _page(spider), failing())
    assert len(spider.errors) == 1
    _run(tmp_path, spider, _page(spider), failing())  # not remembered: parsed again, its error recorded again
    assert len(spider.errors) == 2

    other = Lister()
    page = _page(other, b"{}")
    _run(tmp_path, other, page, iter([Request("https://example.org/b", callback=lambda r: None)]))
    out = _run(tmp_path, other, page, iter([{"parsed": True}]))
    assert out == [{"parsed": True}]


class Checker(AilawSpider):
    """A page whose requests depend on the store (always run) but whose items depend on the page only."""

    name = "checker"
    memo_exempt = frozenset({"parse"})
    memo_items = frozenset({"parse"})

    def parse(self, response, **kwargs):  # type: ignore[no-untyped-def,override]
        yield from ()


def test_a_page_that_always_runs_passes_its_items_on_only_when_its_body_changed(tmp_path):
    spider = Checker()
    calls = []

    def callback(items):  # type: ignore[no-untyped-def]
        calls.append(1)
        yield {"item": items}
        yield Request("https://example.org/next", callback=spider.parse)

    first = _run(tmp_path, spider, _page(spider), callback(1))
    assert first[0] == {"item": 1} and len(first) == 2
    again = _run(tmp_path, spider, _page(spider), callback(1))
    assert len(calls) == 2  # the callback ran again (its requests may differ) …
    assert [r.url for r in again] == ["https://example.org/next"]  # … but its stored items were not passed on
    changed = _run(tmp_path, spider, _page(spider, b'{"items": [3]}'), callback(2))
    assert changed[0] == {"item": 2}  # a changed body: its items go to the store


def test_the_crawlers_of_a_process_share_one_memo_closed_by_the_last(tmp_path):
    """Each crawler's middleware takes the memo of the file; the connection stays open until the last releases it,
    and what an earlier spider kept is found by a later one."""
    import sqlite3

    import pytest

    first, second = ResponseMemo.shared(tmp_path / "memo.db"), ResponseMemo.shared(tmp_path / "memo.db")
    assert first is second
    first.put_many([("k", "sha", b"")])
    first.release()
    assert second.get("k") == ("sha", b"")  # still open for the other crawler
    second.release()
    with pytest.raises(sqlite3.ProgrammingError):
        second.get("k")  # closed by the last user
    third = ResponseMemo.shared(tmp_path / "memo.db")
    assert third is not first and third.get("k") == ("sha", b"")
    third.release()


class Rechecker(AilawSpider):
    """A page that leads to what the store lacks: remembered, its requests checked again (``still_wanted``)."""

    name = "rechecker"
    memo_recheck = frozenset({"parse"})
    stored: frozenset[str] = frozenset()
    context = "thesaurus-1"

    def parse(self, response, **kwargs):  # type: ignore[no-untyped-def,override]
        yield from ()

    def memo_context(self, callback):  # type: ignore[no-untyped-def,override]
        return self.context

    def still_wanted(self, callback, requests):  # type: ignore[no-untyped-def,override]
        return [r for r in requests if r.url not in self.stored]


def test_an_unchanged_page_that_leads_to_what_the_store_lacks_replays_only_what_is_still_lacking(tmp_path):
    spider = Rechecker()
    texts = [Request(f"https://example.org/{n}", callback=spider.parse) for n in ("a", "b")]
    first = _run(tmp_path, spider, _page(spider), iter([{"bill": 1}, *texts]))
    assert len(first) == 3
    spider.stored = frozenset({"https://example.org/a"})  # stored since: not requested again
    again = _run(tmp_path, spider, _page(spider), _never())
    assert [r.url for r in again] == ["https://example.org/b"] and spider.unchanged_responses == 1
    spider.context = "thesaurus-2"  # what its requests depend on besides the page changed: parsed again
    assert _run(tmp_path, spider, _page(spider), iter([{"bill": 2}])) == [{"bill": 2}]
