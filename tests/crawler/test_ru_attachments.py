"""Bill and draft attachment texts become Versions; the per-bill RSS skips an unchanged SOZD card.

The real spiders run (``ailaw.jobs.crawl``, a child process, as the CLI does) over WARC archives written here from
the documented examples in tests/examples/ru/ — a SOZD card with six attachments (three texts of the bill in PDF,
DOCX and RTF; three documents about it), the bill's RSS feed, a regulation.gov.ru card with a DOCX and a .doc text —
so nothing touches the network. What was requested shows in the replay: a URL the spider asks for that the archive
lacks is counted as a miss on the crawl run (except the optional RSS), so an archive without the card proves that
the card was not asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from crawler.archive import ArchiveWriter
from crawler.parsers.ru_regulation import parse_draft_text
from crawler.parsers.ru_sozd import FeedEntry, is_bill_text, parse_attachment, parse_rss, rss_marker
from store.items import ParseFailure, VersionItem
from store.vocab import VersionKind

EX = Path(__file__).resolve().parent.parent / "examples" / "ru"
WAF_PAGE = EX.parent / "eu" / "eurlex_aws_waf_challenge.html"

BILL = "7654321-8"
CARD = f"https://sozd.duma.gov.ru/bill/{BILL}"
RSS = f"{CARD}/rss"
DOWNLOAD = "https://sozd.duma.gov.ru/download/00000000-0000-0000-0000-0000000000{}"
PDF_URL, DOCX_URL, RTF_URL = DOWNLOAD.format(11), DOWNLOAD.format(14), DOWNLOAD.format(16)
NOT_TEXTS = [DOWNLOAD.format(12), DOWNLOAD.format(13), DOWNLOAD.format(15)]  # note, justification, amendment table
OCTET = ("Content-Type", "application/octet-stream")

PROJECT = "100001"
PROJECT_URL = f"https://regulation.gov.ru/api/public/Projects/{PROJECT}"
FILE_URL = "https://regulation.gov.ru/Files/GetFile?fileid=00000000-0000-0000-0000-00000000000{}"
DOCX_FILE, DOC_FILE = FILE_URL.format(3), FILE_URL.format(4)

HAS_ANTIWORD = shutil.which("antiword") is not None
ONE_SENTENCE = re.compile(r"^[^\n]+[.!]$")


def ex(name: str) -> bytes:
    return (EX / name).read_bytes()


def scanned_pdf() -> bytes:
    """A real PDF whose only page is a drawing: no text layer, as a scanned bill."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def rss_with_new_event() -> bytes:
    """The documented feed with one more, newer item on top (the Federation Council approved the law)."""
    newer = (
        f"<item><title>Одобрить закон</title><link>{CARD}</link>"
        f'<guid isPermaLink="false">{BILL}-6.1</guid><pubDate>Wed, 29 Apr 2026 12:00:00 +0300</pubDate></item>\n'
    )
    return ex("sozd_bill-rss_documented_example.xml").replace(b"<item>", newer.encode() + b"<item>", 1)


def good_attachments() -> list[tuple[str, int, list[tuple[str, str]], bytes]]:
    return [
        (PDF_URL, 200, [OCTET, ("Content-Disposition", "attachment; filename*=UTF-8''%D0%97%D0%B0%D0%BA%D0%BE%D0%BD.pdf")],
         ex("sozd_attachment-introduced_documented_example.pdf")),
        (DOCX_URL, 200, [OCTET, ("Content-Disposition", 'attachment; filename="7654321-8_2chtenie.docx"')],
         ex("sozd_attachment-second-reading_documented_example.docx")),
        (RTF_URL, 200, [OCTET], ex("sozd_attachment-law_documented_example.rtf")),  # no name: magic bytes decide
    ]  # fmt: skip


def card() -> tuple[str, int, list[tuple[str, str]], bytes]:
    return (
        CARD,
        200,
        [("Content-Type", "text/html; charset=utf-8")],
        ex("sozd_bill-card-attachments_documented_example.html"),
    )


def rss(body: bytes | None = None) -> tuple[str, int, list[tuple[str, str]], bytes]:
    return (
        RSS,
        200,
        [("Content-Type", "application/rss+xml; charset=utf-8")],
        body or ex("sozd_bill-rss_documented_example.xml"),
    )


def write_archive(path: Path, records: list[tuple[str, int, list[tuple[str, str]], bytes]]) -> Path:
    writer = ArchiveWriter(path)
    for url, status, headers, body in records:
        writer.write(url=url, status=status, reason="OK" if status < 400 else "Not Found", headers=headers, body=body)
    writer.close()
    return path


def crawl(spider: str, archive: Path, **kwargs: str):
    from ailaw import jobs

    (summary,) = jobs.crawl([spider], replay=archive, spider_kwargs={spider: kwargs})
    return summary


def stored(doc_id: str):
    from store.db import session_scope
    from store.read import get_document

    with session_scope() as session:
        return get_document(session=session, doc_id=doc_id)


def real_errors(summary) -> list[dict]:
    return [e for e in summary.errors if e.get("kind") != "miss"]


# --- pure parsers ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "is_text"),
    [
        ("Текст внесенного законопроекта", True),
        ("Текст внесённого законопроекта", True),
        ("Текст законопроекта ко второму чтению", True),
        ("Законопроект (текст ко второму чтению)", True),
        ("Текст закона, принятого Государственной Думой", True),
        ("Федеральный закон", True),
        ("Проект федерального закона", True),
        ("Федеральный конституционный закон", True),
        ("Пояснительная записка", False),
        ("Пояснительная записка к законопроекту", False),
        ("Финансово-экономическое обоснование", False),
        ("Перечень актов, подлежащих признанию утратившими силу", False),
        ("Заключение Правительства Российской Федерации", False),
        ("Официальный отзыв Правительства", False),
        ("Таблица поправок, рекомендуемых к принятию", False),
        ("Поправки к законопроекту", False),
        ("Постановление Государственной Думы", False),
        ("Проект постановления", False),
        ("Сопроводительное письмо", False),
        ("Сравнительная таблица", False),
        ("", False),
    ],
)
def test_which_attachments_are_texts_of_the_bill(title, is_text):
    assert is_bill_text(title) is is_text


def test_attachment_formats_from_disposition_content_type_and_magic_bytes():
    kwargs = {"url": DOWNLOAD.format(99), "number": BILL, "title": "Текст закона", "event": "Принять закон",
              "date": "2026-04-22"}  # fmt: skip
    pdf = ex("sozd_attachment-introduced_documented_example.pdf")
    docx = ex("sozd_attachment-second-reading_documented_example.docx")
    rtf = ex("sozd_attachment-law_documented_example.rtf")
    (v_pdf,) = parse_attachment(pdf, content_disposition=b'attachment; filename="\xd0\x97.pdf"', **kwargs)
    (v_docx,) = parse_attachment(docx, content_type="application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.document", **kwargs)  # fmt: skip
    (v_rtf,) = parse_attachment(rtf, content_disposition="attachment; filename=zakon.doc", **kwargs)  # RTF as .doc
    assert [v.notes[0].split(" file")[0] for v in (v_pdf, v_docx, v_rtf)] == [
        "text extracted by ailaw from the PDF", "text extracted by ailaw from the DOCX",
        "text extracted by ailaw from the RTF",
    ]  # fmt: skip
    assert v_pdf.notes == ["text extracted by ailaw from the PDF file З.pdf"]
    for v in (v_pdf, v_docx, v_rtf):
        assert isinstance(v, VersionItem) and v.kind == VersionKind.BILL_TEXT and v.doc_id == f"ru/duma/{BILL}"
        assert v.text.startswith("I. Общие положения\n1. Настоящей Стратегией определяются цели")
        assert v.label == "Текст закона — Принять закон, 22.04.2026" and v.date == dt.date(2026, 4, 22)


@pytest.mark.parametrize(
    ("body", "headers", "says"),
    [
        (b"", {}, "the download is empty."),
        (WAF_PAGE.read_bytes(), {"content_type": "text/html"}, "a WAF challenge page, not the file."),
        (b"<html><body>Access denied</body></html>", {"content_type": "text/html"}, "an HTML page, not the file"),
        (b"%PDF-1.4 truncated", {}, "is not a readable PDF"),
        (b"PK\x03\x04 not really a zip", {"content_disposition": 'attachment; filename="t.docx"'},
         "t.docx is not a readable DOCX file."),
        (b"\x00\x01\x02 what is this", {}, "the file is in an unknown format"),
    ],
)  # fmt: skip
def test_a_bad_attachment_is_one_sentence_naming_bill_and_attachment(body, headers, says):
    (failure,) = parse_attachment(body, url=PDF_URL, number=BILL, title="Текст закона", **headers)
    assert isinstance(failure, ParseFailure) and failure.url == PDF_URL
    assert failure.reason.startswith(f"SOZD (sozd.duma.gov.ru) bill {BILL}, attachment «Текст закона»: ")
    assert says in failure.reason and ONE_SENTENCE.match(failure.reason), failure.reason


def test_scanned_attachment_has_no_text_layer():
    (failure,) = parse_attachment(scanned_pdf(), url=PDF_URL, number=BILL, title="Текст закона")
    assert "has no text layer (a scanned PDF?)" in failure.reason and ONE_SENTENCE.match(failure.reason)


def test_rss_newest_item_and_bad_feeds():
    entries = list(parse_rss(ex("sozd_bill-rss_documented_example.xml"), url=RSS))
    assert all(isinstance(e, FeedEntry) for e in entries) and len(entries) == 4
    assert rss_marker(entries) == {"guid": f"{BILL}-5.1", "published": "2026-04-22T09:00:00+00:00"}
    newer = [e for e in parse_rss(rss_with_new_event(), url=RSS) if isinstance(e, FeedEntry)]
    assert rss_marker(newer) == {"guid": f"{BILL}-6.1", "published": "2026-04-29T09:00:00+00:00"}
    for body in (WAF_PAGE.read_bytes(), b"<html><body>Not found</body></html>", b"{}"):
        (failure,) = parse_rss(body, url=RSS)
        assert isinstance(failure, ParseFailure), body[:40]
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    assert list(parse_rss(empty, url=RSS)) == [] and rss_marker([]) is None


@pytest.mark.skipif(not HAS_ANTIWORD, reason="antiword is not installed (scripts/system_deps.sh installs it)")
def test_regulation_doc_file_is_read_with_antiword():
    (v,) = parse_draft_text(ex("regulation_draft-text_documented_example.doc"), url=DOC_FILE, project=PROJECT,
                            label="Текст", date="2026-04-02", content_type="application/msword")  # fmt: skip
    assert v.kind == VersionKind.DRAFT and v.notes == ["text extracted by ailaw from the Word 97–2003 (.doc) file"]
    assert [p.key for p in v.provisions][:4] == ["intro", "sec_I", "p_1", "p_2"] and "p_4.з" in [
        p.key for p in v.provisions
    ]


def test_doc_without_antiword_is_one_clear_sentence(monkeypatch):
    from texts import extract as importer

    monkeypatch.setattr(importer.shutil, "which", lambda name: None)
    (failure,) = parse_draft_text(ex("regulation_draft-text_documented_example.doc"), url=DOC_FILE, project=PROJECT,
                                  label="Текст")  # fmt: skip
    assert isinstance(failure, ParseFailure) and ONE_SENTENCE.match(failure.reason)
    assert "needs the antiword program, which is not installed (apt-get install antiword)" in failure.reason


# --- SOZD spider over replayed archives --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sozd_runs(tmp_path_factory):
    """One data home, four crawls of bill 7654321-8: first read; unchanged RSS (the archive has no card);
    a newer RSS item; RSS missing from the archive."""
    from tests.conftest import ailaw_env

    tmp = tmp_path_factory.mktemp("sozd-attachments")
    archives = {
        "first": write_archive(tmp / "first.warc.gz", [rss(), card(), *good_attachments()]),
        "unchanged": write_archive(tmp / "unchanged.warc.gz", [rss()]),  # no card: asking for it would be a miss
        "newer": write_archive(tmp / "newer.warc.gz", [rss(rss_with_new_event()), card(), *good_attachments()]),
        "no-rss": write_archive(tmp / "no-rss.warc.gz", [card(), *good_attachments()]),
    }
    runs: dict = {}
    with ailaw_env(tmp / "home"):
        for name, archive in archives.items():
            runs[name] = crawl("ru_sozd", archive, bill_number=BILL)
            runs[f"{name}:doc"] = stored(f"ru/duma/{BILL}")
    return runs


def test_card_text_attachments_become_bill_text_versions(sozd_runs):
    first, detail = sozd_runs["first"], sozd_runs["first:doc"]
    assert real_errors(first) == [] and first.misses == 0, first.errors  # nothing else asked: notes etc. skipped
    assert first.new_documents == 1 and first.new_versions == 3
    versions = sorted(detail.versions, key=lambda v: v.date)
    assert [(v.kind, v.date, v.label) for v in versions] == [
        ("bill-text", dt.date(2026, 2, 24),
         "Текст внесенного законопроекта — Внесён в Государственную Думу, зарегистрирован, 24.02.2026"),
        ("bill-text", dt.date(2026, 4, 15),
         "Текст законопроекта ко второму чтению — Принять законопроект во втором чтении, 15.04.2026"),
        ("bill-text", dt.date(2026, 4, 22), "Текст закона, принятого Государственной Думой — Принять закон, 22.04.2026"),
    ]  # fmt: skip
    assert [v.source_url for v in versions] == [PDF_URL, DOCX_URL, RTF_URL]
    assert [v.notes[0].split(" from the ")[1].split(" ")[0] for v in versions] == ["PDF", "DOCX", "RTF"]
    keys = [[p["key"] for p in v.provisions] for v in versions]
    assert keys[0] == ["sec_I", "p_1", "p_2", "p_3"]  # the PDF's hard-wrapped lines joined first
    assert keys[1][-1] == "p_4.з" and keys[2][-4:] == ["p_5.а", "p_5.б", "p_5.в", "p_5.г"]
    assert all(v.archive_record_id for v in versions)  # provenance: the WARC record of each file
    assert detail.document.extra["rss_last"] == {"guid": f"{BILL}-5.1", "published": "2026-04-22T09:00:00+00:00"}
    assert not set(NOT_TEXTS) & {v.source_url for v in versions}


def test_unchanged_rss_skips_the_card(sozd_runs):
    again = sozd_runs["unchanged"]
    # The archive holds only the RSS: had the spider asked for the card or a file, the replay would count a miss.
    assert again.misses == 0 and again.items == 0 and real_errors(again) == [], again.errors
    assert len(sozd_runs["unchanged:doc"].versions) == 3


def test_a_newer_rss_item_reads_the_card_again_and_stores_nothing_twice(sozd_runs):
    newer = sozd_runs["newer"]
    assert newer.misses == 0 and real_errors(newer) == [] and newer.items > 0
    assert newer.new_versions == 0 and newer.unchanged >= 3  # the same files: one version per SHA-256
    extra = sozd_runs["newer:doc"].document.extra
    assert extra["rss_last"] == {"guid": f"{BILL}-6.1", "published": "2026-04-29T09:00:00+00:00"}


def test_rss_missing_from_the_archive_is_no_miss_and_the_card_is_read(sozd_runs):
    run = sozd_runs["no-rss"]
    assert run.misses == 0 and real_errors(run) == [] and run.items > 0, run.errors
    assert "not in archive" not in run.line()


@pytest.fixture(scope="module")
def sozd_failures(tmp_path_factory):
    """A 404, a WAF page and a scan in place of the three texts (RSS answered 404); then a crawl with the same RSS
    and the real files: the card is read again because texts it lists are not stored yet."""
    from tests.conftest import ailaw_env

    tmp = tmp_path_factory.mktemp("sozd-failures")
    bad = [
        (PDF_URL, 404, [("Content-Type", "text/html")], b"<html><body>Not found</body></html>"),
        (DOCX_URL, 200, [("Content-Type", "text/html")], WAF_PAGE.read_bytes()),
        (RTF_URL, 200, [OCTET, ("Content-Disposition", 'attachment; filename="zakon.pdf"')], scanned_pdf()),
    ]
    rss_404 = (RSS, 404, [("Content-Type", "text/html")], b"<html><body>Not found</body></html>")
    runs: dict = {}
    with ailaw_env(tmp / "home"):
        runs["bad"] = crawl("ru_sozd", write_archive(tmp / "bad.warc.gz", [rss_404, card(), *bad]), bill_number=BILL)
        runs["bad:doc"] = stored(f"ru/duma/{BILL}")
        runs["rss"] = crawl("ru_sozd", write_archive(tmp / "rss.warc.gz", [rss(), card(), *bad]), bill_number=BILL)
        runs["retry"] = crawl(
            "ru_sozd", write_archive(tmp / "retry.warc.gz", [rss(), card(), *good_attachments()]), bill_number=BILL
        )
        runs["retry:doc"] = stored(f"ru/duma/{BILL}")
    return runs


def test_each_failed_attachment_is_one_sentence_and_the_rest_is_kept(sozd_failures):
    run, detail = sozd_failures["bad"], sozd_failures["bad:doc"]
    assert run.misses == 0, run.errors  # the RSS 404 is no error either: the card is read instead
    by_url = {e["url"]: e["message"] for e in real_errors(run)}
    assert set(by_url) == {PDF_URL, DOCX_URL, RTF_URL}, run.errors
    prefix = f"SOZD (sozd.duma.gov.ru) bill {BILL}, attachment «"
    assert by_url[PDF_URL] == f"{prefix}Текст внесенного законопроекта»: the download answered HTTP 404; skipped."
    assert by_url[DOCX_URL].endswith("»: the server answered with a WAF challenge page, not the file.")
    assert by_url[RTF_URL].endswith(
        "»: zakon.pdf has no text layer (a scanned PDF?); run OCR on it and import the text."
    )
    assert all(m.startswith(prefix) and ONE_SENTENCE.match(m) for m in by_url.values())
    assert detail is not None and detail.versions == [] and len(detail.events) == 5  # the card itself is stored
    assert "rss_last" not in detail.document.extra


def test_texts_missing_from_the_store_make_the_card_read_despite_an_unchanged_rss(sozd_failures):
    assert len(real_errors(sozd_failures["rss"])) == 3  # still broken: recorded again, not forgotten
    retry = sozd_failures["retry"]
    assert real_errors(retry) == [] and retry.new_versions == 3, retry.errors
    assert len(sozd_failures["retry:doc"].versions) == 3


# --- regulation.gov.ru spider ------------------------------------------------------------------------------------
def regulation_card() -> tuple[str, int, list[tuple[str, str]], bytes]:
    return (PROJECT_URL, 200, [("Content-Type", "application/json; charset=utf-8")],
            ex("regulation_project-pending_documented_example.json"))  # fmt: skip


@pytest.fixture(scope="module")
def regulation_runs(tmp_path_factory):
    from tests.conftest import ailaw_env

    tmp = tmp_path_factory.mktemp("regulation-files")
    docx = (DOCX_FILE, 200, [OCTET, ("Content-Disposition", "attachment; filename*=UTF-8''%D0%9F%D1%80%D0%BE"
                                                            "%D0%B5%D0%BA%D1%82.docx")],
            ex("regulation_draft-text_docx_documented_example.docx"))  # fmt: skip
    doc = (DOC_FILE, 200, [("Content-Type", "application/msword")], ex("regulation_draft-text_documented_example.doc"))
    broken = (DOCX_FILE, 200, [OCTET, ("Content-Disposition", 'attachment; filename="Проект.docx"')],
              b"PK\x03\x04 a damaged archive")  # fmt: skip
    runs: dict = {}
    with ailaw_env(tmp / "home"):
        archive = write_archive(tmp / "good.warc.gz", [regulation_card(), docx, doc])
        runs["good"] = crawl("ru_regulation", archive, project=PROJECT)
        runs["good:doc"] = stored(f"ru/regulation/{PROJECT}")
        runs["again"] = crawl("ru_regulation", archive, project=PROJECT)
    with ailaw_env(tmp / "home-broken"):
        runs["broken"] = crawl(
            "ru_regulation", write_archive(tmp / "broken.warc.gz", [regulation_card(), broken, doc]), project=PROJECT
        )
        runs["broken:doc"] = stored(f"ru/regulation/{PROJECT}")
    return runs


def test_draft_text_files_become_draft_versions_dated_by_the_file(regulation_runs):
    run, detail = regulation_runs["good"], regulation_runs["good:doc"]
    assert run.misses == 0, run.errors  # the ОРВ summary report is not a text: never asked for
    versions = sorted(detail.versions, key=lambda v: v.date)
    docx = versions[0]
    assert (docx.kind, docx.date, docx.source_url) == ("draft", dt.date(2026, 3, 18), DOCX_FILE)
    assert docx.label == "Текущая версия текста проекта — Публичное обсуждение текста проекта, 18.03.2026"
    assert [p["key"] for p in docx.provisions] == ["intro", "sec_I", "p_1", "p_2"]
    if HAS_ANTIWORD:
        assert real_errors(run) == [] and run.new_versions == 2
        doc = versions[1]
        assert (doc.kind, doc.date, doc.source_url) == ("draft", dt.date(2026, 4, 2), DOC_FILE)
        assert doc.label == "Текущая версия текста проекта — Оценка регулирующего воздействия, 02.04.2026"
        assert doc.notes == ["text extracted by ailaw from the Word 97–2003 (.doc) file"]
        assert [p["key"] for p in doc.provisions][-1] == "p_4.з"
    else:  # the .doc is refused with the one sentence that says what to install; the DOCX is kept
        assert run.new_versions == 1
        (error,) = real_errors(run)
        assert error["url"] == DOC_FILE and "antiword" in error["message"]
    again = regulation_runs["again"]
    assert again.new_versions == 0 and again.misses == 0


def test_an_unreadable_draft_file_is_one_sentence_and_the_other_is_kept(regulation_runs):
    run = regulation_runs["broken"]
    errors = [e for e in real_errors(run) if e["url"] == DOCX_FILE]
    assert [e["message"] for e in errors] == [
        "regulation.gov.ru project 100001, file «Текущая версия текста проекта — Публичное обсуждение текста проекта, "
        "18.03.2026»: Проект.docx is not a readable DOCX file."
    ]
    assert len(regulation_runs["broken:doc"].versions) == (1 if HAS_ANTIWORD else 0)


def test_examples_say_they_are_built_from_documentation():
    for name in ("sozd_attachment-introduced_documented_example.pdf", "sozd_attachment-law_documented_example.rtf",
                 "sozd_attachment-second-reading_documented_example.docx", "sozd_bill-rss_documented_example.xml",
                 "regulation_draft-text_docx_documented_example.docx"):  # fmt: skip
        meta = json.loads((EX / f"{name}.meta.json").read_text(encoding="utf-8"))
        assert meta["origin"] == "documented" and ("documentation" in meta["note"] or "specification" in meta["note"])
