"""search.phrase.Phrase matches the documents, spans and scores Whoosh's own Phrase matches (a real index on disk)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema

from search.codec import ArrayCodec
from search.phrase import Phrase, _extends, phrase_in

WORDS = [
    "high",
    "risk",
    "ai",
    "system",
    "provider",
    "deployer",
    "of",
    "the",
    "shall",
    "data",
    "model",
    "general",
    "purpose",
]


def _collect(q: wq.Query, searcher) -> dict[int, tuple[list[tuple[int, int]], float]]:  # type: ignore[no-untyped-def]
    m = q.matcher(searcher)
    out = {}
    while m.is_active():
        out[m.id()] = (sorted((s.start, s.end) for s in m.spans()), round(m.score(), 6))
        m.next()
    return out


@pytest.fixture(scope="module", params=["w3", "arrays"])
def searcher(tmp_path_factory: pytest.TempPathFactory, request):  # type: ignore[no-untyped-def]
    """The index written with Whoosh's codec, and with ailaw's (search.codec)."""
    codec = {"w3": None, "arrays": ArrayCodec()}[request.param]
    path: Path = tmp_path_factory.mktemp("phrase")
    ix = index.create_in(str(path), Schema(id=ID(stored=True), body=TEXT(analyzer=StandardAnalyzer(stoplist=None))))
    rnd = random.Random(7)
    with ix.writer(codec=codec) as w:
        w.add_document(id="act", body="Providers of high-risk AI systems shall ensure that their high-risk AI systems "
                       "comply. A provider of a general-purpose AI model shall… " * 50)  # fmt: skip
        for n in range(200):
            w.add_document(id=str(n), body=" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 400))))
    with ix.searcher() as s:
        yield s


@pytest.mark.parametrize("slop", [1, 2, 4])
def test_same_documents_spans_and_scores_as_whoosh(searcher, slop: int) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(slop)
    phrases = [["high", "risk", "ai", "systems"], ["ai", "system"], ["system", "ai"], ["risk", "risk"]]
    phrases += [rnd.sample(WORDS, rnd.choice([2, 3, 4])) for _ in range(60)]
    matched = 0
    for words in phrases:
        ours = _collect(Phrase("body", words, slop=slop, boost=2.0), searcher)
        assert ours == _collect(wq.Phrase("body", words, slop=slop, boost=2.0), searcher), words
        matched += bool(ours)
    assert matched > 30  # the comparison is about real matches, not empty results


def test_a_word_the_index_lacks_matches_nothing(searcher) -> None:  # type: ignore[no-untyped-def]
    assert _collect(Phrase("body", ["high", "unicorn"]), searcher) == {}
    assert [r["id"] for r in searcher.search(Phrase("body", ["high", "risk", "ai", "systems"]))] == ["act"]


def test_phrase_in_decides_as_extends_does():  # type: ignore[no-untyped-def]
    """The phrase check over many documents at once (arrays) finds the documents that the check of one document's
    positions at a time finds, for random positions, phrase lengths and slops."""
    rng = random.Random(5)
    for _ in range(300):
        length, slop, n = rng.randint(2, 4), rng.choice([1, 1, 2, 4, 10]), rng.randint(1, 12)
        docs = [[sorted(rng.sample(range(40), rng.randint(1, 8))) for _ in range(length)] for _ in range(n)]
        expected = [any(_extends(positions, 1, p, slop) for p in positions[0]) for positions in docs]
        words = [
            (np.array([p for doc in docs for p in doc[k]], dtype=np.int64),
             np.array([len(doc[k]) for doc in docs], dtype=np.int64))
            for k in range(length)
        ]  # fmt: skip
        assert phrase_in(words, slop).tolist() == expected, (docs, slop)
