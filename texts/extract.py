"""A file's bytes -> its normalised text: PDF, DOCX, legacy Word .doc, RTF, HTML, TXT, in one place, for what a
spider downloads and for ``ailaw import``.

:func:`extract_text` reads bytes; :func:`read_file` reads a local path. The format comes from, in order: the real
file name (a download's ``Content-Disposition``, see :func:`filename_from_disposition`; SOZD's ``/download/{GUID}``
URLs carry no extension), the content type, then the magic bytes (``%PDF``, ``PK`` zip = DOCX, ``{\\rtf``, OLE
``D0CF11E0`` = .doc). Where the magic bytes name one of those four formats they win over a name that says
otherwise: Russian portals often serve RTF under a ``.doc`` name, and reading it as what it is loses nothing.

Readers: pypdf (the PDF's text layer; a scan without one is refused with a clear sentence — OCR it and import the
text), python-docx, striprtf (RTF, honouring ``\\ansicpg`` / ``\\fcharset``), the Debian ``antiword`` program for
.doc (``scripts/system_deps.sh`` installs it; without it a .doc is refused with one sentence saying so), lxml for
HTML; HTML and text are decoded by :func:`texts.charset.decode`. Every failure is a ``ParseError`` with one
sentence naming the file.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from store.errors import ParseError
from store.normalize import normalize_text
from texts.charset import decode

logger = logging.getLogger(__name__)

FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".txt": "txt", ".md": "txt", ".markdown": "txt", ".text": "txt"}  # fmt: skip
CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/rtf": "rtf",
    "application/x-rtf": "rtf",
    "text/rtf": "rtf",
    "text/richtext": "rtf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "txt",
}
FORMAT_NAMES = {"pdf": "PDF", "docx": "DOCX", "doc": "Word 97–2003 (.doc)", "rtf": "RTF", "html": "HTML",
                "txt": "text"}  # fmt: skip
_MAGIC = ((b"%PDF", "pdf"), (b"PK\x03\x04", "docx"), (b"{\\rtf", "rtf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"))
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ANSICPG = re.compile(rb"\\ansicpg(\d{3,5})")
_FILENAME_STAR = re.compile(r"filename\*\s*=\s*([\w.:-]*)'[\w-]*'([^;\s]+)", re.I)
_HTML_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
                "pre", "blockquote", "dt", "dd"}  # fmt: skip
ANTIWORD_TIMEOUT = 60  # seconds; a .doc of a bill is read in well under one


@dataclass(frozen=True)
class ExtractedText:
    text: str  # normalised (store.normalize.normalize_text)
    format: str  # pdf | docx | doc | rtf | html | txt


def filename_from_disposition(value: str | bytes | None) -> str | None:
    """The file name a ``Content-Disposition`` header gives (RFC 6266, with RFC 5987 ``filename*``), or None.

    >>> filename_from_disposition('attachment; filename="law.rtf"')
    'law.rtf'
    >>> filename_from_disposition("attachment; filename*=UTF-8''%D0%97%D0%B0%D0%BA%D0%BE%D0%BD.pdf")
    'Закон.pdf'
    >>> filename_from_disposition("Закон.docx".join(['attachment; filename="', '"']).encode("utf-8"))
    'Закон.docx'
    >>> filename_from_disposition('attachment; filename="%s"' % "Закон.rtf".encode().decode("latin-1"))  # mojibake
    'Закон.rtf'
    >>> filename_from_disposition("inline") is None
    True
    """
    if not value:
        return None
    if isinstance(value, bytes):  # servers send raw UTF-8 (or Windows-1251) bytes in the quoted name
        raw = value
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("cp1251", errors="replace")
    from email.message import Message
    from urllib.parse import unquote

    name: str | None = None
    if m := _FILENAME_STAR.search(value):  # RFC 6266: filename* wins over the plain fallback beside it
        charset = m.group(1) or "utf-8"
        try:
            name = unquote(m.group(2).strip('"'), encoding=charset, errors="strict")
        except (LookupError, UnicodeDecodeError):
            name = None
    if not name:
        msg = Message()
        msg["content-disposition"] = value
        name = msg.get_filename()
    if not name:
        return None
    if any("\x80" <= c <= "\xff" for c in name):  # UTF-8 read as Latin-1 on the way (HTTP headers, WARC records)
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("latin-1").decode("utf-8")
    name = PurePosixPath(name.replace("\\", "/")).name.strip()  # never a path, only the name
    return name or None


def detect_format(body: bytes, *, filename: str | None = None, content_type: str | None = None) -> str | None:
    """pdf | docx | doc | rtf | html | txt, or None when neither the name, the content type nor the bytes say.

    >>> detect_format(b"%PDF-1.7 ...", filename=None, content_type="application/octet-stream")
    'pdf'
    >>> detect_format(b"{\\\\rtf1\\\\ansi ...", filename="zakon.doc")  # an RTF under a .doc name is RTF
    'rtf'
    >>> detect_format(b"<p>text</p>", content_type="text/html; charset=windows-1251")
    'html'
    """
    magic = next((fmt for prefix, fmt in _MAGIC if body.startswith(prefix)), None)
    claimed = FORMATS.get(PurePosixPath(filename).suffix.lower()) if filename else None
    if claimed is None and content_type:
        claimed = CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())
    if magic and claimed != magic:
        if claimed:
            logger.debug("%s is named %s but its bytes are %s: read as %s", filename, claimed, magic, magic)
        return magic
    if claimed:
        return claimed
    if _HTML_START.match(body[:1024].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return None


def _read_pdf(body: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ParseError(f"{name} is not a readable PDF ({str(exc).rstrip('.')}).") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ParseError(f"{name} has no text layer (a scanned PDF?); run OCR on it and import the text.")
    return text


def _read_docx(body: bytes, name: str) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(body))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise ParseError(f"{name} is not a readable DOCX file.") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_rtf(body: bytes, name: str) -> str:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit with \'xx escapes in the document's code page (\ansicpg1251 for Russian texts); raw 8-bit bytes
    # that some writers leave in are read in the same code page.
    m = _ANSICPG.search(body[:4096])
    codepage = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        "".encode(codepage)
    except LookupError:
        codepage = "cp1252"
    try:
        return str(rtf_to_text(body.decode(codepage, errors="replace"), encoding=codepage, errors="replace"))
    except (ValueError, IndexError, KeyError) as exc:
        raise ParseError(f"{name} is not a readable RTF file ({type(exc).__name__}).") from exc


def _read_doc(body: bytes, name: str) -> str:
    exe = shutil.which("antiword")
    if exe is None:
        raise ParseError(f"{name} is a Word 97–2003 (.doc) file, and reading it needs the antiword program, "
                         "which is not installed (apt-get install antiword).")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="ailaw-doc-") as tmp:
        path = Path(tmp) / "file.doc"
        path.write_bytes(body)
        try:
            # -m UTF-8.txt: Cyrillic comes out as UTF-8, not the locale's 8-bit set; -w 0: one paragraph per line.
            done = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                                  timeout=ANTIWORD_TIMEOUT, check=False)  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise ParseError(f"{name}: antiword did not finish reading it in {ANTIWORD_TIMEOUT} s.") from exc
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = why[-1].replace(str(path), "the file").strip().rstrip(".") if why else f"exit {done.returncode}"
        raise ParseError(f"{name} is not a readable Word 97–2003 (.doc) file (antiword: {reason}).")
    return done.stdout.decode("utf-8", errors="replace")


def _read_html(body: bytes, name: str, content_type: str | None = None) -> str:
    import lxml.html
    from lxml import etree

    try:
        # lxml refuses a str that still carries an XML encoding declaration: the bytes are decoded already.
        root = lxml.html.fromstring(_XML_DECL.sub("", decode(body, content_type=content_type).text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"{name} is not readable HTML ({exc}).") from exc
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


def _read_txt(body: bytes, name: str, content_type: str | None = None) -> str:
    if b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(f"{name} is not a text file.")
    return decode(body, content_type=content_type, markup=False).text


def extract_text(body: bytes, *, filename: str | None = None, content_type: str | None = None,
                 fmt: str | None = None) -> ExtractedText:  # fmt: skip
    """The normalised text of a file's bytes. ``filename`` (e.g. from :func:`filename_from_disposition`) and
    ``content_type`` help choose the reader (see :func:`detect_format`); ``fmt`` forces one. A file that cannot be
    read — unknown format, damaged, a scan without a text layer, no text at all — raises ParseError with one
    sentence that names it."""
    name = filename or "the file"
    fmt = fmt or detect_format(body, filename=filename, content_type=content_type)
    if fmt is None:
        raise ParseError(f"{name} is in an unknown format; ailaw reads PDF, DOCX, DOC, RTF, HTML and text files.")
    if fmt == "html":
        raw = _read_html(body, name, content_type)
    elif fmt == "txt":
        raw = _read_txt(body, name, content_type)
    else:
        raw = {"pdf": _read_pdf, "docx": _read_docx, "doc": _read_doc, "rtf": _read_rtf}[fmt](body, name)
    text = normalize_text(raw)
    if len(text.split()) < 3:
        raise ParseError(f"{name} holds no text to import.")
    return ExtractedText(text=text, format=fmt)


def read_file(path: Path) -> ExtractedText:
    """The text of a local file, by its extension. A bad file raises ParseError with one clear sentence."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(f"the file {path} does not exist.")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ParseError(
            f"{path.name}: unknown format; ailaw imports PDF, DOCX, DOC, RTF, HTML, TXT and Markdown files."
        )
    return extract_text(path.read_bytes(), filename=path.name)
