"""The world beyond the EU and Russia, tried as a new user would on the committed demo archive: the Korean AI Basic
Act at two points in time with the government's English translations, the Japanese AI Promotion Act with its
official English translation, PL 2338/2023 with its path through the Câmara, C-27 with its stages, the UK GDPR with
the effects that amend it, PIPEDA in English and French; `ailaw diff` of the Korean versions; search in each
language and by identifier."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ailaw import jobs
from tests.cli import subprocess_env

ROOT = Path(__file__).resolve().parent.parent.parent
WORLD_SPIDERS = ("br_camara", "ca_justice", "ca_legisinfo", "jp_egov", "kr_law", "uk_legislation")


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = subprocess_env(home)
    return subprocess.run([sys.executable, "-m", "ailaw.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)  # fmt: skip


def test_demo_runs_the_world_spiders_without_errors(demo_home):
    by_spider = {s.spider: s for s in demo_home["first"]}
    for name in WORLD_SPIDERS:
        assert by_spider[name].new_documents > 0, by_spider[name].line()
        assert by_spider[name].error_count == 0, by_spider[name].errors
    again = {s.spider: s for s in demo_home["second"]}
    assert all(again[name].new_versions == 0 for name in WORLD_SPIDERS)  # a replay adds nothing


def test_korean_ai_basic_act_has_two_versions_and_its_translations(in_demo_home):
    detail = jobs.show("kr/law/014820")
    korean = [v for v in detail.versions if v.language == "ko"]
    assert [(v.date, v.kind) for v in korean] == [(dt.date(2026, 1, 22), "edition"), (dt.date(2026, 7, 21), "edition")]
    translations = [v for v in detail.versions if v.kind == "translation"]
    assert {v.language for v in translations} == {"en"} and len(translations) == 2
    by_act = {v.ref: v for v in translations}
    assert by_act["kr/law/014820/21311"].original_id == korean[-1].id  # linked to the latest text of Act 21311
    assert by_act["kr/law/014820/20676"].original_id is None  # the enactment's Korean text is not in the demo
    assert all(v.provenance == "copied" and "EtonMu" in v.provenance_detail["recorded_by"] for v in detail.versions)
    assert detail.document.stage == "in-force" and detail.document.date_in_force == dt.date(2026, 1, 22)


def test_diff_of_the_korean_versions_names_the_changed_articles(in_demo_home):
    res = cli("diff", "kr/law/014820", "--format", "json", home=in_demo_home)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["from"]["date"] == "2026-01-22" and out["to"]["date"] == "2026-07-21"
    assert out["from"]["language"] == out["to"]["language"] == "ko"
    changed = {p["to"]["label"] if p["to"] else p["from"]["label"]: p["status"] for p in out["provisions"]
               if p["status"] != "unchanged"}  # fmt: skip
    assert changed["제17조의2"] == "inserted" and changed["제22조의3"] == "inserted"
    assert changed["제2조"] == changed["제3조"] == changed["제6조"] == changed["제35조"] == "changed"
    assert "Article 17-2 inserted" in out["summary"]["en"]
    assert set(out["overview"]) == {"en", "ru"}  # once also "ko", in English
    # and as Korean law cites them: 제N조의M 신설, 제N조제N항 개정
    assert {"제17조의2 신설", "제22조의3 신설", "제3조제5항 신설", "제35조제1항 개정"} <= set(out["summary"]["ko"])
    text = cli("diff", "kr/law/014820", home=in_demo_home)
    assert "Article 22-3 inserted · 제22조의3 신설" in text.stdout and "Article 3(5) inserted" in text.stdout
    korean = cli("diff", "kr/law/014820", "--lang", "ko", home=in_demo_home)
    assert "== 제17조의2 신설" in korean.stdout and "Article" not in korean.stdout.split("\n== ", 1)[1]


def test_a_korean_spacing_change_is_a_formatting_change_not_words(in_demo_home):
    # the addendum of Act 21065 only moves a space between the two editions: "제2조부터" -> "제2조 부터"
    out = json.loads(cli("diff", "kr/law/014820", "--format", "json", home=in_demo_home).stdout)
    (addendum,) = [p for p in out["provisions"] if p["to"] and p["to"]["label"].startswith("부칙(정부조직법)")]
    assert addendum["status"] == "formatting"
    assert addendum["words_inserted"] == addendum["words_deleted"] == 0
    assert addendum["summary"]["en"] == "addendum 21065: formatting change only (whitespace), no words changed"
    assert addendum["summary"]["ru"].endswith("изменено только форматирование (пробелы), слова не изменены")
    assert addendum["summary"]["ko"].endswith("띄어쓰기 등 형식만 변경")
    assert out["counts"]["formatting"] == 1 and "1 with formatting changes only" in out["overview"]["en"]
    text = cli("diff", "kr/law/014820", home=in_demo_home).stdout
    assert "== addendum 21065: formatting change only (whitespace), no words changed · " in text
    assert "2 words changed" not in text  # what it once said


def test_japanese_ai_promotion_act_with_its_english_translation(in_demo_home):
    detail = jobs.show("jp/law/507AC0000000053")
    assert detail.document.title == "人工知能関連技術の研究開発及び活用の推進に関する法律"
    ja = [v for v in detail.versions if v.language == "ja"]
    (en,) = [v for v in detail.versions if v.kind == "translation"]
    assert len(ja) == 1 and ja[0].date == dt.date(2025, 9, 1) and en.original_id == ja[0].id
    assert en.language == "en" and "only the Japanese text has legal effect" in en.notes[0]
    assert "Act No. 53 of 2025" in detail.document.aliases


def test_pl_2338_with_its_path_through_the_camara(in_demo_home):
    detail = jobs.show("br/bill/PL-2338-2023")
    assert detail.document.stage == "committee" and len(detail.events) == 382
    assert detail.events[0].date == dt.date(2025, 3, 17) and detail.events[-1].date == dt.date(2026, 6, 17)
    assert {"br/bill/PL-2968-2025", "br/bill/PL-4358-2025"} <= {r.target_id for r in detail.relations}


def test_c27_with_its_stages(in_demo_home):
    detail = jobs.show("ca/bill/44-1/C-27")
    assert detail.document.stage == "expired"
    stages = [(e.date, e.stage) for e in detail.events if e.stage in ("introduced", "second-reading")]
    assert stages[0] == (dt.date(2022, 6, 16), "introduced") and (dt.date(2023, 4, 24), "second-reading") in stages
    assert ("proposes-amendment-to", "ca/justice/P-8.6") in {(r.kind, r.target_id) for r in detail.relations}


def test_pipeda_in_english_and_french_is_one_document(in_demo_home):
    detail = jobs.show("ca/justice/P-8.6")
    assert sorted(v.language for v in detail.versions) == ["en", "fr"]
    assert len({v.ref for v in detail.versions}) == 1 and all(v.original_id is None for v in detail.versions)
    assert ("amendment-proposed-by", "ca/bill/44-1/C-27") in {(r.kind, r.target_id) for r in detail.relations}


def test_uk_gdpr_with_its_effects(in_demo_home):
    res = cli("show", "uk/legislation/eur/2016/679", "--json", home=in_demo_home)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    amended_by = {r["target_id"]: r for r in out["relations"] if r["kind"] == "amended-by"}
    assert set(amended_by) == {"uk/legislation/ukpga/2026/21", "uk/legislation/uksi/2026/386"}
    assert (
        amended_by["uk/legislation/ukpga/2026/21"]["detail"]["provisions"]
        == "Art. 8(2A)(2B) inserted; Art. 8ZA inserted"
    )
    assert any(e["date"] == "2026-04-29" and e["stage"] == "amended" for e in out["events"])


@pytest.mark.parametrize(("query", "expected"), [
    ("인공지능 기본법", "kr/law/014820"),
    ("고영향 인공지능", "kr/law/014820"),
    ("人工知能", "jp/law/507AC0000000053"),
    ("人工知能戦略本部", "jp/law/507AC0000000053"),
    ("inteligência artificial", "br/bill/PL-2338-2023"),
    ("inteligencia artificial", "br/bill/PL-2338-2023"),  # typed without the accent
    ("PL 2338/2023", "br/bill/PL-2338-2023"),
    ("PL nº 2.338, de 2023", "br/bill/PL-2338-2023"),
    ("C-27", "ca/bill/44-1/C-27"),
    ("Bill C-27", "ca/bill/44-1/C-27"),
    ("intelligence artificielle et les données", "ca/bill/44-1/C-27"),
    ("법률 제20676호", "kr/law/014820"),
    ("Act No. 21311", "kr/law/014820"),
    ("令和七年法律第五十三号", "jp/law/507AC0000000053"),
    ("Act No. 53 of 2025", "jp/law/507AC0000000053"),
])  # fmt: skip
def test_search_finds_each_act_in_its_language_and_by_identifier(in_demo_home, query, expected):
    hits = jobs.search(query, include_non_ai=True, limit=3).hits
    assert hits and hits[0].id == expected, [h.id for h in hits]


def test_parallel_language_versions_are_in_force_together_and_never_diffed_by_default(in_demo_home):
    rows = jobs.versions("ca/justice/P-8.6")["versions"]
    assert [(r["in_force_from"], r["in_force_until"]) for r in rows] == [("2026-03-26", None), ("2026-03-26", None)]
    res = cli("diff", "ca/justice/P-8.6", home=in_demo_home)
    assert res.returncode == 1 and "only one version in its language" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_diff_by_default_never_takes_a_translation(in_demo_home):
    res = cli("diff", "jp/law/507AC0000000053", home=in_demo_home)
    assert res.returncode == 1 and "only one version in its language" in res.stderr  # one Japanese text, one English


def test_ai_basic_act_finds_the_korean_act_through_the_concept_table_and_says_so(in_demo_home):
    """ "AI basic act" is a concept of the thesaurus whose Korean label is law.go.kr's short name 인공지능기본법: the
    Korean act comes first and says it was found through the concept (its English translation has the words
    scattered, never "AI basic act" as a unit)."""
    hits = jobs.search("AI basic act", include_non_ai=True, limit=5).hits
    assert hits[0].id == "kr/law/014820", [h.id for h in hits]
    assert {v.concept for v in hits[0].via} == {"ai-framework-act"}
    res = cli("search", "AI basic act", home=in_demo_home)
    assert res.returncode == 0, res.stderr
    korean = res.stdout.split("kr/law/014820", 1)[1].split("\n 2. ", 1)[0]
    assert "via concept: AI basic act ↔" in korean
    exact = jobs.search("AI basic act", include_non_ai=True, limit=5, exact=True).hits
    assert not any(h.via for h in exact)


def test_high_risk_ai_finds_the_korean_and_brazilian_texts_on_the_concept(in_demo_home):
    """The Korean act calls its high-risk category 고영향 인공지능 (제2조제4호), PL 2338/2023 «sistema de IA de alto
    risco» (art. 14): "high-risk AI" finds both through the concept, below the texts that say "high-risk AI"."""
    hits = jobs.search("high-risk AI", include_non_ai=True, limit=10).hits
    ids = [h.id for h in hits]
    assert ids[0] == "eu/celex/32024R1689" and {"kr/law/014820", "br/bill/PL-2338-2023"} <= set(ids), ids
    korean, brazilian = hits[ids.index("kr/law/014820")], hits[ids.index("br/bill/PL-2338-2023")]
    assert [(v.concept, v.matched_label, v.matched_lang) for v in korean.via] == [
        ("high-risk-ai-system", "고영향 인공지능", "ko")
    ]
    assert [(v.concept, v.matched_lang) for v in brazilian.via] == [("high-risk-ai-system", "pt")]
    assert korean.via[0].close and not brazilian.via[0].close  # 고영향 is "high-impact": the nearest counterpart
    res = cli("search", "high-risk AI", home=in_demo_home)
    assert "via concept: high-risk AI ≈ 고영향 인공지능" in res.stdout


def test_an_exact_equivalent_ranks_above_a_close_counterpart(in_demo_home):
    """«системы ИИ высокого риска» has no Russian text: the AI Act, which says "high-risk AI system", ranks above
    the Korean act, which has only its counterpart 고영향 인공지능; each document found through a concept scores by
    the label it has, not the best label any document has."""
    hits = jobs.search("системы ИИ высокого риска", include_non_ai=True, limit=10).hits
    ids = [h.id for h in hits]
    assert ids.index("eu/celex/32024R1689") < ids.index("kr/law/014820"), ids
    via_scores = [h.score for h in hits if h.via]
    assert len(set(via_scores)) == len(via_scores)  # no two documents found through the concept score alike
    assert "jp/law/507AC0000000053" not in ids  # the Japanese act has no risk category: nothing to find


def test_pl_2338_text_as_the_senate_approved_it_is_searchable(in_demo_home):
    """The demo imports the Senate's autograph of PL 2338/2023 (a third party's extraction, converted): a version
    marked imported, split into articles; Portuguese queries find its provisions, other languages reach it through
    the thesaurus."""
    detail = jobs.show("br/bill/PL-2338-2023")
    (version,) = detail.versions
    assert version.provenance == "imported" and version.language == "pt" and version.date == dt.date(2025, 1, 31)
    assert "por terceiro" in version.label and len([p for p in version.provisions if p["kind"] == "article"]) == 79
    hit = jobs.search("sistema de IA de alto risco", include_non_ai=True, limit=3).hits[0]
    assert hit.id == "br/bill/PL-2338-2023" and not hit.via
    hit = jobs.search("avaliação de impacto algorítmico", include_non_ai=True, limit=3).hits[0]
    assert hit.id == "br/bill/PL-2338-2023" and "Art. 4º, XVI" in {p.label for p in hit.provisions}
    korean = jobs.search("영향평가", include_non_ai=True, limit=5).hits
    assert "br/bill/PL-2338-2023" in {h.id for h in korean if h.via}  # 제35조's 영향평가 ↔ avaliação de impacto


def test_a_search_listing_the_korean_act_does_not_wait_for_the_korean_engine(in_demo_home):
    """The highlights of the Korean texts and titles come from what indexing kept (cache/cjk-pieces.sqlite): a new
    process searching "AI Act" lists the Korean act and its enforcement decree with their highlights without loading
    Kiwi (seconds to load, and seconds for its first words: the search took 7 s before)."""
    code = ("import sys, json; from search.query import search; r = search('AI Act'); "
            "print(json.dumps({'engines': [m for m in ('kiwipiepy', 'sudachipy', 'rjieba') if m in sys.modules], "
            "'hits': {h.id: h.highlights for h in r.hits}}))")  # fmt: skip
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(in_demo_home),
                         cwd=ROOT, timeout=300)  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    korean = {doc_id: marks for doc_id, marks in out["hits"].items() if doc_id.startswith("kr/")}
    assert "kr/law/014820" in korean and all(korean.values()), korean
    assert out["engines"] == []
    assert (in_demo_home / "cache" / "cjk-pieces.sqlite").exists()
