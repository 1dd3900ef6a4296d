"""The foundation issue's "done when", tried as a new user would, on the committed demo archive."""

from __future__ import annotations

from ailaw import jobs
from tests.cli import run_cli


def test_demo_stores_documents_from_every_source(demo_home):
    by_spider = {s.spider: s for s in demo_home["first"]}
    assert set(by_spider) >= {"eu_cellar", "ru_pravo", "ru_duma"}
    for summary in by_spider.values():
        assert summary.new_documents > 0, summary.line()
        assert summary.error_count == 0, summary.errors
    assert by_spider["eu_cellar"].new_versions >= 3  # AI Act, DSA, DMA as published (+ consolidated GDPR)


def test_second_replay_makes_no_new_version_and_reports_everything_unchanged(demo_home):
    for summary in demo_home["second"]:
        assert summary.new_versions == 0, summary.line()
        assert summary.new_documents == 0, summary.line()
        assert summary.updated_documents == 0, summary.line()
        assert summary.unchanged == summary.items, summary.line()
        assert summary.items + summary.unchanged_responses > 0  # recognised unchanged, most before being parsed


def test_ai_act_has_proposal_corrigenda_and_amending_act(in_demo_home):
    detail = jobs.show("eu/celex/32024R1689")
    rel = {(r.kind, r.target_id) for r in detail.relations}
    assert ("adopts", "eu/celex/52021PC0206") in rel
    for n in range(1, 5):
        assert ("corrected-by", f"eu/celex/32024R1689R(0{n})") in rel
    assert ("amended-by", "eu/celex/32026R1744") in rel
    assert ("amendment-proposed-by", "eu/celex/52025PC0836") in rel
    assert any(k == "consolidated-by" for k, _ in rel)
    assert detail.document.ai_relevant is True
    assert detail.versions and detail.versions[0].archive_record_id
    assert detail.versions[0].reconstructed is False


def test_english_search_puts_the_ai_act_first(in_demo_home):
    result = jobs.search("high-risk AI systems")
    assert result.hits[0].id == "eu/celex/32024R1689"


def test_russian_inflected_query_returns_russian_documents(in_demo_home):
    result = jobs.search("искусственному интеллекту")
    ids = [h.id for h in result.hits]
    assert ids and all(i.startswith("ru/") for i in ids[:3]), ids
    assert "ru/pravo/0001201910110003" in ids


def test_non_ai_russian_documents_are_classified_out(in_demo_home):
    detail = jobs.show("ru/pravo/0001202601170001")  # Распоряжение № 28-р on civil-service ranks
    assert detail.document.ai_relevant is False
    default = [h.id for h in jobs.search("классных чинов").hits]
    assert "ru/pravo/0001202601170001" not in default
    everything = [h.id for h in jobs.search("классных чинов", include_non_ai=True).hits]
    assert "ru/pravo/0001202601170001" in everything


def test_reconstructed_documents_say_so(in_demo_home):
    detail = jobs.show("ru/pravo/0001201910110003")
    assert detail.document.reconstructed is True
    assert any(v.reconstructed for v in detail.versions)


def test_identifier_lookups(in_demo_home):
    assert jobs.search("№ 490").hits[0].id == "ru/pravo/0001201910110003"
    assert jobs.search("2024/1689").hits[0].id == "eu/celex/32024R1689"
    assert jobs.search("32024R1689").hits[0].id == "eu/celex/32024R1689"


def test_every_demo_version_says_who_recorded_it_never_fetched_by_ailaw(in_demo_home):
    """The demo archive holds copies of third parties' recordings and reconstructions: none is ailaw's own fetch,
    each keeps its own recorder and date (when known), and nothing unknown is filled in with the archive's date."""
    act = {v.source_url: v for v in jobs.show("eu/celex/32024R1689").versions}
    oj = act["https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689"]
    assert oj.provenance == "copied"
    assert oj.provenance_detail["recorded_by"].startswith("maastrichtlawtech/eur-lex-visualiser @ 4a2b5e2b")
    assert oj.provenance_detail["recorded_at"] == "2025-11-03" and oj.fetched_at.date().isoformat() == "2025-11-03"
    dsa = jobs.show("eu/celex/32022R2065").versions[0]
    assert dsa.provenance == "copied" and "recorded_at" not in dsa.provenance_detail and dsa.fetched_at is None
    decree = jobs.show("ru/pravo/0001201910110003").versions
    assert decree and all(v.provenance == "reconstructed" and v.fetched_at is None for v in decree)
    assert all("not a recorded response" in v.provenance_detail["note"] for v in decree)
    from sqlmodel import select

    from store.db import session_scope
    from store.models import Version

    with session_scope() as s:
        found = {v.provenance for v in s.exec(select(Version)).all()}
        assert "fetched" not in found and found <= {"copied", "reconstructed", "documented", "imported", "ocr"}


def test_a_query_naming_the_gdpr_shows_it_with_the_cited_article(in_demo_home, monkeypatch, capsys):
    for query in ("Art. 22 GDPR", "GDPR Article 22"):
        code, out, _ = run_cli(monkeypatch, capsys, "search", query)
        assert code == 0 and "1 result(s)" in out and "add --all" not in out
        assert out.splitlines()[2].strip().startswith("eu/celex/32016R0679") and "→ Article 22" in out
    code, out, _ = run_cli(monkeypatch, capsys, "search", "GDPR fines")
    assert code == 0 and "0 result(s)" in out and "1 more matching document(s) not about AI are hidden" in out
