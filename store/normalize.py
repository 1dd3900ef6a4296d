"""Text normalisation applied before hashing and storing a version.

NFC, no control characters, non-breaking and odd spaces to plain spaces, runs of spaces collapsed, lines
trimmed, at most one blank line between paragraphs, soft hyphens removed. Two fetches of the same text that
differ only in whitespace or layout hash the same, so a re-crawl never makes a new version.
"""

from __future__ import annotations

import re
import unicodedata

_CTRL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b\ufeff]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """
    >>> normalize_text("  Article\u00a05 \\r\\n\\n\\n\\n Prohibited   AI practices ")
    'Article 5\\n\\nProhibited AI practices'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CTRL.sub("", text)
    text = _HSPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


def normalize_inline(text: str) -> str:
    """One-line form of a title or a heading."""
    return _HSPACE.sub(" ", unicodedata.normalize("NFC", text).replace("\n", " ")).strip()
