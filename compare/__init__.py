"""Compare two versions (of one document or of two): provisions aligned by number, heading and content, a word
redline inside each, and a change summary in plain words (English and the document's language).

The compare engine reads provisions — the stored ones, or those ``texts.split_provisions`` gives a version that
has none — and knows no file formats. Its users: ``ailaw diff``, the Compare page, and the alerts, which name the
provisions a new version changed. Modules: :mod:`compare.units` (what is compared), :mod:`compare.align`,
:mod:`compare.redline`, :mod:`compare.summary` (the plain words, EN/RU), :mod:`compare.render` (JSON, text,
HTML), :mod:`compare.pointintime` (the text in force on a date). Floor: beside ``search/``; it imports only
``texts/`` (and nothing imports it from below).

    from compare import compare, to_json, to_text, to_html
    result = compare(old_version, new_version)       # any two VersionRead-like objects; old is the reference

JSON shape (``ailaw diff --format json``; ``to_json(result)``)::

    {
      "from": {"document_id": "eu/celex/52021PC0206", "version_id": 7, "label": "COM(2021) 206 final",
               "kind": "imported", "date": "2021-04-21", "language": "en"},
      "to":   {... the same fields for the compared version ...},
      "counts": {"unchanged": 10, "changed": 20, "moved": 60, "replaced": 1, "inserted": 40, "deleted": 2,
                 "words_inserted": 51234, "words_deleted": 9876},
      "overview": {"en": "60 provisions moved, 40 inserted, …", "ru": "Перенесено: 60, …"},
      "summary": {"en": ["Article 52 moved to Article 50 with 12 words changed", "Article 4a inserted", …],
                  "ru": ["статья 52 перенесена в статью 50, изменено слов: 12", …]},
      "provisions": [                       # in the order of the new text; deleted ones where they stood
        {"status": "moved",                 # unchanged | changed | moved | replaced | inserted | deleted
         "kind": "article",                 # citation | recital | article | annex | section | point | …
         "from": {"key": "art_52", "label": "Article 52", "number": "52", "heading": "…"} | null,
         "to":   {"key": "art_50", "label": "Article 50", "number": "50", "heading": "…"} | null,
         "similarity": 0.87,                # Dice of word trigrams (1.0 identical, 0.0 inserted/deleted/replaced)
         "words_inserted": 12, "words_deleted": 3,
         "parts": [{"key": "art_50.par_3", "label": "Article 50(3)", "status": "changed"}],
         "summary": {"en": "…", "ru": "…"},
         "redline": [["=", "unchanged text "], ["-", "deleted words "], ["+", "inserted words "]]}
      ],
      "seconds": 0.41
    }

Unchanged provisions carry their text as one ``"="`` op; ``--changed-only`` style filtering is the reader's
choice (``status != "unchanged"``).
"""

from __future__ import annotations

from compare.comparison import Comparison, compare, version_meta
from compare.render import to_html, to_json, to_text

__all__ = ["Comparison", "compare", "to_json", "to_text", "to_html", "version_meta"]
