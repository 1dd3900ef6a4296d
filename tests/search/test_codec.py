"""search.codec: an index written with ailaw's codec holds what one written with Whoosh's W3 codec holds (compared
by bench.index_diff's rows: terms, statistics, postings block by block, decoded positions, stored fields,
lengths), written posting by posting or from arrays; Whoosh's own queries find the same documents with the same
scores on both (an index of the version before the codec is rebuilt: tests/search/test_indexer.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.writing import SegmentWriter

from bench.index_diff import segment_rows
from search.codec import ArrayCodec, ArrayFieldWriter, ArrayLeafMatcher
from search.writer import AnalysingWriter

WORDS = ["high", "risk", "ai", "system", "provider", "deployer", "shall", "data", "model", "general", "purpose"]
SCHEMA = Schema(
    key=ID(stored=True, unique=True),
    body=TEXT(analyzer=StandardAnalyzer(stoplist=None)),  # positions
    title=TEXT(analyzer=StandardAnalyzer(stoplist=None), field_boost=1.5),  # weights of 1.5 and more
    passage=TEXT(analyzer=StandardAnalyzer(stoplist=None), phrase=False),  # frequencies
    ident=KEYWORD(lowercase=True, commas=True, scorable=True),
    year=NUMERIC(int),
    date=DATETIME(),
)


def _documents() -> list[dict[str, object]]:
    """Odd posting lists: a word in one document ("solo"), in exactly one block (128: "full"), one more than a
    block ("over"), many blocks ("many"), positions 70,000 and 140,000 words apart ("gap"), and random text."""
    rng = random.Random(5)
    docs: list[dict[str, object]] = []
    for n in range(300):
        base = [rng.choice(WORDS) for _ in range(rng.choice([1, 3, 40, 400]))]
        words = base + ["full"] * (n < 128) + ["over"] * (n < 129) + ["many"] * (1 + n % 3) + ["solo"] * (n == 77)
        rng.shuffle(words)
        docs.append({"key": f"k{n}", "body": " ".join(words), "title": " ".join(base[:5] + ["full"] * (n < 128)),
                     "passage": " ".join(words[:50]), "ident": ",".join(rng.sample(WORDS, 2)),
                     "year": 2015 + n % 12, "date": dt.datetime(2015 + n % 12, 1 + n % 12, 1)})  # fmt: skip
    docs.append({"key": "long", "body": " ".join(["gap", *["filler"] * 69_999, "gap", *["filler"] * 69_999, "gap"]),
                 "title": "gap gap", "ident": "gap", "year": 2030, "date": dt.datetime(2030, 1, 1)})  # fmt: skip
    return docs


def _write(path: Path, make_writer) -> index.Index:  # type: ignore[no-untyped-def]
    path.mkdir()
    ix = index.create_in(str(path), SCHEMA)
    docs = _documents()
    for part in (docs[:200], docs[200:]):  # two segments
        w = make_writer(ix)
        for doc in part:
            w.add_document(**doc)
        w.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, index.Index]:
    root = tmp_path_factory.mktemp("codec")
    return {
        "w3": _write(root / "w3", lambda ix: SegmentWriter(ix)),
        "postings": _write(root / "postings", lambda ix: SegmentWriter(ix, codec=ArrayCodec())),
        "arrays": _write(root / "arrays", lambda ix: AnalysingWriter(ix)),  # write_term_arrays
    }


def _rows(ix: index.Index) -> list[tuple[object, ...]]:
    with ix.reader() as reader:
        return [row for leaf, _ in reader.leaf_readers() for row in segment_rows(leaf)]


def test_the_indexes_hold_what_whooshs_codec_writes(indexes: dict[str, index.Index]) -> None:
    assert {type(s.codec()) for s in indexes["w3"]._segments()} == {W3Codec}
    for name in ("postings", "arrays"):
        assert {type(s.codec()) for s in indexes[name]._segments()} == {ArrayCodec}  # read back with it
    expected = _rows(indexes["w3"])
    postings: dict[object, tuple[tuple[tuple[object, ...], ...], ...]] = {}  # of the first segment
    for r in expected:
        if r[0] == "postings" and r[1] == "body":
            postings.setdefault(r[2], r[3])  # type: ignore[arg-type]
    assert len(postings[b"solo"]) == 1 and len(postings[b"solo"][0][0]) == 1
    assert [len(block[0]) for block in postings[b"full"]] == [128]
    assert [len(block[0]) for block in postings[b"over"]] == [128, 1]
    assert [len(block[0]) for block in postings[b"many"]] == [128, 72]
    gap = [r[3] for r in expected if r[:3] == ("postings", "body", b"gap")][-1]  # in the second segment
    assert gap[-1][3][-1] == (0, 70_000, 140_000)
    title = {r[2]: r[3] for r in reversed(expected) if r[0] == "postings" and r[1] == "title"}  # the first segment
    assert {w for block in title[b"full"] for w in block[1]} == {1.5}
    assert any(w not in (1.0, 1.5) for block in title[b"risk"] for w in block[1])
    for name in ("postings", "arrays"):
        assert _rows(indexes[name]) == expected, name


def test_whooshs_own_queries_find_the_same(indexes: dict[str, index.Index]) -> None:
    queries = [
        wq.Term("body", "many"),
        wq.Term("title", "risk"),
        wq.Term("passage", "data"),
        wq.Phrase("body", ["high", "risk"]),
        wq.Phrase("body", ["gap", "filler"]),
        wq.Phrase("body", ["ai", "system", "shall"], slop=3),
        wq.Prefix("body", "pro"),
        wq.And([wq.Term("body", "risk"), wq.Term("ident", "data")]),
        wq.Or([wq.Term("title", "model"), wq.Term("passage", "general"), wq.Term("body", "solo")]),
        wq.And([wq.Term("body", "ai"), wq.Not(wq.Term("body", "system"))]),
        wq.AndMaybe(wq.Term("body", "over"), wq.Term("title", "provider")),
        wq.DateRange("date", dt.datetime(2018, 1, 1), dt.datetime(2019, 12, 31)),
        wq.And([wq.Term("body", "deployer"), wq.NumericRange("year", 2016, 2020)]),
    ]
    searchers = {name: ix.searcher() for name, ix in indexes.items()}
    try:
        for q in queries:
            found = {name: [(h.docnum, h.score) for h in s.search(q, limit=None)] for name, s in searchers.items()}
            assert found["w3"], q
            assert found["postings"] == found["w3"] and found["arrays"] == found["w3"], q
            spans = {name: [(m.id(), m.spans()) for m in _steps(q.matcher(s))] if isinstance(q, wq.Phrase) else None
                     for name, s in searchers.items()}  # fmt: skip
            assert spans["postings"] == spans["w3"] == spans["arrays"], q
    finally:
        for s in searchers.values():
            s.close()


def _steps(m):  # type: ignore[no-untyped-def]
    while m.is_active():
        yield m
        m.next()


def test_skips_and_block_bounds_are_whooshs(indexes: dict[str, index.Index]) -> None:
    """Whoosh's skipping and its block bounds (which scoring's top-k shortcuts read) through each codec's matcher."""
    rng = random.Random(8)
    with indexes["w3"].reader() as a, indexes["arrays"].reader() as b:
        for (la, _), (lb, _) in zip(a.leaf_readers(), b.leaf_readers(), strict=True):
            for word in ("many", "over", "risk", "gap"):
                if ("body", word.encode()) not in la:
                    continue
                for _ in range(20):
                    ma, mb = la.postings("body", word), lb.postings("body", word)
                    assert isinstance(mb, ArrayLeafMatcher)
                    while ma.is_active():
                        assert mb.is_active()
                        assert (ma.id(), ma.weight(), ma.value(), ma.block_max_weight(), ma.block_max_length(),
                                ma.block_min_length()) == (mb.id(), mb.weight(), mb.value(), mb.block_max_weight(),
                                                           mb.block_max_length(), mb.block_min_length())  # fmt: skip
                        if rng.random() < 0.4:
                            target = ma.id() + rng.choice([1, 7, 60, 200])
                            ma.skip_to(target)
                            mb.skip_to(target)
                        else:
                            ma.next()
                            mb.next()
                    assert not mb.is_active()


def test_blocks_read_as_arrays(indexes: dict[str, index.Index]) -> None:
    """ailaw's array paths read a block's ids, weights and positions as numpy arrays: the values Whoosh's matcher
    gives one by one."""
    with indexes["arrays"].reader() as reader:
        for word, (leaf, _) in ((w, leaf) for w in ("many", "gap", "risk") for leaf in reader.leaf_readers()):
            if ("body", word.encode()) not in leaf:
                continue
            m = leaf.postings("body", word)
            assert isinstance(m, ArrayLeafMatcher)
            while m.is_active():
                ids, weights = m.block_arrays()
                got = m.block_positions()
                assert got is not None
                counts, starts, flat = got
                for i in range(len(ids)):
                    assert (int(ids[i]), float(weights[i])) == (m.id(), m.weight())
                    assert flat[starts[i] : starts[i] + counts[i]].tolist() == m.value_as("positions")
                    assert m.format.decode_positions(m.value()) == m.value_as("positions")
                    m.next()


def test_write_term_arrays_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    ix = index.create_in(str(tmp_path), SCHEMA)
    w = SegmentWriter(ix, codec=ArrayCodec())
    fw = w.fieldwriter
    assert isinstance(fw, ArrayFieldWriter)
    ids = np.array([1, 2], dtype=np.int64)
    with pytest.raises(ValueError, match="outside its field"):
        fw.write_term_arrays("body", b"x", ids, np.ones(2))
    fw.start_field("body", SCHEMA["body"])
    with pytest.raises(ValueError, match="positions and counts"):
        fw.write_term_arrays("body", b"x", ids, np.ones(2), counts=np.ones(2, dtype=np.int64))
    w.cancel()
