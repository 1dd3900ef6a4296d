"""Ranking: with equal relevance, the act in force comes before the proposal it came from; a citation in Russian
with no act named prefers the Russian texts."""

from __future__ import annotations

import datetime as dt

from search.indexer import rebuild
from search.query import search
from store import crud
from store.db import session_scope
from store.items import DocumentItem, VersionItem
from store.vocab import DocType, Stage, VersionKind

TEXT = "Article 6\nClassification rules for high-risk AI systems. Requirements for high-risk AI systems apply."


def test_act_in_force_outranks_its_proposal_for_the_same_text(ailaw_home):
    with session_scope() as s:
        for doc_id, stage, kind in (
            ("eu/celex/52021PC0206", Stage.PROPOSED, DocType.PROPOSAL),
            ("eu/celex/32024R1689", Stage.IN_FORCE, DocType.REGULATION),
        ):
            crud.upsert_document(
                session=s,
                item=DocumentItem(doc_id=doc_id, source="eu_cellar", jurisdiction="EU", title="Artificial intelligence",
                                  doc_type=kind, stage=stage, language="en", ai_relevant=True),
            )  # fmt: skip
            crud.add_version(
                session=s,
                item=VersionItem(doc_id=doc_id, label="text", kind=VersionKind.ORIGINAL, text=TEXT, language="en",
                                 source_url="https://example.org"),
            )  # fmt: skip
        rebuild(session=s)
    hits = search("high-risk AI systems").hits
    assert [h.id for h in hits] == ["eu/celex/32024R1689", "eu/celex/52021PC0206"]
    assert hits[0].score > hits[1].score


def _act(s, doc_id: str, language: str, adopted: dt.date, text: str) -> None:
    crud.upsert_document(
        session=s,
        item=DocumentItem(doc_id=doc_id, source="eu_cellar" if language == "en" else "ru_pravo",
                          jurisdiction="eu" if language == "en" else "ru", title=f"Act {doc_id}",
                          doc_type=DocType.FEDERAL_LAW if language == "ru" else DocType.REGULATION,
                          stage=Stage.IN_FORCE, language=language, date_adopted=adopted, ai_relevant=True),
    )  # fmt: skip
    crud.add_version(
        session=s,
        item=VersionItem(doc_id=doc_id, label="text", kind=VersionKind.ORIGINAL, text=text, language=language,
                         source_url="https://example.org"),
    )  # fmt: skip


def test_a_russian_citation_without_an_act_prefers_the_russian_texts_article(ailaw_home):
    """«ст. 5» names no act: the Russian law's article 5 comes first although the English act is more recent (at
    equal relevance the more recent comes first); "Article 5" says no language, so the more recent stays first."""
    with session_scope() as s:
        _act(s, "eu/celex/32024R1689", "en", dt.date(2024, 6, 13),
             "Article 4\nAI literacy.\nArticle 5\nProhibited AI practices.\nArticle 6\nClassification rules.")  # fmt: skip
        _act(s, "ru/pravo/0001202004240030", "ru", dt.date(2020, 4, 24),
             "Статья 4. Правовой режим.\nСтатья 5. Обработка персональных данных.\nСтатья 6. Сроки.")  # fmt: skip
        rebuild(session=s)
    russian = search("ст. 5").hits
    assert [h.id for h in russian] == ["ru/pravo/0001202004240030", "eu/celex/32024R1689"]
    assert [p.key for p in russian[0].provisions if p.cited] == ["art_5"]
    assert [h.id for h in search("Article 5").hits] == ["eu/celex/32024R1689", "ru/pravo/0001202004240030"]
