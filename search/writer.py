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

``AnalysingWriter`` feeds Whoosh's posting pool the same ``(field, term, document, weight, value)`` items as
``SegmentWriter.add_document`` would, and gives the segment's postings writer the field lengths it recorded
instead of reading each posting's length back from the column just written. It writes with ailaw's codec
(search.codec: Whoosh's W3 format with posting blocks stored as arrays), each term's postings from arrays
(``write_term_arrays``): the same terms, postings, stored fields and lengths as Whoosh's ``SegmentWriter`` with its
own codec (bench/index_diff.py compares two indexes).
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
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
from whoosh.util.numeric import byte_to_length, length_to_byte
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


def _field_items(field: FieldType, analysis: WordAnalysis, text: str) -> Iterator[tuple[bytes, int, float, bytes]]:
    """``field.index(text)`` for a field with a ``Positions`` or ``Frequency`` format."""
    fmt = field.format
    assert fmt is not None
    fb = fmt.field_boost
    if type(fmt) is Positions:
        encode = fmt.encode
        for term, poses in analysis.positions(text).items():
            yield term.encode("utf-8"), len(poses), float(len(poses)) * fb, encode(poses)
    else:
        for term, poses in analysis.positions(text).items():
            yield term.encode("utf-8"), len(poses), float(len(poses)) * fb, pack_uint(len(poses))


class _Lengths:
    """Field lengths as the segment's per-document reader gives them to the postings writer (the byte the column
    stores, decoded), from what the writer recorded."""

    def __init__(self, lengths: dict[str, dict[int, int]]) -> None:
        self._lengths = lengths

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
        if fieldname not in self._lengths:
            return lambda docnum: default
        decoded = {d: byte_to_length(b) for d, n in self._lengths[fieldname].items() if (b := length_to_byte(n))}
        return decoded.get


def _add_postings(fieldwriter: W3FieldWriter, schema: Any, lengths: _Lengths, items: Iterable[tuple[Any, ...]]) -> None:
    """``FieldWriter.add_postings`` for Whoosh's own codec, a term's postings a block at a time: the sorted
    ``(field, term, document, weight, value)`` items of the pool put in the postings writer's block buffer as its
    ``add_posting`` puts them one by one (the same ids, weights, values and length bounds), each full block written
    when the next posting comes, the last one by ``finish_term``."""
    for fieldname, in_field in groupby(items, key=itemgetter(0)):
        fieldwriter.start_field(fieldname, schema[fieldname])
        length_of = lengths.doc_field_length_reader(fieldname)
        for btext, postings in groupby(in_field, key=itemgetter(1)):
            fieldwriter.start_term(btext)
            pw = fieldwriter._postwriter
            if type(pw) is not W3PostingsWriter or pw._byteids:
                raise TypeError(f"unexpected postings writer {pw!r}")
            rows = list(postings)
            limit = pw._blocklimit
            for start in range(0, len(rows), limit):
                if start:
                    pw._write_block()
                block = rows[start : start + limit]
                ids = [r[2] for r in block]
                weights = [r[3] for r in block]
                pw._ids.extend(ids)
                pw._weights.extend(weights)
                top = max(weights)
                if top > pw._maxweight:
                    pw._maxweight = top
                pw._values.extend(v for r in block if (v := r[4]))
                found = [n for n in map(length_of, ids) if n]
                if found:
                    pw._minlength = min(found)
                    pw._maxlength = max(pw._maxlength, *found)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _add_postings_arrays(fieldwriter: ArrayFieldWriter, schema: Any, lengths: dict[str, dict[int, int]],
                         doccount: int, items: Iterable[tuple[Any, ...]]) -> None:  # fmt: skip
    """``FieldWriter.add_postings`` for :class:`search.codec.ArrayCodec`: the sorted ``(field, term, document,
    weight, value)`` items of the pool, each term's postings made into arrays and written with
    ``write_term_arrays`` (a ``Positions`` value's positions decoded; one that ``Positions.encode`` did not make,
    and any other format, written posting by posting)."""
    for fieldname, in_field in groupby(items, key=itemgetter(0)):
        field = schema[fieldname]
        fieldwriter.start_field(fieldname, field)
        fieldwriter.field_lengths[fieldname] = decoded_lengths(lengths.get(fieldname, {}), doccount)
        fmt = field.format
        kind = type(fmt) if type(fmt) in (Positions, Frequency) else None if fmt.fixed_value_size() == 0 else object
        for btext, postings in groupby(in_field, key=itemgetter(1)):
            rows = list(postings)
            n = len(rows)
            ids = np.fromiter((r[2] for r in rows), dtype=np.int64, count=n)
            weights = np.fromiter((r[3] for r in rows), dtype=np.float64, count=n)
            if kind is None:
                fieldwriter.write_term_arrays(fieldname, btext, ids, weights)
                continue
            if kind is Frequency and all(len(r[4]) == 4 for r in rows):
                counts = np.frombuffer(b"".join(r[4] for r in rows), dtype=">u4")
                fieldwriter.write_term_arrays(fieldname, btext, ids, weights, counts=counts)
                continue
            found = positions_of([r[4] for r in rows], n) if kind is Positions else None
            if found is not None:
                fieldwriter.write_term_arrays(fieldname, btext, ids, weights, positions=found[1], counts=found[0])
                continue
            length_of = fieldwriter.field_lengths[fieldname]
            fieldwriter.start_term(btext)
            for _, _, docnum, weight, vbytes in rows:
                fieldwriter.add(docnum, weight, vbytes, int(length_of[docnum]) or None)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


class AnalysingWriter(SegmentWriter):
    """``SegmentWriter`` whose ``add_document`` analyses text fields with ``WordAnalysis`` (module docstring),
    writing with ailaw's codec (search.codec) unless given another."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", ArrayCodec())
        super().__init__(ix, **kwargs)
        self._fast: dict[str, WordAnalysis | None] = {}
        self._values: dict[str, dict[str, tuple[Any, ...]] | None] = {}
        self._lengths: dict[str, dict[int, int]] = {}
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
                    if analysis:
                        items: Iterable[tuple[bytes, int, float, bytes]] = _field_items(field, analysis, value)
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

    def _flush_segment(self) -> None:
        if self._read_lengths or not self.codec.length_stats:
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = _Lengths(self._lengths)
        if type(self.fieldwriter) is ArrayFieldWriter:
            _add_postings_arrays(self.fieldwriter, self.schema, self._lengths, self.docnum, self.pool.iter_postings())
        elif type(self.fieldwriter) is W3FieldWriter:
            _add_postings(self.fieldwriter, self.schema, lengths, self.pool.iter_postings())
        else:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()


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
