"""`ailaw import` of real PDF, DOCX, HTML and TXT files made here, `ailaw diff` / `ailaw versions` on them, and the
one-sentence error for a bad file. Runs the real CLI entry point (``ailaw.cli.main``) against a fresh data home."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.cli import run_cli
from tests.compare.texts import NEW_ACT, OLD_ACT

DOC = "eu/test/2099-ai"


def _pdf(path: Path, text: str) -> Path:
    """A real two-page PDF with a text layer (reportlab), with page numbers at the foot of each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    lines = text.split("\n")
    half = len(lines) // 2
    for page_no, chunk in enumerate((lines[:half], lines[half:]), 1):
        y = 800
        for line in chunk:
            for wrapped in textwrap.wrap(line, 90) or [""]:  # hard-wrapped lines, as a PDF has them
                c.drawString(40, y, wrapped)
                y -= 14
        c.drawString(290, 30, str(page_no))
        c.showPage()
    c.save()
    return path


def _docx(path: Path, text: str) -> Path:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def test_import_each_format_and_diff(ailaw_home: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    txt = tmp_path / "proposal.txt"
    txt.write_text(OLD_ACT, encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "import", str(txt), "--into", DOC, "--label", "Proposal (TXT)",
                          "--date", "2021-04-21", "--kind", "draft")  # fmt: skip
    assert code == 0, err
    assert "stored as version" in out

    # The same text as a paged PDF: page breaks, page numbers and wrapped lines are no change -> same version.
    pdf = _pdf(tmp_path / "proposal.pdf", OLD_ACT)
    code, out, err = run_cli(monkeypatch, capsys, "import", str(pdf), "--into", DOC, "--label", "Proposal (PDF)",
                          "--date", "2021-04-22")  # fmt: skip
    assert code == 0, err
    code, out, err = run_cli(monkeypatch, capsys, "diff", DOC, "--from", "Proposal (TXT)", "--to", "Proposal (PDF)",
                          "--format", "json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert [p["status"] for p in data["provisions"] if p["status"] != "unchanged"] == []

    docx_file = _docx(tmp_path / "final.docx", NEW_ACT)
    code, out, err = run_cli(monkeypatch, capsys, "import", str(docx_file), "--into", DOC, "--label", "Final (DOCX)",
                          "--date", "2024-07-12", "--kind", "original")  # fmt: skip
    assert code == 0, err
    html_file = tmp_path / "final.html"
    html_file.write_text("<html><head><script>x=1</script></head><body>"
                         + "".join(f"<p>{line}</p>" for line in NEW_ACT.split("\n")) + "</body></html>")  # fmt: skip
    code, out, err = run_cli(monkeypatch, capsys, "import", str(html_file), "--into", DOC, "--label", "Final (HTML)",
                          "--date", "2024-07-13", "--kind", "consolidated")  # fmt: skip
    assert code == 0, err

    code, out, err = run_cli(monkeypatch, capsys, "diff", DOC, "--from", "Proposal (TXT)", "--to", "Final (DOCX)")
    assert code == 0, err
    assert "Article 2 moved to Article 3" in out and "Article 2 inserted" in out
    assert "[-users-] {+deployers+}" in out
    # DOCX and HTML of one text: nothing changes
    code, out, err = run_cli(monkeypatch, capsys, "diff", DOC, "--from", "Final (DOCX)", "--to", "Final (HTML)",
                          "--format", "json")  # fmt: skip
    assert json.loads(out)["counts"]["unchanged"] > 0
    assert sum(v for k, v in json.loads(out)["counts"].items() if k not in ("unchanged",)) == 0

    # point in time: the version in force on a date, and the diff against it
    code, out, err = run_cli(monkeypatch, capsys, "versions", DOC, "--as-of", "2023-01-01", "--json")
    data = json.loads(out)
    assert data["as_of"]["label"] == "Proposal (PDF)"
    code, out, err = run_cli(monkeypatch, capsys, "versions", DOC, "--as-of", "2024-07-12")
    assert "In force on 2024-07-12: version" in out and "Final" in out
    assert [v["kind"] for v in data["versions"]] == ["draft", "imported", "original", "consolidated"]
    code, out, err = run_cli(monkeypatch, capsys, "diff", DOC, "--from", "Proposal (TXT)", "--as-of", "2024-07-12",
                          "--format", "json")  # fmt: skip
    assert json.loads(out)["to"]["label"] == "Final (DOCX)"
    code, out, err = run_cli(monkeypatch, capsys, "show", DOC, "--json")
    assert {v["provenance"] for v in json.loads(out)["versions"]} == {"imported"}  # never shown as fetched

    # HTML export to a file
    target = tmp_path / "redline.html"
    code, out, err = run_cli(monkeypatch, capsys, "diff", DOC, "--from", "Proposal (TXT)", "--to", "Final (DOCX)",
                          "--format", "html", "--output", str(target))  # fmt: skip
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert "<del>users </del><ins>deployers </ins>" in page and "<script" not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "is not a readable PDF"),
        ("broken.docx", b"not a zip archive", "is not a readable DOCX file"),
        ("empty.txt", b"  \n ", "holds no text to import"),
        ("table.xlsx", b"PK", "unknown format"),
    ],
)
def test_bad_file_is_one_sentence_and_exit_1(ailaw_home: Path, tmp_path: Path, monkeypatch, capsys, name: str,
                                             content: bytes, message: str) -> None:  # fmt: skip
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run_cli(monkeypatch, capsys, "import", str(bad), "--into", DOC, "--label", "x")
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len([line for line in err.strip().splitlines() if line]) == 1


def test_scanned_pdf_without_text_layer_is_refused(ailaw_home: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(50, 50, 200, 200, fill=1)  # an image-like page with no text
    c.showPage()
    c.save()
    code, out, err = run_cli(monkeypatch, capsys, "import", str(scan), "--into", DOC, "--label", "scan")
    assert code == 1 and "no text layer" in err


def test_diff_of_unknown_document_is_one_sentence(ailaw_home: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(monkeypatch, capsys, "diff", "eu/celex/00000X0000")
    assert code == 1 and "no document with id" in err


EX = Path(__file__).resolve().parent.parent / "examples" / "ru"
HAS_ANTIWORD = shutil.which("antiword") is not None


def test_cli_imports_rtf_and_doc(ailaw_home, tmp_path, monkeypatch, capsys):
    rtf = tmp_path / "zakon.rtf"
    rtf.write_bytes((EX / "sozd_attachment-law_documented_example.rtf").read_bytes())
    code, out, err = run_cli(monkeypatch, capsys, "import", str(rtf), "--into", "ru/duma/7654321-8", "--label",
                          "Текст закона (RTF)", "--language", "ru")  # fmt: skip
    assert code == 0, err
    doc = tmp_path / "proekt.doc"
    doc.write_bytes((EX / "regulation_draft-text_documented_example.doc").read_bytes())
    if not HAS_ANTIWORD:
        monkeypatch.setattr("texts.extract.shutil.which", lambda name: None)
    code, out, err = run_cli(monkeypatch, capsys, "import", str(doc), "--into", "ru/duma/7654321-8", "--label",
                          "Текст (DOC)", "--language", "ru")  # fmt: skip
    if HAS_ANTIWORD:
        assert code == 0, err
    else:
        assert code == 1 and "antiword" in err and len(err.strip().splitlines()) == 1
