"""Phrase matching on word positions as integers.

Whoosh checks a phrase in a document by turning every position of each of its words into a ``Span`` object and
comparing spans pairwise (``SpanNear2``). In a 90,000-word act («AI» and «system» thousands of times each) that
was most of a search's time on the demo data. :class:`Phrase` matches the same documents, with the same spans and
scores, comparing the sorted positions directly and stopping at a document's first match; its spans are made into
``Span`` objects only for a caller that asks for them (a span query around it; ailaw's queries do not).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.query.spans import Span, SpanNear2
from whoosh.util import make_binary_tree

from search.lazy import LazyIntersectionMatcher

_FOUND: Any = (True,)  # a document has the phrase; its spans are listed when asked for


def _extends(positions: list[list[int]], k: int, end: int, slop: int) -> bool:
    """Word ``k`` (and the words after it) continue a match that ends at position ``end``."""
    after = positions[k]
    j = bisect_right(after, end)
    last = end + slop
    while j < len(after) and after[j] <= last:
        if k == len(positions) - 1 or _extends(positions, k + 1, after[j], slop):
            return True
        j += 1
    return False


#: Positions are told apart per document in one array as ``document × _SPAN + position``: a phrase's slop must stay far
#: below it (positions are word counts: a document has far fewer than 2**32 - 2**20 words).
_SPAN = 2**32
_MAX_SLOP = 2**20


def phrase_in(words: list[tuple[np.ndarray, np.ndarray]], slop: int) -> np.ndarray:
    """Which of n documents have the phrase, given each word's positions in them (all in one sorted array per
    document, and how many each document has): word ``k + 1`` at 1 to ``slop`` positions after a match of the
    first ``k`` words extends it, as :func:`_extends` decides it one document at a time. Worked out for all the
    documents at once: the ends of the matches of the first ``k`` words, then those of the first ``k + 1``."""
    n = len(words[0][1])
    ends = np.zeros(0, dtype=np.int64)
    for k, (positions, counts) in enumerate(words):
        at = np.repeat(np.arange(n, dtype=np.int64) * _SPAN, counts) + positions
        if k == 0:
            ends = at
            continue
        before = np.searchsorted(ends, at, side="left") - 1  # the last match end before each position
        gap = at - ends[np.maximum(before, 0)] if len(ends) else np.full(len(at), _SPAN)
        ends = at[(before >= 0) & (gap <= slop)]
    found = np.zeros(n, dtype=bool)
    found[ends // _SPAN] = True
    return found


class _PhraseMatcher(SpanNear2.SpanNear2Matcher):
    """SpanNear2's matcher (ordered, mindist 1) over term matchers: word ``k + 1`` at 1 to ``slop`` positions after
    the end of a match of the first ``k`` words extends it, as SpanNear2 does. Finding the next document only needs
    one match in it (the first found); the spans themselves are listed only when asked for."""

    _positions: list[list[int]]

    def _get_spans(self) -> Any:
        self._positions = positions = [m.value_as("positions") for m in self.ms]
        slop = self.slop
        return _FOUND if any(_extends(positions, 1, p, slop) for p in positions[0]) else []

    def spans(self) -> list[Span]:
        if self._spans is _FOUND:
            self._spans = self._all_spans()
        return self._spans or []

    def _all_spans(self) -> list[Span]:
        slop = self.slop
        spans: list[tuple[int, int]] = [(p, p) for p in self._positions[0]]
        for after in self._positions[1:]:
            n = len(after)
            found: set[tuple[int, int]] = set()
            for start, end in spans:
                j = bisect_right(after, end)
                last = end + slop
                while j < n and after[j] <= last:
                    found.add((start, after[j]))
                    j += 1
            spans = sorted(found)
        return [Span(start, end) for start, end in spans]

    def copy(self) -> _PhraseMatcher:
        return self.__class__([m.copy() for m in self.ms], slop=self.slop)


class _LazyPhraseMatcher(_PhraseMatcher):
    """A :class:`_PhraseMatcher` that looks for its first document only when first asked anything about where it
    stands. Whoosh's span matchers find their first match when built, walking the positions of every candidate
    document until one has the phrase (all of them, for a phrase no document has); search.collect reads a phrase's
    words from their postings instead and checks only the documents its siblings leave open, so building it must
    not walk. At the first question (``is_active``, ``id``, ``next``…) it becomes a plain ``_PhraseMatcher`` at its
    first match, as if built as one: same documents, spans and scores."""

    #: What can be read without the first match: the words' matchers and the shape, which the search's array
    #: evaluation and Whoosh's tree building (class comparisons) read.
    _SETTLED_WITHOUT = frozenset({"ms", "slop", "ordered", "mindist", "child", "boost", "_spans", "children",
                                  "_settle", "__class__", "__dict__"})  # fmt: skip

    def __init__(self, ms: list[Any], slop: int = 1) -> None:  # SpanNear2Matcher's, without the first search
        self.ms = ms
        self.slop = slop
        self.ordered = True
        self.mindist = 1
        WrappingMatcher.__init__(self, make_binary_tree(LazyIntersectionMatcher, ms))
        self._spans = None

    def _settle(self) -> None:
        self.__class__ = _PhraseMatcher  # type: ignore[assignment]
        if self.is_active():
            self._find_next()

    def __getattribute__(self, name: str) -> Any:
        if name not in _LazyPhraseMatcher._SETTLED_WITHOUT:
            object.__getattribute__(self, "_settle")()
        return object.__getattribute__(self, name)


class Phrase(wq.Phrase):
    """``whoosh.query.Phrase`` with :class:`_PhraseMatcher` on a field with positions (and no character offsets,
    which ailaw's fields do not store); Whoosh's own matcher otherwise."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return NullMatcher()
        fmt = searcher.schema[fieldname].format
        if not fmt or not fmt.supports("positions") or fmt.supports("characters") or len(self.words) < 2:
            return super().matcher(searcher, context)
        field = searcher.schema[fieldname]
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                text = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (fieldname, text) not in reader:
                return NullMatcher()
            terms.append(wq.Term(fieldname, text))
        context = SpanNear2._span_context(context)
        m: Any = _LazyPhraseMatcher([t.matcher(searcher, context) for t in terms], slop=self.slop)
        if self.boost != 1.0:
            m = WrappingMatcher(m, boost=self.boost)
        return m
