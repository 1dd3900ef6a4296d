"""Full-text search over the store (Whoosh). The index is derived: it can always be rebuilt from the database.

Public API (used by ailaw.jobs, the CLI and ui/data.py):

    from search.settings import SearchSettings            # AILAW_INDEX_DIR (default $AILAW_HOME/index)
    from search.indexer import index_new, rebuild, IndexStats
        index_new(*, session, index_dir: Path | None = None) -> IndexStats     # by cursor: new/changed only
        rebuild(*, session, index_dir: Path | None = None, progress=None) -> IndexStats
    from search.query import search, SearchResult, Hit
        search(query: str, *, jurisdiction=None, doc_type=None, stage=None, language=None,
               since: date | None = None, until: date | None = None, include_non_ai: bool = False,
               limit: int = 20, index_dir: Path | None = None) -> SearchResult
        # raises store.errors.QueryError with one clear sentence for a malformed query
"""
