"""Concept search: the thesaurus (store/reference/thesaurus.toml) recognised in a query and its labels in every
language, so "high-risk AI systems" also finds «система ИИ высокого риска» and «ИИ» finds «искусственный интеллект».

Labels and query words are compared as analysed terms, each language with its own analyzer (English stems,
Russian lemmas…), so inflected forms match («системы ИИ высокого риска» ~ «система ИИ высокого риска») and
stopwords do not count ("providers of high-risk AI systems" ~ "provider" + "high-risk AI system"). The longest
label wins where two overlap. search.query turns each match into alternatives: the words as typed, or any label
of the concept (a phrase in its language's fields), ranked below the literal words.

>>> idx = concept_index()
>>> [(m.concept.id, m.lang) for m in idx.find(["providers", "of", "high-risk", "AI", "systems"])]
[('provider', 'en'), ('high-risk-ai-system', 'en')]
>>> [(m.concept.id, m.start, m.end) for m in idx.find(["системы", "ИИ", "высокого", "риска"])]
[('high-risk-ai-system', 0, 4)]
>>> idx.find(["258-ФЗ"])
[]
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from search.analysis import field_language, keep_lemmas, query_terms
from store.errors import QueryError
from store.reference.thesaurus import DATA, Concept, Thesaurus, kept_or_built, load

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Label:
    concept: Concept
    lang: str  # the label's language (ISO 639-1)
    kind: str  # pref | alt | abbr | hidden
    text: str
    terms: tuple[str, ...]  # analysed in the field language of ``lang``

    @property
    def close(self) -> bool:
        """The label names the nearest counterpart in its language's law, not an exact equivalent."""
        return self.concept.labels[self.lang].close


@dataclass(frozen=True)
class ConceptMatch:
    """A concept found in a query: raw words ``start``..``end`` (exclusive) matched ``label``."""

    concept: Concept
    lang: str
    label: Label
    start: int
    end: int


def label_terms(text: str, lang: str) -> tuple[str, ...]:
    """A label's terms: each word analysed like a query word in the fields of its language.

    >>> label_terms("система ИИ высокого риска", "ru")
    ('система', 'ии', 'высокий', 'риск')
    >>> label_terms("high-risk AI system", "en")
    ('high', 'risk', 'ai', 'system')
    """
    flang = field_language(lang)
    return tuple(t for word in text.split() for t in query_terms(word, flang))


class ConceptIndex:
    """Every label of the thesaurus by language, as term sequences.

    Analysing a few thousand labels takes about a second (Russian lemmas), so the analysed labels can be kept in
    a cache file beside the search index (``cache_dir``), named by a digest of the thesaurus file and the index
    schema version: a new thesaurus or new analyzers make a new file.
    """

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus
        self.by_lang: dict[str, dict[tuple[str, ...], Label]] = {}
        self.max_len: dict[str, int] = {}
        self.of_concept: dict[str, list[Label]] = {}
        for concept, lang, kind, text in thesaurus.labels():
            terms = label_terms(text, lang)
            if not terms:
                continue
            label = Label(concept, lang, kind, text, terms)
            self.of_concept.setdefault(concept.id, []).append(label)
            labels = self.by_lang.setdefault(lang, {})
            # A preferred label wins a tie with another concept's variant (the thesaurus forbids real duplicates).
            if terms not in labels or kind == "pref":
                labels[terms] = label
            self.max_len[lang] = max(self.max_len.get(lang, 0), len(terms))

    def labels_of(self, concept: Concept) -> list[Label]:
        """Every label of a concept with its terms (all languages, the preferred label of each first)."""
        return list(self.of_concept.get(concept.id, []))

    def resolve(self, text: str) -> ConceptMatch:
        """The concept a label names — in any language, any inflection («системы ИИ высокого риска»), or its id —
        as a match of the whole text; ``QueryError`` (one sentence with the nearest labels) when it names none.

        >>> idx = concept_index()
        >>> idx.resolve("high-risk AI systems").concept.id, idx.resolve("ИИ").label.text
        ('high-risk-ai-system', 'ИИ')
        >>> try:
        ...     idx.resolve("high risk AI sytem")
        ... except QueryError as exc:
        ...     print(str(exc)[:88])
        'high risk AI sytem' names no concept of the thesaurus; the nearest: high-risk AI system
        """
        words = text.split()
        if text.strip() in self.thesaurus.concepts:
            concept = self.thesaurus.concepts[text.strip()]
            label = self.of_concept[concept.id][0]
            return ConceptMatch(concept, label.lang, label, 0, len(words))
        matches = self.find(words)
        if len(matches) == 1:
            m = matches[0]
            dropped = [w for i, w in enumerate(words) if not m.start <= i < m.end]
            if all(not label_terms(w, m.lang) for w in dropped):  # only stopwords around it ("the …")
                return m
        raise QueryError(f"{text.strip()!r} names no concept of the thesaurus; {self._near(text)} "
                         "(`ailaw concepts WORDS` looks words up).")  # fmt: skip

    def _near(self, text: str) -> str:
        shown = {label.text.casefold(): label.text for labels in self.of_concept.values() for label in labels
                 if label.kind != "hidden"}  # fmt: skip
        near = difflib.get_close_matches(text.strip().casefold(), list(shown), n=4, cutoff=0.6)
        if not near:  # a label that has the words typed
            typed = {w.casefold() for w in text.split() if len(w) > 2}
            near = [k for k in shown if typed & set(k.split())][:4]
        return f"the nearest: {', '.join(shown[k] for k in near)}" if near else "no label is near it"

    def find(self, words: Sequence[str]) -> list[ConceptMatch]:
        """Non-overlapping concept labels in a sequence of raw query words, longest first, in word order."""
        candidates: list[ConceptMatch] = []
        for lang, labels in self.by_lang.items():
            flang = field_language(lang)
            seq: list[tuple[str, int, bool, bool]] = []  # (term, raw word index, first of its word, last of it)
            for i, word in enumerate(words):
                terms = query_terms(word, flang)
                seq.extend((t, i, n == 0, n == len(terms) - 1) for n, t in enumerate(terms))
            limit = self.max_len.get(lang, 0)
            for a in range(len(seq)):
                if not seq[a][2]:
                    continue  # a label starts where a word starts: «ФЗ» is not a concept inside «258-ФЗ»
                for b in range(min(len(seq), a + limit), a, -1):
                    if not seq[b - 1][3]:
                        continue
                    label = labels.get(tuple(t for t, *_ in seq[a:b]))
                    if label is not None:
                        start, end = seq[a][1], seq[b - 1][1] + 1
                        candidates.append(ConceptMatch(label.concept, lang, label, start, end))
                        break
        # Longest span first (then more terms); a span taken is not matched again in another language.
        candidates.sort(key=lambda m: (-(m.end - m.start), -len(m.label.terms), m.start))
        taken: set[int] = set()
        chosen: list[ConceptMatch] = []
        for m in candidates:
            span = set(range(m.start, m.end))
            if span & taken:
                continue
            taken |= span
            chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)


def _cache_name() -> str:
    from search.schema import SCHEMA_VERSION

    digest = hashlib.sha256(DATA.read_bytes() + f"schema {SCHEMA_VERSION}".encode()).hexdigest()[:16]
    return f"concepts-{digest}.pickle"


@functools.cache
def concept_index(cache_dir: Path | None = None) -> ConceptIndex:
    """The index of the shipped thesaurus, built once per process (read from the cache of the search index at
    ``cache_dir`` when it has one, ``search.settings.cache_dir_for``).

    The cache file holds the whole index (the parsed thesaurus with its analysed labels), written by ailaw beside
    the search index it trusts, where an index rebuild keeps it: reading it takes milliseconds, where parsing the TOML took about 0.1 s and analysing
    the labels about a second."""
    if cache_dir is None:
        return ConceptIndex(load())
    from search.settings import cache_dir_for

    cache_dir = cache_dir_for(cache_dir)  # beside the index, so a rebuild keeps it
    return kept_or_built(cache_dir / _cache_name(), _built, lambda kept: isinstance(kept, ConceptIndex))


def _built() -> ConceptIndex:
    built = ConceptIndex(load())
    keep_lemmas()  # the Russian labels' lemmas, beside the index for the next processes' searches (`ailaw index`)
    return built
