"""Whoosh's AND and AND MAYBE matchers without the walk they make when built.

Whoosh's ``IntersectionMatcher`` finds its first common document when it is built, leapfrogging its two sides
(unions of every field of every language a word is searched in, phrases) through their postings; its
``AndMaybeMatcher`` skips its second side to the first side's first document. search.collect reads every side as
arrays of postings anyway, so that walk was most of what building a query's matchers cost at 20,000 versions
(bench/README.md, "query round"). These matchers make it only when first asked anything about where they stand
(``is_active``, ``id``, ``next``…): they then become Whoosh's own class at the place it would have been built at,
so a caller that walks them sees the same documents and scores.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.matching import AndMaybeMatcher, IntersectionMatcher


class _Lazy:
    """The first search of ``settled`` (its method ``first``), made at the first question."""

    settled: type
    first: str
    #: What can be read without the first search: the sides and the shape (the array evaluation, Whoosh's tree
    #: building and its class comparisons).
    _SETTLED_WITHOUT = frozenset({"a", "b", "children", "_settle", "__class__", "__dict__"})

    def __init__(self, a: Any, b: Any) -> None:  # BiMatcher's, without the first search
        self.a = a
        self.b = b

    def _settle(self) -> None:
        kind = type(self)
        self.__class__ = kind.settled  # type: ignore[assignment]
        getattr(self, kind.first)()

    def __getattribute__(self, name: str) -> Any:
        if name not in _Lazy._SETTLED_WITHOUT:
            object.__getattribute__(self, "_settle")()
        return object.__getattribute__(self, name)


class LazyIntersectionMatcher(_Lazy, IntersectionMatcher):
    """An ``IntersectionMatcher`` that finds its first common document when first asked."""

    settled = IntersectionMatcher
    first = "_find_first"


class LazyAndMaybeMatcher(_Lazy, AndMaybeMatcher):
    """An ``AndMaybeMatcher`` that skips its second side to the first side's document when first asked."""

    settled = AndMaybeMatcher
    first = "_first_b"


class LazyAnd(wq.And):
    """``whoosh.query.And`` with :class:`LazyIntersectionMatcher`: the same tree, built the same way."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        r = searcher.reader()

        def q_weight_fn(q: Any) -> int:  # whoosh.query.And's
            return 0 - q.estimate_size(r)

        return self._tree_matcher(subs, LazyIntersectionMatcher, searcher, context, q_weight_fn)


class LazyAndMaybe(wq.AndMaybe):
    """``whoosh.query.AndMaybe`` with :class:`LazyAndMaybeMatcher`."""

    matcherclass = LazyAndMaybeMatcher
