"""Bad input loses nothing: a WAF challenge page, a truncated XML and a malformed JSON in a replayed archive
each end as one recorded error on the crawl run (with its URL); every other document is stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from sqlmodel import select

from crawler.archive import ArchiveWriter

ROOT = Path(__file__).resolve().parents[2]
WAF_PAGE = ROOT / "tests" / "examples" / "eu"


def _manifest(area: str) -> list[dict]:
    return json.loads((ROOT / "demo" / "records" / area / "manifest.json").read_text(encoding="utf-8"))


def _pick(entries: list[dict], *needles: str) -> dict:
    for e in entries:
        if all(n in e["url"] for n in needles):
            return e
    raise AssertionError(f"no manifest entry with {needles}")


def _waf_body() -> bytes:
    pages = sorted(WAF_PAGE.glob("*waf*.html"))
    assert pages, "the WAF challenge example is missing from tests/examples/eu"
    return pages[0].read_bytes()


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    from ailaw import jobs
    from tests.conftest import ailaw_env

    tmp = tmp_path_factory.mktemp("faults")
    archive = tmp / "faulty.warc.gz"
    shutil.copy(jobs.DEMO_ARCHIVE, archive)
    eu, ru = _manifest("eu"), _manifest("ru")
    waf = _pick(eu, "32022R2065")  # the DSA's text answered by the WAF
    notice = next(e for e in eu if "xml" in e.get("content_type", "") and "cellar" in e["url"])
    search = next(e for e in ru if "publication.pravo.gov.ru/api/Documents" in e["url"] and not e.get("reconstructed"))
    notice_body = (ROOT / notice["file"]).read_bytes()
    writer = ArchiveWriter(archive)  # appended records win over the originals
    writer.write(url=waf["url"], status=202, headers=[("Content-Type", "text/html")], body=_waf_body())
    writer.write(url=notice["url"], status=200, headers=[("Content-Type", "application/xml")],
                 body=notice_body[: len(notice_body) // 3])  # fmt: skip
    writer.write(url=search["url"], status=200, headers=[("Content-Type", "application/json")],
                 body=b'{"items":[{"eoNumber":"0001202601170001", "name": "x"')  # fmt: skip
    writer.close()
    home = tmp / "home"
    with ailaw_env(home):
        summaries = jobs.demo_crawl(archive)
        from store.db import session_scope
        from store.models import Document, Version

        with session_scope() as s:
            docs = set(s.exec(select(Document.id)).all())
            texts = [v for v in s.exec(select(Version.text)).all()]
    return {"summaries": summaries, "docs": docs, "texts": texts, "urls": (waf["url"], notice["url"], search["url"])}


def test_each_fault_is_one_recorded_error_with_its_url(fault_run):
    errors = [e for s in fault_run["summaries"] for e in s.errors if e.get("kind") != "miss"]
    waf_url, notice_url, search_url = fault_run["urls"]
    by_url = {}
    for e in errors:
        by_url.setdefault(e["url"], []).append(e["message"])
    assert set(by_url) == {waf_url, notice_url, search_url}, errors
    assert all(len(v) == 1 for v in by_url.values()), by_url
    assert "WAF" in by_url[waf_url][0]
    assert "XML" in by_url[notice_url][0] or "xml" in by_url[notice_url][0]
    assert "JSON" in by_url[search_url][0]


def test_everything_else_is_stored(fault_run, demo_home):
    from tests.conftest import ailaw_env

    with ailaw_env(demo_home["home"]):
        from store.db import session_scope
        from store.models import Document

        with session_scope() as s:
            demo_docs = set(s.exec(select(Document.id)).all())
    lost = demo_docs - fault_run["docs"]
    assert "eu/celex/32022R2065" in lost  # only known from the page the WAF replaced
    assert {"eu/celex/32024R1689", "eu/celex/32022R1925", "ru/pravo/0001201910110003"} <= fault_run["docs"]
    # Nothing else is lost but what only the three broken responses described: the DSA, the works the AI Act
    # notice names (its proposal and amending act), and the acts listed in the malformed search page.
    search_entry = next(e for e in _manifest("ru") if e["url"] == fault_run["urls"][2])
    listed = json.loads((ROOT / search_entry["file"]).read_text(encoding="utf-8"))["items"]
    only_in_broken = {"eu/celex/32022R2065", "eu/celex/52021PC0206", "eu/celex/32026R1744"}
    only_in_broken |= {f"ru/pravo/{item['eoNumber']}" for item in listed}
    assert lost <= only_in_broken, lost - only_in_broken


def test_no_challenge_page_is_ever_stored_as_a_text(fault_run):
    assert not any("awsWafCookieDomainList" in t or "challenge-container" in t for t in fault_run["texts"])


def test_an_exception_in_a_callback_is_recorded_on_the_run():
    """Outside its parser a callback can still fail: the run records it (kind "spider"), never 0 errors."""
    from scrapy.http import TextResponse
    from twisted.python.failure import Failure

    from crawler.pipelines import StorePipeline
    from crawler.spiders.eu_cellar import EuCellarSpider

    spider = EuCellarSpider()
    pipe = StorePipeline()
    pipe.spider = spider
    try:
        raise KeyError("celex")
    except KeyError:
        failure = Failure()
    pipe.spider_error(failure, TextResponse("https://eur-lex.europa.eu/x", body=b""), spider)
    assert spider.errors == [{"url": "https://eur-lex.europa.eu/x", "kind": "spider",
                              "message": "the spider failed on this page: KeyError: 'celex'"}]  # fmt: skip


def test_a_write_batch_stores_each_event_once_after_a_dropped_item(ailaw_home):
    """In a crawl's write batch a document's events are read once; an item rolled back to its savepoint in between
    (an event for a document never described) leaves nothing behind, and the same event given again is unchanged."""
    import datetime as dt

    from crawler.pipelines import StorePipeline, _WriteBatch
    from crawler.spiders.eu_cellar import EuCellarSpider
    from store.db import init_db, session_scope
    from store.items import DocumentItem, EventItem
    from store.models import Event
    from store.vocab import DocType, Stage

    init_db()
    spider = EuCellarSpider()
    pipe = StorePipeline()
    pipe.spider, pipe.run_id, pipe.batch_items = spider, 1, 50
    act = "eu/celex/32024R1689"
    published = EventItem(doc_id=act, date=dt.date(2024, 7, 12), stage=Stage.PUBLISHED, raw="PUB_OJ")
    pipe.process_item(DocumentItem(doc_id=act, source="eu_cellar", jurisdiction="EU", doc_type=DocType.REGULATION,
                                   title="Artificial Intelligence Act"))  # fmt: skip
    pipe.process_item(published)
    with pytest.raises(DropItem):
        pipe.process_item(EventItem(doc_id="eu/celex/0", date=None, stage=Stage.DRAFT, raw="never described"))
    pipe.process_item(published)  # the same event again: unchanged, not a second row
    pipe.process_item(EventItem(doc_id=act, date=dt.date(2024, 8, 1), stage=Stage.IN_FORCE, raw="EIF"))
    _WriteBatch.commit_shared()
    with session_scope() as session:
        stored = sorted((e.date, e.raw) for e in session.exec(select(Event)).all())
    assert stored == [(dt.date(2024, 7, 12), "PUB_OJ"), (dt.date(2024, 8, 1), "EIF")]
    assert pipe.counts["unchanged"] == 1 and [e["kind"] for e in spider.errors] == ["dropped"]
