"""The judged queries of tests/search/relevance_set.toml over the demo data: each must meet its judgement, and the
report must meet its targets (recall@10 ≥ 0.95 for English and for Russian, EN–RU gap ≤ 0.05).

The set says, per query, which documents are relevant and where in the texts that comes from; `make bench` prints
the same report with MRR and recall@10 per language and kind (bench/relevance.py).
"""

from __future__ import annotations

import pytest

from bench import relevance

JUDGED = relevance.load()


def test_the_set_is_large_and_varied():
    assert len(JUDGED) >= 80
    kinds = {j.kind for j in JUDGED}
    assert {"natural", "question", "name", "abbreviation", "identifier", "citation", "cross-language", "mixed"} <= kinds
    langs = {j.lang for j in JUDGED}
    assert {"en", "ru", "mixed"} <= langs
    assert all(j.evidence.strip() for j in JUDGED)


@pytest.fixture(scope="module")
def outcomes(demo_home):
    from tests.conftest import ailaw_env

    with ailaw_env(demo_home["home"]):
        return {o.judged.id: o for o in (relevance.evaluate(j) for j in JUDGED)}


@pytest.mark.parametrize("judged", JUDGED, ids=[j.id for j in JUDGED])
def test_judged_query(outcomes, judged):
    outcome = outcomes[judged.id]
    assert outcome.passed, f"{judged.query!r}: {'; '.join(outcome.problems())} — got {outcome.hits[:5]}"


def test_report_meets_the_targets(outcomes):
    rep = relevance.report(list(outcomes.values()))
    for lang in ("en", "ru"):
        assert rep["by_language"][lang]["recall@10"] >= relevance.TARGET_RECALL, lang
    assert rep["gap_en_ru"]["recall@10"] <= relevance.TARGET_GAP


RECORDED = relevance.load_recorded()


@pytest.mark.parametrize("query_id", sorted(RECORDED))
def test_same_first_ten_as_recorded(outcomes, query_id):
    """Search returns the first ten documents recorded for each judged query, in the same order (speed work must
    not change what a lawyer sees; re-record with `python -m bench.relevance --record` after a deliberate change)."""
    assert outcomes[query_id].hits[:10] == RECORDED[query_id]["hits"], RECORDED[query_id]["query"]


def test_every_judged_query_is_recorded():
    assert set(RECORDED) == {j.id for j in JUDGED}
