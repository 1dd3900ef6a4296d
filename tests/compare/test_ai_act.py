"""The AI Act's path on real texts: the Commission proposal (committed Markdown, imported as a user would) against
the final act replayed from the demo archive. Cross-document: eu/celex/52021PC0206 vs eu/celex/32024R1689."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ailaw_env

PROPOSAL = "eu/celex/52021PC0206"
ACT = "eu/celex/32024R1689"


@pytest.fixture(scope="module")
def ai_act_home(demo_home) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The demo home: `ailaw demo` imports the proposal (jobs.import_demo_texts); importing it again is a no-op."""
    from ailaw import jobs

    home = demo_home["home"]
    with ailaw_env(home):
        proposal = jobs.show(PROPOSAL)
        assert len(proposal.versions) == 1 and len(proposal.versions[0].provisions) > 400
        again = jobs.import_demo_texts()
        assert again[0].outcome == "noop"  # the same text is stored only once
        yield home


@pytest.fixture(scope="module")
def comparison(ai_act_home: Path):  # type: ignore[no-untyped-def]
    from ailaw import jobs

    with ailaw_env(ai_act_home):
        return jobs.diff(PROPOSAL, against=ACT)


def _moves(c) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(r.old.number, r.new.number) for r in c.rows if r.status == "moved" and r.kind == "article"}


def test_renumbered_articles_are_moved(comparison) -> None:  # type: ignore[no-untyped-def]
    # Known renumberings (proposal -> Regulation (EU) 2024/1689): transparency 52 -> 50, EU database 60 -> 71,
    # post-market monitoring 61 -> 72, serious incidents 62 -> 73, codes of conduct 69 -> 95, penalties 71 -> 99,
    # committee procedure 74 -> 98, evaluation and review 84 -> 112.
    expected = {("52", "50"), ("60", "71"), ("61", "72"), ("62", "73"), ("69", "95"), ("71", "99"), ("74", "98"),
                ("84", "112")}  # fmt: skip
    assert expected <= _moves(comparison), expected - _moves(comparison)
    assert len(_moves(comparison)) >= 40


def test_a_heading_and_content_match_wins_over_a_bare_number_match(comparison) -> None:  # type: ignore[no-untyped-def]
    # The proposal's Article 53 «AI regulatory sandboxes» is Article 57 of the final act, rewritten (a fifth of its
    # word trigrams kept); number 53 now holds «Obligations for providers of general-purpose AI models». The same
    # for Registration 51 -> 49, Tasks of the Board 58 -> 66, users' (deployers') obligations 29 -> 26, and entry
    # into force 85 -> 113. None of them is "replaced" in place.
    rows = {r.old.key: r for r in comparison.rows if r.old is not None and r.kind == "article"}
    for old, new in [("53", "57"), ("51", "49"), ("58", "66"), ("29", "26"), ("85", "113")]:
        row = rows[f"art_{old}"]
        assert (row.status, row.new.number if row.new else None) == ("moved", new), (old, row.status)
        assert row.old.heading.split()[-1].lower() in row.new.heading.lower()
    assert "Article 53 moved to Article 57 with" in " | ".join(comparison.summary("en"))
    assert {r.new.number for r in comparison.rows if r.status == "inserted" and r.kind == "article"} >= {"53", "51"}
    sandbox = rows["art_53"]
    assert 0.1 <= sandbox.similarity < 0.3  # followed on its heading, with the content it kept


def test_inserted_articles_are_named(comparison) -> None:  # type: ignore[no-untyped-def]
    inserted = {r.new.number for r in comparison.rows if r.status == "inserted" and r.kind == "article"}
    # general-purpose AI models (Articles 51-56 of the final act, Chapter V) did not exist in the proposal
    assert {"52", "54", "55"} <= inserted
    assert comparison.counts["inserted"] >= 100  # recitals, articles, the annexes the Markdown has no copy of
    summary = comparison.summary("en")
    assert "Article 55 inserted" in summary
    assert "Article 52 moved to Article 50 with" in " | ".join(summary)


def test_summary_reads_like_a_lawyer_wrote_it(comparison) -> None:  # type: ignore[no-untyped-def]
    from compare.summary import overview

    text = overview(comparison.counts)
    assert text.startswith(f"{comparison.counts['moved']} provisions moved, ")
    for line in comparison.summary("en"):
        assert line[0].isupper() and len(line) < 200, line
        assert "None" not in line and "_" not in line, line


def test_cli_diff_json_of_the_pair(ai_act_home: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ailaw import cli

    with ailaw_env(ai_act_home):
        monkeypatch.setattr(sys, "argv", ["ailaw", "diff", PROPOSAL, "--against", ACT, "--format", "json"])
        with pytest.raises(SystemExit) as exc:
            cli.main()
            raise SystemExit(0)
    assert exc.value.code in (0, None)
    data = json.loads(capsys.readouterr().out)
    assert data["from"]["document_id"] == PROPOSAL and data["to"]["document_id"] == ACT
    moved = {(p["from"]["key"], p["to"]["key"]) for p in data["provisions"] if p["status"] == "moved"}
    assert ("art_71", "art_99") in moved
