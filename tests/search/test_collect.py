"""``search.collect.all_scored`` finds every match of a query with the same score, float for float, and in the same
order as Whoosh's own collector (``searcher.search(q, limit=None)``), on a real index on disk: several segments (all
read as arrays, ``small=0``; some walked, ``small=200``; all walked, as a small archive's are), one with deleted documents, small segments (Whoosh's preloading OR) and the binary tree of unions it uses on large ones,
boosts, phrases, number ranges, NOTs, an AND NOT, "and maybe", requirements, prefixes and ailaw's best-of-alternatives OR."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.query.compound import DefaultOr, PreloadedOr

from search.codec import ArrayCodec
from search.collect import all_scored
from search.phrase import Phrase
from search.query import BestOf, _BestOfMatcher

WORDS = ["high", "risk", "ai", "system", "provider", "deployer", "shall", "data", "model", "general", "purpose",
         "transparency", "obligation"]  # fmt: skip
FIELDS = ("title", "body")


@pytest.fixture(scope="module", params=["w3", "arrays"])
def searcher(tmp_path_factory, request):  # type: ignore[no-untyped-def]
    """The index written with Whoosh's codec, and with ailaw's (search.codec)."""
    codec = {"w3": None, "arrays": ArrayCodec()}[request.param]
    path: Path = tmp_path_factory.mktemp("collect")
    analyzer = StandardAnalyzer(stoplist=None)
    schema = Schema(
        key=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer), body=TEXT(analyzer=analyzer), year=NUMERIC()
    )
    ix = index.create_in(str(path), schema)
    rng = random.Random(3)
    n = 0
    for _batch in range(3):  # three segments
        w = ix.writer(codec=codec)
        for _ in range(rng.randint(150, 250)):
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
            body = " ".join(rng.choice(WORDS[: rng.randint(3, len(WORDS))]) for _ in range(rng.randint(1, 120)))
            w.add_document(key=f"k{n}", title=title, body=body, year=rng.randint(2015, 2026))
            n += 1
        w.commit(merge=False)
    w = ix.writer(codec=codec)  # deleted documents in the first segments, and a fourth small one
    for k in rng.sample(range(n), 25):
        w.delete_by_term("key", f"k{k}")
    w.add_document(key="last", title="risk", body="high risk ai system")
    w.commit(merge=False)
    s = ix.searcher()
    assert len(s.reader().leaf_readers()) == 4 and s.reader().has_deletions()
    yield s
    s.close()


def _leaf(rng: random.Random) -> wq.Query:
    field = rng.choice(FIELDS)
    boost = rng.choice([1.0, 1.0, 0.45, 3.0, 24.0])
    kind = rng.random()
    if kind < 0.08:  # a range, as date:[2018 TO 2019] is (the same few recur: read once per segment)
        start = rng.choice([2016, 2018, 2020])
        return wq.NumericRange("year", start, start + rng.choice([1, 3]))
    if kind < 0.55:
        return wq.Term(field, rng.choice([*WORDS, "absent"]), boost=boost)
    if kind < 0.65:
        return wq.Prefix(field, rng.choice(WORDS)[:3], boost=boost)
    words = [rng.choice(WORDS) for _ in range(rng.randint(2, 3))]
    return (Phrase if kind < 0.9 else wq.Phrase)(field, words, slop=rng.choice([1, 2, 4]), boost=boost)


def _query(rng: random.Random, depth: int = 0) -> wq.Query:
    if depth >= 3 or rng.random() < 0.25:
        return _leaf(rng)
    subs = [_query(rng, depth + 1) for _ in range(rng.randint(1, 5))]
    shape = rng.choice(["and", "or", "or", "tree", "preloaded", "bestof", "dismax", "not", "andmaybe", "require"])  # fmt: skip
    boost = rng.choice([1.0, 1.0, 2.0])
    if shape == "and":
        return wq.And(subs, boost=boost)
    if shape == "or":
        return wq.Or(subs, boost=boost)
    if shape == "tree":  # the union tree Whoosh takes on segments of more than 5,000 documents
        return DefaultOr(subs, boost=boost)
    if shape == "preloaded":
        return PreloadedOr(subs, boost=boost)
    if shape == "bestof":
        return BestOf(subs, boost=boost)
    if shape == "dismax":
        return wq.DisjunctionMax(subs)
    if shape == "not":  # a NOT of words, as a query's NOT is (Whoosh's matchers fail on some NOTs of NOTs)
        return wq.And([subs[0], wq.Not(wq.Or([_leaf(rng) for _ in range(rng.randint(1, 3))]))])
    a, b = subs[0], _query(rng, depth + 1)
    return {"andmaybe": wq.AndMaybe, "require": wq.Require}[shape](a, b)


def test_all_scored_is_whooshs_collector(searcher):  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    lengths: dict = {}  # kept across queries, as search() keeps it per index state
    matched = 0
    for _ in range(200):
        q = _query(rng)
        expected = list(searcher.search(q, limit=None).top_n)
        assert all_scored(searcher, q, lengths, (_BestOfMatcher,), small=0) == expected, q
        assert all_scored(searcher, q, lengths, (_BestOfMatcher,), small=200) == expected, q  # arrays and walks
        assert all_scored(searcher, q, lengths, (_BestOfMatcher,)) == expected, q  # all walked
        matched += bool(expected)
    assert matched > 100  # most queries match something: the comparison is not between empty lists


def test_all_scored_of_user_shaped_queries(searcher):  # type: ignore[no-untyped-def]
    """The shapes search() builds: every word in each field with its weight, a NOT, the words near each other as a
    bonus (AND MAYBE), a concept's alternatives scored by the best one."""

    def word(w: str) -> wq.Query:
        return wq.Or([wq.Term("title", w, boost=3.0), wq.Term("body", w)])

    near = wq.Or([Phrase("title", ["high", "risk"], slop=4, boost=3.0), Phrase("body", ["high", "risk"], slop=4)])
    concept = wq.Or([word("ai"), BestOf([Phrase(f, ["general", "purpose"], slop=2, boost=0.45) for f in FIELDS])])
    kept: dict = {}
    for q in (
        word("risk"),
        wq.AndMaybe(wq.And([word("high"), word("risk"), wq.Not(word("data"))]), near),
        wq.AndMaybe(wq.Or([word("high"), word("risk")]), near),
        wq.And([concept, word("system")]),
        wq.Or([wq.Prefix("body", "pro"), wq.Prefix("title", "pro")]),
        wq.AndNot(word("risk"), word("data")),
        wq.And([word("risk"), wq.NumericRange("year", 2018, 2019)]),  # a term and a date range
        wq.And(
            [word("system"), wq.NumericRange("year", 2018, 2019)]
        ),  # the same range again, as kept  # left to Whoosh whole (skipped through, its AND NOT fails)
    ):
        expected = list(searcher.search(q, limit=None).top_n)
        assert expected
        assert all_scored(searcher, q, kept, (_BestOfMatcher,), small=0) == expected, q
        assert all_scored(searcher, q, kept, (_BestOfMatcher,)) == expected, q
