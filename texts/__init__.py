"""Turning bytes into text and text into provisions — one home for both, used by every path that brings a text in:
the crawler's parsers and downloaded files, and ``ailaw import``.

- :mod:`texts.charset` — bytes -> text: the one charset detection (declarations read by w3lib, checked for
  mojibake; charset-normalizer where nothing is declared).
- :mod:`texts.extract` — a file's bytes -> normalised text: PDF, DOCX, DOC, RTF, HTML, TXT (format from the file
  name, the content type, the magic bytes).
- :mod:`texts.split` — text -> provisions: one splitter per legal tradition (:mod:`texts.eu`, :mod:`texts.ru`),
  chosen by jurisdiction, language or script; a new tradition is one module and one line in ``SPLITTERS``.

Floor: the ground, beside ``store/`` (it uses the store's items, errors and text normalisation; ``store/`` never
imports it). No network, no database, no clock.
"""

from __future__ import annotations

from texts.extract import FORMAT_NAMES, ExtractedText, detect_format, extract_text, filename_from_disposition, read_file
from texts.split import provisions_of, split_provisions

__all__ = ["FORMAT_NAMES", "ExtractedText", "detect_format", "extract_text", "filename_from_disposition", "read_file",
           "split_provisions", "provisions_of"]  # fmt: skip
