"""The Korean and Japanese text splitters on the recorded texts: a plain text of a law gives the articles its
structured XML gives (an imported copy of a law is compared with the crawled one article by article)."""

from __future__ import annotations

from pathlib import Path

from crawler.parsers import jp_law, kr_law
from store.items import VersionItem
from texts.split import split_provisions, tradition_for

EX = Path(__file__).resolve().parents[1] / "examples"


def _version(parser, name, **kw):
    return next(
        i for i in parser((EX / name).read_bytes(), url="https://example.invalid/x", **kw) if isinstance(i, VersionItem)
    )


def test_korean_plain_text_splits_into_the_articles_of_the_xml():
    v = _version(
        kr_law.parse_law_service, "kr/kr_lawgokr_DRF_lawService_eflaw_MST282791_efYd20260721_AI-Basic-Act_trimmed.xml"
    )
    from_text = split_provisions(v.text, jurisdiction="KR", language="ko")
    articles = [p.key for p in v.provisions if p.kind == "article"]
    assert [p.key for p in from_text if p.kind == "article"] == articles
    by_key = {p.key: p for p in from_text}
    assert by_key["art_17-2"].label == "제17조의2" and by_key["art_17-2"].heading.startswith("인공지능제품")
    assert by_key["art_3.par_5"].label == "제3조제5항"


def test_japanese_plain_text_splits_into_the_articles_of_the_xml():
    v = _version(
        jp_law.parse_law_file, "jp/jp_egov-api-v2_law_file_xml_507AC0000000053_AI-Promotion-Act_asof-2026-07-20.xml"
    )
    from_text = split_provisions(v.text, jurisdiction="JP", language="ja")
    main = [p.key for p in v.provisions if p.kind == "article" and not p.key.startswith("suppl")]
    assert [p.key for p in from_text if p.kind == "article" and not p.key.startswith("suppl")] == main
    first = next(p for p in from_text if p.key == "art_1")
    assert (first.label, first.heading, first.parent) == ("第一条", "目的", "ch_1")


def test_traditions_by_jurisdiction_and_language():
    assert tradition_for(jurisdiction="KR", language="ko") == "kr"
    assert tradition_for(jurisdiction="KR", language="en") == "eu"  # the English translation reads as "Article N"
    assert tradition_for(jurisdiction=None, language="ja") == "jp"


def test_brazilian_bill_splits_into_its_chapters_articles_paragraphs_and_incisos():
    """PL 2338/2023 as the Senate approved it (the committed conversion of a third party's extraction of the
    autograph): 12 chapters, 79 articles (the official numbering has no Art. 31), labels as Brazilian law cites them."""
    text = (EX / "br" / "pl2338-2023_senate-autograph_converted.txt").read_text(encoding="utf-8")
    assert tradition_for(jurisdiction="BR", language="pt") == "br"
    provisions = split_provisions(text, jurisdiction="BR", language="pt")
    by_key = {p.key: p for p in provisions}
    articles = [p.number for p in provisions if p.kind == "article"]
    assert len(articles) == 79 and articles[:3] == ["1", "2", "3"] and "31" not in articles and articles[-1] == "80"
    assert len([p for p in provisions if p.kind == "chapter"]) == 12 and not any("~" in p.key for p in provisions)
    assert by_key["ch_3.sec_3"].heading == "Do Alto Risco" and by_key["art_14"].parent == "ch_3"
    assert by_key["art_4.item_16"].label == "Art. 4º, XVI"
    assert by_key["art_4.item_16"].text.startswith("XVI – avaliação de impacto algorítmico: análise do impacto")
    assert by_key["art_25.par_1"].label == "Art. 25, § 1º" and "alto risco" in by_key["art_25.par_1"].text
    assert by_key["art_26.par_u"].label == "Art. 26, parágrafo único"
    assert by_key["art_26.par_u.item_2"].label == "Art. 26, parágrafo único, II"
    # an article's text holds its paragraphs and incisos; a paragraph's, its own incisos
    assert by_key["art_26.par_u.item_2"].text in by_key["art_26.par_u"].text in by_key["art_26"].text
