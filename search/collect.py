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
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.fields import NUMERIC
from whoosh.formats import Positions
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    IntersectionMatcher,
    ListMatcher,
    Matcher,
    NullMatcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.matching.wrappers import FilterMatcher, InverseMatcher
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length, to_sortable

from search.codec import ArrayLeafMatcher, decode_positions
from search.lazy import LazyAnd, LazyAndMaybe, LazyAndMaybeMatcher, LazyIntersectionMatcher
from search.phrase import _MAX_SLOP, _extends, _LazyPhraseMatcher, _PhraseMatcher, phrase_in
from search.readers import ArrayBlockLeafMatcher, BlockLeafMatcher

_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
#: Segments of at most this many index documents (a small archive, the newest segment of a large one) are walked as
#: Whoosh's collector walks them: the arrays pay off on long posting lists (bench/README.md, fourth round).
SMALL_SEGMENT = 1000
_NO_IDS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float64)

_LEAVES = (W3LeafMatcher, BlockLeafMatcher, ArrayLeafMatcher, ArrayBlockLeafMatcher)  # a term's postings in a segment
Found = tuple[np.ndarray, np.ndarray]  # sorted document numbers (int64) and their scores (float64)
_ARRAY_FORM = (*_LEAVES, WrappingMatcher, FilterMatcher, UnionMatcher, IntersectionMatcher, AndMaybeMatcher,
               NullMatcherClass, InverseMatcher, ArrayUnionMatcher, LazyIntersectionMatcher, LazyAndMaybeMatcher)  # fmt: skip
#: Matchers whose documents are their parts' (none when their parts have none): not asked whether they are active,
#: which would make a lazy matcher under them (search.lazy) make its first search.
_OF_PARTS = (WrappingMatcher, UnionMatcher, IntersectionMatcher, LazyIntersectionMatcher, AndMaybeMatcher,
             LazyAndMaybeMatcher)  # fmt: skip


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


class _Segment:
    """One segment's evaluation: its reader, the field lengths read once (``lengths``: kept per index state by
    the caller), and the matcher classes scored as the best of their two sides (``max_of``)."""

    def __init__(self, searcher: Searcher, lengths: dict[Any, Any], max_of: tuple[type, ...]) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.lengths = lengths
        self.max_of = max_of

    def field_lengths(self, fieldname: str) -> np.ndarray | None:
        """The length byte of ``fieldname`` for every document of the segment (0: none); None without a column."""
        if fieldname not in self.lengths:
            perdoc = getattr(self.reader, "_perdoc", None)
            col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) if perdoc is not None else None
            n = self.reader.doc_count_all()
            if col is None:
                values = None
            elif getattr(col, "_fixedlen", None) == 1 and hasattr(col, "_dbfile"):
                count = min(col._count, n)
                raw = np.frombuffer(col._dbfile.get(col._basepos, count), dtype=np.uint8) if count else None
                values = np.zeros(n, dtype=np.uint8)
                if raw is not None:
                    values[:count] = raw
            else:
                values = np.fromiter((col[i] for i in range(n)), dtype=np.uint8, count=n)
            self.lengths[fieldname] = values
        return self.lengths[fieldname]

    # --- one matcher -> (ids, scores) ------------------------------------------------------------------------

    def found(self, m: Any, within: np.ndarray | None) -> Found:
        """The documents ``m`` matches from where it stands (restricted to ``within``, sorted, when given)."""
        if type(m) is _LazyPhraseMatcher and (spans := self._phrase(m, within)) is not None:
            return spans  # never asked where it stands: its words from where they stand
        kind = type(m)
        if isinstance(m, NullMatcherClass) or (kind not in _OF_PARTS and kind not in self.max_of and not m.is_active()):
            return _NO_IDS, _NO_SCORES
        if kind in _LEAVES and (m.scorer is None or type(m.scorer) is BM25FScorer):
            out = self._postings(m)
            return out if within is None else _restrict(out, within)
        if kind is WrappingMatcher:
            ids, scores = self.found(m.child, within)
            return ids, scores * m.boost
        if kind is FilterMatcher:
            ids, scores = self.found(m.child, within)
            keep = np.isin(ids, np.fromiter(m._ids, dtype=np.int64, count=len(m._ids)), invert=m._exclude)
            return ids[keep], scores[keep] * m.boost
        if kind is UnionMatcher or kind in self.max_of:
            a, b = self.found(m.a, within), self.found(m.b, within)
            return _union(a, b, best=kind in self.max_of)
        if kind is IntersectionMatcher or kind is LazyIntersectionMatcher:
            first, second = (m.a, m.b) if self.walked(m.b) or not self.walked(m.a) else (m.b, m.a)
            x = self.found(first, within)
            if not len(x[0]):
                return _NO_IDS, _NO_SCORES
            y = self.found(second, x[0])
            ids, ix, iy = np.intersect1d(x[0], y[0], assume_unique=True, return_indices=True)
            xs, ys = x[1][ix], y[1][iy]
            return ids, (xs + ys if first is m.a else ys + xs)
        if kind is AndMaybeMatcher or kind is LazyAndMaybeMatcher:
            a = self.found(m.a, within)
            b = self.found(m.b, a[0])
            scores = a[1].copy()
            pos = np.searchsorted(a[0], b[0])
            scores[pos] = scores[pos] + b[1]
            return a[0], scores
        if kind is InverseMatcher and getattr(m.missing, "__name__", "") == "is_deleted":
            domain = np.arange(m.id(), m.limit, dtype=np.int64) if within is None else within[within >= m.id()]
            child = self.found(m.child, domain)[0]
            reader = m.missing.__self__
            deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
            keep = ~np.isin(domain, child)
            if deleted:
                keep &= ~np.isin(domain, np.fromiter(deleted, dtype=np.int64, count=len(deleted)))
            ids = domain[keep]
            return ids, np.full(len(ids), float(m._weight))
        if kind is ArrayUnionMatcher:
            return self._preloaded(m, within)
        if kind is ListMatcher and m._scorer is None and m._all_weights:  # a date range's documents, one score
            ids = np.asarray(m._ids[m._i :], dtype=np.int64)
            if within is not None:
                ids = ids[np.isin(ids, within, assume_unique=True)]
            return ids, np.full(len(ids), float(m._all_weights))
        if kind is _PhraseMatcher and (spans := self._phrase(m, within)) is not None:
            return spans
        return _walk_matches(m, within)

    def walked(self, m: Matcher) -> bool:
        """``m`` has a part walked one document at a time (a phrase, a list): evaluated after its sibling, only over
        the documents that one leaves."""
        return any(type(x) not in _ARRAY_FORM and type(x) not in self.max_of for x in _walk(m))

    def _phrase(self, m: Any, within: np.ndarray | None) -> Found | None:
        """ailaw's phrase (search.phrase): the documents having every word — scored as Whoosh's binary tree of
        intersections adds its words' scores — whose positions make the phrase, checked only for the documents
        ``within``. None when a word is not a plain term's postings (it is walked then)."""
        leaves = []
        for sub in m.ms:
            leaf, kept = (sub.child, sub) if type(sub) is FilterMatcher else (sub, None)
            if type(leaf) not in _LEAVES or not (leaf.scorer is None or type(leaf.scorer) is BM25FScorer):
                return None
            leaves.append((leaf, kept))
        if type(m) is not _LazyPhraseMatcher and not m.is_active():
            return _NO_IDS, _NO_SCORES
        words = []
        for leaf, kept in leaves:
            values: list[Any] = []
            as_arrays = isinstance(leaf, ArrayLeafMatcher) and type(leaf.format) is Positions
            ids, scores = self._postings(leaf, values, positions=as_arrays)
            vals: Any
            if as_arrays:  # each posting's count and where its positions start in ``flat``
                counts = np.concatenate([c for c, _ in values]) if values else _NO_IDS
                flat = np.concatenate([p for _, p in values]) if values else _NO_IDS
                vals = _Positioned(counts, np.cumsum(counts) - counts, flat)
            else:
                vals = np.empty(len(values), dtype=object)
                vals[:] = values
            if kept is not None:
                keep = np.isin(ids, np.fromiter(kept._ids, dtype=np.int64, count=len(kept._ids)), invert=kept._exclude)
                ids, scores, vals = ids[keep], scores[keep] * kept.boost, vals[keep]
            words.append((ids, scores, vals, leaf.format.decoder("positions")))
        candidates = words[0][0] if within is None else within
        for ids, *_ in words:
            candidates = np.intersect1d(candidates, ids, assume_unique=True)
        at = [np.searchsorted(ids, candidates) for ids, *_ in words]

        def tree(lo: int, hi: int) -> np.ndarray:  # whoosh.util.make_binary_tree's shape
            if hi - lo == 1:
                return words[lo][1][at[lo]]
            half = (hi - lo) // 2
            return tree(lo, lo + half) + tree(lo + half, hi)

        scores = tree(0, len(words))
        slop = m.slop
        if slop <= _MAX_SLOP and all(type(leaf.format) is Positions for leaf, _ in leaves):
            found = phrase_in(
                [
                    vals.at(pos) if type(vals) is _Positioned else _positions(vals[pos].tolist(), len(candidates))
                    for (_, _, vals, _), pos in zip(words, at, strict=True)
                ],
                slop,
            )
        else:
            found = np.zeros(len(candidates), dtype=bool)
            for i in range(len(candidates)):
                positions = [vals.one(pos[i]) if type(vals) is _Positioned else decode(vals[pos[i]])
                             for (_, _, vals, decode), pos in zip(words, at, strict=True)]  # fmt: skip
                found[i] = any(_extends(positions, 1, p, slop) for p in positions[0])
        return candidates[found], scores[found] * m.boost

    def _postings(self, m: Any, values: list[Any] | None = None, positions: bool = False) -> Found:
        """A term's postings from where the matcher stands, scored as ``BM25FScorer._score`` scores each (a matcher
        without a scorer, under a NOT, scores nothing: only its documents count). ``values`` gets their values
        (Whoosh's bytes), or with ``positions`` (ailaw's codec, a ``Positions`` field) each block's counts and
        positions as arrays."""
        id_parts, weight_parts = [], []
        if isinstance(m, ArrayLeafMatcher):  # search.codec: the block's arrays as stored
            while m.is_active():
                i = m._i
                ids, weights = m.block_arrays()
                id_parts.append(ids[i:])
                weight_parts.append(weights[i:])
                if values is not None and positions:
                    values.append(_block_positions(m))
                elif values is not None:
                    values.extend(m.block_values()[i:])
                m._i = m._blocklength
                m._next_block()
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            if values is not None:
                if m._values is None:
                    m._read_values()
                values.extend(m._values[m._i :])
            id_parts.append(np.asarray(m._ids[m._i :], dtype=np.int64))
            weight_parts.append(np.asarray(m._weights[m._i :], dtype=np.float64))
            m._i = m._blocklength
            m._next_block()
        if not id_parts:
            return _NO_IDS, _NO_SCORES
        ids = np.concatenate(id_parts).astype(np.int64, copy=False)  # ailaw's codec's parts: uint32, float32
        tf = np.concatenate(weight_parts).astype(np.float64, copy=False)
        s = m.scorer
        if s is None:
            return ids, np.zeros(len(ids))
        fieldname = m._term[0]
        lbytes = self.field_lengths(fieldname)
        if lbytes is None:
            fl = np.ones(len(ids))  # no length column: Whoosh's default length, 1
        else:
            picked = lbytes[ids]
            if not picked.all():  # a length byte of 0, which Whoosh's reader answers with None: its own way
                return _scored_one_by_one(ids, tf, s)
            fl = _LENGTHS[picked]
        idf, avgfl, b, k1 = s.idf, s.avgfl, s.B, s.K1
        # whoosh.scoring.bm25, operation for operation: idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        return ids, scores

    def _preloaded(self, m: Any, within: np.ndarray | None) -> Found:
        """Whoosh's preloading union (small segments): each part's score times the boost, added in the parts' order
        into an array of zeros; a document counts where its sum is above 0."""
        n = m._doccount
        acc = np.zeros(n, dtype=np.float64)
        start = m._docnum
        lo, hi = m._offset, m._limit
        window = np.frombuffer(m._a, dtype=np.float64)[: hi - lo]
        if start < hi:  # the part read already, from the current document on
            acc[start:hi] = window[start - lo :]
        for sub in m._submatchers:
            ids, scores = self.found(sub, None)
            if m._scored:
                acc[ids] = acc[ids] + scores * m._boost  # a part's documents are distinct
            else:
                acc[ids] = 1
        ids = np.flatnonzero(acc > 0).astype(np.int64)
        ids = ids[ids >= start]
        out = (ids, acc[ids])
        return out if within is None else _restrict(out, within)


def _positions(values: list[bytes], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of a word in each of ``n`` documents, from its postings' values in Whoosh's ``Positions``
    format (the number of positions, then the pickled list of their differences; ``Positions.decode_positions``):
    all of them in one array, and how many each document has."""
    _, counts, positions = decode_positions(values)
    assert len(counts) == n
    return positions, counts


def _block_positions(m: ArrayLeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """The counts and positions of a block's postings (ailaw's codec, a ``Positions`` field) from where ``m``
    stands."""
    i = m._i
    got = m.block_positions()
    if got is None:  # a block whose values the codec kept as Whoosh's bytes
        positions, counts = _positions(list(m.block_values()[i:]), m._blocklength - i)
        return counts, positions
    counts, starts, flat = got
    return counts[i:], flat[int(starts[i]) :]


class _Positioned:
    """A word's positions in the documents it is in (ailaw's codec): each posting's count and start in ``flat``."""

    def __init__(self, counts: np.ndarray, starts: np.ndarray, flat: np.ndarray) -> None:
        self.counts, self.starts, self.flat = counts, starts, flat

    def __getitem__(self, keep: np.ndarray) -> _Positioned:
        return _Positioned(self.counts[keep], self.starts[keep], self.flat)

    def at(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of postings ``pos`` in one array (in order), and how many each has (``_positions``)."""
        counts = self.counts[pos]
        total = int(counts.sum())
        firsts = np.cumsum(counts) - counts
        offsets = np.arange(total, dtype=np.int64) - np.repeat(firsts, counts)
        return self.flat[np.repeat(self.starts[pos], counts) + offsets], counts

    def one(self, i: int) -> list[int]:
        start = int(self.starts[i])
        return self.flat[start : start + int(self.counts[i])].tolist()  # type: ignore[no-any-return]


def _restrict(found: Found, within: np.ndarray) -> Found:
    keep = np.isin(found[0], within, assume_unique=True)
    return found[0][keep], found[1][keep]


def _union(a: Found, b: Found, *, best: bool) -> Found:
    """Whoosh's union: a document on one side keeps that side's score, on both the sum (``best``: the larger). Both
    sides' documents in one stable sort (two sorted runs, merged): a document on both sides is two neighbours,
    ``a``'s first."""
    order = np.argsort(np.concatenate((a[0], b[0])), kind="stable")
    ids = np.concatenate((a[0], b[0]))[order]
    scores = np.concatenate((a[1], b[1]))[order]
    both = np.flatnonzero(ids[1:] == ids[:-1])  # a's entry of each document on both sides; b's follows it
    if not len(both):
        return ids, scores
    sa, sb = scores[both], scores[both + 1]
    scores[both] = np.maximum(sa, sb) if best else sa + sb
    keep = np.ones(len(ids), dtype=bool)
    keep[both + 1] = False
    return ids[keep], scores[keep]


def _scored_one_by_one(ids: np.ndarray, tf: np.ndarray, scorer: Any) -> Found:
    lengths = [scorer.dfl(int(d)) for d in ids]
    return ids, np.array([scorer._score(float(w), n) for w, n in zip(tf, lengths, strict=True)], dtype=np.float64)


def _walk_matches(m: Matcher, within: np.ndarray | None) -> Found:
    """A matcher without an array form, walked as Whoosh's collector walks it (skipping to ``within``'s documents
    when given)."""
    ids: list[int] = []
    scores: list[float] = []
    if within is None:
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
    else:
        for d in within.tolist():
            if not m.is_active():
                break
            if m.id() < d:
                m.skip_to(d)
                if not m.is_active():
                    break
            if m.id() == d:
                ids.append(d)
                scores.append(m.score())
    return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)


def range_ids(reader: Any, q: wq.NumericRange, memo: dict[Any, Any]) -> np.ndarray | None:
    """The sorted document numbers of one segment's ``reader`` whose value of a numeric or date field is in the
    range ``q`` (the documents Whoosh's own matcher of the range lists), None for a field this does not read. The
    field's full-precision terms and their documents are read once per segment into ``memo``; any range is then a
    bisection of those terms, where Whoosh expands each new range into its terms at every precision and walks their
    union (a quarter to half a second at 20,000 versions for each date range a search meets first)."""
    schema = reader.schema
    field = schema[q.fieldname] if q.fieldname in schema else None  # noqa: SIM401 (a Whoosh schema has no get)
    if not isinstance(field, NUMERIC):
        return None
    key = ("numeric-terms", q.fieldname)
    if key not in memo:
        terms = list(field.sortable_terms(reader, q.fieldname))
        docs = [np.fromiter(reader.postings(q.fieldname, t).all_ids(), dtype=np.int64) for t in terms]
        memo[key] = (terms, docs)
    terms, docs = memo[key]
    # The bounds as Whoosh's NumericRange computes them (whoosh.util.numeric.tiered_ranges), as full-precision terms.
    start, end = field.prepare_number(q.start), field.prepare_number(q.end)
    sortable = field.numtype, field.bits, field.signed
    low = 0 if start is None else to_sortable(*sortable, start) + bool(q.startexcl)
    high = 2**field.bits - 1 if end is None else to_sortable(*sortable, end) - bool(q.endexcl)
    if low > high:
        return _NO_IDS
    first = bisect_left(terms, field.sortable_to_bytes(low))
    last = bisect_right(terms, field.sortable_to_bytes(high))
    if first >= last:
        return _NO_IDS
    return np.unique(np.concatenate(docs[first:last]))


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
        found = range_ids(searcher.reader(), self.q, self.memo)
        if found is not None:
            if not len(found):
                return NullMatcher
            self.memo[key] = (array("I", found.tolist()), self.q.boost, None)
            return ListMatcher(self.memo[key][0], all_weights=self.q.boost)
        m = self.q.matcher(searcher, context)
        if type(m) is ListMatcher and m._scorer is None and m._all_weights and m._i == 0:
            self.memo[key] = (m._ids, m._all_weights, m._term)
        return m


def _for_arrays(q: wq.Query, memo: dict[Any, Any]) -> wq.Query:
    """``q`` with its constant-score ranges read once per segment (:class:`_KeptRange`) and its AND and AND MAYBE
    matchers built without walking (search.lazy); the rest as it is."""
    if isinstance(q, wq.NumericRange) and q.constantscore:
        return _KeptRange(q, memo)
    if isinstance(q, wq.BinaryQuery):
        a, b = _for_arrays(q.a, memo), _for_arrays(q.b, memo)
        if type(q) is not wq.AndMaybe and a is q.a and b is q.b:
            return q
        pair = copy.copy(q)
        if type(q) is wq.AndMaybe:
            pair.__class__ = LazyAndMaybe
        pair.a, pair.b, pair.subqueries = a, b, (a, b)
        return pair
    if isinstance(q, wq.CompoundQuery):
        subs = [_for_arrays(sub, memo) for sub in q.subqueries]
        if type(q) is not wq.And and all(x is y for x, y in zip(subs, q.subqueries, strict=True)):
            return q
        compound = copy.copy(q)
        if type(q) is wq.And:
            compound.__class__ = LazyAnd
        compound.subqueries = subs
        return compound
    if isinstance(q, wq.Not):
        inner = _for_arrays(q.query, memo)
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
    ``small``: segments of at most this many documents are walked one document at a time."""
    scores, ids = scored_arrays(searcher, q, lengths, max_of, small)
    return list(zip(scores.tolist(), ids.tolist(), strict=True))


def scored_arrays(searcher: Searcher, q: wq.Query, lengths: dict[Any, dict[Any, Any]], max_of: tuple[type, ...] = (),
                  small: int = SMALL_SEGMENT) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """:func:`all_scored` as two arrays: the scores (float64) and document numbers (int64), in its order."""
    context = searcher.context()
    parts: list[Found] = []
    for n, (sub, offset) in enumerate(searcher.leaf_searchers()):
        kept = lengths.setdefault(n, {})
        m = _for_arrays(q, kept).matcher(sub, context)
        if _whoosh_only(m):
            top = searcher.search(q, limit=None).top_n
            return (np.array([s for s, _ in top], dtype=np.float64),
                    np.array([d for _, d in top], dtype=np.int64))  # fmt: skip
        if sub.doc_count_all() <= small:  # a few hundred documents: walking costs less than setting up arrays
            ids, scores = _walk_matches(m, None)
        else:
            ids, scores = _Segment(sub, kept, max_of).found(m, None)
        parts.append((ids + offset, scores))
    if not parts:
        return _NO_SCORES, _NO_IDS
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    order = np.lexsort((ids, -scores))
    return scores[order], ids[order]


def scored_among(sub: Searcher, q: wq.Query, context: Any, within: np.ndarray, lengths: dict[Any, Any],
                 small: int = SMALL_SEGMENT, few: int = 200) -> Found:  # fmt: skip
    """The documents among ``within`` (a segment's own numbers, sorted) that ``q`` matches in segment ``sub``, with
    the scores Whoosh's matcher gives them (built with ``context``), as :func:`scored_arrays` works them out
    (``lengths``: that segment's, kept). A few documents (at most ``few``) are reached by skipping the matcher to
    each: reading a common word's every posting block to score a few of them costs far more."""
    m = _for_arrays(q, lengths).matcher(sub, context)
    if _whoosh_only(m) or sub.doc_count_all() <= small or len(within) <= few:
        return _walk_matches(m, within)
    return _Segment(sub, lengths, ()).found(m, within)


def matching(searcher: Searcher, q: wq.Query, wanted: list[int]) -> set[int]:
    """Which of the index documents ``wanted`` (sorted) a term or a phrase matches: each segment's postings read as
    arrays, a phrase's positions only for the wanted documents that have all its words (Whoosh's matcher, skipped to
    each, walks on from there through the positions of every candidate until the next match)."""
    out: set[int] = set()
    docs = np.asarray(wanted, dtype=np.int64)
    for sub, offset in searcher.leaf_searchers():
        local = docs[(docs >= offset) & (docs < offset + sub.doc_count_all())] - offset
        if len(local):
            ids, _ = _Segment(sub, {}, ()).found(q.matcher(sub), local)
            out.update((ids + offset).tolist())
    return out
