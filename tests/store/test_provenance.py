"""Every version says where its text comes from: fetched, copied, reconstructed, documented, imported or OCR."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, select

from store import crud, db
from store.db import session_scope
from store.items import ArchiveRef, DocumentItem, VersionItem
from store.models import Version
from store.vocab import DocType, Provenance, VersionKind
from tests.store.test_act_keys import upgrade

DOC = "eu/celex/32024R1689"


def _store(item: VersionItem) -> Version:
    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id=DOC, source="eu_cellar", jurisdiction="EU",
                                                          title="AI Act", doc_type=DocType.REGULATION))  # fmt: skip
        crud.add_version(session=s, item=item)
    with session_scope() as s:
        row = s.exec(select(Version).where(Version.document_id == DOC)).all()[-1]
        s.expunge(row)
        return row


def _item(text: str, **kw) -> VersionItem:
    return VersionItem(doc_id=DOC, label="OJ", kind=VersionKind.ORIGINAL, text=text, source_url="https://x", **kw)


def test_archive_record_decides_when_the_parser_does_not(ailaw_home):
    fetched = _store(_item("Article 1", archive=ArchiveRef(warc_file="a.warc.gz", record_id="<urn:1>")))
    assert (fetched.provenance, fetched.provenance_detail) == ("fetched", {})
    rebuilt = _store(
        _item(
            "Article 2",
            archive=ArchiveRef(
                warc_file="a.warc.gz", record_id="<urn:2>", reconstructed=True, note="rebuilt from the dossier"
            ),
        )
    )
    assert rebuilt.provenance == "reconstructed" and rebuilt.reconstructed
    assert rebuilt.provenance_detail == {"note": "rebuilt from the dossier"}


def test_a_parser_that_knows_better_wins(ailaw_home):
    ocr = _store(
        _item(
            "Section 1",
            provenance=Provenance.OCR,
            provenance_detail={"ocr_confidence": 91.5},
            archive=ArchiveRef(warc_file="a.warc.gz", record_id="<urn:3>", note="signed act (scan)"),
        )
    )
    assert ocr.provenance == "ocr"
    assert ocr.provenance_detail == {"ocr_confidence": 91.5, "note": "signed act (scan)"}


def test_migration_backfills_provenance(tmp_path, monkeypatch):
    """Versions stored before 0003: a reconstructed one and an imported file keep saying what they are."""
    monkeypatch.setenv("AILAW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
    db.forget_engines()
    url = f"sqlite:///{tmp_path / 'old.db'}"
    try:
        upgrade(url, "0002")
        engine = db.get_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO document (id, source, jurisdiction, doc_type, title, identifiers, "
                                 "aliases, notes, subjects, ai_terms, reconstructed, extra, created_at, updated_at, "
                                 "change_seq) VALUES ('d', 's', 'EU', 'other', 't', '{}', '[]', '[]', '[]', '[]', 0, "
                                 "'{}', '2026-01-01', '2026-01-01', 1)"))  # fmt: skip
            for sha, url_, rec in (("a", "https://x", 0), ("b", "https://y", 1), ("c", "file:///tmp/x.pdf", 0)):
                conn.execute(sa.text("INSERT INTO version (document_id, label, kind, text, provisions, sha256, "
                                     "first_seen_at, source_url, reconstructed, notes) VALUES ('d', 'l', 'original', "
                                     f"'t', '[]', '{sha}', '2026-01-01', '{url_}', {rec}, '[]')"))  # fmt: skip
        upgrade(url, "head")
        with Session(engine) as s:
            got = {v.sha256: (v.provenance, v.provenance_detail) for v in s.exec(select(Version)).all()}
        assert got == {"a": ("fetched", {}), "b": ("reconstructed", {}), "c": ("imported", {})}
    finally:
        db.forget_engines()
