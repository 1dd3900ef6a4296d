"""Hand assertions for the parsers of the UK, Canada, Brazil, Korea and Japan: the fields with legal meaning (ids,
stages, dates, the amending act, the translation's ref), the rule tables one case per line, and damaged input.
The bulk output is compared in test_examples.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crawler.parsers import br_camara, ca_justice, ca_legisinfo, cn_cac, jp_law, kr_law, uk_bills, uk_legislation
from store.items import DocumentItem, EventItem, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind
from texts.jp import kanji

EX = Path(__file__).resolve().parents[1] / "examples"
D = dt.date


def items(parser, path: str, url: str = "https://example.invalid/x", **kw):
    return list(parser((EX / path).read_bytes(), url=url, **kw))


def of(kind, found):
    return [i for i in found if isinstance(i, kind)]


# ------------------------------------------------------------------------------------------------------ Korea


def test_korean_search_index_names_the_law_its_acts_and_dates():
    found = items(kr_law.parse_law_search, "kr/kr_lawgokr_DRF_lawSearch_eflaw_AI-Basic-Act_2026-07-20.xml")
    act = next(d for d in of(DocumentItem, found) if d.doc_id == "kr/law/014820")
    assert act.title == "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"
    assert act.doc_type == DocType.ACT and act.stage == Stage.IN_FORCE and act.stage_raw == "현행"
    assert act.date_published == D(2025, 1, 21) and act.date_in_force == D(2026, 1, 22)  # Act No. 20676
    assert {"법률 제20676호", "법률 제21065호", "법률 제21311호", "인공지능기본법"} <= set(act.aliases)
    decree = next(d for d in of(DocumentItem, found) if d.doc_id == "kr/law/015032")
    assert decree.doc_type == DocType.DECREE and "대통령령 제36053호" in decree.aliases
    events = {(e.date, e.stage, e.raw) for e in of(EventItem, found) if e.doc_id == "kr/law/014820"}
    assert (D(2025, 1, 21), Stage.PUBLISHED, "법률 제20676호 제정 공포") in events
    assert (D(2025, 10, 1), Stage.AMENDED, "법률 제21065호 타법개정 공포") in events
    assert (D(2026, 7, 21), Stage.IN_FORCE, "법률 제21311호 시행") in events


def test_korean_text_is_split_into_articles_as_korean_law_cites_them():
    found = items(
        kr_law.parse_law_service, "kr/kr_lawgokr_DRF_lawService_eflaw_MST282791_efYd20260721_AI-Basic-Act_trimmed.xml"
    )
    (version,) = of(VersionItem, found)
    assert version.date == D(2026, 7, 21) and version.language == "ko" and version.kind == VersionKind.EDITION
    assert version.ref == "kr/law/014820/21311"
    by_key = {p.key: p for p in version.provisions}
    assert by_key["art_17-2"].label == "제17조의2" and by_key["art_17-2"].heading.startswith(
        "인공지능제품 및 인공지능서비스"
    )
    assert by_key["art_3.par_5"].label == "제3조제5항" and by_key["art_3.par_5"].text.startswith("⑤")
    assert by_key["art_16.par_2.item_2-2"].label == "제16조제2항제2호의2"
    assert by_key["art_2.item_4"].text.startswith('4. "고영향 인공지능"이란')
    assert [p.key for p in version.provisions if p.kind == "addendum"] == ["add_20676", "add_21065", "add_21311"]
    assert "<개정 2026.1.20>" in by_key["art_2"].text  # the source's amendment marks are kept


def test_korean_phases_differ_in_the_articles_act_21311_phased_in():
    early = of(
        VersionItem,
        items(
            kr_law.parse_law_service,
            "kr/kr_lawgokr_DRF_lawService_eflaw_MST282791_efYd20260122_AI-Basic-Act_trimmed.xml",
        ),
    )[0]
    late = of(
        VersionItem,
        items(
            kr_law.parse_law_service,
            "kr/kr_lawgokr_DRF_lawService_eflaw_MST282791_efYd20260721_AI-Basic-Act_trimmed.xml",
        ),
    )[0]
    assert early.date == D(2026, 1, 22) and early.ref == late.ref
    assert "art_17-2" not in {p.key for p in early.provisions} and "art_17-2" in {p.key for p in late.provisions}


def test_korean_english_translation_is_a_translation_with_the_acts_ref():
    found = items(
        kr_law.parse_law_service, "kr/kr_lawgokr_DRF_lawService_elaw_MST282791_AI-Basic-Act-en_Act21311_trimmed.xml"
    )
    assert not of(DocumentItem, found)  # the English file never renames the Korean document
    (version,) = of(VersionItem, found)
    assert version.kind == VersionKind.TRANSLATION and version.language == "en"
    assert version.ref == "kr/law/014820/21311" and version.date == D(2026, 1, 20)
    assert "only the Korean text is authoritative" in version.notes[0]
    assert {p.key for p in version.provisions} >= {"art_1", "art_17-2", "art_18", "ch_1"}


@pytest.mark.parametrize(("raw", "stage"), [
    ("제정", Stage.PUBLISHED),
    ("일부개정", Stage.AMENDED),
    ("전부개정", Stage.AMENDED),
    ("타법개정", Stage.AMENDED),
    ("폐지", Stage.REPEALED),
    ("타법폐지", Stage.REPEALED),
])  # fmt: skip
def test_korean_revision_kinds(raw, stage):
    assert kr_law.revision_stage(raw) == stage


# ------------------------------------------------------------------------------------------------------ Japan


def test_japanese_revision_history():
    found = items(jp_law.parse_law_revisions, "jp/jp_egov-api-v2_law_revisions_507AC0000000053_2026-07-20.json")
    (doc,) = of(DocumentItem, found)
    assert (
        doc.doc_id == "jp/law/507AC0000000053" and doc.title == "人工知能関連技術の研究開発及び活用の推進に関する法律"
    )
    assert doc.stage == Stage.IN_FORCE and doc.date_published == D(2025, 6, 4) and doc.date_in_force == D(2025, 6, 4)
    assert {"令和七年法律第五十三号", "AI法", "Act No. 53 of 2025"} <= set(doc.aliases)
    in_force = sorted(e.date for e in of(EventItem, found) if e.stage == Stage.IN_FORCE)
    assert in_force == [D(2025, 6, 4), D(2025, 9, 1)]  # in force in two steps


def test_japanese_law_text_and_official_translation_share_a_ref():
    ja = of(
        VersionItem,
        items(
            jp_law.parse_law_file,
            "jp/jp_egov-api-v2_law_file_xml_507AC0000000053_AI-Promotion-Act_asof-2026-07-20.xml",
            revision_id="507AC0000000053_20250901_000000000000000",
            enforced="2025-09-01",
        ),
    )[0]
    en_items = items(
        jp_law.parse_translation,
        "jp/jp_japaneselawtranslation_5066_AI-Promotion-Act_en_r07Aa000530105en18.0.xml",
        title="人工知能関連技術の研究開発及び活用の推進に関する法律",
    )
    en = of(VersionItem, en_items)[0]
    assert ja.language == "ja" and ja.date == D(2025, 9, 1) and ja.kind == VersionKind.EDITION
    assert en.kind == VersionKind.TRANSLATION and en.language == "en" and en.ref == ja.ref == "jp/law/507AC0000000053"
    assert en.date == D(2025, 6, 4)
    by_key = {p.key: p for p in ja.provisions}
    assert by_key["art_1"].label == "第一条" and by_key["art_1"].heading == "目的" and by_key["art_1"].parent == "ch_1"
    assert {p.key for p in en.provisions} >= {"art_1", "art_28", "suppl"}
    (doc,) = of(DocumentItem, en_items)
    assert doc.title == "人工知能関連技術の研究開発及び活用の推進に関する法律"  # the English file never renames it
    assert (
        "Act on Promotion of Research and Development, and Utilization of Artificial Intelligence-related Technology"
        in doc.aliases
    )


def test_japanese_law_ids_and_numbers():
    assert jp_law.law_id_from("Reiwa", "07", "Act", "053") == "507AC0000000053"
    assert kanji(53) == "五十三" and kanji(130) == "百三十" and kanji(7) == "七"


# ----------------------------------------------------------------------------------------------------- Brazil


def test_pl_2338_document():
    (doc,) = items(br_camara.parse_proposicao, "br/camara-api-v2_proposicoes_2487262_PL-2338-2023_2026-07-20.json")
    assert doc.doc_id == "br/bill/PL-2338-2023" and doc.identifiers["camara_id"] == "2487262"
    assert doc.stage == Stage.COMMITTEE and doc.stage_raw.startswith("Aguardando Parecer")
    assert doc.date_introduced is None  # presented in the Câmara in 2025: it came from the Senado
    assert "inteligência artificial" in doc.summary and "PL 2338/2023" in doc.aliases
    assert "letramento algorítmico" in doc.subjects


def test_pl_2338_path_through_the_camara():
    found = items(
        br_camara.parse_tramitacoes,
        "br/camara-api-v2_proposicoes_2487262_tramitacoes_2026-07-20_trimmed.json",
        bill="PL 2338/2023",
    )
    events = of(EventItem, found)
    assert len(events) == 20 and all(e.date for e in events)
    assert (events[0].date, events[0].stage, events[0].actor) == (D(2025, 3, 17), Stage.INTRODUCED, "MESA")
    assert events[0].raw.startswith("Recebimento: Recebido o Ofício nº 235/ 2025 do Senado Federal")
    rapporteur = next(e for e in events if e.raw.startswith("Designação de Relator(a)"))
    assert rapporteur.stage == Stage.COMMITTEE and "Aguinaldo Ribeiro" in rapporteur.raw
    attached = {r.target_id for r in of(RelationItem, found)}
    assert {"br/bill/PL-2968-2025", "br/bill/PL-2983-2025"} <= attached


@pytest.mark.parametrize(("description", "organ", "stage"), [
    ("Apresentação de Proposição", "PLEN", Stage.INTRODUCED),
    ("Recebimento", "MESA", Stage.INTRODUCED),
    ("Recebimento", "PL233823", Stage.COMMITTEE),
    ("Distribuição", "MESA", Stage.COMMITTEE),
    ("Designação de Relator(a)", "PL233823", Stage.COMMITTEE),
    ("Apresentação de Requerimento", "PL233823", Stage.COMMITTEE),
    ("Aprovação de Requerimento", "PLEN", Stage.OTHER),
    ("Notificação de Apensação", "MESA", Stage.OTHER),
    ("Transformado em Norma Jurídica", "PLEN", Stage.ADOPTED),
])  # fmt: skip
def test_camara_steps(description, organ, stage):
    assert br_camara.step_stage(description, organ) == stage


# ----------------------------------------------------------------------------------------------------- Canada


def test_c27_stages_in_both_languages_and_its_end():
    found = items(ca_legisinfo.parse_bill, "ca/ca_legisinfo_bill_44-1_c-27_json_2026-07-20.json")
    doc = of(DocumentItem, found)[0]
    assert doc.doc_id == "ca/bill/44-1/C-27" and doc.title == "Bill C-27: Digital Charter Implementation Act, 2022"
    assert doc.stage == Stage.EXPIRED and "died on the Order Paper" in doc.stage_raw
    assert doc.date_introduced == D(2022, 6, 16) and doc.date_adopted is None
    assert "Artificial Intelligence and Data Act" in doc.summary and "intelligence artificielle" in doc.summary
    events = of(EventItem, found)
    first = next(e for e in events if e.stage == Stage.INTRODUCED)
    assert first.date == D(2022, 6, 16) and first.raw == "Introduction and first reading / Dépôt et première lecture"
    vote = next(e for e in events if "division No. 301" in e.raw)
    assert vote.date == D(2023, 4, 24) and "yeas 203" in vote.raw and "Partie 3" in vote.raw
    assert sum(e.stage == Stage.COMMITTEE for e in events) >= 30  # INDU meetings


def test_justice_laws_en_and_fr_are_one_document_in_two_languages():
    en_items = items(ca_justice.parse_statute, "ca/ca_justice_laws_eng_acts_P-8.6_PIPEDA_trimmed.xml")
    fr_items = items(
        ca_justice.parse_statute,
        "ca/ca_justice_laws_fra_lois_P-8.6_LPRPDE_trimmed.xml",
        title="Personal Information Protection and Electronic Documents Act",
    )
    en_doc, fr_doc = of(DocumentItem, en_items)[0], of(DocumentItem, fr_items)[0]
    assert en_doc.doc_id == fr_doc.doc_id == "ca/justice/P-8.6" and fr_doc.title == en_doc.title
    assert "Loi sur la protection des renseignements personnels et les documents électroniques" in fr_doc.aliases
    en, fr = of(VersionItem, en_items)[0], of(VersionItem, fr_items)[0]
    assert (en.language, fr.language) == ("en", "fr") and en.ref == fr.ref == "ca/justice/P-8.6@2026-03-26"
    assert en.kind == fr.kind == VersionKind.CONSOLIDATED and en.date == fr.date == D(2026, 3, 26)
    assert {p.label for p in fr.provisions if p.key == "sec_2"} == {"Article 2"}
    assert en_doc.date_adopted == D(2000, 4, 13) and "S.C. 2000, c. 5" in en_doc.aliases
    amended_by = {(r.target_id, r.date) for r in of(RelationItem, en_items)}
    assert ("ca/statute/2024/17", D(2025, 3, 4)) in amended_by
    assert {r.target_id for r in of(RelationItem, fr_items)} == {r.target_id for r in of(RelationItem, en_items)}


# ----------------------------------------------------------------------------------------------- United Kingdom


def test_effects_feed_gives_amending_acts_with_their_provisions():
    found = items(uk_legislation.parse_effects_feed, "uk/uk_legislation_changes_affected_eur-2016-679_feed.xml")
    docs = {d.doc_id: d for d in of(DocumentItem, found)}
    assert docs["uk/legislation/eur/2016/679"].doc_type == DocType.REGULATION
    assert docs["uk/legislation/ukpga/2026/21"].title == "Children’s Wellbeing and Schools Act 2026"
    assert "S.I. 2026/386" in docs["uk/legislation/uksi/2026/386"].aliases
    rels = {r.doc_id: r for r in of(RelationItem, found)}
    cwsa = rels["uk/legislation/ukpga/2026/21"]
    assert cwsa.kind == RelationKind.AMENDS and cwsa.target_id == "uk/legislation/eur/2016/679"
    assert cwsa.detail["provisions"] == "Art. 8(2A)(2B) inserted; Art. 8ZA inserted" and cwsa.date == D(2026, 4, 29)
    effect = cwsa.detail["effect key-test-effect-01"]
    assert effect["affecting_provisions"] == "s. 72(2)" and effect["applied"] is True
    assert effect["commencement_authority"] == "s. 78(1)(b)"
    pending = rels["uk/legislation/uksi/2026/386"]
    assert pending.date is None  # prospective: in force when DUAA s. 119 is
    assert any(
        "2025 c. 18, s. 119" in (e.get("comments") or "") for k, e in pending.detail.items() if k.startswith("effect ")
    )
    assert {(e.date, e.doc_id) for e in of(EventItem, found)} == {(D(2026, 4, 29), "uk/legislation/eur/2016/679")}


def test_clml_document_version_and_repeal():
    found = items(
        uk_legislation.parse_legislation,
        "uk/uk_legislation_ukpga-Geo3-49-126_data.xml",
        url="https://www.legislation.gov.uk/ukpga/Geo3/49/126/data.xml",
    )
    doc = of(DocumentItem, found)[0]
    assert doc.doc_id == "uk/legislation/ukpga/Geo3/49/126" and doc.stage == Stage.REPEALED
    assert doc.date_adopted == D(1809, 6, 20)
    assert doc.extra["versions"] == ["enacted", "1991-02-01", "1991-02-02", "1992-01-01", "2013-01-31"]
    version = of(VersionItem, found)[0]
    assert version.kind == VersionKind.CONSOLIDATED and version.date == D(2013, 1, 31)
    assert [p.key for p in version.provisions][:3] == ["sec_1", "sec_2", "sec_3"]
    (rel,) = of(RelationItem, found)
    assert (rel.kind, rel.target_id, rel.date) == (
        RelationKind.REPEALED_BY,
        "uk/legislation/ukpga/2013/2",
        D(2013, 1, 31),
    )


@pytest.mark.parametrize(("effect", "provisions", "kind"), [
    ("inserted", "Art. 8(2A)(2B)", RelationKind.AMENDS),
    ("substituted", "s. 3(1)", RelationKind.AMENDS),
    ("words substituted", "s. 3", RelationKind.AMENDS),
    ("omitted", "Art. 4(A3)", RelationKind.AMENDS),
    ("repealed", "s. 12", RelationKind.AMENDS),
    ("repealed", "Act", RelationKind.REPEALS),
    ("revoked", "Regulations", RelationKind.REPEALS),
    ("coming into force", "s. 80", RelationKind.RELATED),
    ("modified", "s. 4", RelationKind.RELATED),
])  # fmt: skip
def test_effect_kinds(effect, provisions, kind):
    assert uk_legislation.effect_kind(effect, provisions) == kind


# ------------------------------------------------------------------------------------------------ damaged input


@pytest.mark.parametrize(("parser", "body", "kw"), [
    (kr_law.parse_law_service, b"<?xml version='1.0'?><\xeb\xb2\x95\xeb\xa0\xb9><\xea\xb8\xb0", {}),
    (kr_law.parse_law_search, b"<LawSearch><resultCode>99</resultCode><resultMsg>bad OC</resultMsg></LawSearch>", {}),
    (jp_law.parse_law_revisions, b'{"law_info": {}}', {}),
    (jp_law.parse_law_file, b"<html><body>Service unavailable</body></html>", {}),
    (br_camara.parse_proposicao, b'{"dados": [', {}),
    (br_camara.parse_tramitacoes, b'{"dados": {}}', {"bill": "PL 2338/2023"}),
    (ca_legisinfo.parse_bill, b"[]", {}),
    (ca_justice.parse_statute, b"<Statute><Body/></Statute>", {}),
    (uk_legislation.parse_legislation, b"", {}),
    (uk_legislation.parse_effects_feed, b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", {}),
])  # fmt: skip
def test_damaged_responses_are_one_failure_sentence(parser, body, kw):
    found = list(parser(body, url="https://example.invalid/x", **kw))
    assert found and all(isinstance(i, ParseFailure) for i in found)
    assert all(i.reason.endswith(".") and "\n" not in i.reason for i in found)


# ------------------------------------------------------------------------------------------- UK bills, China


def test_uk_ai_bill_from_the_documented_bills_api_shape():
    found = items(uk_bills.parse_bill, "uk/uk_parliament_bills-api_bill-3942_documented_example.json")
    doc = of(DocumentItem, found)[0]
    assert (doc.doc_id, doc.stage, doc.stage_raw) == ("uk/bill/3942", Stage.FIRST_READING, "1st reading (Lords)")
    assert doc.extra["sponsors"] == ["Lord Holmes of Richmond"]
    stages = items(
        uk_bills.parse_stages,
        "uk/uk_parliament_bills-api_bill-3942-stages_documented_example.json",
        url="https://bills-api.parliament.uk/api/v1/Bills/3942/Stages",
    )
    assert [(e.doc_id, e.date, e.stage, e.actor) for e in of(EventItem, stages)] == [
        ("uk/bill/3942", D(2025, 3, 4), Stage.FIRST_READING, "House of Lords")
    ]


@pytest.mark.parametrize(("description", "house", "stage"), [
    ("1st reading", "Commons", Stage.FIRST_READING),
    ("2nd reading", "Lords", Stage.SECOND_READING),
    ("Committee stage", "Commons", Stage.COMMITTEE),
    ("Report stage", "Lords", Stage.COMMITTEE),
    ("3rd reading", "Commons", Stage.PASSED_LOWER),
    ("3rd reading", "Lords", Stage.PASSED_UPPER),
    ("Consideration of Lords amendments", "Commons", Stage.AGREED),
    ("Royal Assent", "Unassigned", Stage.SIGNED),
])  # fmt: skip
def test_uk_bill_stages(description, house, stage):
    assert uk_bills.stage_of(description, house) == stage


def test_cac_rule_from_its_article_page():
    found = items(cn_cac.parse_article, "cn/cn-cac_genai-interim-measures_documented_example.html",
                  url="https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm", title="生成式人工智能服务管理暂行办法",
                  number="国家互联网信息办公室等七部门令第15号", adopted="2023-05-23", published="2023-07-13",
                  in_force="2023-08-15")  # fmt: skip
    doc = of(DocumentItem, found)[0]
    assert doc.doc_id == "cn/cac/c_1690898327029107" and doc.language == "zh" and doc.stage == Stage.IN_FORCE
    assert (doc.date_adopted, doc.date_published, doc.date_in_force) == (D(2023, 5, 23), D(2023, 7, 13), D(2023, 8, 15))
    assert [(e.date, e.stage) for e in of(EventItem, found)] == [
        (D(2023, 5, 23), Stage.ADOPTED),
        (D(2023, 7, 13), Stage.PUBLISHED),
        (D(2023, 8, 15), Stage.IN_FORCE),
    ]
    version = of(VersionItem, found)[0]
    articles = [p for p in version.provisions if p.kind == "article"]
    assert len(articles) == 24 and articles[0].label == "第一条" and articles[-1].label == "第二十四条"
    assert {p.key for p in version.provisions} >= {"art_4.item_1", "art_22.item_3"}


def test_cac_page_without_articles_is_one_failure():
    found = list(cn_cac.parse_article(b"<html><body><p>Not found</p></body></html>",
                                      url="https://www.cac.gov.cn/2023-07/13/c_1.htm"))  # fmt: skip
    assert len(found) == 1 and isinstance(found[0], ParseFailure) and "第N条" in found[0].reason
