"""Searchers kept across searches (search.readers): reused while the index is unchanged, reopened after an
incremental run or a rebuild, so a search never answers from an index that has been replaced."""

from __future__ import annotations

import datetime as dt

from search.indexer import index_new, rebuild
from search.query import search
from search.readers import readers
from store.crud import add_version
from store.db import session_scope
from store.items import VersionItem
from store.vocab import VersionKind


def ids(result):
    return [h.id for h in result.hits]


def _add(text: str, label: str) -> None:
    with session_scope() as session:
        add_version(session=session, item=VersionItem(
            doc_id="ru/duma/922869-7", label=label, kind=VersionKind.BILL_TEXT, date=dt.date(2023, 1, 1),
            language="ru", text=text, source_url=f"https://sozd.duma.gov.ru/{label}"))  # fmt: skip


def test_searchers_are_reused_until_the_index_changes(index_dir):
    assert search("квантовых", index_dir=index_dir).total == 0
    with readers(index_dir) as first:
        pass
    search("интеллект", index_dir=index_dir)
    with readers(index_dir) as second:
        assert second is first  # nothing changed: the same open searchers
    _add("Новая редакция о квантовых вычислениях.", "second")
    with session_scope() as session:
        index_new(session=session, index_dir=index_dir)
    assert ids(search("квантовые", index_dir=index_dir)) == ["ru/duma/922869-7"]  # a new generation is seen
    with readers(index_dir) as third:
        assert third is not first


def test_a_rebuilt_index_is_seen_even_with_the_same_generation(index_dir):
    assert search("телепортации", index_dir=index_dir).total == 0  # searchers of the first index kept
    _add("Редакция о телепортации данных.", "third")
    with session_scope() as session:
        rebuild(session=session, index_dir=index_dir)  # a new directory swapped in, its generation counted anew
    assert ids(search("телепортация", index_dir=index_dir)) == ["ru/duma/922869-7"]


def test_shown_provisions_read_their_version_text_once_per_index_state(index_dir):
    from search.query import VersionTexts

    first = search("интеллект", index_dir=index_dir)
    with readers(index_dir) as kept:
        texts = kept.memo.get(VersionTexts)
        assert texts, "the provisions shown were read from kept version texts"
        kept_ids = list(texts)
    again = search("интеллект", index_dir=index_dir)  # answered with the kept texts: the same provisions
    assert [(h.id, h.provisions) for h in again.hits] == [(h.id, h.provisions) for h in first.hits]
    assert any(p.highlights for h in again.hits for p in h.provisions)
    with readers(index_dir) as kept:
        assert list(kept.memo[VersionTexts]) == kept_ids
    _add("Новая редакция об искусственном интеллекте.", "fourth")
    with session_scope() as session:
        index_new(session=session, index_dir=index_dir)
    search("интеллект", index_dir=index_dir)
    with readers(index_dir) as fresh:  # a new index state starts with no kept texts of the old one
        assert VersionTexts not in fresh.memo or fresh.memo[VersionTexts] is not texts


def test_kept_version_texts_are_bounded_and_read_once():
    from search.query import VersionTexts

    texts, reads = VersionTexts(), []

    def reader(vid: int):  # type: ignore[no-untyped-def]
        return lambda: reads.append(vid) or f"text {vid}"

    for vid in [*range(VersionTexts.LIMIT + 5), 40, 40]:
        assert texts.text(vid, reader(vid)) == f"text {vid}"
    assert len(texts) == VersionTexts.LIMIT
    assert reads.count(40) == 1 and 0 not in texts  # read once; the least recently used left first
