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

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from search.analysis import field_language, query_terms
from store.reference.thesaurus import Concept, Thesaurus, load


@dataclass(frozen=True)
class Label:
    concept: Concept
    lang: str  # the label's language (ISO 639-1)
    kind: str  # pref | alt | abbr | hidden
    text: str
    terms: tuple[str, ...]  # analysed in the field language of ``lang``


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
    """Every label of the thesaurus by language, as term sequences."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus
        self.by_lang: dict[str, dict[tuple[str, ...], Label]] = {}
        self.max_len: dict[str, int] = {}
        for concept, lang, kind, text in thesaurus.labels():
            terms = label_terms(text, lang)
            if not terms:
                continue
            labels = self.by_lang.setdefault(lang, {})
            # A preferred label wins a tie with another concept's variant (the thesaurus forbids real duplicates).
            if terms not in labels or kind == "pref":
                labels[terms] = Label(concept, lang, kind, text, terms)
            self.max_len[lang] = max(self.max_len.get(lang, 0), len(terms))

    def labels_of(self, concept: Concept) -> list[Label]:
        """Every label of a concept with its terms (all languages, the preferred label of each first)."""
        out = []
        for lang, labels in concept.labels.items():
            for kind, text in labels.all():
                terms = label_terms(text, lang)
                if terms:
                    out.append(Label(concept, lang, kind, text, terms))
        return out

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


@functools.cache
def concept_index() -> ConceptIndex:
    """The index of the shipped thesaurus (built once per process)."""
    return ConceptIndex(load())
