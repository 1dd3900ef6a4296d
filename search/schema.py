"""The Whoosh schemas. The main index holds one index document per Document (metadata) and one per Version (its
text with the document's titles and names); the ``passages`` index, in the same directory, one per provision of
each document's current version (search.passages). Passages live apart because BM25 normalises by the average
field length of its index: thousands of short passages beside whole texts would distort document ranking.

Both kinds of the main index carry the document-level facet fields (doc id, jurisdiction, type, stage, language,
year, date, AI relevance), so a filter or a facet is a plain Whoosh field whatever kind matched; results are
grouped to documents at query time; passages only say which provisions of a hit match best, and where a cited
provision is. Text goes to the field of its language (``body_ru``, ``title_en``, ``name_en``…; see
search.analysis): ``name_*`` holds a document's short titles and popular names (its non-identifier aliases, the
name quoted in a Russian title, the store's ``document_alias`` rows), ``title_*`` its titles (and a passage's
heading), ``body_*`` the text. Field weights are query boosts (search.query), not schema boosts, so tuning them
never needs a rebuild. Bodies are indexed, not stored: a version and a passage store their text
zlib-compressed in ``text_z``, read only for the hits shown (search.highlight).

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
# 2: same_ident, related_ident; 3: subdivision (state); 4: ja/ko fields, CJK morphology, accent-folded pt/fr;
# 5: name_* fields, titles on versions, passages (their own index); 6: passage spans; 7, 8: provision labels;
# 9: passages of every current text (translations, other official languages), Korean/Japanese/Chinese labels as written
# 10: postings blocks stored as arrays (search.codec)
SCHEMA_VERSION = 10

KIND_DOCUMENT = "document"
KIND_VERSION = "version"

#: Facet fields (column-backed, read for every match without touching stored fields).
FACET_FIELDS = ("jurisdiction", "subdivision", "doc_type", "stage", "language", "year")


def name_field(lang: str) -> str:
    return f"name_{lang}"


def title_field(lang: str) -> str:
    return f"title_{lang}"


def body_field(lang: str) -> str:
    return f"body_{lang}"


TEXT_FIELDS: tuple[str, ...] = tuple(f(lang) for lang in FIELD_LANGUAGES for f in (name_field, title_field, body_field))


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
        "same_ident": KEYWORD(lowercase=True, commas=True, stored=True),
        "related_ident": KEYWORD(lowercase=True, commas=True),
        "title": STORED(),
        "original_title": STORED(),
        "url": STORED(),
        "label": STORED(),
        "text_z": STORED(),  # zlib(version text), for highlights
        "sig": STORED(),  # the document-level values copied onto versions (re-index versions when it changes)
    }
    for lang in FIELD_LANGUAGES:
        analyzer = analyzer_for(lang)
        fields[name_field(lang)] = TEXT(analyzer=analyzer)
        fields[title_field(lang)] = TEXT(analyzer=analyzer)
        fields[body_field(lang)] = TEXT(analyzer=analyzer)
    return Schema(**fields)  # type: ignore[arg-type]


PASSAGES = "passages"  # the Whoosh index name of the passages, beside the main index


def build_passage_schema() -> Schema:
    """One index document per provision: its own text (``body_*``), its heading (``title_*``), the provision key
    in the version's text, how it is cited, whether that number is official, its citation keys ("art:50/par:2";
    search.citations) and where its text is in the version's text (``span``; else ``text_z``), for highlights.
    No positions: passages are scored by their words (search.query picks a hit's best provisions), which keeps
    them small and quick to write."""
    fields: dict[str, object] = {
        "key": ID(stored=True, unique=True),  # "p:<version id>:<provision key>"
        "doc_id": ID(stored=True),
        "version_id": STORED(),
        "language": STORED(),
        "prov_key": ID(stored=True),
        "prov_label": STORED(),
        "official": STORED(),
        "cite": KEYWORD(lowercase=True, commas=True, stored=True),
        "span": STORED(),  # (start, end) of its text in the version's text
        "text_z": STORED(),  # zlib(its text), only when it is not found in the version's text
    }
    for lang in FIELD_LANGUAGES:
        analyzer = analyzer_for(lang)
        fields[title_field(lang)] = TEXT(analyzer=analyzer, phrase=False)
        fields[body_field(lang)] = TEXT(analyzer=analyzer, phrase=False)
    return Schema(**fields)  # type: ignore[arg-type]
