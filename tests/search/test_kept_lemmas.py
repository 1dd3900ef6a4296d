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
        analysis.ru_lemmas.cache_clear()  # a new process: its cache empty, the store on disk
        assert [analysis.ru_lemmas(w) for w in words] == from_dictionary
        assert not analysis._NEW_LEMMAS  # every word was read from the store, none looked up again
        assert "pymorphy3" in analysis._lemma_key("данных")  # keyed by pymorphy3's and the dictionary's versions
    finally:
        analysis.ru_lemmas.cache_clear()
        PIECES.path, PIECES._conn = before
