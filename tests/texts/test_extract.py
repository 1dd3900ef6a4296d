"""Text from bytes in one place (``texts.extract_text``): the format from the file name, the content
type, then the magic bytes; RTF and legacy .doc beside PDF, DOCX, HTML and text; one sentence for a bad file; and
and the readers `ailaw import` uses (tests/ailaw/test_import.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.errors import ParseError
from texts.extract import detect_format, extract_text, filename_from_disposition

EX = Path(__file__).resolve().parent.parent / "examples" / "ru"
PDF = (EX / "sozd_attachment-introduced_documented_example.pdf").read_bytes()
DOCX = (EX / "sozd_attachment-second-reading_documented_example.docx").read_bytes()
RTF = (EX / "sozd_attachment-law_documented_example.rtf").read_bytes()
DOC = (EX / "regulation_draft-text_documented_example.doc").read_bytes()
HAS_ANTIWORD = shutil.which("antiword") is not None


def _escaped(rtf: bytes) -> bytes:
    """Cyrillic bytes as RTF writes them: 7-bit, each 8-bit byte an \\'xx escape."""
    return b"".join(bytes(f"\\'{b:02x}", "ascii") if b > 127 else bytes([b]) for b in rtf)


@pytest.mark.parametrize(
    ("body", "filename", "content_type", "expected"),
    [
        (b"anything", "zakon.docx", "application/pdf", "docx"),  # the real name comes first
        (b"anything", None, "application/msword", "doc"),  # then the content type
        (b"anything", None, "text/rtf; charset=windows-1251", "rtf"),
        (PDF, None, "application/octet-stream", "pdf"),  # then the magic bytes
        (DOCX, None, None, "docx"),
        (RTF, None, None, "rtf"),
        (DOC, None, None, "doc"),
        (RTF, "zakon.doc", "application/msword", "rtf"),  # RTF served as .doc: the bytes win
        (PDF, "scan.txt", None, "pdf"),
        (b"<!DOCTYPE html><html><p>x</p></html>", None, None, "html"),
        (b"\x00\x01 garbage", None, "application/octet-stream", None),
        (b"plain words", "notes.md", None, "txt"),
    ],
)
def test_detect_format(body, filename, content_type, expected):
    assert detect_format(body, filename=filename, content_type=content_type) == expected


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="law.rtf"', "law.rtf"),
        ("attachment; filename=law.pdf", "law.pdf"),
        ("attachment; filename*=UTF-8''%D0%97%D0%B0%D0%BA%D0%BE%D0%BD.pdf", "Закон.pdf"),
        ("attachment; filename=\"fallback.doc\"; filename*=UTF-8''%D0%97.docx", "З.docx"),
        ('attachment; filename="Проект.docx"'.encode(), "Проект.docx"),  # raw UTF-8 bytes
        ('attachment; filename="Проект.rtf"'.encode("cp1251"), "Проект.rtf"),  # raw Windows-1251 bytes
        ('attachment; filename="../../etc/passwd.pdf"', "passwd.pdf"),  # a name, never a path
        ("inline", None),
        (None, None),
        (b"", None),
    ],
)
def test_filename_from_content_disposition(header, name):
    assert filename_from_disposition(header) == name


def test_each_format_gives_the_same_russian_text():
    texts = {fmt: extract_text(body).text for fmt, body in (("pdf", PDF), ("docx", DOCX), ("rtf", RTF))}
    for text in texts.values():
        assert text.startswith("I. Общие положения\n1. Настоящей Стратегией определяются цели и основные задачи")
    assert "\\" not in texts["rtf"] and "{" not in texts["rtf"]  # no RTF control words leak into the text
    assert extract_text(RTF).format == "rtf" and texts["rtf"].endswith("на основе искусственного интеллекта;")


def test_rtf_in_code_page_1251_with_escapes():
    raw = b"{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fcharset204 Times;}}\\f0 "
    raw += _escaped("Статья 1. Предмет регулирования\\par 1. Закон регулирует отношения.".encode("cp1251")) + b"}"
    got = extract_text(raw)
    assert got.format == "rtf" and got.text == "Статья 1. Предмет регулирования\n1. Закон регулирует отношения."


def test_html_charset_from_the_content_type_and_from_meta():
    body = "<html><body><p>Статья 1. Предмет</p><p>Текст статьи.</p></body></html>".encode("cp1251")
    assert (
        extract_text(body, content_type="text/html; charset=windows-1251").text == "Статья 1. Предмет\n\nТекст статьи."
    )
    meta = b'<html><head><meta charset="windows-1251"></head>' + body[6:]
    assert extract_text(meta).text == "Статья 1. Предмет\n\nТекст статьи."


def test_text_in_windows_1251():
    assert extract_text("Статья 1. Текст закона.".encode("cp1251"), filename="a.txt").text == "Статья 1. Текст закона."


@pytest.mark.skipif(not HAS_ANTIWORD, reason="antiword is not installed (scripts/system_deps.sh installs it)")
def test_doc_is_read_with_antiword():
    got = extract_text(DOC, filename="Проект.doc")
    assert got.format == "doc" and got.text.startswith("НАЦИОНАЛЬНАЯ СТРАТЕГИЯ")
    assert "а) Стратегия развития информационного общества" in got.text  # Cyrillic comes out as UTF-8


@pytest.mark.parametrize(
    ("body", "kwargs", "message"),
    [
        (b"%PDF-1.4 broken", {"filename": "a.pdf"}, "a.pdf is not a readable PDF"),
        (b"PK\x03\x04 broken", {}, "the file is not a readable DOCX file."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, {"filename": "b.doc"},
         "b.doc is not a readable Word 97–2003 (.doc) file"),
        (b"\x00\x01 garbage", {}, "the file is in an unknown format; ailaw reads PDF, DOCX, DOC, RTF, HTML and text"),
        (b"  \n ", {"filename": "empty.txt"}, "empty.txt holds no text to import."),
    ],
)  # fmt: skip
def test_a_bad_file_is_one_sentence(body, kwargs, message):
    if "doc" in message and not HAS_ANTIWORD:
        pytest.skip("antiword is not installed")
    with pytest.raises(ParseError) as caught:
        extract_text(body, **kwargs)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_doc_without_antiword_says_what_to_install(monkeypatch):
    from texts import extract as importer

    monkeypatch.setattr(importer.shutil, "which", lambda name: None)
    with pytest.raises(ParseError) as caught:
        extract_text(DOC, filename="Проект.doc")
    assert str(caught.value) == (
        "Проект.doc is a Word 97–2003 (.doc) file, and reading it needs the antiword program, which is not installed "
        "(apt-get install antiword)."
    )
