"""AI relevance through relations (store.relevance) on a real store: an act amending an AI act is AI-related with
its reason, whichever was stored first; the reason is not passed along a chain; metadata does not undo it."""

from __future__ import annotations

import pytest
from sqlmodel import select

AI_ACT = "eu/celex/32024R1689"
OMNIBUS = "eu/celex/32026R1744"


def _doc(doc_id: str, title: str, ai: bool, **extra):
    from store.items import DocumentItem
    from store.vocab import DocType

    return DocumentItem(doc_id=doc_id, source="eu_cellar", jurisdiction="EU", doc_type=DocType.REGULATION,
                        title=title, language="en", ai_relevant=ai, **extra)  # fmt: skip


def _store(*items) -> None:
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem, RelationItem

    with session_scope() as s:
        for item in items:
            if isinstance(item, DocumentItem):
                crud.upsert_document(session=s, item=item)
            elif isinstance(item, RelationItem):
                crud.upsert_relation(session=s, item=item)


def _read(doc_id: str):
    from store.db import session_scope
    from store.models import Document

    with session_scope() as s:
        doc = s.get(Document, doc_id)
        return doc.ai_relevant, dict(doc.ai_via or {})


def _rel(doc_id: str, kind: str, target: str):
    from store.items import RelationItem
    from store.vocab import RelationKind

    return RelationItem(doc_id=doc_id, kind=RelationKind(kind), target_id=target)


def test_the_amending_act_stored_after_the_relation_is_ai_related_with_its_reason(ailaw_home):
    from store.db import session_scope
    from store.models import Change

    _store(_doc(AI_ACT, "Regulation laying down harmonised rules on artificial intelligence", True))
    _store(_rel(AI_ACT, "amended-by", OMNIBUS))  # the AI Act's notice names the amending act before it is stored
    _store(_doc(OMNIBUS, "Regulation (EU) 2026/1744", False))
    relevant, via = _read(OMNIBUS)
    assert relevant is True
    assert via["kind"] == "amends" and via["document_id"] == AI_ACT and "artificial intelligence" in via["title"]
    with session_scope() as s:  # a change the indexer follows (the AI-only search shows it)
        logged = s.exec(select(Change).where(Change.document_id == OMNIBUS)).all()
    assert any(c.detail.get("ai_via") for c in logged)
    # metadata read again (not about AI) does not undo it
    _store(_doc(OMNIBUS, "Regulation (EU) 2026/1744", False, summary="Amendments to Regulation (EU) 2024/1689"))
    assert _read(OMNIBUS)[0] is True


def test_the_amending_act_stored_first_and_the_ai_act_later(ailaw_home):
    _store(_doc(OMNIBUS, "Regulation (EU) 2026/1744", False))
    _store(_rel(OMNIBUS, "amends", AI_ACT))  # stated by the amending act, the AI Act not stored yet
    assert _read(OMNIBUS) == (False, {})
    _store(_doc(AI_ACT, "Regulation laying down harmonised rules on artificial intelligence", True))
    assert _read(OMNIBUS)[1]["document_id"] == AI_ACT


def test_an_act_amending_a_non_ai_act_or_an_amending_act_stays_as_it_is(ailaw_home):
    _store(_doc(AI_ACT, "Regulation laying down harmonised rules on artificial intelligence", True),
           _doc(OMNIBUS, "Regulation (EU) 2026/1744", False),
           _doc("eu/celex/32027R0001", "Regulation (EU) 2027/1", False),
           _doc("eu/celex/32022R2065", "Regulation on a Single Market For Digital Services", False),
           _doc("eu/celex/32027R0002", "Regulation (EU) 2027/2", False))  # fmt: skip
    _store(_rel(OMNIBUS, "amends", AI_ACT), _rel("eu/celex/32027R0001", "amends", OMNIBUS),
           _rel("eu/celex/32027R0002", "amends", "eu/celex/32022R2065"),
           _rel("eu/celex/32022R2065", "related", AI_ACT))  # fmt: skip
    assert _read(OMNIBUS)[0] is True
    assert _read("eu/celex/32027R0001") == (False, {})  # amends the amending act: no chain
    assert _read("eu/celex/32027R0002") == (False, {})  # amends an act that is not about AI
    assert _read("eu/celex/32022R2065") == (False, {})  # merely related


def check_migration_backfills_ai_via(url: str) -> None:
    """A store from before 0012_alerts2: the amending act named by the AI Act's "amended by" becomes AI-related,
    with a row in the change log (so the indexer shows it to AI-only searches)."""
    import sqlalchemy as sa
    from sqlmodel import Session

    from store import db
    from store.models import Change, ChangeCounter, Document
    from tests.store.test_act_keys import upgrade

    upgrade(url, "0004_search")
    engine = db.get_engine(url)
    with engine.begin() as conn:
        for doc_id, title, ai in ((AI_ACT, "Regulation on artificial intelligence", "TRUE"),
                                  (OMNIBUS, "Regulation (EU) 2026/1744", "FALSE"),
                                  ("eu/celex/32027R0001", "Regulation (EU) 2027/1", "FALSE")):  # fmt: skip
            conn.execute(sa.text(
                "INSERT INTO document (id, source, jurisdiction, doc_type, title, identifiers, aliases, notes, "
                "subjects, ai_relevant, ai_terms, reconstructed, extra, created_at, updated_at, change_seq) "
                f"VALUES ('{doc_id}', 'eu_cellar', 'EU', 'regulation', '{title}', '{{}}', '[]', '[]', '[]', {ai}, "
                "'[]', FALSE, '{}', '2026-01-01', '2026-01-01', 0)"))  # fmt: skip
        conn.execute(sa.text("INSERT INTO relation (document_id, kind, target_id, detail) VALUES "
                             f"('{AI_ACT}', 'amended-by', '{OMNIBUS}', '{{}}')"))  # fmt: skip
        before = conn.execute(sa.text("SELECT value FROM change_counter WHERE name = 'change'")).scalar_one()
    upgrade(url, "head")
    with Session(engine) as s:
        omnibus, other = s.get(Document, OMNIBUS), s.get(Document, "eu/celex/32027R0001")
        assert omnibus.ai_relevant is True and omnibus.ai_via["kind"] == "amends"
        assert omnibus.ai_via["document_id"] == AI_ACT
        assert other.ai_relevant is False and other.ai_via == {}
        (logged,) = s.exec(select(Change).where(Change.document_id == OMNIBUS)).all()
        assert logged.seq == before + 1 and logged.detail["ai_via"]["document_id"] == AI_ACT
        assert s.get(ChangeCounter, "change").value == before + 1
        assert omnibus.change_seq == logged.seq


def test_migration_gives_stored_amending_acts_their_reason_and_logs_them(tmp_path, monkeypatch):
    from store import db

    monkeypatch.setenv("AILAW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
    db.forget_engines()
    try:
        check_migration_backfills_ai_via(f"sqlite:///{tmp_path / 'old.db'}")
    finally:
        db.forget_engines()


@pytest.mark.parametrize("relation_first", [True, False], ids=["relation-then-act", "act-then-relation"])
def test_an_amending_decree_cited_by_number_and_date_is_ai_related_either_way(ailaw_home, relation_first):
    """Decree No. 490's editions name the amending decree «№ 124 от 15.02.2024» by a key, not an id."""
    from tests.store.test_act_keys import amended_by_124, decree_124, decree_490

    strategy, amending = decree_490(), decree_124()
    strategy.ai_relevant = True  # «О развитии искусственного интеллекта…» (the relevance pipeline's verdict)
    amending.ai_relevant = False  # its title says it amends a decree, nothing about AI itself
    _store(strategy)
    for item in (amended_by_124(), amending) if relation_first else (amending, amended_by_124()):
        _store(item)
    assert _read(amending.doc_id) == (
        True,
        {"kind": "amends", "document_id": "ru/pravo/0001201910110003", "title": decree_490().title},
    )
