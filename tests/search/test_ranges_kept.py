"""Date and number ranges read from each segment's full-precision terms (search.collect.range_ids) list the same
documents as Whoosh's own range matcher, whatever the bounds: open ends, excluded ends, a bound between values, a
range with nothing in it, in segments with deleted documents."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from whoosh import index
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, NUMERIC, Schema
from whoosh.writing import NO_MERGE

from search.collect import range_ids


def _index(path: Path) -> index.Index:
    schema = Schema(id=ID(stored=True, unique=True), date=DATETIME(stored=True, sortable=True),
                    year=NUMERIC(int, stored=True, sortable=True, signed=False), score=NUMERIC(float))  # fmt: skip
    ix = index.create_in(path, schema)
    rng = random.Random(5)
    n = 0
    for _ in range(3):  # three segments
        with ix.writer() as w:
            w.mergetype = NO_MERGE
            for _ in range(150):
                day = dt.datetime(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000))
                fields = {"id": str(n), "year": day.year, "score": rng.random()}
                if n % 7:  # some documents have no date
                    fields["date"] = day
                w.add_document(**fields)
                n += 1
    with ix.writer() as w:
        w.mergetype = NO_MERGE
        for k in range(0, n, 11):
            w.delete_by_term("id", str(k))
    return ix


def test_ranges_list_the_documents_whoosh_lists(tmp_path: Path) -> None:
    ix = _index(tmp_path)
    rng = random.Random(9)
    day = lambda: dt.datetime(2014, 6, 1) + dt.timedelta(days=rng.randrange(0, 4500))  # noqa: E731
    queries: list[wq.NumericRange] = [wq.DateRange("date", None, None), wq.DateRange("date", day(), None),
                                      wq.DateRange("date", None, day()), wq.NumericRange("year", 2018, 2019),
                                      wq.NumericRange("year", 2018, 2018, startexcl=True),
                                      wq.NumericRange("year", None, 2016, endexcl=True),
                                      wq.DateRange("date", dt.datetime(2030, 1, 1), None)]  # fmt: skip
    for _ in range(40):
        a, b = sorted((day(), day()))
        queries.append(wq.DateRange("date", a, b, startexcl=rng.random() < 0.3, endexcl=rng.random() < 0.3))
    with ix.searcher() as searcher:
        leaves = list(searcher.leaf_searchers())
        assert len(leaves) == 3 and all(s.reader().has_deletions() for s, _ in leaves)
        memos: list[dict[object, object]] = [{} for _ in leaves]
        nonempty = 0
        for q in queries:
            expected = sorted(searcher.docs_for_query(q))
            got: list[int] = []
            for (sub, offset), memo in zip(leaves, memos, strict=True):
                found = range_ids(sub.reader(), q, memo)
                assert found is not None
                got.extend((found + offset).tolist())
            assert got == expected, q
            nonempty += bool(expected)
        assert 30 < nonempty < len(queries)  # the ranges found something, and some found nothing


def test_a_float_field_and_a_text_field_are_left_to_whoosh_or_read_alike(tmp_path: Path) -> None:
    ix = _index(tmp_path)
    with ix.searcher() as searcher:
        (sub, _), *_ = searcher.leaf_searchers()
        q = wq.NumericRange("score", 0.25, 0.5)
        found = range_ids(sub.reader(), q, {})
        assert found is not None and found.tolist() == sorted(sub.docs_for_query(q))
        assert range_ids(sub.reader(), wq.NumericRange("id", 1, 2), {}) is None
