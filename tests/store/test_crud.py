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


def test_change_seq_grows_on_every_committed_change(ailaw_home):
    from store import changes

    def seq():
        with session_scope() as s:
            return s.get(Document, "eu/celex/32024R1689").change_seq

    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
    first = seq()
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc(title="Artificial Intelligence Act"))
    second = seq()
    with session_scope() as s:
        crud.add_version(session=s, item=_version())
    third = seq()
    assert 0 < first < second < third
    with session_scope() as s:
        log = changes.after(session=s, seq=0)
        assert [(c.seq, c.kind) for c in log] == [(first, "document"), (second, "document"), (third, "version")]
        assert log[-1].version_id == s.exec(select(Version.id)).one()
        assert changes.last_seq(session=s) == third


def test_the_same_publication_read_again_is_not_a_new_version(ailaw_home):
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        assert crud.add_version(session=s, item=_version("Article 1\n\nSubject  matter")) is Outcome.INSERT
        # whitespace and non-breaking spaces only: same normalised text
        assert crud.add_version(session=s, item=_version("Article\u00a01 \n\n\n Subject matter ")) is Outcome.NOOP
        assert crud.add_version(session=s, item=_version("Article 1\n\nSubject matter and scope")) is Outcome.INSERT
        assert len(s.exec(select(Version)).all()) == 2


def test_a_revert_and_a_republication_are_new_versions(ailaw_home):
    """A -> B -> A at one address is three versions; the same text under a new date is a new one; the same
    archive record replayed, or the same text and date read at a second address, is not."""
    a, b = "Article 1\nText A", "Article 1\nText B"
    ref = {n: ArchiveRef(warc_file="w.warc.gz", record_id=f"<urn:uuid:{n}>") for n in range(1, 6)}
    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        steps = [
            (_version(a, date=dt.date(2024, 1, 1), archive=ref[1]), Outcome.INSERT),
            (_version(b, date=dt.date(2024, 6, 1), archive=ref[2]), Outcome.INSERT),
            (_version(a, date=dt.date(2025, 1, 1), archive=ref[3]), Outcome.INSERT),  # the revert
            (_version(a, date=dt.date(2025, 1, 1), archive=ref[4]), Outcome.NOOP),  # re-crawled unchanged
            (_version(b, date=dt.date(2024, 6, 1), archive=ref[2]), Outcome.NOOP),  # B's record replayed
            (_version(a, date=dt.date(2026, 1, 1), archive=ref[5]), Outcome.INSERT),  # re-published, new date
            (_version(a, date=dt.date(2026, 1, 1), source_url="https://mirror"), Outcome.NOOP),  # another address
            (_version(a, date=dt.date(2027, 1, 1), source_url="https://mirror"), Outcome.INSERT),
        ]
        assert [crud.add_version(session=s, item=item) for item, _ in steps] == [want for _, want in steps]
    with session_scope() as s:
        rows = s.exec(select(Version).order_by(Version.id)).all()
        assert [(v.date.year, v.supersedes) for v in rows] == [
            (2024, 0), (2024, rows[0].id), (2025, rows[1].id), (2026, rows[2].id), (2027, 0)
        ]  # fmt: skip


def test_two_writers_cannot_fork_a_stream(ailaw_home):
    """The chain constraint: a second version superseding the same one in a stream is refused."""
    import sqlalchemy.exc

    with session_scope() as s:
        crud.upsert_document(session=s, item=_doc())
        crud.add_version(session=s, item=_version("A"))
    with pytest.raises(sqlalchemy.exc.IntegrityError), session_scope() as s:
        first = s.exec(select(Version)).one()
        s.add(Version.model_validate({**first.model_dump(exclude={"id"}), "sha256": "other", "supersedes": 0}))
        s.flush()


def test_version_keeps_provenance_and_provisions(ailaw_home):
    warc = ailaw_home / "archive" / "demo.warc.gz"  # stored relative to the data home
    ref = ArchiveRef(warc_file=str(warc), record_id="<urn:uuid:1>", offset=42, reconstructed=True)
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
        "archive/demo.warc.gz",
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
