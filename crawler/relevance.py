"""AI-relevance classification from the thesaurus (store/reference/thesaurus.toml): one vocabulary for concept search
and for deciding what is about AI. The matched terms are kept.

A document is AI-related when a *core* concept (one that names AI itself: "artificial intelligence", «ИИ»,
«нейросеть», "machine learning", "AI system"…) occurs in its title, summary or subjects, or often enough in its
text (``TEXT_MIN_HITS`` core hits). *Adjacent* concepts ("algorithm", "profiling", «большие данные») are recorded
but never decide alone: many privacy and platform laws mention algorithms. *Context* concepts (legal vocabulary)
are not used here.

Every label of a concept (preferred, alternative, abbreviation, hidden variant; every language) becomes a pattern:
inflected languages are matched by stems («искусственного интеллекта», «искусственным интеллектом»), abbreviations
exactly and case-sensitively («ИИ» but not «ИИН»; "AI"), CJK labels as they are. A matched concept is recorded by
its preferred label in the language it was found in. Abbreviations of one or two letters other than "AI"/«ИИ»
("ML", "KI") are too ambiguous in legal text to decide anything and are left out.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.reference.thesaurus import DATA, Concept, kept_or_built, load

TEXT_MIN_HITS = 3  # core-concept occurrences a body text needs to make a document AI-related
SHORT_ABBREVIATIONS = frozenset({"AI", "ИИ"})  # the only abbreviations under three letters that count
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+", re.U)
_SEPARATOR = r"[\s\-‐‑–—]+"


@functools.cache
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    from whoosh.lang import has_stemmer, stemmer_for_language

    return stemmer_for_language(lang) if has_stemmer(lang) else None


def _word_literal(word: str, lang: str) -> tuple[str, bool]:
    """What a word of a label must start with (its stem, or the word), and whether any ending may follow."""
    lower = word.lower()
    if len(lower) <= 3 or lower.isdigit():
        return lower, False
    stem = _stemmer(lang)
    # the stem's part that the word starts with: Snowball may rewrite an ending («inteligência» -> «inteligent»)
    base = os.path.commonprefix([stem(lower), lower]) if stem else lower[:-1]
    return (base, True) if len(base) >= 3 else (lower, True)


def _word_pattern(word: str, lang: str) -> str:
    """A word of a label as a pattern: its stem and any ending; short words and numbers as they are."""
    literal, ending = _word_literal(word, lang)
    return re.escape(literal) + (r"\w*" if ending else "")


@dataclass(frozen=True)
class LabelPattern:
    """A label as a pattern that starts with a literal and is run on the lowercased text, or on the text itself for an
    abbreviation; a match must start a word. The regex is written and compiled the first time a text contains the
    literal (a crawl that classifies a few short titles stems the first words of the thesaurus's hundreds of labels
    and compiles a few patterns, not all): ``source`` is the regular expression, or for a label of words its words
    and language, stemmed then."""

    source: str | tuple[tuple[str, ...], str]
    literal: str  # what every match starts with
    exact_case: bool
    word_start: bool = True
    # what every match contains, for a label of words: each word's stem (None: from ``source``, stemmed when needed)
    parts: tuple[str, ...] | None = None

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.expression())

    @functools.cached_property
    def _parts(self) -> tuple[str, ...]:
        if self.parts is not None:
            return self.parts
        if isinstance(self.source, str):
            return ()
        words, lang = self.source
        return tuple(_word_literal(w, lang)[0] for w in words[1:])

    def expression(self) -> str:
        """The regular expression (written now, for a label of words: its words stemmed)."""
        if isinstance(self.source, str):
            return self.source
        words, lang = self.source
        return _SEPARATOR.join(_word_pattern(w, lang) for w in words)

    def written(self) -> LabelPattern:
        """The same pattern with its regular expression written (kept in the matchers' cache; compiled on use)."""
        return dataclasses.replace(self, source=self.expression(), parts=self._parts)

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        source = text if self.exact_case else lowered
        if self.literal not in source or any(part not in source for part in self._parts):
            return  # a text without one of the words' stems has no match: the expression is not compiled for it
        for m in self.regex.finditer(source):
            if not self.word_start or m.start() == 0 or not _is_word_char(source[m.start() - 1]):
                yield m


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def label_pattern(label: str, lang: str, kind: str) -> LabelPattern | None:
    """The pattern of one thesaurus label (None for labels that must not decide anything).

    >>> def found(p, text): return any(True for _ in p.finditer(text, text.lower()))
    >>> found(label_pattern("искусственный интеллект", "ru", "pref"), "развитии искусственного интеллекта")
    True
    >>> p = label_pattern("ИИ", "ru", "abbr")
    >>> found(p, "системы ИИ"), found(p, "ИИН налогоплательщика"), found(p, "СИИ")
    (True, False, False)
    >>> found(label_pattern("deep fake", "en", "pref"), "so-called deep-fakes")
    True
    """
    if _CJK.search(label):
        return LabelPattern(re.escape(label), label, exact_case=True, word_start=False)
    if kind == "abbr":
        if len(label) < 3 and label not in SHORT_ABBREVIATIONS:
            return None
        return LabelPattern(rf"{re.escape(label)}(?![^\W_])", label, exact_case=True)
    words = _WORD.findall(label)
    if not words:
        return None
    return LabelPattern((tuple(words), lang), _word_literal(words[0], lang)[0], exact_case=False)


@dataclass(frozen=True)
class _Matcher:
    concept: Concept
    lang: str
    patterns: tuple[LabelPattern, ...]

    def count(self, text: str, lowered: str) -> int:
        return sum(1 for p in self.patterns for _ in p.finditer(text, lowered))

    def found(self, text: str, lowered: str) -> bool:
        return any(True for p in self.patterns for _ in p.finditer(text, lowered))

    @property
    def term(self) -> str:
        return self.concept.pref(self.lang)


@functools.cache
def matchers(relevance: str) -> tuple[_Matcher, ...]:
    """One matcher per (concept, language) of the thesaurus's ``core`` or ``adjacent`` concepts, in thesaurus order."""
    return _all_matchers()[relevance]


def _build_matchers(*, written: bool) -> dict[str, tuple[_Matcher, ...]]:
    """The matchers of every relevance; ``written``: each label's regular expression written now (stemmed), for
    the cache, rather than the first time a text contains its literal."""
    out: dict[str, list[_Matcher]] = {"core": [], "adjacent": []}
    for concept in load().concepts.values():
        if concept.relevance not in out:
            continue
        for lang, labels in concept.labels.items():
            patterns = [label_pattern(text, lang, kind) for kind, text in labels.all()]
            kept = tuple(p.written() if written else p for p in patterns if p is not None)
            if kept:
                out[concept.relevance].append(_Matcher(concept, lang, kept))
    return {k: tuple(v) for k, v in out.items()}


_CACHE_DIR: list[Path] = []  # where this process keeps the matchers (keep_matchers_in); none: built each time


def keep_matchers_in(cache_dir: Path) -> None:
    """Read the matchers from ``cache_dir`` (a data home's ``cache/``), or build them and keep them there.

    A crawl calls this before it classifies anything: building the matchers means reading the thesaurus's TOML and
    stemming the first word of each of its labels, about 0.05 s of CPU in every crawl process; the cache file
    (``relevance-<digest>.pickle``, named by the digest of the thesaurus, of the code of this module and of the
    thesaurus's classes, and of the stemmers' version) holds the matchers with every label's regular expression written, so the same patterns are
    compiled and the verdicts are the same. Derived data, safe to delete; a damaged file is built again."""
    _CACHE_DIR[:] = [Path(cache_dir)]


def _cache_name() -> str:
    return f"relevance-{classifier_digest()}.pickle"


def classifier_digest() -> str:
    """A digest of what the verdicts depend on: the thesaurus, the code of this module and of the thesaurus's classes
    (pickled in the matchers' cache), and the stemmers' version."""
    import hashlib
    import pkgutil

    import whoosh

    digest = hashlib.sha256(DATA.read_bytes())
    for package, module in (("crawler", "relevance.py"), ("store.reference", "thesaurus.py")):  # the pickled code
        digest.update(pkgutil.get_data(package, module) or b"")
    digest.update(repr(whoosh.__version__).encode())
    return digest.hexdigest()[:16]


@functools.cache
def _all_matchers() -> dict[str, tuple[_Matcher, ...]]:
    if not _CACHE_DIR:
        return _build_matchers(written=False)
    return kept_or_built(_CACHE_DIR[0] / _cache_name(), functools.partial(_build_matchers, written=True),
                         lambda kept: isinstance(kept, dict) and set(kept) == {"core", "adjacent"})  # fmt: skip


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    terms: list[str]  # matched concepts (their preferred label in the language found), core first
    strong_hits: int  # core-concept occurrences in the text
    core: tuple[str, ...] = ()  # the core terms of ``terms``
    adjacent: tuple[str, ...] = ()  # the adjacent terms of ``terms``


def classify(*, metadata: str = "", text: str = "") -> Relevance:
    """Classify from metadata (title, summary, subjects) and optionally a body text.

    >>> classify(metadata="О развитии искусственного интеллекта в Российской Федерации").relevant
    True
    >>> classify(metadata="О присвоении классных чинов государственной гражданской службы").relevant
    False
    >>> classify(metadata="Regulation on contestable and fair markets", text="algorithm " * 10).terms
    ['algorithm']
    """
    core: list[str] = []
    adjacent: list[str] = []
    meta_hit = False
    text_hits = 0
    meta_low, text_low = metadata.lower(), text.lower()
    for m in matchers("core"):
        in_meta = bool(metadata) and m.found(metadata, meta_low)
        n_text = m.count(text, text_low) if text else 0
        if (in_meta or n_text) and m.term not in core:
            core.append(m.term)
        meta_hit = meta_hit or in_meta
        text_hits += n_text
    for m in matchers("adjacent"):
        found = (metadata and m.found(metadata, meta_low)) or (text and m.found(text, text_low))
        if found and m.term not in adjacent:
            adjacent.append(m.term)
    relevant = meta_hit or text_hits >= TEXT_MIN_HITS
    return Relevance(relevant=relevant, terms=core + adjacent, strong_hits=text_hits, core=tuple(core),
                     adjacent=tuple(adjacent))  # fmt: skip
