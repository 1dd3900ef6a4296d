"""Congress.gov API v3 (key; a second path beside GovInfo's bulk files): a bill, its actions and its text versions
(us-federal.md §6). Each is one response: ``/bill/{congress}/{type}/{number}`` (``bill``), ``…/actions``
(``actions``), ``…/text`` (``textVersions``). The bill's id is the one BILLSTATUS gives it (``us/congress/117/hr/21``),
so the two paths describe one document. Actions map through the same Congress rule table as BILLSTATUS; the text
versions' "Formatted XML" URLs are the GovInfo BILLS files (crawler.parsers.us_billtext reads them).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from crawler.parsers.us_vocab import congress_stage
from store.identifiers import public_law_doc_id, us_bill_aliases, us_bill_doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.vocab import DocType, RelationKind

SOURCE = "us_congress"
API = "https://api.congress.gov/v3"


def _load(body: bytes, url: str) -> dict[str, Any] | ParseFailure:
    try:
        data = json.loads(body)
    except ValueError as exc:
        return ParseFailure(url=url, reason=f"Congress.gov: the response is not JSON ({exc})")
    if not isinstance(data, dict) or "error" in data:
        return ParseFailure(
            url=url,
            reason=f"Congress.gov answered with an error: {data.get('error') if isinstance(data, dict) else data}",
        )
    return data


def _date(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def _bill_key(url: str) -> tuple[str, str, str] | None:
    parts = url.split("/v3/bill/", 1)[-1].split("?")[0].split("/")
    return (parts[0], parts[1], parts[2]) if len(parts) >= 3 else None


def parse_bill(body: bytes, *, url: str) -> Iterator[Item]:
    """``/bill/{congress}/{type}/{number}`` -> the bill (and the law it became)."""
    data = _load(body, url)
    if isinstance(data, ParseFailure):
        yield data
        return
    bill = data.get("bill") or {}
    congress, kind, number = (
        str(bill.get("congress") or ""),
        str(bill.get("type") or "").lower(),
        str(bill.get("number") or ""),
    )
    if not (congress and kind and number):
        yield ParseFailure(url=url, reason="Congress.gov bill without congress, type or number")
        return
    doc_id = us_bill_doc_id(congress, kind, number)
    laws = [law for law in bill.get("laws") or [] if law.get("number")]
    yield DocumentItem(
        doc_id=doc_id, source=SOURCE, jurisdiction="US", doc_type=DocType.BILL,
        title=bill.get("title") or f"{kind.upper()} {number}", language="en",
        identifiers={"congress": congress, "bill_type": kind, "bill_number": number},
        aliases=us_bill_aliases(congress, kind, number) + [f"Public Law {law['number']}" for law in laws],
        stage=congress_stage(None, None, (bill.get("latestAction") or {}).get("text") or ""),
        stage_raw=(bill.get("latestAction") or {}).get("text"), date_introduced=_date(bill.get("introducedDate")),
        subjects=[(bill.get("policyArea") or {}).get("name")] if (bill.get("policyArea") or {}).get("name") else [],
        extra={"sponsors": [{"name": s.get("fullName"), "bioguide": s.get("bioguideId"), "primary": True}
                            for s in bill.get("sponsors") or []],
               "congress_gov_update_date": bill.get("updateDate"),
               "congress_gov_update_date_including_text": bill.get("updateDateIncludingText")},
    )  # fmt: skip
    for law in laws:
        yield RelationItem(doc_id=doc_id, kind=RelationKind.ENACTED_AS, target_id=public_law_doc_id(law["number"]),
                           target_label=f"{law.get('type') or 'Public Law'} {law['number']}")  # fmt: skip


def parse_actions(body: bytes, *, url: str) -> Iterator[Item]:
    """``…/actions`` -> dated events (one per date and text: the same event from several source systems once)."""
    data = _load(body, url)
    if isinstance(data, ParseFailure):
        yield data
        return
    key = _bill_key(url)
    if key is None:
        yield ParseFailure(url=url, reason="Congress.gov actions: the URL names no bill")
        return
    doc_id = us_bill_doc_id(*key)
    seen: set[tuple[Any, str]] = set()
    events = []
    for action in data.get("actions") or []:
        text = (action.get("text") or "").strip()
        when = _date(action.get("actionDate"))
        if not text or (when, text) in seen:
            continue
        seen.add((when, text))
        events.append(EventItem(doc_id=doc_id, date=when, raw=text, actor=(action.get("sourceSystem") or {}).get("name"),
                                stage=congress_stage(action.get("actionCode"), action.get("type"), text),
                                reference=action.get("actionCode")))  # fmt: skip
    yield from events


def text_versions(body: bytes, *, url: str) -> list[dict[str, Any]]:
    """``…/text`` -> [{type, date, xml}] with the GovInfo/Congress.gov "Formatted XML" URL of each edition."""
    data = _load(body, url)
    if isinstance(data, ParseFailure):
        return []
    out = []
    for version in data.get("textVersions") or []:
        xml = next((f.get("url") for f in version.get("formats") or [] if f.get("type") == "Formatted XML"), None)
        out.append({"type": version.get("type"), "date": (version.get("date") or "")[:10] or None, "xml": xml})
    return out
