"""The same store on a real PostgreSQL server (started by scripts/with_postgres.sh in `make test` and CI)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from store import crud, db
from store.items import DocumentItem, RelationItem, VersionItem
from store.read import get_document
from store.vocab import DocType, Outcome, RelationKind, VersionKind

PG_URL = os.environ.get("AILAW_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="AILAW_TEST_POSTGRES_URL is not set (make test starts a server)"),
]


@pytest.fixture
def pg(monkeypatch):
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    monkeypatch.setenv("AILAW_DATABASE_URL", PG_URL)
    db.forget_engines()
    db.init_db()
    yield PG_URL
    db.forget_engines()


def test_migrations_and_upserts_on_postgres(pg):
    engine = db.get_engine()
    assert engine.dialect.name == "postgresql"
    with db.session_scope() as s:
        item = DocumentItem(doc_id="ru/pravo/0001201910110003", source="ru_pravo", jurisdiction="RU",
                            title="Указ Президента Российской Федерации от 10.10.2019 № 490", doc_type=DocType.DECREE,
                            aliases=["№ 490"], identifiers={"eo_number": "0001201910110003"})  # fmt: skip
        assert crud.upsert_document(session=s, item=item) is Outcome.INSERT
        assert crud.upsert_document(session=s, item=item) is Outcome.NOOP
        v = VersionItem(doc_id=item.doc_id, label="2024", kind=VersionKind.EDITION, text="1. Настоящая Стратегия",
                        source_url="http://actual.pravo.gov.ru")  # fmt: skip
        assert crud.add_version(session=s, item=v) is Outcome.INSERT
        assert crud.add_version(session=s, item=v) is Outcome.NOOP
        rel = RelationItem(doc_id=item.doc_id, kind=RelationKind.AMENDED_BY, target_id="ru/pravo/124",
                           detail={"caption": "№ 124 от 15.02.2024"})  # fmt: skip
        assert crud.upsert_relation(session=s, item=rel) is Outcome.INSERT
    with db.session_scope() as s:
        detail = get_document(session=s, doc_id="ru/pravo/0001201910110003")
        assert detail.document.aliases == ["№ 490"]
        assert detail.relations[0].detail == {"caption": "№ 124 от 15.02.2024"}
        # JSON columns are JSONB on PostgreSQL
        kind = s.exec(sa.text("SELECT data_type FROM information_schema.columns WHERE table_name='document' "
                              "AND column_name='aliases'")).scalar()  # fmt: skip
        assert kind == "jsonb"
