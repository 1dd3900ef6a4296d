"""Write the documented attachment examples under tests/examples/ru/: bill and draft text files in PDF, DOCX, RTF
and legacy Word .doc, made with the real libraries and programs that make such files.

No real SOZD attachment or regulation.gov.ru text file was ever recorded (dossier §2.2, §2.6), so the files are
*built*: their TEXT is real Russian legal text — passages of the committed National AI Strategy
(``tests/examples/ru/ru_decree-490_strategy_2024-edition_pdf-extract.txt``) standing in for a bill's or a draft's
text — and only the container is ours:

- PDF: reportlab with the DejaVu Sans font (Cyrillic glyphs; a ToUnicode map, so the text layer reads back), one
  line of the source PDF extract per PDF line, i.e. hard-wrapped like a real bill PDF;
- DOCX: python-docx, one paragraph per paragraph of the source (wrapped lines joined);
- RTF and .doc: LibreOffice (``soffice --headless --convert-to``) from such a DOCX — what a ministry's word
  processor writes. Without LibreOffice these two are skipped and the committed files are kept.

    python scripts/make_ru_attachment_examples.py        # rewrite all of them

The examples' ``.meta.json`` notes and tests/examples/ru/README.md say the same. After a rewrite, run
``pytest tests/crawler/test_examples.py --update-examples`` and review the compare files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from texts.ru import join_wrapped_lines  # noqa: E402

EX = ROOT / "tests" / "examples" / "ru"
STRATEGY = EX / "ru_decree-490_strategy_2024-edition_pdf-extract.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core

# (file, 1-based first and last line of the Strategy extract, what the file stands in for)
PASSAGES = {
    "sozd_attachment-introduced_documented_example.pdf": (6, 30, "text of the bill as introduced"),
    "sozd_attachment-second-reading_documented_example.docx": (6, 52, "text of the bill for the second reading"),
    "sozd_attachment-law_documented_example.rtf": (6, 76, "text of the law as adopted by the Duma"),
    "regulation_draft-text_docx_documented_example.docx": (1, 24, "text of a draft under public discussion"),
    "regulation_draft-text_documented_example.doc": (1, 52, "later text of the draft"),
}


def passage(first: int, last: int) -> list[str]:
    lines = STRATEGY.read_text(encoding="utf-8").split("\n")
    return lines[first - 1 : last]


def write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not FONT.exists():
        raise SystemExit(f"{FONT} is missing: apt-get install fonts-dejavu-core")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)  # invariant: no timestamp or random id in the file
    c.setTitle("Законопроект")
    y = 800
    for line in lines:
        if y < 60:
            c.showPage()
            y = 800
        c.setFont("DejaVuSans", 9)
        c.drawString(40, y, line.rstrip())
        y -= 13
    c.showPage()
    c.save()


def write_docx(path: Path, lines: list[str]) -> None:
    import datetime as dt

    import docx

    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = dt.datetime(2026, 1, 1)
    d.core_properties.author = "ailaw (documented example)"
    for paragraph in join_wrapped_lines("\n".join(lines)):
        d.add_paragraph(paragraph)
    d.save(str(path))


def convert(docx_path: Path, target: Path, filter_name: str) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"skipped {target.name}: LibreOffice (soffice) is not installed; the committed file is kept")
        return False
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([soffice, "--headless", "--convert-to", filter_name, "--outdir", out, str(docx_path)],
                       check=True, capture_output=True, timeout=180)  # fmt: skip
        (produced,) = Path(out).iterdir()
        shutil.move(str(produced), target)
    return True


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, (first, last, _what) in PASSAGES.items():
            target = EX / name
            lines = passage(first, last)
            if target.suffix == ".pdf":
                write_pdf(target, lines)
            elif target.suffix == ".docx":
                write_docx(target, lines)
            else:
                source = Path(tmp) / (target.stem + ".docx")
                write_docx(source, lines)
                fmt = "rtf" if target.suffix == ".rtf" else "doc:MS Word 97"
                if not convert(source, target, fmt):
                    continue
            print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
