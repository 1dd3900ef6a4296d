"""United Kingdom: the UK Parliament Bills API (bills-api.parliament.uk/api/v1), JSON.

Shapes from the API's own OpenAPI 3.0.1 specification (recorded 2026-04-30): ``/Bills/{billId}`` -> ``Bill``
(billId, shortTitle, longTitle, summary, currentHouse, originatingHouse, sponsors[member{name, party, house}],
currentStage{description, abbreviation, house, stageSittings[{date}]}, lastUpdate, billWithdrawn, isDefeated,
isAct); ``/Bills/{billId}/Stages`` -> ``{items: [StageSummary], totalResults}``; ``/Bills?SearchTerm=…`` ->
``{items: [BillSummary], totalResults}``. No response of this API was ever recorded: the examples are built from
the specification and named so (tests/examples/uk/README.md).

A bill is ``uk/bill/{billId}``. Its stages are read by house: the third reading in the house a bill started in
passes it there (Commons: ``passed-lower``, Lords: ``passed-upper``); Royal Assent signs it. Times are naive
London local times (``lastUpdate`` has seven fractional digits): the calendar day is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, json_part, squash
from store.identifiers import doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure
from store.vocab import DocType, Stage

SOURCE = "uk_bills"
SOURCE_LABEL = "UK Parliament Bills API"
API = "https://bills-api.parliament.uk/api/v1"

# Stage description -> stage, whatever the house (the third reading depends on the house: stage_of()).
STAGES: dict[str, Stage] = {
    "1st reading": Stage.FIRST_READING,
    "2nd reading": Stage.SECOND_READING,
    "Committee stage": Stage.COMMITTEE,
    "Grand Committee": Stage.COMMITTEE,
    "Public Bill Committee": Stage.COMMITTEE,
    "Report stage": Stage.COMMITTEE,
    "Consideration of Lords amendments": Stage.AGREED,
    "Consideration of Commons amendments": Stage.AGREED,
    "Ping Pong": Stage.AGREED,
    "Royal Assent": Stage.SIGNED,
}


def stage_of(description: str, house: str | None) -> Stage:
    """
    >>> stage_of("1st reading", "Lords"), stage_of("3rd reading", "Commons"), stage_of("3rd reading", "Lords")
    (<Stage.FIRST_READING: 'first-reading'>, <Stage.PASSED_LOWER: 'passed-lower'>, <Stage.PASSED_UPPER: 'passed-upper'>)
    >>> stage_of("Royal Assent", "Unassigned")
    <Stage.SIGNED: 'signed'>
    """
    d = squash(description)
    if d.lower() == "3rd reading":
        return Stage.PASSED_UPPER if house == "Lords" else Stage.PASSED_LOWER
    return STAGES.get(d, Stage.OTHER)


def bill_doc_id(bill_id: int | str) -> str:
    return doc_id("uk", "bill", str(int(bill_id)))


def bill_url(bill_id: int | str) -> str:
    return f"https://bills.parliament.uk/bills/{int(bill_id)}"


def _document(bill: dict[str, Any]) -> DocumentItem:
    stage = bill.get("currentStage") if isinstance(bill.get("currentStage"), dict) else {}
    description, house = squash(stage.get("description")), stage.get("house")
    if bill.get("isAct"):
        current, raw = Stage.SIGNED, "Act"
    elif bill.get("billWithdrawn"):
        current, raw = Stage.WITHDRAWN, f"withdrawn {squash(bill.get('billWithdrawn'))[:10]}"
    elif bill.get("isDefeated"):
        current, raw = Stage.REJECTED, "defeated"
    else:
        current, raw = (
            stage_of(description, house) if description else None,
            f"{description} ({house})" if description else None,
        )
    sponsors = [
        m.get("name")
        for s in bill.get("sponsors") or []
        if isinstance(s, dict) and isinstance(m := s.get("member"), dict) and m.get("name")
    ]
    title = squash(bill.get("shortTitle")) or f"Bill {bill.get('billId')}"
    return DocumentItem(
        doc_id=bill_doc_id(bill["billId"]),
        source=SOURCE,
        jurisdiction="UK",
        doc_type=DocType.BILL,
        title=title,
        language="en",
        identifiers={"bill_id": str(bill["billId"])},
        aliases=[a for a in (squash(bill.get("formerShortTitle")), f"Bill {bill['billId']}") if a],
        stage=current,
        stage_raw=raw,
        url=bill_url(bill["billId"]),
        summary="\n".join(x for x in (squash(bill.get("longTitle")), squash(re.sub(r"<[^>]+>", " ", bill.get("summary") or ""))) if x) or None,
        extra={k: v for k, v in {"originating_house": bill.get("originatingHouse"), "current_house": bill.get("currentHouse"),
                                 "sponsors": sponsors, "last_update": bill.get("lastUpdate")}.items() if v},
    )  # fmt: skip


def parse_bill(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """``/Bills/{billId}`` -> the bill's document (and its current stage's sittings as dated events)."""
    data, failure = json_part(body, url=url, source=SOURCE_LABEL, field=None, kind=dict, what="Bill object")
    if failure or not data.get("billId"):
        yield failure or ParseFailure(url=url, reason=f"{SOURCE_LABEL} response is not a Bill (no billId).")
        return
    yield _document(data)
    if isinstance(data.get("currentStage"), dict):
        yield from _stage_events(bill_doc_id(data["billId"]), data["currentStage"])


def parse_stages(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """``/Bills/{billId}/Stages`` -> one dated event per sitting of each stage."""
    items, failure = json_part(body, url=url, source=SOURCE_LABEL, field="items", kind=list, what="list of stages")
    m = re.search(r"/Bills/(\d+)/Stages", url)
    if failure or not m:
        yield failure or ParseFailure(url=url, reason=f"{SOURCE_LABEL}: the stages URL names no bill id.")
        return
    for stage in sorted((s for s in items if isinstance(s, dict)), key=lambda s: s.get("sortOrder") or 0):
        yield from _stage_events(bill_doc_id(m.group(1)), stage)


def parse_search(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """``/Bills?SearchTerm=…`` -> one document per bill summary."""
    items, failure = json_part(body, url=url, source=SOURCE_LABEL, field="items", kind=list, what="list of bills")
    if failure:
        yield failure
        return
    for bill in items:
        if isinstance(bill, dict) and bill.get("billId"):
            yield _document(bill)


def _stage_events(did: str, stage: dict[str, Any]) -> Iterator[EventItem]:
    description, house = squash(stage.get("description")), stage.get("house")
    for sitting in stage.get("stageSittings") or []:
        if isinstance(sitting, dict) and (when := iso_date(sitting.get("date"))):
            yield EventItem(doc_id=did, date=when, stage=stage_of(description, house), raw=f"{description} ({house})",
                            actor=f"House of {house}" if house in ("Commons", "Lords") else house)  # fmt: skip
