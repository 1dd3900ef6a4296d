"""Bytes -> text: the one place ailaw decides a text's character encoding.

Order of evidence: a byte-order mark; the charset the HTTP ``Content-Type`` declares; for HTML and XML, the
``<meta charset>`` / ``http-equiv`` / ``<?xml encoding?>`` declaration (both read by **w3lib**, as Scrapy reads
them); then strict UTF-8; then **charset-normalizer**'s guess among the encodings legal texts of ailaw's sources
are written in (:data:`CANDIDATES`). A declaration is believed only when the bytes decode under it without
mojibake: Russian portals send UTF-8 pages labelled windows-1251 and the other way round.

>>> decode("<p>Указ</p>".encode("cp1251")).text
'<p>Указ</p>'
>>> decode("<p>Указ</p>".encode("utf-8"), content_type="text/html; charset=windows-1251").encoding  # a lying header
'utf-8'
>>> decode("Статья 6. Регулирование".encode("koi8-r")).encoding
'koi8_r'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

#: Where no declaration holds: the encodings charset-normalizer chooses among (UTF-8, the Cyrillic code pages of
#: Russian government sites, Western European). Restricting it keeps its guess right on short texts.
CANDIDATES = ("utf_8", "cp1251", "koi8_r", "cp866", "cp1252")

# The cp1251 letters that bytes 0x80–0xBF (a UTF-8 continuation byte) turn into: «Р» or «С» followed by one of
# them is how UTF-8 Cyrillic looks when read as windows-1251.
_CONT = "".join(sorted({bytes([b]).decode("cp1251", errors="ignore") for b in range(0x80, 0xC0)} - {""}))
_UTF8_AS_1251 = re.compile("[РС][" + re.escape(_CONT) + "]")
_CYR = re.compile(r"[А-Яа-яЁё]")
_LATIN1_HIGH = re.compile(r"[À-ÿ]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    how: str  # bom | http | declared | utf-8 | detected | fallback


def looks_like_mojibake(text: str) -> bool:
    """True when Russian text was decoded with the wrong table.

    >>> looks_like_mojibake("Статья 1. Предмет регулирования")
    False
    >>> looks_like_mojibake("Статья 1. Предмет регулирования".encode("utf-8").decode("cp1251"))
    True
    >>> looks_like_mojibake("Статья 1. Предмет регулирования".encode("cp1251").decode("latin-1"))
    True
    """
    if "\ufffd" in text:
        return True
    cyr = len(_CYR.findall(text))
    pairs = len(_UTF8_AS_1251.findall(text))
    if pairs >= 3 and pairs * 2 >= cyr * 0.3:
        return True
    high = len(_LATIN1_HIGH.findall(text))
    return high >= 10 and high > cyr


def declared_charset(content_type: str | None) -> str | None:
    """The codec a ``Content-Type`` header names, or None (none given, or unknown).

    >>> declared_charset("text/html; charset=windows-1251"), declared_charset("text/plain; charset=bogus")
    ('cp1251', None)
    """
    return http_content_type_encoding(content_type) if content_type else None


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if looks_like_mojibake(text) else text


def decode(body: bytes, *, content_type: str | None = None, markup: bool = True) -> Decoded:
    """The text of ``body``. ``markup``: also read an HTML/XML in-document declaration (off for plain text)."""
    bom, mark = read_bom(body)
    if bom and mark:
        return Decoded(body[len(mark) :].decode(bom, errors="replace"), bom, "bom")
    declared: list[tuple[str, str]] = []
    if enc := declared_charset(content_type):
        declared.append((enc, "http"))
    if markup and (enc := html_body_declared_encoding(body[:4096])):
        declared.append((resolve_encoding(enc) or enc, "declared"))
    for enc, how in declared:
        if (text := _strict(body, enc)) is not None:
            return Decoded(text, enc, how)
    try:
        return Decoded(body.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(body, cp_isolation=list(CANDIDATES)).best()
    if best is not None:
        return Decoded(str(best), best.encoding, "detected")
    return Decoded(body.decode("cp1251", errors="replace"), "cp1251", "fallback")
