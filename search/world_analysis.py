"""Analyzers for Portuguese, French, Chinese, Japanese and Korean (routed from search.analysis).

- Portuguese and French: Snowball stems of words folded to ASCII first, so a lawyer who types «inteligencia» or
  «donnees» finds «inteligência» and «données»; Portuguese plurals the stemmer leaves apart are joined first
  («proteções» -> «proteção», «artificiais» -> «artificial»).
- Chinese: jieba words (rjieba, the Rust port of jieba with its dictionary). Index mode puts each word and the dictionary words inside it at the word's position (so
  «人工智能» is found by «人工智能» and by «智能»); query mode uses the precise cut.
- Japanese: SudachiPy (dictionary ``sudachidict_core``, installed from PyPI) in its shortest split (mode A),
  normalised forms (活用する -> 活用, 為る); particles, auxiliaries and symbols dropped.
- Korean: kiwipiepy morphemes (its model ships in ``kiwipiepy_model`` on PyPI); particles (조사), endings (어미)
  and verb-forming suffixes dropped, so «고영향 인공지능을» and «고영향 인공지능의» both give 고 영향 인공 지능.

The engines were chosen by measured quality and speed on the recorded texts (bench/README.md, "Chinese, Japanese
and Korean analyzers"). Each engine loads lazily, once per process, and only for text in its script: every query
is analysed by every language field present in the index, and an English or Russian query never loads a CJK
dictionary (runs of other scripts are plain lowercase words). Each filter and tokenizer is a module-level class
with plain-data state, so the schema pickles.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token, Tokenizer
from whoosh.lang import stopwords_for_language

logger = logging.getLogger(__name__)

_WORD = r"\w+(?:\.?\w+)*"


class _Settingless:
    """Any two parts of one class are equal (schemas compare their fields' analyzers)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


# --- Portuguese and French ------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """'inteligência' -> 'inteligencia', 'données' -> 'donnees' (accents off; ç -> c).

    >>> fold("proteção"), fold("Décision")
    ('protecao', 'Decision')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class FoldFilter(_Settingless, Filter):
    """Accents folded off (after lowercasing, before stemming: both sides of a search fold alike)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            t.text = fold(t.text)
            yield t


_PT_PLURALS = [("coes", "cao"), ("oes", "ao"), ("aes", "ao"), ("ais", "al"), ("eis", "el"), ("ois", "ol")]


def pt_singular(word: str) -> str:
    """The singular of a folded Portuguese plural whose stem Snowball would not join to the singular's.

    >>> [pt_singular(w) for w in ("protecoes", "artificiais", "orgaos", "dados", "funcoes", "pais")]
    ['protecao', 'artificial', 'orgaos', 'dados', 'funcao', 'pais']
    """
    if len(word) < 5:
        return word
    for plural, singular in _PT_PLURALS:
        if word.endswith(plural):
            return word[: -len(plural)] + singular
    return word


class PortuguesePluralFilter(_Settingless, Filter):
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            t.text = pt_singular(t.text)
            yield t


def romance_analyzer(lang: str) -> Analyzer:
    """Portuguese or French: lowercase, accents folded, stopwords (folded too), (pt: plurals joined), Snowball stem."""
    stoplist = frozenset(fold(w) for w in stopwords_for_language(lang))
    chain = RegexTokenizer(_WORD) | LowercaseFilter() | FoldFilter() | StopFilter(stoplist=stoplist, minsize=1)
    if lang == "pt":
        chain = chain | PortuguesePluralFilter()
    return chain | StemFilter(lang=lang)


# --- CJK: runs of the language's script go to its engine, the rest are plain words --------------------------------

HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SCRIPT_RUNS = {
    "zh": re.compile(rf"([{HAN}]+)|([^\W{HAN}{KANA}{HANGUL}]+)"),
    "ja": re.compile(rf"([{HAN}{KANA}ー々〆ヶ]+)|([^\W{HAN}{KANA}{HANGUL}]+)"),
    "ko": re.compile(rf"([{HANGUL}]+)|([^\W{HAN}{KANA}{HANGUL}]+)"),
}
_CHUNK = re.compile(r"[^。、！？]*[。、！？]?")

Piece = tuple[tuple[str, ...], int, int]  # (forms at one position, start, end) — offsets within the analysed run


@functools.cache
def _jieba() -> Any:
    import rjieba

    return rjieba


@functools.cache
def _sudachi() -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.A)


@functools.cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


_JA_DROPPED = ("助詞", "助動詞", "補助記号", "空白")
# Korean morpheme tags kept: nouns, numerals, pronouns, verb and adjective roots, roots, determiners (고영향's 고),
# adverbs, prefixes and noun-forming suffixes (생성형's 형), foreign words, numbers, hanja.
_KO_KEPT = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "MM", "MAG", "XPN", "XSN", "SL", "SN", "SH")


@functools.lru_cache(maxsize=100_000)
def zh_words(run: str, index: bool) -> tuple[Piece, ...]:
    """Words of a run of Han characters; in index mode each word with the dictionary words inside it.

    >>> [forms for forms, _, _ in zh_words("生成式人工智能服务", False)]
    [('生成式',), ('人工智能',), ('服务',)]
    >>> zh_words("人工智能", True)
    ((('人工智能', '人工', '智能'), 0, 4),)
    """
    jieba = _jieba()
    words = jieba.tokenize(run, mode="default")
    if not index:
        return tuple(((w,), start, end) for w, start, end in words)
    inner = jieba.tokenize(run, mode="search")  # the dictionary words inside each word, then the word
    return tuple(
        ((w, *dict.fromkeys(x for x, s, e in inner if start <= s and e <= end and x != w)), start, end)
        for w, start, end in words
    )


@functools.lru_cache(maxsize=100_000)
def ja_words(run: str) -> tuple[Piece, ...]:
    """Normalised short-unit morphemes of a run of Japanese, particles and auxiliaries out.

    >>> [forms[0] for forms, _, _ in ja_words("人工知能戦略本部を設置する")]
    ['人工', '知能', '戦略', '本部', '設置', '為る']
    """
    return tuple(((m.normalized_form(),), m.begin(), m.end()) for m in _sudachi().tokenize(run)
                 if m.part_of_speech()[0] not in _JA_DROPPED)  # fmt: skip


@functools.lru_cache(maxsize=100_000)
def ko_words(run: str) -> tuple[Piece, ...]:
    """Content morphemes of a run of Korean, particles and endings out.

    >>> [f[0] for f, _, _ in ko_words("고영향 인공지능을")], [f[0] for f, _, _ in ko_words("인공지능사업자의")]
    (['고', '영향', '인공', '지능'], ['인공', '지능', '사업자'])
    """
    return tuple(((t.form,), t.start, t.end) for t in _kiwi().tokenize(run) if t.tag in _KO_KEPT)


class CJKMorphTokenizer(Tokenizer):
    """Tokens of one CJK language (``lang`` = zh | ja | ko): its script runs through its engine, other runs as
    words. Index mode may put several forms at one position (Chinese compounds and the words inside them)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and getattr(other, "lang", None) == self.lang

    def __hash__(self) -> int:
        return hash((type(self), self.lang))

    def pieces(self, value: str, index: bool) -> Iterator[Piece]:
        """(forms, start, end) in reading order; offsets within ``value``."""
        for m in _SCRIPT_RUNS[self.lang].finditer(value):
            run, word = m.group(1), m.group(2)
            if word:
                yield (word,), m.start(), m.end()
                continue
            if self.lang == "ko":  # Korean is spaced: a run is a word or two
                for forms, start, end in ko_words(run):
                    yield forms, m.start() + start, m.start() + end
                continue
            # Japanese and Chinese have no spaces: long runs go by clause, so the caches stay useful.
            for chunk in _CHUNK.finditer(run):
                if not chunk.group(0):
                    continue
                base = m.start() + chunk.start()
                found = zh_words(chunk.group(0), index) if self.lang == "zh" else ja_words(chunk.group(0))
                for forms, start, end in found:
                    yield forms, base + start, base + end

    def __call__(  # type: ignore[override]
        self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
        removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
        mode: str = "", **kwargs: Any,
    ) -> Iterator[Token]:  # fmt: skip
        yield from emit(self.pieces(value, index=mode != "query"), positions=positions, chars=chars,
                        keeporiginal=keeporiginal, removestops=removestops, start_pos=start_pos,
                        start_char=start_char, mode=mode, **kwargs)  # fmt: skip


def emit(pieces: Iterable[Piece], *, positions: bool, chars: bool, keeporiginal: bool, removestops: bool,
         start_pos: int, start_char: int, mode: str, **kwargs: Any) -> Iterator[Token]:  # fmt: skip
    """Whoosh tokens of ``pieces`` (forms at one position, start, end): one position per piece, every form of a
    piece at it. Shared by the CJK tokenizers (this module's and ``search.analysis.CJKBigramTokenizer``)."""
    t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
    pos = start_pos
    for forms, start, end in pieces:
        for text in forms:
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = text  # type: ignore[attr-defined]
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t
        pos += 1


def cjk_morph_analyzer(lang: str) -> Analyzer:
    return CJKMorphTokenizer(lang) | LowercaseFilter()


def cjk_language(text: str) -> str | None:
    """Which CJK language a text is in, by script: Hangul -> 'ko', kana -> 'ja', Han alone -> 'zh'; None without CJK.

    >>> cjk_language("인공지능 기본법"), cjk_language("人工知能関連技術の研究開発"), cjk_language("生成式人工智能"), cjk_language("AI")
    ('ko', 'ja', 'zh', None)
    """
    sample = text[:3000]
    hangul = len(re.findall(f"[{HANGUL}]", sample))
    kana = len(re.findall(f"[{KANA}]", sample))
    han = len(re.findall(f"[{HAN}]", sample))
    if not (hangul or kana or han):
        return None
    if hangul and hangul >= kana and hangul >= han / 4:
        return "ko"
    return "ja" if kana else "zh"


class PieceStore:
    """What the CJK engines made of each indexed text, kept on disk beside the index (``cache/cjk-pieces.sqlite`` in
    the directory that holds the index, so a rebuild, which swaps the index directory, keeps it): the
    highlights of a Korean, Japanese or Chinese hit read it instead of loading the engine (Korean's model takes
    seconds to load and to analyse its first words, in every new process: `ailaw search "AI Act"` waited 7 s for
    the Korean act's highlights). The indexer fills it as it indexes a CJK text; a text not in it is analysed and
    added. Keyed by the text's SHA-256, its language and the engines' versions, so a stale entry is never read.
    It also keeps the Russian words' lemmas that pymorphy3 gave (search.analysis.ru_lemmas, keyed by the word and
    pymorphy3's and its dictionary's versions), so that a search whose words were seen before (indexed or searched)
    does not load the dictionary. Only a cache: a store that cannot be read or written is skipped."""

    FILE = "cjk-pieces.sqlite"

    def __init__(self) -> None:
        self.path: Path | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def use(self, index_dir: Path) -> None:
        """Keep the pieces of the index at ``index_dir`` (the readers and the indexer call this)."""
        from search.settings import cache_dir_for

        path = cache_dir_for(index_dir) / self.FILE
        with self._lock:
            if path == self.path:
                return
            if self._conn is not None:
                self._conn.close()
            self.path, self._conn = path, None

    def _db(self) -> sqlite3.Connection | None:
        if self._conn is None and self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("CREATE TABLE IF NOT EXISTS pieces (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                self._conn = conn
            except (OSError, sqlite3.Error) as exc:
                logger.debug("CJK piece store %s not usable: %s", self.path, exc)
                self.path = None
        return self._conn

    def _row(self, key: str, column: str) -> tuple[Any, ...] | None:
        with self._lock:
            db = self._db()
            if db is None:
                return None
            try:
                return db.execute(f"SELECT {column} FROM pieces WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None

    def has(self, text: str, lang: str) -> bool:
        """Whether the store has the pieces of ``text`` (without reading them)."""
        return self._row(_piece_key(text, lang), "1") is not None

    def get(self, text: str, lang: str) -> list[Piece] | None:
        found = self.value(_piece_key(text, lang))
        return None if found is None else [(tuple(forms), start, end) for forms, start, end in found]

    def put(self, text: str, lang: str, pieces: list[Piece]) -> None:
        self.put_values({_piece_key(text, lang): pieces})

    def value(self, key: str) -> Any:
        """What is kept under ``key`` (JSON data), or None."""
        row = self._row(key, "data")
        return None if row is None else json.loads(zlib.decompress(row[0]))

    def put_values(self, values: dict[str, Any]) -> None:
        """Keep each value (JSON data) under its key, in one transaction; a key kept already keeps its value."""
        rows = [(key, zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6))
                for key, value in values.items()]  # fmt: skip
        with self._lock:
            db = self._db()
            if db is None or not rows:
                return
            try:
                with db:  # one transaction (the connection commits each statement on its own otherwise)
                    db.execute("BEGIN")
                    db.executemany("INSERT OR IGNORE INTO pieces (key, data) VALUES (?, ?)", rows)
            except sqlite3.Error as exc:  # read-only or busy: it stays a cache miss
                logger.debug("analysis not kept in %s: %s", self.path, exc)


PIECES = PieceStore()
_ENGINES = {"zh": ("rjieba",), "ja": ("sudachipy", "sudachidict_core"), "ko": ("kiwipiepy", "kiwipiepy_model")}


@functools.cache
def _engine_versions(lang: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    def one(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "-"

    return ",".join(f"{d}={one(d)}" for d in _ENGINES[lang])


def _piece_key(text: str, lang: str) -> str:
    return f"{lang}:{_engine_versions(lang)}:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def _analysed(text: str, lang: str) -> list[Piece]:
    """Every piece of ``text`` in index mode, from its engine; kept in the piece store."""
    found = list(CJKMorphTokenizer(lang).pieces(text, index=True))
    PIECES.put(text, lang, found)
    return found


def text_pieces(text: str, lang: str) -> list[Piece]:
    """Every piece of ``text`` in index mode, from the piece store when it has them (else analysed, then kept)."""
    found = PIECES.get(text, lang)
    return _analysed(text, lang) if found is None else found


def remember_pieces(texts: Iterable[str], lang: str) -> None:
    """Analyse and keep the pieces of ``texts`` that the store lacks (the indexer, for the texts highlights read)."""
    for text in texts:
        if text.strip() and not PIECES.has(text, lang):
            _analysed(text, lang)


def cjk_spans(text: str, lang: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every token of ``text`` whose form is one of ``terms``: highlights in CJK texts, where
    a regex word is a whole clause."""
    return piece_spans(text_pieces(text, lang), terms)


def piece_spans(pieces: Iterable[Piece], terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of the pieces that have one of ``terms`` among their forms."""
    out = []
    for forms, start, end in pieces:
        for form in forms:
            if form.lower() in terms:
                out.append((start, end, form.lower()))
                break
    return out
