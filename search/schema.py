"""The Whoosh schema: one index document per Version (body) and one per Document (metadata only).

Both kinds carry the document-level facet fields (doc id, jurisdiction, type, stage, language, year, date,
AI relevance, identifier keys), so a filter or a facet is a plain Whoosh field whatever kind matched; results
are grouped to documents at query time. Text goes to the field of its language (``body_ru``, ``title_en``…;
see search.analysis). Bodies are indexed, not stored: a version stores its text zlib-compressed in ``text_z``,
read only for the best version of each hit shown (search.highlight), never for every match.

The metadata document alone also carries the identifier keys of the acts its relations name, searched with lower
boosts than ``ident``: ``same_ident`` for the same act in another form or stage (the law a bill became, the act
a proposal became, consolidations, corrigenda), ``related_ident`` for every other relation (the decree that
amended it, the act it amends).
"""

from __future__ import annotations

from whoosh.analysis import IDTokenizer, LowercaseFilter
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis import FIELD_LANGUAGES, analyzer_for

#: Bumped when the schema or an analyzer changes: an index with another version must be rebuilt.
# 2: same_ident, related_ident; 3: subdivision (state); 4: ja/ko fields, CJK morphology, accent-folded pt/fr
SCHEMA_VERSION = 4

KIND_DOCUMENT = "document"
KIND_VERSION = "version"

#: Facet fields (column-backed, read for every match without touching stored fields).
FACET_FIELDS = ("jurisdiction", "subdivision", "doc_type", "stage", "language", "year")
TITLE_BOOST = 3.0


def title_field(lang: str) -> str:
    return f"title_{lang}"


def body_field(lang: str) -> str:
    return f"body_{lang}"


TEXT_FIELDS: tuple[str, ...] = tuple(f(lang) for lang in FIELD_LANGUAGES for f in (title_field, body_field))


def _facet_id() -> ID:
    return ID(stored=True, sortable=True, analyzer=IDTokenizer() | LowercaseFilter())


def build_schema() -> Schema:
    fields: dict[str, object] = {
        "key": ID(stored=True, unique=True),  # "d:<doc id>" | "v:<version id>"
        "kind": ID(stored=True, sortable=True),
        "doc_id": ID(stored=True, sortable=True),
        "version_id": STORED(),
        "jurisdiction": _facet_id(),
        "subdivision": _facet_id(),  # a state's ISO 3166-2 code ("us-co"), lower-case like the jurisdiction
        "doc_type": _facet_id(),
        "stage": _facet_id(),
        "language": _facet_id(),
        "year": NUMERIC(int, stored=True, sortable=True, signed=False),
        "date": DATETIME(stored=True, sortable=True),
        "ai_relevant": BOOLEAN(stored=True),
        "ident": KEYWORD(lowercase=True, commas=True, scorable=True),
        # Document kind only. Not scorable: a match scores its query boost, whatever the field's length or the
        # key's frequency (BM25 would rank a bill with many aliases below an act citing the law once).
        "same_ident": KEYWORD(lowercase=True, commas=True),
        "related_ident": KEYWORD(lowercase=True, commas=True),
        "title": STORED(),
        "original_title": STORED(),
        "url": STORED(),
        "label": STORED(),
        "text_z": STORED(),  # zlib(version text), for highlights
        "sig": STORED(),  # the document-level values copied onto versions (re-index versions when it changes)
    }
    for lang in FIELD_LANGUAGES:
        fields[title_field(lang)] = TEXT(analyzer=analyzer_for(lang), field_boost=TITLE_BOOST)
        fields[body_field(lang)] = TEXT(analyzer=analyzer_for(lang))
    return Schema(**fields)  # type: ignore[arg-type]
