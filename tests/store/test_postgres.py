"""The same store on a real PostgreSQL server (started by scripts/with_postgres.sh in `make test` and CI)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store import crud, db
from store.items import DocumentItem, RelationItem, VersionItem
from store.read import get_document
from store.vocab import DocType, Outcome, RelationKind, VersionKind
from tests.store.conftest import PG_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="AILAW_TEST_POSTGRES_URL is not set (make test starts a server)"),
]


def test_the_suite_refuses_to_drop_a_schema_it_did_not_create():
    from tests import pg as schemas

    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE SCHEMA IF NOT EXISTS users_own_data"))
    try:
        with pytest.raises(AssertionError, match="did not create it"):
            schemas.drop_schema("users_own_data")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT 1 FROM pg_namespace WHERE nspname='users_own_data'")).scalar() == 1
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA users_own_data"))
        engine.dispose()


def _empty_schema() -> None:
    """Drop and create again the test's own schema: migrations start from nothing."""
    schema = db.get_engine().url.query["options"].split("=", 1)[1]
    with db.get_engine().begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(sa.text(f"COMMENT ON SCHEMA \"{schema}\" IS 'created by the ailaw test suite'"))
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


def test_document_keys_migration_and_resolution_on_postgres(pg):
    """0002 on PostgreSQL: created and backfilled from JSONB identifiers; relations resolve through the keys."""
    from tests.store.test_act_keys import amended_by_124, check_migration_backfills_keys, decree_124, views

    _empty_schema()  # start again from an empty schema (ours), at 0001
    check_migration_backfills_keys(pg)
    db.forget_engines()
    with db.session_scope() as s:
        crud.upsert_relation(session=s, item=amended_by_124())
        crud.upsert_document(session=s, item=decree_124())
    assert views("ru/pravo/0001201910110003") == [
        ("amended-by", "ru/pravo/0001202402150000", "ru/act/2024-02-15/124", True, "out")
    ]
    assert views("ru/pravo/0001202402150000") == [("amends", "ru/pravo/0001201910110003", None, True, "in")]


def test_ai_via_migration_on_postgres(pg):
    """0012_alerts2 on PostgreSQL: a stored amending act of an AI act gets its reason and a change-log row."""
    from tests.store.test_relevance_via_relations import check_migration_backfills_ai_via

    _empty_schema()
    check_migration_backfills_ai_via(pg)
    db.forget_engines()


def test_fixes_migration_on_postgres(pg):
    """0013_fixes on PostgreSQL: the draft's alias renamed in its JSONB list, the EP vote restaged."""
    from tests.store.test_migration_fixes import check_migration_renames_and_restages

    _empty_schema()
    check_migration_renames_and_restages(pg)
    db.forget_engines()
