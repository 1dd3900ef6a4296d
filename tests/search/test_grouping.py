"""Grouping, ranking and facets on arrays (search.query ``_group``, ``_Docs``, ``_facets``) against the same steps
done one hit and one document at a time, on random hits with many ties; and ``search()`` on a real index."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import numpy as np

from search.query import FACET_NAMES, _Doc, _facets, _group, _numbered, _PerDoc, _rank_key, search
from search.schema import FACET_FIELDS


def _per_doc(rng: random.Random, n_docs: int = 40, per_doc: int = 6) -> _PerDoc:
    """Index documents of ``n_docs`` documents: each a document entry and versions, scattered over the docnums (as
    over several segments: a document's versions written in different batches)."""
    doc_ids: list[str] = []
    versions: list[bool] = []
    for d in range(n_docs):
        for v in range(rng.randint(1, per_doc)):
            doc_ids.append(f"doc/{rng.choice('abc')}/{d:03d}")  # ids sort otherwise than by number
            versions.append(v > 0)
    order = list(range(len(doc_ids)))
    rng.shuffle(order)
    doc_ids = [doc_ids[i] for i in order]
    is_version = [versions[i] for i in order]
    numbers: dict[str, int] = {}
    doc_number = np.array([numbers.setdefault(d, len(numbers)) for d in doc_ids], dtype=np.int64)
    id_order = np.empty(len(numbers), dtype=np.int64)
    id_order[[numbers[d] for d in sorted(numbers)]] = np.arange(len(numbers))
    dates = [rng.choice([None, dt.date(2020, 1, 1), dt.date(2024, 6, 13), dt.date(2024, 7, 12)]) for _ in doc_ids]
    return _PerDoc(
        doc_id=doc_ids, doc_number=doc_number, number_of=numbers, id_order=id_order,
        is_version=np.array(is_version, dtype=bool),
        weight=np.array([rng.choice([0.8, 1.0, 1.0, 1.15, 1.2]) for _ in doc_ids], dtype=np.float64),
        date=dates, day=np.array([d.toordinal() if d else 0 for d in dates], dtype=np.int64),
        doc_type=_numbered([rng.choice(["bill", "law", None]) for _ in doc_ids]),
        facets={name: _numbered([rng.choice(["EU", "RU", "US", None]) for _ in doc_ids]) for name in FACET_FIELDS},
    )  # fmt: skip


def _hits(rng: random.Random, per: _PerDoc) -> tuple[np.ndarray, np.ndarray]:
    """Random matches, best first (equal scores: index order), with many equal scores."""
    docnums = np.array(sorted(rng.sample(range(len(per.doc_id)), rng.randint(0, len(per.doc_id)))), dtype=np.int64)
    scores = np.array([rng.choice([0.5, 1.0, 1.5, 2.0, 2.0, 3.25]) for _ in docnums], dtype=np.float64)
    order = np.lexsort((docnums, -scores))
    return scores[order], docnums[order]


def _group_hit_by_hit(scores, docnums, per, allowed, ai, named):  # type: ignore[no-untyped-def]
    """The grouping one hit at a time: a document's first hit decides its score and whether it is shown."""
    docs: dict[str, tuple[float, int, int | None]] = {}
    version_of: dict[str, int] = {}
    seen: set[str] = set()
    hidden: dict[str, int] = {}
    for docnum in docnums.tolist():
        doc_id = per.doc_id[docnum]
        if per.is_version[docnum] and doc_id not in version_of:
            version_of[doc_id] = docnum
    for score, docnum in zip(scores.tolist(), docnums.tolist(), strict=True):
        doc_id = per.doc_id[docnum]
        if doc_id in seen:
            continue
        seen.add(doc_id)
        why = ("filters" if allowed is not None and not allowed[docnum] else
               "not_ai" if ai is not None and not ai[docnum] and doc_id not in named else "")  # fmt: skip
        if why:
            hidden[why] = hidden.get(why, 0) + 1
            continue
        docs[doc_id] = (score * float(per.weight[docnum]), docnum, version_of.get(doc_id))
    return docs, hidden


def test_grouping_on_arrays_is_the_hit_by_hit_grouping():
    rng = random.Random(4)
    for _ in range(200):
        per = _per_doc(rng)
        scores, docnums = _hits(rng, per)
        n = len(per.doc_id)
        allowed = np.array([rng.random() < 0.7 for _ in range(n)]) if rng.random() < 0.5 else None
        ai = np.array([rng.random() < 0.6 for _ in range(n)]) if rng.random() < 0.5 else None
        named = set(rng.sample(sorted(set(per.doc_id)), 3)) | {"not/in/the/index"}
        docs, hidden = _group(scores, docnums, per, allowed, ai, named)
        expected, expected_hidden = _group_hit_by_hit(scores, docnums, per, allowed, ai, named)
        assert list(hidden.items()) == list(expected_hidden.items())  # the counts, in the order met
        assert len(docs) == len(expected)
        assert {d.doc_id: (d.score, d.docnum, d.version_docnum)
                for d in (docs.view(r) for r in range(len(docs)))} == expected  # fmt: skip
        assert docs.ids() == list(expected)  # best first
        for doc_id in expected:
            assert doc_id in docs and docs[doc_id].doc_id == doc_id
        assert "not/in/the/index" not in docs


def test_ranking_on_arrays_is_the_full_sort_cut_with_ties_by_date_then_id():
    rng = random.Random(5)
    for _ in range(200):
        per = _per_doc(rng, n_docs=rng.choice([10, 40, 300]))
        scores, docnums = _hits(rng, per)
        docs, _ = _group(scores, docnums, per)
        views = [docs.view(r) for r in range(len(docs))]
        for doc in rng.sample(views, min(len(views), rng.randint(0, 8))):  # ranking steps set tiers and places
            doc.tier = rng.choice([1, 2, 5])
            doc.unit_in = rng.choice([0, 1, 2])
            doc.score += rng.choice([0.0, 0.5])
        full = sorted(views, key=_rank_key)
        assert docs.ranked() == full
        for first in (0, 1, 2, 10, 30, 50, 200, len(views) + 5):
            assert docs.ranked(first) == full[:first], first


def test_facets_on_arrays_count_the_shown_documents():
    rng = random.Random(6)
    for _ in range(50):
        per = _per_doc(rng)
        scores, docnums = _hits(rng, per)
        allowed = np.array([rng.random() < 0.5 for _ in per.doc_id])
        docs, _ = _group(scores, docnums, per, allowed)
        facets = _facets(docs, per)
        shown: list[_Doc] = [docs.view(r) for r in range(len(docs))]
        for name in FACET_FIELDS:
            codes, labels = per.facets[name]
            counted = Counter(labels[codes[d.docnum]] for d in shown)
            counted.pop(None, None)
            assert list(facets[FACET_NAMES[name]].items()) == sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))


def test_a_page_of_more_hits_starts_with_the_shorter_page(shared_index):
    for q in ("artificial intelligence", "искусственный интеллект", "AI"):
        short, long = search(q, limit=2, index_dir=shared_index), search(q, limit=5, index_dir=shared_index)
        assert long.hits[:2] == short.hits
        assert (long.total, long.facets, long.hidden) == (short.total, short.facets, short.hidden)
        filtered = search(q, limit=5, jurisdiction="ru", index_dir=shared_index)
        assert all(h.jurisdiction == "RU" for h in filtered.hits)
        assert set(filtered.facets.get("jurisdiction", {})) <= {"RU"}
        assert filtered.total == filtered.facets.get("jurisdiction", {}).get("RU", 0)
