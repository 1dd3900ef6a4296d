"""The CLI as a user runs it: exit codes, one-sentence errors, the documented JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import subprocess_env

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = subprocess_env(home)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "ailaw.cli", *args], capture_output=True, text=True, env=full_env,
                          cwd=ROOT, timeout=300)  # fmt: skip


def test_help_lists_every_command(tmp_path):
    res = run("--help", home=tmp_path)
    assert res.returncode == 0
    for command in ("demo", "crawl", "track", "index", "search", "show", "sources", "ui", "settings"):
        assert command in res.stdout


def _command_paths(group, path=()):
    yield path
    for name, sub in getattr(group, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


def test_help_shows_flags_without_a_value_type(monkeypatch, capsys):
    import typer.main

    from ailaw.cli import app
    from tests.cli import run_cli

    paths = list(_command_paths(typer.main.get_command(app)))
    assert ("search",) in paths and ("alerts", "add") in paths
    for path in paths:
        code, out, _ = run_cli(monkeypatch, capsys, *path, "--help")
        assert code == 0, path
        assert "--help " in out, path
        assert "<bool>" not in out, f"`ailaw {' '.join(path)} --help` shows a flag as taking a value"
    code, out, _ = run_cli(monkeypatch, capsys, "search", "--help")
    assert "--jurisdiction" in out and "<str>" in out  # an option that takes a value still says what kind


def test_unknown_command_is_a_usage_error(tmp_path):
    assert run("frobnicate", home=tmp_path).returncode == 2


def test_bad_option_value_is_a_usage_error(tmp_path):
    assert run("search", "x", "--limit", "0", home=tmp_path).returncode == 2


def test_a_diff_summary_language_ailaw_does_not_write_is_a_usage_error(tmp_path):
    res = run("diff", "eu/celex/32024R1689", "--lang", "de", home=tmp_path)  # it was written in English, silently
    assert res.returncode == 2 and "use en, ru, ko or ja" in res.stderr


def test_a_search_before_anything_was_indexed_is_one_sentence(tmp_path):
    res = run("search", "AI Act", home=tmp_path)  # it said "error: FileNotFoundError: [Errno 2] …"
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        f"error: There is no search index in {tmp_path / 'index'}; run `ailaw index` to build it."
    ]


def test_missing_document_is_one_sentence(tmp_path):
    res = run("show", "eu/celex/00000X0000", home=tmp_path)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no document"), res.stderr
    assert "Traceback" not in res.stderr


def test_a_damaged_pdf_is_one_sentence_without_the_reader_library_s_warnings(tmp_path):
    bad = tmp_path / "council-compromise.pdf"
    bad.write_bytes(b"\x00\x01\x02 not a PDF")
    res = run("import", str(bad), "--into", "eu/celex/32024R1689", "--label", "x", home=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        "error: council-compromise.pdf is not a readable PDF (Stream has ended unexpectedly)."
    ]  # once preceded by pypdf's "WARNING pypdf._reader: invalid pdf header…"


def test_alias_of_a_missing_document_is_refused(tmp_path):
    res = run("alias", "add", "AIA", "--to", "eu/celex/32024R1698", "--source", "our firm's usage", home=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip() == "error: no document with id 'eu/celex/32024R1698'; `ailaw search` finds ids"
    assert run("alias", "list", "--json", home=tmp_path).stdout.count("AIA") == 0  # nothing stored


def test_unknown_spider_and_missing_archive_are_errors(tmp_path):
    res = run("crawl", "no_such_spider", home=tmp_path)
    assert res.returncode == 1 and "no spider named" in res.stderr
    res = run("crawl", "--replay", str(tmp_path / "missing.warc.gz"), home=tmp_path)
    assert res.returncode == 1 and "does not exist" in res.stderr


def test_malformed_query_gets_a_message_not_a_traceback(demo_home):
    res = run("search", '"unclosed phrase', home=demo_home["home"])
    assert res.returncode == 1
    assert res.stderr.startswith("error: ") and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_search_json_shape(demo_home):
    res = run("search", "high-risk AI systems", "--json", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    hits = json.loads(res.stdout)
    assert hits[0]["id"] == "eu/celex/32024R1689"
    assert set(hits[0]) == {"id", "title", "jurisdiction", "state", "language", "type", "stage", "date", "score",
                            "url", "highlights", "provisions", "via", "missing", "has_text"}  # fmt: skip
    assert any("<mark>" in h for h in hits[0]["highlights"])
    provision = hits[0]["provisions"][0]
    assert set(provision) == {"key", "label", "official", "cited", "highlights", "link"}
    assert provision["link"].startswith("/document?id=eu%2Fcelex%2F32024R1689&provision=")


def test_search_names_the_cited_provision_and_the_concept_it_matched_through(demo_home):
    res = run("search", "Art. 50(2) AI Act", "--json", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    first = json.loads(res.stdout)[0]
    assert first["id"] == "eu/celex/32024R1689"
    assert first["provisions"][0] | {"highlights": None, "link": None} == {
        "key": "art_50.par_2", "label": "Article 50(2)", "official": True, "cited": True, "highlights": None,
        "link": None}  # fmt: skip
    res = run("search", "national AI strategy", home=demo_home["home"])
    assert "via concept: national AI strategy ↔ национальная стратегия развития искусственного интеллекта" in res.stdout


def test_search_says_what_it_hid_and_what_it_ignored(demo_home):
    res = run("search", "GDPR fines", home=demo_home["home"])  # "GDPR" alone names it, and shows it
    assert res.returncode == 0, res.stderr
    assert "0 result(s)" in res.stdout
    assert "1 more matching document(s) not about AI are hidden: add --all to show them." in res.stdout
    res = run("search", "what are the obligations of the deployers", home=demo_home["home"])
    assert "Ignored common words: what, are, the, of." in res.stdout


def test_a_search_that_finds_nothing_says_how_to_add_a_popular_name(demo_home):
    res = run("search", "TRAIGA", home=demo_home["home"])  # Texas's act: not tracked, no alias
    assert res.returncode == 0, res.stderr
    assert "0 result(s)" in res.stdout
    assert "`ailaw alias add NAME --to ID --source WHERE` makes it findable" in res.stdout
    res = run("search", "GDPR fines", home=demo_home["home"])  # hidden, not missing: that note alone
    assert "alias add" not in res.stdout


def test_alias_list_of_a_document_without_aliases_says_so(demo_home):
    res = run("alias", "list", "us/co/2024A/SB24-205", home=demo_home["home"])  # it printed nothing
    assert res.returncode == 0, res.stderr
    assert (
        res.stdout.strip()
        == "No aliases of us/co/2024A/SB24-205 (`ailaw alias add NAME --to ID --source WHERE` adds one)."
    )


def test_aliases_and_concepts(demo_home, tmp_path):
    res = run("alias", "list", "eu/celex/32016R0679", home=demo_home["home"])
    assert "GDPR → eu/celex/32016R0679 · abbreviation · curated" in res.stdout
    res = run("concepts", "дипфейки", "--json", home=demo_home["home"])
    (concept,) = json.loads(res.stdout)
    assert concept["id"] == "deep-fake" and "deep fake" in concept["labels"]["en"]
    assert concept["defined_in"][0]["cite"] == "AI Act, Article 3, point (60)"
    res = run("concepts", "고영향 인공지능", home=demo_home["home"])
    assert "ko: 고영향 인공지능 (≈ the nearest counterpart, not an equivalent)" in res.stdout
    assert (
        "defined in: 인공지능 발전과 신뢰 기반 조성 등에 관한 기본법 제2조제2호" not in res.stdout
    )  # ai-system's, not this
    res = run("concepts", "AI system", "--json", home=demo_home["home"])
    (concept,) = json.loads(res.stdout)
    assert concept["close"] == [] and concept["labels"]["ko"] == ["인공지능시스템", "인공지능 시스템"]
    assert "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법 제2조제2호" in {d["cite"] for d in concept["defined_in"]}


def test_show_json_shape(demo_home):
    res = run("show", "eu/celex/32024R1689", "--json", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["id"] == "eu/celex/32024R1689"
    assert {"versions", "events", "relations"} <= set(doc)
    assert set(doc["relations"][0]) >= {"kind", "target_id", "date", "detail"}
    targets = {r["target_id"] for r in doc["relations"]}
    assert {"eu/celex/52021PC0206", "eu/celex/32026R1744", "eu/celex/32024R1689R(01)"} <= targets
    v = doc["versions"][0]
    assert set(v) >= {"id", "label", "kind", "date", "language", "sha256", "source_url", "archive", "reconstructed"}
    assert [e["date"] for e in doc["events"]] == sorted(e["date"] for e in doc["events"] if e["date"])


def test_show_names_the_eu_procedure_events_in_words(demo_home):
    res = run("show", "eu/celex/32024R1689", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert "  2021-04-22  proposed        Adoption by Commission (ADP_byCOM) — European Commission" in lines
    assert any(line.startswith("  2021-04-23  other           Discussions within the Council or its preparatory "
                               "bodies (DIS_byCONSIL)") for line in lines)  # fmt: skip
    # the European Parliament's vote is its position at first reading: it is no "lower house"
    assert "  2024-03-13  first-reading   EP position at first reading (VOTE_byEP) — European Parliament" in lines
    assert "passed-lower" not in res.stdout
    events = json.loads(run("show", "eu/celex/32024R1689", "--json", home=demo_home["home"]).stdout)["events"]
    assert {"raw": "ADP_byCOM", "name": "Adoption by Commission (ADP_byCOM)"}.items() <= events[0].items()


def test_a_reversed_date_range_is_one_sentence_saying_what_was_searched(demo_home):
    res = run("search", "date:[2030 TO 2020]", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[1] == ("The range date:[2030 TO 2020] is reversed (its start is after its end): "
                        "searched 2020-01-01 to 2030-12-31.")  # fmt: skip
    res = run("search", "date:[2030 TO 2020]", "--json", home=demo_home["home"])
    assert json.loads(res.stdout) and "is reversed" in res.stderr  # the JSON stays a list of hits


def test_show_names_a_state_law_by_its_state(demo_home):
    res = run("show", "us/co/2024A/SB24-205", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    assert "us/co/2024A/SB24-205 · US-CO · bill · stage: in-force" in res.stdout  # once "· US ·", as if federal


def test_status_says_the_demo_was_replayed_from_an_archive(demo_home):
    # the demo reads recordings: "up to date as of" is when they were read, never a visit to the live source
    rows = {r["source"]: r for r in json.loads(run("status", "--json", home=demo_home["home"]).stdout)}
    assert rows["eu_cellar"]["up_to_date_as_of"] and rows["eu_cellar"]["replayed"] is True
    res = run("status", home=demo_home["home"], env={"COLUMNS": "300"})
    assert "ago, replayed archive)" in res.stdout


def test_status_says_a_source_without_its_api_key_is_not_configured_not_stale(demo_home):
    # the demo runs no keyed spider without its key (subprocess_env passes no AILAW_ key)
    rows = {r["source"]: r for r in json.loads(run("status", "--json", home=demo_home["home"]).stdout)}
    assert rows["us_congress"]["runs"] == 0
    assert rows["us_congress"]["not_configured"] == "AILAW_CONGRESS_API_KEY" and rows["us_congress"]["flags"] == []
    assert rows["eu_cellar"]["not_configured"] is None
    res = run("status", home=demo_home["home"], env={"COLUMNS": "300"})
    line = next(line for line in res.stdout.splitlines() if "us_congress" in line)
    assert "not configured — needs AILAW_CONGRESS_API_KEY" in line and "stale" not in line, line


def test_show_prints_russian_document_in_russian(demo_home):
    res = run("show", "ru/pravo/0001201910110003", home=demo_home["home"])
    assert res.returncode == 0, res.stderr
    assert "искусственного интеллекта" in res.stdout
    assert "reconstructed" in res.stdout


def test_sources_lists_every_spider(demo_home):
    res = run("sources", "--json", home=demo_home["home"])
    rows = {r["source"]: r for r in json.loads(res.stdout)}
    assert {"eu_cellar", "ru_pravo", "ru_duma"} <= set(rows)
    assert rows["eu_cellar"]["documents"] > 0


def test_settings_never_prints_secrets(tmp_path):
    res = run("settings", home=tmp_path, env={"AILAW_DUMA_API_TOKEN": "s3cr3t-value-123"})
    assert res.returncode == 0
    assert "AILAW_DUMA_API_TOKEN" in res.stdout
    assert "s3cr3t-value-123" not in res.stdout + res.stderr


def test_every_setting_and_command_is_documented():
    from ailaw.cli import app
    from ailaw.settings import documented_settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in documented_settings():
        assert f"`{setting.env}`" in readme, f"{setting.env} is not in the README"
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"ailaw {name}" in readme, f"`ailaw {name}` is not in the README"


@pytest.mark.parametrize("name", ["ailaw"])
def test_console_script_is_installed(name):
    import shutil

    assert shutil.which(name) or (Path(sys.executable).parent / name).exists()


def test_a_year_in_since_and_until_is_the_whole_year(demo_home):
    # "--since 2024 --until 2024" is every document dated in 2024 (the AI Act of 13 June 2024 among them), not the
    # one day of 2024 that has today's day and month
    res = run("search", "AI Act", "--since", "2024", "--until", "2024", "--json", home=demo_home["home"])
    hits = json.loads(res.stdout)
    assert hits[0]["id"] == "eu/celex/32024R1689"
    assert {h["date"][:4] for h in hits} == {"2024"}
    # a day that does not exist is one sentence, never read as another day (2024-13-01 as 13 January)
    res = run("search", "AI Act", "--since", "2024-13-01", home=demo_home["home"])
    assert res.returncode == 2 and "cannot read '2024-13-01' as a date" in res.stderr
    res = run("search", "AI Act", "--since", "2025-13", home=demo_home["home"])  # it searched from 13 January
    assert res.returncode == 2 and "cannot read '2025-13' as a date" in res.stderr


def test_versions_never_gives_a_proposal_a_period_in_force(demo_home):
    # COM(2021) 206 was never in force: no "in force from … until today" beside its text
    rows = json.loads(run("versions", "eu/celex/52021PC0206", "--json", home=demo_home["home"]).stdout)["versions"]
    assert rows and [(r["kind"], r["in_force_from"], r["in_force_until"]) for r in rows] == [("draft", None, None)]
    res = run("versions", "eu/celex/52021PC0206", home=demo_home["home"])
    assert "today" not in res.stdout
    rows = json.loads(run("versions", "eu/celex/32024R1689", "--json", home=demo_home["home"]).stdout)["versions"]
    assert rows and all(r["in_force_from"] for r in rows)  # the act's text is


def test_an_act_is_in_force_from_its_entry_into_force_not_its_publication(demo_home):
    # the AI Act was published on 12 July 2024 and entered into force on 1 August 2024 (Article 113)
    data = json.loads(run("versions", "eu/celex/32024R1689", "--as-of", "2024-07-20", "--json",
                          home=demo_home["home"]).stdout)  # fmt: skip
    assert [r["in_force_from"] for r in data["versions"]] == ["2024-08-01"]
    assert data["as_of"]["version_id"] == data["versions"][0]["id"] and data["as_of"]["in_force"] is False
    res = run("versions", "eu/celex/32024R1689", "--as-of", "2024-07-20", home=demo_home["home"])
    assert "The text as it stood on 2024-07-20: version" in res.stdout and "In force on" not in res.stdout
    res = run("versions", "eu/celex/32024R1689", "--as-of", "2024-08-01", home=demo_home["home"])
    assert "In force on 2024-08-01: version" in res.stdout


def test_adding_an_alias_says_what_it_did_and_when_it_is_searchable(ailaw_home, monkeypatch, capsys):
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem
    from store.vocab import DocType
    from tests.cli import run_cli

    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id="eu/test/2099-ai", source="import", jurisdiction="EU",
                                                          doc_type=DocType.REGULATION, title="Test AI Regulation"))  # fmt: skip
    args = ("alias", "add", "TAR", "--to", "eu/test/2099-ai", "--source", "our firm's usage")
    code, out, err = run_cli(monkeypatch, capsys, *args)
    # it said "alias 'TAR' → eu/test/2099-ai: insert", then ": noop"
    assert code == 0 and out.strip() == "alias 'TAR' → eu/test/2099-ai: added; searchable after the next `ailaw index`"
    code, out, err = run_cli(monkeypatch, capsys, *args)
    assert out.strip() == "alias 'TAR' → eu/test/2099-ai: already stored, unchanged"
    code, out, err = run_cli(monkeypatch, capsys, "alias", "remove", "TAR", "--to", "eu/test/2099-ai")
    assert out.strip() == "alias 'TAR' of eu/test/2099-ai removed; no longer found after the next `ailaw index`"
