"""The search's shortcuts find what Whoosh's own matchers and searches find (a real index on disk, several segments):
``_matching`` with one record per search (``checked``) the same documents as one matcher per query,
``_document_passages`` the same hits, scores and order as ``searcher.search`` of that document's passages, and
segments that keep the terms they looked up (search.readers) the same answers as Whoosh's own term tables."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import index
from whoosh import query as wq
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.reading import TermNotFound

from search.codec import ArrayCodec
from search.collect import scored_among
from search.phrase import Phrase
from search.query import _Checked, _document_passages, _matching, _passages_at_once, _walk, _within
from search.readers import _keep_terms, _KeptTerms

WORDS = ["high", "risk", "ai", "system", "provider", "deployer", "shall", "data", "model", "general", "purpose"]
DOCS = [f"doc{n}" for n in range(12)]


@pytest.fixture(scope="module", params=["w3", "arrays"])
def searcher(tmp_path_factory, request):  # type: ignore[no-untyped-def]
    """The index written with Whoosh's codec, and with ailaw's (search.codec)."""
    codec = {"w3": None, "arrays": ArrayCodec()}[request.param]
    path: Path = tmp_path_factory.mktemp("matching")
    schema = Schema(doc_id=ID(stored=True), key=ID(stored=True), body=TEXT(analyzer=StandardAnalyzer(stoplist=None)))
    ix = index.create_in(str(path), schema)
    rng = random.Random(12)
    for batch in range(3):  # three segments; each document's passages are written in one of them
        w = ix.writer(codec=codec)
        for doc_id in DOCS[batch::3]:
            for n in range(rng.randint(1, 40)):
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30)))
                w.add_document(doc_id=doc_id, key=f"{doc_id}.{n}", body=words)
        w.commit(merge=False)
    s = ix.searcher()
    assert len(s.reader().leaf_readers()) == 3
    yield s
    s.close()


def _leaf(rng: random.Random) -> wq.Query:
    kind = rng.random()
    if kind < 0.4:
        return wq.Term("body", rng.choice([*WORDS, "absent"]))
    words = [rng.choice(WORDS) for _ in range(rng.randint(2, 3))]
    return (Phrase if kind < 0.8 else wq.Phrase)("body", words, slop=rng.choice([1, 2, 4]))


def _query(rng: random.Random, depth: int = 0) -> wq.Query:
    if depth >= 3 or rng.random() < 0.3:
        return _leaf(rng)
    subs = [_query(rng, depth + 1) for _ in range(rng.randint(1, 4))]
    shape = rng.choice(["and", "or", "dismax", "not", "andnot", "andmaybe", "require"])
    if shape == "and":
        return wq.And(subs)
    if shape == "or":
        return wq.Or(subs)
    if shape == "dismax":
        return wq.DisjunctionMax(subs)
    if shape == "not":
        return wq.And([subs[0], wq.Not(_query(rng, depth + 1))])
    a, b = subs[0], _query(rng, depth + 1)
    return {"andnot": wq.AndNot, "andmaybe": wq.AndMaybe, "require": wq.Require}[shape](a, b)


def _whoosh_matches(q: wq.Query, searcher, docnums: list[int]) -> set[int]:  # type: ignore[no-untyped-def]
    matched = set(searcher.docs_for_query(q))
    return {d for d in docnums if d in matched}


def test_matching_with_a_record_per_search_finds_what_whoosh_finds(searcher):  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    total = searcher.doc_count_all()
    recorded = 0
    for _search in range(30):  # queries sharing leaves within a search, as the tiers and explanations do
        checked = _Checked()
        for _ in range(8):
            q = _query(rng)
            docnums = sorted(rng.sample(range(total), rng.randint(1, 60)))
            expected = _matching(q, searcher, docnums)  # one matcher skipping to each document, as before
            if not any(isinstance(sub, wq.AndNot) for sub in _walk(q)):  # Whoosh's AND NOT: see the next test
                assert expected == _whoosh_matches(q, searcher, docnums), q
            assert _matching(q, searcher, docnums, checked) == expected, q
        recorded += len(checked)
    assert recorded > 100  # the record was used


def test_whooshs_and_not_is_checked_with_its_own_matcher(searcher):  # type: ignore[no-untyped-def]
    """Whoosh's AND NOT matcher keeps its first match though the excluded word is in it (iterating; skipping to
    documents gives yet another answer), so ``_matching`` leaves a query with an AND NOT to it whole, as before."""
    q = wq.AndNot(Phrase("body", ["shall", "purpose"], slop=2), wq.Term("body", "risk"))
    phrase_docs = set(searcher.docs_for_query(q.a))
    with_risk = set(searcher.docs_for_query(q.b))
    first = min(phrase_docs)
    assert first in with_risk and first in set(searcher.docs_for_query(q))  # Whoosh's answer, not the set difference
    docnums = sorted(phrase_docs)
    assert _matching(q, searcher, docnums, {}) == _matching(q, searcher, docnums)


def test_one_document_passages_are_whooshs_search_of_them(searcher):  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    for _ in range(40):
        words = wq.Or([wq.Term("body", w, boost=rng.choice([1.0, 1.0, 3.0]))
                       for w in rng.sample([*WORDS, "absent"], rng.randint(1, 6))])  # fmt: skip
        doc_id = rng.choice([*DOCS, "no-such-document"])
        limit = rng.randint(1, 6)
        expected = [(r.docnum, r.score, r["key"]) for r in searcher.search(_within(words, [doc_id]), limit=limit)]
        got = [(r.docnum, r.score, r["key"]) for r in _document_passages(searcher, words, doc_id, limit)]
        assert got == expected, (words, doc_id, limit)


def test_passages_known_at_once_are_each_documents_own_search(searcher):  # type: ignore[no-untyped-def]
    """One search of several documents' passages answers a document when Whoosh's shortcuts in its own top-N
    search cannot have changed what it finds: the same passages in the same order; the others are left out."""
    rng = random.Random(8)
    answered = left_out = answered_over_limit = 0
    for _ in range(60):
        words = wq.Or([wq.Term("body", w, boost=rng.choice([1.0, 1.0, 3.0]))
                       for w in rng.sample([*WORDS, "absent"], rng.randint(1, 6))])  # fmt: skip
        wanted = {d: rng.choice([1, 2, 3, 4, 6, 10_000]) for d in rng.sample([*DOCS, "no-such-document"], 5)}
        known = _passages_at_once(searcher, words, wanted, {})
        for doc_id, limit in wanted.items():
            expected = [r.docnum for r in _document_passages(searcher, words, doc_id, limit)]
            if doc_id in known:
                assert known[doc_id] == expected, (words, doc_id, limit)
                answered += 1
                matches = len(list(searcher.docs_for_query(_within(words, [doc_id]))))
                answered_over_limit += matches > limit
            else:
                left_out += 1
    assert answered > 100 and left_out > 20 and answered_over_limit > 10


def test_scores_among_some_documents_on_arrays_are_the_walked_ones(searcher):  # type: ignore[no-untyped-def]
    rng = random.Random(9)
    context = searcher.context()
    for _ in range(40):
        words = wq.Or([wq.Term("body", w, boost=rng.choice([1.0, 1.0, 3.0]))
                       for w in rng.sample([*WORDS, "absent"], rng.randint(1, 6))])  # fmt: skip
        for sub, _offset in searcher.leaf_searchers():
            n = sub.doc_count_all()
            within = np.array(sorted(rng.sample(range(n), rng.randint(1, n))), dtype=np.int64)
            walked = scored_among(sub, words, context, within, {})
            arrays = scored_among(sub, words, context, within, {}, small=0, few=0)
            assert walked[0].tolist() == arrays[0].tolist() and walked[1].tolist() == arrays[1].tolist()
            whoosh = {r.docnum: r.score for r in sub.search(words, limit=None)}
            assert walked[0].tolist() == [d for d in within.tolist() if d in whoosh]
            assert walked[1].tolist() == [whoosh[d] for d in walked[0].tolist()]


def test_segments_keeping_their_terms_answer_as_whoosh(searcher, tmp_path):  # type: ignore[no-untyped-def]
    ix = index.open_dir(searcher._ix.storage.folder)
    kept = _keep_terms(ix.searcher())
    try:
        subs = [sub for sub, _ in kept.reader().leaf_readers()]
        assert all(isinstance(sub._terms, _KeptTerms) for sub in subs)
        for fresh, sub in zip([s for s, _ in searcher.reader().leaf_readers()], subs, strict=True):
            for word in [*WORDS, "absent"]:
                for _ in range(2):  # looked up, then answered from what was kept
                    assert sub.doc_frequency("body", word) == fresh.doc_frequency("body", word)
                    assert sub.frequency("body", word) == fresh.frequency("body", word)
                    assert (("body", word.encode()) in sub) == (("body", word.encode()) in fresh)
                    if ("body", word.encode()) in fresh:
                        assert (
                            sub.term_info("body", word).doc_frequency() == fresh.term_info("body", word).doc_frequency()
                        )
                    else:
                        with pytest.raises(TermNotFound):
                            sub.term_info("body", word)
        rng = random.Random(5)
        for _ in range(20):
            q = wq.Or([wq.Term("body", w) for w in rng.sample([*WORDS, "absent"], rng.randint(1, 5))])
            limit = rng.randint(1, 20)
            assert [(r.docnum, r.score) for r in kept.search(q, limit=limit)] == [
                (r.docnum, r.score) for r in searcher.search(q, limit=limit)
            ]
    finally:
        kept.close()


@pytest.mark.parametrize("codec", ["w3", "arrays"])
def test_skipping_through_kept_blocks_reaches_what_whooshs_skips_reach(tmp_path, codec):  # type: ignore[no-untyped-def]
    """A kept term's matcher (search.readers) skips through the list of its postings' blocks: the same documents,
    weights and end as Whoosh's own matcher, over random skips and steps through postings of many blocks (the
    index written with Whoosh's codec, and with ailaw's)."""
    ix = index.create_in(str(tmp_path), Schema(body=TEXT(analyzer=StandardAnalyzer(stoplist=None))))
    rng = random.Random(4)
    w = ix.writer(codec=ArrayCodec() if codec == "arrays" else None)
    for _ in range(3000):  # "high" in most documents (about 20 blocks of postings), "absent" in a few
        w.add_document(body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))))
    w.commit()
    plain = ix.searcher()
    kept = _keep_terms(ix.searcher())
    for word in ("high", "model", "purpose"):
        for _ in range(40):
            a, b = plain.postings("body", word), kept.postings("body", word)
            assert type(b).__name__ == {"w3": "BlockLeafMatcher", "arrays": "ArrayBlockLeafMatcher"}[codec]
            while a.is_active():
                assert b.is_active() and (a.id(), a.weight()) == (b.id(), b.weight())
                if rng.random() < 0.5:
                    target = a.id() + rng.choice([1, 5, 50, 400, 2000])
                    a.skip_to(target)
                    b.skip_to(target)
                else:
                    a.next()
                    b.next()
            assert not b.is_active()
    plain.close()
    kept.close()
