"""Colorado General Assembly (leg.colorado.gov, rebuilt 2025-26): a bill page -> the bill, its dated history, its
versions, its session law with the effective date, and its relations to the acts it delays or re-enacts; a PDF
(a session law, a version of the bill) -> a Version; a signed act (a scan) -> a Version by OCR.

Bill page (us-states.md §4.2; the recorded pages of SB24-205, SB25B-004 and SB26-189): number
``span.bill-detail-bill-number-tag``, title ``h1``, ``table.bill-specs-table`` (Type, Session, Subjects), long title
``p.bill-long-title``, summary ``div.bill-detail-bill-summary`` (it ends "APPROVED by Governor May 17, 2024 /
EFFECTIVE May 17, 2024"); tables under ``#bill-files-all-versions`` (Date, Version, Documents), ``#bill-histories``
(Date, Location, Action), ``#session-laws`` (Effective Date, Chapter #, Title, Documents), each cell a ``td`` with
its column in ``data-label``.

Relations come from the enacted summary, the only place the page states them: "In 2024, the general assembly
enacted Senate Bill 24-205 … The act extends the effective date of the requirements of Senate Bill 24-205 to June
30, 2026" (SB25B-004: ``delays``) and "The act repeals and reenacts those provisions" (SB26-189: ``re-enacts``).
Each also becomes a dated event on the act it touches (the day the later act was signed), so the Colorado AI Act's
own history shows its delay and its re-enactment.

Identifiers: Colorado writes ``SB24-205`` (type, session year, ``B`` for an extraordinary session, number); the
session code follows Open States (``2024A``, ``2025B``) so both sources name one document
``us/co/2024A/SB24-205``; Open States' "SB 205" is an alias.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import lxml.html

from crawler.parsers.files import describe, file_text
from crawler.parsers.ocr import OcrError, ocr_pdf
from crawler.parsers.us_bills import state_bill_document
from crawler.parsers.us_vocab import current_stage, state_action_stage
from store.dates import parse_date
from store.identifiers import normalize_state_bill, state_bill_doc_id
from store.items import EventItem, Item, ParseFailure, RelationItem, VersionItem
from store.normalize import normalize_text
from store.vocab import STAGE_ORDER, Provenance, RelationKind, Stage, VersionKind
from texts.us import split_us

SOURCE = "us_colorado"
BASE = "https://leg.colorado.gov"
BILL_URL = BASE + "/bills/{number}"
_NUMBER = re.compile(r"^(SB|HB|SJR|HJR|SR|HR|SCR|HCR|SJM|HJM|SM|HM)(\d{2})([A-Z]?)-(\d{3,4})$")
_BILL_CITE = re.compile(r"(Senate|House) Bill (\d{2}[A-Z]?)-(\d{3,4})")
_DELAY = re.compile(
    r"extends the effective date of the requirements of (?:Senate|House) Bill [\w-]+ to ([A-Z][a-z]+ \d{1,2}, \d{4})"
)
_REENACT = re.compile(r"repeals and reenacts", re.I)
_APPROVED = re.compile(r"APPROVED\s+by Governor\s+([A-Z][a-z]+ \d{1,2}, \d{4})")
_EFFECTIVE = re.compile(r"EFFECTIVE\s+([A-Z][a-z]+ \d{1,2}, \d{4})")
_VETOED = re.compile(r"VETOED\s+by Governor\s+([A-Z][a-z]+ \d{1,2}, \d{4})")


def bill_url(number: str) -> str:
    """'SB24-205' -> 'https://leg.colorado.gov/bills/sb24-205' (the address the state links to)."""
    return BILL_URL.format(number=number.lower())


def session_code(number: str) -> str:
    """The session of a Colorado bill, as Open States names it: 'SB24-205' -> '2024A', 'SB25B-004' -> '2025B'.

    >>> session_code("SB24-205"), session_code("SB25B-004")
    ('2024A', '2025B')
    """
    m = _NUMBER.match(number)
    if not m:
        raise ValueError(f"not a Colorado bill number: {number!r}")
    return f"20{m.group(2)}{m.group(3) or 'A'}"


def co_doc_id(number: str) -> str:
    """'SB24-205' -> 'us/co/2024A/SB24-205'."""
    return state_bill_doc_id("CO", session_code(number), number)


def _text(el: Any) -> str:
    return normalize_text(el.text_content()).replace("\n", " ").strip() if el is not None else ""


def _mdy(raw: str) -> dt.date | None:
    """'05/17/2024' (the site's dates are month first) or 'May 17, 2024'."""
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", raw.strip())
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
    return parse_date(raw) if raw.strip() else None


def table_rows(root: Any, container_id: str) -> list[dict[str, Any]]:
    """The rows of the table under ``#container_id``: {column: cell text, "_links": [(label, href)…]}."""
    out = []
    for tr in root.xpath(f'//*[@id="{container_id}"]//tbody/tr'):
        row: dict[str, Any] = {"_links": []}
        for td in tr.xpath("./td"):
            row[td.get("data-label") or ""] = _text(td)
            row["_links"] += [(_text(a), a.get("href")) for a in td.xpath(".//a[@href]")]
        out.append(row)
    return out


def _history(root: Any, doc_id: str) -> list[EventItem]:
    events = []
    for row in table_rows(root, "bill-histories"):
        action = row.get("Action", "")
        when = _mdy(row.get("Date", ""))
        if not action or when is None:
            continue
        events.append(EventItem(doc_id=doc_id, date=when, stage=state_action_stage(action), raw=action,
                                actor=row.get("Location") or None))  # fmt: skip
    return events


def versions_listed(root: Any, base_url: str = BASE) -> list[dict[str, Any]]:
    """The bill's versions (date, label, PDF URL) from ``#bill-files-all-versions``, newest first as shown."""
    out = []
    for row in table_rows(root, "bill-files-all-versions"):
        pdf = next((href for label, href in row["_links"] if label.upper() == "PDF"), None)
        if pdf:
            when = _mdy(row.get("Date", ""))
            out.append({"date": when.isoformat() if when else None, "label": row.get("Version", ""),
                        "url": urljoin(base_url, pdf)})  # fmt: skip
    return out


def session_laws_listed(root: Any, base_url: str = BASE) -> list[dict[str, Any]]:
    out = []
    for row in table_rows(root, "session-laws"):
        when = _mdy(row.get("Effective Date", ""))
        pdf = next((href for _, href in row["_links"]), None)
        out.append({"effective": when.isoformat() if when else None, "chapter": row.get("Chapter #", ""),
                    "title": row.get("Title", ""), "url": urljoin(base_url, pdf) if pdf else None})  # fmt: skip
    return out


def _cited_bill(summary: str, own: str) -> str | None:
    """The Colorado bill another bill's summary names ("Senate Bill 24-205"), other than itself."""
    for m in _BILL_CITE.finditer(summary):
        number = f"{'SB' if m.group(1) == 'Senate' else 'HB'}{m.group(2)}-{m.group(3)}"
        if number != own:
            return number
    return None


def _relations(summary: str, number: str, doc_id: str, signed: dt.date | None) -> Iterator[Item]:
    target = _cited_bill(summary, number)
    if target is None:
        return
    target_id = co_doc_id(target)
    label = f"Colorado {target}"
    if m := _DELAY.search(summary):
        new_date = parse_date(m.group(1))
        detail = {"raw": m.group(0), "new_date": new_date.isoformat() if new_date else m.group(1)}
        yield RelationItem(doc_id=doc_id, kind=RelationKind.DELAYS, target_id=target_id, target_label=label,
                           date=signed, detail=detail)  # fmt: skip
        yield EventItem(doc_id=target_id, date=signed, stage=Stage.AMENDED, actor=number,
                        raw=f"Effective date of the requirements extended to {m.group(1)} by {number}")  # fmt: skip
    if _REENACT.search(summary):
        sentence = next((s.strip() for s in re.split(r"(?<=\.)\s+", summary) if _REENACT.search(s)), "")
        yield RelationItem(doc_id=doc_id, kind=RelationKind.REENACTS, target_id=target_id, target_label=label,
                           date=signed, detail={"raw": sentence})  # fmt: skip
        yield EventItem(doc_id=target_id, date=signed, stage=Stage.REPEALED, actor=number,
                        raw=f"Provisions repealed and reenacted by {number}")  # fmt: skip


def parse_bill_page(body: bytes, *, url: str, aliases: list[str] | None = None) -> Iterator[Item]:
    """A leg.colorado.gov bill page -> the bill (DocumentItem), its history and session law (EventItems), the acts
    it delays or re-enacts (RelationItems + events on them). ``aliases``: popular names the caller knows ("Colorado
    AI Act"). A page without a bill number (an error page, a search page) is one ParseFailure."""
    root = lxml.html.fromstring(body)
    number = normalize_state_bill(_text(next(iter(root.xpath('//span[contains(@class,"bill-detail-bill-number-tag")]')), None)))  # fmt: skip
    if not number or not _NUMBER.match(number):
        yield ParseFailure(url=url, reason="not a Colorado bill page (no bill number found)")
        return
    doc_id = co_doc_id(number)
    title = _text(next(iter(root.xpath("//div[contains(@class,'full-bill-topic')]//h1")), None)) or number
    specs = {_text(tr.find("th")): tr.find("td") for tr in root.xpath('//table[@class="bill-specs-table"]//tr')}
    subjects = [_text(s) for s in root.xpath('//span[@class="subject-tag"]')]
    long_title = _text(next(iter(root.xpath('//p[contains(@class,"bill-long-title")]')), None))
    summary_el = next(iter(root.xpath('//div[contains(@class,"bill-detail-bill-summary")]')), None)
    summary = _text(summary_el)
    events = _history(root, doc_id)
    approved = (m := _APPROVED.search(summary)) and parse_date(m.group(1))
    # the summary may be cut short on the page (SB26-189's is): the history's "Governor Signed" dates it then
    approved = approved or max((e.date for e in events if e.stage == Stage.SIGNED and e.date), default=None)
    vetoed = (m := _VETOED.search(summary)) and parse_date(m.group(1))
    effective = (m := _EFFECTIVE.search(summary)) and parse_date(m.group(1))
    laws = session_laws_listed(root)
    for law in laws:
        when = dt.date.fromisoformat(law["effective"]) if law["effective"] else effective
        if when:
            events.append(EventItem(doc_id=doc_id, date=when, stage=Stage.IN_FORCE, actor="Session Laws",
                                    raw=f"Session Laws of Colorado, chapter {law['chapter']}: effective "
                                        f"{when.strftime('%m/%d/%Y')}"))  # fmt: skip
    dated = [e for e in events if e.date]
    stage = current_stage([(e.date, e.stage) for e in dated])
    last = max((e for e in dated if e.stage == stage), key=lambda e: e.date, default=None) if stage else None
    status = _text(next(iter(root.xpath('//div[contains(@class,"final-status-badge")]')), None))
    if status == "Became Law" and (stage is None or STAGE_ORDER[stage] < STAGE_ORDER[Stage.SIGNED]):
        stage = Stage.SIGNED
    introduced = min((e.date for e in dated if e.stage == Stage.INTRODUCED), default=None)
    identifiers = {"session_law_chapter": laws[0]["chapter"]} if laws and laws[0]["chapter"] else {}
    yield state_bill_document(
        "CO",
        session_code(number),
        number,
        title,
        source=SOURCE,
        identifiers=identifiers,
        aliases=list(aliases or []),
        stage=stage,
        stage_raw=status or (last.raw if last else None),
        date_introduced=introduced,
        date_adopted=approved or None,
        date_in_force=effective or None,
        url=bill_url(number),
        summary="\n".join(x for x in (long_title, summary) if x) or None,
        subjects=subjects,
        notes=[f"Vetoed by the Governor on {vetoed.isoformat()}"] if vetoed else [],
        extra={
            "session_name": _text(specs.get("Session")),
            "bill_type": _text(specs.get("Type")),
            "versions": versions_listed(root),
            "session_laws": laws,
        },  # fmt: skip
    )
    yield from events
    yield from _relations(summary, number, doc_id, approved or None)


# --- texts --------------------------------------------------------------------------------------------------------


def parse_pdf_version(body: bytes, *, url: str, number: str, label: str, date: str | None = None,
                      kind: str = "bill-text") -> Iterator[Item]:  # fmt: skip
    """A PDF with a text layer (a session law, a version of the bill) -> its Version, or one ParseFailure."""
    what = f"Colorado {number}, {label}"
    got = file_text(body, url=url, what=what, content_type="application/pdf")
    if isinstance(got, ParseFailure):
        yield got
        return
    extracted, filename = got
    yield VersionItem(doc_id=co_doc_id(number), label=label, kind=VersionKind(kind),
                      date=dt.date.fromisoformat(date) if date else None, language="en", text=extracted.text,
                      provisions=split_us(extracted.text), source_url=url,
                      notes=[describe(extracted, filename)])  # fmt: skip


def parse_signed_act(body: bytes, *, url: str, number: str, label: str = "Signed Act", date: str | None = None,
                     pages: list[int] | None = None) -> Iterator[Item]:  # fmt: skip
    """The signed act (a scan of the enrolled bill with the signatures) -> a Version whose text is ailaw's OCR,
    marked as such with its mean confidence; a scan OCR cannot read is one ParseFailure."""
    try:
        ocr = ocr_pdf(body, language="en", pages=pages)
    except OcrError as exc:
        yield ParseFailure(url=url, reason=f"Colorado {number}, {label}: {exc}; the scan was not stored.")
        return
    yield VersionItem(
        doc_id=co_doc_id(number),
        label=f"{label} (OCR of the scanned PDF)",
        kind=VersionKind.BILL_TEXT,
        date=dt.date.fromisoformat(date) if date else None,
        language="en",
        text=ocr.text,
        provisions=split_us(ocr.text),
        source_url=url,
        notes=[f"text recognised by ailaw with Tesseract ({ocr.languages}) from {ocr.pages} scanned page(s); "
               "not the official text layer"],
        provenance=Provenance.OCR,
        provenance_detail={"ocr_confidence": ocr.confidence, "ocr_pages": ocr.pages, "ocr_words": ocr.words,
                           "ocr_engine": f"tesseract ({ocr.languages})"},
    )  # fmt: skip
