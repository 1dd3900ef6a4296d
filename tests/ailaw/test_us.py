"""The United States' "done when", tried as a new user would, through the CLI on the demo archive."""

from __future__ import annotations

import json

import pytest

from tests.ailaw.test_cli import run

CO_ACT = "us/co/2024A/SB24-205"


def search_ids(home, *args: str) -> list[str]:
    res = run("search", *args, "--json", home=home)
    assert res.returncode == 0, res.stderr
    return [hit["id"] for hit in json.loads(res.stdout)]


def show(home, doc_id: str) -> dict:
    res = run("show", doc_id, "--json", home=home)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_colorado_act_found_by_number_and_by_name(demo_home):
    home = demo_home["home"]
    for query in ("SB 24-205", "SB24-205", "Colorado SB 205", "Colorado AI Act"):
        assert search_ids(home, query)[:1] == [CO_ACT], query


def test_colorado_act_stages_in_date_order_with_its_delay_and_reenactment(demo_home):
    doc = show(demo_home["home"], CO_ACT)
    dates = [e["date"] for e in doc["events"]]
    assert dates == sorted(dates)
    by_raw = {e["raw"]: e for e in doc["events"]}
    assert by_raw["Introduced In Senate - Assigned to Judiciary"]["date"] == "2024-04-10"
    assert by_raw["Governor Signed"] == {**by_raw["Governor Signed"], "date": "2024-05-17", "stage": "signed"}
    delay = next(e for e in doc["events"] if "June 30, 2026" in e["raw"])
    assert (delay["date"], delay["stage"]) == ("2025-08-28", "amended")
    repeal = next(e for e in doc["events"] if "reenacted by SB26-189" in e["raw"])
    assert (repeal["date"], repeal["stage"]) == ("2026-05-14", "repealed")
    relations = {(r["kind"], r["target_id"]) for r in doc["relations"]}
    assert ("delayed-by", "us/co/2025B/SB25B-004") in relations
    assert ("re-enacted-by", "us/co/2026A/SB26-189") in relations
    assert doc["subdivision"] == "US-CO" and doc["date_in_force"] == "2024-05-17"
    res = run("show", CO_ACT, home=demo_home["home"])
    assert "delayed-by" in res.stdout and "re-enacted-by" in res.stdout


def test_colorado_signed_act_is_ocr_with_its_confidence(demo_home):
    versions = {v["label"]: v for v in show(demo_home["home"], CO_ACT)["versions"]}
    ocr = versions["Signed Act (OCR of the scanned PDF)"]
    assert ocr["provenance"] == "ocr" and ocr["provenance_detail"]["ocr_confidence"] > 80
    law = versions["Session Laws of Colorado 2024, chapter 198"]
    assert law["provenance"] == "copied" and law["provenance_detail"]["recorded_at"] == "2026-07-20"
    assert "EtonMu/global-ai-data-regulation-map" in law["provenance_detail"]["recorded_by"]


def test_frontier_model_returns_the_california_and_new_york_bills(demo_home):
    ids = search_ids(demo_home["home"], "frontier model", "--jurisdiction", "US")
    assert {"us/ca/20232024/SB1047", "us/ny/2025-2026/S6953", "us/ny/2025-2026/A6453"} <= set(ids)
    assert all(i.startswith("us/") for i in ids)
    ny_only = search_ids(demo_home["home"], "frontier model", "--state", "New York")
    assert ny_only and all(i.startswith("us/ny/") for i in ny_only)
    sb1047 = show(demo_home["home"], "us/ca/20232024/SB1047")
    veto = next(e for e in sb1047["events"] if e["raw"] == "Vetoed by the Governor.")
    assert (veto["date"], veto["stage"]) == ("2024-09-29", "rejected") and sb1047["stage"] == "rejected"


def test_federal_bill_editions_compared_section_by_section(demo_home):
    res = run("diff", "us/congress/118/s/1325", "--format", "json", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    diff = json.loads(res.stdout)
    moved = [(p["from"]["key"], p["to"]["key"]) for p in diff["provisions"] if p["status"] == "moved"]
    inserted = {p["to"]["key"] for p in diff["provisions"] if p["status"] == "inserted"}
    assert ("sec_7", "sec_9") in moved  # "Western Hemisphere defined" renumbered by the committee substitute
    assert {"sec_7", "sec_8", "sec_10"} <= inserted
    assert diff["counts"]["deleted"] == 0  # the substitute kept every section of the introduced text
    assert "Section 7 moved to Section 9 with 8 words changed" in diff["summary"]["en"]
    # subsections as a bill cites them (once "Section 3, paragraph b")
    assert "Section 3(b) amended; Section 3(d) inserted" in diff["summary"]["en"]


def test_eo_14110_is_revoked_by_eo_14148(demo_home):
    doc = show(demo_home["home"], "us/eo/14110")
    assert doc["stage"] == "repealed"
    assert {(r["kind"], r["target_id"], r["date"]) for r in doc["relations"]} >= {
        ("repealed-by", "us/eo/14148", "2025-01-20")
    }
    assert search_ids(demo_home["home"], "EO 14110")[:1] == ["us/eo/14110"]
    assert search_ids(demo_home["home"], "Executive Order 14179")[:1] == ["us/eo/14179"]


def test_us_identifiers_find_their_documents(demo_home):
    home = demo_home["home"]
    assert search_ids(home, "H.R. 1")[:1] == ["us/congress/119/hr/1"]
    assert search_ids(home, "HR1")[:1] == ["us/congress/119/hr/1"]
    assert search_ids(home, "H.R. 1 119th Congress")[:1] == ["us/congress/119/hr/1"]
    assert search_ids(home, "S. 1325")[:1] == ["us/congress/118/s/1325"]
    assert search_ids(home, "A6453")[:1] == ["us/ny/2025-2026/A6453"]
    assert search_ids(home, "Public Law 117-103")[:1] == ["us/congress/117/hr/2471"]
    assert "us/congress/119/hr/1" in search_ids(home, "119th Congress")


def test_second_replay_does_not_download_unchanged_billstatus(demo_home):
    first = next(s for s in demo_home["first"] if s.spider == "us_govinfo")
    second = next(s for s in demo_home["second"] if s.spider == "us_govinfo")
    # the BILLSTATUS files it must read again (the must-have bills) are recognised unchanged: nothing is stored again
    assert first.items > 0 and second.items == 0 and second.unchanged_responses > 0


def test_missing_api_key_is_one_line_and_the_spider_is_skipped(tmp_path):
    from ailaw import jobs
    from tests.conftest import ailaw_env

    with ailaw_env(tmp_path):  # the command and the reads below share one store (a PostgreSQL schema too)
        res = run("crawl", "us_openstates", "--no-index", home=tmp_path, env={"AILAW_HTTP_CACHE": "false"})
        assert res.returncode == 0, res.stderr
        assert "us_openstates: 0 items" in res.stdout + res.stderr
        run_errors = jobs.crawl_summaries([1])[0].errors
    assert [e["kind"] for e in run_errors] == ["config"]
    assert "AILAW_OPENSTATES_API_KEY" in run_errors[0]["message"]


def test_a_bill_text_as_of_a_date_is_the_text_as_it_stood_not_in_force(demo_home):
    """A bill is never "in force": `ailaw versions --as-of` says which of its texts stood on the date."""
    res = run("versions", "us/congress/118/s/1325", "--as-of", "2023-05-01", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    assert "The text as it stood on 2023-05-01: version" in res.stdout and "In force on" not in res.stdout
    res = run("versions", "us/congress/118/s/1325", "--as-of", "2023-05-01", "--json", home=demo_home["home"])
    assert json.loads(res.stdout)["as_of"]["in_force"] is False


def test_a_bill_number_ailaw_does_not_track_says_so_instead_of_listing_other_numbers(demo_home):
    """SB 53 (California's frontier AI act, not in the demo): never Japan's Act No. 53 or every Senate bill."""
    home = demo_home["home"]
    res = run("search", "SB 53", home=home)
    assert res.returncode == 0, res.stderr
    assert "0 result(s)" in res.stdout
    assert "No tracked document has the identifier SB 53; nor does any stored text cite it." in res.stdout + res.stderr
    assert search_ids(home, "SB 53") == []
    # an identifier no document carries but a stored text cites: those texts, with the note
    res = run("search", "№ 152-ФЗ", home=home)
    assert "No tracked document has the identifier № 152-ФЗ; these texts cite it." in res.stdout + res.stderr
    assert "ru/pravo/0001201910110003" in search_ids(home, "№ 152-ФЗ")  # Decree 490 lists the personal data law
    # a tracked number keeps its document first and no note
    res = run("search", "SB 1047", home=home)
    assert "No tracked document" not in res.stdout + res.stderr
    assert search_ids(home, "SB 1047")[:1] == ["us/ca/20232024/SB1047"]


def test_a_state_typed_back_as_the_output_writes_it_is_that_state(demo_home):
    home = demo_home["home"]
    res = run("search", "deepfake", home=home)
    assert res.returncode == 0, res.stderr
    line = next(x for x in res.stdout.splitlines() if "us/ca/20232024/SB1047" in x)
    written = line.split(" · ")[1]
    assert written == "US-CA", line  # what the output says, typed back below
    california = search_ids(home, "deepfake", "--state", "California")
    assert california == ["us/ca/20232024/SB1047"]
    assert len(search_ids(home, "deepfake")) > len(california)  # the filter hides the EU's documents
    for typed in (written, "us-ca", "Us-Ca"):
        assert search_ids(home, "deepfake", "--jurisdiction", typed) == california, typed
        assert search_ids(home, f"deepfake jurisdiction:{typed}") == california, typed
    assert search_ids(home, "deepfake country:US-CA", "--state", "CA") == california  # the same state twice agrees
    colorado = search_ids(home, "artificial intelligence", "--state", "CO")
    assert colorado and all(i.startswith("us/co/") for i in colorado)
    assert search_ids(home, "artificial intelligence", "--jurisdiction", "US-co") == colorado
    assert search_ids(home, "artificial intelligence state:US-co") == colorado


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--jurisdiction", "US-ZZ"), "error: 'US-ZZ' is no US state; write a US state as US and its two-letter code, "
                                      "e.g. US-CA."),
        (("--jurisdiction", "EU-CA"), "error: ailaw tracks states of the US only, not of EU ('EU-CA'); write a US state "
                                      "as US and its two-letter code, e.g. US-CA."),
        (("--jurisdiction", "US-CA", "--state", "US-CO"), "error: The state US-CO contradicts the jurisdiction US-CA; "
                                                          "give only one of them."),
        (("--jurisdiction", "EU", "--state", "CO"), "error: The state US-CO contradicts the jurisdiction EU; give only "
                                                    "one of them."),
        (("--jurisdiction", "XX"), "error: ailaw tracks no jurisdiction 'XX'; use one of EU, RU, US, UK, CA, BR, CN, "
                                   "JP, KR, INT, or a US state as US-CA."),
    ],
)  # fmt: skip
def test_a_state_that_cannot_be_is_refused_in_one_sentence(demo_home, args, sentence):
    typed = [("deepfake", args)] + ([(f"deepfake jurisdiction:{args[1]}", ())] if len(args) == 2 else [])
    for query, options in typed:  # as an option, and as the query syntax
        res = run("search", query, *options, home=demo_home["home"])
        assert res.returncode == 1 and res.stderr.strip() == sentence, (query, res.stdout, res.stderr)
