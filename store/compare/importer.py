"""``ailaw import``: a version from a local file no spider can reach (a Council compromise text, a draft received
by email). PDF (its text layer, pypdf), DOCX (python-docx), HTML, TXT / Markdown.

The text is split into provisions (``store.compare.provisions.split_text`` unless the caller passes a better
splitter, e.g. the Russian one) and stored through ``store.crud.add_version`` like any crawled version, with kind
``imported`` unless told otherwise; the same text imported twice is stored once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from store import crud
from store.compare.provisions import split_text
from store.errors import ParseError
from store.items import DocumentItem, Provision, VersionItem
from store.models import Document, Version
from store.normalize import normalize_text
from store.vocab import DocType, Outcome, VersionKind

logger = logging.getLogger(__name__)

FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "txt",
           ".md": "txt", ".markdown": "txt", ".text": "txt"}  # fmt: skip
_HTML_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
                "pre", "blockquote", "dt", "dd"}  # fmt: skip


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ParseError(f"{path.name} is not a readable PDF ({str(exc).rstrip('.')}).") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ParseError(f"{path.name} has no text layer (a scanned PDF?): run OCR first and import the text.")
    return text


def _read_docx(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ParseError(f"{path.name} is not a readable DOCX file.") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_html(path: Path) -> str:
    import lxml.html
    from lxml import etree

    raw = path.read_bytes()
    try:
        root = lxml.html.fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"{path.name} is not readable HTML ({exc}).") from exc
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _HTML_BLOCKS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in _HTML_BLOCKS:
            parts.append("\n")

    walk(root)
    return "".join(parts)


def _read_txt(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ParseError(f"{path.name} is not UTF-8 or Windows-1251 text.")


def read_file(path: Path) -> str:
    """The text of a local file, by its extension. A bad file raises ParseError with one clear sentence."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(f"the file {path} does not exist.")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ParseError(f"{path.name}: unknown format; ailaw imports PDF, DOCX, HTML, TXT and Markdown files.")
    text = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html, "txt": _read_txt}[kind](path)
    if kind == "txt" and "\x00" in text:
        raise ParseError(f"{path.name} is not a text file.")
    text = normalize_text(text)
    if len(text.split()) < 3:
        raise ParseError(f"{path.name} holds no text to import.")
    return text


@dataclass
class ImportResult:
    document_id: str
    version_id: int
    outcome: Outcome  # insert | noop (the same text was already stored)
    label: str
    provisions: int
    words: int
    created_document: bool


Splitter = Callable[[str], list[dict[str, Any]]]


def _jurisdiction(doc_id: str) -> str:
    return doc_id.split("/", 1)[0].upper() if "/" in doc_id else "INT"


def import_version(*, session: Session, path: Path, doc_id: str, label: str, date: dt.date | None,
                   kind: VersionKind = VersionKind.IMPORTED, language: str | None = None,
                   splitter: Splitter | None = None) -> ImportResult:  # fmt: skip
    """Read ``path`` and store it as a version of ``doc_id`` (created, minimal, if it is not stored yet)."""
    text = read_file(path)
    doc = session.get(Document, doc_id)
    created = False
    if doc is None:
        crud.upsert_document(session=session, item=DocumentItem(
            doc_id=doc_id, source="import", jurisdiction=_jurisdiction(doc_id), doc_type=DocType.OTHER, title=label,
            language=language, notes=[f"created by `ailaw import` of {path.name}"],
        ))  # fmt: skip
        created = True
        language = language or None
    else:
        language = language or doc.language
    provs = splitter(text) if splitter else split_text(text, language=language)
    item = VersionItem(
        doc_id=doc_id, label=label, kind=kind, date=date, language=language, text=text,
        provisions=[Provision(key=p["key"], kind=p.get("kind") or "text", number=p.get("number"), label=p.get("label"),
                              heading=p.get("heading"), text=p.get("text") or "", parent=p.get("parent"))
                    for p in provs],
        source_url=path.resolve().as_uri(), notes=[f"imported from the local file {path.name}"],
    )  # fmt: skip
    outcome = crud.add_version(session=session, item=item)
    sha = crud.text_sha256(text)
    vid = session.exec(select(Version.id).where(Version.document_id == doc_id, Version.sha256 == sha)).one()
    assert vid is not None
    return ImportResult(doc_id, vid, outcome, label, len(provs), len(text.split()), created)
