"""Full-text search over the store (Whoosh). The index is derived: it can always be rebuilt from the database.

Public API (used by ailaw.jobs, the CLI, ui/data.py and the alert matcher):

    from search.settings import SearchSettings            # AILAW_INDEX_DIR (default $AILAW_HOME/index)
    from search.indexer import index_new, rebuild, IndexStats
        index_new(*, session, index_dir: Path | None = None) -> IndexStats     # by cursor: what changed only
        rebuild(*, session, index_dir: Path | None = None, progress=None) -> IndexStats
        # IndexStats(documents: int, versions: int, seconds: float); progress(done, total)
        # cursor "search.changes" (the store's change log); the caller's session commits it. rebuild writes a
        # temp dir and swaps it in (a failed rebuild keeps the old index). Both first copy the curated aliases
        # (store/reference/aliases.toml) into the store and index the documents whose names changed.
    from search.query import search, SearchResult, Hit, ProvisionHit, ConceptVia
        search(query: str, *, jurisdiction=None, subdivision=None, doc_type=None, stage=None, language=None,
               since: date | None = None, until: date | None = None, include_non_ai: bool = False,
               exact: bool = False, limit: int = 20, index_dir: Path | None = None,
               facets: bool = True) -> SearchResult
        # filters take a value or a list of values (subdivision: a US state, 'CO' / 'Colorado' / 'US-CO');
        # exact: no concept search (the words as typed, and identifiers); an empty query lists the documents
        # that pass the filters. Raises store.errors.QueryError with one clear sentence for a malformed query,
        # and store.errors.NotFoundError when no index has been built yet.
        SearchResult(query, total, hits: list[Hit], facets: {"jurisdiction"|"state"|"type"|"stage"|"language"|
                     "year": {value: documents}}, took_ms, hidden: {"filters"|"not_ai": n}, relaxed: bool,
                     dropped: list[str], concepts: list[dict], citations: list[str], exact: bool,
                     uncited: list[str], unidentified: str)   # a query of identifiers no document carries
        Hit(id, title, jurisdiction, language, type, stage, date, score, url, highlights: list[str], ai_relevant,
            subdivision, provisions: list[ProvisionHit], via: list[ConceptVia], missing: list[str], has_text: bool)
        ProvisionHit(key, label, official: bool, highlights: list[str], version_id, cited: bool)
        ConceptVia(concept, query_label, query_lang, matched_label, matched_lang)   # str(): "a ↔ b"
        # highlights: HTML-escaped text with the matched words in <mark>…</mark> (safe to render as HTML);
        # Hit.title and ProvisionHit.label are raw text (escape them when rendering)
        # facets=False: no facet counts (for callers that show none: the CLI, the alert matcher)
        search.query.warm(index_dir=None) -> bool   # open the index, load the analyzers (a UI page calls it)

Searchers stay open across the searches of a process and are reopened when the index changes (search.readers).

Modules: analysis (per-language analyzers, query words), idents (identifier keys), citations (provision
citations in queries), concepts (the thesaurus in queries), passages (provisions as searchable units), schema,
indexer, readers (opening the index, searchers kept per index state), query, highlight.
"""
