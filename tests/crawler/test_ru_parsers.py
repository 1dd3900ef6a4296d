"""Hand assertions on the legal fields of the Russian examples, beside the bulk comparison of test_examples."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crawler.parsers.ru_duma import parse_search
from crawler.parsers.ru_ebpi import caption_act, parse_redactions, parse_redtext
from crawler.parsers.ru_pravo import parse_documents
from store.items import DocumentItem, EventItem, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind

EX = Path(__file__).resolve().parent.parent / "examples" / "ru"
CT_JSON = "application/json; charset=utf-8"
ROOT = EX.parent.parent.parent


def run(name: str):
    meta = json.loads((EX / f"{name}.meta.json").read_text(encoding="utf-8"))
    from tests.crawler.examples import load_parser

    return list(load_parser(meta["parser"])((EX / name).read_bytes(), url=meta["url"], **meta.get("kwargs", {})))


def docs(items):
    return {i.doc_id: i for i in items if isinstance(i, DocumentItem)}


# --- publication.pravo.gov.ru ------------------------------------------------------------------------------------
def test_pravo_real_page_28r():
    items = docs(run("pravo-publication_api-Documents_search.json"))
    assert len(items) == 10
    d = items["ru/pravo/0001202601170001"]
    assert d.identifiers == {
        "eo_number": "0001202601170001", "number": "28-р", "publication_id": "b3a57779-71e3-4111-a270-85215dfc98fc",
        "act_ref": "ru/act/government-order/2026-01-17/28-р",  # type + date + number: how others cite it
    }  # fmt: skip
    # a regional government's resolution of the same kind gets no ref: refs name federal acts
    assert "act_ref" not in items["ru/pravo/2800202601170005"].identifiers
    assert d.doc_type == DocType.GOVERNMENT_ORDER and d.stage == Stage.PUBLISHED
    assert d.date_adopted == dt.date(2026, 1, 17) and d.date_published == dt.date(2026, 1, 17)
    assert "№ 28-р" in d.aliases and "28-р" in d.aliases and "Распоряжение № 28-р от 17.01.2026" in d.aliases
    assert d.title.startswith('Распоряжение Правительства Российской Федерации от 17.01.2026 № 28-р "О присвоении')
    assert "\n" not in d.title and "<br" not in d.title
    assert d.url == "http://publication.pravo.gov.ru/document/0001202601170001"
    assert "as a PDF only" in d.notes[0] and "file/pdf?eoNumber=0001202601170001" in d.notes[0]
    assert "not stored as text" not in d.notes[0]  # an edition of actual.pravo.gov.ru may give the text


def test_pravo_real_page_says_nothing_about_ai():
    """The real sample is not about AI: nothing the parser adds (notes, aliases, extra) may suggest it."""
    for d in docs(run("pravo-publication_api-Documents_search.json")).values():
        added = " ".join(d.notes + d.aliases + [json.dumps(d.extra, ensure_ascii=False)]).lower()
        for term in ("интеллект", "artificial", " ai ", "нейросет", "machine learning"):
            assert term not in added
        assert d.ai_relevant is None


def test_pravo_decree_490():
    d = docs(run("pravo-publication_api-Documents_ai-search_documented_example.json"))["ru/pravo/0001201910110003"]
    assert d.title == (
        'Указ Президента Российской Федерации от 10.10.2019 № 490 "О развитии искусственного интеллекта в '
        'Российской Федерации"'
    )
    assert d.doc_type == DocType.DECREE
    assert d.identifiers["number"] == "490" and d.identifiers["eo_number"] == "0001201910110003"
    assert d.date_adopted == dt.date(2019, 10, 10) and d.date_published == dt.date(2019, 10, 11)
    assert "Указ № 490 от 10.10.2019" in d.aliases and "№ 490" in d.aliases


def test_pravo_error_body_and_malformed_json():
    (failure,) = run("pravo-publication_api-Categories_error-no-block.json")
    assert isinstance(failure, ParseFailure)
    assert failure.reason.endswith("Ошибки валидации: 'Block Code' не должно быть пусто.")
    (bad,) = parse_documents(b'{"items": [', url="http://publication.pravo.gov.ru/api/Documents")
    assert isinstance(bad, ParseFailure) and "not valid JSON" in bad.reason


# --- State Duma API ---------------------------------------------------------------------------------------------
def test_duma_rejected_and_withdrawn_bills():
    items = run("duma-api_search_sort-last_event_date_page1.json")
    d = docs(items)
    events = {e.doc_id: e for e in items if isinstance(e, EventItem)}
    rej = d["ru/duma/481943-6"]
    assert rej.stage == Stage.REJECTED and rej.url == "https://sozd.duma.gov.ru/bill/481943-6"
    assert rej.stage_raw == (
        "Рассмотрение законопроекта в первом чтении — Рассмотрение законопроекта Государственной Думой — "
        "отклонить законопроект"
    )
    ev = events["ru/duma/481943-6"]
    assert ev.date == dt.date(2016, 2, 19) and ev.reference == "8358-6 ГД" and ev.stage == Stage.REJECTED
    assert d["ru/duma/7902-3"].stage == Stage.WITHDRAWN and events["ru/duma/7902-3"].date == dt.date(2013, 9, 19)
    assert d["ru/duma/7886-3"].stage == Stage.REJECTED and events["ru/duma/7886-3"].reference == "2358-6 ГД"
    first = d["ru/duma/149922-8"]
    assert first.stage == Stage.INTRODUCED and first.date_introduced == dt.date(2022, 6, 23)
    assert first.identifiers == {"bill_number": "149922-8", "duma_id": "34456"}
    assert first.aliases == ["149922-8", "№ 149922-8", "законопроект № 149922-8"]
    assert first.subjects == ["Правительство РФ"] and first.doc_type == DocType.BILL


def test_duma_empty_and_ai_bill():
    assert run("duma-api_search_empty-result.json") == []
    (bill,) = run("duma-api_search_number-922869-7_documented_example.json")
    assert bill.doc_id == "ru/duma/922869-7" and bill.stage is None and bill.date_introduced is None
    assert bill.title == "Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации"
    (bad,) = parse_search(b'{"message": "invalid token"}', url="http://api.duma.gov.ru/api/x/search.json")
    assert isinstance(bad, ParseFailure) and "invalid token" in bad.reason


# --- ЕБПИ -------------------------------------------------------------------------------------------------------
def test_ebpi_redactions_amended_by_decree_124():
    items = run("ebpi_redactions_decree-490_documented_example.json")
    (rel,) = [i for i in items if isinstance(i, RelationItem)]
    assert rel.kind == RelationKind.AMENDED_BY and rel.detail["status"] == "действующая"
    assert rel.doc_id == "ru/pravo/0001201910110003" and rel.target_label == "№ 124 от 15.02.2024"
    assert rel.date == dt.date(2024, 2, 15) and rel.detail["edition_label"] == "Редакция от 15.02.2024 (№ 124)"
    assert caption_act("199. на 01.03.2027 (№ 246-ФЗ от 26.07.2026), не вступившая в силу редакция") == (
        "246-ФЗ", "26.07.2026",
    )  # fmt: skip


def test_ebpi_redtext_2024_edition():
    (v,) = run("ebpi_redtext_decree-490-2024_documented_example.json")
    assert isinstance(v, VersionItem) and v.kind == VersionKind.EDITION
    assert v.label == "Редакция от 15.02.2024 (№ 124)" and v.date == dt.date(2024, 2, 15) and v.language == "ru"
    assert any("enacting points" in n for n in v.notes)
    points = [p.number for p in v.provisions if p.kind == "point"]
    assert points == [str(n) for n in range(1, 51)]
    assert [p.number for p in v.provisions if p.kind == "section"] == ["I", "II", "III", "IV", "V"]
    assert any(p.key == "p_5.к" and "большие генеративные модели" in p.text for p in v.provisions)
    # the reconstructed edition holds the real text word for word (only line breaks joined)
    source = (EX / "ru_decree-490_strategy_2024-edition_pdf-extract.txt").read_text(encoding="utf-8")
    assert "".join(v.text.split()) == "".join(source.split())


def test_ebpi_editions_listed_with_status_and_effective_date():
    events = [i for i in run("ebpi_redactions_decree-490_documented_example.json") if isinstance(i, EventItem)]
    assert [(e.date, e.stage) for e in events] == [
        (dt.date(2019, 10, 10), Stage.IN_FORCE),  # the initial edition: listed, no relation, no text
        (dt.date(2024, 2, 15), Stage.AMENDED),
    ]
    assert "утратившая силу" in events[0].raw and "действующая" in events[1].raw
    assert events[1].reference == "№ 124 от 15.02.2024"


def test_ebpi_not_yet_in_force_edition_by_a_federal_law():
    body = json.dumps({"redactions": [{
        "redid": 7, "reddate": "20270301", "redstatus": "не вступившая", "redinitial": False, "redcompleted": False,
        "redcaption": "199. на 01.03.2027 (№ 246-ФЗ от 26.07.2026), не вступившая в силу редакция",
    }]}, ensure_ascii=False).encode()  # fmt: skip
    url = "http://actual.pravo.gov.ru:8000/api/ebpi/redactions/?bpa=ebpi&t=%7B%22pnum%22%3A%220001202607260003%22%7D"
    event, rel = parse_redactions(body, url=url)
    assert event.stage == Stage.AMENDED and event.date == dt.date(2027, 3, 1) and "не вступившая в силу" in event.raw
    assert rel.target_id == "ru/act/federal-law/2026-07-26/246-ФЗ"  # type + date + number
    assert rel.detail["status"] == "не вступившая в силу" and rel.detail["text_ready"] is False


@pytest.mark.parametrize("body", [b"", b"{}", b'{"error": "not found"}', b'{"redtext": ""}'])
def test_ebpi_bad_bodies(body):
    url = "http://actual.pravo.gov.ru:8000/api/ebpi/redtext?bpa=ebpi&t=1&ttl=0"
    (failure,) = parse_redtext(body, url=url, eo_number="0001201910110003")
    assert isinstance(failure, ParseFailure)
    assert all(isinstance(i, ParseFailure) for i in parse_redactions(body or b"[", url=url))


# --- demo manifest and spider URLs --------------------------------------------------------------------------------
def test_manifest_entries_are_well_formed():
    entries = json.loads((ROOT / "demo" / "records" / "ru" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["reconstructed"] for e in entries} == {True, False}
    for e in entries:
        assert (ROOT / e["file"]).is_file(), e["file"]
        assert e["status"] == 200
        assert e["content_type"] == ("text/html; charset=utf-8" if e["file"].endswith(".html") else CT_JSON)
        if e["reconstructed"]:
            assert e["note"].startswith("Reconstructed in the") and "not a recorded response" in e["note"]
        if "api.duma.gov.ru" in e["url"]:
            assert "/api/{token}/" in e["url"] and "app_token={app_token}" in e["url"]


def test_spiders_request_exactly_the_manifest_urls_in_replay():
    from scrapy.settings import Settings

    from crawler.archive import url_key
    from crawler.spiders.ru_duma import RuDumaSpider
    from crawler.spiders.ru_pravo import RuPravoSpider
    from crawler.spiders.ru_regulation import RuRegulationSpider
    from crawler.spiders.ru_sozd import RuSozdSpider

    requested = set()
    for cls in (RuPravoSpider, RuDumaSpider, RuSozdSpider, RuRegulationSpider):
        spider = cls()
        spider.settings = Settings({"AILAW_REPLAY": "demo.warc.gz"})
        # SOZD reads a bill's RSS first (optional: the demo archive has none), then its card
        requested |= {url_key(r.url.removesuffix("/rss")) for r in spider.start_requests()}
    # the ЕБПИ chain: redactions -> redtext URL taken from the edition
    (rel,) = [i for i in run("ebpi_redactions_decree-490_documented_example.json") if isinstance(i, RelationItem)]
    requested.add(url_key(rel.detail["redtext_url"]))
    entries = json.loads((ROOT / "demo" / "records" / "ru" / "manifest.json").read_text(encoding="utf-8"))
    wanted = {url_key(e["url"]) for e in entries if "name=" not in e["url"]}  # name=суд is a sample, not a seed
    assert wanted <= requested, wanted - requested
