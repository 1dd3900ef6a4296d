"""US parsers: hand-written checks of the fields with legal meaning, beside the bulk example comparison."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import os
from types import SimpleNamespace

import pytest

from crawler.parsers import (
    us_billstatus,
    us_billtext,
    us_california,
    us_colorado,
    us_fedreg,
    us_legiscan,
    us_openstates,
)
from crawler.parsers.us_vocab import congress_stage, legiscan_stage, openstates_stage, state_action_stage
from store.items import DocumentItem, EventItem, ParseFailure, RelationItem, VersionItem
from store.vocab import Stage
from tests.crawler.examples import EXAMPLES

US = EXAMPLES / "us"


def items(parser, name: str, url: str, **kwargs):
    return list(parser((US / name).read_bytes(), url=url, **kwargs))


def of(kind, found):
    return [i for i in found if isinstance(i, kind)]


# --- stage rule tables, one case per line ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "kind", "text", "stage"),
    [
        ("Intro-H", "IntroReferral", "Introduced in House", Stage.INTRODUCED),
        ("H11100", "IntroReferral", "Referred to the House Committee on Ways and Means.", Stage.COMMITTEE),
        ("8000", "Floor", "Passed/agreed to in House: On motion to suspend the rules", Stage.PASSED_LOWER),
        ("17000", "Floor", "Passed/agreed to in Senate: Passed Senate with an amendment", Stage.PASSED_UPPER),
        ("E20000", "Floor", "Presented to President.", Stage.ADOPTED),
        ("E30000", "President", "Signed by President.", Stage.SIGNED),
        ("36000", "BecameLaw", "Became Public Law No: 117-103.", Stage.IN_FORCE),
        (None, "Veto", "Vetoed by President.", Stage.REJECTED),
        ("X99", "Calendars", "Placed on Senate Legislative Calendar under General Orders.", Stage.COMMITTEE),
    ],
)
def test_congress_actions(code, kind, text, stage):
    assert congress_stage(code, kind, text) == stage


@pytest.mark.parametrize(
    ("classes", "chamber", "stage"),
    [
        (["introduction"], "upper", Stage.INTRODUCED),
        (["referral-committee"], "lower", Stage.COMMITTEE),
        (["passage"], "lower", Stage.PASSED_LOWER),
        (["executive-signature"], "executive", Stage.SIGNED),
        (["executive-veto"], "executive", Stage.REJECTED),
        (["became-law"], "executive", Stage.IN_FORCE),
        (["amendment-passage", "referral-committee"], "upper", Stage.AMENDED),
        (["withdrawal"], "upper", Stage.WITHDRAWN),
    ],
)
def test_openstates_classifications(classes, chamber, stage):
    assert openstates_stage(classes, chamber) == stage


@pytest.mark.parametrize(
    ("code", "body", "stage"),
    [(1, "H", Stage.INTRODUCED), (2, "H", Stage.PASSED_LOWER), (2, "S", Stage.PASSED_UPPER), (3, "S", Stage.ADOPTED),
     (4, "H", Stage.SIGNED), (5, "H", Stage.REJECTED), (8, "S", Stage.IN_FORCE), (9, "H", Stage.COMMITTEE)],
)  # fmt: skip
def test_legiscan_progress(code, body, stage):
    assert legiscan_stage(code, body)[0] == stage


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Introduced In Senate - Assigned to Judiciary", Stage.INTRODUCED),
        ("Senate Third Reading Passed with Amendments - Floor", Stage.PASSED_UPPER),
        ("House Third Reading Passed - No Amendments", Stage.PASSED_LOWER),
        ("Governor Signed", Stage.SIGNED),
        ("Vetoed by the Governor.", Stage.REJECTED),
        ("In Senate. Consideration of Governor's veto pending.", Stage.OTHER),
        ("Senate Committee of the Whole Amendment - Change from Passed to Lost", Stage.OTHER),
        ("Chaptered by Secretary of State. Chapter 138, Statutes of 2025.", Stage.IN_FORCE),
    ],
)
def test_state_actions(text, stage):
    assert state_action_stage(text) == stage


# --- Colorado -----------------------------------------------------------------------------------------------------
def test_colorado_delay_act_names_the_act_it_delays_and_the_new_date():
    found = items(us_colorado.parse_bill_page, "co_leg_bill-page_sb25b-004_AI-Act-delay.html",
                  "https://leg.colorado.gov/bills/sb25b-004")  # fmt: skip
    bill = of(DocumentItem, found)[0]
    assert (bill.doc_id, bill.date_adopted, bill.date_in_force) == ("us/co/2025B/SB25B-004", dt.date(2025, 8, 28),
                                                                    dt.date(2025, 11, 25))  # fmt: skip
    (rel,) = of(RelationItem, found)
    assert (rel.kind.value, rel.target_id, rel.detail["new_date"]) == ("delays", "us/co/2024A/SB24-205", "2026-06-30")


def test_colorado_session_law_is_split_into_its_crs_sections():
    (v,) = items(us_colorado.parse_pdf_version, "co_leg_session-law_2026-ch131_sb26-189.pdf",
                 "https://leg.colorado.gov/laws/session-laws/SB26-189/131/download", number="SB26-189",
                 label="Session Laws of Colorado 2026, chapter 131", date="2026-05-14", kind="original")  # fmt: skip
    keys = [p.key for p in v.provisions]
    assert "sec_1.crs_6-1-1701" in keys and "sec_1.crs_6-1-1701.sub_1" in keys
    assert v.doc_id == "us/co/2026A/SB26-189" and "AUTOMATED DECISION" in v.text.upper()


def test_unreadable_scan_is_one_sentence(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(pdf))
    c.showPage()
    c.save()
    (failure,) = us_colorado.parse_signed_act(pdf.read_bytes(), url="https://leg.colorado.gov/bill_files/1/download",
                                              number="SB24-205")  # fmt: skip
    assert isinstance(failure, ParseFailure)
    assert failure.reason.startswith("Colorado SB24-205, Signed Act: OCR found no readable words")


# --- California: the state's own markup checks ailaw's redline -------------------------------------------------------
def test_california_amendment_markup_matches_ailaws_redline():
    from compare import compare, to_json

    doc = json.loads((US / "legiscan_getBillText_doc105736_amended_html.json").read_text())["text"]["doc"]
    marked = us_california.amendment_markup(base64.b64decode(doc).decode("latin-1"))
    assert "treaded" in marked.deleted and "treated" in marked.inserted
    # one provision each: the word redline inside it is what is checked against the state's markup
    old, new = (SimpleNamespace(id=n, document_id="us/ca/2011-2012/AB50", label=label, kind="bill-text", date=None,
                                language="en", text=text,
                                provisions=[{"key": "txt_1", "kind": "text", "label": "AB 50", "text": text}])
                for n, (label, text) in enumerate((("before", marked.before), ("after", marked.after)), 1))  # fmt: skip
    result = to_json(compare(old, new))
    ops = [op for p in result["provisions"] for op in p["redline"]]
    from collections import Counter

    inserted = Counter(" ".join(t for kind, t in ops if kind == "+").split())
    deleted = Counter(" ".join(t for kind, t in ops if kind == "-").split())
    marked_in, marked_out = Counter(" ".join(marked.inserted).split()), Counter(" ".join(marked.deleted).split())
    assert not inserted - marked_in and not deleted - marked_out  # ailaw marks nothing the state did not mark
    # what ailaw leaves unmarked is exactly the words the state struck and re-inserted unchanged ("SEC." in
    # "<strike>SEC. 2.</strike> <em>SEC. 3.</em>"): a finer redline, never a missed change
    assert marked_in - inserted == marked_out - deleted
    assert sum(inserted.values()) > 50 and {"treated"} <= set(inserted) and {"treaded"} <= set(deleted)


def test_sb1047_enrolled_text_sections():
    (v,) = items(us_california.parse_bill_text_page, "ca_leginfo_billTextClient_202320240SB1047_enrolled_2024-09.html",
                 "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=202320240SB1047&version=20230SB104788ENR")  # fmt: skip
    assert v.doc_id == "us/ca/20232024/SB1047" and v.label == "SB1047 Enrolled (20230SB104788ENR)"
    assert [p.key for p in v.provisions if p.kind == "section"][:3] == ["sec_1", "sec_2", "sec_3"]


# --- Open States, LegiScan -------------------------------------------------------------------------------------------
def test_raise_act_companions_and_votes():
    url = "https://raw.githubusercontent.com/x/_data/ny/bill.json"
    found = items(us_openstates.parse_bill, "openstates-scrape_ny_2025-2026_S6953_RAISE-Act_bill.json", url)
    bill = of(DocumentItem, found)[0]
    assert (bill.doc_id, bill.subdivision, bill.stage) == ("us/ny/2025-2026/S6953", "US-NY", Stage.ADOPTED)
    assert [(r.kind.value, r.target_id) for r in of(RelationItem, found)] == [("companion-of", "us/ny/2025-2026/A6453")]
    (vote,) = items(us_openstates.parse_vote_event, "openstates-scrape_ny_2025-2026_S6953_vote_event_assembly-floor.json",
                    url, state="NY")  # fmt: skip
    assert (vote.date, vote.stage, vote.raw.split(":", 1)[1].strip()[:15]) == (dt.date(2025, 6, 12),
                                                                               Stage.PASSED_LOWER, "yes 119, no 22,")  # fmt: skip


def test_colorado_bill_from_open_states_gets_colorados_own_number():
    assert us_openstates.bill_id("CO", "2024A", "SB 205") == "us/co/2024A/SB24-205"
    assert us_openstates.bill_id("CT", "2025", "SB00002") == "us/ct/2025/SB2"


def test_legiscan_change_hash_and_dates():
    found = items(us_legiscan.parse_bill, "legiscan_getBill_AK_HB1_2011_bill230084.json",
                  "https://api.legiscan.com/?key={key}&op=getBill&id=230084")  # fmt: skip
    bill = of(DocumentItem, found)[0]
    assert bill.extra["legiscan"]["change_hash"] == "38558907f12c02a238b1cd43d2a37393"
    assert bill.doc_id == "us/ak/2011-2012/HB1" and bill.date_introduced == dt.date(2011, 1, 18)
    error = b'{"status": "ERROR", "alert": {"message": "Invalid API key"}}'
    (failure,) = us_legiscan.parse_bill(error, url="https://api.legiscan.com/?key={key}&op=getBill&id=1")
    assert failure.reason == "LegiScan answered with an error: Invalid API key"


# --- Congress, Federal Register ---------------------------------------------------------------------------------------
def test_billstatus_v1_and_v3_describe_the_same_bill():
    url = "https://www.govinfo.gov/bulkdata/BILLSTATUS/117/hr/BILLSTATUS-117hr6658.xml"
    v3 = of(DocumentItem, items(us_billstatus.parse_billstatus, "govinfo-billstatus-v3_BILLSTATUS-117hr6658.xml", url))[
        0
    ]
    v1 = of(
        DocumentItem,
        items(us_billstatus.parse_billstatus, "govinfo-billstatus-v1-legacy_BILLSTATUS-117hr6658.xml", url),
    )[0]
    assert (v3.doc_id, v3.title, v3.date_introduced) == (v1.doc_id, v1.title, v1.date_introduced)
    assert (v3.extra["billstatus_schema"], v1.extra["billstatus_schema"]) == ("3.0.0", "1.0.0")
    events = of(EventItem, items(us_billstatus.parse_billstatus, "govinfo-billstatus-v3_BILLSTATUS-117hr6658.xml", url))
    assert [e.raw for e in events].count("Introduced in House") == 1  # Intro-H and 1000 are one event


def test_enacted_bill_names_its_public_law():
    found = items(us_billstatus.parse_billstatus, "govinfo-billstatus-v3_BILLSTATUS-117hr2471.xml",
                  "https://www.govinfo.gov/bulkdata/BILLSTATUS/117/hr/BILLSTATUS-117hr2471.xml")  # fmt: skip
    bill = of(DocumentItem, found)[0]
    assert (bill.stage, bill.date_in_force, bill.date_adopted) == (
        Stage.IN_FORCE,
        dt.date(2022, 3, 15),
        dt.date(2022, 3, 15),
    )
    enr = next(v for v in bill.extra["text_versions"] if v["type"] == "Enrolled Bill")
    assert enr["date"] is None  # the recorded ENR item has an empty <date/>
    assert ("enacted-as", "us/plaw/117/103") in {(r.kind.value, r.target_id) for r in of(RelationItem, found)}


def test_ai_moratorium_section_of_hr1():
    found = items(us_billtext.parse_bill_text, "bill-text-billdtd_BILLS-119hr1eh_sec1-and-sec43201.xml",
                  "https://www.govinfo.gov/content/pkg/BILLS-119hr1eh/xml/BILLS-119hr1eh.xml")  # fmt: skip
    (v,) = of(VersionItem, found)
    keys = {p.key: p for p in v.provisions}
    assert keys["sec_43201.sub_c"].heading == "Moratorium"
    assert "10-year period" in keys["sec_43201.sub_c.par_1"].text
    assert keys["sec_43201"].parent == "tit_IV.stt_C.prt_2" and v.date == dt.date(2025, 5, 22)


def test_sitemap_lastmod():
    index = us_billstatus.parse_sitemap(
        (US / "govinfo-sitemap_BILLSTATUS_sitemapindex_documented_example.xml").read_bytes(), url="x"
    )
    assert [e["kind"] for e in index] == ["sitemap", "sitemap"]
    files = us_billstatus.parse_sitemap(
        (US / "govinfo-sitemap_BILLSTATUS_117hr_documented_example.xml").read_bytes(), url="x"
    )
    assert files[1] == {"loc": "https://www.govinfo.gov/bulkdata/BILLSTATUS/117/hr/BILLSTATUS-117hr6658.xml",
                        "lastmod": "2022-11-17T08:15:24.000Z", "kind": "url"}  # fmt: skip
    assert us_billstatus.parse_sitemap(b"<html/>", url="x") is None


def test_rin_chain_is_found_by_its_rin():
    found = items(us_fedreg.parse_documents, "federalregister-api-v1_documents-search_RIN-0938-AV34_results-array-only.json",
                  "https://www.federalregister.gov/api/v1/documents.json")  # fmt: skip
    docs = of(DocumentItem, found)
    assert len(docs) == 5 and all("RIN 0938-AV34" in d.aliases for d in docs)
    assert {d.doc_type.value for d in docs} == {"rule", "proposal"}


def test_version_items_serialise():
    (v,) = of(VersionItem, items(us_billtext.parse_bill_text, "bill-text-uslm_BILLS-116hr1037eh.xml",
                                 "https://www.govinfo.gov/content/pkg/BILLS-116hr1037eh/xml/BILLS-116hr1037eh.xml"))  # fmt: skip
    assert json.dumps([dataclasses.asdict(p) for p in v.provisions])


def _scan(tmp_path):
    """A one-page PDF whose text Tesseract reads (drawn by reportlab, read as a scan)."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont("Helvetica", 16)
    c.drawString(72, 700, "Concerning consumer protections in interactions with artificial intelligence systems")
    c.showPage()
    c.save()
    return pdf.read_bytes()


def test_a_scan_read_once_is_not_read_again_with_the_ocr_cache(tmp_path):
    import json

    from crawler.parsers import ocr

    body = _scan(tmp_path)
    ocr.use_cache(tmp_path / "ocr")
    try:
        first = ocr.ocr_pdf(body)
        (entry,) = (tmp_path / "ocr").glob("*.json")
        assert "artificial intelligence" in first.text and json.loads(entry.read_text())["text"] == first.text
        # the entry is what a second reading returns (Tesseract is not run again): marked here to see it
        entry.write_text(json.dumps({**json.loads(entry.read_text()), "text": "read from the cache"}))
        assert ocr.ocr_pdf(body).text == "read from the cache"
        assert ocr.ocr_pdf(body, pages=[0]).text == first.text  # other pages asked: another entry, read by OCR
        assert len(list((tmp_path / "ocr").glob("*.json"))) == 2
    finally:
        ocr.use_cache(None)
    assert ocr.ocr_pdf(body).text == first.text  # no cache: always read


def _recording_tesseract(tmp_path, monkeypatch):
    """The real Tesseract behind a wrapper first on PATH that notes the OMP_THREAD_LIMIT each page's run is given."""
    import shutil

    real = shutil.which("tesseract")
    assert real, "the OCR tests need Tesseract (make system-deps)"
    record = tmp_path / "tesseract-runs.txt"
    wrapper = tmp_path / "bin" / "tesseract"
    wrapper.parent.mkdir()
    wrapper.write_text(
        f'#!/bin/sh\n[ "$1" = stdin ] && echo "${{OMP_THREAD_LIMIT-unset}}" >> {record}\nexec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}:{os.environ['PATH']}")
    return record


def test_tesseract_runs_with_one_thread_unless_the_environment_sets_a_limit(tmp_path, monkeypatch):
    import threading

    from crawler.parsers import ocr

    body = _scan(tmp_path)
    record = _recording_tesseract(tmp_path, monkeypatch)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    environ = dict(os.environ)
    seen: list[str] = []  # what another thread of this process sees while Tesseract runs
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if "OMP_THREAD_LIMIT" in os.environ:
                seen.append(os.environ.get("OMP_THREAD_LIMIT", ""))
            done.wait(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        one = ocr.ocr_pdf(body)
    finally:
        done.set()
        watcher.join()
    assert record.read_text().split() == ["1"]  # Tesseract's process ran with one thread
    assert not seen and dict(os.environ) == environ  # this process's environment never changed
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")  # the operator's limit wins
    assert ocr.ocr_pdf(body) == one  # the same text, confidence and words with more threads
    assert record.read_text().split() == ["1", "2"] and os.environ["OMP_THREAD_LIMIT"] == "2"


def test_a_tesseract_that_fails_or_is_missing_is_one_sentence(tmp_path, monkeypatch):
    from crawler.parsers import ocr

    body = _scan(tmp_path)
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # no language data there: the real Tesseract fails
    with pytest.raises(ocr.OcrError) as failed:
        ocr.ocr_pdf(body)
    said = str(failed.value)
    assert said.startswith("Tesseract failed (") and "eng" in said and "\n" not in said, said
    monkeypatch.delenv("TESSDATA_PREFIX")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on PATH
    with pytest.raises(ocr.OcrError, match=r"^OCR needs the Tesseract program \(Debian packages tesseract-ocr"):
        ocr.ocr_pdf(body)
