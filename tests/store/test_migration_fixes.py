"""0013_fixes on a store an older ailaw filled: a regulation.gov.ru draft's "npa=166424" alias becomes the citation a
Russian lawyer writes, and the European Parliament's first-reading vote leaves "passed lower house"."""

from __future__ import annotations

from sqlmodel import select


def check_migration_renames_and_restages(url: str) -> None:
    import sqlalchemy as sa
    from sqlmodel import Session

    from store import db
    from store.models import Change, Document, Event
    from tests.store.test_act_keys import upgrade

    upgrade(url, "0012_alerts2")
    engine = db.get_engine(url)
    with engine.begin() as conn:
        for doc_id, source, aliases, stage, raw in (
            ("ru/regulation/166424", "ru_regulation", '["166424", "npa=166424", "04/15/05-26/00167857"]',
             "draft", "Публичное обсуждение"),
            ("eu/celex/52099PC0001", "eu_cellar", "[]", "passed-lower", "VOTE_byEP"),
            ("ru/duma/1-8", "ru_duma", "[]", "passed-lower", "Принять законопроект в первом чтении"),
        ):  # fmt: skip
            conn.execute(sa.text(
                "INSERT INTO document (id, source, jurisdiction, doc_type, title, identifiers, aliases, notes, "
                "subjects, ai_relevant, ai_terms, reconstructed, extra, created_at, updated_at, change_seq, "
                f"ai_via, stage, stage_raw) VALUES ('{doc_id}', '{source}', 'RU', 'proposal', 't', '{{}}', "
                f"'{aliases}', '[]', '[]', TRUE, '[]', FALSE, '{{}}', '2026-01-01', '2026-01-01', 0, '{{}}', "
                f"'{stage}', '{raw}')"))  # fmt: skip
            conn.execute(sa.text("INSERT INTO event (document_id, date, stage, raw) VALUES "
                                 f"('{doc_id}', '2024-03-13', '{stage}', '{raw}')"))  # fmt: skip
        before = conn.execute(sa.text("SELECT value FROM change_counter WHERE name = 'change'")).scalar_one()
    upgrade(url, "head")
    with Session(engine) as s:
        draft = s.get(Document, "ru/regulation/166424")
        assert draft.aliases == ["166424", "regulation.gov.ru, проект № 166424", "04/15/05-26/00167857"]
        (logged,) = s.exec(select(Change).where(Change.document_id == draft.id)).all()
        assert logged.seq == before + 1 == draft.change_seq  # the indexer reads its names again
        stages = {e.document_id: e.stage for e in s.exec(select(Event)).all()}
        assert stages == {"ru/regulation/166424": "draft", "eu/celex/52099PC0001": "first-reading",
                          "ru/duma/1-8": "passed-lower"}  # fmt: skip
        assert s.get(Document, "eu/celex/52099PC0001").stage == "first-reading"
        assert s.get(Document, "ru/duma/1-8").stage == "passed-lower"  # the Duma is a lower house


def test_migration_renames_the_draft_alias_and_moves_the_ep_vote_to_first_reading(tmp_path, monkeypatch):
    from store import db

    monkeypatch.setenv("AILAW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
    db.forget_engines()
    try:
        check_migration_renames_and_restages(f"sqlite:///{tmp_path / 'old.db'}")
    finally:
        db.forget_engines()
