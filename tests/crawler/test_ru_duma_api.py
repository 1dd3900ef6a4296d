"""The State Duma API as a second path for bills: the SOZD card wins, the data set's freshness is checked against
the response's own date, and votes become dated events."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from scrapy.http import Request, TextResponse
from scrapy.settings import Settings
from sqlmodel import select

from crawler.archive import ArchiveWriter
from crawler.middlewares import FETCHED_META
from crawler.parsers.ru_duma import newest_event_date, parse_search, parse_votes, vote_bill, vote_counts
from crawler.parsers.ru_vocab import duma_vote_stage
from crawler.pipelines import (
    LanguagePipeline,
    NormalizePipeline,
    RelevancePipeline,
    StorePipeline,
    ValidationPipeline,
    defer_to_stored,
)
from crawler.spiders.ru_duma import WATCH_BILLS, RuDumaSpider, redact, search_url, vote_search_url
from crawler.spiders.ru_sozd import SEED_BILLS
from store.items import DocumentItem, ParseFailure
from store.vocab import Stage
from tests.crawler.test_ru_parsers import EX, run

SORTED_URL = "http://api.duma.gov.ru/api/{token}/search.json?sort=last_event_date&limit=20&app_token={app_token}&page=1"
SORTED_BODY = (EX / "duma-api_search_sort-last_event_date_page1.json").read_bytes()  # newest event 2022-06-23
VOTES_BODY = (EX / "duma-api_voteSearch_number-17973-8.json").read_bytes()
EMPTY_BODY = (EX / "duma-api_search_empty-result.json").read_bytes()
JSON = [("Content-Type", "application/json; charset=utf-8")]


def of(items, cls):
    return [i for i in items if isinstance(i, cls)]


def store(items):
    """Through the real pipelines, in their configured order, into the test home's database."""
    stages = [NormalizePipeline(), LanguagePipeline(), RelevancePipeline(), ValidationPipeline(), StorePipeline()]
    for item in items:
        for stage in stages:
            item = stage.process_item(item, None)


def stored(doc_id):
    from store.db import session_scope
    from store.models import Document, Event

    with session_scope() as s:
        doc = s.get(Document, doc_id).model_dump()
        events = [(e.date, e.stage, e.raw) for e in s.exec(select(Event).where(Event.document_id == doc_id)).all()]
    return doc, sorted(events, key=lambda e: (str(e[0]), e[2]))


def api_items_for_922869_7():
    """The API's account of bill 922869-7, differing from the card in every field: the real entry of bill 149922-8
    from the recorded `sort=last_event_date` page, renumbered (the precedence is what is tested, not the facts)."""
    data = json.loads(SORTED_BODY)
    law = copy.deepcopy(data["laws"][0])
    assert law["number"] == "149922-8"
    law["number"], law["url"] = "922869-7", "http://sozd.parlament.gov.ru/bill/922869-7"
    body = json.dumps({"count": 1, "page": 1, "laws": [law]}, ensure_ascii=False).encode()
    return list(parse_search(body, url=search_url("{token}", "{app_token}", number="922869-7")))


# --- precedence: the card wins -----------------------------------------------------------------------------------
def test_card_then_api_keeps_the_card_and_adds_the_api_event(ailaw_home):
    card = run("sozd_bill-922869-7_documented_example.html")
    api = api_items_for_922869_7()
    (card_doc,) = of(card, DocumentItem)
    (api_doc,) = of(api, DocumentItem)
    assert card_doc.date_introduced is None and api_doc.date_introduced == dt.date(2022, 6, 23)  # a gap to fill
    assert api_doc.title != card_doc.title and api_doc.stage != card_doc.stage
    store(card)
    store(api)
    doc, events = stored("ru/duma/922869-7")
    assert doc["source"] == "ru_sozd"
    assert doc["title"] == card_doc.title and doc["original_title"] == card_doc.original_title
    assert doc["stage"] == "published" and doc["stage_raw"] == card_doc.stage_raw
    assert doc["date_adopted"] == dt.date(2020, 7, 31) and doc["date_published"] == dt.date(2020, 7, 31)
    assert doc["date_introduced"] == dt.date(2022, 6, 23)  # the card left it empty: the API fills it
    assert doc["subjects"] == ["Правительство РФ"]  # likewise
    assert doc["identifiers"] == {"bill_number": "922869-7", "duma_id": "34456"}  # a new key is added
    assert doc["extra"]["law_number"] == "258-ФЗ" and doc["extra"]["law_type"] == "Федеральный закон"
    assert len(events) == 5  # the card's four + the API's last event
    assert (dt.date(2022, 6, 23), "introduced") in {(d, s) for d, s, _ in events}


def test_api_then_card_lets_the_card_overwrite(ailaw_home):
    card = run("sozd_bill-922869-7_documented_example.html")
    (card_doc,) = of(card, DocumentItem)
    store(api_items_for_922869_7())
    assert stored("ru/duma/922869-7")[0]["source"] == "ru_duma"
    store(card)
    doc, events = stored("ru/duma/922869-7")
    assert doc["source"] == "ru_sozd" and doc["title"] == card_doc.title
    assert doc["stage"] == "published" and doc["stage_raw"] == card_doc.stage_raw
    assert len(events) == 5


def test_a_vote_described_bill_never_renames_a_card(ailaw_home):
    store(run("sozd_bill-922869-7_documented_example.html"))
    url = vote_search_url("{token}", "{app_token}", "922869-7")
    body = VOTES_BODY.replace(b"17973-8", b"922869-7")
    store(parse_votes(body, url=url, describe=True))
    doc, events = stored("ru/duma/922869-7")
    assert doc["source"] == "ru_sozd" and doc["title"].startswith("Об экспериментальных правовых режимах")
    assert (dt.date(2022, 6, 15), "first-reading") in {(d, s) for d, s, _ in events}


def test_precedence_only_between_ranked_sources():
    (api_doc,) = of(api_items_for_922869_7(), DocumentItem)

    class Row:
        title, stage, identifiers, extra, subjects = "Stored", "published", {"bill_number": "922869-7"}, {}, []

    for source in ("ru_duma", "eu_cellar"):  # the same source, or a source without a rank: merged as always
        Row.source = source
        assert defer_to_stored(api_doc, Row) is api_doc
    Row.source = "ru_sozd"
    deferred = defer_to_stored(api_doc, Row)
    assert (deferred.title, deferred.stage, deferred.source) == ("", None, "")
    assert deferred.date_introduced == api_doc.date_introduced and deferred.identifiers == {"duma_id": "34456"}
    assert api_doc.title  # the parser's item itself is left as it was


# --- freshness ------------------------------------------------------------------------------------------------
def _spider(replay: bool, stale_days: int = 45) -> RuDumaSpider:
    spider = RuDumaSpider()
    spider.settings = Settings(
        {"AILAW_REPLAY": "x.warc.gz" if replay else None, "AILAW_DUMA_API_STALE_DAYS": stale_days}
    )
    return spider


def _response(*, fetched: dt.datetime | None = None, date_header: str | None = None) -> TextResponse:
    meta = {FETCHED_META: fetched} if fetched else {}
    headers = {"Date": date_header} if date_header else {}
    return TextResponse(SORTED_URL, body=SORTED_BODY, headers=headers, request=Request(SORTED_URL, meta=meta))


def test_newest_event_of_the_recorded_page():
    assert newest_event_date(SORTED_BODY) == dt.date(2022, 6, 23)
    assert newest_event_date(EMPTY_BODY) is None and newest_event_date(b"<html>") is None


def test_stale_replay_warns_once_with_the_record_date():
    spider = _spider(replay=True)
    for _ in range(2):  # two stale sorted pages: still one warning
        spider.check_freshness(_response(fetched=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))
    (warning,) = spider.errors
    assert warning["kind"] == "stale" and warning["url"] == SORTED_URL
    assert warning["message"] == (
        "Duma API data looks stale: newest event 2022-06-23, 1592 days before the response was fetched on "
        "2026-11-01; SOZD cards are preferred."
    )


@pytest.mark.parametrize(
    ("replay", "fetched", "date_header", "stale"),
    [
        (True, dt.datetime(2022, 7, 1, tzinfo=dt.UTC), None, False),  # the record's date, not today's clock
        (True, dt.datetime(2022, 8, 8, tzinfo=dt.UTC), None, True),  # 46 days > 45
        (True, None, "Fri, 01 Jul 2022 10:00:00 GMT", False),  # a record without a date: its Date header
        (True, None, None, False),  # nothing says when: no verdict, never the clock in a replay
        (False, None, "Fri, 01 Jul 2022 10:00:00 GMT", False),  # live: the server's Date header
        (False, None, "Sat, 01 Mar 2025 10:00:00 GMT", True),
        (False, None, None, True),  # live with nothing else: now, long after 2022
    ],
)
def test_freshness_uses_the_response_time(replay, fetched, date_header, stale):
    spider = _spider(replay=replay)
    spider.check_freshness(_response(fetched=fetched, date_header=date_header))
    assert [e["kind"] for e in spider.errors] == (["stale"] if stale else [])


def test_stale_days_setting_is_read():
    spider = _spider(replay=True, stale_days=2000)
    spider.check_freshness(_response(fetched=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))
    assert spider.errors == []


def _archive(path, records):
    writer = ArchiveWriter(path)
    for url, body, when in records:
        writer.write(url=url, status=200, headers=JSON, body=body, fetched_at=when)
    writer.close()
    return path


@pytest.mark.parametrize(("recorded_on", "warned"), [(dt.date(2026, 11, 1), True), (dt.date(2022, 7, 1), False)])
def test_replayed_crawl_reports_staleness_as_a_warning(ailaw_home, tmp_path, recorded_on, warned):
    from ailaw import jobs
    from store.db import session_scope
    from store.models import CrawlRun

    when = dt.datetime.combine(recorded_on, dt.time(), tzinfo=dt.UTC)
    archive = _archive(tmp_path / "duma.warc.gz", [(SORTED_URL, SORTED_BODY, when)])
    (summary,) = jobs.crawl(["ru_duma"], replay=archive)
    assert summary.error_count == 0, summary.errors  # the other requests are archive misses, not errors
    assert summary.new_documents == 7
    if warned:
        (warning,) = summary.warnings
        assert "newest event 2022-06-23" in warning["message"] and "fetched on 2026-11-01" in warning["message"]
        assert "1 warning)" in summary.line() and "0 errors" in summary.line()
        with session_scope() as s:
            run_errors = s.get(CrawlRun, summary.run_id).errors
        assert [e["kind"] for e in run_errors if e["kind"] != "miss"] == ["stale"]  # kept on the run
    else:
        assert summary.warnings == [] and "warning" not in summary.line()


# --- votes ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("subject", "passed", "stage"),
    [
        ("(первое чтение) О проекте федерального закона № 17973-8", True, Stage.FIRST_READING),
        ("(первое чтение) О проекте федерального закона № 17973-8", False, Stage.FIRST_READING),
        ("(второе чтение) О проекте федерального закона № 1-8", True, Stage.SECOND_READING),
        ("(2 чтение) О проекте федерального закона № 895685-6", True, Stage.SECOND_READING),
        ("(третье чтение) О проекте федерального закона № 1-8", True, Stage.THIRD_READING),
        ("(повторное третье чтение) О проекте федерального закона № 1-8", True, Stage.THIRD_READING),
        ("(первое чтение и в целом) О проекте федерального закона № 1-8", True, Stage.THIRD_READING),
        ("(к отклонению) О проекте федерального закона № 301854-7", True, Stage.REJECTED),
        ("(к отклонению) О проекте федерального закона № 301854-7", False, Stage.OTHER),
        ("(поправка) О проекте федерального закона № 1-8", True, Stage.OTHER),
        ("О проекте федерального закона № 1-8", True, Stage.OTHER),
        ("", None, Stage.OTHER),
    ],
)
def test_duma_vote_stage(subject, passed, stage):
    assert duma_vote_stage(subject, passed=passed) == stage


@pytest.mark.parametrize(
    ("subject", "number", "title"),
    [
        ('(первое чтение) О проекте федерального закона № 17973-8 "О внесении изменений в Федеральный закон '
         '"О НИС" (о повышении)', "17973-8", 'О внесении изменений в Федеральный закон "О НИС" (о повышении)'),
        ('(к отклонению) О проекте федерального закона № 301854-7 "О внесении изменений в КоАП (в части X)" '
         "(принят в 1 чтении 23.05.18)", "301854-7", "О внесении изменений в КоАП (в части X)"),
        ('(третье чтение) О проекте федерального закона № 1-8 "О внесении изменений в Федеральный закон "Об X""',
         "1-8", 'О внесении изменений в Федеральный закон "Об X"'),
        ("(третье чтение) О проекте федерального закона № 1-8 «О законе «Об X»» (повторно)", "1-8", "О законе «Об X»"),
        ("(первое чтение) О проекте федерального закона № 1 - 8", "1-8", None),
        ("О повестке дня", None, None),
    ],
)  # fmt: skip
def test_vote_bill(subject, number, title):
    assert vote_bill(subject) == (number, title)


@pytest.mark.parametrize(
    ("vote", "text"),
    [
        ({"forCount": 346, "againstCount": 0, "abstainCount": 0, "absentCount": 103, "result": True},
         "за 346, против 0, воздержались 0, не голосовали 103; принято"),
        ({"forCount": "120", "againstCount": 200, "abstainCount": 1, "absentCount": 129, "result": False},
         "за 120, против 200, воздержались 1, не голосовали 129; не принято"),
        ({"forCount": 300, "result": None}, "за 300"),
        ({}, ""),
    ],
)  # fmt: skip
def test_vote_counts(vote, text):
    assert vote_counts(vote) == text


def test_the_recorded_vote_is_a_dated_first_reading_event():
    url = vote_search_url("{token}", "{app_token}", "17973-8")
    (event,) = list(parse_votes(VOTES_BODY, url=url))  # no describe: no DocumentItem
    assert event.doc_id == "ru/duma/17973-8" and event.date == dt.date(2022, 6, 15)
    assert event.stage == Stage.FIRST_READING and event.actor == "Государственная Дума"
    assert event.raw.startswith("(первое чтение) О проекте федерального закона № 17973-8 ")
    assert event.raw.endswith(" — за 346, против 0, воздержались 0, не голосовали 103; принято")
    assert event.reference == "голосование № 118333"


@pytest.mark.parametrize(
    "body",
    [b"", b"<html>", b'{"message": "invalid token"}', b'{"votes": [{"id": 1}]}', b'{"votes": [{"subject": "x"}]}'],
)
def test_bad_vote_bodies(body):
    out = list(parse_votes(body, url="http://api.duma.gov.ru/api/{token}/voteSearch.json?app_token={app_token}"))
    assert out and all(isinstance(i, ParseFailure) for i in out)


def test_empty_vote_list_yields_nothing():
    body = b'{"totalCount": "0", "page": "1", "pageSize": "20", "votes": []}'
    assert list(parse_votes(body, url=vote_search_url("{token}", "{app_token}", "1-8"), describe=True)) == []


# --- the spider ---------------------------------------------------------------------------------------------------
def test_watched_bills_are_the_sozd_seeds_and_votes_follow_the_search():
    assert list(SEED_BILLS) == WATCH_BILLS
    spider = _spider(replay=True)
    requests = list(spider.start_requests())
    assert requests[0].url.endswith("search.json?number=922869-7&app_token=%7Bapp_token%7D")
    assert requests[0].cb_kwargs["bill"] == "922869-7"

    def votes_after(body: bytes, number: str) -> Request:
        url = search_url("{token}", "{app_token}", number=number)
        out = list(spider.parse(TextResponse(url, body=body, request=Request(url)), bill=number))
        (req,) = [o for o in out if isinstance(o, Request)]
        assert req.callback == spider.parse_votes and f"voteSearch.json?number={number}" in req.url
        return req

    found = votes_after((EX / "duma-api_search_number-922869-7_documented_example.json").read_bytes(), "922869-7")
    assert found.cb_kwargs["describe"] is False  # the search described the bill: votes only add events
    assert votes_after(EMPTY_BODY, "17973-8").cb_kwargs["describe"] is True  # nobody did: the votes do


def test_track_a_vote_url_stores_the_bill_and_its_vote(ailaw_home, tmp_path):
    from ailaw import jobs

    when = dt.datetime(2022, 6, 20, tzinfo=dt.UTC)
    archive = _archive(
        tmp_path / "votes.warc.gz",
        [
            (search_url("{token}", "{app_token}", number="17973-8"), EMPTY_BODY, when),
            (vote_search_url("{token}", "{app_token}", "17973-8"), VOTES_BODY, when),
        ],
    )
    (summary,) = jobs.track(vote_search_url("{token}", "{app_token}", "17973-8"), replay=archive)
    assert summary.spider == "ru_duma" and summary.error_count == 0 and summary.misses == 0, summary.errors
    doc, events = stored("ru/duma/17973-8")
    assert doc["title"].startswith('О внесении изменений в Федеральный закон "О накопительно-ипотечной системе')
    assert doc["source"] == "ru_duma" and doc["stage"] is None
    assert [(d, s) for d, s, _ in events] == [(dt.date(2022, 6, 15), "first-reading")]


def test_keys_never_reach_a_recorded_error():
    spider = _spider(replay=False)
    secret_url = search_url("0123456789abcdef0123456789abcdef01234567", "app0123456789abcdef", number="1-8")
    spider.record_error(secret_url, f"request failed: timeout on {secret_url}", kind="fetch")
    spider.record_miss(secret_url, f"not in the replayed archive: GET {secret_url}")
    assert "0123456789abcdef" not in json.dumps(spider.errors)
    assert spider.errors[0]["url"] == redact(secret_url) == search_url("{token}", "{app_token}", number="1-8")


@pytest.mark.parametrize(
    ("number", "path"),
    [
        ("127367-8", [(dt.date(2022, 5, 20), Stage.INTRODUCED), (dt.date(2022, 6, 24), Stage.SECOND_READING)]),
        # a ratification passed at once: the solution «принять закон» in the first reading
        ("130559-8", [(dt.date(2022, 5, 25), Stage.INTRODUCED), (dt.date(2022, 6, 22), Stage.PASSED_LOWER)]),
        ("140650-8", [(dt.date(2022, 6, 10), Stage.INTRODUCED)]),  # the last event is the introduction: not twice
        ("7902-3", [(dt.date(2013, 9, 19), Stage.WITHDRAWN)]),  # no introductionDate in the record: no guess
    ],
)
def test_a_bill_path_starts_at_its_introduction_date(number, path):
    items = [i for i in run("duma-api_search_name-sud_page1.json") if i.doc_id == f"ru/duma/{number}"]
    assert [(e.date, e.stage) for e in items if not isinstance(e, DocumentItem)] == path
