"""Hand assertions for SOZD cards, regulation.gov.ru drafts, IPS pages and encodings (issue 3)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse

from crawler.parsers.ru_ips import parse_ips_document
from crawler.parsers.ru_regulation import parse_draft_text, parse_project
from crawler.parsers.ru_sozd import parse_bill_card
from crawler.spiders import spider_for_url
from store.items import DocumentItem, EventItem, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind
from tests.crawler.test_ru_parsers import EX, run
from texts.charset import looks_like_mojibake

STRATEGY = (EX / "ru_decree-490_strategy_2024-edition_pdf-extract.txt").read_text(encoding="utf-8")


def of(items, cls):
    return [i for i in items if isinstance(i, cls)]


# --- SOZD -------------------------------------------------------------------------------------------------------
def test_sozd_922869_7_timeline_in_order_and_enacted_as_258_fz():
    items = run("sozd_bill-922869-7_documented_example.html")
    (bill,) = of(items, DocumentItem)
    assert bill.doc_id == "ru/duma/922869-7" and bill.doc_type == DocType.BILL and bill.source == "ru_sozd"
    assert bill.stage == Stage.PUBLISHED and bill.stage_raw == "Опубликование закона — Закон опубликован"
    events = of(items, EventItem)
    assert [(e.date, e.stage) for e in events] == [
        (dt.date(2020, 7, 22), Stage.PASSED_LOWER),
        (dt.date(2020, 7, 24), Stage.PASSED_UPPER),
        (dt.date(2020, 7, 31), Stage.SIGNED),
        (dt.date(2020, 7, 31), Stage.PUBLISHED),
    ]
    assert events[1].raw == "Рассмотрение закона в Совете Федерации — Одобрить закон"
    assert events[1].actor == "Совет Федерации"
    (rel,) = of(items, RelationItem)
    assert rel.kind == RelationKind.ENACTED_AS and rel.target_id == "ru/pravo/0001202007310024"
    assert rel.target_label == "Федеральный закон от 31.07.2020 № 258-ФЗ"


def test_sozd_pending_bill_counts_only_dated_events():
    items = run("sozd_bill-card-pending_documented_example.html")
    (bill,) = of(items, DocumentItem)
    assert bill.stage == Stage.COMMITTEE and bill.date_introduced == dt.date(2026, 2, 24)
    assert [e.stage for e in of(items, EventItem)] == [Stage.INTRODUCED, Stage.COMMITTEE]
    assert len(bill.extra["undated_stages"]) == 2  # first and second reading are still ahead
    assert bill.extra["initiator"] == "Правительство Российской Федерации"
    assert bill.extra["committee_responsible"].startswith("Комитет по информационной политике")
    assert bill.summary.startswith("(образец аннотации")
    files = bill.extra["attachments"]
    assert [(f["format"], f["url"].rsplit("/", 1)[1]) for f in files] == [
        ("pdf", "00000000-0000-0000-0000-000000000001"),
        ("rtf", "00000000-0000-0000-0000-000000000002"),
    ]
    assert not of(items, RelationItem) and not of(items, VersionItem)  # not enacted; files hold no text yet


def test_sozd_enacted_law_without_eo_is_keyed_on_type_date_number():
    body = (EX / "sozd_bill-922869-7_documented_example.html").read_bytes()
    (rel,) = of(parse_bill_card(body, url="https://sozd.duma.gov.ru/bill/922869-7"), RelationItem)
    assert rel.target_id == "ru/act/federal-law/2020-07-31/258-ФЗ"


@pytest.mark.parametrize(
    "body", [b"", b"<html><body><p>Access denied</p></body></html>", b"<span id='number_oz_id'>1-8</span>"]
)
def test_sozd_bad_pages(body):
    (failure,) = parse_bill_card(body, url="https://sozd.duma.gov.ru/oz/b")
    assert isinstance(failure, ParseFailure)


@pytest.mark.parametrize(
    ("url", "spider", "kwargs"),
    [
        ("https://sozd.duma.gov.ru/bill/922869-7", "ru_sozd", {"bill_number": "922869-7"}),
        ("http://sozd.parlament.gov.ru/bill/149922-8", "ru_sozd", {"bill_number": "149922-8"}),
        ("https://regulation.gov.ru/projects#npa=166424", "ru_regulation", {"project": "166424"}),
        ("https://regulation.gov.ru/projects/166424", "ru_regulation", {"project": "166424"}),
        ("http://publication.pravo.gov.ru/document/0001201910110003", "ru_pravo", {"eo_number": "0001201910110003"}),
    ],
)
def test_spider_for_url(url, spider, kwargs):
    found = spider_for_url(url)
    assert found is not None and found[0].name == spider and found[1] == kwargs


# --- regulation.gov.ru ------------------------------------------------------------------------------------------
def test_regulation_166424_draft_under_public_discussion():
    items = run("regulation_project-166424_documented_example.json")
    (draft,) = of(items, DocumentItem)
    assert draft.doc_id == "ru/regulation/166424" and draft.stage == Stage.DRAFT
    assert draft.extra["department"] == "Минцифры России" and draft.extra["kind"] == "Федеральный закон"
    assert draft.extra["procedure"] == "Публичное обсуждение"
    assert draft.url == "https://regulation.gov.ru/projects#npa=166424"
    assert [(e.date, e.raw) for e in of(items, EventItem)] == [
        (dt.date(2026, 3, 18), "Проект размещён на портале"),
        (dt.date(2026, 3, 18), "Публичное обсуждение текста проекта: начало"),
    ]
    assert not of(items, VersionItem)  # no text file is known: no version is made up


def test_regulation_pending_windows_project_id_and_files():
    items = run("regulation_project-pending_documented_example.json")
    (draft,) = of(items, DocumentItem)
    assert draft.identifiers == {"regulation_id": "100001", "regulation_project_id": "02/07/03-26/00000001"}
    assert draft.extra["kind"] == "Ведомственный акт" and draft.extra["procedure"] == "Оценка регулирующего воздействия"
    assert draft.stage_raw.endswith("Обсуждение завершено")
    ends = [e.date for e in of(items, EventItem) if e.raw.endswith("окончание")]
    assert ends == [dt.date(2026, 3, 16), dt.date(2026, 4, 1)]
    assert draft.extra["files"][0]["name"] == "Проект приказа.docx"


def test_regulation_draft_text_is_a_draft_version():
    (v,) = run("regulation_draft-text_cp1251_documented_example.html")
    assert v.kind == VersionKind.DRAFT and v.doc_id == "ru/regulation/100001" and v.date == dt.date(2026, 3, 18)
    assert "Статья 1. Предмет регулирования" in v.text
    assert [p.key for p in v.provisions if p.kind == "article"] == ["art_1", "art_2"]


@pytest.mark.parametrize("body", [b"", b"[]", b'{"title": "x"}', b'{"id": 5}', b"%PDF-1.4"])
def test_regulation_bad_bodies(body):
    assert all(isinstance(i, ParseFailure) for i in parse_project(body, url="https://regulation.gov.ru/x"))


def test_regulation_docx_file_is_not_read_as_text():
    (failure,) = parse_draft_text(b"PK\x03\x04....", url="https://regulation.gov.ru/f", project="166424")
    assert isinstance(failure, ParseFailure) and "DOCX" in failure.reason


# --- encodings (IPS windows-1251) -------------------------------------------------------------------------------
def test_ips_cp1251_page_decodes_to_the_real_text():
    path = EX / "ips_docbody_strategy-excerpt_cp1251_documented_example.html"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # real windows-1251 bytes, not UTF-8
    (v,) = run(path.name)
    assert v.doc_id == "ru/pravo/0001201910110003" and v.kind == VersionKind.CONSOLIDATED
    assert v.text.startswith("НАЦИОНАЛЬНАЯ СТРАТЕГИЯ РАЗВИТИЯ ИСКУССТВЕННОГО ИНТЕЛЛЕКТА")
    assert "1. Настоящей Стратегией определяются цели и основные задачи" in v.text
    assert not looks_like_mojibake(v.text)
    assert "".join(v.text.split()) in "".join(STRATEGY.split())  # word for word the real text


def test_mojibake_never_reaches_the_store():
    garbled = "Статья 1. Предмет регулирования настоящего закона".encode().decode("cp1251")
    page = f"<html><body><p>{garbled}</p></body></html>".encode()
    (failure,) = parse_ips_document(page, url="http://pravo.gov.ru/proxy/ips/?docbody=&nd=1")
    assert isinstance(failure, ParseFailure) and "mojibake" in failure.reason


def test_ips_truncated_page_is_refused():
    body = "<html><body><p>Статья 1. Начало текста".encode("cp1251")
    (failure,) = parse_ips_document(body, url="http://pravo.gov.ru/proxy/ips/?docbody=&nd=102685446")
    assert isinstance(failure, ParseFailure) and "truncated" in failure.reason


# --- ЕБПИ new-edition detection (dossier §5.2) in the spider -----------------------------------------------------
def test_ebpi_spider_skips_initial_and_unfinished_editions():
    from crawler.parsers.ru_ebpi import redactions_url
    from crawler.spiders.ru_pravo import RuPravoSpider

    eds = [
        {"redid": 1, "reddate": "20191010", "redcaption": "на 10.10.2019", "redinitial": True},
        {"redid": 2, "reddate": "20240215", "redcaption": "на 15.02.2024 (№ 124 от 15.02.2024)", "redcompleted": True},
        {
            "redid": 3,
            "reddate": "20270301",
            "redcaption": "на 01.03.2027 (№ 246-ФЗ от 26.07.2026)",
            "redcompleted": False,
        },
    ]
    url = redactions_url("0001201910110003")
    response = TextResponse(
        url, body=json.dumps({"redactions": eds}, ensure_ascii=False).encode(), request=Request(url)
    )
    spider = RuPravoSpider()
    out = list(spider.parse_redactions(response, eo_number="0001201910110003", act_kind="decree"))
    requests = [o for o in out if isinstance(o, Request)]
    assert [r.url.split("t=")[1].split("&")[0] for r in requests] == ["2"]  # 1 initial, 3 text not ready yet
    assert len([o for o in out if isinstance(o, RelationItem)]) == 2 and len(of(out, EventItem)) == 3


def test_sozd_spider_seeds_and_single_bill():
    from crawler.spiders.ru_sozd import RuSozdSpider

    (req,) = list(RuSozdSpider().start_requests())  # the bill's RSS first: the card follows it
    assert req.url == "https://sozd.duma.gov.ru/bill/922869-7/rss"
    assert req.cb_kwargs == {"number": "922869-7", "law_eo": "0001202007310024"}
    (one,) = list(RuSozdSpider(bill_number="№ 1234567-8").start_requests())
    assert one.url.endswith("/bill/1234567-8/rss") and one.cb_kwargs == {"number": "1234567-8", "law_eo": None}
    body = (EX / "sozd_bill-922869-7_documented_example.html").read_bytes()
    card = Request("https://sozd.duma.gov.ru/bill/922869-7")
    response = HtmlResponse(card.url, body=body, request=card, encoding="utf-8")
    items = list(RuSozdSpider().parse_card(response, law_eo="0001202007310024"))
    assert len(of(items, EventItem)) == 4
