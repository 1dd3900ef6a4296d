"""Compare two ailaw search index directories through Whoosh's reader: are they the same index?

    python -m bench.index_diff INDEX_A INDEX_B      # exit status 0: identical, 1: the first differences printed

For the main index and the passages, segment by segment (in order): the document count and the deleted
documents; every stored field of every document; per field, its total, minimum and maximum length and every
document's length; every column value (the sortable fields and the lengths); every term of every field with its
statistics (document frequency, weight, minimum and maximum length, maximum weight) and its postings block by
block — document numbers, weights, encoded values (frequencies, positions), the positions decoded, and each
block's length and weight bounds, which scoring skips by. The file names (segment ids are random), the time
written and the codec (Whoosh's W3 or ailaw's, search.codec: printed) are not compared: an index written by
either codec reads the same through Whoosh's reader.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

INDEX_NAMES = ("MAIN", "passages")


def segment_rows(reader: Any) -> Iterator[tuple[Any, ...]]:
    """Everything compared of one segment, as a stream of rows."""
    yield ("doc_count", reader.doc_count_all(), reader.doc_count())
    yield ("deleted", tuple(d for d in range(reader.doc_count_all()) if reader.is_deleted(d)))
    for docnum in range(reader.doc_count_all()):
        yield ("stored", docnum, sorted(reader.stored_fields(docnum).items()))
    schema = reader.schema
    for fieldname in sorted(schema.names()):
        field = schema[fieldname]
        if field.scorable:
            total = reader.field_length(fieldname)
            bounds = (reader.min_field_length(fieldname), reader.max_field_length(fieldname)) if total else ()
            yield ("lengths", fieldname, total, bounds,
                   tuple(reader.doc_field_length(d, fieldname) for d in range(reader.doc_count_all())))  # fmt: skip
        if field.column_type and reader.has_column(fieldname):
            yield ("column", fieldname, tuple(reader.column_reader(fieldname, translate=False)))
    for fieldname, tbytes in reader.all_terms():
        ti = reader.term_info(fieldname, tbytes)
        yield ("term", fieldname, tbytes, ti.doc_frequency(), ti.weight(), ti.min_length(), ti.max_length(),
               ti.max_weight())  # fmt: skip
        yield ("postings", fieldname, tbytes, tuple(_blocks(reader, fieldname, tbytes)))


def _blocks(reader: Any, fieldname: str, tbytes: bytes) -> Iterator[tuple[Any, ...]]:
    """A term's postings, block by block: (ids, weights, values, min length, max length, max weight)."""
    m = reader.postings(fieldname, tbytes)
    while not hasattr(m, "block_min_length") and hasattr(m, "child"):  # a segment with deletions: every posting
        m = m.child
    has_values = m.supports("frequency") and reader.schema[fieldname].format.posting_size != 0
    has_positions = m.supports("positions")
    while m.is_active():
        bounds = (m.block_min_length(), m.block_max_length(), m.block_max_weight())
        ids, weights, values, positions = [], [], [], []
        start = m.block_max_id() if hasattr(m, "block_max_id") else None
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            values.append(m.value() if has_values else None)
            positions.append(tuple(m.value_as("positions")) if has_positions else None)
            last = m.id()
            m.next()
            if start is not None and last >= start:
                break
        yield (tuple(ids), tuple(weights), tuple(values), tuple(positions), bounds)


def index_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    for name in INDEX_NAMES:
        ix = whoosh_index.open_dir(str(path), indexname=name)
        yield ("index", name, sorted(ix.schema.names()), [s.doc_count_all() for s in ix._segments()])
        with ix.reader() as reader:
            leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
            for n, (leaf, offset) in enumerate(leaves):
                yield ("segment", name, n, offset)
                yield from segment_rows(leaf)


def compare(a: Path, b: Path, *, show: int = 10) -> int:
    """Print the first ``show`` differing rows; the number of differing rows (0: identical)."""
    for path in (a, b):
        ix = whoosh_index.open_dir(str(path))
        codecs = sorted({type(s.codec()).__name__ for s in ix._segments()})
        print(f"{path}: written with {', '.join(codecs) or 'no segment'}")
    differing = rows = 0
    for ra, rb in itertools.zip_longest(index_rows(a), index_rows(b)):
        rows += 1
        if ra != rb:
            differing += 1
            if differing <= show:
                print(f"- {str(ra)[:300]}\n+ {str(rb)[:300]}")
    print(f"{rows} rows compared, {differing} differ")
    return differing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    return 1 if compare(args.a, args.b) else 0


if __name__ == "__main__":
    sys.exit(main())
