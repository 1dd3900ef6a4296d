"""Search the index: query syntax, identifier lookups, filters, grouping to documents, facets, highlights.

Syntax (Whoosh's, with friendly field names):
- words are ANDed: ``high-risk systems``; ``AND`` / ``OR`` / ``NOT`` and parentheses; ``"exact phrase"``;
  prefixes ``интеллект*``;
- fields: ``jurisdiction:eu``, ``state:us-co`` (a US state, ISO 3166-2), ``type:federal-law``, ``stage:in-force``, ``lang:ru``, ``year:2024`` or
  ``year:[2019 TO 2024]``, ``date:[2019 TO 2024]`` (or any Whoosh date form: ``date:20240712``,
  ``date:[2024-01 TO now]``), ``title:…``, ``body:…``, ``id:…`` (an identifier, normalised like below);
- identifiers anywhere in a query — CELEX «32024R1689», «2024/1689», «Regulation (EU) 2024/1689»,
  «COM(2021) 206», an eoNumber, a Duma bill «922869-7», «№ 490», «258-ФЗ» — match the ``ident`` field with a
  large boost, so the identified document comes first; then the same act in other forms (``same_ident``: the bill
  a law enacted, a proposal, consolidations), then the other documents related to it (``related_ident``: the act
  a decree amended), with lower boosts that still rank them above text matches; an identifier lookup also shows
  non-AI documents.

A plain word is searched in the title and body fields of every language present in the index; each field
analyses it its own way (English stems, Russian lemmas…), so «искусственному интеллекту» finds
«искусственный интеллект». Results are grouped to documents (one Hit per document, its best-scoring index
document), and facets count matching documents.

Highlights are plain text fragments, HTML-escaped, with the matched words wrapped in ``<mark>…</mark>``: the
UI may render them as HTML. ``Hit.title`` is the raw title (escape it when rendering).
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import logging
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Searcher

from search.analysis import FIELD_LANGUAGES, field_language, guess_language
from search.highlight import fragments
from search.idents import detect_identifiers, ident_keys, key
from search.indexer import open_index
from search.schema import FACET_FIELDS, KIND_DOCUMENT, KIND_VERSION, body_field, title_field
from store.errors import QueryError
from store.identifiers import us_state_code

logger = logging.getLogger(__name__)

IDENT_BOOST = 1000.0
SAME_BOOST = 300.0  # the identified act in another form or stage (its bill, its proposal): right below it
RELATED_BOOST = 100.0  # the documents otherwise related to it (amended by it, amending it): above any text match
FACET_NAMES = {"jurisdiction": "jurisdiction", "subdivision": "state", "doc_type": "type", "stage": "stage", "language": "language",
               "year": "year"}  # fmt: skip
#: Friendly field names of the query syntax -> index fields.
ALIASES = {"doc_type": ["type"], "language": ["lang"], "jurisdiction": ["country", "juris"], "subdivision": ["state"]}
_GROUP_FIELDS = {"title": title_field, "body": body_field}
_SIMPLE_FIELDS = {"jurisdiction", "country", "juris", "subdivision", "state", "doc_type", "type", "stage", "language", "lang", "year", "date",
                  "ai_relevant"}  # fmt: skip
_ID_FIELDS = {"id", "ident", "celex"}
_KNOWN_FIELDS = _SIMPLE_FIELDS | _ID_FIELDS | set(_GROUP_FIELDS)


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


@dataclass(frozen=True)
class SearchResult:
    """``total`` counts matching documents; ``facets`` maps jurisdiction/type/stage/language/year to counts."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float = 0.0


# --- query string checks and rewriting ---------------------------------------------------------------------------

_FIELD_RE = re.compile(r"(?<![\w:/])([A-Za-z_]\w*):(?!//)")


def _outside_quotes(qs: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) of the parts of ``qs`` outside double quotes."""
    for i, chunk in enumerate(qs.split('"')):
        if i % 2 == 0:
            yield sum(len(c) + 1 for c in qs.split('"')[:i]), chunk


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
            known = ", ".join(sorted(n + ":" for n in ("jurisdiction", "type", "stage", "lang", "year", "date", "title",
                                                       "body", "id")))  # fmt: skip
            raise QueryError(f"Unknown field {name}: in the query; use one of {known}.")


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


def _rewrite_fields(qs: str, present: dict[str, list[str]]) -> str:
    """``title:x`` / ``body:x`` -> an OR over the language fields present; ``id:x`` -> ident keys."""
    out, pos = [], 0
    for m in re.finditer(r"(?<![\w:/])(title|body|id|ident|celex):", qs, flags=re.I):
        if m.start() < pos or qs[: m.start()].count('"') % 2:
            continue
        name = m.group(1).lower()
        end = _value_end(qs, m.end())
        value = qs[m.end() : end]
        out.append(qs[pos : m.start()])
        if name in _GROUP_FIELDS:
            fields = present[name] or [_GROUP_FIELDS[name]("en")]
            out.append("(" + " OR ".join(f"{f}:{value}" for f in fields) + ")")
        else:
            raw = value.strip('"')
            if name == "celex":
                raw = f"CELEX:{raw}"
            keys = ident_keys(raw) or {key(raw)}
            out.append("(" + " OR ".join(f"ident:'{k}'" for k in sorted(keys)) + ")")
        pos = end
    out.append(qs[pos:])
    return "".join(out)


# --- query tree checks ---------------------------------------------------------------------------------------------


def _walk(q: wq.Query) -> Iterator[wq.Query]:
    yield q
    for child in q.children():
        yield from _walk(child)


def _fix_phrases(q: wq.Query) -> wq.Query:
    """Empty phrases (all words were stopwords) crash Whoosh at search time: 0 words -> Null, 1 word -> Term."""
    if isinstance(q, wq.Phrase):
        words = [w for w in q.words if w]
        if not words:
            return wq.NullQuery
        if len(words) == 1:
            return wq.Term(q.fieldname, words[0], boost=q.boost)
        return q
    return q.apply(_fix_phrases)


def _errors(q: wq.Query) -> list[str]:
    return [str(sub.error) for sub in _walk(q) if getattr(sub, "error", None)]


# --- filters -----------------------------------------------------------------------------------------------------


def _one_of(fieldname: str, values: str | Iterable[str] | None) -> wq.Query | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    terms = [wq.Term(fieldname, v.strip().lower()) for v in items if v and v.strip()]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def _filters(jurisdiction: Any, doc_type: Any, stage: Any, language: Any, since: dt.date | None,
             until: dt.date | None, ai_only: bool, subdivision: Any = None) -> wq.Query | None:  # fmt: skip
    parts = [q for q in (_one_of("jurisdiction", jurisdiction), _one_of("subdivision", _subdivisions(subdivision)),
                         _one_of("doc_type", doc_type),
                         _one_of("stage", stage), _one_of("language", language)) if q is not None]  # fmt: skip
    if since or until:
        if since and until and since > until:
            raise QueryError(f"The date range is empty: {since.isoformat()} is after {until.isoformat()}.")
        start = dt.datetime.combine(since, dt.time.min) if since else None
        end = dt.datetime.combine(until, dt.time.max) if until else None
        parts.append(wq.DateRange("date", start, end))
    if ai_only:
        parts.append(wq.Term("ai_relevant", True))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _subdivisions(values: str | Iterable[str] | None) -> list[str] | None:
    """A state filter as the user types it ('CO', 'Colorado', 'US-CO') -> the indexed codes ('us-co')."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    out = []
    for v in items:
        code = us_state_code(v) if v and v.strip() else None
        if v and v.strip():
            out.append(f"us-{code.lower()}" if code else v.strip().lower())
    return out


# --- search ------------------------------------------------------------------------------------------------------


def _present_fields(searcher: Searcher) -> dict[str, list[str]]:
    indexed = set(searcher.reader().indexed_field_names())
    return {
        "title": [title_field(lang) for lang in FIELD_LANGUAGES if title_field(lang) in indexed],
        "body": [body_field(lang) for lang in FIELD_LANGUAGES if body_field(lang) in indexed],
    }


def _parse(qs: str, searcher: Searcher, present: dict[str, list[str]]) -> wq.Query:
    fields = present["title"] + present["body"] or [title_field("en")]
    parser = MultifieldParser(fields, searcher.schema, group=AndGroup)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    date_errors: list[str] = []
    parser.add_plugin(DateParserPlugin(callback=date_errors.append))
    try:
        q = parser.parse(_rewrite_fields(qs, present))
    except QueryError:
        raise
    except Exception as exc:  # the Whoosh parser raises assorted errors on odd input; say it in one sentence
        hint = " (dates: date:[2019 TO 2024] or date:20240712)" if "date:" in qs.lower() else ""
        raise QueryError(f"The query could not be read ({exc}); check its syntax{hint}.") from None
    if date_errors:
        raise QueryError(f"Could not read the date {date_errors[0]!r}; use e.g. date:[2019 TO 2024] or date:20240712.")
    errors = _errors(q)
    if errors:
        raise QueryError(f"The query could not be read: {errors[0]}.")
    return _fix_phrases(q).normalize()


def _terms_by_field(q: wq.Query, searcher: Searcher) -> dict[str, set[str]]:
    """Query terms per field: plain terms as parsed, plus the index terms that prefixes/wildcards expand to."""
    out: dict[str, set[str]] = {}
    pairs: list[tuple[str, Any]] = list(q.iter_all_terms(phrases=True))
    try:
        pairs += list(q.existing_terms(searcher.reader(), phrases=True, expand=True))
    except Exception:  # a highlight must never break a search
        logger.debug("could not expand the terms of %r", q, exc_info=True)
    for fieldname, text in pairs:
        if not fieldname.startswith(("title_", "body_")):
            continue
        value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        out.setdefault(fieldname, set()).add(value)
    return out


class _Column:
    """Per-segment column readers. (Whoosh's multi-segment column reader fails with IndexError when a
    segment has no value at all in that column, e.g. no document of the segment has a stage.)"""

    def __init__(self, searcher: Searcher, name: str) -> None:
        self.offsets: list[int] = []
        self.readers: list[Any] = []
        for sub, offset in searcher.reader().leaf_readers():
            self.offsets.append(offset)
            self.readers.append(sub.column_reader(name) if sub.has_column(name) else None)

    def __getitem__(self, docnum: int) -> Any:
        i = bisect.bisect_right(self.offsets, docnum) - 1
        col = self.readers[i]
        value = col[docnum - self.offsets[i]] if col is not None else None
        return value.decode("utf-8") if isinstance(value, bytes) else value


def _is_version(searcher: Searcher, kinds: _Column, docnum: int) -> bool:
    return bool(kinds[docnum] == KIND_VERSION)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _highlights(stored: dict[str, Any], meta: dict[str, Any], terms: dict[str, set[str]]) -> list[str]:
    if stored.get("kind") == KIND_VERSION and stored.get("text_z"):
        text = zlib.decompress(stored["text_z"]).decode("utf-8")
        lang = field_language(stored.get("language") or guess_language(text))
        found = fragments(text, lang, terms.get(body_field(lang), set()))
        if found:
            return found
    title = meta.get("title") or ""
    for candidate in (title, meta.get("original_title") or ""):
        if candidate:
            lang = field_language(guess_language(candidate, meta.get("language")))
            found = fragments(candidate, lang, terms.get(title_field(lang), set()), limit=1, width=len(candidate))
            if found:
                return found
    return [html.escape(title)] if title else []


# A lawyer looks for the law that applies first: the same relevance ranks an act in force above the proposal
# or draft it came from, and those above what was withdrawn, rejected or repealed.
STAGE_WEIGHTS = {
    "in-force": 1.5, "published": 1.4, "signed": 1.4, "adopted": 1.4, "amended": 1.5,
    "agreed": 1.2, "passed-upper": 1.2, "third-reading": 1.15, "second-reading": 1.1, "passed-lower": 1.1,
    "first-reading": 1.05, "committee": 1.0, "introduced": 1.0, "proposed": 1.0, "draft": 1.0,
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
    limit: int = 20,
    index_dir: Path | None = None,
) -> SearchResult:
    """Search documents; see the module docstring for the syntax. Raises QueryError for a malformed query."""
    started = time.perf_counter()
    qs = (query or "").strip()
    if len(qs) > 2000:
        raise QueryError("The query is too long; use at most 2,000 characters.")
    _check_syntax(qs)
    keys, whole_ident = detect_identifiers(qs) if qs else (set(), False)
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        present = _present_fields(searcher)
        if not qs:
            text_q: wq.Query = wq.Term("kind", KIND_DOCUMENT)  # browse: every document that passes the filters
        else:
            try:
                text_q = _parse(qs, searcher, present)
            except QueryError:
                if not whole_ident:
                    raise
                text_q = wq.NullQuery
        if keys:
            # A related document scores its tier's boost once (the best key, not the sum of the keys it matches;
            # the fields are not scorable), times its stage weight: the same act (240-450) stays above the other
            # related documents (80-150), and both above text; the identified act scores BM25 x 1000 above them.
            ident_q = wq.Or(
                [wq.Term("ident", k, boost=IDENT_BOOST) for k in sorted(keys)]
                + [wq.DisjunctionMax([wq.Term(f, k, boost=b) for k in sorted(keys)])
                   for f, b in (("same_ident", SAME_BOOST), ("related_ident", RELATED_BOOST))]
            )  # fmt: skip
            final: wq.Query = ident_q if text_q is wq.NullQuery else wq.Or([ident_q, text_q])
        else:
            final = text_q
        has_ident_field = any(isinstance(sub, wq.Term) and sub.fieldname == "ident" for sub in _walk(final))
        ai_only = not include_non_ai and not keys and not has_ident_field
        filter_q = _filters(jurisdiction, doc_type, stage, language, since, until, ai_only, subdivision)
        results = searcher.search(final, filter=filter_q, limit=None)

        doc_ids = _Column(searcher, "doc_id")
        facet_cols = {name: _Column(searcher, name) for name in FACET_FIELDS}
        best: dict[str, tuple[float, int]] = {}
        best_version: dict[str, int] = {}  # highlights come from the best matching version, else the title
        kinds = _Column(searcher, "kind")
        facets: dict[str, dict[str, int]] = {FACET_NAMES[n]: {} for n in FACET_FIELDS}
        for score, docnum in results.top_n:
            doc_id = doc_ids[docnum]
            if doc_id in best:
                if doc_id not in best_version and _is_version(searcher, kinds, docnum):
                    best_version[doc_id] = docnum
                continue
            if _is_version(searcher, kinds, docnum):
                best_version[doc_id] = docnum
            best[doc_id] = (score * stage_weight(facet_cols["stage"][docnum]), docnum)
            for name, col in facet_cols.items():
                value = col[docnum]
                if value in ("", None, 0, b""):
                    continue
                label = value.decode("utf-8") if isinstance(value, bytes) else str(value)
                if name in ("jurisdiction", "subdivision"):
                    label = label.upper()  # indexed lower-case for matching; shown as the store's codes (EU, RU)
                bucket = facets[FACET_NAMES[name]]
                bucket[label] = bucket.get(label, 0) + 1

        terms = _terms_by_field(final, searcher)
        hits: list[Hit] = []
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        for doc_id, (score, docnum) in ranked[: max(0, limit)]:
            stored = searcher.stored_fields(best_version.get(doc_id, docnum))
            meta = searcher.document(key=f"d:{doc_id}") or stored
            hits.append(
                Hit(
                    id=doc_id,
                    title=meta.get("title") or doc_id,
                    jurisdiction=(meta.get("jurisdiction") or "").upper(),
                    language=meta.get("language"),
                    type=meta.get("doc_type") or "",
                    stage=meta.get("stage") or None,
                    date=_as_date(meta.get("date")),
                    score=round(float(score), 4),
                    url=meta.get("url"),
                    highlights=_highlights(stored, meta, terms),
                    ai_relevant=bool(meta.get("ai_relevant")),
                    subdivision=(meta.get("subdivision") or "").upper() or None,
                )
            )
    sorted_facets = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in facets.items()}
    took = (time.perf_counter() - started) * 1000
    return SearchResult(query=query, total=len(best), hits=hits, facets=sorted_facets, took_ms=round(took, 1))
