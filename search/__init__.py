"""Full-text search over the store (Whoosh). The index is derived: it can always be rebuilt from the database.

Public API (used by ailaw.jobs, the CLI and ui/data.py):

    from search.settings import SearchSettings            # AILAW_INDEX_DIR (default $AILAW_HOME/index)
    from search.indexer import index_new, rebuild, IndexStats
        index_new(*, session, index_dir: Path | None = None) -> IndexStats     # by cursor: new/changed only
        rebuild(*, session, index_dir: Path | None = None, progress=None) -> IndexStats
        # IndexStats(documents: int, versions: int, seconds: float); progress(done, total)
        # cursors "search.documents" (Document.change_seq) and "search.versions" (Version.id); the caller's
        # session commits them. rebuild writes a temp dir and swaps it in (a failed rebuild keeps the old index).
    from search.query import search, SearchResult, Hit
        search(query: str, *, jurisdiction=None, doc_type=None, stage=None, language=None,
               since: date | None = None, until: date | None = None, include_non_ai: bool = False,
               limit: int = 20, index_dir: Path | None = None) -> SearchResult
        # filters take a value or a list of values; an empty query lists the documents that pass the filters
        # raises store.errors.QueryError with one clear sentence for a malformed query, and
        # store.errors.NotFoundError when no index has been built yet
        SearchResult(query, total, hits: list[Hit], facets: {"jurisdiction"|"type"|"stage"|"language"|"year":
                     {value: documents}}, took_ms)
        Hit(id, title, jurisdiction, language, type, stage, date, score, url, highlights: list[str], ai_relevant)
        # highlights: HTML-escaped text with the matched words in <mark>…</mark> (safe to render as HTML);
        # Hit.title is raw text (escape it when rendering)

Modules: analysis (per-language analyzers), idents (identifier keys), schema, indexer, query, highlight.
"""
