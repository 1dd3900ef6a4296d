"""GovInfo BILLS packages (one text edition of a bill of Congress: IH, RS, EH, ENR…) -> the bill and a Version split
into sections, subsections and paragraphs, in either XML dialect (us-federal.md §4):

- the legacy **bill DTD** (``<bill bill-stage="Engrossed-in-House">``; ``form/legis-num``, ``official-title``;
  ``legis-body/section[@id]/enum|header|text``, divisions in ``title``/``subtitle``/``part``…);
- **USLM 2.x** (namespace ``http://schemas.gpo.gov/xml/uslm``; ``meta/docStage``, ``citableAs``; ``main/section/num|
  heading|content``). A reported bill's print holds the text it strikes and the text it inserts
  (``component[@changed="deleted"]`` / ``[@changed="added"]``, "Strike out all after the enacting clause and insert
  the part printed in italic"): both are read, the struck text as the edition it replaces, so the committee's
  amendment can be compared provision by provision.

Sections quoted inside a bill (``quoted-block`` / ``quotedContent``: the text of the law it amends) are part of the
section that quotes them, never bill sections of their own. Keys: ``sec_43201``, ``sec_43201.sub_c``,
``sec_43201.sub_c.par_1``; divisions ``tit_IV``, ``tit_IV.stt_C``. The bill's dated actions printed on the text
(introduction, report, passage attested) become events, so a bill known only by its texts still has a history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler.parsers.us_vocab import current_stage
from store.dates import parse_date
from store.identifiers import US_BILL_TYPES, us_bill_aliases, us_bill_doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import DocType, Stage, VersionKind
from texts.us import _flat, _local, split_bill_xml

SOURCE = "us_govinfo"
USLM = "http://schemas.gpo.gov/xml/uslm"
_PACKAGE = re.compile(r"BILLS-(\d{2,3})([a-z]+?)(\d+)([a-z]+\d*)(?:\.xml)?$")
_DIVISIONS = {"division": "div", "title": "tit", "subtitle": "stt", "part": "prt", "subpart": "spt", "chapter": "chp",
              "subchapter": "sch"}  # fmt: skip
_LEVELS = {"subsection": ("sub", "paragraph"), "paragraph": ("par", "point")}
VERSION_NAMES = {
    "ih": "Introduced in House", "is": "Introduced in Senate", "rh": "Reported in House", "rs": "Reported in Senate",
    "rfh": "Referred in House", "rfs": "Referred in Senate", "rds": "Received in Senate", "rdh": "Received in House",
    "pcs": "Placed on Calendar Senate", "pch": "Placed on Calendar House", "eh": "Engrossed in House",
    "es": "Engrossed in Senate", "eah": "Engrossed Amendment House", "eas": "Engrossed Amendment Senate",
    "ath": "Agreed to House", "ats": "Agreed to Senate", "cph": "Considered and Passed House",
    "cps": "Considered and Passed Senate", "enr": "Enrolled Bill",
}  # fmt: skip
STAGE_OF_VERSION = {"ih": Stage.INTRODUCED, "is": Stage.INTRODUCED, "rh": Stage.COMMITTEE, "rs": Stage.COMMITTEE,
                    "rfh": Stage.PASSED_UPPER, "rfs": Stage.PASSED_LOWER, "eh": Stage.PASSED_LOWER,
                    "es": Stage.PASSED_UPPER, "eah": Stage.AGREED, "eas": Stage.AGREED, "enr": Stage.ADOPTED}  # fmt: skip


def package_of(url: str) -> tuple[str, str, str, str] | None:
    """'…/BILLS-119hr1eh.xml' -> ('119', 'hr', '1', 'eh').

    >>> package_of("https://www.govinfo.gov/content/pkg/BILLS-118s1325rs/xml/BILLS-118s1325rs.xml")
    ('118', 's', '1325', 'rs')
    >>> package_of("https://www.govinfo.gov/content/pkg/BILLS-115hr1eas2/xml/BILLS-115hr1eas2.xml")
    ('115', 'hr', '1', 'eas2')
    """
    name = url.rstrip("/").rsplit("/", 1)[-1]
    m = _PACKAGE.search(name)
    if not m:
        return None
    congress, kind, number, version = m.groups()
    for code in sorted(US_BILL_TYPES, key=len, reverse=True):  # 'hjres' before 'hr' before 'h'
        if (kind + number).startswith(code) and kind.startswith(code):
            return congress, kind, number, version
    return None


def _text_of(body: Any) -> str:
    """The readable text of a bill body: one line per block, quoted law included."""
    lines: list[str] = []
    for el in body.iter():
        if _local(el) in ("section", "subsection", "paragraph", "subparagraph", "clause", "subclause", "item",
                          "title", "subtitle", "part", "division", "quoted-block", "quotedContent", "chapeau",
                          "continuation-text", "continuation", "content", "text", "header", "heading", "enum", "num"):  # fmt: skip
            own = " ".join(((el.text or "") + "".join((c.tail or "") for c in el)).split())
            if own:
                lines.append(own)
    return normalize_text("\n".join(lines))


def _dtd_actions(root: Any, doc_id: str) -> list[EventItem]:
    events = []
    for action in root.iter("action"):
        date = action.find("action-date")
        desc = _flat(action.find("action-desc"))
        when = parse_date(date.get("date") or _flat(date)) if date is not None else None
        if desc:
            stage = Stage.INTRODUCED if "introduced" in desc.lower() else Stage.COMMITTEE
            events.append(EventItem(doc_id=doc_id, date=when, stage=stage, raw=desc))
    for att in root.iter("attestation-date"):
        raw = _flat(att)
        when = parse_date(att.get("date") or "") if att.get("date") else None
        chamber = (att.get("chamber") or "").lower()
        stage = Stage.PASSED_LOWER if chamber == "house" else Stage.PASSED_UPPER if chamber == "senate" else Stage.OTHER
        events.append(EventItem(doc_id=doc_id, date=when, stage=stage, raw=raw))
    return events


def _uslm_actions(preface: Any, doc_id: str) -> list[EventItem]:
    events = []
    for action in preface.iter(f"{{{USLM}}}action") if preface is not None else []:
        date = action.find(f"{{{USLM}}}date")
        desc = _flat(action.find(f"{{{USLM}}}actionDescription"))
        when = None
        if date is not None:
            when = parse_date(date.get("date")) if date.get("date") else parse_date(_flat(date), language="en")
        if desc:
            low = desc.lower()
            stage = (
                Stage.INTRODUCED
                if "introduced" in low
                else Stage.COMMITTEE
                if "reported" in low or "referred" in low
                else Stage.OTHER
            )
            events.append(EventItem(doc_id=doc_id, date=when, stage=stage, raw=desc))
    return events


def parse_bill_text(body: bytes, *, url: str) -> Iterator[Item]:
    """A BILLS package XML (bill DTD or USLM) -> the bill, its printed actions, and the edition as a Version (two for a
    reported print that strikes a text and inserts another)."""
    package = package_of(url)
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        yield ParseFailure(url=url, reason=f"the bill text is not well-formed XML ({exc})")
        return
    if package is None:
        yield ParseFailure(url=url, reason="not a GovInfo BILLS package URL (BILLS-{congress}{type}{number}{version})")
        return
    congress, kind, number, version = package
    doc_id = us_bill_doc_id(congress, kind, number)
    version_name = VERSION_NAMES.get(re.sub(r"\d+$", "", version), version.upper())
    uslm = root.tag.startswith(f"{{{USLM}}}")
    if uslm:
        ns = {"u": USLM}
        title = _flat(next(iter(root.xpath("//u:main/u:longTitle/u:officialTitle", namespaces=ns)), None))
        version_name = _flat(next(iter(root.xpath("//u:meta/u:docStage", namespaces=ns)), None)) or version_name
        events = _uslm_actions(next(iter(root.xpath("//u:preface", namespaces=ns)), None), doc_id)
        main = next(iter(root.xpath("//u:main", namespaces=ns)), None)
        deleted = next(iter(root.xpath("//u:main//u:component[@changed='deleted']", namespaces=ns)), None)
        added = next(iter(root.xpath("//u:main//u:component[@changed='added']", namespaces=ns)), None)
    else:
        title = _flat(root.find("form/official-title"))
        stage_attr = (root.get("bill-stage") or "").replace("-", " ")
        version_name = stage_attr or version_name
        events = _dtd_actions(root, doc_id)
        main = root.find("legis-body")
        deleted = added = None
    if main is None:
        yield ParseFailure(url=url, reason=f"{doc_id} {version.upper()}: the XML has no bill body (main/legis-body)")
        return
    introduced_on = [e.date for e in events if e.date and e.stage == Stage.INTRODUCED]
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction="US",
        doc_type=DocType.BILL,
        title=title or f"{kind.upper()} {number}",
        language="en",
        identifiers={"congress": congress, "bill_type": kind, "bill_number": number},
        aliases=us_bill_aliases(congress, kind, number),
        date_introduced=min(introduced_on) if introduced_on else None,
        stage=current_stage([(e.date, e.stage) for e in events]),
        url=f"https://www.congress.gov/bill/{congress}th-congress/{'house' if kind.startswith('h') else 'senate'}-bill/{number}",
        extra={"congress_ordinal": congress},
    )
    yield from events
    reported = next((e.date for e in events if e.stage == Stage.COMMITTEE and e.date), None)
    introduced = next((e.date for e in events if e.stage == Stage.INTRODUCED and e.date), None)
    passed = max(
        (e.date for e in events if e.stage in (Stage.PASSED_LOWER, Stage.PASSED_UPPER) and e.date), default=None
    )
    package_id = f"BILLS-{congress}{kind}{number}{version}"
    if deleted is not None and added is not None:
        yield _version(doc_id, deleted, url, label=f"{package_id}: text struck out by the committee amendment "
                       "(the text before it, as printed struck through)", date=introduced)  # fmt: skip
        yield _version(doc_id, added, url, label=f"{package_id}: {version_name}", date=reported or introduced)
    else:
        date = passed if version.startswith("e") else reported if version.startswith("r") else introduced
        yield _version(doc_id, main, url, label=f"{package_id}: {version_name}", date=date)


def _version(doc_id: str, body: Any, url: str, *, label: str, date: dt.date | None) -> VersionItem:
    return VersionItem(doc_id=doc_id, label=label, kind=VersionKind.BILL_TEXT, date=date, language="en",
                       text=_text_of(body), provisions=split_bill_xml(body), source_url=url)  # fmt: skip
