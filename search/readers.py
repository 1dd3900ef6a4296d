"""Searchers kept open across searches: one set per index directory, reopened only when the index changes.

Opening a Whoosh searcher reads the table of contents, opens every segment's files and, for each column read,
its offsets; a search that did this each time spent a fifth of its time there (bench/README.md, "Where the time
goes"). ``readers(index_dir)`` hands out the searchers of the main and passages indexes, and the columns the
grouping and the facets read, kept per index *state*: the directory's identity (a rebuild swaps in a new
directory) and the generation of each index (an incremental run commits a new one). A search after either sees
the new index; the old searchers are closed.

Whoosh searchers are not safe to share between threads (Streamlit runs each rerun in a thread), so a search
holds the set's lock while it reads: searches of one process over one index run one at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.index import _DEF_INDEX_NAME, EmptyIndexError, Index
from whoosh.matching import ReadTooFar
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE

from search.codec import ArrayLeafMatcher
from search.schema import PASSAGES, SCHEMA_VERSION
from search.settings import index_dir_or_default
from search.world_analysis import PIECES
from store.errors import NotFoundError

MARKER = "ailaw-index.json"  # the schema version an index was built with (search.indexer writes it)
State = tuple[int, int, int, int]
_TOC = re.compile(rf"^_({re.escape(_DEF_INDEX_NAME)}|{re.escape(PASSAGES)})_(\d+)\.toc$")


def _marker_ok(path: Path) -> bool:
    try:
        return json.loads((path / MARKER).read_text())["schema_version"] == SCHEMA_VERSION
    except (OSError, ValueError, KeyError):
        return False


def open_index(index_dir: Path | None = None) -> Index:
    """Open the index for reading; ``NotFoundError`` (one sentence) when it has not been built, or was built by a
    version of ailaw with another schema (``index_new`` rebuilds such an index)."""
    path = index_dir_or_default(index_dir)
    # Opened once (Whoosh's ``exists_in`` opens the index to answer, reading its table of contents and schema).
    try:
        ix = whoosh_index.open_dir(str(path)) if path.is_dir() else None
    except EmptyIndexError:
        ix = None
    if ix is None or ix.latest_generation() < 0:
        raise NotFoundError(f"There is no search index in {path}; run `ailaw index` to build it.")
    if not _marker_ok(path):
        raise NotFoundError(
            f"The search index in {path} was built by another version of ailaw; run `ailaw index` to rebuild it."
        )
    return ix


def open_passages(index_dir: Path | None = None) -> Index:
    """The passages index beside the main index (``open_index`` first: it says when neither was built)."""
    return whoosh_index.open_dir(str(index_dir_or_default(index_dir)), indexname=PASSAGES)


def state(path: Path) -> State:
    """What identifies an index's contents: the directory (a rebuild swaps in a new one) and the latest
    generation of each index (the number of its newest table of contents, ``_MAIN_<n>.toc``)."""
    st = os.stat(path)
    latest = {_DEF_INDEX_NAME: -1, PASSAGES: -1}
    for name in os.listdir(path):
        m = _TOC.match(name)
        if m:
            latest[m[1]] = max(latest[m[1]], int(m[2]))
    return (st.st_ino, st.st_dev, latest[_DEF_INDEX_NAME], latest[PASSAGES])


@dataclass
class Readers:
    """The open searchers of one index state, and the values of its columns read once (``column``)."""

    path: Path
    state: State
    searcher: Searcher
    passages: Searcher
    lock: threading.RLock = field(default_factory=threading.RLock)
    columns: dict[str, list[Any]] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)  # per-state results (filter sets…), search.query's keys
    closed: bool = False  # replaced by a newer state or evicted: a search waiting for it takes the current one

    def column(self, name: str) -> list[Any]:
        """The value of column ``name`` for every document of the main index (None where it has none), read once
        per index state; bytes are decoded. Grouping and facets read it for every match."""
        if name not in self.columns:
            values: list[Any] = []
            for sub, _offset in self.searcher.reader().leaf_readers():
                n = sub.doc_count_all()
                if not sub.has_column(name):
                    values.extend([None] * n)
                    continue
                col = sub.column_reader(name)
                for i in range(n):
                    try:
                        value = col[i]
                    except (OverflowError, ValueError):  # a date column's "no value" does not convert
                        value = None
                    values.append(value.decode("utf-8") if isinstance(value, bytes) else value)
            self.columns[name] = values
        return self.columns[name]

    def close(self) -> None:
        self.closed = True
        for s in (self.searcher, self.passages):
            with contextlib.suppress(Exception):  # a searcher of a removed directory: nothing left to release
                s.close()


_OPEN: dict[str, Readers] = {}  # by index directory, the most recently used last
_OPEN_LOCK = threading.Lock()
KEPT_INDEXES = 4  # index directories whose searchers a process keeps open (the least recently used is closed)


class _KeptTerms:
    """A segment's term table (Whoosh's ``W3TermsReader``) that keeps what it has looked up: a search looks each of
    its words up many times (is it there, its statistics, its postings, the scorer's bounds, in every matcher built
    for it), and the UI's and the alert matcher's next searches share most words. The index files of a state never
    change, so the answers are the same as the table's; the number of terms kept is bounded."""

    LIMIT = 50_000

    def __init__(self, terms: Any) -> None:
        self._terms = terms
        self._kept: dict[tuple[str, str, bytes], Any] = {}

    def __getattr__(self, name: str) -> Any:  # cursors, prefixes, listings: the table's own
        return getattr(self._terms, name)

    def _kept_answer(self, what: str, fieldname: str, tbytes: bytes) -> Any:
        key = (what, fieldname, tbytes)
        try:
            found = self._kept[key]
        except KeyError:
            try:
                found = (getattr(self._terms, what)(fieldname, tbytes), None)
            except (KeyError, TermNotFound) as exc:  # "no such term", raised again (anew) at each look-up
                found = (None, (type(exc), exc.args))
            if len(self._kept) >= self.LIMIT:
                self._kept.clear()
            self._kept[key] = found
        if found[1] is not None:
            kind, args = found[1]
            raise kind(*args)
        return found[0]

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        key = ("has", *term)
        if key not in self._kept:
            if len(self._kept) >= self.LIMIT:
                self._kept.clear()
            self._kept[key] = (term in self._terms, None)
        return bool(self._kept[key][0])

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        return self._kept_answer("term_info", fieldname, tbytes)

    def frequency(self, fieldname: str, tbytes: bytes) -> Any:
        return self._kept_answer("frequency", fieldname, tbytes)

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> Any:
        return self._kept_answer("doc_frequency", fieldname, tbytes)

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        # W3TermsReader.matcher, with the term's entry looked up once, and the blocks of its postings kept
        terminfo = self.term_info(fieldname, tbytes)
        m: Any = self._terms._codec.postings_reader(self._terms._postfile, terminfo, format_,
                                                    term=(fieldname, tbytes), scorer=scorer)  # fmt: skip
        kept_class = _KEPT_BLOCKS.get(type(m))
        if kept_class is not None:
            key = ("blocks", fieldname, tbytes)
            if key not in self._kept:
                if len(self._kept) >= self.LIMIT:
                    self._kept.clear()
                self._kept[key] = (_Blocks(m), None)
            leaf: Any = m  # the codec's matcher, made the same one with the kept blocks
            leaf.__class__ = kept_class
            leaf._blocks = self._kept[key][0]
        return m


class _Blocks:
    """Where each block of a term's postings starts and the last document in it, as far as read (kept per index
    state with the term): skipping to a document goes to its block directly instead of reading every block's
    header on the way, which Whoosh does at each skip of each matcher (the shown hits' provisions search each
    shown document's passages: ten walks through the same words' blocks per search)."""

    def __init__(self, m: W3LeafMatcher) -> None:
        self.postfile = m._postfile
        self.offsets: list[int] = []
        self.last_ids: list[int] = []
        self.next_offset: int | None = m._baseoffset  # the next block to read (None: all read)

    def read_on(self, target: int) -> None:
        """Read block headers until one ends at ``target`` or after (or none is left), as ``W3LeafMatcher._goto``
        reads them."""
        postfile = self.postfile
        while self.next_offset is not None and (not self.last_ids or self.last_ids[-1] < target):
            position = self.next_offset
            postfile.seek(position)
            length = postfile.read_int()
            info = postfile.read_pickle()
            self.offsets.append(position)
            self.last_ids.append(info[1])
            self.next_offset = None if length < 0 else position + _INT_SIZE + length


class BlockLeafMatcher(W3LeafMatcher):
    """Whoosh's postings matcher, skipping through its term's kept block list (:class:`_Blocks`): the same block,
    position and state as Whoosh's skip, block after block, reaches."""

    _blocks: _Blocks

    def skip_to(self, targetid: int) -> None:  # W3LeafMatcher.skip_to, the blocks found in the list
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        if targetid > self.block_max_id():
            blocks = self._blocks
            blocks.read_on(targetid)
            j = bisect_left(blocks.last_ids, targetid)
            if j < len(blocks.last_ids):
                self._goto(blocks.offsets[j])
            else:  # past the last block: at its end, as Whoosh's walk leaves it
                if not self._lastblock:
                    self._goto(blocks.offsets[-1])
                self._atend = True
        while self.is_active() and self.id() < targetid:
            self.next()


class ArrayBlockLeafMatcher(BlockLeafMatcher, ArrayLeafMatcher):
    """:class:`BlockLeafMatcher` over ailaw's codec's postings (search.codec)."""


_KEPT_BLOCKS: dict[type, type] = {W3LeafMatcher: BlockLeafMatcher, ArrayLeafMatcher: ArrayBlockLeafMatcher}


def _keep_terms(searcher: Searcher) -> Searcher:
    """The searcher, its segments' term tables keeping what they looked up (``_KeptTerms``)."""
    for sub, _offset in searcher.reader().leaf_readers():
        terms = getattr(sub, "_terms", None)
        if terms is not None and not isinstance(terms, _KeptTerms) and hasattr(terms, "_postfile"):
            sub._terms = _KeptTerms(terms)  # type: ignore[attr-defined]
    return searcher


def _open(path: Path) -> Readers:
    if not path.is_dir():  # no index built yet: one sentence (``state`` would raise FileNotFoundError)
        open_index(path)
    now = state(path)
    ix = open_index(path)
    PIECES.use(path)  # the CJK texts' analysed pieces, kept beside the index (search.world_analysis.PieceStore)
    return Readers(path=path, state=now, searcher=_keep_terms(ix.searcher()),
                   passages=_keep_terms(open_passages(path).searcher()))  # fmt: skip


@contextmanager
def readers(index_dir: Path | None = None) -> Iterator[Readers]:
    """The searchers of the index at ``index_dir`` (default: the configured one), current as of this call, held
    (locked) for the ``with`` block. ``store.errors.NotFoundError`` when no index has been built."""
    path = index_dir_or_default(index_dir)
    while True:
        kept = _current(path)
        with kept.lock:
            if kept.closed:  # closed by another thread between the two locks: take the current set
                continue
            yield kept
            return


def _current(path: Path) -> Readers:
    with _OPEN_LOCK:
        kept = _OPEN.get(str(path))
        try:
            now = state(path)
        except OSError:
            now = None
        if kept is None or kept.state != now:
            fresh = _open(path)  # raises NotFoundError (one sentence) when there is no index
            if kept is not None:
                with kept.lock:
                    kept.close()
            kept = fresh
        _OPEN.pop(str(path), None)
        _OPEN[str(path)] = kept
        while len(_OPEN) > KEPT_INDEXES:
            oldest = _OPEN.pop(next(iter(_OPEN)))
            with oldest.lock:
                oldest.close()
        return kept


def forget(index_dir: Path | None = None) -> None:
    """Close the kept searchers of one index (all when ``index_dir`` is None)."""
    with _OPEN_LOCK:
        paths = [str(index_dir_or_default(index_dir))] if index_dir is not None else list(_OPEN)
        for p in paths:
            kept = _OPEN.pop(p, None)
            if kept is not None:
                with kept.lock:
                    kept.close()
