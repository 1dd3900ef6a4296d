"""Hand assertions for the EU parsers and spider: the fields with legal meaning, the rule tables (one case per
line), the WAF page and damaged notices. The bulk output is compared in test_examples.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crawler.parsers.eu_cellar import (
    AMENDMENT_ROLES,
    act_label,
    doc_type_from_celex,
    event_actor,
    event_stage,
    parse_branch_notice,
    provision_from_location,
)
from crawler.parsers.eu_xhtml import parse_consolidated, parse_oj_act, sentence_case_act_heading
from crawler.parsers.waf import WAF_REASON, is_waf_challenge
from store.items import DocumentItem, EventItem, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind

ROOT = Path(__file__).resolve().parents[2]
EU = ROOT / "tests" / "examples" / "eu"
NOTICE = EU / "cellar_branch_notice_32024R1689_AI_Act_eng.xml"
AI_ACT = EU / "32024R1689_EN_AI_Act_OJ_cellar.xhtml"
DSA = EU / "32022R2065_EN_DSA_OJ_cellar.xhtml"
DMA = EU / "32022R1925_EN_DMA_OJ_cellar.xhtml"
GDPR_CONS = EU / "02016R0679-20160504_EN_cellar_consolidated.xhtml"
WAF = EU / "eurlex_aws_waf_challenge.html"
NOTICE_URL = "https://publications.europa.eu/resource/cellar/dc8116a1-3fe6-11ef-865a-01aa75ed71a1?language=eng"
AI_URL = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689"
D = dt.date


@pytest.fixture(scope="module")
def notice_items():
    return list(parse_branch_notice(NOTICE.read_bytes(), url=NOTICE_URL, celex="32024R1689"))


@pytest.fixture(scope="module")
def act(notice_items):
    docs = [i for i in notice_items if isinstance(i, DocumentItem) and i.doc_id == "eu/celex/32024R1689"]
    assert len(docs) == 1
    return docs[0]


@pytest.fixture(scope="module")
def relations(notice_items):
    return [i for i in notice_items if isinstance(i, RelationItem)]


def _targets(relations, kind):
    return sorted(r.target_id.removeprefix("eu/celex/") for r in relations if r.kind == kind)


@pytest.fixture(scope="module")
def ai_version():
    items = list(parse_oj_act(AI_ACT.read_bytes(), url=AI_URL, celex="32024R1689"))
    assert [type(i) for i in items] == [DocumentItem, VersionItem]
    return items[1]


# --------------------------------------------------------------------------------------------- branch notice


def test_notice_document_identity(act):
    assert act.source == "eu_cellar" and act.jurisdiction == "EU"
    assert act.doc_type == DocType.REGULATION
    assert act.title.startswith(
        "Regulation (EU) 2024/1689 of the European Parliament and of the Council of 13 June 2024"
    )
    assert act.identifiers == {
        "celex": "32024R1689",
        "eli": "reg/2024/1689/oj",
        "oj": "L_202401689",
        "cellar": "dc8116a1-3fe6-11ef-865a-01aa75ed71a1",
        "procedure": "2021/0106(COD)",
    }
    assert {"2024/1689", "Regulation (EU) 2024/1689", "Artificial Intelligence Act"} <= set(act.aliases)
    assert "AI Act" not in act.aliases  # the notice never says "AI Act"
    assert act.url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689"


def test_notice_dates(act):
    assert act.date_published == D(2024, 7, 12)
    assert act.date_in_force == D(2024, 8, 1)
    assert act.date_adopted == D(2024, 6, 13)  # the date of the act, as in its title (signature)
    assert [a["date"] for a in act.extra["dates_of_application"]] == [
        "2025-02-02",
        "2025-08-02",
        "2026-08-02",
        "2027-08-02",
    ]
    assert act.extra["in_force"] is True
    assert "end_of_validity" not in act.extra  # 9999-12-31 means open-ended


def test_notice_stage_and_subjects(act):
    assert act.stage == Stage.IN_FORCE
    assert act.stage_raw == "RESOURCE_LEGAL_IN-FORCE true"
    assert "artificial intelligence" in act.subjects
    assert act.extra["eurovoc"]["3030"] == "artificial intelligence"
    assert act.ai_relevant is True


def test_notice_adopts_the_commission_proposal(relations):
    assert _targets(relations, RelationKind.ADOPTS) == ["52021PC0206"]
    rel = next(r for r in relations if r.kind == RelationKind.ADOPTS)
    assert rel.detail["com"] == "COM(2021) 206"


def test_notice_four_corrigenda_with_dates_and_languages(relations):
    assert _targets(relations, RelationKind.CORRECTED_BY) == [f"32024R1689R(0{n})" for n in (1, 2, 3, 4)]
    by = {r.target_id: r for r in relations if r.kind == RelationKind.CORRECTED_BY}
    assert by["eu/celex/32024R1689R(01)"].date == D(2025, 10, 9)
    assert by["eu/celex/32024R1689R(01)"].detail["eli"] == "reg/2024/1689/corrigendum/2025-10-09/oj"
    assert by["eu/celex/32024R1689R(02)"].date == D(2025, 12, 19)
    assert by["eu/celex/32024R1689R(03)"].detail["languages"] == ["CS"]
    assert by["eu/celex/32024R1689R(04)"].detail["languages"] == ["ES", "NL"]
    assert all("EN" not in r.detail["languages"] for r in by.values())


def test_notice_amended_by_digital_omnibus_with_provisions(relations):
    assert _targets(relations, RelationKind.AMENDED_BY) == ["32026R1744"]
    rel = next(r for r in relations if r.kind == RelationKind.AMENDED_BY)
    assert rel.target_label == "Regulation (EU) 2026/1744"
    assert rel.date == D(2026, 7, 27)
    provs = rel.detail["provisions"]
    assert len(provs) == 88
    art97 = next(p for p in provs if p["provision"] == "Article 97(6)")
    assert art97["action"] == "replaced" and art97["valid_from"] == "2026-07-27" and art97["key"] == "art_97.par_6"
    assert {"provision": "Article 4a", "action": "inserted"}.items() <= next(
        p for p in provs if p["provision"] == "Article 4a"
    ).items()
    assert {p["action"] for p in provs} == {"replaced", "inserted", "deleted"}
    assert sum(p["action"] == "deleted" for p in provs) == 4


def test_notice_pending_amending_proposals(relations):
    assert _targets(relations, RelationKind.AMENDMENT_PROPOSED_BY) == ["52025PC0836", "52025PC1023"]


def test_notice_consolidated_versions_grouped_per_celex(relations, act):
    assert _targets(relations, RelationKind.CONSOLIDATED_BY) == ["02024R1689-20240712"]
    rel = next(r for r in relations if r.kind == RelationKind.CONSOLIDATED_BY)
    assert rel.date == D(2024, 7, 12)
    assert len(rel.detail["consolidations"]) == 5  # the base consolidation + 4 language-specific ones
    assert len(rel.detail["language_specific"]) == 4
    # consolidations of the acts the AI Act amends are not versions of the AI Act
    assert "02013R0168-20260802" in act.extra["consolidations_of_amended_acts"]


def test_notice_amends_and_legal_basis(relations):
    assert "32013R0168" in _targets(relations, RelationKind.AMENDS)
    assert len(_targets(relations, RelationKind.AMENDS)) == 9
    assert _targets(relations, RelationKind.BASED_ON) == ["12016E016", "12016E114"]


def test_notice_procedure_events(notice_items):
    events = [i for i in notice_items if isinstance(i, EventItem)]
    procedure = [e for e in events if e.stage != Stage.IN_FORCE]
    assert len(procedure) == 35
    got = {(e.date, e.raw): e for e in events}
    assert got[(D(2021, 4, 22), "ADP_byCOM")].stage == Stage.PROPOSED
    assert got[(D(2021, 4, 22), "ADP_byCOM")].reference == "COM(2021)206 final"
    assert got[(D(2022, 12, 6), "ADP_APPRGEN_byCONSIL")].stage == Stage.COMMITTEE
    assert got[(D(2023, 6, 14), "AMEND_byEP")].stage == Stage.FIRST_READING
    assert got[(D(2024, 3, 13), "VOTE_byEP")].stage == Stage.FIRST_READING
    assert got[(D(2024, 5, 21), "APR_R1_byCONSIL")].stage == Stage.ADOPTED
    assert got[(D(2024, 5, 21), "APR_R1_byCONSIL")].actor == "Council of the European Union"
    assert got[(D(2024, 6, 13), "SIGN_byEP_CONSIL")].stage == Stage.SIGNED
    assert got[(D(2024, 7, 12), "PUB_OJ")].stage == Stage.PUBLISHED
    in_force = [e for e in events if e.stage == Stage.IN_FORCE]
    assert [e.date for e in in_force] == [D(2024, 8, 1)]


def test_notice_minimal_related_documents(notice_items):
    docs = {i.doc_id: i for i in notice_items if isinstance(i, DocumentItem)}
    assert set(docs) == {"eu/celex/32024R1689", "eu/celex/52021PC0206", "eu/celex/32026R1744"}
    proposal = docs["eu/celex/52021PC0206"]
    assert proposal.doc_type == DocType.PROPOSAL and proposal.date_introduced == D(2021, 4, 22)
    assert "known from the notice of 32024R1689" in proposal.notes
    assert docs["eu/celex/32026R1744"].identifiers["eli"] == "reg/2026/1744/oj"


def test_truncated_notice_is_one_failure():
    body = NOTICE.read_bytes()
    items = list(parse_branch_notice(body[: len(body) // 2], url=NOTICE_URL))
    assert len(items) == 1 and isinstance(items[0], ParseFailure)
    assert items[0].reason.startswith("The Cellar notice is not well-formed XML")
    assert items[0].url == NOTICE_URL


@pytest.mark.parametrize(
    "body",
    [b"", b"<html><body>Service unavailable</body></html>", b'<?xml version="1.0"?><NOTICE/>'],
    ids=["empty", "html", "no-work"],
)
def test_not_a_notice_is_one_failure(body):
    items = list(parse_branch_notice(body, url=NOTICE_URL))
    assert len(items) == 1 and isinstance(items[0], ParseFailure)


# --------------------------------------------------------------------------------------------- rule tables


# fmt: off
@pytest.mark.parametrize(("code", "stage"), [
    ("ADP_byCOM", Stage.PROPOSED),
    ("ADP_PROPLEG_byCOM", Stage.PROPOSED),
    ("REF_OF_byEP", Stage.COMMITTEE),
    ("OPI_R1_byEP_CMT", Stage.COMMITTEE),
    ("REP_R1_byEP_CMT", Stage.COMMITTEE),
    ("ADP_REP_byEP_CMT", Stage.COMMITTEE),
    ("ADP_APPRGEN_byCONSIL", Stage.COMMITTEE),
    ("REF_toCMT_NGTINST_byEP_PLEN", Stage.COMMITTEE),
    ("TABLING_toEP_PLENARY", Stage.FIRST_READING),
    ("DEBATE_byEP", Stage.FIRST_READING),
    ("AMEND_byEP", Stage.FIRST_READING),  # the EP is no "lower house": its plenary votes are its reading
    ("AMEND_R1_byEP", Stage.FIRST_READING),
    ("VOTE_byEP", Stage.FIRST_READING),
    ("ADP_R1_POS_byEP", Stage.FIRST_READING),  # the 2013/0449 dossier tree notice
    ("OPI_R1_byEP", Stage.FIRST_READING),
    ("ENDORSE_AGRPROV_COREPER_byCONSIL", Stage.AGREED),
    ("APR_AGRPROV_CONSIL_byEP_CMT", Stage.AGREED),
    ("APR_R1_byCONSIL", Stage.ADOPTED),
    ("SIGN_byEP_CONSIL", Stage.SIGNED),
    ("PUB_OJ", Stage.PUBLISHED),
    ("OPI_byEESC", Stage.OTHER),
    ("OPI_byCOR", Stage.OTHER),
    ("OPI_byECB", Stage.OTHER),
    ("DIS_byCONSIL", Stage.OTHER),
    ("SOMETHING_NEW", Stage.OTHER),
])
def test_event_stage_rule(code, stage):
    assert event_stage(code) == stage


@pytest.mark.parametrize(("code", "actor"), [
    ("ADP_byCOM", "European Commission"),
    ("APR_R1_byCONSIL", "Council of the European Union"),
    ("VOTE_byEP", "European Parliament"),
    ("REF_toCMT_NGTINST_byEP_PLEN", "European Parliament"),
    ("TABLING_toEP_PLENARY", "European Parliament"),
    ("OPI_R1_byEP_CMT", "European Parliament committee"),
    ("SIGN_byEP_CONSIL", "European Parliament and Council"),
    ("OPI_byEESC", "European Economic and Social Committee"),
    ("OPI_byCOR", "European Committee of the Regions"),
    ("OPI_byECB", "European Central Bank"),
    ("PUB_OJ", "Publications Office of the European Union"),
    ("SOMETHING_NEW", None),
])
def test_event_actor_rule(code, actor):
    assert event_actor(code) == actor


@pytest.mark.parametrize(("role", "action"), [
    ("R", "replaced"),
    ("J", "inserted"),
    ("DEL", "deleted"),
])
def test_amendment_role_rule(role, action):
    assert AMENDMENT_ROLES[role] == action


@pytest.mark.parametrize(("raw", "provision", "key"), [
    ("{AR|x} 97 {PA|x} 6", "Article 97(6)", "art_97.par_6"),
    ("{AR|x} 4a", "Article 4a", "art_4a"),
    ("{AR|x} 77 {TIT|x}", "Article 77, title", None),
    ("{AR|x} 40 {PA|x} 2 {ALN|x}", "Article 40(2), subparagraph", None),
    ("{AR|x} 113 {PA|x} 3 {PTA|x} (c)", "Article 113(3), point (c)", "art_113.par_3.pt_c"),
    ("{AR|x} 3 {PO|x} 14b", "Article 3, point 14b", "art_3.pt_14b"),
    ("{AN|x} XIV", "Annex XIV", "anx_XIV"),
    ("{AN|x} I {SCT|x} A {PO|x} 1", "Annex I, Section A, point 1", None),
])
def test_modified_location_rule(raw, provision, key):
    assert provision_from_location(raw) == (provision, key)


@pytest.mark.parametrize(("celex", "doc_type"), [
    ("32024R1689", DocType.REGULATION),
    ("32024L2853", DocType.DIRECTIVE),
    ("32023D1234", DocType.DECISION),
    ("52021PC0206", DocType.PROPOSAL),
    ("32024R1689R(01)", DocType.CORRIGENDUM),
    ("02024R1689-20240712", DocType.CONSOLIDATED),
    ("62012FJ0157", DocType.OTHER),
])
def test_doc_type_from_celex_rule(celex, doc_type):
    assert doc_type_from_celex(celex) == doc_type


@pytest.mark.parametrize(("celex", "label"), [
    ("32026R1744", "Regulation (EU) 2026/1744"),
    ("32016L0797", "Directive (EU) 2016/797"),
    ("32013R0168", "Regulation No 168/2013"),
    ("52025PC0836", "COM(2025) 836"),
    ("12016E114", None),
])
def test_act_label_rule(celex, label):
    assert act_label(celex) == label
# fmt: on


def test_sentence_case_act_heading():
    assert (
        sentence_case_act_heading("REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL")
        == "Regulation (EU) 2024/1689 of the European Parliament and of the Council"
    )


# --------------------------------------------------------------------------------------------- OJ XHTML


def test_ai_act_structure(ai_version):
    provs = {p.key: p for p in ai_version.provisions}
    assert len(provs) == len(ai_version.provisions), "provision keys are unique"
    kinds = [p.kind for p in ai_version.provisions]
    assert kinds.count("article") == 113
    assert kinds.count("annex") == 13
    assert kinds.count("recital") == 180
    assert kinds.count("chapter") == 13
    art5 = provs["art_5"]
    assert (art5.label, art5.heading, art5.parent) == ("Article 5", "Prohibited AI practices", "cpt_II")
    assert provs["art_5.par_1"].parent == "art_5" and provs["art_5.par_1"].label == "Article 5(1)"
    assert provs["art_5.par_1.pt_a"].text.startswith("(a) the placing on the market")
    assert provs["cpt_III.sct_1"].parent == "cpt_III"
    assert provs["anx_III"].heading == "High-risk AI systems referred to in Article 6(2)"
    assert provs["rct_1"].text.startswith("(1) The purpose of this Regulation")


def test_ai_act_version(ai_version):
    assert ai_version.kind == VersionKind.ORIGINAL
    assert ai_version.label == "OJ L 2024/1689, 12.7.2024"
    assert ai_version.date == D(2024, 7, 12) and ai_version.language == "en"
    assert "high-risk AI systems" in ai_version.text
    assert "\n\nArticle 5\n\nProhibited AI practices\n\n" in ai_version.text
    assert "ruxitagent" not in ai_version.text and "dtconfig" not in ai_version.text


def test_dynatrace_script_does_not_change_the_version(ai_version):
    body = AI_ACT.read_bytes().replace(b"rid=RID_519241830", b"rid=RID_1").replace(b"ICA7NVfqrux", b"OTHERAGENT")
    again = list(parse_oj_act(body, url=AI_URL, celex="32024R1689"))[1]
    assert again.text == ai_version.text and again.provisions == ai_version.provisions


def test_ai_act_document_from_xhtml():
    doc = next(iter(parse_oj_act(AI_ACT.read_bytes(), url=AI_URL)))  # celex read from the URL
    assert doc.doc_id == "eu/celex/32024R1689"
    assert doc.date_published == D(2024, 7, 12) and doc.date_adopted == D(2024, 6, 13)
    assert "Artificial Intelligence Act" in doc.aliases


@pytest.mark.parametrize(
    ("path", "celex", "label", "articles"),
    [
        (DSA, "32022R2065", "OJ L 277, 27.10.2022, p. 1", 93),
        (DMA, "32022R1925", "OJ L 265, 12.10.2022, p. 1", 54),
    ],
)
def test_older_oj_layout(path, celex, label, articles):
    doc, version = parse_oj_act(
        path.read_bytes(), url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:{celex}"
    )
    assert doc.doc_id == f"eu/celex/{celex}"
    assert version.label == label
    assert sum(p.kind == "article" for p in version.provisions) == articles


def test_dma_unnumbered_annex():
    version = list(parse_oj_act(DMA.read_bytes(), url="x", celex="32022R1925"))[1]
    annex = [p for p in version.provisions if p.kind == "annex"]
    assert [(p.key, p.label) for p in annex] == [("anx_1", "ANNEX")]


# --------------------------------------------------------------------------------------------- consolidated


def test_gdpr_consolidated():
    doc, version = parse_consolidated(
        GDPR_CONS.read_bytes(), url="https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:02016R0679-20160504"
    )
    assert doc.doc_id == version.doc_id == "eu/celex/32016R0679"
    assert "General Data Protection Regulation" in doc.aliases
    assert version.kind == VersionKind.CONSOLIDATED
    assert version.label == "Consolidated text 02016R0679-20160504"
    assert version.date == D(2016, 5, 4)
    provs = {p.key: p for p in version.provisions}
    assert sum(p.kind == "article" for p in version.provisions) == 99
    assert provs["art_5"].heading == "Principles relating to processing of personal data"
    assert provs["art_5.par_1.pt_a"].label == "Article 5(1), point (a)"
    assert "▼B" not in version.text
    assert any("no legal effect" in n for n in version.notes)


def test_oj_page_given_to_consolidated_parser_is_one_failure():
    items = list(parse_consolidated(DMA.read_bytes(), url="x"))
    assert len(items) == 1 and isinstance(items[0], ParseFailure)


# --------------------------------------------------------------------------------------------- WAF


def test_waf_page_is_recognised():
    assert is_waf_challenge(WAF.read_bytes())
    for path in (NOTICE, AI_ACT, DSA, DMA, GDPR_CONS):
        assert not is_waf_challenge(path.read_bytes()), path.name


@pytest.mark.parametrize("parser", [parse_branch_notice, parse_oj_act, parse_consolidated])
def test_every_eu_parser_fails_once_on_the_waf_page(parser):
    items = list(parser(WAF.read_bytes(), url=AI_URL))
    assert items == [ParseFailure(url=AI_URL, reason=WAF_REASON, kind="waf")]


# --------------------------------------------------------------------------------------------- spider


# fmt: off
@pytest.mark.parametrize(("url", "kwargs"), [
    ("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689", {"celex": "32024R1689"}),
    ("https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX%3A32022R2065", {"celex": "32022R2065"}),
    ("https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:02016R0679-20160504", {"celex": "02016R0679-20160504"}),
    ("http://data.europa.eu/eli/reg/2024/1689/oj", {"celex": "32024R1689"}),
    ("https://eur-lex.europa.eu/eli/dir/2002/58/2009-12-19/eng", {"celex": "02002L0058-20091219"}),
    ("http://publications.europa.eu/resource/celex/32016R0679", {"celex": "32016R0679"}),
    ("https://publications.europa.eu/resource/cellar/dc8116a1-3fe6-11ef-865a-01aa75ed71a1?language=eng", {"celex": "32024R1689"}),
    ("https://publications.europa.eu/resource/cellar/e0649735-a372-11eb-9585-01aa75ed71a1", {"cellar": "e0649735-a372-11eb-9585-01aa75ed71a1"}),
    ("https://eur-lex.europa.eu/procedure/EN/2021_106", None),
    ("https://example.org/?uri=CELEX:32024R1689", None),
])
def test_spider_from_url(url, kwargs):
    from crawler.spiders.eu_cellar import EuCellarSpider

    assert EuCellarSpider.from_url(url) == kwargs
# fmt: on


def test_spider_default_requests_and_demo_manifest():
    from crawler.spiders.eu_cellar import EuCellarSpider

    spider = EuCellarSpider()
    requests = list(spider.start_requests())
    urls = [r.url for r in requests]
    assert urls[:2] == [NOTICE_URL, AI_URL]
    assert all(r.meta.get("celex") for r in requests)
    notices = [r for r in requests if "publications.europa.eu" in r.url]
    assert all(r.headers.get("Accept") == b"application/xml;notice=branch" for r in notices)
    assert "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:02016R0679-20160504" in urls
    manifest = json.loads((ROOT / "demo" / "records" / "eu" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        assert entry["url"] in urls, entry["url"]
        assert (ROOT / entry["file"]).is_file(), entry["file"]
        assert entry["reconstructed"] is False and entry["status"] == 200


def test_spider_follows_consolidated_versions_from_the_notice():
    from scrapy.http import Request, TextResponse

    from crawler.spiders.eu_cellar import EuCellarSpider

    spider = EuCellarSpider(celex="32024R1689")
    request = Request(NOTICE_URL, meta={"celex": "32024R1689"})
    response = TextResponse(NOTICE_URL, body=NOTICE.read_bytes(), request=request, encoding="utf-8")
    out = list(spider.parse_notice(response))
    followed = [r.url for r in out if isinstance(r, Request)]
    assert followed == ["https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:02024R1689-20240712"]
    assert any(isinstance(i, DocumentItem) for i in out)
    assert not spider.errors


def test_spider_records_a_waf_page_as_an_error():
    from scrapy.http import Request, TextResponse

    from crawler.spiders.eu_cellar import EuCellarSpider

    spider = EuCellarSpider(celex="32024R1689")
    response = TextResponse(
        AI_URL, body=WAF.read_bytes(), request=Request(AI_URL, meta={"celex": "32024R1689"}), encoding="utf-8"
    )
    assert list(spider.parse_act_text(response)) == []
    assert [e["message"] for e in spider.errors] == [WAF_REASON]


def test_spider_rejects_a_bad_celex_argument():
    from crawler.spiders.eu_cellar import EuCellarSpider

    with pytest.raises(ValueError, match="not a CELEX"):
        EuCellarSpider(celex="2024/1689")
