"""IPS fallback (pravo.gov.ru/proxy/ips) and the one place Russian bytes become text.

IPS pages (``?docbody=&nd={nd}``, ``?doc_itself=&nd=…&rdk=…``) are static HTML, often **windows-1251**, sometimes
truncated or a 502 (dossier §2.5). ``decode_html_bytes`` decides the encoding from a BOM, the HTTP Content-Type, a
``<meta charset>`` / ``http-equiv`` declaration, then strict UTF-8, then windows-1251; ``looks_like_mojibake``
refuses text that was decoded with the wrong table (UTF-8 read as cp1251 gives «РџСЂ…», cp1251 read as Latin-1
gives «Ïðî…»), so such text is reported as a ParseFailure and never reaches the store.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.html

from crawler.parsers.ru_structure import split_ru
from store.identifiers import doc_id, normalize_eo_number
from store.items import Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import VersionKind

logger = logging.getLogger(__name__)

SOURCE_LABEL = "ИПС «Законодательство России» (pravo.gov.ru/proxy/ips)"
IPS = "http://pravo.gov.ru/proxy/ips/?docbody=&nd={nd}"

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
# The cp1251 letters that bytes 0x80–0xBF (a UTF-8 continuation byte) turn into: «Р» or «С» followed by one of
# them is how UTF-8 Cyrillic looks when read as windows-1251.
_CONT = "".join(sorted({bytes([b]).decode("cp1251", errors="ignore") for b in range(0x80, 0xC0)} - {""}))
_UTF8_AS_1251 = re.compile("[РС][" + re.escape(_CONT) + "]")
_CYR = re.compile(r"[А-Яа-яЁё]")
_LATIN1_HIGH = re.compile(r"[À-ÿ]")


def ips_url(nd: str | int) -> str:
    return IPS.format(nd=nd)


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


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


def decode_html_bytes(body: bytes, *, content_type: str | None = None) -> str:
    """Bytes of a Russian page -> text: BOM, HTTP charset, <meta> charset, strict UTF-8, then windows-1251.

    >>> decode_html_bytes("<p>Указ</p>".encode("cp1251"))
    '<p>Указ</p>'
    >>> decode_html_bytes("<p>Указ</p>".encode("utf-8"))
    '<p>Указ</p>'
    """
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    declared = []
    if content_type and (m := _HTTP_CHARSET.search(content_type)):
        declared.append(_lookup(m.group(1)))
    if m := _CHARSET.search(body[:4096]):
        declared.append(_lookup(m.group(1).decode("ascii", errors="ignore")))
    for enc in [d for d in declared if d]:
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue  # a page that lies about its charset: try the others
        if not looks_like_mojibake(text):
            return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1251", errors="replace")


def _nd(url: str) -> str | None:
    values = parse_qs(urlsplit(url).query, keep_blank_values=True).get("nd")
    return values[0] if values and values[0].isdigit() else None


def parse_ips_document(
    body: bytes,
    *,
    url: str,
    eo_number: str | None = None,
    content_type: str | None = None,
    label: str | None = None,
    **_: Any,
) -> Iterator[Item]:
    """An IPS text page -> one VersionItem (kind CONSOLIDATED: IPS shows the act with its amendments).

    Refuses (ParseFailure) a page that is truncated (no closing ``</html>``/``</body>``), empty, or decodes to
    mojibake. ``eo_number`` ties the text to the stored act ``ru/pravo/{eo}``; without it the id is ``ru/ips/{nd}``.
    """
    if not body.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: empty page.")
        return
    text = decode_html_bytes(body, content_type=content_type)
    tail = text[-2048:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: the page is truncated (no closing </html>); retry later.")
        return
    root = lxml.html.document_fromstring(text)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    paragraphs = root.xpath("//body//p") or root.xpath("//body")
    plain = normalize_text("\n".join(p.text_content().replace("\r", "") for p in paragraphs))
    if not plain.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: the page holds no text.")
        return
    if looks_like_mojibake(plain):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: the text is mojibake (wrong encoding); not stored.")
        return
    eo = normalize_eo_number(eo_number or "") if eo_number else None
    nd = _nd(url)
    if eo:
        ident = doc_id("ru", "pravo", eo)
    elif nd:
        ident = doc_id("ru", "ips", nd)
    else:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: no nd in the URL and no eoNumber given.")
        return
    yield VersionItem(
        doc_id=ident,
        label=label or (f"Текст в ИПС (nd={nd})" if nd else "Текст в ИПС"),
        kind=VersionKind.CONSOLIDATED,
        language="ru",
        text=plain,
        provisions=split_ru(plain),
        source_url=url,
    )
