"""One segment's matches worked out on whole arrays (numpy): search.collect's evaluation of a segment of more than
``SMALL_SEGMENT`` index documents, imported only when a search meets one, so that a small archive's search (the
demo data, ``ailaw search`` on it) neither imports numpy nor starts its BLAS threads.

A term's postings are read a block at a time and scored with BM25F's own formula, operation for operation, so each
score is the same float as Whoosh's; see search.collect for the whole.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import (
    AndMaybeMatcher,
    IntersectionMatcher,
    ListMatcher,
    Matcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.matching.wrappers import FilterMatcher, InverseMatcher
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search.collect import _walk, walk_matches
from search.phrase import _extends, _LazyPhraseMatcher, _PhraseMatcher

_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NO_IDS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float64)

Found = tuple[np.ndarray, np.ndarray]  # sorted document numbers (int64) and their scores (float64)
_ARRAY_FORM = (W3LeafMatcher, WrappingMatcher, FilterMatcher, UnionMatcher, IntersectionMatcher, AndMaybeMatcher,
               NullMatcherClass, InverseMatcher, ArrayUnionMatcher)  # fmt: skip


class Segment:
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
        if isinstance(m, NullMatcherClass) or not m.is_active():
            return _NO_IDS, _NO_SCORES
        kind = type(m)
        if kind is W3LeafMatcher and (m.scorer is None or type(m.scorer) is BM25FScorer):
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
        if kind is IntersectionMatcher:
            first, second = (m.a, m.b) if self.walked(m.b) or not self.walked(m.a) else (m.b, m.a)
            x = self.found(first, within)
            y = self.found(second, x[0])
            ids, ix, iy = np.intersect1d(x[0], y[0], assume_unique=True, return_indices=True)
            xs, ys = x[1][ix], y[1][iy]
            return ids, (xs + ys if first is m.a else ys + xs)
        if kind is AndMaybeMatcher:
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
        walked_ids, walked_scores = walk_matches(m, None if within is None else within.tolist())
        return np.array(walked_ids, dtype=np.int64), np.array(walked_scores, dtype=np.float64)

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
            if type(leaf) is not W3LeafMatcher or not (leaf.scorer is None or type(leaf.scorer) is BM25FScorer):
                return None
            leaves.append((leaf, kept))
        if type(m) is not _LazyPhraseMatcher and not m.is_active():
            return _NO_IDS, _NO_SCORES
        words = []
        for leaf, kept in leaves:
            values: list[Any] = []
            ids, scores = self._postings(leaf, values)
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
        found = np.zeros(len(candidates), dtype=bool)
        for i in range(len(candidates)):
            positions = [decode(vals[pos[i]]) for (_, _, vals, decode), pos in zip(words, at, strict=True)]
            found[i] = any(_extends(positions, 1, p, slop) for p in positions[0])
        return candidates[found], scores[found] * m.boost

    def _postings(self, m: Any, values: list[Any] | None = None) -> Found:
        """A term's postings from where the matcher stands, scored as ``BM25FScorer._score`` scores each (a matcher
        without a scorer, under a NOT, scores nothing: only its documents count)."""
        id_parts, weight_parts = [], []
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
        ids = np.concatenate(id_parts)
        tf = np.concatenate(weight_parts)
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


def _restrict(found: Found, within: np.ndarray) -> Found:
    keep = np.isin(found[0], within, assume_unique=True)
    return found[0][keep], found[1][keep]


def _union(a: Found, b: Found, *, best: bool) -> Found:
    """Whoosh's union: a document on one side keeps that side's score, on both the sum (``best``: the larger)."""
    ids = np.union1d(a[0], b[0])
    scores = np.zeros(len(ids), dtype=np.float64)
    in_a = np.isin(ids, a[0], assume_unique=True)
    in_b = np.isin(ids, b[0], assume_unique=True)
    only_a, only_b, both = in_a & ~in_b, in_b & ~in_a, in_a & in_b
    pos_a = np.searchsorted(a[0], ids)
    pos_b = np.searchsorted(b[0], ids)
    scores[only_a] = a[1][pos_a[only_a]]
    scores[only_b] = b[1][pos_b[only_b]]
    sa, sb = a[1][pos_a[both]], b[1][pos_b[both]]
    scores[both] = np.maximum(sa, sb) if best else sa + sb
    return ids, scores


def _scored_one_by_one(ids: np.ndarray, tf: np.ndarray, scorer: Any) -> Found:
    lengths = [scorer.dfl(int(d)) for d in ids]
    return ids, np.array([scorer._score(float(w), n) for w, n in zip(tf, lengths, strict=True)], dtype=np.float64)


def matching(searcher: Searcher, q: Any, local: list[int]) -> list[int]:
    """Which of the segment's documents ``local`` (sorted) ``q`` matches: its postings as arrays, a phrase's positions
    only for these documents."""
    ids, _ = Segment(searcher, {}, ()).found(q.matcher(searcher), np.asarray(local, dtype=np.int64))
    return list(ids.tolist())
