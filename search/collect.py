"""Every document a query matches, with its score, as Whoosh's own collector finds them — worked out a block of
postings at a time.

``search()`` needs all of a query's matches with their scores: it groups index documents to documents, counts the
matches and their facets, and ranks by tiers and weights that Whoosh's top-k shortcuts know nothing of. Whoosh
finds them one document at a time, walking a tree of matchers in Python (a binary tree of unions over every field
of every language a word is searched in, intersections, boosts) and scoring each posting with a Python call: at
20,000 versions most of a search's time (bench/README.md, "fourth round").

:func:`all_scored` builds the same matchers Whoosh would (the same query, context and segments) and works each
one out on whole arrays instead: a term's postings are read a block at a time and scored with BM25F's own formula,
operation for operation, so each score is the same float; unions, intersections, boosts, "and maybe", NOTs and
ailaw's best-of-alternatives OR combine the arrays with the same additions in the same order; ailaw's phrases
(search.phrase) add their words' scores as Whoosh's tree of intersections does and read positions only for the
documents left open; a date range's documents are read once per segment and index state. A matcher it has no
array form for (Whoosh's own phrases and spans, a list of postings with a scorer) is walked as Whoosh walks it,
only over the documents its siblings leave open. A query whose answer depends on how Whoosh's matchers are
skipped through — an AND NOT (tests/search/test_matching.py), an AND MAYBE under an intersection — is left to
Whoosh whole. ``tests/search/test_collect.py`` compares the results with Whoosh's on a real index, document for
document and score for score.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    IntersectionMatcher,
    ListMatcher,
    Matcher,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

#: Segments of at most this many index documents (a small archive, the newest segment of a large one) are walked as
#: Whoosh's collector walks them: the arrays pay off on long posting lists (bench/README.md, fourth round).
SMALL_SEGMENT = 1000
#: Whether ``matching`` reads small segments as arrays too (``arrays_for_small_segments``).
_ARRAYS_FOR_SMALL: list[bool] = [False]


def arrays_for_small_segments() -> None:
    """Let ``matching`` read small segments' postings as arrays too, numpy imported now: for a long-lived process (the
    search page, ``search.query.warm``), where the walks' repeated postings reads cost more (≈ 0.09 s of CPU of the
    page's first search on the demo data) than importing numpy once; a single ``ailaw search`` walks them instead."""
    import search.arrays  # noqa: F401 - numpy and the array evaluation, loaded now rather than in the first search

    _ARRAYS_FOR_SMALL[0] = True


def _walk(m: Matcher) -> Iterator[Matcher]:
    yield m
    for child in m.children():
        yield from _walk(child)


_PASS_ON = (UnionMatcher, WrappingMatcher, FilterMatcher, ArrayUnionMatcher)  # move their parts as they are moved


def _whoosh_only(m: Matcher, skipped: bool = False) -> bool:
    """Whether Whoosh's answer for ``m`` depends on how its matchers are moved, so that only Whoosh's own walk gives
    it: an AND NOT (tests/search/test_matching.py), or an AND MAYBE that something skips through (Whoosh's skips its
    second part to the target, not to where its first part lands, and then misses the bonus there). Under an
    intersection, a NOT or any other matcher that skips its parts, ``skipped``; unions and boosts pass it on."""
    if isinstance(m, AndNotMatcher) or (skipped and isinstance(m, AndMaybeMatcher)):
        return True
    if isinstance(m, AndMaybeMatcher):
        return _whoosh_only(m.a, skipped) or _whoosh_only(m.b, True)
    passes = isinstance(m, _PASS_ON) and not isinstance(m, IntersectionMatcher)
    return any(_whoosh_only(child, skipped if passes else True) for child in m.children())


def walk_matches(m: Matcher, within: list[int] | None) -> tuple[list[int], list[float]]:
    """A matcher walked as Whoosh's collector walks it (skipping to ``within``'s documents, sorted, when given): the
    documents it matches from where it stands and their scores."""
    ids: list[int] = []
    scores: list[float] = []
    if within is None:
        while m.is_active():
            ids.append(m.id())
            scores.append(float(m.score()))
            m.next()
    else:
        for d in _skipping(m, within):
            ids.append(d)
            scores.append(float(m.score()))
    return ids, scores


def _skipping(m: Matcher, within: list[int]) -> Iterator[int]:
    """The documents of ``within`` (sorted) that ``m`` matches, skipping to each; ``m`` stands on each as it is
    yielded."""
    for d in within:
        if not m.is_active():
            return
        if m.id() < d:
            m.skip_to(d)
            if not m.is_active():
                return
        if m.id() == d:
            yield d


class _KeptRange(wq.Query):
    """A date or number range (``date:[2018 TO 2019]``) whose documents are read once per segment and index state:
    Whoosh expands it into every indexed value in the range and walks their union to list its documents at each
    search (most of a search with a range, at 20,000 versions). Same documents and constant score; the estimates
    Whoosh's trees are shaped by are the range's own."""

    def __init__(self, q: wq.NumericRange, memo: dict[Any, Any]) -> None:
        self.q = q
        self.memo = memo

    def estimate_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_min_size(ixreader))

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if context is None or context.needs_current:
            return self.q.matcher(searcher, context)
        key = ("range", type(self.q), self.q.fieldname, self.q.start, self.q.end, self.q.startexcl, self.q.endexcl,
               self.q.boost)  # fmt: skip
        if key in self.memo:
            ids, weight, term = self.memo[key]
            return ListMatcher(ids, all_weights=weight, term=term)
        m = self.q.matcher(searcher, context)
        if type(m) is ListMatcher and m._scorer is None and m._all_weights and m._i == 0:
            self.memo[key] = (m._ids, m._all_weights, m._term)
        return m


def _keep_ranges(q: wq.Query, memo: dict[Any, Any]) -> wq.Query:
    """``q`` with its constant-score ranges read once per segment (:class:`_KeptRange`); the rest as it is."""
    if isinstance(q, wq.NumericRange) and q.constantscore:
        return _KeptRange(q, memo)
    if isinstance(q, wq.BinaryQuery):
        a, b = _keep_ranges(q.a, memo), _keep_ranges(q.b, memo)
        if a is q.a and b is q.b:
            return q
        pair = copy.copy(q)
        pair.a, pair.b, pair.subqueries = a, b, (a, b)
        return pair
    if isinstance(q, wq.CompoundQuery):
        subs = [_keep_ranges(sub, memo) for sub in q.subqueries]
        if all(x is y for x, y in zip(subs, q.subqueries, strict=True)):
            return q
        compound = copy.copy(q)
        compound.subqueries = subs
        return compound
    if isinstance(q, wq.Not):
        inner = _keep_ranges(q.query, memo)
        if inner is q.query:
            return q
        negated = copy.copy(q)
        negated.query = inner
        return negated
    return q


def all_scored(searcher: Searcher, q: wq.Query, lengths: dict[Any, dict[Any, Any]], max_of: tuple[type, ...] = (),
               small: int = SMALL_SEGMENT) -> list[tuple[float, int]]:  # fmt: skip
    """``searcher.search(q, limit=None).top_n``: (score, document number) of every match, the best first, equal
    scores by document number. ``lengths``: the field lengths and ranges read so far, per segment (keep it per index
    state);
    ``max_of``: matcher classes that score a document by the better of their sides (DisjunctionMax's kind);
    ``small``: segments of at most this many documents are walked one document at a time (an index of only such
    segments is searched without numpy)."""
    context = searcher.context()
    walked: list[tuple[float, int]] = []
    parts: list[tuple[Any, Any]] = []  # numpy's arrays of the segments read as arrays: document numbers, scores
    for n, (sub, offset) in enumerate(searcher.leaf_searchers()):
        kept = lengths.setdefault(n, {})
        m = _keep_ranges(q, kept).matcher(sub, context)
        if _whoosh_only(m):
            return list(searcher.search(q, limit=None).top_n)
        if sub.doc_count_all() <= small:  # a few hundred documents: walking costs less than setting up arrays
            ids, scores = walk_matches(m, None)
            walked.extend(zip(scores, [d + offset for d in ids], strict=True))
        else:
            from search.arrays import Segment

            found = Segment(sub, kept, max_of).found(m, None)
            parts.append((found[0] + offset, found[1]))
    if not parts:  # the best first, equal scores by document number (as numpy's lexsort below)
        return sorted(walked, key=lambda hit: (-hit[0], hit[1]))
    import numpy as np

    if walked:
        parts.append((np.array([d for _, d in walked], dtype=np.int64), np.array([s for s, _ in walked])))
    all_ids = np.concatenate([p[0] for p in parts])
    all_scores = np.concatenate([p[1] for p in parts])
    order = np.lexsort((all_ids, -all_scores))
    return list(zip(all_scores[order].tolist(), all_ids[order].tolist(), strict=True))


def matching(searcher: Searcher, q: wq.Query, wanted: list[int], small: int = SMALL_SEGMENT) -> set[int]:
    """Which of the index documents ``wanted`` (sorted) a term or a phrase matches: in a segment of more than
    ``small`` documents from its postings' arrays, a phrase's positions only for the wanted documents that have all
    its words (Whoosh's matcher, skipped to each, walks on from there through the positions of every candidate until
    the next match); in a smaller one with Whoosh's matcher, skipped to each."""
    out: set[int] = set()
    for sub, offset in searcher.leaf_searchers():
        end = offset + sub.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < end]
        if not local:
            continue
        if sub.doc_count_all() <= small and not _ARRAYS_FOR_SMALL[0]:
            found = list(_skipping(q.matcher(sub), local))
        else:
            from search import arrays

            found = arrays.matching(sub, q, local)
        out.update(d + offset for d in found)
    return out
