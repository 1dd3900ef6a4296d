"""Provisions as passages: cited by their official numbers, replaced when a newer version arrives, and citations
in queries read as lawyers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from search.citations import find_citations
from search.passages import passages
from store.reference.numbering import Numbering, listed_texts


@pytest.mark.parametrize(
    ("query", "keys", "rest"),
    [
        ("Article 50 AI Act", ["art:50"], "AI Act"),
        ("Art. 50(1)", ["art:50/par:1"], ""),
        ("art 5(1)(a)", ["art:5/par:1/pt:a"], ""),
        ("point (h) of Article 5(1)", ["art:5/par:1/pt:h"], ""),
        ("Article 3, point (60)", ["art:3/pt:60"], ""),
        ("Annex III", ["anx:iii"], ""),
        ("Recital (12) GDPR", ["rct:12"], "GDPR"),
        ("Art. 4º PL 2338/2023", ["art:4"], "PL 2338/2023"),  # once left "º" behind, "ignored" as a common word
        ("art. 1° da Lei", ["art:1"], "da Lei"),
        ("ст. 5", ["art:5"], ""),
        ("статья 6, часть 2 258-ФЗ", ["art:6/par:2"], "258-ФЗ"),
        ("пункт 3 части 2 статьи 6", ["art:6/par:2/pt:3"], ""),
        ("п. 2.1 указа 490", ["pt:2.1"], "указа 490"),
        ("пункт 51.14", ["pt:51.14"], ""),
        ("подпункт «а» пункта 51.14", ["pt:51.14/item:а"], ""),
        ("제35조", ["art:35"], ""),  # Korean law's "Article 35"
        ("인공지능 기본법 제35조", ["art:35"], "인공지능 기본법"),
        ("제35조 인공지능 기본법", ["art:35"], "인공지능 기본법"),
        ("제28조제1항제2호", ["art:28/par:1/pt:2"], ""),
        ("제17조의2", ["art:17-2"], ""),
        ("第五条", ["art:5"], ""),  # Japanese and Chinese "Article 5"
        ("第五条 生成式人工智能服务管理暂行办法", ["art:5"], "生成式人工智能服务管理暂行办法"),
        (
            "人工知能関連技術の研究開発及び活用の推進に関する法律第十八条第二項",
            ["art:18/par:2"],
            "人工知能関連技術の研究開発及び活用の推進に関する法律",
        ),
        ("第二十二条第（三）项", ["art:22/pt:3"], ""),
        ("第5条", ["art:5"], ""),
        ('"Article 50" transparency', [], '"Article 50" transparency'),  # quoted: words, not a citation
        ("artificial intelligence", [], "artificial intelligence"),
    ],
)
def test_citations_as_lawyers_write_them(query, keys, rest):
    cites, left = find_citations(query)
    assert [c.keys[0] for c in cites] == keys
    assert left == rest


@pytest.mark.parametrize(
    ("query", "prefer"),
    [("제35조", ("ko",)), ("第五条", ("ja", "zh", "ko")), ("第5条", ("ja", "zh", "ko")), ("Article 35", ("en",)),
     ("Art. 35 AI Basic Act", ("en",)), ("ст. 5", ("ru",))],
)  # fmt: skip
def test_a_citations_script_names_the_text_it_cites(query, prefer):
    assert find_citations(query)[0][0].prefer == prefer


RU = [
    {"key": "p_40", "kind": "point", "number": "40", "label": "40.", "parent": None, "heading": None,
     "text": "40. Основными направлениями являются:"},
    {"key": "p_40.а", "kind": "item", "number": "а", "label": "а)", "parent": "p_40", "heading": None,
     "text": "а) укрепление позиций;"},
    {"key": "p_41", "kind": "point", "number": "41", "label": "41.", "parent": None, "heading": None,
     "text": "41. Основными направлениями сопровождения являются:"},
    {"key": "p_41.а", "kind": "item", "number": "а", "label": "а)", "parent": "p_41", "heading": None,
     "text": "а) мероприятия по поддержке внедрения;"},
]  # fmt: skip


def test_a_text_with_official_numbers_is_cited_by_them():
    got = [(p.key, p.label, p.cites, p.official) for p in passages(RU, language="ru")]
    assert got == [
        ("p_40", "пункт 40", ("pt:40",), True),
        ("p_40.а", "пункт 40, подпункт «а»", ("pt:40/item:а",), True),
        ("p_41", "пункт 41", ("pt:41",), True),
        ("p_41.а", "пункт 41, подпункт «а»", ("pt:41/item:а",), True),
    ]


def test_a_renumbering_extract_is_cited_only_where_the_official_number_is_known():
    extract = Numbering(official=False, mapped={"p_41": "51.14"})
    got = [(p.key, p.label, p.cites, p.official) for p in passages(RU, language="ru", numbering=extract)]
    assert got == [
        ("p_40", "пункт 40 (нумерация этого текста, не официальная)", (), False),
        ("p_40.а", "пункт 40, подпункт «а» (нумерация этого текста, не официальная)", (), False),
        ("p_41", "пункт 51.14 (в этом тексте — пункт 41)", ("pt:51.14",), True),
        ("p_41.а", "пункт 51.14, подпункт «а» (в этом тексте — пункт 41, подпункт «а»)", ("pt:51.14/item:а",), True),
    ]


def test_listed_renumbering_texts_are_stored_texts(in_demo_home):
    """numbering.toml names texts by document and SHA-256: each must still be a stored version (else the
    extract's own numbers would be shown as official again)."""
    from sqlmodel import select

    from store.db import session_scope
    from store.models import Version

    with session_scope() as session:
        stored = set(session.exec(select(Version.document_id, Version.sha256)).all())
    assert listed_texts() and set(listed_texts()) <= stored


def _cited(query: str, doc_id: str):
    from search.query import search

    hit = next(h for h in search(query, limit=10).hits if h.id == doc_id)
    return [p for p in hit.provisions if p.cited]


@pytest.mark.parametrize(
    ("query", "doc_id", "label", "said"),
    [
        ("제35조", "kr/law/014820", "제35조", "고영향 인공지능 영향평가"),
        ("인공지능 기본법 제35조", "kr/law/014820", "제35조", "<mark>인공</mark><mark>지능</mark>"),
        ("제17조의2", "kr/law/014820", "제17조의2", "이용비용의 지원"),
        ("第五条", "jp/law/507AC0000000053", "第五条", "地方公共団体の責務"),
        ("人工知能関連技術の研究開発及び活用の推進に関する法律 第五条", "jp/law/507AC0000000053", "第五条",
         "<mark>人工</mark><mark>知能</mark>"),
        ("第五条", "kr/law/014820", "제5조", "다른 법률과의 관계"),  # no 第五条: the Korean original, not the English
        ("Article 35 AI Basic Act", "kr/law/014820", "Article 35", "Impact assessment"),
        ("the Korean AI Basic Act Article 35", "kr/law/014820", "Article 35", "Impact assessment"),
        ("Article 5", "jp/law/507AC0000000053", "Article 5", "Responsibilities of Local Governments"),
        ("第五条 生成式人工智能服务管理暂行办法", "cn/cac/c_1690898327029107", "第五条", "鼓励"),
    ],
)  # fmt: skip
def test_a_citation_names_the_provision_of_the_text_in_its_script(in_demo_home, query, doc_id, label, said):
    """An act stored in its original and the government's English translation: 제35조 is the Korean text's article,
    第五条 the Japanese text's, "Article 35" the English translation's, each shown with its own words."""
    cited = _cited(query, doc_id)
    assert [p.label for p in cited] == [label]
    assert said in " ".join(cited[0].highlights)


def test_a_newer_version_replaces_the_passages(store):
    """Only the current version of a document has passages: a newer one replaces them at the next index run."""
    from search.indexer import index_new, open_passages
    from search.query import search
    from store.crud import add_version
    from store.db import session_scope
    from store.items import Provision, VersionItem
    from store.vocab import VersionKind

    index = store / "index"
    with session_scope() as session:
        index_new(session=session, index_dir=index)
    with open_passages(index).searcher() as s:
        before = {r["prov_key"] for r in s.documents(doc_id="eu/celex/32024R1689")}
    assert before == {"txt_1"}  # the fixture's text has no provisions: split as one text
    text = "Article 6\nClassification rules\n1. A high-risk system is a safety component.\n2. Annex III lists more."
    provisions = [
        Provision(key="art_6", kind="article", number="6", label="Article 6", heading="Classification rules",
                  text="Article 6\nClassification rules"),
        Provision(key="art_6.par_1", kind="paragraph", number="1", label="Article 6(1)", parent="art_6",
                  text="1. A high-risk system is a safety component."),
        Provision(key="art_6.par_2", kind="paragraph", number="2", label="Article 6(2)", parent="art_6",
                  text="2. Annex III lists more."),
    ]  # fmt: skip
    with session_scope() as session:
        add_version(session=session, item=VersionItem(
            doc_id="eu/celex/32024R1689", label="consolidated", kind=VersionKind.CONSOLIDATED, date=dt.date(2026, 1, 1),
            language="en", text=text, provisions=provisions, source_url="https://eur-lex.europa.eu/y"))  # fmt: skip
    with session_scope() as session:  # the change log numbers the new version when it is committed
        index_new(session=session, index_dir=index)
    with open_passages(index).searcher() as s:
        after = {r["prov_key"] for r in s.documents(doc_id="eu/celex/32024R1689")}
    assert after == {"art_6", "art_6.par_1", "art_6.par_2"}
    hit = search("Article 6(2)", index_dir=index).hits[0]
    assert (hit.id, hit.provisions[0].label) == ("eu/celex/32024R1689", "Article 6(2)")


def test_a_colorado_section_keeps_its_crs_citation():
    """A session law's C.R.S. sections are cited as Colorado cites them, not as EU-style articles."""
    co = [
        {"key": "sec_1", "kind": "section", "number": "1", "label": "Section 1", "parent": None, "heading": None,
         "text": "SECTION 1. In Colorado Revised Statutes, add part 17 to article 1 of title 6 as follows:"},
        {"key": "sec_1.crs_6-1-1701", "kind": "article", "number": "6-1-1701", "label": "C.R.S. 6-1-1701",
         "parent": "sec_1", "heading": "Definitions.", "text": "6-1-1701. Definitions. AS USED IN THIS PART 17:"},
        {"key": "sec_1.crs_6-1-1701.sub_1", "kind": "paragraph", "number": "1", "label": "C.R.S. 6-1-1701(1)",
         "parent": "sec_1.crs_6-1-1701", "heading": None, "text": "(1) \"ALGORITHMIC DISCRIMINATION\" MEANS"},
    ]  # fmt: skip
    got = {p.key: (p.label, p.cites) for p in passages(co, language="en")}
    assert got["sec_1.crs_6-1-1701"] == ("C.R.S. 6-1-1701", ("art:6-1-1701",))
    assert got["sec_1.crs_6-1-1701.sub_1"] == ("C.R.S. 6-1-1701(1)", ("art:6-1-1701/par:1",))
