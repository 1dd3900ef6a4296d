"""One charset detection for every text: declarations (w3lib) believed only without mojibake, then strict UTF-8, then
charset-normalizer among the encodings of ailaw's sources."""

from __future__ import annotations

import pytest

from texts.charset import decode


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<p>Статья 6. Регулирование</p>".encode("cp1251"), None),  # no declaration at all
        ("<p>Статья 6. Регулирование</p>".encode("cp1251"), "text/html; charset=windows-1251"),
        ("<p>Статья 6. Регулирование</p>".encode(), "text/html; charset=windows-1251"),  # a lying header
        ('<meta charset="windows-1251"><p>Статья 6. Регулирование</p>'.encode(), None),  # a lying meta
        (b"\xef\xbb\xbf" + "<p>Статья 6. Регулирование</p>".encode(), None),
    ],
)
def test_russian_pages_decode_whatever_they_declare(body, content_type):
    assert "Статья 6. Регулирование" in decode(body, content_type=content_type).text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866"])
def test_undeclared_cyrillic_code_pages_are_detected(encoding):
    body = "Статья 1. Предмет регулирования настоящего Федерального закона".encode(encoding)
    got = decode(body, markup=False)
    assert got.text.startswith("Статья 1. Предмет регулирования") and got.how == "detected"


def test_an_xml_declaration_is_read_for_markup_only():
    body = '<?xml version="1.0" encoding="koi8-r"?><html><p>Указ о развитии</p></html>'.encode("koi8-r")
    assert decode(body).how == "declared"
    assert "Указ о развитии" in decode(body).text
