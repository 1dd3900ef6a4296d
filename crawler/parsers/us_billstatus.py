"""GovInfo BILLSTATUS bulk XML (no key) -> a bill of Congress with its dated actions, sponsors, subjects, CRS
summary, related bills, the law it became and the list of its text editions; and the bulk-data sitemaps whose
``lastmod`` tells which files changed (us-federal.md §3, §9).

Both schemas occur: the current ``<version>3.0.0</version>`` (``bill/number``, ``bill/type``, ``committees/item``,
``summaries/summary``) and the legacy 1.0.0 of older Congresses not yet reprocessed (``billNumber``, ``billType``,
``committees/billCommittees/item``, ``summaries/billSummaries/item``, ``subjects/billSubjects``).

Quirks read as they are (§3): one event is emitted by several source systems ("Introduced in House" with codes
``Intro-H`` and ``1000``): actions are de-duplicated by (date, text) and the stage taken from any of their codes; an
ENR text version may have an empty ``<date/>``; an empty ``textVersions/item`` is skipped. "A complete,
authoritative list of action codes does not exist": unknown codes fall back to the action type and its text
(crawler.parsers.us_vocab.congress_stage).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler.parsers.us_vocab import congress_stage, current_stage
from store.identifiers import public_law_doc_id, us_bill_aliases, us_bill_doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.normalize import normalize_text
from store.vocab import STAGE_ORDER, DocType, RelationKind, Stage

SOURCE = "us_govinfo"
BILLSTATUS = "https://www.govinfo.gov/bulkdata/BILLSTATUS/{congress}/{type}/BILLSTATUS-{congress}{type}{number}.xml"
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_BILLSTATUS_URL = re.compile(r"BILLSTATUS-(\d{2,3})([a-z]+)(\d+)\.xml$")


def _t(el: Any, path: str) -> str:
    found = el.find(path) if el is not None else None
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def _html_text(raw: str) -> str:
    import lxml.html

    return normalize_text(lxml.html.fromstring(raw).text_content()) if raw.strip() else ""


def _actions(bill: Any, doc_id: str) -> list[EventItem]:
    merged: dict[tuple[dt.date | None, str], EventItem] = {}
    for item in bill.findall("actions/item"):
        text = _t(item, "text")
        if not text:
            continue
        when = _date(_t(item, "actionDate"))
        stage = congress_stage(_t(item, "actionCode") or None, _t(item, "type") or None, text)
        source = _t(item, "sourceSystem/name") or None
        key = (when, text)
        if key in merged:  # the same event from another source system: keep the furthest stage read from it
            if STAGE_ORDER[stage] > STAGE_ORDER[merged[key].stage] and stage != Stage.OTHER:
                merged[key].stage = stage
            continue
        merged[key] = EventItem(doc_id=doc_id, date=when, stage=stage, raw=text, actor=source,
                                reference=_t(item, "actionCode") or None)  # fmt: skip
    return sorted(merged.values(), key=lambda e: (e.date or dt.date.min,))


def text_versions(bill: Any) -> list[dict[str, Any]]:
    """The bill's text editions: type ("Engrossed in Senate"), date (None when ``<date/>`` is empty), XML URL."""
    out = []
    for item in bill.findall("textVersions/item"):
        urls = [u.text.strip() for u in item.findall("formats/item/url") if u.text and u.text.strip()]
        if not urls:
            continue  # an empty item (seen in the v3 samples)
        when = _date(_t(item, "date"))
        out.append({"type": _t(item, "type"), "date": when.isoformat() if when else None, "url": urls[0]})
    return out


def parse_billstatus(body: bytes, *, url: str, lastmod: str | None = None) -> Iterator[Item]:
    """A BILLSTATUS file (v3 or legacy v1) -> the bill, its events, related bills and enacted law. ``lastmod``: the
    sitemap's date for the file, remembered so that an unchanged file is never downloaded again."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        yield ParseFailure(url=url, reason=f"BILLSTATUS is not well-formed XML ({exc})")
        return
    bill = root.find("bill")
    if bill is None:
        yield ParseFailure(url=url, reason="not a BILLSTATUS file (no <bill>)")
        return
    schema = _t(root, "version") or _t(bill, "version") or "?"
    number = _t(bill, "number") or _t(bill, "billNumber")
    kind = (_t(bill, "type") or _t(bill, "billType")).lower()
    congress = _t(bill, "congress")
    if not (number and kind and congress):
        yield ParseFailure(url=url, reason="BILLSTATUS without congress, type or number")
        return
    doc_id = us_bill_doc_id(congress, kind, number)
    events = _actions(bill, doc_id)
    laws = [(_t(law, "type"), _t(law, "number")) for law in bill.findall("laws/item") if _t(law, "number")]
    summaries = bill.findall("summaries/summary") or bill.findall("summaries/billSummaries/item")
    summary = _html_text(_t(summaries[-1], "text")) if summaries else ""
    subjects = [_t(s, "name") for s in bill.findall("subjects/legislativeSubjects/item")
                + bill.findall("subjects/billSubjects/legislativeSubjects/item")]  # fmt: skip
    policy = _t(bill, "policyArea/name")
    sponsors = [
        {"name": _t(s, "fullName"), "bioguide": _t(s, "bioguideId"), "primary": True}
        for s in bill.findall("sponsors/item")
    ]
    sponsors += [{"name": _t(s, "fullName"), "bioguide": _t(s, "bioguideId"), "primary": False,
                  "date": _t(s, "sponsorshipDate") or None} for s in bill.findall("cosponsors/item")]  # fmt: skip
    committees = [
        _t(c, "name") for c in bill.findall("committees/item") + bill.findall("committees/billCommittees/item")
    ]
    titles = {(_t(t, "titleType")): _t(t, "title") for t in bill.findall("titles/item")}
    stage = current_stage([(e.date, e.stage) for e in events])
    if laws:
        stage = Stage.IN_FORCE
    last = _t(bill, "latestAction/text")
    became_law = next((e.date for e in events if e.stage == Stage.IN_FORCE), None)
    signed = next((e.date for e in events if e.stage == Stage.SIGNED), None)
    extra: dict[str, Any] = {
        "billstatus_schema": schema, "update_date": _t(bill, "updateDate") or None,
        "update_date_including_text": _t(bill, "updateDateIncludingText") or None, "text_versions": text_versions(bill),
        "sponsors": sponsors, "committees": [c for c in committees if c], "policy_area": policy or None,
        "titles": titles, "cbo_estimates": len(bill.findall("cboCostEstimates/item")),
        "amendments": len(bill.findall("amendments/amendment")) + len(bill.findall("amendments/item")),
    }  # fmt: skip
    if lastmod:
        extra["billstatus_lastmod"] = lastmod
    law_ids = [f"Public Law {n}" for t, n in laws if "public" in t.lower()]
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction="US",
        doc_type=DocType.BILL,
        title=_t(bill, "title") or titles.get("Display Title") or f"{kind.upper()} {number}",
        language="en",
        identifiers={
            "congress": congress,
            "bill_type": kind,
            "bill_number": number,
            **({"public_law": ", ".join(n for _, n in laws)} if laws else {}),
        },  # fmt: skip
        aliases=us_bill_aliases(congress, kind, number) + law_ids,
        stage=stage,
        stage_raw=last or None,
        date_introduced=_date(_t(bill, "introducedDate")),
        date_adopted=signed,
        date_in_force=became_law,
        url=f"https://www.congress.gov/bill/{congress}th-congress/{'house' if kind.startswith('h') else 'senate'}-bill/{number}",
        summary=summary or None,
        subjects=[s for s in subjects if s] + ([policy] if policy else []),
        extra=extra,
    )
    yield from events
    for law_type, law in laws:
        yield RelationItem(doc_id=doc_id, kind=RelationKind.ENACTED_AS, target_id=public_law_doc_id(law),
                           target_label=f"{law_type} {law}", date=became_law,
                           detail={"aliases": [f"{law_type} {law}", f"P.L. {law}", f"Pub. L. {law}"]})  # fmt: skip
    for rel in bill.findall("relatedBills/item"):
        r_congress, r_type, r_number = _t(rel, "congress"), _t(rel, "type").lower(), _t(rel, "number")
        if not (r_congress and r_type and r_number):
            continue
        how = _t(rel, "relationshipDetails/item/type") or "Related bill"
        yield RelationItem(doc_id=doc_id, kind=RelationKind.RELATED, target_id=us_bill_doc_id(r_congress, r_type, r_number),
                           target_label=_t(rel, "title") or _t(rel, "latestTitle") or None,
                           detail={"relationship": how, "identified_by": _t(rel, "relationshipDetails/item/identifiedBy") or None})  # fmt: skip


def parse_sitemap(body: bytes, *, url: str) -> list[dict[str, str | None]] | None:
    """A sitemap index (``<sitemapindex>``) or a URL set (``<urlset>``) -> [{"loc", "lastmod", "kind"}]; None when
    the body is not a sitemap. ``kind`` is "sitemap" for an index entry, "url" for a file."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    name = etree.QName(root).localname
    if name not in ("sitemapindex", "urlset"):
        return None
    entry = "sitemap" if name == "sitemapindex" else "url"
    out: list[dict[str, str | None]] = []
    for el in root.iter(f"{_SITEMAP_NS}{entry}", entry):
        loc = _t(el, f"{_SITEMAP_NS}loc") or _t(el, "loc")
        lastmod = _t(el, f"{_SITEMAP_NS}lastmod") or _t(el, "lastmod") or None
        if loc:
            out.append({"loc": loc, "lastmod": lastmod, "kind": entry})
    return out


def billstatus_key(url: str) -> tuple[str, str, str] | None:
    """'…/BILLSTATUS-117hr6658.xml' -> ('117', 'hr', '6658')."""
    m = _BILLSTATUS_URL.search(url)
    return (m.group(1), m.group(2), m.group(3)) if m else None
