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
        assert changed == {e.document for e in aliases.curated() if e.alias != "GDPR"}  # the user's GDPR stays
        assert aliases.sync(session=s) == set()  # same version: nothing to do
        assert aliases.sync(session=s, force=True) == set()  # and nothing differs
        rows = s.exec(select(DocumentAlias)).all()
        gdpr = next(r for r in rows if r.alias == "GDPR")
        assert (gdpr.origin, gdpr.source) == ("user", "my firm's usage")
        assert len(rows) == len(aliases.curated())


def test_an_alias_change_is_a_change_of_the_document(ailaw_home):
    """In the store's change log (the indexer re-indexes the document), and no news for alerts (no detail)."""
    from store import changes
    from store.items import DocumentItem
    from store.vocab import ChangeKind, DocType

    dsa = "eu/celex/32022R2065"
    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id=dsa, source="eu_cellar", jurisdiction="EU",
                                                          doc_type=DocType.REGULATION, title="Digital Services Act"))  # fmt: skip
    with session_scope() as s:
        start = changes.last_seq(session=s)
        assert crud.upsert_alias(session=s, document_id=dsa, alias="DSA", source="x", language="en",
                                 kind="abbreviation", origin="user") == Outcome.INSERT  # fmt: skip
    with session_scope() as s:
        assert crud.delete_alias(session=s, document_id=dsa, alias="DSA")
        assert not crud.delete_alias(session=s, document_id=dsa, alias="DSA")
    with session_scope() as s:
        logged = changes.after(session=s, seq=start)
        assert [(c.document_id, c.kind, c.detail) for c in logged] == [
            (dsa, str(ChangeKind.DOCUMENT), {"alias": "DSA"}), (dsa, str(ChangeKind.DOCUMENT), {"alias": "DSA"})]  # fmt: skip
        assert s.get(Document, dsa).change_seq == logged[-1].seq


def test_a_sync_outside_the_indexer_leaves_its_changes_to_the_next_index_run(ailaw_home):
    """``ailaw alias list`` syncs the curated file too: its changes are logged, so the next ``ailaw index`` indexes
    those documents (the indexer's own sync, ``log=False``, indexes them at once and logs nothing)."""
    from store import changes
    from store.items import DocumentItem
    from store.vocab import ChangeKind, DocType

    dsa = "eu/celex/32022R2065"  # the curated file names it ("DSA")
    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id=dsa, source="eu_cellar", jurisdiction="EU",
                                                          doc_type=DocType.REGULATION, title="Digital Services Act"))  # fmt: skip
    with session_scope() as s:
        start = changes.last_seq(session=s)
        assert dsa in aliases.sync(session=s, log=False)  # the indexer's
    with session_scope() as s:
        assert changes.after(session=s, seq=start) == []
        for row in s.exec(select(DocumentAlias).where(DocumentAlias.document_id == dsa)).all():
            crud.delete_alias(session=s, document_id=dsa, alias=row.alias, log=False)
    with session_scope() as s:
        assert dsa in aliases.sync(session=s, force=True)  # ``ailaw alias list``'s
    with session_scope() as s:
        logged = changes.after(session=s, seq=start)
        assert logged and {(c.document_id, c.kind) for c in logged} == {(dsa, str(ChangeKind.DOCUMENT))}
