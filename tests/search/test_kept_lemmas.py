"""The Russian words' lemmas are kept beside the index (search.analysis.ru_lemmas, search.world_analysis.PieceStore):
the next process reads the lemmas the dictionary gave instead of loading pymorphy3 and its dictionary."""

from __future__ import annotations

from pathlib import Path

from search import analysis
from search.world_analysis import PIECES


def test_the_lemmas_the_dictionary_gave_are_read_back_by_the_next_process(tmp_path: Path) -> None:
    words = ["данных", "искусственного", "интеллекта", "персональные", "чатботище"]  # the last: no dictionary word
    before, PIECES.path, PIECES._conn = (PIECES.path, PIECES._conn), None, None
    try:
        PIECES.use(tmp_path / "index")
        analysis.ru_lemmas.cache_clear()
        from_dictionary = [analysis._dictionary_lemmas(w) for w in words]
        assert from_dictionary[0][0] == "данные" and len(from_dictionary[-1]) == 1  # a Snowball stem
        assert [analysis.ru_lemmas(w) for w in words] == from_dictionary
        assert PIECES.value(analysis._lemma_key(words[0])) is None  # not kept before keep_lemmas
        analysis.keep_lemmas()
        assert not analysis._NEW_LEMMAS
        assert [PIECES.value(analysis._lemma_key(w)) for w in words] == [list(lemmas) for lemmas in from_dictionary]
        analysis.ru_lemmas.cache_clear()  # a new process: its cache empty, no dictionary loaded, the store on disk
        analysis._morph.cache_clear()
        assert [analysis.ru_lemmas(w) for w in words] == from_dictionary
        assert not analysis._NEW_LEMMAS  # every word was read from the store, none looked up again
        assert analysis._morph.cache_info().currsize == 0
        assert "pymorphy3" in analysis._lemma_key("данных")  # keyed by pymorphy3's and the dictionary's versions
    finally:
        analysis.ru_lemmas.cache_clear()
        PIECES.path, PIECES._conn = before


def test_indexing_keeps_the_russian_words_and_a_page_still_loads_the_dictionary(index_dir: Path) -> None:
    """``index_new`` keeps the lemmas of the indexed texts' Russian words; ``warm`` (a UI page opening) loads the
    dictionary though its warm-up search reads them all from the store, so that a later new word does not wait."""
    import sqlite3

    from search import writer
    from search.concepts import concept_index
    from search.indexer import rebuild
    from search.query import search, warm
    from search.settings import cache_dir_for
    from search.world_analysis import PieceStore
    from store.db import session_scope

    # A new process: earlier tests' indexing already analysed these words (the lemmas' and the writer's caches).
    writer._ANALYSES.clear()
    analysis.ru_lemmas.cache_clear()
    with session_scope() as session:
        rebuild(session=session, index_dir=index_dir)
    with sqlite3.connect(cache_dir_for(index_dir) / PieceStore.FILE) as db:
        kept = dict(db.execute("SELECT key, data FROM pieces WHERE key LIKE 'ru-lemmas:%'").fetchall())
    assert len(kept) > 20
    assert search("искусственный интеллект", index_dir=index_dir).total  # keeps the thesaurus labels' words too
    analysis.ru_lemmas.cache_clear()
    analysis._morph.cache_clear()
    concept_index.cache_clear()  # a new process
    assert search("искусственный интеллект", index_dir=index_dir).total
    assert analysis._morph.cache_info().currsize == 0  # every word read from the store
    assert warm(index_dir)
    assert analysis._morph.cache_info().currsize == 1
