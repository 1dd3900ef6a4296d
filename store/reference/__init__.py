"""Reviewed reference data that ships with ailaw and that every package reads the same way.

- ``thesaurus.toml`` / :mod:`store.reference.thesaurus` — the AI-law thesaurus: concepts with their labels in
  each language, abbreviations, broader/related concepts and the provisions that define them. It drives
  cross-language concept search (search.concepts) and the AI-relevance classifier (crawler.relevance). The
  format is documented in ``THESAURUS.md`` beside it.
- ``aliases.toml`` / :mod:`store.reference.aliases` — the curated popular names and abbreviations of acts
  («GDPR», «закон об ЭПР»), each with the source that uses it; copied into the ``document_alias`` table.
- ``numbering.toml`` / :mod:`store.reference.numbering` — texts whose provision numbers are not the official
  ones (a PDF extract that renumbers points), with the official numbers that are known.

Everything here is plain data read with ``tomllib``: no network, no database, no clock.
"""
