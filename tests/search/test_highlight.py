"""Highlights of a long Chinese, Japanese or Korean text: analysed a part at a time and only as far as needed, with
the same fragments as from the whole text (the Japanese AI Promotion Act as published on e-Gov, repeated to make a
long text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search import highlight

ACT = Path(__file__).parent.parent / "examples" / "jp"
ACT_XML = ACT / "jp_egov-api-v2_law_file_xml_507AC0000000053_AI-Promotion-Act_asof-2026-07-20.xml"


@pytest.fixture(scope="module")
def long_text() -> str:
    lines = [x.strip() for x in re.sub(r"<[^>]+>", "\n", ACT_XML.read_text(encoding="utf-8")).split("\n")]
    text = "\n".join(x for x in lines if x)
    return "\n".join([text] * 6)  # ≈ 34,000 characters


@pytest.mark.parametrize("terms", [{"人工", "知能"}, {"研究", "開発"}, {"国"}, {"人工", "知能", "戦略", "本部"},
                                   {"基本", "計画", "xyz"}, {"xyz"}])  # fmt: skip
def test_same_fragments_as_from_the_whole_text(long_text: str, terms: set[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    read: list[int] = []
    spans = highlight.cjk_spans
    monkeypatch.setattr(highlight, "cjk_spans", lambda text, *a: read.append(len(text)) or spans(text, *a))
    found = highlight.fragments(long_text, "ja", terms)
    in_parts = sum(read)
    monkeypatch.setattr(highlight, "_CJK_CHUNK", 10**9)  # the whole text at once
    assert found == highlight.fragments(long_text, "ja", terms)
    if terms <= {"人工", "知能", "研究", "開発", "国"}:  # words of the act's first lines: found in its first part
        assert found and "<mark>" in found[0]
        assert in_parts < len(long_text) / 2


def test_a_richer_fragment_at_the_end_is_still_found(long_text: str) -> None:
    """The act's first part has 人工知能 many times; only the last line also says 量子: that window ranks first."""
    text = long_text + "\n量子技術と人工知能の研究開発を推進する。"
    found = highlight.fragments(text, "ja", {"人工", "知能", "量子"})
    assert "<mark>量子</mark>" in found[0]


def test_the_pieces_of_an_indexed_text_are_read_back_instead_of_analysed_again(tmp_path, long_text: str) -> None:
    """The CJK piece store: what the engine made of a text, kept in cache/ beside the index and read back whole by
    another process (a new store object on the same file); highlights from it equal those from the engine."""
    from search import world_analysis as wa

    text = long_text[:3000]
    terms = {"人工", "知能"}
    from_engine = highlight.fragments(text, "ja", terms)
    store = wa.PieceStore()
    store.use(tmp_path / "index")
    assert store.get(text, "ja") is None
    store.put(text, "ja", list(wa.CJKMorphTokenizer("ja").pieces(text, index=True)))
    assert (tmp_path / "cache" / wa.PieceStore.FILE).exists()
    other = wa.PieceStore()  # as another process would open it
    other.use(tmp_path / "index")
    kept = other.get(text, "ja")
    assert kept == list(wa.CJKMorphTokenizer("ja").pieces(text, index=True))
    assert other.get(text, "ko") is None and other.get(text + "。", "ja") is None  # by language and by text
    assert other.has(text, "ja") and not other.has(text, "ko") and not other.has(text + "。", "ja")
    assert wa.piece_spans(kept, terms) == wa.cjk_spans(text, "ja", terms)
    assert from_engine and "<mark>人工</mark>" in from_engine[0]


def test_an_unusable_piece_store_only_costs_the_analysis(tmp_path) -> None:
    from search import world_analysis as wa

    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    store = wa.PieceStore()
    store.use(blocked / "index")  # its cache/ cannot be made under a file
    store.put("人工知能", "ja", [(("人工",), 0, 2)])
    assert store.get("人工知能", "ja") is None


def test_a_word_of_several_query_terms_is_marked_as_the_same_term_in_every_process() -> None:
    """«данных» is a form of «данные», «данный» and «дать»; which one its mark counts for decides the fragment a
    search shows, so it must not follow the process's string hashing (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    code = (
        "from search.highlight import match_spans\n"
        "print(match_spans('Обработка персональных данных', 'ru', {'данные', 'данный', 'дать'}))"
    )
    root = Path(__file__).resolve().parents[2]
    seen = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(6)
    }  # fmt: skip
    assert seen == {"[(23, 29, 'данные')]"}
