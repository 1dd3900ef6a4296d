"""A downloaded file (a bill's attachment, a draft's text file) -> its text, for the parsers that turn it into a
Version. No network, no DB, no clock.

The reading itself lives in one place, ``texts.extract_text`` (PDF, DOCX, DOC, RTF, HTML, TXT; the
format from the ``Content-Disposition`` file name, then the content type, then the magic bytes). This module adds
what only a crawl meets: a download answered with an HTML page instead of the file — an anti-bot / WAF challenge
(``crawler.parsers.waf``) or an error page served with status 200 — which must never become a "new version".
Every problem comes back as one ParseFailure sentence that says which file it was; the spider records it on the
crawl run and goes on with the other files. The text is split by ``texts.provisions_of``, as ``ailaw import``
splits the same file.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.dates import fast_date
from store.errors import ParseError
from store.items import Item, ParseFailure, VersionItem
from store.vocab import VersionKind
from texts import FORMAT_NAMES, ExtractedText, detect_format, extract_text, filename_from_disposition, provisions_of

from .waf import is_waf_challenge


def file_text(
    body: bytes,
    *,
    url: str,
    what: str,
    content_disposition: str | bytes | None = None,
    content_type: str | None = None,
    html_is_text: bool = False,
) -> tuple[ExtractedText, str | None] | ParseFailure:
    """(text, file name) of a downloaded file, or one ParseFailure naming ``what`` (e.g. «bill 1234567-8,
    attachment «Текст закона»»). ``html_is_text``: the source publishes texts as HTML pages too, so an HTML answer is
    read rather than refused (still never a WAF challenge)."""
    filename = filename_from_disposition(content_disposition)
    if not body.strip():
        return ParseFailure(url=url, reason=f"{what}: the download is empty.")
    if is_waf_challenge(body):
        return ParseFailure(url=url, reason=f"{what}: the server answered with a WAF challenge page, not the file.",
                            kind="waf")  # fmt: skip
    fmt = detect_format(body, filename=filename, content_type=content_type)
    if fmt == "html" and not html_is_text:
        return ParseFailure(
            url=url, reason=f"{what}: the server answered with an HTML page, not the file (an error or anti-bot page?)."
        )
    try:
        return extract_text(body, filename=filename, content_type=content_type, fmt=fmt), filename
    except ParseError as exc:
        return ParseFailure(url=url, reason=f"{what}: {exc}")


def describe(extracted: ExtractedText, filename: str | None) -> str:
    """The note a Version carries about where its text came from.

    >>> describe(ExtractedText(text="…", format="rtf"), "zakon.rtf")
    'text extracted by ailaw from the RTF file zakon.rtf'
    """
    kind = FORMAT_NAMES.get(extracted.format, extracted.format)
    return f"text extracted by ailaw from the {kind} file" + (f" {filename}" if filename else "")


def file_version(
    body: bytes,
    *,
    url: str,
    what: str,
    doc_id: str,
    label: str,
    kind: VersionKind,
    date: str | None,
    download_url: str | None = None,
    content_disposition: str | bytes | None = None,
    content_type: str | None = None,
    html_is_text: bool = False,
    language: str = "ru",
    jurisdiction: str = "RU",
) -> Iterator[Item]:
    """The Version of a downloaded text, split by the splitter of its jurisdiction and language (``texts.split``;
    Russian by default), or one ParseFailure."""
    got = file_text(body, url=url, what=what, content_disposition=content_disposition, content_type=content_type,
                    html_is_text=html_is_text)  # fmt: skip
    if isinstance(got, ParseFailure):
        yield got
        return
    extracted, filename = got
    yield VersionItem(
        doc_id=doc_id,
        label=label,
        kind=kind,
        date=fast_date(date) if date else None,
        language=language,
        text=extracted.text,
        provisions=provisions_of(extracted, jurisdiction=jurisdiction, language=language),
        source_url=download_url or url,
        notes=[describe(extracted, filename)],
    )
