"""Writes say what they did; versions are immutable and deduplicated by their normalised text."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from store import crud
from store.db import session_scope
from store.items import ArchiveRef, DocumentItem, EventItem, Provision, RelationItem, VersionItem
from store.models import CrawlRun, Document, Version
from store.read import get_document, source_summary
from store.vocab import DocType, Outcome, RelationKind, Stage, VersionKind


def _doc(**kw):
    base = dict(doc_id="eu/celex/32024R1689", source="eu_cellar", jurisdiction="EU", title="AI Act",
                doc_type=DocType.REGULATION)  # fmt: skip
    base.update(kw)
    return DocumentItem(**base)


def _version(text="Article 1\nSubject matter", **kw):
    base = dict(doc_id="eu/celex/32024R1689", label="OJ", kind=VersionKind.ORIGINAL, text=text, source_url="https://x")
    base.update(kw)
    return VersionItem(**base)


def test_upsert_document_insert_then_noop_then_update(ailaw_home):
    with session_scope() as s:
        assert crud.upsert_document(session=s, item=_doc()) is Outcome.INSERT
    with session_scope() as s:
        assert crud.upsert_document(session=s, item=_doc()) is Outcome.NOOP
    with session_scope() as s:
        assert crud.upsert_document(session=s, item=_doc(stage=Stage.IN_FORCE)) is Outcome.UPDATE
        assert s.get(Document, "eu/celex/32024R1689").stage == "in-force"


def test_upsert_document_merges_and_never_erases(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(
            session=s,
            item=_doc(aliases=["2024/1689"], identifiers={"celex": "32024R1689"}, date_published=dt.date(2024, 7, 12)),
        )
    with session_scope() as s:
        outcome = crud.upsert_document(
            session=s, item=_doc(doc_type=DocType.OTHER, aliases=["AI Act"], identifiers={"eli": "reg/2024/1689/oj"})
        )
        doc = s.get(Document, "eu/celex/32024R1689")
        assert outcome is Outcome.UPDATE
        assert doc.aliases == ["2024/1689", "AI Act"]
        assert doc.identifiers == {"celex": "32024R1689", "eli": "reg/2024/1689/oj"}
        assert doc.date_published == dt.date(2024, 7, 12)  # not given again, not erased
        assert doc.doc_type == "regulation"  # a generic type never overwrites a specific one


def test_change_seq_grows_on_every_change(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        first = s.get(Document, "eu/celex/32024R1689").change_seq
        crud.upsert_document(session=s, item=_doc(title="Artificial Intelligence Act"))
        second = s.get(Document, "eu/celex/32024R1689").change_seq
        crud.add_version(session=s, item=_version())
        third = s.get(Document, "eu/celex/32024R1689").change_seq
    assert first < second < third


def test_same_text_never_makes_a_new_version(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        assert crud.add_version(session=s, item=_version("Article 1\n\nSubject  matter")) is Outcome.INSERT
        # whitespace and non-breaking spaces only: same normalised text
        assert crud.add_version(session=s, item=_version("Article\u00a01 \n\n\n Subject matter ")) is Outcome.NOOP
        assert crud.add_version(session=s, item=_version("Article 1\n\nSubject matter and scope")) is Outcome.INSERT
        assert len(s.exec(select(Version)).all()) == 2


def test_version_keeps_provenance_and_provisions(ailaw_home):
    ref = ArchiveRef(warc_file="demo.warc.gz", record_id="<urn:uuid:1>", offset=42, reconstructed=True)
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        crud.add_version(
            session=s,
            item=_version(archive=ref, provisions=[Provision(key="art_1", kind="article", number="1", text="x")]),
        )
    with session_scope() as s:
        detail = get_document(session=s, doc_id="eu/celex/32024R1689")
    v = detail.versions[0]
    assert (v.archive_file, v.archive_record_id, v.archive_offset, v.reconstructed) == (
        "demo.warc.gz",
        "<urn:uuid:1>",
        42,
        True,
    )
    assert v.provisions[0]["key"] == "art_1"
    assert len(v.sha256) == 64
    assert detail.document.reconstructed is True  # the document says a record behind it was reconstructed


def test_events_and_relations_upsert(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        ev = EventItem(doc_id="eu/celex/32024R1689", date=dt.date(2024, 7, 12), stage=Stage.PUBLISHED, raw="PUB_OJ")
        assert crud.upsert_event(session=s, item=ev) is Outcome.INSERT
        assert crud.upsert_event(session=s, item=ev) is Outcome.NOOP
        rel = RelationItem(doc_id="eu/celex/32024R1689", kind=RelationKind.AMENDED_BY, target_id="eu/celex/32026R1744",
                           detail={"provisions": ["Article 97(6)"]})  # fmt: skip
        assert crud.upsert_relation(session=s, item=rel) is Outcome.INSERT
        assert crud.upsert_relation(session=s, item=rel) is Outcome.NOOP
        rel.date = dt.date(2026, 7, 27)
        assert crud.upsert_relation(session=s, item=rel) is Outcome.UPDATE


def test_inbound_relations_are_shown_inverted(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        crud.upsert_document(session=s, item=_doc(doc_id="eu/celex/32026R1744", title="Digital Omnibus on AI"))
        crud.upsert_relation(
            session=s,
            item=RelationItem(
                doc_id="eu/celex/32024R1689", kind=RelationKind.AMENDED_BY, target_id="eu/celex/32026R1744"
            ),
        )
    with session_scope() as s:
        omnibus = get_document(session=s, doc_id="eu/celex/32026R1744")
    assert [(r.kind, r.target_id, r.direction) for r in omnibus.relations] == [("amends", "eu/celex/32024R1689", "in")]
    assert omnibus.relations[0].target_label == "AI Act"


def test_crawl_run_counts_and_errors(ailaw_home):
    with session_scope() as s:
        run_id = crud.start_crawl_run(session=s, spider="eu_cellar", mode="replay", archive="a.warc.gz")
    with session_scope() as s:
        crud.finish_crawl_run(session=s, run_id=run_id, counts={"items": 3, "unchanged": 3},
                              errors=[{"url": "https://x", "message": "WAF"}])  # fmt: skip
    with session_scope() as s:
        run = s.get(CrawlRun, run_id)
        assert (run.status, run.items, run.unchanged, run.errors[0]["message"]) == ("finished", 3, 3, "WAF")
        assert run.finished_at is not None
    with session_scope() as s, pytest.raises(LookupError):
        crud.finish_crawl_run(session=s, run_id=999, counts={}, errors=[])


def test_cursor_roundtrip(ailaw_home):
    with session_scope() as s:
        assert crud.get_cursor(session=s, name="search.versions") == 0
        crud.set_cursor(session=s, name="search.versions", value=7)
    with session_scope() as s:
        assert crud.get_cursor(session=s, name="search.versions") == 7


def test_source_summary_counts(ailaw_home):
    with session_scope() as s:
        crud.ensure_source(session=s, key="eu_cellar", name="EUR-Lex / Cellar", jurisdiction="EU", base_url="https://x")
        crud.upsert_document(session=s, item=_doc(ai_relevant=True))
        crud.add_version(session=s, item=_version())
    with session_scope() as s:
        rows = source_summary(session=s)
    assert rows == [
        {"source": "eu_cellar", "name": "EUR-Lex / Cellar", "jurisdiction": "EU", "base_url": "https://x", "documents": 1,
         "ai_documents": 1, "versions": 1, "relations": 0, "events": 0, "last_run": None}
    ]  # fmt: skip


def test_recent_documents_and_filter_values(ailaw_home):
    from store.read import filter_values, recent_documents

    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc(date_published=dt.date(2024, 7, 12), language="en"))
        crud.upsert_document(
            session=s,
            item=_doc(doc_id="ru/pravo/0001201910110003", source="ru_pravo", jurisdiction="RU", title="Указ № 490",
                      doc_type=DocType.DECREE, language="ru", stage=Stage.PUBLISHED, date_adopted=dt.date(2019, 10, 10)),
        )  # fmt: skip
    with session_scope() as s:
        assert [d.id for d in recent_documents(session=s, limit=1)] == ["ru/pravo/0001201910110003"]
        values = filter_values(session=s)
    assert values.jurisdictions == ["EU", "RU"]
    assert values.doc_types == ["decree", "regulation"]
    assert values.stages == ["published"]
    assert values.languages == ["en", "ru"]
    assert (values.first_year, values.last_year) == (2019, 2024)
