"""Incremental indexing by cursors, re-indexing on metadata change, and rebuild."""

from __future__ import annotations

import datetime as dt

import pytest

from search.indexer import CHANGES_CURSOR, index_new, rebuild
from search.query import search
from search.settings import SearchSettings
from store import changes
from store.crud import add_version, get_cursor, upsert_document
from store.db import session_scope
from store.items import DocumentItem, VersionItem
from store.vocab import DocType, Stage, VersionKind


def ids(result):
    return [h.id for h in result.hits]


def test_settings_default_to_home(ailaw_home, monkeypatch):
    assert SearchSettings().resolved_index_dir() == ailaw_home / "index"
    monkeypatch.setenv("AILAW_INDEX_DIR", str(ailaw_home / "elsewhere"))
    assert SearchSettings().resolved_index_dir() == ailaw_home / "elsewhere"


def test_index_new_follows_cursors(index_dir):
    with session_scope() as session:
        assert get_cursor(session=session, name=CHANGES_CURSOR) == changes.last_seq(session=session) > 0
        again = index_new(session=session, index_dir=index_dir)
    assert (again.documents, again.versions) == (0, 0)
    assert search("квантовых", index_dir=index_dir).total == 0
    with session_scope() as session:
        add_version(session=session, item=VersionItem(
            doc_id="ru/duma/922869-7", label="Второе чтение", kind=VersionKind.BILL_TEXT, date=dt.date(2023, 1, 1),
            language="ru", text="Новая редакция о квантовых вычислениях.", source_url="https://sozd.duma.gov.ru/y"))  # fmt: skip
    with session_scope() as session:
        stats = index_new(session=session, index_dir=index_dir)
    assert (stats.documents, stats.versions) == (1, 1)  # the bill's metadata (change_seq moved) and its new version
    assert ids(search("квантовые", index_dir=index_dir)) == ["ru/duma/922869-7"]
    with session_scope() as session:
        stats = index_new(session=session, index_dir=index_dir)
    assert (stats.documents, stats.versions) == (0, 0)


def test_changed_metadata_reindexes_versions(index_dir):
    assert ids(search("нейросетей stage:introduced", index_dir=index_dir)) == ["ru/duma/922869-7"]
    with session_scope() as session:
        upsert_document(session=session, item=DocumentItem(
            doc_id="ru/duma/922869-7", source="ru_duma", jurisdiction="ru", doc_type=DocType.BILL,
            title="О регулировании систем искусственного интеллекта", stage=Stage.REJECTED))  # fmt: skip
    with session_scope() as session:
        stats = index_new(session=session, index_dir=index_dir)
    assert (stats.documents, stats.versions) == (1, 1)
    assert ids(search("нейросетей stage:introduced", index_dir=index_dir)) == []
    assert ids(search("нейросетей stage:rejected", index_dir=index_dir)) == ["ru/duma/922869-7"]


def test_rebuild_gives_same_results(index_dir):
    queries = ["интеллект", "high-risk AI", "№ 490", "type:bill", "налог"]
    before = [(ids(r), r.facets) for r in (search(q, index_dir=index_dir, include_non_ai=True) for q in queries)]
    seen: list[tuple[int, int]] = []
    with session_scope() as session:
        stats = rebuild(session=session, index_dir=index_dir, progress=lambda done, total: seen.append((done, total)))
    assert (stats.documents, stats.versions) == (5, 4)
    assert seen[-1] == (9, 9)
    after = [(ids(r), r.facets) for r in (search(q, index_dir=index_dir, include_non_ai=True) for q in queries)]
    assert after == before
    assert not [p for p in index_dir.parent.iterdir() if p.name.startswith(".index")]


def test_failed_rebuild_keeps_old_index(index_dir, monkeypatch):
    import search.indexer as indexer

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(indexer, "write_all", boom)
    with session_scope() as session, pytest.raises(RuntimeError, match="disk full"):
        rebuild(session=session, index_dir=index_dir)
    assert ids(search("№ 490", index_dir=index_dir)) == ["ru/pravo/0001201910110003"]
    assert not [p for p in index_dir.parent.iterdir() if p.name.startswith(".index")]


def test_an_index_of_another_schema_version_is_refused_then_rebuilt(index_dir, caplog):
    """After an upgrade that changes the schema, search says what to do and `ailaw index` rebuilds the index: here
    an index of schema version 9, written with Whoosh's own codec, rebuilt with ailaw's (search.codec)."""
    import json

    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.writing import SegmentWriter

    from search.codec import ArrayCodec
    from search.indexer import MARKER
    from search.schema import PASSAGES, SCHEMA_VERSION
    from store.errors import NotFoundError

    def codecs() -> set[type]:
        return {
            type(s.codec()) for n in ("MAIN", PASSAGES) for s in whoosh_index.open_dir(str(index_dir), n)._segments()
        }

    before = ids(search("№ 490", index_dir=index_dir))
    for name in ("MAIN", PASSAGES):  # every segment rewritten with Whoosh's codec, as schema version 9 wrote it
        SegmentWriter(whoosh_index.open_dir(str(index_dir), indexname=name), codec=W3Codec()).commit(optimize=True)
    assert codecs() == {W3Codec} and SCHEMA_VERSION > 9
    (index_dir / MARKER).write_text(json.dumps({"schema_version": 9}))
    with pytest.raises(NotFoundError, match=r"another version of ailaw; run `ailaw index` to rebuild it"):
        search("№ 490", index_dir=index_dir)
    with session_scope() as session:
        stats = index_new(session=session, index_dir=index_dir)
    assert (stats.documents, stats.versions) == (5, 4)
    assert "another schema version; rebuilding it" in caplog.text
    assert codecs() == {ArrayCodec}
    assert ids(search("№ 490", index_dir=index_dir)) == before == ["ru/pravo/0001201910110003"]
