"""The index writer: Whoosh's ``SegmentWriter`` with the analysis of text fields done once per distinct word.

Whoosh analyses a text field token by token through a chain of generators (tokenizer, lowercase, stopwords,
stemmer or lemmas), then counts each term's positions (``Format.word_values``). A corpus has tens of thousands
of distinct words but millions of tokens, and every version's text is analysed again for its passages. For the
analyzers ailaw builds from a regular-expression tokenizer and per-word filters (search.analysis: English,
Russian, Portuguese and French, Snowball languages, plain words), what the filters make of a word depends on the
word alone, so ``WordAnalysis`` runs the chain once per distinct word of each analyzer and keeps the result; the
positions follow Whoosh's rules (a stopword leaves no gap when ``StopFilter`` renumbers, every form a filter
yields for one word shares its position). Any other field (CJK engines, IDs, keywords, numbers) is indexed by
Whoosh itself; the items of an ID or keyword value (a document id, a jurisdiction, a language), which repeat over
a version's passages, are kept per field.

``AnalysingWriter`` keeps the postings of the fields ``WordAnalysis`` analyses in a bulk pool (``_BulkPool``):
per field, a term → id dict and flat arrays of term ids, counts and positions, sorted with numpy into chunks by
term (byte order) then document, written to a temporary directory past a quarter of ``limitmb``, their values
encoded in bulk (``_encode_values``). The other fields' postings go to Whoosh's pool as
``SegmentWriter.add_document`` puts them. At the commit both are merged in Whoosh's order (fields by name, terms by
bytes) and each term is written by ``_write_term``, with the field lengths the writer recorded instead of each
posting's length read back from the column just written: with ailaw's codec (search.codec: Whoosh's W3 format with
posting blocks stored as arrays, the default) from the term's arrays (``write_term_arrays``), with Whoosh's own W3
codec through its postings writer. Either way the index holds the same terms, postings, stored fields and lengths
as one written by Whoosh's ``SegmentWriter`` (bench/index_diff.py compares two indexes).
"""

from __future__ import annotations

import heapq
import os
import pickle
import shutil
import tempfile
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, chain, groupby, repeat
from operator import itemgetter
from typing import Any

import numpy as np
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.fields import ID, KEYWORD, FieldType
from whoosh.formats import Frequency, Positions
from whoosh.multiproc import MpWriter, SubWriterTask, finish_subsegment
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from search.analysis import RussianLemmaFilter, RussianStemFilter
from search.codec import ArrayCodec, ArrayFieldWriter, decoded_lengths, positions_of
from search.world_analysis import FoldFilter, PortuguesePluralFilter

#: Filters whose output for a token depends on its text alone, and that yield at least one token for each token
#: they get (``StopFilter`` is handled apart: it drops words and renumbers positions).
_PER_WORD = (LowercaseFilter, FoldFilter, PortuguesePluralFilter, StemFilter, RussianLemmaFilter, RussianStemFilter)

#: Distinct words kept per analyzer; past it the memo starts again, which bounds what it adds to a writer process's
#: memory (the 20,000-version bench has 48,766 distinct English and 57,520 Russian words; the Russian ones took
#: 16 MB with the lemmas' own cache). The stemmers' and lemmas' caches keep a forgotten word quick to analyse again.
MEMO_LIMIT = 100_000

#: Values kept per ID or keyword field (``AnalysingWriter._value_cache``).
VALUE_LIMIT = 10_000


class WordAnalysis:
    """An analyzer's index-mode terms and positions, computed once per distinct word (see the module's docstring).

    ``WordAnalysis.of(analyzer)`` is None for an analyzer this cannot reproduce exactly; Whoosh analyses those."""

    def __init__(self, analyzer: CompositeAnalyzer) -> None:
        tokenizer, *filters = analyzer.items
        assert isinstance(tokenizer, RegexTokenizer)
        self._finditer = tokenizer.expression.finditer
        self._findall: Callable[[str], list[str]] | None = (
            tokenizer.expression.findall if tokenizer.expression.groups == 0 else None
        )
        self._filters = filters
        stops = [f for f in filters if isinstance(f, StopFilter)]
        self._renumber = bool(stops) and stops[0].renumber
        self._memo: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of(cls, analyzer: Any) -> WordAnalysis | None:
        if not isinstance(analyzer, CompositeAnalyzer) or not analyzer.items:
            return None
        tokenizer, *filters = analyzer.items
        if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
            return None
        if any(type(f) not in (*_PER_WORD, StopFilter) for f in filters):
            return None
        if sum(type(f) is StopFilter for f in filters) > 1:
            return None
        return cls(analyzer)

    def forms(self, word: str) -> tuple[str, ...]:
        """The terms the filters make of one token ``word`` (empty: a stopword)."""
        t = Token(positions=True, chars=False, removestops=True, mode="index", boosts=True)
        t.text, t.boost, t.stopped, t.pos = word, 1.0, False, 0
        gen: Iterator[Token] = iter((t,))
        for f in self._filters:
            gen = f(gen)
        out = []
        for token in gen:
            if token.stopped or token.boost != 1.0:  # not what the filters above do
                raise ValueError(f"unexpected token {token!r} from {word!r}")
            out.append(token.text)
        return tuple(out)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Each term of ``text`` with its positions, in order of first occurrence (as ``Positions.word_values``)."""
        words = self._findall(text) if self._findall else [m.group(0) for m in self._finditer(text)]
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        for word in set(words).difference(memo):
            memo[word] = self.forms(word)
        analysed: Iterable[tuple[int, tuple[str, ...]]]
        if self._renumber:
            # StopFilter: the first word kept keeps its position, the next ones follow it with no gaps.
            kept = [out for out in map(memo.__getitem__, words) if out]
            start = next((i for i, word in enumerate(words) if memo[word]), 0)
            analysed = enumerate(kept, start)
        else:
            analysed = ((i, out) for i, out in enumerate(map(memo.__getitem__, words)) if out)
        poses: defaultdict[str, list[int]] = defaultdict(list)
        for pos, out in analysed:
            for term in out:
                poses[term].append(pos)
        return poses


_ANALYSES: dict[bytes, WordAnalysis | None] = {}


def word_analysis(analyzer: Any) -> WordAnalysis | None:
    """The ``WordAnalysis`` of an analyzer, shared by every field and writer with an equal one (same pickle)."""
    try:
        key = pickle.dumps(analyzer)
    except Exception:  # an analyzer that cannot be pickled is not one of ours
        return None
    if key not in _ANALYSES:
        _ANALYSES[key] = WordAnalysis.of(analyzer)
    return _ANALYSES[key]


def _write_term(fieldwriter: W3FieldWriter, fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray,
                positions: np.ndarray | None = None, counts: np.ndarray | None = None, *,
                values: list[bytes], lengths: np.ndarray | None) -> None:  # fmt: skip
    """One term's postings: document numbers in order, weights, and the positions, flat, with each posting's count
    (the counts alone for a ``Frequency`` field; neither for a term from Whoosh's pool, whose encoded ``values``
    hold them). ``lengths``: each document's field length as the segment's length column gives it back, 0 for none.
    ailaw's codec takes the arrays (``write_term_arrays``); Whoosh's W3 codec gets them through its postings writer
    (``_write_w3_term``)."""
    if type(fieldwriter) is ArrayFieldWriter:
        _write_array_term(fieldwriter, fieldname, text, ids, weights, positions, counts, values)
    else:
        _write_w3_term(fieldwriter, fieldname, text, ids, weights, values, lengths)


def _write_array_term(fieldwriter: ArrayFieldWriter, fieldname: str, text: bytes, ids: np.ndarray,
                      weights: np.ndarray, positions: np.ndarray | None, counts: np.ndarray | None,
                      values: list[bytes]) -> None:  # fmt: skip
    """A term for :class:`search.codec.ArrayCodec` (its field's lengths in ``fieldwriter.field_lengths``): the bulk
    pool's arrays as they are; a term of Whoosh's pool made into arrays from its values (a ``Frequency`` count or
    ``Positions.encode``'s positions decoded), or, for a value neither made, written posting by posting."""
    fmt = fieldwriter._format
    assert fmt is not None  # in a field (start_field)
    if counts is None and type(fmt) is Frequency and all(len(v) == 4 for v in values):
        counts = np.frombuffer(b"".join(values), dtype=">u4")
    elif counts is None and type(fmt) is Positions and (found := positions_of(values, len(values))) is not None:
        counts, positions = found
    if counts is not None or fmt.fixed_value_size() == 0:
        fieldwriter.write_term_arrays(fieldname, text, ids, weights, positions=positions, counts=counts)
        return
    length_of = fieldwriter.field_lengths.get(fieldname)
    fieldwriter.start_term(text)
    for docnum, weight, vbytes in zip(ids.tolist(), weights.tolist(), values, strict=True):
        fieldwriter.add(docnum, weight, vbytes, (int(length_of[docnum]) or None) if length_of is not None else None)
    fieldwriter.finish_term()


def _write_w3_term(fieldwriter: W3FieldWriter, fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray,
                   values: list[bytes], lengths: np.ndarray | None) -> None:  # fmt: skip
    """A term through Whoosh's W3 postings writer a block at a time: its buffers filled as its ``add_posting`` fills
    them (the same ids, weights, encoded ``values`` and length bounds), each full block written when the next posting
    comes, the last one by ``finish_term``."""
    fieldwriter.start_term(text)
    pw = fieldwriter._postwriter
    if type(pw) is not W3PostingsWriter or pw._byteids:
        raise TypeError(f"unexpected postings writer {pw!r} for {fieldname}")
    id_list, weight_list = ids.tolist(), weights.tolist()
    found = lengths[ids] if lengths is not None else None
    limit = pw._blocklimit
    for start in range(0, len(id_list), limit):
        if start:
            pw._write_block()
        end = start + limit
        pw._ids.extend(id_list[start:end])
        block = weight_list[start:end]
        pw._weights.extend(block)
        top = max(block)
        if top > pw._maxweight:
            pw._maxweight = top
        pw._values.extend(values[start:end])
        if found is not None:
            known = found[start:end]
            known = known[known > 0]
            if known.size:
                pw._minlength = int(known.min())
                pw._maxlength = max(pw._maxlength, int(known.max()))
    fieldwriter.finish_term()


# --- the bulk posting pool ------------------------------------------------------------------------------------------

#: Positions of one posting that pickle writes as one batch (``pickle`` splits longer lists into batches of 1,000,
#: which ``_encode_values`` leaves to pickle itself).
_PICKLE_BATCH = 1000

#: Postings whose values ``_encode_values`` encodes together.
_ENCODE_BATCH = 1 << 17

#: Elements read from a spilled chunk's file at a time.
_WINDOW = 1 << 18


def _encode_values(positions: np.ndarray | None, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[int, bytes]]:
    """``_encode_batch`` over ``_ENCODE_BATCH`` postings at a time (its arrays take about 130 bytes a position)."""
    if positions is None or len(counts) <= _ENCODE_BATCH:
        return _encode_batch(positions, counts)
    bufs: list[np.ndarray] = []
    sizes: list[np.ndarray] = []
    exceptions: dict[int, bytes] = {}
    at = 0
    for start in range(0, len(counts), _ENCODE_BATCH):
        part = counts[start : start + _ENCODE_BATCH]
        npos = int(part.sum(dtype=np.int64))
        buf, size, odd = _encode_batch(positions[at : at + npos], part)
        bufs.append(buf)
        sizes.append(size)
        exceptions.update((start + i, v) for i, v in odd.items())
        at += npos
    return np.concatenate(bufs), np.concatenate(sizes), exceptions


def _encode_batch(positions: np.ndarray | None, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[int, bytes]]:
    """The value bytes Whoosh's format writes for each posting, in bulk: ``Positions.encode`` (the count as a
    big-endian ``pack_uint``, then the pickle, protocol 2, of the list of position deltas) or, with no positions,
    ``Frequency``'s ``pack_uint(count)``. Returns the bytes of all postings one after the other, each posting's
    byte count, and the postings left to Python's ``pickle`` (more than 1,000 positions or a delta of 2**31 or
    more; their byte count is 0), by index."""
    n = len(counts)
    header = counts.astype(">u4").view(np.uint8).reshape(n, 4)
    if positions is None:
        return header.reshape(-1).copy(), np.full(n, 4, np.int32), {}
    counts64 = counts.astype(np.int64)
    starts = np.zeros(n, np.int64)
    np.cumsum(counts64[:-1], out=starts[1:])
    deltas = positions.astype(np.int64)
    deltas[1:] -= positions[:-1]
    deltas[starts] = positions[starts]
    posting = np.repeat(np.arange(n), counts64)
    big = deltas >= 2**31
    odd = counts64 > _PICKLE_BATCH
    if big.any():
        odd[posting[big]] = True
    width = np.where(deltas < 256, 2, np.where(deltas < 65536, 3, 5)).astype(np.int64)
    width[odd[posting]] = 0
    body = np.bincount(posting, weights=width, minlength=n).astype(np.int64)
    sizes = 4 + 5 + (counts64 >= 2) + body + 2
    sizes[odd] = 0
    offsets = np.zeros(n + 1, np.int64)
    np.cumsum(sizes, out=offsets[1:])
    buf = np.zeros(int(offsets[-1]), np.uint8)
    ok = ~odd
    at = offsets[:-1][ok]
    for k in range(4):
        buf[at + k] = header[ok, k]
    for k, byte in enumerate(b"\x80\x02]q\x00"):
        buf[at + 4 + k] = byte
    buf[offsets[:-1][ok & (counts64 >= 2)] + 9] = ord("(")
    buf[offsets[1:][ok] - 2] = np.where(counts64[ok] == 1, ord("a"), ord("e"))
    buf[offsets[1:][ok] - 1] = ord(".")
    # Each delta's opcode and little-endian bytes, after its posting's header (and mark).
    keep = width > 0
    within = np.cumsum(width) - width
    first = within[starts]
    dstart = (offsets[:-1] + 9 + (counts64 >= 2))[posting] + within - first[posting]
    d, w, s = deltas[keep], width[keep], dstart[keep]
    buf[s] = np.where(w == 2, ord("K"), np.where(w == 3, ord("M"), ord("J")))
    buf[s + 1] = d & 0xFF
    w3 = w >= 3
    buf[s[w3] + 2] = (d[w3] >> 8) & 0xFF
    w5 = w == 5
    buf[s[w5] + 3] = (d[w5] >> 16) & 0xFF
    buf[s[w5] + 4] = (d[w5] >> 24) & 0xFF
    exceptions = {}
    for i in np.flatnonzero(odd).tolist():
        poses = positions[starts[i] : starts[i] + counts64[i]].tolist()
        exceptions[i] = pack_uint(len(poses)) + pickle.dumps(np.diff(poses, prepend=0).tolist(), 2)
    return buf, sizes.astype(np.int32), exceptions


class _Stream:
    """Consecutive slices of an array, kept in memory or in a file (read ``_WINDOW`` elements at a time)."""

    def __init__(self, data: np.ndarray | None = None, path: str | None = None, dtype: Any = None) -> None:
        self._buf = data if data is not None else np.empty(0, dtype)
        self._file = open(path, "rb") if path else None  # noqa: SIM115 (closed by close())
        self._dtype = dtype
        self._at = 0

    def take(self, n: int) -> np.ndarray:
        if self._at + n > len(self._buf) and self._file is not None:
            more = np.fromfile(self._file, self._dtype, count=max(_WINDOW, n))
            self._buf = np.concatenate((self._buf[self._at :], more))
            self._at = 0
        out = self._buf[self._at : self._at + n]
        self._at += n
        return out

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class _Chunk:
    """A run of one field's postings sorted by term, then document: its terms in order, each term's number of
    postings, and per posting the document, weight, count, positions and encoded value (module docstring)."""

    NAMES = ("ids", "weights", "counts", "positions", "sizes", "values")

    def __init__(self, terms: list[str], sizes: list[tuple[int, int, int]], arrays: dict[str, np.ndarray | None],
                 exceptions: dict[int, bytes], spill: str | None) -> None:  # fmt: skip
        self.terms = terms
        self.sizes = sizes  # per term: postings, positions, bytes of values
        self.exceptions = exceptions
        self._odd = sorted(exceptions)
        self.streams: dict[str, _Stream | None] = {}
        for name in self.NAMES:
            arr = arrays[name]
            if arr is None:
                self.streams[name] = None
            elif spill is None:
                self.streams[name] = _Stream(arr)
            else:
                path = f"{spill}.{name}"
                arr.tofile(path)
                self.streams[name] = _Stream(path=path, dtype=arr.dtype)
        self._done = 0

    def take(self, n: int, npos: int, nbytes: int) -> tuple[Any, Any, Any, Any, list[bytes]]:
        """The next term's ``n`` postings (``npos`` positions, ``nbytes`` bytes of values): ids, weights,
        positions, counts, values."""
        s = self.streams
        ids, counts = s["ids"].take(n), s["counts"].take(n)  # type: ignore[union-attr]
        weights = s["weights"].take(n) if s["weights"] else counts.astype(np.float64)
        positions = s["positions"].take(npos) if s["positions"] else None
        raw = s["values"].take(nbytes).tobytes()  # type: ignore[union-attr]
        ends = list(accumulate(s["sizes"].take(n).tolist()))  # type: ignore[union-attr]
        values = [raw[a:b] for a, b in zip([0, *ends], ends, strict=False)]
        if self._odd:
            done = self._done
            for i in self._odd[bisect_left(self._odd, done) : bisect_left(self._odd, done + n)]:
                values[i - done] = self.exceptions[i]
        self._done += n
        return ids, weights, positions, counts, values

    def close(self) -> None:
        for stream in self.streams.values():
            if stream is not None:
                stream.close()


class _FieldPool:
    """One field's postings as ``AnalysingWriter`` adds them: flat arrays (term ids, counts, positions) and, per
    document, its number, its number of terms and its field boost; sorted into a ``_Chunk`` when written."""

    def __init__(self, positions: bool, field_boost: float) -> None:
        self.has_positions = positions
        self.field_boost = field_boost
        self.term_ids: dict[str, int] = {}
        self.chunks: list[_Chunk] = []
        self._clear()

    def _clear(self) -> None:
        self.tids, self.counts, self.positions = array("i"), array("i"), array("i")
        self.docs, self.nterms, self.boosts = array("i"), array("i"), array("d")

    def add(self, docnum: int, poses: dict[str, list[int]], boost: float) -> int:
        ids = self.term_ids
        self.tids.extend([ids.setdefault(term, len(ids)) for term in poses])
        counts = list(map(len, poses.values()))
        self.counts.extend(counts)
        if self.has_positions:
            self.positions.extend(chain.from_iterable(poses.values()))
        self.docs.append(docnum)
        self.nterms.append(len(counts))
        self.boosts.append(boost)
        return sum(counts)

    def size(self) -> int:
        return 4 * (len(self.tids) + len(self.counts) + len(self.positions)) + 16 * len(self.docs)

    def cut(self, spill: str | None) -> None:
        """The postings added since the last cut, sorted into a chunk (written to ``spill``.* files if given)."""
        if not self.tids:
            self._clear()
            return
        terms = list(self.term_ids)
        order_terms = sorted(range(len(terms)), key=terms.__getitem__)  # str order is UTF-8 byte order
        rank = np.empty(len(terms), np.int64)
        rank[order_terms] = np.arange(len(terms))
        nterms = np.frombuffer(self.nterms, np.int32)
        key = rank[np.frombuffer(self.tids, np.int32)]
        del rank
        order = np.argsort(key, kind="stable")  # documents were added in order
        key = key[order]
        firsts = np.concatenate(([0], np.flatnonzero(np.diff(key)) + 1))
        chunk_terms = [terms[order_terms[k]] for k in key[firsts].tolist()]
        del key, terms, order_terms
        counts = np.frombuffer(self.counts, np.int32)[order]
        ids = np.repeat(np.frombuffer(self.docs, np.int32), nterms)[order]
        weights = None  # the counts, as floats
        boosts = np.frombuffer(self.boosts, np.float64)
        if self.field_boost != 1.0 or (boosts != 1.0).any():
            weights = counts.astype(np.float64) * self.field_boost * np.repeat(boosts, nterms)[order]
        positions = None
        if self.has_positions:
            starts = np.cumsum(np.frombuffer(self.counts, np.int32), dtype=np.int64)
            starts -= np.frombuffer(self.counts, np.int32)
            starts = starts[order]
            c = counts.astype(np.int64)
            ends = np.cumsum(c)
            starts -= ends - c
            del ends
            index = np.repeat(starts, c)
            del starts, c
            index += np.arange(len(index))
            positions = np.frombuffer(self.positions, np.int32)[index]
            del index
        npostings = len(order)
        del order
        self._clear()
        values, sizes, exceptions = _encode_values(positions, counts)
        per_term = zip(
            np.diff(np.append(firsts, npostings)).tolist(),
            np.add.reduceat(counts, firsts, dtype=np.int64).tolist(),
            np.add.reduceat(sizes, firsts, dtype=np.int64).tolist(),
            strict=True,
        )
        arrays: dict[str, np.ndarray | None] = {"ids": ids, "weights": weights, "counts": counts,
                                                "positions": positions, "sizes": sizes, "values": values}  # fmt: skip
        self.chunks.append(_Chunk(chunk_terms, list(per_term), arrays, exceptions, spill))

    def terms(self) -> Iterator[tuple[bytes, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray, list[bytes]]]:
        """Each term (UTF-8, in byte order) with its postings from every chunk, in document order."""
        self.cut(None)
        if len(self.chunks) == 1:
            chunk = self.chunks[0]
            for term, sizes in zip(chunk.terms, chunk.sizes, strict=True):
                yield (term.encode("utf-8"), *chunk.take(*sizes))
            self.close()
            return
        runs = [zip(c.terms, repeat(i), c.sizes) for i, c in enumerate(self.chunks)]
        for term, group in groupby(heapq.merge(*runs), key=itemgetter(0)):
            parts = [self.chunks[i].take(*sizes) for _, i, sizes in group]
            if len(parts) == 1:
                ids, weights, positions, counts, values = parts[0]
            else:
                ids, weights, counts = (np.concatenate([p[k] for p in parts]) for k in (0, 1, 3))
                positions = np.concatenate([p[2] for p in parts]) if self.has_positions else None  # type: ignore[misc]
                values = [v for p in parts for v in p[4]]
            yield term.encode("utf-8"), ids, weights, positions, counts, values
        self.close()

    def close(self) -> None:
        for chunk in self.chunks:
            chunk.close()
        self.chunks = []


class _BulkPool:
    """The postings of the fields ``WordAnalysis`` analyses, per field (``_FieldPool``), cut into sorted chunks
    written to a temporary directory when their buffers pass ``limit`` bytes (``AnalysingWriter``: a quarter of
    ``limitmb``, as sorting and encoding a cut takes up to about 4 times its buffer)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.fields: dict[str, _FieldPool] = {}
        self._size = 0
        self._tempdir: str | None = None
        self._spills = 0

    def add(self, fieldname: str, field: FieldType, docnum: int, poses: dict[str, list[int]], boost: float) -> int:
        pool = self.fields.get(fieldname)
        if pool is None:
            assert field.format is not None
            pool = self.fields[fieldname] = _FieldPool(type(field.format) is Positions, field.format.field_boost)
        before = pool.size()
        length = pool.add(docnum, poses, boost)
        self._size += pool.size() - before
        if self._size > self.limit:
            self.spill()
        return length

    def spill(self) -> None:
        if self._tempdir is None:
            self._tempdir = tempfile.mkdtemp(prefix="ailaw-postings-")
        for pool in self.fields.values():
            self._spills += 1
            pool.cut(os.path.join(self._tempdir, str(self._spills)))
        self._size = 0

    def items(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """The postings as Whoosh's pool holds them, ``(field, term, document, weight, value)``, in order."""
        for fieldname in sorted(self.fields):
            for text, ids, weights, _, _, values in self.fields[fieldname].terms():
                yield from zip(repeat(fieldname), repeat(text), ids.tolist(), weights.tolist(), values)

    def cleanup(self) -> None:
        for pool in self.fields.values():
            pool.close()
        self.fields = {}
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)
            self._tempdir = None


def _field_terms(bulk: Iterator[Any] | None, items: Iterator[tuple[Any, ...]] | None) -> Iterator[tuple[Any, ...]]:
    """One field's terms in byte order, each ``(text, ids, weights, positions, counts, values)``: the bulk pool's
    (``_FieldPool.terms()``) and Whoosh's pool's (its ``(field, term, document, weight, value)`` items), a term
    found in both with its postings merged by document."""
    from_bulk = ((t[0], 0, t) for t in bulk or ())
    from_whoosh = ((text, 1, list(rows)) for text, rows in groupby(items or (), key=itemgetter(1)))
    for _, group in groupby(heapq.merge(from_bulk, from_whoosh, key=itemgetter(0, 1)), key=itemgetter(0)):
        parts = [part for _, _, part in group]
        if isinstance(parts[-1], tuple):
            yield parts[-1]
            continue
        rows = parts[-1]
        text = rows[0][1]
        ids = np.array([r[2] for r in rows], np.int64)
        weights = np.array([r[3] for r in rows], np.float64)
        values = [r[4] for r in rows]
        if len(parts) == 1:
            yield text, ids, weights, None, None, values
            continue
        _, bids, bweights, _, _, bvalues = parts[0]
        all_ids = np.concatenate((bids, ids))
        order = np.argsort(all_ids, kind="stable")
        merged = [(bvalues + values)[i] for i in order.tolist()]
        yield text, all_ids[order], np.concatenate((bweights, weights))[order], None, None, merged


class AnalysingWriter(SegmentWriter):
    """``SegmentWriter`` whose ``add_document`` analyses text fields with ``WordAnalysis`` (module docstring),
    writing with ailaw's codec (search.codec) unless given another."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", ArrayCodec())
        super().__init__(ix, **kwargs)
        self._fast: dict[str, WordAnalysis | None] = {}
        self._values: dict[str, dict[str, tuple[Any, ...]] | None] = {}
        self._lengths: dict[str, dict[int, int]] = {}
        self._bulk = _BulkPool(self.pool.limit // 4)
        self._read_lengths = False  # a merged segment's documents: lengths from the column, as Whoosh reads them

    def _analysis(self, fieldname: str, field: FieldType) -> WordAnalysis | None:
        if fieldname not in self._fast:
            ok = type(field.format) in (Positions, Frequency) and not field.vector and not field.separate_spelling()
            self._fast[fieldname] = word_analysis(field.analyzer) if ok else None
        return self._fast[fieldname]

    def _value_cache(self, fieldname: str, field: FieldType) -> dict[str, tuple[Any, ...]] | None:
        """The items of an ID or keyword field's values (a document's id, jurisdiction, type, language, cited
        provisions…), which repeat across a version's passages and documents; None for other fields."""
        if fieldname not in self._values:
            self._values[fieldname] = {} if type(field) in (ID, KEYWORD) and not field.unique else None
        return self._values[fieldname]

    def add_reader(self, reader: Any) -> None:
        self._read_lengths = True
        super().add_reader(reader)

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``SegmentWriter.add_document``, with the word analysis for the text fields it applies to."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    analysis = self._analysis(fieldname, field) if isinstance(value, str) else None
                    values = self._value_cache(fieldname, field) if isinstance(value, str) else None
                    items: Iterable[tuple[bytes, int, float, bytes]] = ()
                    if analysis:
                        poses = analysis.positions(value)
                        n = self._bulk.add(fieldname, field, docnum, poses, fieldboost)
                        if field.scorable:
                            length += n
                    elif values is not None:
                        if (items := values.get(value)) is None:  # type: ignore[assignment]
                            if len(values) >= VALUE_LIMIT:
                                values.clear()
                            items = values[value] = tuple(field.index(value))
                    else:
                        items = field.index(value)
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in items:
                        weight *= fieldboost
                        if scorable:
                            length += freq
                        add_post((fieldname, tbytes, docnum, weight, vbytes))
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"{fieldname}: spelling and vectors are not written by {type(self).__name__}")
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                if length:
                    self._lengths.setdefault(fieldname, {})[docnum] = length
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _drain_bulk(self) -> None:
        """Whoosh's own pool gets the bulk pool's postings (for a segment merged with others, whose lengths and
        postings Whoosh writes, and for a sub-writer whose run its parent merges)."""
        for item in self._bulk.items():
            self.pool.add(item)
        self._bulk.cleanup()

    def _flush_segment(self) -> None:
        if (
            self._read_lengths
            or not self.codec.length_stats
            or type(self.fieldwriter) not in (W3FieldWriter, ArrayFieldWriter)
        ):
            self._drain_bulk()
            super()._flush_segment()
            return
        self.perdocwriter.close()
        fieldwriter, schema, ndocs = self.fieldwriter, self.schema, self.docnum
        rows = iter(self.pool.iter_postings())
        pending = next(rows, None)

        def whoosh_rows(fieldname: str) -> Iterator[tuple[Any, ...]]:
            nonlocal pending
            while pending is not None and pending[0] == fieldname:
                yield pending
                pending = next(rows, None)

        for fieldname in sorted(set(self._bulk.fields) | self.pool.fieldnames):
            found = self._lengths.get(fieldname)
            lengths = decoded_lengths(found, ndocs) if found else None
            bulk = self._bulk.fields[fieldname].terms() if fieldname in self._bulk.fields else None
            fieldwriter.start_field(fieldname, schema[fieldname])
            if type(fieldwriter) is ArrayFieldWriter:
                fieldwriter.field_lengths[fieldname] = decoded_lengths({}, ndocs) if lengths is None else lengths
            if pending is None or pending[0] != fieldname:
                terms = bulk or iter(())
            else:
                terms = _field_terms(bulk, whoosh_rows(fieldname))
            for text, ids, weights, positions, counts, values in terms:
                _write_term(fieldwriter, fieldname, text, ids, weights, positions, counts, values=values,
                            lengths=lengths)  # fmt: skip
            fieldwriter.finish_field()
        assert pending is None
        fieldwriter.close()
        self._bulk.cleanup()

    def _close_segment(self) -> None:
        self._bulk.cleanup()
        super()._close_segment()


class _AnalysingTask(SubWriterTask):
    """A sub-process of ``AnalysingMpWriter``: Whoosh's ``SubWriterTask.run`` with an ``AnalysingWriter``."""

    def run(self) -> None:
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = AnalysingWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        if self.multisegment:
            runname, fieldnames, segment = None, writer.pool.fieldnames, writer._finalize_segment()
        else:
            writer._drain_bulk()
            runname, fieldnames, segment = finish_subsegment(writer, self.kwargs.get("k", 64))
        self.resultqueue.put((runname, fieldnames, segment), timeout=5)


class AnalysingMpWriter(MpWriter):
    """Whoosh's ``MpWriter`` (``ix.writer(procs=N)``) whose sub-processes write with ``AnalysingWriter``, with
    ailaw's codec (search.codec) unless given another."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", ArrayCodec())
        super().__init__(ix, **kwargs)

    def _new_task(self) -> SubWriterTask:
        task = _AnalysingTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                              self.multisegment)  # fmt: skip
        self.tasks.append(task)
        task.start()
        return task
