"""Analyzers: one per language, routed by ISO 639-1 code.

- English: Whoosh's ``StemmingAnalyzer`` (regex tokens, lowercase, English stopwords, Porter stemmer).
- Russian: pymorphy3 lemmas (see ``RussianLemmaFilter``). Chosen over Snowball (``LanguageAnalyzer("ru")``) after
  measuring both on the real text of Decree № 490 (bench/README.md, "Russian analyzer"): Snowball is ~2× faster
  but misses irregular forms (люди ↔ человек, лиц ↔ лицо…) and collides unrelated words (сталь ≈ стали ≈ стать);
  the lemma cache makes pymorphy3 fast enough on legal text, whose vocabulary is small and repetitive.
  ``RussianStemFilter`` (Snowball with the same protections) is kept for the measurement and as a fallback.
- Portuguese and French: accent-folded Snowball stems; Chinese (jieba words), Japanese (SudachiPy morphemes) and
  Korean (kiwipiepy morphemes), each in its own fields: search.world_analysis.
- Other Snowball languages (``whoosh.lang.has_stemmer``): ``LanguageAnalyzer(lang)``; anything else: lowercase words.
  ``CJKBigramTokenizer`` (character bigrams) is kept as the baseline the CJK analyzers were measured against.

Abbreviations that stemmers mangle («ИИ» → «и» in Snowball, «ия» in pymorphy3; «ФЗ», «ЕС», «РФ», «AI») are
protected: they pass through lowercased and are never dropped as stopwords.

The schema (analyzers included) is pickled into the index, so every filter here is a module-level class whose
state is plain data; the pymorphy3 ``MorphAnalyzer`` is created lazily per process and never pickled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from whoosh.analysis import (
    Analyzer,
    Filter,
    LanguageAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang import has_stemmer, languages, stemmer_for_language, stopwords_for_language

from search.world_analysis import PIECES, cjk_language, cjk_morph_analyzer, emit, romance_analyzer

#: Abbreviations kept as they are (lowercased): never stemmed, lemmatised or dropped as stopwords.
PROTECTED = frozenset({"ии", "фз", "фкз", "кз", "ес", "рф", "гк", "ук", "ai", "eu", "ec", "gdpr"})

#: Languages with their own Whoosh fields (Snowball stemmers + Chinese, Japanese, Korean); the rest share ``xx``.
STEMMED_LANGUAGES: tuple[str, ...] = tuple(sorted(languages))
CJK = frozenset({"zh", "ja", "ko"})
FIELD_LANGUAGES: tuple[str, ...] = (*STEMMED_LANGUAGES, "zh", "ja", "ko", "xx")

_WORD = r"\w+(?:\.?\w+)*"


def field_language(lang: str | None) -> str:
    """The language key of the fields a text in ``lang`` goes to: 'ru' -> 'ru', 'zh-Hans' -> 'zh', 'uk' -> 'xx'.

    >>> field_language("EN"), field_language("zh-Hans"), field_language("ko"), field_language("uk"), field_language(None)
    ('en', 'zh', 'ko', 'xx', 'xx')
    """
    if not lang:
        return "xx"
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    if code in CJK:
        return code
    return code if code in STEMMED_LANGUAGES else "xx"


_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def guess_language(text: str, default: str | None = None) -> str | None:
    """A script-based guess for short metadata (titles): Cyrillic -> 'ru', Hangul -> 'ko', kana -> 'ja', Han -> 'zh'
    (search.world_analysis.cjk_language); else default.

    >>> guess_language("Указ Президента", "en"), guess_language("Regulation (EU) 2024/1689", "ru")
    ('ru', 'en')
    >>> guess_language("인공지능 기본법", "en"), guess_language("人工知能関連技術の推進", "en"), guess_language("生成式人工智能", "en")
    ('ko', 'ja', 'zh')
    >>> guess_language("人工知能関連技術", "ja")  # Han alone is Chinese unless the document says Japanese
    'ja'
    """
    sample = text[:2000]
    cyr, lat, han = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample)), len(_HAN.findall(sample))
    if han > max(cyr, lat) / 2 and han:
        found = cjk_language(sample)
        return default if found == "zh" and default in ("ja", "ko") else found
    if cyr > lat:
        return "ru"
    if lat > cyr:  # Latin text of a Russian, Chinese, Japanese or Korean document is English (a translated title)
        return "en" if default in (None, "ru", "xx") or field_language(default) in ("ru", *CJK) else default
    return default


# --- Russian --------------------------------------------------------------------------------------------------


@functools.cache
def _morph() -> Any:
    import pymorphy3
    import pymorphy3_dicts_ru

    # The dictionary's path given, pymorphy3 does not scan every installed package's entry points for it (≈ 0.1 s
    # of a Russian query's start); the same dictionary it would find.
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@functools.lru_cache(maxsize=300_000)
def ru_lemmas(word: str) -> tuple[str, ...]:
    """Distinct normal forms of the likeliest parses of a lowercase word, best first (at most 3; «ё» -> «е»).

    Indexing all of them and querying the best one makes an ambiguous form match: «данных» -> (данные, дать),
    «данные» -> (дать, данные, данный). A word not in the dictionary gets its Snowball stem instead.

    Until the dictionary is loaded, a word's lemmas are read from the store beside the index when a process before
    kept them there (``keep_lemmas``, search.world_analysis.PieceStore): loading pymorphy3 and its dictionary is most
    of a Russian query's start.
    """
    key = _lemma_key(word)
    if not _morph.cache_info().currsize:  # once the dictionary is loaded, it answers faster than the store
        kept = PIECES.value(key)
        if kept is not None:
            return tuple(kept)
    found = _dictionary_lemmas(word)
    if PIECES.path is not None:  # a process with no index (a crawl) keeps nothing
        _NEW_LEMMAS[key] = found
    return found


def load_russian_dictionary() -> None:
    """Load pymorphy3 and its Russian dictionary now, though the words searched so far were all kept beside the
    index: a long-lived process (the UI, ``search.query.warm``) then looks up a new word without waiting for it."""
    _morph()


#: The lemmas this process looked up in the dictionary and has not kept yet (``keep_lemmas``).
_NEW_LEMMAS: dict[str, tuple[str, ...]] = {}


@functools.cache
def _lemma_versions() -> str:
    from importlib.metadata import version

    return f"pymorphy3={version('pymorphy3')},pymorphy3-dicts-ru={version('pymorphy3-dicts-ru')}"


def _lemma_key(word: str) -> str:
    return f"ru-lemmas:{_lemma_versions()}:{word}"


def keep_lemmas() -> None:
    """Keep the lemmas looked up in the dictionary since the last call in the store beside the index, in one
    transaction (a search and an indexing run call this at their end)."""
    if _NEW_LEMMAS:
        new = dict(_NEW_LEMMAS)
        _NEW_LEMMAS.clear()
        PIECES.put_values({key: list(lemmas) for key, lemmas in new.items()})


def _dictionary_lemmas(word: str) -> tuple[str, ...]:
    morph = _morph()
    if not morph.word_is_known(word):
        # Out-of-dictionary words (names, neologisms, OCR noise) go to Snowball: pymorphy3's guesser for them
        # is ~10× slower than a dictionary lookup and no more reliable than a stemmer.
        return (_ru_stem(word),)
    out: list[str] = []
    for p in morph.parse(word):
        lemma = p.normal_form.replace("ё", "е")
        if lemma not in out:
            out.append(lemma)
            if len(out) == 3:
                break
    return tuple(out) or (word,)


class _Settingless:
    """An analysis part with no settings: any two of one class are equal (schemas compare their fields' analyzers)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


class RussianLemmaFilter(_Settingless, Filter):
    """pymorphy3 lemmas. Index mode: every likely lemma at the token's position; query mode: the best one."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            text = t.text.replace("ё", "е")
            if text in PROTECTED or not _CYRILLIC.search(text):
                t.text = text
                yield t
                continue
            lemmas = ru_lemmas(text)
            if t.mode == "query":
                t.text = lemmas[0]
                yield t
            else:
                for lemma in lemmas:
                    t.text = lemma
                    yield t


@functools.lru_cache(maxsize=300_000)
def _ru_stem(word: str) -> str:
    return _ru_stemfn()(word)


@functools.cache
def _ru_stemfn() -> Callable[[str], str]:
    return stemmer_for_language("ru")


class RussianStemFilter(_Settingless, Filter):
    """Snowball Russian with the protected abbreviations and «ё» folded to «е» (measured against the lemmas)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for t in tokens:
            text = t.text.replace("ё", "е")
            t.text = text if text in PROTECTED else _ru_stem(text)
            yield t


def _ru_stoplist() -> frozenset[str]:
    return frozenset(stopwords_for_language("ru")) - PROTECTED


def russian_lemma_analyzer() -> Analyzer:
    return (
        RegexTokenizer(_WORD)
        | LowercaseFilter()
        | StopFilter(stoplist=_ru_stoplist(), minsize=1)
        | RussianLemmaFilter()
    )


def russian_stem_analyzer() -> Analyzer:
    return (
        RegexTokenizer(_WORD) | LowercaseFilter() | StopFilter(stoplist=_ru_stoplist(), minsize=1) | RussianStemFilter()
    )


# --- CJK --------------------------------------------------------------------------------------------------------

_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_OR_WORD = re.compile(rf"([{_CJK_CHARS}]+)|([^\W{_CJK_CHARS}]+)")


class CJKBigramTokenizer(_Settingless, Tokenizer):
    """Overlapping character bigrams inside runs of CJK characters (a lone character stays a unigram); other
    runs of word characters are one token each. The baseline the CJK analyzers were measured against."""

    def __call__(  # type: ignore[override]
        self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
        removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
        mode: str = "", **kwargs: Any,
    ) -> Iterator[Token]:  # fmt: skip
        def pieces() -> Iterator[tuple[tuple[str, ...], int, int]]:
            for m in _CJK_OR_WORD.finditer(value):
                run, word = m.group(1), m.group(2)
                if not run:
                    yield (word,), m.start(), m.end()
                    continue
                for i in range(max(1, len(run) - 1)):
                    gram = run[i : i + 2]
                    yield (gram,), m.start() + i, m.start() + i + len(gram)

        yield from emit(pieces(), positions=positions, chars=chars, keeporiginal=keeporiginal, removestops=removestops,
                        start_pos=start_pos, start_char=start_char, mode=mode, **kwargs)  # fmt: skip


def cjk_analyzer() -> Analyzer:
    return CJKBigramTokenizer() | LowercaseFilter()


# --- routing ----------------------------------------------------------------------------------------------------


def analyzer_for(lang: str) -> Analyzer:
    """The analyzer of a field language key (see ``field_language``)."""
    if lang == "en":
        return StemmingAnalyzer(expression=_WORD)
    if lang == "ru":
        return russian_lemma_analyzer()
    if lang in CJK:
        return cjk_morph_analyzer(lang)
    if lang in ("pt", "fr"):
        return romance_analyzer(lang)
    if has_stemmer(lang):
        return LanguageAnalyzer(lang)
    return RegexTokenizer(_WORD) | LowercaseFilter()


def terms(text: str, lang: str, *, mode: str = "index") -> list[str]:
    """The indexed terms of ``text`` in field language ``lang`` (for tests and the bench).

    >>> terms("Искусственному интеллекту и ИИ", "ru", mode="query")
    ['искусственный', 'интеллект', 'ии']
    """
    return [t.text for t in analyzer_for(lang)(text, mode=mode)]


# --- query words ----------------------------------------------------------------------------------------------

#: Words of a plain-language question that name no content («what are the obligations of deployers»). They are
#: dropped from a query outside quotes, like stopwords; a query made of nothing else keeps them.
QUESTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({
        "what", "which", "who", "whom", "whose", "where", "when", "why", "how", "does", "do", "did", "doing",
        "is", "are", "was", "were", "be", "been", "there", "any", "i", "me", "my", "we", "our", "should",
        "would", "could", "can", "may", "must", "about", "regarding", "tell", "find", "show", "give", "list",
        "please",
    }),
    "ru": frozenset({
        "что", "какие", "какой", "какая", "какое", "каких", "каким", "какими", "каков", "каковы", "кто", "кого",
        "кому", "где", "когда", "почему", "зачем", "как", "ли", "нужно", "надо", "должен", "должна", "должны",
        "можно", "есть", "мне", "найди", "найти", "покажи", "показать", "пожалуйста",
    }),
}  # fmt: skip


@functools.lru_cache(maxsize=100_000)
def query_terms(word: str, lang: str) -> tuple[str, ...]:
    """The query-mode terms of one raw query word in field language ``lang`` (empty: the analyzer drops it).

    >>> query_terms("the", "en"), query_terms("об", "ru"), query_terms("high-risk", "en"), query_terms("ИИ", "ru")
    ((), (), ('high', 'risk'), ('ии',))
    """
    return tuple(t.text for t in _query_analyzer(lang)(word, mode="query"))


@functools.cache
def _query_analyzer(lang: str) -> Analyzer:
    return analyzer_for(lang)


def is_question_word(word: str) -> bool:
    """
    >>> is_question_word("What"), is_question_word("какие"), is_question_word("deployers")
    (True, True, False)
    """
    w = word.lower().replace("ё", "е")
    return any(w in words for words in QUESTION_WORDS.values())


def dropped_by(word: str, langs: Iterable[str]) -> list[str]:
    """The field languages among ``langs`` whose analyzer drops ``word`` entirely (a stopword there). A protected
    abbreviation is never dropped ("AI" is a French stopword, «ai», and "EU" a Portuguese one, «eu»); a word in a
    script the analyzer does not read is not its stopword.

    >>> dropped_by("the", ["en", "ru"]), dropped_by("об", ["en", "ru"]), dropped_by("AI", ["en", "ru", "fr"])
    (['en'], ['ru'], [])
    >>> dropped_by("인공지능", ["en", "ja", "ko", "zh"])
    []
    """
    if word.lower() in PROTECTED:
        return []
    return [lang for lang in langs if not query_terms(word, lang) and _reads(word, lang)]


def _reads(word: str, lang: str) -> bool:
    """Whether ``lang``'s analyzer reads ``word`` at all, stopwords kept: the Japanese analyzer reads no Hangul, and
    a Korean word is no Japanese stopword.

    >>> _reads("the", "en"), _reads("인공지능", "ja"), _reads("인공지능", "ko")
    (True, False, True)
    """
    return any(True for _ in _query_analyzer(lang)(word, mode="query", removestops=False))


def stopword_languages(words: Iterable[str], langs: Iterable[str]) -> set[str]:
    """The languages whose stopwords a query's words are: per script (Cyrillic, other), those dropping the most of
    its words. Only these languages' stopwords are dropped from the query: "when does the AI Act apply" is English
    (four English stopwords), so "die" in "AI systems that die" would stay, though German drops it.

    >>> sorted(stopword_languages(["what", "is", "the", "AI", "Act"], ["de", "en", "fr", "ru"]))
    ['de', 'en']
    >>> sorted(stopword_languages(["die", "KI", "Verordnung", "und", "der", "Datenschutz"], ["de", "en", "nl"]))
    ['de']
    >>> sorted(stopword_languages(["закон", "об", "ИИ", "and", "the", "AI", "Act"], ["en", "ru"]))
    ['en', 'ru']
    """
    langs = list(langs)
    counts: dict[bool, dict[str, int]] = {}
    for word in words:
        per_script = counts.setdefault(bool(_CYRILLIC.search(word)), {})
        for lang in dropped_by(word, langs):
            per_script[lang] = per_script.get(lang, 0) + 1
    found: set[str] = set()
    for per_script in counts.values():
        if per_script:
            top = max(per_script.values())
            found |= {lang for lang, n in per_script.items() if n == top}
    return found
