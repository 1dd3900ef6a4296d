"""ailaw's index codec: Whoosh's W3 format with each block of postings stored as little-endian arrays.

Whoosh's W3 codec pickles a block's document numbers, weights and values (each posting's positions pickled again
inside its value) and compresses the pickle with zlib. Reading a block back for a search — ailaw reads the whole
postings of every word it scores (search.collect) — was unpickling and decompressing: at 20,000 versions 411,391
``pickle.loads`` a profile of 100 searches, about a third of their time (bench/README.md, "codec round").

:class:`ArrayCodec` keeps everything of W3 but the bytes of a block's data: the same files, term table, term
statistics and block headers (postings count, last document, highest weight, shortest and longest field length),
so Whoosh's own matchers skip and bound blocks as before. A block's data is::

    4 bytes   weights kind, values kind, positions width, counts width (1, 2 or 4 bytes)
    ids       the document numbers (uint32)
    weights   none (all 1.0), one float32 (all the same), or one float32 per posting
    values    none (a format without values), the format's fixed-size values joined (``Frequency``),
              ``Positions``: the number of positions of each posting, then all positions in one array (each
              posting's in order), or the values pickled as W3 pickles them (any other format)

:class:`ArrayLeafMatcher` gives Whoosh's matchers exactly what ``W3LeafMatcher`` gives (document numbers and
weights as Python numbers, each ``Positions`` value as the bytes ``Positions.encode`` makes, built when asked for),
and ailaw's array paths the arrays themselves (:meth:`ArrayLeafMatcher.block_arrays`,
:meth:`ArrayLeafMatcher.block_positions`). :meth:`ArrayFieldWriter.write_term_arrays` writes a term's postings
from arrays, block by block, without a Python step per posting. Vectors (ailaw's schemas have none) stay W3's.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Sequence
from itertools import chain
from pickle import dumps, loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter, W3TermInfo
from whoosh.formats import Frequency, Positions
from whoosh.reading import CorruptIndexError
from whoosh.system import _INT_SIZE, pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

MAGIC = b"AiA1"  # the start of a term's postings (W3's is b"W3Bl": neither codec's matcher reads the other's)
_HEAD = struct.Struct("<4B")
_ONES = np.ones(1024, dtype=np.float32)
_W_ONES, _W_ONE, _W_EACH = 0, 1, 2  # weights: all 1.0, one value for all, one per posting
_V_NONE, _V_FIXED, _V_POSITIONS, _V_PICKLED = 0, 1, 2, 3  # values kinds
_LITTLE = sys.byteorder == "little"
_UINT = {1: "<u1", 2: "<u2", 4: "<u4"}


def _width(top: int) -> int:
    """The bytes an unsigned integer up to ``top`` needs: 1, 2 or 4."""
    return 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4


def _float32s(values: np.ndarray) -> array:
    """An ``array("f")`` of float32 values (read as Python floats, as W3's ``array("f")`` weights are)."""
    out = array("f")
    out.frombytes(values.astype("<f4").tobytes())
    if not _LITTLE:
        out.byteswap()
    return out


def encode_block(ids: np.ndarray, weights: np.ndarray, values: Any, kind: int) -> bytes:
    """A block's data (module docstring). ``weights`` are float32; ``values`` by ``kind``: None, the fixed-size
    values joined (bytes), ``(counts, positions)`` arrays, or the list of values (pickled)."""
    parts = [b"", ids.astype("<u4").tobytes()]
    if (weights == 1.0).all():
        wkind = _W_ONES
    elif (weights == weights[0]).all():
        wkind = _W_ONE
        parts.append(weights[:1].astype("<f4").tobytes())
    else:
        wkind = _W_EACH
        parts.append(weights.astype("<f4").tobytes())
    posw = cntw = 0
    if kind == _V_FIXED:
        parts.append(values)
    elif kind == _V_POSITIONS:
        counts, positions = values
        cntw = _width(int(counts.max()))
        posw = _width(int(positions.max())) if len(positions) else 1
        parts += [counts.astype(_UINT[cntw]).tobytes(), positions.astype(_UINT[posw]).tobytes()]
    elif kind == _V_PICKLED:
        parts.append(dumps(tuple(values), 2))
    parts[0] = _HEAD.pack(wkind, kind, posw, cntw)
    return b"".join(parts)


class _PositionValues(Sequence[bytes]):
    """A block's ``Positions`` values, each made as ``Positions.encode`` makes it when asked for."""

    def __init__(self, counts: np.ndarray, starts: np.ndarray, positions: np.ndarray) -> None:
        self._counts, self._starts, self._positions = counts, starts, positions

    def __len__(self) -> int:
        return len(self._counts)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        s = int(self._starts[i])
        poses = self._positions[s : s + int(self._counts[i])].tolist()
        deltas = [b - a for a, b in zip([0, *poses], poses, strict=False)]
        return pack_uint(len(deltas)) + dumps(deltas, 2)


class ArrayPostingsWriter(W3PostingsWriter):
    """W3's postings writer with :func:`encode_block`'s block data; :meth:`write_arrays` writes from arrays."""

    _format: Any
    _terminfo: Any
    _ids: Any
    _weights: Any

    def _kind(self) -> int:
        fixed = self._format.fixed_value_size()
        if fixed == 0:
            return _V_NONE
        if fixed is not None and fixed > 0:
            return _V_FIXED
        return _V_POSITIONS if type(self._format) is Positions else _V_PICKLED

    def _write_block(self, last: bool = False) -> None:
        """W3's ``_write_block`` (the same header, term statistics and block order) with this codec's data."""
        n = len(self._ids)
        kind = self._kind()
        values: Any = None
        if kind == _V_FIXED:
            values = b"".join(self._values)
        elif kind == _V_PICKLED:
            values = self._values
        elif kind == _V_POSITIONS:
            values = positions_of(self._values, n)
            if values is None:  # not what Positions.encode makes: kept as W3 keeps it
                kind, values = _V_PICKLED, self._values
        data = encode_block(np.frombuffer(self._ids, dtype=np.uint32),
                            np.frombuffer(self._weights, dtype=np.float32), values, kind)  # fmt: skip
        self._terminfo.add_block(self)
        self._write(data, n, self._ids[-1], self._maxweight, self._minlength, self._maxlength, last)
        self._new_block()

    def _write(self, data: bytes, count: int, last_id: int, maxweight: Any, minlength: int | None, maxlength: int,
               last: bool) -> None:  # fmt: skip
        """A block: its length (negative for the term's last), W3's pickled header, its data."""
        if not self._blockcount:
            self._postfile.write(MAGIC)
        info = dumps((count, last_id, maxweight, 0, length_to_byte(minlength), length_to_byte(maxlength)), 2)
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1

    def write_arrays(self, ids: np.ndarray, weights: np.ndarray, positions: np.ndarray | None,
                     counts: np.ndarray | None, lengths: np.ndarray | None) -> None:  # fmt: skip
        """A whole term's postings (between ``start_postings`` and ``finish_postings``), a block at a time, as
        ``add_posting`` one by one would write them (:meth:`ArrayFieldWriter.write_term_arrays`)."""
        kind = self._kind()
        if kind == _V_PICKLED or (kind == _V_FIXED and type(self._format) is not Frequency):
            raise NotImplementedError(f"{type(self._format).__name__}: postings from arrays are not written")
        if kind != _V_NONE and counts is None:
            raise ValueError("counts are needed for a format with values")
        if kind == _V_POSITIONS and (positions is None or counts is None):
            raise ValueError("positions and counts are needed for a Positions field")
        n = len(ids)
        ids = np.asarray(ids, dtype=np.int64)
        raw = np.asarray(weights, dtype=np.float64)
        stored = raw.astype(np.float32)
        ends = np.cumsum(counts) if kind == _V_POSITIONS and counts is not None else None
        limit = self._blocklimit
        for start in range(0, n, limit):
            stop = min(start + limit, n)
            bids, bw = ids[start:stop], stored[start:stop]
            values: Any = None
            if kind == _V_FIXED:
                assert counts is not None
                values = np.asarray(counts[start:stop]).astype(">u4").tobytes()
            elif kind == _V_POSITIONS:
                assert ends is not None and counts is not None and positions is not None
                lo = int(ends[start - 1]) if start else 0
                values = (np.asarray(counts[start:stop]), np.asarray(positions[lo : int(ends[stop - 1])]))
            top = float(raw[start:stop].max())
            maxweight: Any = top if top > 0 else 0
            minlength, maxlength = None, 0
            if lengths is not None:
                found = lengths[bids]
                found = found[found > 0]
                if len(found):
                    minlength, maxlength = int(found.min()), int(found.max())
            block = _BlockStats(bids, bw, maxweight, minlength, maxlength)
            self._terminfo.add_block(block)
            self._write(encode_block(bids, bw, values, kind), len(bids), int(bids[-1]), maxweight, minlength,
                        maxlength, last=stop == n)  # fmt: skip


class _BlockStats:
    """What ``W3TermInfo.add_block`` reads of a block (its statistics), for a block written from arrays."""

    def __init__(self, ids: np.ndarray, weights: np.ndarray, maxweight: Any, minlength: int | None,
                 maxlength: int) -> None:  # fmt: skip
        self._ids, self._maxweight, self._minlength, self._maxlength = ids, maxweight, minlength, maxlength
        self._weights = _float32s(weights)

    def __len__(self) -> int:
        return len(self._ids)

    def min_id(self) -> int:
        return int(self._ids[0])

    def max_id(self) -> int:
        return int(self._ids[-1])

    def min_length(self) -> int | None:
        return self._minlength

    def max_length(self) -> int:
        return self._maxlength

    def max_weight(self) -> Any:
        return self._maxweight


def decode_positions(values: list[bytes]) -> tuple[list[list[int]], np.ndarray, np.ndarray]:
    """``Positions.decode_positions`` of many values at once: the differences each value holds, how many each has,
    and all positions in one array (each value's in order)."""
    deltas = [loads(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b".") for v in values]
    counts = np.fromiter(map(len, deltas), dtype=np.int64, count=len(values))
    summed = np.cumsum(np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(counts.sum())))
    starts = np.cumsum(counts) - counts  # each value's first position in ``summed``
    before = np.where(starts > 0, summed[np.maximum(starts - 1, 0)] if len(summed) else 0, 0)
    return deltas, counts, summed - np.repeat(before, counts)


def positions_of(values: list[bytes], n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Each posting's count and positions from ``Positions`` values; None when they are not one per posting with
    ascending positions below 2**32 (values ``Positions.encode`` did not make)."""
    if len(values) != n:
        return None
    deltas, counts, positions = decode_positions(values)
    if any(int.from_bytes(v[:_INT_SIZE], "big") != c for v, c in zip(values, counts.tolist(), strict=True)):
        return None
    if any(d < 0 for ds in deltas for d in ds) or (len(positions) and positions.max() >= 1 << 32):
        return None
    return counts, positions


class ArrayFieldWriter(W3FieldWriter):
    """W3's field writer, with :meth:`write_term_arrays`. ``field_lengths[fieldname]`` (set by the index writer)
    holds each document's field length as the segment stores it (``byte_to_length(length_to_byte(n))``, 0 for
    none), from which a block written from arrays takes its length bounds."""

    _postwriter: Any

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        self.field_lengths: dict[str, np.ndarray] = {}

    def write_term_arrays(self, fieldname: str, text: bytes, ids: np.ndarray, weights: np.ndarray,
                          positions: np.ndarray | None = None, counts: np.ndarray | None = None) -> None:  # fmt: skip
        """One term's postings in the current field (``start_field(fieldname, …)`` first, terms in order):
        sorted document numbers, their weights, and per posting its number of positions (``counts``; a
        ``Frequency`` field's frequencies) and, for a ``Positions`` field, all their positions in one array
        (each posting's in order). The same index as ``start_term``, ``add`` for each posting, ``finish_term``."""
        if not self._infield or fieldname != self._fieldname:
            raise ValueError(f"write_term_arrays({fieldname!r}) outside its field (start_field first)")
        if len(ids) == 0:
            raise ValueError(f"{fieldname}: a term without postings")
        self.start_term(text)
        self._postwriter.write_arrays(ids, weights, positions, counts, self.field_lengths.get(fieldname))
        self.finish_term()


def decoded_lengths(lengths: dict[int, int], doccount: int) -> np.ndarray:
    """Field lengths by document number as the segment stores them (``byte_to_length(length_to_byte(n))``)."""
    out = np.zeros(doccount, dtype=np.int64)
    if lengths:
        docs = np.fromiter(lengths.keys(), dtype=np.int64, count=len(lengths))
        raw = np.fromiter(lengths.values(), dtype=np.int64, count=len(lengths))
        distinct, where = np.unique(raw, return_inverse=True)
        table = np.array([byte_to_length(length_to_byte(int(v))) for v in distinct], dtype=np.int64)
        out[docs] = table[where]
    return out


class ArrayLeafMatcher(W3LeafMatcher):
    """``W3LeafMatcher`` reading :class:`ArrayCodec`'s blocks (module docstring)."""

    _data: Any
    _blocklength: Any
    _i: Any

    def _read_header(self) -> None:
        postfile = self._postfile
        postfile.seek(self._startoffset)
        if (magic := postfile.read(4)) != MAGIC:
            raise CorruptIndexError(f"Bad postings tag {magic!r} at offset {self._startoffset}: rebuild the index.")
        self._baseoffset = postfile.tell()

    def _read_data(self) -> None:
        """The block's bytes and where its parts are (read from it only when asked for): ``[bytes, weights kind,
        where the weights are, values kind, where the values are, positions width, counts width, positions]``."""
        b = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        wkind, vkind, posw, cntw = _HEAD.unpack_from(b)
        n = self._blocklength
        at = _HEAD.size + 4 * n
        vat = at + (0 if wkind == _W_ONES else 4 if wkind == _W_ONE else 4 * n)
        self._data = [b, wkind, at, vkind, vat, posw, cntw, None]

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        ids = array("I")
        ids.frombytes(self._data[0][_HEAD.size : _HEAD.size + 4 * self._blocklength])
        if not _LITTLE:
            ids.byteswap()
        self._ids = ids

    def _read_weights(self) -> None:
        self._weights = _float32s(self.block_arrays()[1])

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        b, vkind, at = self._data[0], self._data[3], self._data[4]
        if vkind == _V_NONE:
            self._values = (None,) * self._blocklength
        elif vkind == _V_FIXED:
            size = self._fixedsize
            self._values = tuple(b[i : i + size] for i in range(at, len(b), size))
        elif vkind == _V_POSITIONS:
            self._values = _PositionValues(*self._positions())
        else:
            self._values = loads(b[at:])

    def _positions(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._data is None:
            self._read_data()
        data = self._data
        if data[7] is None:
            b, at, posw, cntw, n = data[0], data[4], data[5], data[6], self._blocklength
            counts = np.frombuffer(b, dtype=_UINT[cntw], count=n, offset=at).astype(np.int64)
            positions = np.frombuffer(b, dtype=_UINT[posw], offset=at + n * cntw).astype(np.int64)
            data[7] = (counts, np.cumsum(counts) - counts, positions)
        return data[7]  # type: ignore[no-any-return]

    def block_values(self) -> Any:
        """The current block's values, as Whoosh's matcher reads them."""
        if self._values is None:
            self._read_values()
        return self._values

    def value_as(self, astype: str) -> Any:
        if astype == "positions" and type(self.format) is Positions:
            if self._data is None:
                self._read_data()
            if self._data[3] == _V_POSITIONS:
                counts, starts, positions = self._positions()
                start = int(starts[self._i])
                return positions[start : start + int(counts[self._i])].tolist()
        return super().value_as(astype)

    def block_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The current block's document numbers (uint32) and weights (float32), as stored (read-only views)."""
        if self._data is None:
            self._read_data()
        b, wkind, at = self._data[0], self._data[1], self._data[2]
        n = self._blocklength
        ids = np.frombuffer(b, dtype="<u4", count=n, offset=_HEAD.size)
        if wkind == _W_EACH:
            return ids, np.frombuffer(b, dtype="<f4", count=n, offset=at)
        if wkind == _W_ONE:
            return ids, np.full(n, np.frombuffer(b, dtype="<f4", count=1, offset=at)[0], dtype=np.float32)
        return ids, _ONES[:n] if n <= len(_ONES) else np.ones(n, dtype=np.float32)

    def block_positions(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The current block's positions: each posting's count, where its positions start, all positions (int64);
        None when the block's values are not stored as positions."""
        if self._data is None:
            self._read_data()
        return self._positions() if self._data[3] == _V_POSITIONS else None


class ArrayCodec(W3Codec):
    """Whoosh's W3 codec with posting blocks stored as arrays (module docstring). An index written with it keeps
    it in its table of contents (each segment keeps its codec), so opening the index reads with it."""

    def field_writer(self, storage: Any, segment: Any) -> ArrayFieldWriter:
        return ArrayFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:  # a vector's postings: W3's own
            return super().postings_writer(dbfile, byteids=True)
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit, compression=0, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: W3TermInfo, format_: Any, term: Any = None,
                        scorer: Any = None) -> Any:  # fmt: skip
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)  # type: ignore[abstract]
