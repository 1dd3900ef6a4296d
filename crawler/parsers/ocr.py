"""Text of a scanned PDF by OCR: Tesseract (Debian ``tesseract-ocr`` with the ``eng`` and ``rus`` data), run as
pytesseract runs it (its TSV read by pytesseract's parser), each page rendered by PDFium (pypdfium2). No network, no
DB, no clock.

A scan's text is never the official text layer: a version built from it says so (``Provenance.OCR``) and carries
the mean word confidence Tesseract gave (``provenance_detail["ocr_confidence"]``, 0-100) and the pages read. A scan
OCR cannot read (no words, or a mean confidence below ``MIN_CONFIDENCE``), a PDF PDFium cannot open, or a machine
without Tesseract is one sentence (``OcrError``) that the parser turns into a ParseFailure on the crawl run.

Some "scans" carry a text layer of their own made by someone else's OCR (Colorado's signed acts do, with the
signature page garbled): it is not used, the pages are read again here so the confidence is known.

OCR is the costliest step of a crawl and its result is fixed by its inputs, so a crawl keeps what it read in an OCR
cache (:class:`OcrCache`, ``$AILAW_HOME/cache/ocr/``): one JSON file per scan, named by the SHA-256 of the PDF, the
pages read, the resolution, the Tesseract version and languages and the PDFium version. A re-crawl that parses a scan
again (``--reparse``, a new parser version) or a store rebuilt from an archive never OCRs the same scan twice; a new
Tesseract or PDFium reads it again. The cache is derived data, safe to delete; a first ingest gains nothing from it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DPI = 200  # enough for 10-12 pt print; 300 dpi doubles the time for no gain on these documents
MIN_CONFIDENCE = 45.0  # below it the "text" is mostly noise: the scan is reported, not stored
MIN_WORDS = 5
LANGUAGES = {"en": "eng", "ru": "rus"}


class OcrError(Exception):
    """One sentence saying why a scan could not be read."""


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float  # mean word confidence, 0-100, rounded to 0.1
    pages: int
    words: int
    languages: str  # Tesseract's language string, e.g. "eng" or "rus+eng"


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _page_text(data: dict[str, list], confidences: list[float]) -> str:
    """Tesseract's words back into lines (block, paragraph, line numbers), collecting word confidences."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(word)
    return "\n".join(" ".join(words) for _, words in sorted(lines.items()))


def _pytesseract():  # type: ignore[no-untyped-def]
    """pytesseract, imported without pandas: it imports pandas whenever it is installed, for a DataFrame output ailaw
    never asks for (about a second and tens of MB in every crawl that reads a scan)."""
    import sys

    if "pytesseract" in sys.modules or "pandas" in sys.modules:
        import pytesseract

        return pytesseract
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ModuleNotFoundError meanwhile
    try:
        import pytesseract
    finally:
        if sys.modules.get("pandas", 0) is None:
            del sys.modules["pandas"]
    return pytesseract


@functools.lru_cache(maxsize=1)
def _engine_versions() -> str:
    """Tesseract's and PDFium's versions: what, with the scan and the languages, fixes the text OCR gives."""
    from importlib.metadata import version

    return f"tesseract {_pytesseract().get_tesseract_version()}; pypdfium2 {version('pypdfium2')}"


class OcrCache:
    """The texts OCR gave, one JSON file per (scan, pages, resolution, languages, engine versions) in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, body: bytes, langs: str, pages: list[int] | None) -> Path:
        key = json.dumps([hashlib.sha256(body).hexdigest(), pages, DPI, langs, _engine_versions()])
        return self.directory / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def get(self, body: bytes, langs: str, pages: list[int] | None) -> OcrText | None:
        try:
            return OcrText(**json.loads(self._path(body, langs, pages).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):  # not there, or unreadable: OCR again
            return None

    def put(self, body: bytes, langs: str, pages: list[int] | None, result: OcrText) -> None:
        path = self._path(body, langs, pages)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(dataclasses.asdict(result), ensure_ascii=False), encoding="utf-8")
            partial.replace(path)  # never a half-written entry, even with two crawls at once
        except OSError as exc:
            logger.info("the OCR cache could not keep a text (%s)", exc)


_cache: OcrCache | None = None


def use_cache(directory: Path | None) -> None:
    """Keep OCR texts in ``directory`` (a crawl: ``$AILAW_HOME/cache/ocr``); None: no cache (the default)."""
    global _cache
    _cache = OcrCache(directory) if directory is not None else None


def ocr_pdf(body: bytes, *, language: str = "en", pages: list[int] | None = None) -> OcrText:
    """OCR the pages of a PDF (all, or the 0-based ``pages``); raises OcrError with one sentence. With an OCR cache
    (:func:`use_cache`), a scan read before with the same engines is not read again."""
    if not tesseract_available():
        raise OcrError("OCR needs the Tesseract program (Debian packages tesseract-ocr, tesseract-ocr-eng, "
                       "tesseract-ocr-rus; `make system-deps` installs them)")  # fmt: skip
    langs = LANGUAGES.get(language, "eng")
    if langs != "eng":
        langs += "+eng"  # Russian official PDFs cite Latin-script names and numbers
    cache = _cache
    if cache is not None and (kept := cache.get(body, langs, pages)) is not None:
        return kept
    result = _ocr(body, langs, pages)
    if cache is not None:
        cache.put(body, langs, pages, result)
    return result


def _tesseract(png: bytes, langs: str) -> dict[str, list]:
    """Tesseract's words of one page image (PNG) with their confidences and line numbers, as pytesseract's
    ``image_to_data`` gives them (the same command, the same TSV parser), from a Tesseract process of its own.

    It runs with one OpenMP thread (``OMP_THREAD_LIMIT=1``) unless the environment sets a limit: its threads gave the
    same text for 2–3× the CPU time (the demo's two-page scan: 2.4–3.6 s instead of 1.1 s, and longer on a busy
    two-core machine, where they wait for each other). The limit is given to that process only: this process's
    environment, which other threads read (Scrapy's thread pool, the UI), is never changed."""
    env = {**os.environ}
    env.setdefault("OMP_THREAD_LIMIT", "1")
    command = ["tesseract", "stdin", "stdout", "-l", langs, "-c", "tessedit_create_tsv=1"]
    try:
        run = subprocess.run(command, input=png, capture_output=True, env=env, check=False)
    except OSError as exc:  # gone since tesseract_available(), or not executable
        raise OcrError(f"Tesseract could not be started ({exc.strerror or exc})") from None
    pytesseract = _pytesseract()
    if run.returncode:
        raise OcrError(f"Tesseract failed ({pytesseract.pytesseract.get_errors(run.stderr) or run.returncode})")
    return dict(pytesseract.pytesseract.file_to_dict(run.stdout.decode("utf-8"), "\t", -1))


def _png(image: Any) -> bytes:
    """A rendered page as the PNG pytesseract hands Tesseract (its ``prepare``: an alpha channel made white)."""
    image, extension = _pytesseract().pytesseract.prepare(image)
    out = io.BytesIO()
    image.save(out, format=extension)
    return out.getvalue()


def _ocr(body: bytes, langs: str, pages: list[int] | None) -> OcrText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(body)
    except Exception as exc:  # PDFium's own error names the damage
        raise OcrError(f"the PDF could not be opened for OCR ({exc})") from None
    confidences: list[float] = []
    texts: list[str] = []
    wanted = pages if pages is not None else list(range(len(pdf)))
    try:
        for n in wanted:
            data = _tesseract(_png(pdf[n].render(scale=DPI / 72).to_pil()), langs)
            texts.append(_page_text(data, confidences))
    finally:
        pdf.close()
    text = re.sub(r"\n{3,}", "\n\n", "\n\n".join(texts)).strip()
    if len(confidences) < MIN_WORDS:
        raise OcrError(f"OCR found no readable words in the {len(wanted)} scanned page(s)")
    mean = round(sum(confidences) / len(confidences), 1)
    if mean < MIN_CONFIDENCE:
        raise OcrError(f"OCR could not read the scan reliably (mean word confidence {mean:.0f}%)")
    return OcrText(text=text, confidence=mean, pages=len(wanted), words=len(confidences), languages=langs)
