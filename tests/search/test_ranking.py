"""Ranking: with equal relevance, the act in force comes before the proposal it came from."""

from __future__ import annotations

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
