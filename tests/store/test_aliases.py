"""The curated alias table: copied from store/reference/aliases.toml into the store, each with its source, kept in
step by version, never overwriting a user's own alias; a change re-indexes the document it names."""

from __future__ import annotations

from sqlmodel import select

from store import crud
from store.db import session_scope
from store.models import Document, DocumentAlias
from store.reference import aliases
from store.vocab import Outcome


def test_every_curated_alias_cites_where_it_is_used():
    entries = aliases.curated()
    assert len(entries) >= 10
    assert all(e.source.strip() and ("http" in e.source or "Указ" in e.source) for e in entries)
    assert {e.kind for e in entries} <= set(aliases.KINDS)
    assert {e.language for e in entries} == {"en", "ru"}
    names = {(e.alias, e.document) for e in entries}
    assert ("GDPR", "eu/celex/32016R0679") in names and ("закон об ЭПР", "ru/pravo/0001202007310024") in names


def test_sync_copies_the_file_once_per_version_and_keeps_users_aliases(ailaw_home):
    with session_scope() as s:
        crud.upsert_alias(session=s, document_id="eu/celex/32016R0679", alias="GDPR", source="my firm's usage",
                          origin="user")  # fmt: skip
        changed = aliases.sync(session=s)
        assert changed == len(aliases.curated()) - 1  # the user's GDPR stays the user's
        assert aliases.sync(session=s) == 0  # same version: nothing to do
        assert aliases.sync(session=s, force=True) == 0  # and nothing differs
        rows = s.exec(select(DocumentAlias)).all()
        gdpr = next(r for r in rows if r.alias == "GDPR")
        assert (gdpr.origin, gdpr.source) == ("user", "my firm's usage")
        assert len(rows) == len(aliases.curated())


def test_an_alias_change_moves_the_documents_change_seq(ailaw_home):
    from store.items import DocumentItem
    from store.vocab import DocType

    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id="eu/celex/32022R2065", source="eu_cellar",
                                                          jurisdiction="EU", doc_type=DocType.REGULATION,
                                                          title="Digital Services Act"))  # fmt: skip
        before = s.get(Document, "eu/celex/32022R2065").change_seq
        assert crud.upsert_alias(session=s, document_id="eu/celex/32022R2065", alias="DSA", source="x",
                                 language="en", kind="abbreviation", origin="user") == Outcome.INSERT  # fmt: skip
        after = s.get(Document, "eu/celex/32022R2065").change_seq
        assert after > before
        assert crud.delete_alias(session=s, document_id="eu/celex/32022R2065", alias="DSA")
        assert s.get(Document, "eu/celex/32022R2065").change_seq > after
        assert not crud.delete_alias(session=s, document_id="eu/celex/32022R2065", alias="DSA")
