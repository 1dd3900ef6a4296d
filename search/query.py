"""Search the index: plain-language queries, names, concepts across languages, identifiers, provision citations,
filters, grouping to documents, facets, highlights.

Syntax (Whoosh's, with friendly field names):
- words are ANDed: ``high-risk systems``; ``AND`` / ``OR`` / ``NOT`` and parentheses; ``"exact phrase"``;
  prefixes ``интеллект*``;
- fields: ``jurisdiction:eu``, ``state:us-co`` (a US state, ISO 3166-2), ``type:federal-law``, ``stage:in-force``,
  ``lang:ru``, ``year:2024`` or
  ``year:[2019 TO 2024]``, ``date:[2019 TO 2024]`` (or any Whoosh date form: ``date:20240712``,
  ``date:[2024-01 TO now]``), ``title:…``, ``body:…``, ``name:…``, ``id:…`` (an identifier, normalised like below);
- identifiers anywhere in a query — CELEX «32024R1689», «2024/1689», «Regulation (EU) 2024/1689»,
  «COM(2021) 206», an eoNumber, a Duma bill «922869-7», «№ 490», «258-ФЗ», «указ 490» — match the ``ident`` field
  with a large boost, so the identified document comes first; then the same act in other forms (``same_ident``),
  then the documents related to it (``related_ident``); an identifier lookup also shows non-AI documents;
- provision citations — "Article 50(2)", "Art. 5(1)(a)", "Annex III", «ст. 6», «п. 2.1», «пункт 51.14» — go to
  that provision (search.citations): documents that have it come first, and it is the first provision they show.

How words are read (each field language analyses a word its own way: English stems, Russian lemmas…):
- A word that a language's analyzer drops as a stopword ("the", "of", «об», «в») is dropped from the whole query,
  so it never leaves a requirement in another language's fields; a quoted phrase keeps its order across dropped
  words. Question words ("what", "which", «какие») are dropped too, unless the query has nothing else.
- Every remaining word must match (in a name, a title or the text; weights ``BOOSTS``: name ≫ title ≫ body).
  When no document has them all, the search falls back to documents having some of them, best first, and says so
  (``SearchResult.relaxed``); a word excluded with ``NOT`` stays excluded.
- Concepts of the thesaurus (search.concepts) found in the query also match through their other labels — other
  languages and abbreviations — ranked below the words as typed (``CONCEPT_BOOST``); a hit found only that way
  says why (``Hit.via``). ``exact=True`` turns this off.
- A query that names a document (a short title, a popular name, an abbreviation: ``name_*`` fields) puts it first.

Results are documents (one Hit per document, its best-scoring index document); at equal relevance an act in force
ranks above the proposal it came from, and the more recent above the older. Each hit names the provisions that
match best (``Hit.provisions``). Facets count the documents shown; ``SearchResult.hidden`` counts the matching
documents that the filters, or the AI-only default, hide.

Highlights are plain text fragments, HTML-escaped, with the matched words wrapped in ``<mark>…</mark>``: the
UI may render them as HTML. ``Hit.title`` is the raw title (escape it when rendering).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import logging
import re
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from heapq import heappush, heapreplace, nsmallest
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.collectors import TopCollector
from whoosh.fields import TEXT, Schema
from whoosh.matching import DisjunctionMaxMatcher, NullMatcher
from whoosh.qparser import AndGroup, FieldAliasPlugin, QueryParser
from whoosh.searching import Searcher

from search.analysis import (
    CJK,
    FIELD_LANGUAGES,
    dropped_by,
    field_language,
    guess_language,
    is_question_word,
    keep_lemmas,
    load_russian_dictionary,
    query_terms,
    stopword_languages,
)
from search.citations import Citation, find_citations
from search.collect import matching, range_ids, scored_among, scored_arrays
from search.concepts import ConceptMatch, Label, concept_index
from search.highlight import fragments
from search.idents import detect_identifiers, ident_keys, key
from search.phrase import Phrase
from search.ranges import DatePlugin, ReversedRange, turn_reversed_years
from search.readers import Readers, readers
from search.schema import FACET_FIELDS, KIND_DOCUMENT, KIND_VERSION, body_field, name_field, title_field
from search.settings import index_dir_or_default
from store.errors import QueryError
from store.identifiers import us_state_code, us_subdivision
from store.vocab import DocType, Jurisdiction, Stage

logger = logging.getLogger(__name__)


class _BestOfMatcher(DisjunctionMaxMatcher):
    """Whoosh's DisjunctionMaxMatcher scores a document with the best score of its sub-matchers wherever they stand,
    so a document matched by one alternative takes the score another alternative has on another document (every
    concept match then scores alike). This one takes the best score among the sub-matchers on the current
    document only."""

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        if a.id() != b.id():
            return float(a.score() if a.id() < b.id() else b.score())
        return float(max(a.score(), b.score()))


class BestOf(wq.DisjunctionMax):
    """The documents matching any subquery, each scored by the best subquery it matches (not their sum)."""

    def _matcher(self, subs, searcher, context):  # type: ignore[no-untyped-def]
        reader = searcher.reader()
        return self._tree_matcher(subs, _BestOfMatcher, searcher, context, lambda q: q.estimate_size(reader),
                                  tiebreak=self.tiebreak)  # fmt: skip


IDENT_BOOST = 1000.0
SAME_BOOST = 300.0  # the identified act in another form or stage (its bill, its proposal): right below it
RELATED_BOOST = 100.0  # the documents otherwise related to it (amended by it, amending it): above any text match
IDENT_FIELDS = ("ident", "same_ident", "related_ident")
#: Field weights of a query word: a short title or popular name ≫ a title ≫ the text (tuned on the relevance set).
BOOSTS = {"name": 4.0, "title": 3.0, "body": 1.0}
NAME_PHRASE_BOOST = 24.0  # the whole query is (part of) a document's name
#: Concept labels in the query's own language (synonyms, abbreviations) and in other languages: below literal words.
CONCEPT_BOOST = {"same": 0.9, "other": 0.45}
#: A label that names only the nearest counterpart in another law (thesaurus ``close``: 고영향 인공지능 for a
#: high-risk AI system) ranks below the exact equivalents: the AI Act before the Korean act for «системы ИИ высокого
#: риска».
CLOSE_FACTOR = 0.3
CITED_BOOST = 4.0  # a document that has the cited provision
#: The words of a run near each other (at most PROXIMITY_SLOP positions apart) score extra, in titles and in texts.
PROXIMITY_SLOP = 4
PROXIMITY_BOOST = {"title": 3.0, "body": 1.0}
TYPE_BOOST = 1.0  # a query word naming a kind of act («закон») is met by a document of that type…
TYPE_FACTOR = 2.0  # …which ranks higher
#: Tiers, above any score (among the TIER_WINDOW best documents). A query that is one defined term puts the acts
#: defining it first (thesaurus defined_in: AI Act Art. 3(60) for "deepfake"). A query that is one concept of several
#: words ranks the documents having it as a unit above those with its words scattered ("data labelling" is not a
#: text that says "data" here and "label" there): first the documents written in the query's language that have it
#: as typed or under its labels in that language, then the others (other languages' labels, translations: the
#: Korean act's English translation is not an English act). Then the documents found through the words as typed (or
#: the concepts' labels in the query's language) rank above those found only through another language's labels:
#: «ИИ» lists the Russian acts before the English texts that say "AI". Within a tier, where a document has that
#: concept (``UNIT_IN_*``) ranks it: in its name or title (the document is named by it: "national AI strategy", the
#: Strategy, whose name is «Национальная стратегия развития искусственного интеллекта…»), then in a provision
#: heading (a chapter or article about it: the AI Act's Chapter III "High-risk AI systems"), then only in its text
#: (the Korean act's "Presidential Council on National Artificial Intelligence Strategy", Colorado's duties
#: concerning "high-risk artificial intelligence systems").
#: A query (citations and dropped words aside) that is one of a document's names ("GDPR", «закон об ЭПР») puts it
#: first, and shows it though it is not about AI.
TIER_NAMED = 5
TIER_DEFINES = 4
TIER_OWN_CONCEPT_UNIT = 3
TIER_CONCEPT_UNIT = 2
TIER_OWN_LANGUAGE = 1
UNIT_IN_TITLE = 2
UNIT_IN_HEADING = 1
TIER_WINDOW = 200
#: Words that name a kind of act (compared as analysed terms) -> the document types they mean.
_TYPE_WORD_LIST = {
    "en": {"law": ("federal-law", "act"), "regulation": ("regulation",), "directive": ("directive",),
           "decree": ("decree",), "bill": ("bill",), "proposal": ("proposal",), "draft": ("proposal", "bill")},
    "ru": {"закон": ("federal-law", "proposal"), "фз": ("federal-law", "proposal"), "законопроект": ("bill", "proposal"), "указ": ("decree",),
           "постановление": ("government-resolution",), "распоряжение": ("government-order",),
           "приказ": ("order",), "регламент": ("regulation",), "директива": ("directive",)},
}  # fmt: skip


@functools.cache
def _type_words_table(lang: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Analysed word -> the document types it names, in ``lang``; built at the first query that needs it (the
    Russian words load the Russian dictionaries, which a query without Cyrillic never needs)."""
    return {query_terms(word, lang): types for word, types in _TYPE_WORD_LIST[lang].items()}


PASSAGES_PER_HIT = 3
RERANK_WINDOW = 30  # the best documents whose provision headings are read to rank them again
HEADING_WEIGHT = 4.0  # a provision heading with the query's words (GDPR Article 22 for its own heading)
FACET_NAMES = {"jurisdiction": "jurisdiction", "subdivision": "state", "doc_type": "type", "stage": "stage",
               "language": "language", "year": "year"}  # fmt: skip
#: Friendly field names of the query syntax -> index fields.
ALIASES = {"doc_type": ["type"], "language": ["lang"], "jurisdiction": ["country", "juris"], "subdivision": ["state"]}
#: Raw query fields -> the kinds of language fields a word in them is searched in.
RAW_FIELDS = {"text": ("name", "title", "body"), "title": ("title", "name"), "body": ("body",), "name": ("name",)}
_FIELD_FN: dict[str, Callable[[str], str]] = {"name": name_field, "title": title_field, "body": body_field}
_ALIAS_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_SIMPLE_FIELDS = {"jurisdiction", "country", "juris", "subdivision", "state", "doc_type", "type", "stage", "language",
                  "lang", "year", "date", "ai_relevant"}  # fmt: skip
_ID_FIELDS = {"id", "ident", "celex"}
_KNOWN_FIELDS = _SIMPLE_FIELDS | _ID_FIELDS | set(RAW_FIELDS)


@dataclass(frozen=True)
class ProvisionHit:
    """A provision of a hit's current text that matched: its key in the text, how it is cited, whether that number
    is official, and highlights (escaped, matches in ``<mark>``). ``cited``: the query cited it."""

    key: str
    label: str
    official: bool
    highlights: list[str]
    version_id: int | None = None
    cited: bool = False


@dataclass(frozen=True)
class ConceptVia:
    """Why a hit matched through a concept: the query said ``query_label``, the document says ``matched_label``."""

    concept: str  # concept id
    query_label: str
    query_lang: str
    matched_label: str
    matched_lang: str
    close: bool = False  # the matched label names the nearest counterpart, not an exact equivalent

    def __str__(self) -> str:
        return f"{self.query_label} {'≈' if self.close else '↔'} {self.matched_label}"


@dataclass(frozen=True)
class Hit:
    """One matching document. ``highlights``: HTML-escaped fragments with matches in ``<mark>…</mark>``."""

    id: str
    title: str
    jurisdiction: str
    language: str | None
    type: str
    stage: str | None
    date: dt.date | None
    score: float
    url: str | None
    highlights: list[str]
    ai_relevant: bool
    subdivision: str | None = None  # a US state's ISO 3166-2 code ("US-CO")
    provisions: list[ProvisionHit] = field(default_factory=list)
    via: list[ConceptVia] = field(default_factory=list)  # empty when the words as typed matched
    missing: list[str] = field(default_factory=list)  # cited provisions its stored text does not have
    has_text: bool = True  # False: ailaw stores no text of this document (a PDF-only or linked publication)


@dataclass(frozen=True)
class SearchResult:
    """``total`` counts the matching documents shown; ``facets`` maps jurisdiction/type/stage/language/year to
    counts; ``hidden`` counts matching documents hidden by the filters (``filters``) and by the AI-only default
    (``not_ai``); ``relaxed``: no document had every word, the hits have some of them; ``dropped``: words ignored
    (stopwords, question words); ``concepts``: concept matches of the query; ``citations``: provisions cited."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float = 0.0
    hidden: dict[str, int] = field(default_factory=dict)
    relaxed: bool = False
    dropped: list[str] = field(default_factory=list)
    concepts: list[dict[str, Any]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    exact: bool = False
    uncited: list[str] = field(default_factory=list)  # cited provisions no stored text has (under that number)
    unidentified: str = ""  # a query of identifiers that no tracked document carries or relates to, as typed
    reversed_ranges: list[ReversedRange] = field(default_factory=list)  # ranges typed start after end: turned round


# --- query string checks and rewriting ---------------------------------------------------------------------------

_CYRILLIC = re.compile(r"[а-яё]", re.I)
_FIELD_RE = re.compile(r"(?<![\w:/])([A-Za-z_]\w*):(?!//)")


def _outside_quotes(qs: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) of the parts of ``qs`` outside double quotes."""
    offset = 0
    for i, chunk in enumerate(qs.split('"')):
        if i % 2 == 0:
            yield offset, chunk
        offset += len(chunk) + 1


def _check_syntax(qs: str) -> None:
    if qs.count('"') % 2:
        raise QueryError('The query has an unbalanced double quote ("); close the phrase or remove the quote.')
    unquoted = "".join(chunk for _, chunk in _outside_quotes(qs))
    for open_, close in ("()", "[]", "{}"):
        depth = 0
        for ch in unquoted:
            depth += (ch == open_) - (ch == close)
            if depth < 0:
                break
        if depth != 0:
            raise QueryError(f"The query has unbalanced brackets {open_}{close}; check that each {open_} is closed.")
    for m in _FIELD_RE.finditer(unquoted):
        name = m.group(1)
        if name.lower() not in _KNOWN_FIELDS:
            known = ", ".join(sorted(n + ":" for n in ("jurisdiction", "state", "type", "stage", "lang", "year", "date",
                                                       "title", "body", "name", "id")))  # fmt: skip
            raise QueryError(f"Unknown field {name}: in the query; use one of {known}.")
        field = _ALIAS_OF.get(name.lower(), name.lower())
        value = unquoted[m.end() : _value_end(unquoted, m.end())]
        if field in ("jurisdiction", "subdivision") and value and not re.search(r"[\s()\[\]{}*?]", value):
            _field_filter(wq.Term(field, value))  # refused now, as the search refuses it (a saved search's query)


def _value_end(qs: str, start: int) -> int:
    """End offset of a field value starting at ``start``: a quoted phrase, a bracketed group or a word."""
    if start >= len(qs):
        return start
    opener = qs[start]
    closer = {'"': '"', "(": ")", "[": "]", "{": "}"}.get(opener)
    if closer is None:
        m = re.compile(r"[^\s()]+").match(qs, start)
        return m.end() if m else start
    depth, i = 0, start
    while i < len(qs):
        ch = qs[i]
        if opener == '"':
            if ch == '"' and i > start:
                return i + 1
        elif ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(qs)


def _rewrite_ids(qs: str) -> str:
    """``id:x`` / ``ident:x`` / ``celex:x`` -> an OR of the identifier's keys in the ``ident`` field."""
    out, pos = [], 0
    for m in re.finditer(r"(?<![\w:/])(id|ident|celex):", qs, flags=re.I):
        if m.start() < pos or qs[: m.start()].count('"') % 2:
            continue
        end = _value_end(qs, m.end())
        raw = qs[m.end() : end].strip('"')
        if m.group(1).lower() == "celex":
            raw = f"CELEX:{raw}"
        keys = ident_keys(raw) or {key(raw)}
        out.append(qs[pos : m.start()])
        out.append("(" + " OR ".join(f"ident:'{k}'" for k in sorted(keys)) + ")")
        pos = end
    out.append(qs[pos:])
    return "".join(out)


# --- parsing: a tree of raw words -------------------------------------------------------------------------------

# Words as typed (lowercased, hyphens and inner dots kept): each field language analyses them later.
_RAW_WORD = r"\w+(?:[-'’.]\w+)*"


_PARSE_SCHEMAS: dict[tuple[str, ...], Schema] = {}


def _parse_schema(schema: Schema) -> Schema:
    """The index schema plus the raw fields the parser reads words into (one per set of index fields)."""
    names = tuple(schema.names())
    if names not in _PARSE_SCHEMAS:
        out = schema.copy()
        for name in RAW_FIELDS:
            if name in out:
                out.remove(name)  # a stored-only field of the index ("title"): the parser reads words into it
            out.add(name, TEXT(analyzer=RegexTokenizer(_RAW_WORD) | LowercaseFilter(), phrase=True))
        _PARSE_SCHEMAS[names] = out
    return _PARSE_SCHEMAS[names]


def _parse(qs: str, searcher: Searcher, reversed_ranges: list[ReversedRange] | None = None) -> wq.Query:
    """The parsed query; a reversed date or year range is searched the right way round and noted in
    ``reversed_ranges``."""
    parser = QueryParser("text", _parse_schema(searcher.schema), group=AndGroup)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    date_errors: list[str] = []
    dates = DatePlugin(callback=date_errors.append)
    parser.add_plugin(dates)
    try:
        q = parser.parse(_rewrite_ids(qs))
    except QueryError:
        raise
    except Exception as exc:  # the Whoosh parser raises assorted errors on odd input; say it in one sentence
        hint = " (dates: date:[2019 TO 2024] or date:20240712)" if "date:" in qs.lower() else ""
        raise QueryError(f"The query could not be read ({exc}); check its syntax{hint}.") from None
    if date_errors:
        raise QueryError(f"Could not read the date {date_errors[0]!r}; use e.g. date:[2019 TO 2024] or date:20240712.")
    errors = [str(sub.error) for sub in _walk(q) if getattr(sub, "error", None)]
    if errors:
        raise QueryError(f"The query could not be read: {errors[0]}.")
    q = q.accept(_field_filter)
    if reversed_ranges is not None:
        reversed_ranges.extend(dates.reversed)
        turn_reversed_years(q, reversed_ranges)
    return q


def _walk(q: wq.Query) -> Iterator[wq.Query]:
    yield q
    for child in q.children():
        yield from _walk(child)


def _is_raw_word(q: wq.Query) -> bool:
    return type(q) is wq.Term and q.fieldname == "text"


# --- expansion: raw words -> language fields, concepts -----------------------------------------------------------


@dataclass
class _Concept:
    match: ConceptMatch
    alternatives: list[tuple[Label, wq.Query]]


class _Builder:
    """Turns the raw tree into the index query: each word into the name/title/body fields of every language
    present (dropping the words an analyzer drops), concepts into their labels' phrases."""

    def __init__(self, indexed: set[str], *, exact: bool, keep_questions: bool, cache_dir: Path | None = None,
                 own_language: bool = False) -> None:  # fmt: skip
        self.indexed = indexed
        self.cache_dir = cache_dir
        self.langs = [lang for lang in FIELD_LANGUAGES if any(f(lang) in indexed for f in _FIELD_FN.values())]
        self.exact = exact
        self.own_language = own_language  # concepts only under their labels in the language they were typed in
        self.keep_questions = keep_questions
        self.dropped: list[str] = []
        self.concepts: list[_Concept] = []
        self.terms: list[tuple[str, ...]] = []  # the analysed words of the query, for the name phrase
        self.proximity: list[wq.Query] = []
        self.types: set[str] = set()  # the kinds of act the query's words name
        self.run_words: list[str] | None = None  # the words of the query when it is one run of plain words
        self.stop_langs: set[str] | None = None  # the languages whose stopwords are dropped (None: every language)

    def stopword(self, word: str) -> bool:
        """``word`` is a stopword of the query's language: dropped from the whole query."""
        langs = dropped_by(word, self.langs)
        return bool(langs) and (self.stop_langs is None or any(lang in self.stop_langs for lang in langs))

    def _fields(self, lang: str, groups: Iterable[str]) -> Iterator[tuple[str, str]]:
        for g in groups:
            name = _FIELD_FN[g](lang)
            if name in self.indexed:
                yield g, name

    @staticmethod
    def _leaf(fieldname: str, terms: tuple[str, ...], boost: float, slop: int = 1) -> wq.Query:
        if len(terms) == 1:
            return wq.Term(fieldname, terms[0], boost=boost)
        return Phrase(fieldname, list(terms), slop=slop, boost=boost)

    def word(self, text: str, groups: tuple[str, ...], boost: float = 1.0) -> wq.Query | None:
        if (not self.keep_questions and is_question_word(text)) or self.stopword(text):
            self.dropped.append(text)
            return None
        parts = []
        first: tuple[str, ...] = ()
        for lang in self.langs:
            terms = query_terms(text, lang)
            if not terms:  # a stopword in this language only ("ai" in French): its fields cannot have it
                continue
            first = first or terms
            for g, name in self._fields(lang, groups):
                parts.append(self._leaf(name, terms, BOOSTS[g] * boost))
        self.terms.append(first)
        return wq.Or(parts) if parts else wq.NullQuery

    def phrase(self, words: list[str], groups: tuple[str, ...], slop: int, boost: float = 1.0) -> wq.Query:
        parts = []
        for lang in self.langs:
            terms = tuple(t for w in words for t in query_terms(w, lang))
            if not terms:
                continue
            for g, name in self._fields(lang, groups):
                parts.append(self._leaf(name, terms, BOOSTS[g] * boost, slop))
        return wq.Or(parts) if parts else wq.NullQuery  # a phrase of stopwords only matches nothing

    def label(self, label: Label, boost: float, groups: tuple[str, ...] = ("name", "title", "body")) -> wq.Query | None:
        flang = field_language(label.lang)
        parts = [self._leaf(name, label.terms, BOOSTS[g] * boost, slop=2)
                 for g, name in self._fields(flang, groups)]  # fmt: skip
        return wq.Or(parts) if parts else None

    def expand(self, q: wq.Query) -> wq.Query | None:
        """The index query of a raw subtree; None when everything in it was dropped."""
        if type(q) is wq.Term and q.fieldname in RAW_FIELDS:
            return self.word(str(q.text), RAW_FIELDS[q.fieldname], q.boost)
        if isinstance(q, wq.Phrase) and q.fieldname in RAW_FIELDS:
            return self.phrase([str(w) for w in q.words], RAW_FIELDS[q.fieldname], q.slop, q.boost)
        if isinstance(q, wq.Every) and q.fieldname in RAW_FIELDS:  # "*" alone: every document, as an empty query
            return wq.Every()
        if isinstance(q, wq.TermRange) and q.fieldname in RAW_FIELDS:
            raise QueryError("A range [… TO …] works on dates only; write date:[2019 TO 2024] or year:[2019 TO 2024].")
        if isinstance(q, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and q.fieldname in RAW_FIELDS:
            text = str(q.text).lower()
            parts = [type(q)(name, text) for lang in self.langs
                     for _, name in self._fields(lang, RAW_FIELDS[q.fieldname])]  # fmt: skip
            return wq.Or(parts) if parts else wq.NullQuery
        if isinstance(q, (wq.And, wq.Or)):
            kids = [k for k in (self.expand(c) for c in q.subqueries) if k is not None]
            if not kids:
                return None
            return kids[0] if len(kids) == 1 else type(q)(kids, boost=q.boost)
        if isinstance(q, wq.Not):
            inner = self.expand(q.query)
            return wq.Not(inner) if inner is not None else None
        if isinstance(q, (wq.AndNot, wq.AndMaybe)):
            a, b = self.expand(q.a), self.expand(q.b)
            if a is None:
                return None
            return a if b is None else type(q)(a, b)
        return q

    def top(self, parsed: wq.Query) -> tuple[list[wq.Query], list[wq.Query]]:
        """The top-level requirements as (text parts, other parts): concepts of runs of plain words become
        alternatives; text parts are what the OR fallback relaxes."""
        children = list(parsed.subqueries) if type(parsed) is wq.And else [parsed]
        text_parts: list[wq.Query] = []
        other: list[wq.Query] = []
        i = 0
        while i < len(children):
            if not _is_raw_word(children[i]):
                expanded = self.expand(children[i])
                if expanded is not None:
                    is_text = any(getattr(s, "fieldname", None) in RAW_FIELDS for s in _walk(children[i]))
                    (text_parts if is_text else other).append(expanded)
                i += 1
                continue
            j = i
            while j < len(children) and _is_raw_word(children[j]):
                j += 1
            run = children[i:j]
            words = [str(getattr(c, "text", "")) for c in run]
            self.run_words = words if i == 0 and j == len(children) else None  # the query is this one run
            self._proximity(words)
            typed = self._type_words(words)
            matches = [] if self.exact else concept_index(self.cache_dir).find(words)
            k = 0
            for m in matches:
                for n in range(k, m.start):
                    if (e := self._word(run[n], typed.get(n))) is not None:
                        text_parts.append(e)
                literal = [e for e in (self.expand(c) for c in run[m.start : m.end]) if e is not None]
                # an abbreviation naming a kind of act («ФЗ») is met by a document of that type
                kinds = typed.get(m.start) if m.label.kind == "abbr" and m.end - m.start == 1 else None
                text_parts.append(self._concept(m, literal, kinds))
                k = m.end
            for n in range(k, len(run)):
                if (e := self._word(run[n], typed.get(n))) is not None:
                    text_parts.append(e)
            i = j
        return text_parts, other

    def whole_query(self, match: ConceptMatch) -> bool:
        """Whether a concept match covers every word of the query that was not dropped."""
        return self.run_words is not None and all(
            match.start <= n < match.end for n, w in enumerate(self.run_words) if w not in self.dropped
        )

    def _word(self, raw: wq.Query, types: tuple[str, ...] | None) -> wq.Query | None:
        """A plain word; a word naming a kind of act («закон», "regulation") is also met by a document of that type,
        which ranks higher (``TYPE_BOOST``)."""
        expanded = self.expand(raw)
        if expanded is None or not types:
            return expanded
        self.types.update(types)
        return wq.Or([expanded, *(wq.Term("doc_type", t, boost=TYPE_BOOST) for t in types)])

    def _type_words(self, words: list[str]) -> dict[int, tuple[str, ...]]:
        """Positions of the words that name a kind of act, when the run has other words (what the act is about)."""
        found: dict[int, tuple[str, ...]] = {}
        for n, word in enumerate(words):
            for lang in ("en", "ru"):
                if lang == "ru" and not _CYRILLIC.search(word):
                    continue  # no Russian type word is written without Cyrillic
                types = _type_words_table(lang).get(query_terms(word, lang))
                if types:
                    found[n] = types
                    break
        content = [w for n, w in enumerate(words) if n not in found and not is_question_word(w)
                   and not self.stopword(w)]  # fmt: skip
        return found if content else {}

    def _proximity(self, words: list[str]) -> None:
        """The words of a run near each other (a phrase with some slop) score extra: "obligations of online
        platforms" ranks the text that says it above one with the words scattered."""
        kept = [w for w in words if (self.keep_questions or not is_question_word(w)) and not self.stopword(w)]
        if len(kept) < 2:
            return
        for lang in self.langs:
            terms = tuple(t for w in kept for t in query_terms(w, lang))
            if len(terms) < 2:
                continue
            for g, name in self._fields(lang, ("title", "body")):
                self.proximity.append(Phrase(name, list(terms), slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST[g]))

    def _concept(self, m: ConceptMatch, literal: list[wq.Query], types: tuple[str, ...] | None = None) -> wq.Query:
        """A concept: the words as typed or any of its labels. ``types``: the abbreviation typed names a kind of act
        («ФЗ», a Russian federal law), so a document of that type meets it too and ranks higher (like ``_word``): «ФЗ
        об искусственном интеллекте» finds the Russian draft law on AI, and ranks the Russian acts above the US bills
        that say "federal law" (the concept's English label)."""
        alternatives: list[tuple[Label, wq.Query]] = []
        for label in concept_index(self.cache_dir).labels_of(m.concept):
            if label.lang == m.lang and label.terms == m.label.terms:
                continue  # the words as typed
            if self.own_language and label.lang != m.lang:
                continue
            boost = CONCEPT_BOOST["same" if label.lang == m.lang else "other"]
            if label.lang != m.lang and (label.close or m.label.close):
                boost *= CLOSE_FACTOR
            q = self.label(label, boost)
            if q is not None:
                alternatives.append((label, q))
        self.concepts.append(_Concept(m, alternatives))
        words = literal[0] if len(literal) == 1 else wq.And(literal) if literal else wq.NullQuery
        kinds = [wq.Term("doc_type", t, boost=TYPE_BOOST) for t in types or ()]
        self.types.update(types or ())
        if not alternatives:
            return wq.Or([words, *kinds]) if kinds else words
        # The best alternative counts, not their sum: a concept with many labels must not outweigh the words.
        return wq.Or([words, BestOf([q for _, q in alternatives]), *kinds])

    def _unit_concepts(self) -> list[_Concept]:
        """The concepts of several words that make up the whole query."""
        return [c for c in self.concepts if len(c.match.label.terms) > 1 and self.whole_query(c.match)]

    def typed_units(self, groups: tuple[str, ...] = ("name", "title", "body")) -> wq.Query | None:
        """The words of a concept that makes up the whole query (of several words) as a unit, as typed: a document
        with them scattered ("basic matters" … "this Act" … "AI") has not said "AI basic act". None when the query is
        not such a concept."""
        words = self.run_words or []
        parts = [self.phrase(words[c.match.start : c.match.end], groups, slop=2) for c in self._unit_concepts()]
        found = [q for q in parts if q is not wq.NullQuery]
        return wq.Or(found) if found else None

    def concept_units(self, *, own_language: bool = False, titles: bool = False) -> wq.Query | None:
        """The concepts that make up the whole query (of several words), each as a unit: its label as typed or any
        other label (``own_language``: in the language it was typed in), as a phrase; ``titles``: in a name or a
        title only. None when the query is not such a concept."""
        groups = ("name", "title") if titles else ("name", "title", "body")
        typed = self.typed_units(groups)
        parts: list[wq.Query | None] = [typed]
        parts += [self.label(label, 1.0, groups) if titles else q for c in self._unit_concepts()
                  for label, q in c.alternatives if not own_language or label.lang == c.match.lang]  # fmt: skip
        found = [q for q in parts if q is not None and q is not wq.NullQuery]
        return wq.Or(found) if found else None

    def heading_units(self) -> wq.Query | None:
        """For the passages index: a provision heading with every word of the concept that makes up the whole query,
        as typed or under any of its labels but those naming only the nearest counterpart in another law (thesaurus
        ``close``: a heading on the Korean act's «고영향 인공지능» is not one on high-risk AI systems). Passage fields
        have no positions; a heading is short. None when the query is not such a concept."""
        words = self.run_words or []
        parts: list[wq.Query] = []
        for c in self._unit_concepts():
            typed = words[c.match.start : c.match.end]
            forms = [(lang, tuple(t for w in typed for t in query_terms(w, lang))) for lang in self.langs]
            forms += [(field_language(label.lang), label.terms) for label, _ in c.alternatives
                      if label.lang == c.match.lang or not (label.close or c.match.label.close)]  # fmt: skip
            parts += [wq.And([wq.Term(title_field(lang), t) for t in terms]) for lang, terms in forms if terms]
        return wq.Or(parts) if parts else None

    def bonus(self) -> wq.Query | None:
        """What ranks a match higher without being required: the whole query as a phrase in a name (a document
        named by the query comes first), and the words of each run near each other."""
        terms = [t for word in self.terms for t in word]
        parts = list(self.proximity)
        if terms:
            parts += [self._leaf(name, tuple(terms), NAME_PHRASE_BOOST) for lang in self.langs
                      for _, name in self._fields(lang, ("name",))]  # fmt: skip
        return wq.Or(parts) if parts else None


def _variant(parsed: wq.Query, indexed: set[str], builder: _Builder, relaxed: bool, *, exact: bool = False,
             own_language: bool = False) -> wq.Query:  # fmt: skip
    """The query built again from the raw tree: without concepts (``exact``), or with their labels in the query's
    language only (``own_language``); as the search ran it (``relaxed``: any of the words)."""
    b = _Builder(indexed, exact=exact, keep_questions=builder.keep_questions, cache_dir=builder.cache_dir,
                 own_language=own_language)  # fmt: skip
    b.stop_langs = builder.stop_langs
    parts, other = b.top(parsed)
    if relaxed and (any_q := _relaxed(parts, other)) is not None:
        return any_q
    return _and(parts + other)


def _and(parts: list[wq.Query]) -> wq.Query:
    if not parts:
        return wq.NullQuery
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _relaxed(text_parts: list[wq.Query], other: list[wq.Query]) -> wq.Query | None:
    """The fallback when no document has every word: documents with any of them — still without the words the query
    excludes (a ``NOT`` among the alternatives would let in every document lacking its word: all of the index).
    None when fewer than two words are left to choose from."""
    words = [p for p in text_parts if not isinstance(p, wq.Not)]
    if len(words) < 2:
        return None
    return _and([*other, wq.Or(words), *(p for p in text_parts if isinstance(p, wq.Not))])


# --- filters -----------------------------------------------------------------------------------------------------


def _one_of(fieldname: str, values: str | Iterable[str] | None) -> wq.Query | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    terms = [wq.Term(fieldname, v.strip().lower()) for v in items if v and v.strip()]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def _given(values: str | Iterable[str] | None) -> list[str]:
    items = [] if values is None else [values] if isinstance(values, str) else list(values)
    return [v.strip() for v in items if v and v.strip()]


_STATE_FORM = "write a US state as US and its two-letter code, e.g. US-CA"
_PLACE_RE = re.compile(r"([A-Za-z]+)\s*-\s*(.+)")


def place(raw: str) -> tuple[str, str | None]:
    """A jurisdiction filter as typed -> (jurisdiction, US state) as the store writes them; a US state written as
    ailaw's output writes a state's law (``US-CA``, in any case) means the jurisdiction US and that state. Every
    entry point reads a jurisdiction through it: :func:`search`'s filters, the query syntax (``jurisdiction:US-CA``),
    alert subscriptions. QueryError (one sentence) for a jurisdiction ailaw does not track, a state that is no US
    state and a state under another jurisdiction.

    >>> place("eu"), place("US-CA"), place("us-co"), place("US-New York")
    (('EU', None), ('US', 'US-CA'), ('US', 'US-CO'), ('US', 'US-NY'))
    """
    v = raw.strip()
    if v.upper() in {j.value for j in Jurisdiction}:
        return v.upper(), None
    m = _PLACE_RE.fullmatch(v)
    if m and m.group(1).upper() == Jurisdiction.US:
        code = us_state_code(m.group(2))
        if code is None:
            raise QueryError(f"{v!r} is no US state; {_STATE_FORM}.")
        return Jurisdiction.US.value, us_subdivision(code)
    if m and m.group(1).upper() in {j.value for j in Jurisdiction}:
        raise QueryError(f"ailaw tracks states of the US only, not of {m.group(1).upper()} ({v!r}); {_STATE_FORM}.")
    known = ", ".join(j.value for j in Jurisdiction)
    raise QueryError(f"ailaw tracks no jurisdiction {v!r}; use one of {known}, or a US state as US-CA.")


def _state(raw: str) -> str:
    """A state filter as typed ('CO', 'Colorado', 'US-CO') -> its code as the store writes it ('US-CO')."""
    code = us_state_code(raw)
    if code is None:
        raise QueryError(f"{raw.strip()!r} is not a US state; give its code (CO), its name (Colorado) or US-CO.")
    return us_subdivision(code)


def places(jurisdiction: Any, subdivision: Any) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The jurisdiction and state filters as typed -> (jurisdictions as :func:`place` reads them, states as the store
    writes them); QueryError when the two contradict each other: a state other than the one the jurisdiction names
    (``--jurisdiction US-CA --state US-CO``) or a state with a jurisdiction other than the US (``--jurisdiction EU
    --state CO``), which would hide every document."""
    wheres = [place(v) for v in _given(jurisdiction)]
    states = [_state(v) for v in _given(subdivision)]
    if wheres and states:
        allowed = {s for _, s in wheres}
        if Jurisdiction.US.value not in {j for j, s in wheres if s is None} and not allowed & set(states):
            named = ", ".join(s or j for j, s in wheres)
            raise QueryError(
                f"The state {', '.join(states)} contradicts the jurisdiction {named}; give only one of them."
            )
    return wheres, states


def written_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters kept to run later (an alert subscription's) with the jurisdiction and the state as the output writes
    them: ``{"jurisdiction": "us-ca", "subdivision": "California"}`` -> ``{"jurisdiction": "US-CA", "subdivision":
    "US-CA"}``; the search reads them as it reads them typed. QueryError as :func:`places`."""
    wheres, states = places(filters.get("jurisdiction"), filters.get("subdivision"))
    out = dict(filters)
    for name, values in (("jurisdiction", [s or j for j, s in wheres]), ("subdivision", states)):
        if values:
            out[name] = values if isinstance(filters[name], list | tuple) else values[0]
    return out


def _check_filters(stage: Any, subdivision: Any, doc_type: Any = None, jurisdiction: Any = None) -> None:
    """A stage, document type or jurisdiction outside the vocabulary, or a state that is no US state, would
    silently hide every document."""
    for v in _given(stage):
        if v.lower() not in {s.value for s in Stage}:
            raise QueryError(f"There is no stage {v!r}; use one of {', '.join(s.value for s in Stage)}.")
    for v in _given(doc_type):
        if v.lower() not in {t.value for t in DocType}:
            raise QueryError(f"There is no document type {v!r}; use one of {', '.join(t.value for t in DocType)}.")
    places(jurisdiction, subdivision)


def check(query: str | None, *, stage: Any = None, subdivision: Any = None, doc_type: Any = None,
          jurisdiction: Any = None) -> None:  # fmt: skip
    """What :func:`search` refuses before it reads the index (QueryError, one sentence): for a search kept to run
    later, such as an alert subscription's."""
    qs = (query or "").strip()
    if len(qs) > 2000:
        raise QueryError("The query is too long; use at most 2,000 characters.")
    _check_syntax(qs)
    _check_filters(stage, subdivision, doc_type, jurisdiction)


def _filters(jurisdiction: Any, doc_type: Any, stage: Any, language: Any, since: dt.date | None,
             until: dt.date | None, subdivision: Any = None) -> wq.Query | None:  # fmt: skip
    _check_filters(stage, None, doc_type)
    wheres, states = places(jurisdiction, subdivision)
    parts = [q for q in (_any_of([_place_term(j, s) for j, s in wheres]), _one_of("subdivision", states),
                         _one_of("doc_type", doc_type), _one_of("stage", stage), _one_of("language", language))
             if q is not None]  # fmt: skip
    if since or until:
        if since and until and since > until:
            raise QueryError(f"The date range is empty: {since.isoformat()} is after {until.isoformat()}.")
        start = dt.datetime.combine(since, dt.time.min) if since else None
        end = dt.datetime.combine(until, dt.time.max) if until else None
        parts.append(wq.DateRange("date", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _place_term(jurisdiction: str, state: str | None) -> wq.Term:
    """The index term of a place: a state's (its documents are all of the US) or a jurisdiction's, lower-case as
    indexed."""
    return wq.Term("subdivision", state.lower()) if state else wq.Term("jurisdiction", jurisdiction.lower())


def _any_of(terms: list[wq.Term]) -> wq.Query | None:
    return None if not terms else terms[0] if len(terms) == 1 else wq.Or(terms)


def _field_filter(q: wq.Query) -> wq.Query:
    """A jurisdiction or state of the query syntax read as the filters read it: ``jurisdiction:US-CA`` is the state
    US-CA, ``state:Colorado`` the state US-CO; one that names nothing ailaw tracks is refused (QueryError)."""
    if type(q) is not wq.Term or q.fieldname not in ("jurisdiction", "subdivision"):
        return q
    term = _place_term(*place(str(q.text))) if q.fieldname == "jurisdiction" else _place_term("US", _state(str(q.text)))
    term.boost = q.boost
    return term


# --- columns, grouping -------------------------------------------------------------------------------------------


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


# A lawyer looks for the law that applies first: the same relevance ranks an act in force above the proposal
# or draft it came from, and those above what was withdrawn, rejected or repealed.
STAGE_WEIGHTS = {
    "in-force": 1.2, "published": 1.15, "signed": 1.15, "adopted": 1.15, "amended": 1.2,
    "agreed": 1.1, "passed-upper": 1.1, "third-reading": 1.08, "second-reading": 1.06, "passed-lower": 1.06,
    "first-reading": 1.03, "committee": 1.0, "introduced": 1.0, "proposed": 1.0, "draft": 1.0,
    "withdrawn": 0.8, "rejected": 0.8, "repealed": 0.8, "expired": 0.8,
}  # fmt: skip


def stage_weight(stage: Any) -> float:
    """
    >>> stage_weight(b"in-force") > stage_weight("proposed") > stage_weight("withdrawn")
    True
    >>> stage_weight(None)
    1.0
    """
    if isinstance(stage, bytes):
        stage = stage.decode("utf-8")
    return STAGE_WEIGHTS.get(str(stage or ""), 1.0)


@dataclass(frozen=True)
class _PerDoc:
    """What grouping, ranking and facets read of every match, per index document (docnum), worked out once per index
    state (search.readers) instead of once per match and search: its document (and, as an array, a number per
    document; each number's place in the documents' id order, the ranking's last key), whether it is a version, its
    stage weight, its date and the date's ordinal, its type (numbered) and its facet values (numbered, for counting
    on arrays)."""

    doc_id: list[str]
    doc_number: np.ndarray
    number_of: dict[str, int]  # doc_id -> its number
    id_order: np.ndarray  # per number: its doc_id's place among all doc_ids, sorted
    is_version: np.ndarray
    weight: np.ndarray
    date: list[dt.date | None]
    day: np.ndarray
    doc_type: tuple[np.ndarray, list[Any]]  # the stored type as a number per docnum, and the value of each number
    facets: dict[str, tuple[np.ndarray, list[str | None]]]  # per facet: a number per docnum (0: none), their labels


def _facet_label(name: str, value: Any) -> str | None:
    if value in ("", None, 0, b""):
        return None
    label = value.decode("utf-8") if isinstance(value, bytes) else str(value)
    # indexed lower-case for matching; shown as the store's codes (EU, RU, US-CO)
    return label.upper() if name in ("jurisdiction", "subdivision") else label


def _numbered(labels: list[Any]) -> tuple[np.ndarray, list[Any]]:
    """Each docnum's label as a number (0: none) and the label of each number."""
    numbers: dict[Any, int] = {None: 0}
    codes = np.array([numbers.setdefault(label, len(numbers)) for label in labels], dtype=np.int64)
    return codes, list(numbers)


def _per_doc(kept: Readers) -> _PerDoc:
    if "per_doc" not in kept.memo:
        dates = [_as_date(v) for v in kept.column("date")]
        doc_ids = kept.column("doc_id")
        numbers: dict[str, int] = {}
        doc_number = np.array([numbers.setdefault(d, len(numbers)) for d in doc_ids], dtype=np.int64)
        id_order = np.empty(len(numbers), dtype=np.int64)
        id_order[[numbers[d] for d in sorted(numbers)]] = np.arange(len(numbers), dtype=np.int64)
        kept.memo["per_doc"] = _PerDoc(
            doc_id=doc_ids,
            doc_number=doc_number,
            number_of=numbers,
            id_order=id_order,
            is_version=np.array([k == KIND_VERSION for k in kept.column("kind")], dtype=bool),
            weight=np.array([stage_weight(v) for v in kept.column("stage")], dtype=np.float64),
            date=dates,
            day=np.array([d.toordinal() if d else 0 for d in dates], dtype=np.int64),
            doc_type=_numbered(list(kept.column("doc_type"))),
            facets={name: _numbered([_facet_label(name, v) for v in kept.column(name)]) for name in FACET_FIELDS},
        )
    per_doc: _PerDoc = kept.memo["per_doc"]
    return per_doc


class _Doc:
    """One found document, as the ranking steps and the shown hits read it: a view of its row in :class:`_Docs`
    (what it changes, its score, tier and place of its concept, is changed there)."""

    __slots__ = ("_docs", "_row")

    def __init__(self, docs: _Docs, row: int) -> None:
        self._docs, self._row = docs, row

    @property
    def doc_id(self) -> str:
        return self._docs.per.doc_id[self.docnum]

    @property
    def docnum(self) -> int:  # its best index document
        return int(self._docs.docnum[self._row])

    @property
    def date(self) -> dt.date | None:
        return self._docs.per.date[self.docnum]

    @property
    def version_docnum(self) -> int | None:  # its best matching version (highlights)
        n = int(self._docs.version[self._row])
        return None if n < 0 else n

    @property
    def day(self) -> int:  # the date's ordinal (0: none), the last key of the ranking
        return int(self._docs.day[self._row])

    @property
    def score(self) -> float:
        return float(self._docs.score[self._row])

    @score.setter
    def score(self, value: float) -> None:
        self._docs.score[self._row] = value

    @property
    def tier(self) -> int:  # ranks above any score of a lower tier (TIER_*)
        return int(self._docs.tier[self._row])

    @tier.setter
    def tier(self, value: int) -> None:
        self._docs.tier[self._row] = value

    @property
    def unit_in(self) -> int:  # where it has the concept the query is (UNIT_IN_*): ranks it within its tier
        return int(self._docs.unit_in[self._row])

    @unit_in.setter
    def unit_in(self, value: int) -> None:
        self._docs.unit_in[self._row] = value


class _Docs:
    """The documents a search found, one row per document in the order of their best hits (best first), as arrays:
    its number (``_PerDoc.doc_number``), best index document, score, best version (-1: none), tier, place of the
    concept, date's ordinal. Ranking, facets and counts read the arrays; a :class:`_Doc` is made only for the
    documents a step looks at one by one (the shown ones, the re-ranked windows)."""

    def __init__(self, per: _PerDoc, number: np.ndarray, docnum: np.ndarray, score: np.ndarray,
                 version: np.ndarray) -> None:  # fmt: skip
        self.per, self.number, self.docnum, self.score, self.version = per, number, docnum, score, version
        n = len(number)
        self.tier = np.zeros(n, dtype=np.int64)
        self.unit_in = np.zeros(n, dtype=np.int64)
        self.day = per.day[docnum]
        self._views: dict[int, _Doc] = {}
        self._row_of: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.number)

    def row(self, doc_id: str) -> int | None:
        number = self.per.number_of.get(doc_id)
        if number is None:
            return None
        if self._row_of is None:
            self._row_of = dict(zip(self.number.tolist(), range(len(self.number)), strict=True))
        return self._row_of.get(number)

    def __contains__(self, doc_id: str) -> bool:
        return self.row(doc_id) is not None

    def __getitem__(self, doc_id: str) -> _Doc:
        row = self.row(doc_id)
        if row is None:
            raise KeyError(doc_id)
        return self.view(row)

    def view(self, row: int) -> _Doc:
        found = self._views.get(row)
        if found is None:
            found = self._views[row] = _Doc(self, row)
        return found

    def ids(self) -> list[str]:
        doc_id = self.per.doc_id
        return [doc_id[n] for n in self.docnum.tolist()]

    def ranked(self, first: int | None = None) -> list[_Doc]:
        """By tier, where the query's concept is in it, score, the more recent first, then by id (``_rank_key``);
        only the ``first`` best when given. Of many documents, only those that can be among the ``first`` are
        sorted: every one with a tier or a concept's place, and of the others those scoring at least the
        ``first``-th best score among them."""
        rows = np.arange(len(self.number))
        if first is not None and len(rows) > 2 * first + 100:
            special = (self.tier != 0) | (self.unit_in != 0)
            plain = np.flatnonzero(~special)
            if first <= 0:
                rows = rows[:0]
            elif len(plain) > first:
                cut = -np.partition(-self.score[plain], first - 1)[first - 1]
                rows = np.flatnonzero(special | (self.score >= cut))
        order = rows[np.lexsort((self.per.id_order[self.number[rows]], -self.day[rows], -self.score[rows],
                                 -self.unit_in[rows], -self.tier[rows]))]  # fmt: skip
        if first is not None:
            order = order[: max(0, first)]
        return [self.view(r) for r in order.tolist()]


def _group(scores: np.ndarray, docnums: np.ndarray, per: _PerDoc, allowed: np.ndarray | None = None,
           ai: np.ndarray | None = None, named: Iterable[str] = ()) -> tuple[_Docs, dict[str, int]]:  # fmt: skip
    """Index-document hits (best first) -> documents (their best hit's score, times its stage weight; the first
    version hit for highlights), and how many were hidden why: a document whose best hit is not ``allowed`` (by the
    user's filters) is hidden for "filters"; one not ``ai`` (AI-relevant) and not ``named`` by the query for
    "not_ai". Worked out on arrays: a document's first hit and first version hit, no object per document."""
    numbers = per.doc_number[docnums]
    _, first = np.unique(numbers, return_index=True)  # each document's first (best) hit
    first.sort()
    versions = np.flatnonzero(per.is_version[docnums])
    _, first_version = np.unique(numbers[versions], return_index=True)
    at = versions[first_version]
    best, number = docnums[first], numbers[first]
    why = np.zeros(len(first), dtype=np.int8)  # 0: shown, 1: filters, 2: not_ai
    if allowed is not None:
        why[~allowed[best]] = 1
    if ai is not None:
        named_numbers = [n for n in (per.number_of.get(d) for d in named) if n is not None]
        why[(why == 0) & ~ai[best] & ~np.isin(number, named_numbers)] = 2
    hidden: dict[str, int] = {}
    if why.any():
        for code in sorted({1, 2}, key=lambda c: int(np.argmax(why == c)) if (why == c).any() else len(why)):
            count = int(np.count_nonzero(why == code))
            if count:
                hidden["filters" if code == 1 else "not_ai"] = count
    shown = why == 0
    version_of = np.full(len(per.number_of), -1, dtype=np.int64)
    version_of[numbers[at]] = docnums[at]
    best, number = best[shown], number[shown]
    score = scores[first][shown] * per.weight[best]
    return _Docs(per, number, best, score, version_of[number]), hidden


def _in_own_language(q: wq.Query, searcher: Searcher, cols: dict[str, list[Any]], docs: list[_Doc],
                     checked: _Checked | None = None) -> set[str]:  # fmt: skip
    """Those of ``docs`` that match ``q`` (a union of terms and phrases) in the fields of the language they are
    written in, not only in a translation or in metadata in another language (the Korean act's English
    translation). A document without a language keeps its match."""
    by_lang: dict[str, dict[str, list[int]]] = {}
    out: set[str] = set()
    for doc in docs:
        n = searcher.document_number(key=f"d:{doc.doc_id}")
        lang = cols["language"][n] if n is not None else None
        if not lang:
            out.add(doc.doc_id)
            continue
        flang = field_language(lang.decode("utf-8") if isinstance(lang, bytes) else str(lang))
        by_lang.setdefault(flang, {})[doc.doc_id] = list(searcher.document_numbers(doc_id=doc.doc_id))
    leaves = [leaf for leaf in _walk(q) if isinstance(leaf, (wq.Term, wq.Phrase))]
    for flang, members in by_lang.items():
        own = [leaf for leaf in leaves if leaf.fieldname.endswith("_" + flang)]
        if own:
            has = _matching(wq.Or(own), searcher, [n for nums in members.values() for n in nums], checked)
            out |= {doc_id for doc_id, nums in members.items() if has.intersection(nums)}
    return out


def _rank_key(d: _Doc) -> tuple[int, int, float, int, str]:
    return (-d.tier, -d.unit_in, -d.score, -d.day, d.doc_id)


def _rank(docs: _Docs | list[_Doc], first: int | None = None) -> list[_Doc]:
    """By tier, where the query's concept is in it, score, then the more recent first; only the ``first`` best
    when given (the same as the whole ranking cut there)."""
    if isinstance(docs, _Docs):
        return docs.ranked(first)
    return sorted(docs, key=_rank_key) if first is None else nsmallest(first, docs, key=_rank_key)


EARLIER_FORMS = frozenset({"proposal", "bill"})
SAME_ACT_WINDOW = 50  # how many of the best documents are checked for an act and its own proposal or bill


def _acts_before_their_drafts(searcher: Searcher, ranked: list[_Doc], cols: dict[str, list[Any]],
                              identified: set[str]) -> list[_Doc]:  # fmt: skip
    """An act ranks above the proposal or bill it came from (the same act in an earlier form, named by either
    one's ``same_ident``): a lawyer wants the law that applies; the draft stays, right below it. Unless the query
    names the draft by its identifier (``identified``)."""
    head = ranked[:SAME_ACT_WINDOW]
    if not any(cols["doc_type"][d.docnum] in EARLIER_FORMS for d in head):
        return ranked
    same: dict[str, set[str]] = {}
    for d in head:
        stored = searcher.document(key=f"d:{d.doc_id}") or {}
        same[d.doc_id] = set(filter(None, (stored.get("same_ident") or "").split(",")))
    changed = False
    for act in head:
        if cols["doc_type"][act.docnum] in EARLIER_FORMS:
            continue
        for draft in head:
            if draft is act or draft.doc_id in identified or cols["doc_type"][draft.docnum] not in EARLIER_FORMS:
                continue
            linked = key(draft.doc_id) in same[act.doc_id] or key(act.doc_id) in same[draft.doc_id]
            if linked and draft.score >= act.score:
                draft.score = act.score * 0.999
                changed = True
    return _rank(ranked) if changed else ranked


def _facets(docs: _Docs, per: _PerDoc) -> dict[str, dict[str, int]]:
    """How many of ``docs`` have each facet value (counted on arrays of the values' numbers), the most first."""
    nums = docs.docnum
    facets: dict[str, dict[str, int]] = {}
    for name in FACET_FIELDS:
        codes, labels = per.facets[name]
        counts = np.bincount(codes[nums], minlength=len(labels)).tolist()
        found = [(label, n) for label, n in zip(labels, counts, strict=True) if n and label is not None]
        facets[FACET_NAMES[name]] = dict(sorted(found, key=lambda kv: (-kv[1], kv[0])))
    return facets


# --- highlights, provisions, explanations ------------------------------------------------------------------------


def _terms_by_field(q: wq.Query, searcher: Searcher) -> dict[str, set[str]]:
    """Query terms per field: plain terms as parsed, plus the index terms that prefixes/wildcards expand to."""
    out: dict[str, set[str]] = {}
    pairs: list[tuple[str, Any]] = list(q.iter_all_terms(phrases=True))
    try:
        pairs += list(q.existing_terms(searcher.reader(), phrases=True, expand=True))
    except Exception:  # a highlight must never break a search
        logger.debug("could not expand the terms of %r", q, exc_info=True)
    for fieldname, text in pairs:
        if not fieldname.startswith(("title_", "body_", "name_")):
            continue
        value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        out.setdefault(fieldname, set()).add(value)
    return out


def _has_term(searcher: Searcher, docnum: int, fieldname: str, terms: Iterable[str]) -> bool:
    """The index document ``docnum`` has one of ``terms`` in ``fieldname`` (its postings, skipped to it)."""
    for term in terms:
        if not searcher.reader().doc_frequency(fieldname, term):
            continue
        m = searcher.postings(fieldname, term)
        if m.is_active() and m.id() < docnum:
            m.skip_to(docnum)
        if m.is_active() and m.id() == docnum:
            return True
    return False


def _highlights(stored: dict[str, Any], meta: dict[str, Any], terms: dict[str, set[str]],
                searcher: Searcher | None = None, docnum: int | None = None) -> list[str]:  # fmt: skip
    if stored.get("kind") == KIND_VERSION and stored.get("text_z"):
        text = zlib.decompress(stored["text_z"]).decode("utf-8")
        lang = field_language(stored.get("language") or guess_language(text))
        wanted = terms.get(body_field(lang), set())
        # A Chinese, Japanese or Korean text is highlighted with its index analyzer (a morphological engine, seconds
        # over a long act, and a model to load): when the index says the text has none of the words, it is not read.
        skip = lang in CJK and searcher is not None and docnum is not None
        if skip and not _has_term(searcher, docnum, body_field(lang), wanted):  # type: ignore[arg-type]
            wanted = set()
        found = fragments(text, lang, wanted)
        if found:
            return found
    title = meta.get("title") or ""
    for candidate in (title, meta.get("original_title") or ""):
        if candidate:
            lang = field_language(guess_language(candidate, meta.get("language")))
            wanted = terms.get(title_field(lang), set()) | terms.get(name_field(lang), set())
            found = fragments(candidate, lang, wanted, limit=1, width=len(candidate))
            if found:
                return found
    return [html.escape(title)] if title else []


def _hit_highlights(provisions: list[ProvisionHit], stored: dict[str, Any], meta: dict[str, Any],
                    terms: dict[str, set[str]], searcher: Searcher, docnum: int) -> list[str]:  # fmt: skip
    """A hit's fragments: from its best provisions (short texts, read fast), else from its text (index document
    ``docnum``) or title."""
    found = [p.highlights[0] for p in provisions if p.highlights and "<mark>" in p.highlights[0]]
    return found[:3] if found else _highlights(stored, meta, terms, searcher, docnum)


def _text_leaves(q: wq.Query) -> list[wq.Query]:
    """The leaf queries of a query on title/body fields (what a passage can match)."""
    if isinstance(q, (wq.Term, wq.Phrase, wq.MultiTerm)):
        name = getattr(q, "fieldname", "") or ""
        return [q] if name.startswith(("title_", "body_")) else []
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return _text_leaves(q.a)
    out: list[wq.Query] = []
    for child in q.children():
        out.extend(_text_leaves(child))
    return out


class _Checked(dict[wq.Query, tuple[set[int], set[int]]]):
    """What one search learnt of its queries' leaves (a term, a phrase, a range…): the index documents checked
    against each and those matching it. The ranking tiers, the words as typed and the "found via" labels share most
    leaves. ``kept``: where a date or number range's documents are read once per index state (a range's matcher
    lists every indexed value in it: a second per check at 20,000 versions)."""

    def __init__(self, kept: Readers | None = None) -> None:
        super().__init__()
        self.kept = kept


def _matching(
    q: wq.Query, searcher: Searcher, docnums: Iterable[int | None], checked: _Checked | None = None
) -> set[int]:
    """Which of the index documents ``docnums`` match ``q``. With ``checked`` (one per search), ``q``'s ANDs, ORs and
    NOTs are worked out on sets of these documents, each leaf checked once per document for the whole search (and
    only for the documents its siblings left open), instead of building every leaf's matcher again at each call."""
    wanted = sorted({d for d in docnums if d is not None})
    # Whoosh's AND NOT matcher can keep a document its excluded part matches, depending on how it is skipped
    # through (tests/search/test_matching.py): a query with one is checked as before, with one matcher.
    try:
        if checked is None or any(isinstance(sub, wq.AndNot) for sub in _walk(q)):
            return _leaf_matching(q, searcher, wanted)
        return _combined(q, searcher, wanted, checked)
    except Exception:  # an explanation must never break a search
        logger.debug("could not test %r", q, exc_info=True)
        return set()


def _leaf_matching(q: wq.Query, searcher: Searcher, wanted: list[int]) -> set[int]:
    """Which of the index documents ``wanted`` (sorted) match ``q`` (one matcher, skipping ahead in docnum order; a
    term or a phrase from its postings' arrays, search.collect)."""
    if type(q) in (wq.Term, Phrase):
        return matching(searcher, q, wanted)
    out: set[int] = set()
    m = q.matcher(searcher)
    for docnum in wanted:
        if not m.is_active():
            break
        if m.id() < docnum:
            m.skip_to(docnum)
        if m.is_active() and m.id() == docnum:
            out.add(docnum)
    return out


def _combined(q: wq.Query, searcher: Searcher, wanted: list[int], checked: _Checked) -> set[int]:
    """The documents of ``wanted`` (sorted) matching ``q`` (which has no AND NOT), as Whoosh's matchers find them: an
    AND (a Require) intersects, an OR (DisjunctionMax, BestOf) unites, AND MAYBE is its first part, NOT subtracts."""
    if not wanted:
        return set()
    if isinstance(q, wq.AndMaybe):
        return _combined(q.a, searcher, wanted, checked)
    if isinstance(q, wq.Not):
        return set(wanted) - _combined(q.query, searcher, wanted, checked)
    if isinstance(q, (wq.And, wq.Require)):
        if not q.subqueries:
            return set()
        found = set(wanted)
        for sub in q.subqueries:
            found &= _combined(sub, searcher, sorted(found), checked)
        return found
    if isinstance(q, (wq.Or, wq.DisjunctionMax)):
        found = set()
        for sub in q.subqueries:
            found |= _combined(sub, searcher, [d for d in wanted if d not in found], checked)
        return found
    if checked.kept is not None and isinstance(q, wq.NumericRange) and q.constantscore:
        return set(_docnums(checked.kept, q).intersection(wanted))
    try:
        seen, matched = checked.setdefault(q, (set(), set()))
    except TypeError:  # a query Whoosh cannot hash: checked on its own
        return _leaf_matching(q, searcher, wanted)
    todo = [d for d in wanted if d not in seen]
    if todo:
        matched |= _leaf_matching(q, searcher, todo)
        seen.update(todo)
    return matched.intersection(wanted)


def _in_index(searcher: Searcher, leaves: list[wq.Query]) -> list[wq.Query]:
    """The leaves a passages search can match: a term only when the index has it. Most of a query's leaves are other
    languages' forms (concept labels in every language's fields), which match and score nothing, and each costs a
    matcher per document searched."""
    reader = searcher.reader()
    return [leaf for leaf in leaves if not isinstance(leaf, wq.Term) or reader.doc_frequency(leaf.fieldname, leaf.text)]


def _term_leaves(q: wq.Query) -> list[wq.Query]:
    """The distinct (field, term) pairs of the title/body leaves of ``q``, as terms: a passage is scored by the words
    it has (phrases would cost span matching over every passage for little gain in picking the best one)."""
    seen: set[tuple[str, str]] = set()
    out: list[wq.Query] = []
    for leaf in _text_leaves(q):
        if isinstance(leaf, wq.Phrase):
            pairs = [(leaf.fieldname, str(w)) for w in leaf.words]
        elif isinstance(leaf, wq.Term):
            pairs = [(leaf.fieldname, str(leaf.text))]
        else:
            out.append(leaf)
            continue
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                out.append(wq.Term(*pair, boost=getattr(leaf, "boost", 1.0)))
    return out


class VersionTexts(OrderedDict[int, str]):
    """The decompressed texts of the versions whose provisions were shown last (by version id), kept per index state
    (``Readers.memo``): the UI's next search shows the same acts' provisions again, and reading a long act's stored
    text (its index document, then zlib) is a good part of a search. Bounded: the least recently used go first."""

    LIMIT = 32

    def text(self, vid: int, read: Callable[[], str]) -> str:
        if vid in self:
            self.move_to_end(vid)
            return self[vid]
        self[vid] = found = read()
        while len(self) > self.LIMIT:
            self.popitem(last=False)
        return found


def _passage_hits(searcher: Searcher, main: Searcher, q: wq.Query | None, doc_ids: list[str],
                  cited: dict[str, list[dict[str, Any]]], terms: dict[str, set[str]],
                  texts: VersionTexts | None = None,
                  lengths: dict[Any, dict[Any, Any]] | None = None) -> dict[str, list[ProvisionHit]]:  # fmt: skip
    """The best matching provisions of each shown document (the cited ones first). A passage's text is read from
    its version's stored text (``span``), each version decompressed once (``texts``: kept across searches).
    ``lengths``: the passages index's field lengths as :func:`search.collect.scored_arrays` keeps them."""
    out: dict[str, list[ProvisionHit]] = {d: [] for d in doc_ids}
    kept = texts if texts is not None else VersionTexts()

    def version_text(vid: int) -> str:
        version = main.document(key=f"v:{vid}") or {}
        return zlib.decompress(version["text_z"]).decode("utf-8") if version.get("text_z") else ""

    def passage_text(stored: dict[str, Any]) -> str:
        if stored.get("text_z"):
            return zlib.decompress(stored["text_z"]).decode("utf-8")
        span, vid = stored.get("span"), stored.get("version_id")
        if not span or vid is None:
            return ""
        return kept.text(vid, lambda: version_text(vid))[span[0] : span[1]]

    def hit(stored: dict[str, Any], is_cited: bool) -> ProvisionHit:
        text = passage_text(stored)
        lang = field_language(stored.get("language") or guess_language(text))
        wanted = terms.get(body_field(lang), set()) | terms.get(title_field(lang), set())
        found = fragments(text, lang, wanted, limit=2) if text else []
        if not found and text:
            found = [html.escape(text[:200]) + ("…" if len(text) > 200 else "")]
        return ProvisionHit(key=stored.get("prov_key") or "", label=stored.get("prov_label") or "",
                            official=bool(stored.get("official", True)), highlights=found,
                            version_id=stored.get("version_id"), cited=is_cited)  # fmt: skip

    for doc_id in doc_ids:
        for stored in cited.get(doc_id, []):
            out[doc_id].append(hit(stored, True))
    leaves = _in_index(searcher, _term_leaves(q) if q is not None else [])
    if leaves:
        words = wq.Or(leaves)
        wanted = {d: PASSAGES_PER_HIT + len(out.setdefault(d, [])) for d in doc_ids if len(out[d]) < PASSAGES_PER_HIT}
        known = _passages_at_once(searcher, words, wanted, lengths if lengths is not None else {})
        stored_fields = searcher.reader().stored_fields
        for doc_id, limit in wanted.items():  # one small search per document: a long act's passages never crowd out
            have = out[doc_id]  # the others'
            # One search per document, with a limit, as the shown provisions were tuned with: one search over all
            # the shown documents ranked other provisions first (the AI Act's Article 99(4)(e) above Article 26(3)
            # for "what are the obligations of deployers"); with a limit, Whoosh's shortcuts once it holds that many
            # leave some words out of the later passages' scores, so the two do not score alike. Where those
            # shortcuts cannot have changed the answer, it is known from one search of all the documents.
            found = known.get(doc_id)
            passages = ((stored_fields(n) for n in found) if found is not None else
                        (r.fields() for r in _document_passages(searcher, words, doc_id, limit)))  # fmt: skip
            for fields in passages:
                if len(have) < PASSAGES_PER_HIT and not any(p.key == fields.get("prov_key") for p in have):
                    have.append(hit(fields, False))
    return out


def _passages_at_once(searcher: Searcher, words: wq.Query, wanted: dict[str, int],
                      lengths: dict[Any, dict[Any, Any]]) -> dict[str, list[int]]:  # fmt: skip
    """The passages (numbers, in order) that ``_document_passages(searcher, words, doc_id, limit)`` finds, for the
    documents of ``wanted`` (doc_id -> limit) where every match of the document's passages, scored in full, says
    it for sure; the others are left out. A passage's score is what that search gives it: its ``doc_id`` term's
    (a few postings, walked) plus the words' (read on arrays for the wanted documents' passages only).

    Whoosh's top-``limit`` search walks a document's matching passages in index order with every word scored, until
    its heap of ``limit`` passages is full and a later passage displaces the weakest one. From then on it may skip
    blocks of postings and drop words whose bounds fall below that weakest score — which can only lower a later
    passage's score, and can change the answer only for a passage that would otherwise have entered the heap. So
    where no passage after the first displacement scores above the weakest one, the answer is the first ``limit``
    of every match, best first (equal scores: index order); where one does, it is left to Whoosh's search. With a
    limit of at least the index's size, Whoosh keeps every match."""
    if not wanted:
        return {}
    context = searcher.context()
    parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {doc_id: [] for doc_id in wanted}
    for n, (sub, offset) in enumerate(searcher.leaf_searchers()):
        own: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for doc_id in wanted:  # the document's passages in this segment, with its doc_id term's score (_within's)
            if sub.reader().doc_frequency("doc_id", doc_id):
                term = wq.Term("doc_id", doc_id, boost=1e-6).matcher(sub, context)
                passages, weights = [], []
                while term.is_active():
                    passages.append(term.id())
                    weights.append(term.score())
                    term.next()
                own[doc_id] = np.array(passages, dtype=np.int64), np.array(weights, dtype=np.float64)
        if not own:
            continue
        within = np.unique(np.concatenate([ids for ids, _ in own.values()]))
        word_ids, word_scores = scored_among(sub, words, context, within, lengths.setdefault(n, {}))
        for doc_id, (ids, scores) in own.items():
            common, at, word_at = np.intersect1d(ids, word_ids, assume_unique=True, return_indices=True)
            parts[doc_id].append((common + offset, scores[at] + word_scores[word_at]))
    everything = searcher.doc_count()
    out: dict[str, list[int]] = {}
    for doc_id, limit in wanted.items():
        if not parts[doc_id]:
            out[doc_id] = []
            continue
        docnums = np.concatenate([ids for ids, _ in parts[doc_id]])
        scores = np.concatenate([sc for _, sc in parts[doc_id]])
        best = np.lexsort((docnums, -scores))
        if limit >= everything:
            out[doc_id] = docnums[best].tolist()
        elif _sure_of_top(scores, docnums, limit):
            out[doc_id] = docnums[best[:limit]].tolist()
    return out


def _sure_of_top(scores: np.ndarray, docnums: np.ndarray, limit: int) -> bool:
    """Whether Whoosh's top-``limit`` search of these matches (full scores, any order) finds the ``limit`` best:
    no match, in index order, scores above the weakest kept once a match has displaced one (see
    :func:`_passages_at_once`)."""
    if len(scores) <= limit:
        return True
    order = np.argsort(docnums, kind="stable")
    heap: list[float] = []
    displaced = False
    for score in scores[order].tolist():
        if len(heap) < limit:
            heappush(heap, score)
        elif score > heap[0]:
            if displaced:
                return False
            heapreplace(heap, score)
            displaced = True
    return True


class _OneDocumentCollector(TopCollector):
    """Whoosh's collector of the best ``limit`` matches, which builds the query's matchers only in the index segments
    holding passages of ``doc_id``: in another segment the intersection with the document's term matches nothing,
    and its matchers (one per word the passages have) cost as much as in the segment searched."""

    def __init__(self, limit: int, doc_id: str) -> None:
        super().__init__(limit)
        self.doc_id = doc_id

    def set_subsearcher(self, subsearcher: Searcher, offset: int) -> None:
        if subsearcher.reader().doc_frequency("doc_id", self.doc_id):
            super().set_subsearcher(subsearcher, offset)
        else:
            self.subsearcher, self.offset, self.matcher = subsearcher, offset, NullMatcher()

    def collect_matches(self) -> None:
        """Whoosh's loop for a top-N search (``ScoredCollector.matches``, ``collect`` and ``TopCollector._collect``)
        in one function: the same matcher replacements every ``replace`` matches or when the N-th best score rises,
        the same block-quality skips, the same heap — so the same hits, scores and order — without a generator and
        three method calls per matching passage (a long act has hundreds)."""
        if self.final_fn is not None:  # a weighting with a final step: Whoosh's own loop
            super().collect_matches()
            return
        items, limit, offset = self.items, self.limit, self.offset
        minscore = self.minscore
        matcher = self.matcher
        usequality = self._use_block_quality()
        replace = self.replace
        replacecounter = 0
        checkquality: bool | None = True
        while matcher.is_active():
            if replace:
                if replacecounter == 0 or self.minscore != minscore:
                    self.matcher = matcher = matcher.replace(minscore or 0)
                    self.replaced_times += 1
                    if not matcher.is_active():
                        break
                    usequality = self._use_block_quality()
                    replacecounter = replace
                    if self.minscore != minscore:
                        checkquality = True
                        minscore = self.minscore
                replacecounter -= 1
            if usequality and checkquality and minscore is not None:
                self.skipped_times += matcher.skip_to_quality(minscore)
                if not matcher.is_active():
                    break
            docnum = offset + matcher.id()
            score = matcher.score()
            self.total += 1
            if len(items) < limit:
                heappush(items, (score, 0 - docnum))
            elif score > items[0][0]:
                heapreplace(items, (score, 0 - docnum))
                self.minscore = items[0][0]
            checkquality = matcher.next()


def _document_passages(searcher: Searcher, words: wq.Query, doc_id: str, limit: int) -> Any:
    """``searcher.search(_within(words, [doc_id]), limit=limit)``: the same hits, scores and order."""
    q = _within(words, [doc_id])
    if limit >= searcher.doc_count():  # Whoosh collects every match then
        return searcher.search(q, limit=limit)
    collector = _OneDocumentCollector(limit, doc_id)
    searcher.search_with_collector(q, collector)
    return collector.results()


def _by_document(searcher: Searcher, q: wq.Query, doc_ids: list[str]) -> dict[str, list[tuple[float, int]]]:
    """The passages of ``doc_ids`` that match ``q``, per document, best first (equal scores: index order), without
    reading their stored fields: a passage's document comes from the postings of its ``doc_id`` term."""
    owner = {n: d for d in doc_ids for n in searcher.docs_for_query(wq.Term("doc_id", d))}
    out: dict[str, list[tuple[float, int]]] = {}
    for score, docnum in sorted(searcher.search(q, limit=None).top_n, key=lambda sd: (-sd[0], sd[1])):
        out.setdefault(owner[docnum], []).append((score, docnum))
    return out


def _within(q: wq.Query, doc_ids: list[str]) -> wq.Query:
    """``q`` over the passages of these documents only: an intersection with their (rare) doc_id terms skips
    through the postings of ``q``'s common words instead of scoring every passage (a filter would score them all).
    The doc_id terms weigh next to nothing (not 0: Whoosh's union of three or more terms drops zero scores)."""
    return wq.And([wq.Or([wq.Term("doc_id", d, boost=1e-6) for d in doc_ids]), q])


def _heading_scores(searcher: Searcher, q: wq.Query | None, doc_ids: list[str]) -> dict[str, float]:
    """The best score of a provision *heading* of each document for the query's words: an article headed
    "Automated individual decision-making, including profiling" is where that subject is regulated."""
    leaves = [leaf for leaf in (_term_leaves(q) if q is not None else [])
              if (getattr(leaf, "fieldname", "") or "").startswith("body_")]  # fmt: skip
    if not leaves or not doc_ids:
        return {}
    title_leaves = _in_index(searcher, [wq.Term("title_" + leaf.fieldname[5:], leaf.text) for leaf in leaves
                                        if isinstance(leaf, wq.Term)])  # fmt: skip
    if not title_leaves:
        return {}
    return {
        d: found[0][0] for d, found in _by_document(searcher, _within(wq.Or(title_leaves), doc_ids), doc_ids).items()
    }


def _uncited(citations: list[Citation], cited: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The citations of a query that no stored text has, under any of their keys."""
    found = {k for passages in cited.values() for p in passages for k in (p.get("cite") or "").split(",") if k}
    return [c.text for c in citations if not found & set(c.keys)]


#: doc id -> cite key -> the stored fields of each passage of its current texts that has that key
_CiteMatches = dict[str, dict[str, list[dict[str, Any]]]]


def _cite_matches(searcher: Searcher, citations: list[Citation]) -> _CiteMatches:
    """The passages (of the passages index) that have a provision the citations name, by document and key."""
    keys = {k for c in citations for k in c.keys}
    found: _CiteMatches = {}
    if not keys:
        return found
    for r in searcher.search(wq.Or([wq.Term("cite", k) for k in sorted(keys)]), limit=None):
        fields = r.fields()
        for k in (fields.get("cite") or "").split(","):
            if k in keys:
                found.setdefault(fields["doc_id"], {}).setdefault(k, []).append(fields)
    return found


def _cited_in_language(found: _CiteMatches, citations: list[Citation]) -> set[str]:
    """The documents with a provision the citations name in a passage of the language the citations are written in
    (all of them in one language: «ст. 5», «п. 2 ст. 6»); empty when their form says no language ("Art. 5")."""
    langs = {c.lang for c in citations}
    if len(langs) != 1 or None in langs:
        return set()
    lang = langs.pop()
    return {doc_id for doc_id, by_key in found.items()
            if any(f.get("language") == lang for passages in by_key.values() for f in passages)}  # fmt: skip


def _cited_passages(found: _CiteMatches, citations: list[Citation]) -> dict[str, list[dict[str, Any]]]:
    """doc id -> the stored fields of the deepest passage each citation names in that document's current text: in
    the text of the language its form names (the Korean act's 제35조 in its Korean text, its "Article 35" in the
    English translation), else in any."""

    def named(c: Citation, by_key: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
        for lang in (*c.prefer, None):
            for k in c.keys:
                for fields in by_key.get(k, []):
                    if lang is None or (fields.get("language") or "").split("-")[0].lower() == lang:
                        return fields
        return None

    out: dict[str, list[dict[str, Any]]] = {}
    for doc_id, by_key in found.items():
        for c in citations:
            best = named(c, by_key)
            if best is not None and best not in out.setdefault(doc_id, []):
                out[doc_id].append(best)
    return out


# --- search ------------------------------------------------------------------------------------------------------


_DOCNUMS_KEPT = 32


def _named(searcher: Searcher, builder: _Builder) -> set[str]:
    """The documents the query names: its words, those dropped aside, are one of a document's names (its short
    titles, popular names, curated aliases) after analysis. A query merely contained in a longer name names
    nothing: "Act" is not the "AI Act"."""
    words = [w for w in builder.run_words or [] if w not in builder.dropped]
    wanted = {lang: tuple(t for w in words for t in query_terms(w, lang)) for lang in builder.langs}
    wanted = {lang: terms for lang, terms in wanted.items() if terms}
    candidates = [wq.And([wq.Term(name, t) for t in terms]) for lang, terms in wanted.items()
                  for _, name in builder._fields(lang, ("name",))]  # fmt: skip
    if not candidates:
        return set()
    found: set[str] = set()
    stored = searcher.reader().stored_fields
    for docnum in searcher.docs_for_query(wq.And([wq.Term("kind", KIND_DOCUMENT), wq.Or(candidates)])):
        fields = stored(docnum)
        names = json.loads(fields.get("sig") or "{}").get("names") or []
        if any(tuple(query_terms(name, lang)) == terms for name in names for lang, terms in wanted.items()):
            found.add(fields["doc_id"])
    return found


def _docnums(kept: Readers, q: wq.Query) -> frozenset[int]:
    """The index documents a filter query matches, kept per index state (search.readers): the AI-only default and
    a filter a lawyer keeps while trying queries are read once, not at every search."""
    memo: dict[str, frozenset[int]] = kept.memo.setdefault("docnums", {})
    key = repr(q)
    if key not in memo:
        if len(memo) >= _DOCNUMS_KEPT:
            memo.pop(next(iter(memo)))
        docs = _range_docnums(kept, q) if isinstance(q, wq.NumericRange) and q.constantscore else None
        memo[key] = frozenset(kept.searcher.docs_for_query(q) if docs is None else docs)
    return memo[key]


def _range_docnums(kept: Readers, q: wq.NumericRange) -> list[int] | None:
    """A constant-score date or number range's index documents, segment by segment (search.collect.range_ids,
    each segment's values kept per index state beside what the scoring keeps of it); None for a field it does
    not read."""
    segments: dict[int, dict[Any, Any]] = kept.memo.setdefault("lengths", {})
    out: list[int] = []
    for n, (sub, offset) in enumerate(kept.searcher.leaf_searchers()):
        found = range_ids(sub.reader(), q, segments.setdefault(n, {}))
        if found is None:
            return None
        out.extend((found + offset).tolist())
    return out


def _docmask(kept: Readers, q: wq.Query) -> np.ndarray:
    """:func:`_docnums` as a mask over the index documents (kept alike)."""
    memo: dict[str, np.ndarray] = kept.memo.setdefault("docmasks", {})
    key = repr(q)
    if key not in memo:
        if len(memo) >= _DOCNUMS_KEPT:
            memo.pop(next(iter(memo)))
        mask = np.zeros(kept.searcher.doc_count_all(), dtype=bool)
        mask[np.fromiter(_docnums(kept, q), dtype=np.int64)] = True
        memo[key] = mask
    return memo[key]


def _indexed_fields(searcher: Searcher) -> set[str]:
    return set(searcher.reader().indexed_field_names())


def search(
    query: str,
    *,
    jurisdiction: str | Iterable[str] | None = None,
    subdivision: str | Iterable[str] | None = None,
    doc_type: str | Iterable[str] | None = None,
    stage: str | Iterable[str] | None = None,
    language: str | Iterable[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_non_ai: bool = False,
    exact: bool = False,
    limit: int = 20,
    index_dir: Path | None = None,
    facets: bool = True,
) -> SearchResult:
    """Search documents; see the module docstring for the syntax. Raises QueryError for a malformed query.

    ``exact``: no concept expansion (only the words as typed, and identifiers). ``subdivision``: a US state ('CO',
    'Colorado', 'US-CO'). Filters take a value or a list of values; an empty query lists the documents that pass
    the filters. ``facets=False``: no facet counts (``SearchResult.facets`` is empty), for callers that show none.
    """
    started = time.perf_counter()
    qs = (query or "").strip()
    check(qs)
    citations, rest = find_citations(qs) if qs else ([], "")
    keys, whole_ident = detect_identifiers(rest) if rest else (set(), False)
    with readers(index_dir) as kept:
        searcher, psearcher = kept.searcher, kept.passages
        indexed = _indexed_fields(searcher)
        unidentified = ""
        unknown_ident = whole_ident and not any(
            True for _ in searcher.docs_for_query(wq.Or([wq.Term(f, k) for k in sorted(keys) for f in IDENT_FIELDS]))
        )
        cache_dir = index_dir_or_default(index_dir)
        builder = _Builder(indexed, exact=exact, keep_questions=False, cache_dir=cache_dir)
        relaxed_q: wq.Query | None = None
        text_q: wq.Query | None
        parsed: wq.Query | None = None
        reversed_ranges: list[ReversedRange] = []
        if not rest:
            text_q = None if citations else wq.Term("kind", KIND_DOCUMENT)  # browse: every document that passes
        else:
            # A query that is only an identifier no tracked document carries ("SB 53" when ailaw holds no SB 53):
            # its words are searched as one phrase, the texts that cite it, never "SB" anywhere and "53" anywhere.
            if unknown_ident:
                unidentified = rest.strip()
                rest = '"' + " ".join(re.findall(_RAW_WORD, rest)) + '"'
            try:
                parsed = _parse(rest, searcher, reversed_ranges)
            except QueryError:
                if not whole_ident:
                    raise
                parsed = None
            if parsed is not None:
                words = [str(getattr(s, "text", "")) for s in _walk(parsed) if _is_raw_word(s)]
                builder.stop_langs = stopword_languages(words, builder.langs)
                builder.keep_questions = bool(words) and all(is_question_word(w) or builder.stopword(w)
                                                             for w in words)  # fmt: skip
                text_parts, other = builder.top(parsed)
                text_q = _and(text_parts + other) if (text_parts or other) else None
                if text_q is None and words:
                    text_q = wq.NullQuery  # only stopwords
                relaxed_q = _relaxed(text_parts, other)
                bonus_q = builder.bonus()
                if bonus_q is not None and text_q is not None and text_q is not wq.NullQuery:
                    text_q = wq.AndMaybe(text_q, bonus_q)
                    if relaxed_q is not None:
                        relaxed_q = wq.AndMaybe(relaxed_q, bonus_q)
            else:
                text_q = None
        ident_q: wq.Query | None = None
        if keys:
            # A related document scores its tier's boost once (the best key, not the sum of the keys it matches;
            # the fields are not scorable), times its stage weight: the same act (240-450) stays above the other
            # related documents (80-150), and both above text; the identified act scores BM25 x 1000 above them.
            ident_q = wq.Or(
                [wq.Term("ident", k, boost=IDENT_BOOST) for k in sorted(keys)]
                + [BestOf([wq.Term(f, k, boost=b) for k in sorted(keys)])
                   for f, b in (("same_ident", SAME_BOOST), ("related_ident", RELATED_BOOST))]
            )  # fmt: skip
        has_ident_field = text_q is not None and any(
            isinstance(sub, wq.Term) and sub.fieldname == "ident" for sub in _walk(text_q)
        )
        ai_only = not include_non_ai and not keys and not has_ident_field
        named = _named(searcher, builder) if parsed is not None else set()
        user_filter = _filters(jurisdiction, doc_type, stage, language, since, until, subdivision)
        cols = {name: kept.column(name) for name in ("doc_id", "kind", "date", *FACET_FIELDS)}
        per = _per_doc(kept)
        user_docs = _docmask(kept, user_filter) if user_filter is not None else None
        ai_docs = _docmask(kept, wq.Term("ai_relevant", True)) if ai_only else None

        cite_matches = _cite_matches(psearcher, citations)
        cited = _cited_passages(cite_matches, citations)

        def run(q: wq.Query | None) -> tuple[_Docs, dict[str, int]]:
            parts = [p for p in (ident_q, q) if p is not None]
            if not parts:
                scores, docnums = np.zeros(0, dtype=np.float64), np.zeros(0, dtype=np.int64)
            else:
                final = parts[0] if len(parts) == 1 else wq.Or(parts)
                scores, docnums = scored_arrays(searcher, final, kept.memo.setdefault("lengths", {}),
                                                (_BestOfMatcher,))  # fmt: skip
            return _group(scores, docnums, per, user_docs, ai_docs, named)

        relaxed = False
        if text_q is None and ident_q is None and citations:
            # Only a citation: the documents whose current text has the cited provision.
            nums = [n for n in (searcher.document_number(key=f"d:{doc_id}") for doc_id in cited) if n is not None]
            docs, hidden = _group(np.ones(len(nums)), np.array(nums, dtype=np.int64), per, user_docs, ai_docs, named)
            # No act named: the documents whose text in the citation's language has the provision come first
            # («ст. 5»: a Russian law's article 5 before the AI Act's).
            for doc_id in _cited_in_language(cite_matches, citations):
                if doc_id in docs:
                    docs[doc_id].tier = TIER_OWN_LANGUAGE
        else:
            docs, hidden = run(text_q)
            if not docs and not hidden and relaxed_q is not None:
                docs, hidden = run(relaxed_q)
                relaxed = bool(docs)
                if relaxed:
                    text_q = relaxed_q
        for doc_id in cited:
            if doc_id in docs:
                docs[doc_id].score *= CITED_BOOST
        literal_q = own_q = text_q
        own_docs: set[str] = set()  # found in the query's own language (when concepts bring others)
        if builder.concepts and text_q is not None and parsed is not None:
            # the words as typed, without the concepts' other labels; and with the labels in the query's language
            literal_q = _variant(parsed, indexed, builder, relaxed, exact=True)
            own_q = _variant(parsed, indexed, builder, relaxed, own_language=True)
        checked = _Checked(kept)
        if not whole_ident:  # a query made of identifiers ranks by its tiers alone
            window = _rank(docs, max(limit, RERANK_WINDOW))
            for doc_id, score in _heading_scores(psearcher, literal_q, [d.doc_id for d in window]).items():
                docs[doc_id].score += HEADING_WEIGHT * score
            wide = _rank(docs, TIER_WINDOW)
            docnums = [n for d in wide for n in (d.docnum, d.version_docnum)]
            for tier, q in ((TIER_OWN_LANGUAGE, own_q if own_q is not text_q else None),
                            (TIER_CONCEPT_UNIT, builder.concept_units()),
                            (TIER_OWN_CONCEPT_UNIT, builder.concept_units(own_language=True))):  # fmt: skip
                if q is None:
                    continue
                has = _matching(q, searcher, docnums, checked)
                tiered = [doc for doc in wide if has & {doc.docnum, doc.version_docnum}]
                # a unit in the query's language counts as such in a text written in it, not in a translation
                own = _in_own_language(q, searcher, cols, tiered, checked) if tier == TIER_OWN_CONCEPT_UNIT else set()
                for doc in tiered:
                    demoted = tier == TIER_OWN_CONCEPT_UNIT and doc.doc_id not in own
                    doc.tier = max(doc.tier, TIER_CONCEPT_UNIT if demoted else tier)
                    if tier == TIER_OWN_LANGUAGE:
                        own_docs.add(doc.doc_id)
            units = [d for d in wide if d.tier >= TIER_CONCEPT_UNIT]
            if units and (titled := builder.concept_units(titles=True)) is not None:
                has = _matching(titled, searcher, [n for d in units for n in (d.docnum, d.version_docnum)], checked)
                for doc in units:
                    if has & {doc.docnum, doc.version_docnum}:
                        doc.unit_in = UNIT_IN_TITLE
            headed_ids = [d.doc_id for d in units if not d.unit_in]
            if headed_ids and (headed := builder.heading_units()) is not None:
                for doc_id in _by_document(psearcher, _within(headed, headed_ids), headed_ids):
                    docs[doc_id].unit_in = UNIT_IN_HEADING
        if builder.types:
            codes, values = per.doc_type
            wanted = [n for n, v in enumerate(values) if v is not None and v in builder.types]
            docs.score[np.isin(codes[docs.docnum], wanted)] *= TYPE_FACTOR
        # A query that is a defined term (all its words one concept) puts the acts that define it first: those found
        # in the query's language, or any when no document was ("deepfake" and «дипфейки»: the AI Act; "人工知能": not
        # the Russian Strategy, which defines «искусственный интеллект», above the Japanese act).
        for c in builder.concepts:
            if builder.whole_query(c.match):
                for d in c.match.concept.defined_in:
                    if d.document in docs and (not own_docs or d.document in own_docs):
                        docs[d.document].tier = TIER_DEFINES
        for doc_id in named:
            if doc_id in docs:
                docs[doc_id].tier = TIER_NAMED
        # The best ones only: an act moved above its draft lowers at most SAME_ACT_WINDOW drafts, so the first
        # ``limit`` documents are among the first limit + SAME_ACT_WINDOW before that move.
        ranked = _rank(docs, max(0, limit) + SAME_ACT_WINDOW)
        identified: set[str] = set()
        if keys:  # a document the query names by its identifier keeps its place
            ident_only = wq.Or([wq.Term("ident", k) for k in sorted(keys)])
            identified = {cols["doc_id"][n] for n in searcher.docs_for_query(ident_only)}
        ranked = _acts_before_their_drafts(searcher, ranked, cols, identified)
        shown = ranked[: max(0, limit)]

        highlight_q = wq.Or([q for q in (text_q, ident_q) if q is not None]) if (text_q or ident_q) else wq.NullQuery
        terms = _terms_by_field(highlight_q, searcher)
        literal_docs: set[int] = set()
        if builder.concepts and literal_q is not None:
            shown_nums = [n for d in shown for n in (d.docnum, d.version_docnum)]
            literal_docs = _matching(literal_q, searcher, shown_nums, checked)
            # a query that is one concept is said by a document only as a unit: one with its words scattered was
            # found through the concept's other labels, and says so
            if (typed := builder.typed_units()) is not None:
                literal_docs &= _matching(typed, searcher, shown_nums, checked)
        # A document shows the provisions that say what was typed; one found through the concepts' labels in the
        # query's language, those that say them in it (the Japanese act's articles for «人工知能», not its English
        # translation's); the others, or when no provision says it (the words were in a name), any label.
        start = {d.doc_id: (0 if literal_docs & {d.docnum, d.version_docnum} else 1 if d.doc_id in own_docs else 2)
                 for d in shown}  # fmt: skip
        provisions: dict[str, list[ProvisionHit]] = {}
        carried: list[str] = []
        for step, step_q in enumerate((literal_q, own_q, text_q)):
            step_ids = carried + [doc_id for doc_id, n in start.items() if n == step]
            if not step_ids:
                continue
            # A query made of identifiers (and citations) names documents: their provisions are the cited ones only.
            found = _passage_hits(psearcher, searcher, None if whole_ident else step_q, step_ids, cited, terms,
                                  kept.memo.setdefault(VersionTexts, VersionTexts()),
                                  kept.memo.setdefault("passage_lengths", {}))  # fmt: skip
            provisions |= found
            carried = [] if whole_ident else [doc_id for doc_id in step_ids if not found.get(doc_id)]
        hits: list[Hit] = []
        explained: dict[str, list[ConceptVia]] = {}
        if builder.concepts and literal_q is not None:
            explained = _explain(builder.concepts, searcher, {
                d.doc_id: (d.docnum, d.version_docnum) for d in shown if not literal_docs & {d.docnum, d.version_docnum}
            }, checked)  # fmt: skip
        for doc in shown:
            shown_n = doc.version_docnum if doc.version_docnum is not None else doc.docnum
            stored = searcher.reader().stored_fields(shown_n)
            meta = searcher.document(key=f"d:{doc.doc_id}") or stored
            via = explained.get(doc.doc_id, [])
            cited_labels = {p.label for p in provisions.get(doc.doc_id, []) if p.cited}
            missing = [c.text for c in citations] if citations and not cited_labels else []
            has_text = not missing or searcher.document(kind=KIND_VERSION, doc_id=doc.doc_id) is not None
            hits.append(
                Hit(
                    id=doc.doc_id,
                    title=meta.get("title") or doc.doc_id,
                    jurisdiction=(meta.get("jurisdiction") or "").upper(),
                    language=meta.get("language"),
                    type=meta.get("doc_type") or "",
                    stage=meta.get("stage") or None,
                    date=_as_date(meta.get("date")),
                    score=round(float(doc.score), 4),
                    url=meta.get("url"),
                    highlights=_hit_highlights(provisions.get(doc.doc_id, []), stored, meta, terms, searcher, shown_n),
                    ai_relevant=bool(meta.get("ai_relevant")),
                    subdivision=(meta.get("subdivision") or "").upper() or None,
                    provisions=provisions.get(doc.doc_id, []),
                    via=via,
                    missing=missing,
                    has_text=has_text,
                )
            )
        counts = _facets(docs, per) if facets else {}
    took = (time.perf_counter() - started) * 1000
    keep_lemmas()  # the Russian words this search looked up in the dictionary, for the next process
    concepts = [
        {"concept": c.match.concept.id, "matched": c.match.label.text, "lang": c.match.lang,
         "labels": sorted({f"{label.text} ({label.lang})" for label, _ in c.alternatives if label.kind != "hidden"})}
        for c in builder.concepts
    ]  # fmt: skip
    return SearchResult(
        query=query, total=len(docs), hits=hits, facets=counts, took_ms=round(took, 1), hidden=hidden,
        relaxed=relaxed, dropped=builder.dropped, concepts=concepts, citations=[c.text for c in citations],
        exact=exact, uncited=_uncited(citations, cited), unidentified=unidentified, reversed_ranges=reversed_ranges,
    )  # fmt: skip


def warm(index_dir: Path | None = None) -> bool:
    """Load what every search reads once per process: the index's searchers and columns (search.readers), the
    English and Russian analyzers with the Russian dictionaries, the CJK engines of the languages the index has,
    the thesaurus, the AI-only document set. A UI calls it when a page opens, so the first search a lawyer types is
    as fast as the next ones. False when there is no index yet."""
    from store.errors import NotFoundError

    try:
        search("artificial intelligence искусственный интеллект", limit=1, index_dir=index_dir)
    except NotFoundError:
        return False
    load_russian_dictionary()  # the search above may have read every word's lemmas from the index's store
    # The Chinese, Japanese and Korean engines of the texts the index has: Korean's model takes seconds to load and
    # to analyse its first word, which the first search showing a Korean text would wait for otherwise.
    with readers(index_dir) as kept:
        indexed = _indexed_fields(kept.searcher)
        if "date" in indexed:  # each segment's dates, which every date range reads (search.collect.range_ids)
            _range_docnums(kept, wq.DateRange("date", None, None))
    for lang, sample in _CJK_SAMPLES.items():
        if body_field(lang) in indexed:
            fragments(sample, lang, {sample})
    return True


_CJK_SAMPLES = {"ko": "인공지능", "ja": "人工知能", "zh": "人工智能"}


def _explain(concepts: list[_Concept], searcher: Searcher, docs: dict[str, tuple[int | None, ...]],
             checked: _Checked | None = None) -> dict[str, list[ConceptVia]]:  # fmt: skip
    """Which label of each concept each hit (doc id -> its index documents) was found through: its first label, in
    order, that the hit matches. Each label is tested once, against the hits no earlier label explained
    (``checked``: what the search learnt of the labels' leaves already)."""
    out: dict[str, list[ConceptVia]] = {doc_id: [] for doc_id in docs}
    for c in concepts:
        pending = dict(docs)
        for label, q in c.alternatives:
            if not pending:
                break
            found = _matching(q, searcher, [n for nums in pending.values() for n in nums], checked)
            for doc_id in [d for d, nums in pending.items() if found & set(nums)]:
                label_shown = label if label.kind != "hidden" else None
                out[doc_id].append(ConceptVia(
                    concept=c.match.concept.id, query_label=c.match.label.text, query_lang=c.match.lang,
                    matched_label=label_shown.text if label_shown else c.match.concept.pref(label.lang),
                    matched_lang=label.lang, close=label.lang != c.match.lang and (label.close or c.match.label.close),
                ))  # fmt: skip
                del pending[doc_id]
    return out


@dataclass(frozen=True)
class ConceptFound:
    """A document found through a concept: the label its name, title or text says (in ``lang``)."""

    doc_id: str
    label: str
    lang: str


def concept_documents(concept_id: str, *, include_non_ai: bool = False, index_dir: Path | None = None,
                      **filters: Any) -> dict[str, ConceptFound]:  # fmt: skip
    """The documents whose name, title or current text says a label of the concept, in any language — the same
    label phrases concept search adds to a query (``_Builder.label``) — with the first label each one says (the
    thesaurus's order: a language's preferred label first; a hidden variant is shown as that language's preferred
    label). ``filters``: those of :func:`search` (jurisdiction, subdivision, doc_type, stage, language, since,
    until); AI-only unless ``include_non_ai``."""
    cache_dir = index_dir_or_default(index_dir)
    concept = concept_index(cache_dir).thesaurus.concepts.get(concept_id)
    if concept is None:
        raise QueryError(f"{concept_id!r} is not a concept of the thesaurus.")
    out: dict[str, ConceptFound] = {}
    with readers(index_dir) as kept:
        searcher = kept.searcher
        builder = _Builder(_indexed_fields(searcher), exact=False, keep_questions=False, cache_dir=cache_dir)
        f = filters.get
        user_filter = _filters(f("jurisdiction"), f("doc_type"), f("stage"), f("language"), f("since"), f("until"),
                               f("subdivision"))  # fmt: skip
        allowed = [
            _docnums(kept, q)
            for q in (user_filter, None if include_non_ai else wq.Term("ai_relevant", True))
            if q is not None
        ]
        doc_id = kept.column("doc_id")
        for label in concept_index(cache_dir).labels_of(concept):
            q = builder.label(label, 1.0)
            if q is None:
                continue
            for docnum in searcher.docs_for_query(q):
                found = doc_id[docnum]
                if found in out or not all(docnum in a for a in allowed):
                    continue
                shown = label.text if label.kind != "hidden" else concept.pref(label.lang)
                out[found] = ConceptFound(found, shown, label.lang)
    return out
