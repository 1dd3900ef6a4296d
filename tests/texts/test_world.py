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
