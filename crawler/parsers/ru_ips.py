"""IPS fallback (pravo.gov.ru/proxy/ips).

IPS pages (``?docbody=&nd={nd}``, ``?doc_itself=&nd=…&rdk=…``) are static HTML, often **windows-1251**, sometimes
truncated or a 502 (dossier §2.5). The encoding is decided where every text's is, ``texts.charset.decode`` (BOM,
HTTP charset, ``<meta>`` declaration, strict UTF-8, then a detector); text that still reads as mojibake
(``texts.charset.looks_like_mojibake``: UTF-8 read as cp1251 gives «РџСЂ…», cp1251 read as Latin-1 gives «Ïðî…»)
is reported as a ParseFailure and never reaches the store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import lxml.html

from store.identifiers import doc_id, normalize_eo_number
from store.items import Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import VersionKind
from texts.charset import decode, looks_like_mojibake
from texts.ru import split_ru

logger = logging.getLogger(__name__)

SOURCE_LABEL = "ИПС «Законодательство России» (pravo.gov.ru/proxy/ips)"
IPS = "http://pravo.gov.ru/proxy/ips/?docbody=&nd={nd}"


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
    text = decode(body, content_type=content_type).text
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
