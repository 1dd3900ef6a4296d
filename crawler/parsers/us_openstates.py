"""Open States (Plural Policy) bills of the 50 states, DC and Puerto Rico -> bills with their dated actions, votes,
sponsors, versions and companion bills.

Two shapes of one bill object (us-states.md §2.3, §2.7; the samples' MANIFEST §A):

- the **scraper output** (pupa "scrape" JSON, what the official openstates-scrapers emit and the bulk JSON exports
  carry): ``legislative_session``, ``jurisdiction`` as a dict, organisations as pseudo-ids
  ``~{"classification": "upper"}``, separate ``vote_event`` files naming the bill by ``bill_identifier``;
- the **API v3** ``bill`` (``/bills/{jurisdiction}/{session}/{bill_id}`` or the ``results`` of ``/bills``):
  ``session``, ``from_organization`` as an object, ``votes`` inside the bill, ``latest_action_date``…

Both become the same items. Actions map to the one stage vocabulary through their Open States classifications
(crawler.parsers.us_vocab), the raw description kept; votes become dated events with their counts; versions
(the state's text editions with their links) and sponsors are listed on the document (``extra``). Open States writes
Colorado's "SB24-205" as "SB 205" in session 2024A: the id is Colorado's own (``co_bill_number``), so the state's
site and Open States describe one document. Dates may be days or datetimes (Utah's actions are timestamps).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from crawler.parsers.us_bills import state_bill_document
from crawler.parsers.us_vocab import current_stage, openstates_stage
from store.identifiers import (
    US_STATES,
    co_bill_number,
    normalize_state_bill,
    state_bill_doc_id,
    us_state_code,
)
from store.items import EventItem, Item, ParseFailure, RelationItem
from store.vocab import RelationKind, Stage

SOURCE = "us_openstates"
CHAMBERS = {"upper": "Senate", "lower": "House", "legislature": "Legislature", "executive": "Governor"}


def _date(raw: Any) -> dt.date | None:
    """'2025-06-12', '2026-01-19T22:01:23+00:00' or '2025-06-12T00:00:00-04:00' -> the day (as the source wrote it)."""
    if not raw or not isinstance(raw, str):
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def _chamber(org: Any) -> str | None:
    """'upper' from a scrape pseudo-id ``~{"classification": "upper"}`` or an API organisation object."""
    if isinstance(org, dict):
        return org.get("classification")
    if isinstance(org, str) and org.startswith("~"):
        try:
            return json.loads(org[1:]).get("classification")
        except (ValueError, AttributeError):
            return None
    return None


def bill_number(state: str, identifier: str, session: str) -> str | None:
    """The state's own way of writing the bill ('SB 205' in Colorado's 2024A -> 'SB24-205')."""
    if state == "CO":
        return co_bill_number(identifier, session)
    return normalize_state_bill(identifier)


def bill_id(state: str, session: str, identifier: str) -> str | None:
    number = bill_number(state, identifier, session)
    return state_bill_doc_id(state, session, number) if number else None


def _state_of(obj: dict[str, Any]) -> str | None:
    juris = obj.get("jurisdiction")
    if isinstance(juris, dict):
        return us_state_code(juris.get("id") or juris.get("name") or "")
    if isinstance(juris, str):
        return us_state_code(juris)
    return us_state_code(obj.get("jurisdiction_name") or "")


def _events(bill: dict[str, Any], doc_id: str) -> list[EventItem]:
    out = []
    for action in bill.get("actions") or []:
        when = _date(action.get("date"))
        text = (action.get("description") or "").strip()
        if not text:
            continue
        chamber = _chamber(action.get("organization") or action.get("organization_id"))
        if chamber is None and action.get("organization__name"):
            chamber = str(action["organization__name"]).lower()
        out.append(EventItem(doc_id=doc_id, date=when, stage=openstates_stage(action.get("classification") or [], chamber),
                             raw=text, actor=CHAMBERS.get(chamber or "", chamber)))  # fmt: skip
    for vote in bill.get("votes") or []:
        if event := vote_event(vote, doc_id):
            out.append(event)
    return out


def vote_event(vote: dict[str, Any], doc_id: str) -> EventItem | None:
    """One roll call -> a dated event: motion, counts and result in the source's words."""
    when = _date(vote.get("start_date"))
    counts = ", ".join(f"{c.get('option')} {c.get('value')}" for c in vote.get("counts") or [])
    result = vote.get("result") or ""
    motion = (vote.get("motion_text") or "vote").strip()
    chamber = _chamber(vote.get("organization"))
    classes = vote.get("motion_classification") or []
    stage = openstates_stage(classes, chamber) if result == "pass" else Stage.OTHER
    if "passage" in classes and result == "fail":
        stage = Stage.REJECTED
    raw = f"{CHAMBERS.get(chamber or '', chamber or '')} {motion}: {counts}; {result}".strip()
    return EventItem(doc_id=doc_id, date=when, stage=stage, raw=raw, actor=CHAMBERS.get(chamber or "", chamber))


def _links(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"note": v.get("note") or "", "date": (v.get("date") or "")[:10] or None,
             "links": [{"url": link.get("url"), "media_type": link.get("media_type")} for link in v.get("links") or []]}
            for v in entries]  # fmt: skip


def bill_items(bill: dict[str, Any], *, url: str, source: str = SOURCE) -> Iterator[Item]:
    """One Open States bill object (either shape) -> its items."""
    state = _state_of(bill)
    session = str(bill.get("legislative_session") or bill.get("session") or "")
    identifier = bill.get("identifier") or ""
    doc_id = bill_id(state, session, identifier) if state and session else None
    if not doc_id or not state:
        yield ParseFailure(url=url, reason=f"Open States bill {identifier or '?'}: no state, session or identifier")
        return
    number = bill_number(state, identifier, session) or identifier
    events = _events(bill, doc_id)
    dated = [e for e in events if e.date]
    stage = current_stage([(e.date, e.stage) for e in dated])
    last = max((e for e in dated if e.stage != Stage.OTHER), key=lambda e: e.date, default=None) if stage else None
    citations = [c for c in bill.get("citations") or [] if isinstance(c, dict)]
    in_force = next((_date(c.get("effective")) for c in citations if c.get("effective")), None)
    introduced = min((e.date for e in dated if e.stage == Stage.INTRODUCED), default=None) or _date(
        bill.get("first_action_date")
    )
    abstracts = list(
        dict.fromkeys(a.get("abstract", "").strip() for a in bill.get("abstracts") or [] if a.get("abstract"))
    )
    seen_sponsors: set[str] = set()
    sponsors = []
    for s in bill.get("sponsorships") or []:
        if s.get("name") and s["name"] not in seen_sponsors:
            seen_sponsors.add(s["name"])
            sponsors.append(
                {"name": s["name"], "primary": bool(s.get("primary")), "classification": s.get("classification")}
            )
    identifiers = {"openstates_id": bill["id"]} if str(bill.get("id", "")).startswith("ocd-bill/") else {}
    yield state_bill_document(
        state,
        session,
        number,
        (bill.get("title") or number).strip(),
        source=source,
        identifiers=identifiers,
        aliases=[identifier] if identifier else [],  # Open States' own form ('SB 205', 'SB00002')
        stage=stage,
        stage_raw=last.raw if last else None,
        date_introduced=introduced,
        date_in_force=in_force,
        url=next((s.get("url") for s in bill.get("sources") or [] if s.get("url")), None) or bill.get("openstates_url"),
        summary="\n".join(abstracts) or None,
        subjects=[s for s in bill.get("subject") or [] if s],
        extra={
            "state_name": US_STATES.get(state, state),
            "sponsors": sponsors,
            "versions": _links(bill.get("versions") or []),
            "documents": _links(bill.get("documents") or []),
            "citations": citations,
            "classification": bill.get("classification") or [],
        },  # fmt: skip
    )
    yield from events
    related: set[str] = set()
    for rel in bill.get("related_bills") or []:
        target = bill_id(state, str(rel.get("legislative_session") or session), rel.get("identifier") or "")
        if not target or target == doc_id or target in related:
            continue  # the scraper lists one companion three times
        related.add(target)
        kind = RelationKind.COMPANION_OF if rel.get("relation_type") == "companion" else RelationKind.RELATED
        yield RelationItem(doc_id=doc_id, kind=kind, target_id=target,
                           target_label=f"{US_STATES.get(state, state)} {rel.get('identifier')}",
                           detail={"relation_type": rel.get("relation_type")})  # fmt: skip


def parse_bill(body: bytes, *, url: str, source: str = SOURCE) -> Iterator[Item]:
    """An Open States bill: scraper JSON, an API v3 bill, or an API v3 ``/bills`` page (``results``). ``source``:
    the spider that read it (the API or the scrapers' output)."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        yield ParseFailure(url=url, reason=f"Open States: the response is not JSON ({exc})")
        return
    bills = data.get("results") if isinstance(data, dict) and "results" in data else [data]
    for bill in bills or []:
        if isinstance(bill, dict):
            yield from bill_items(bill, url=url, source=source)


def parse_vote_event(body: bytes, *, url: str, state: str) -> Iterator[Item]:
    """A scraper ``vote_event`` file (its bill named by ``bill_identifier`` and session; the state from the caller,
    as the file does not say it) -> one dated event on the bill."""
    try:
        vote = json.loads(body)
    except ValueError as exc:
        yield ParseFailure(url=url, reason=f"Open States vote: the response is not JSON ({exc})")
        return
    code = us_state_code(state) or state.upper()
    doc_id = bill_id(code, str(vote.get("legislative_session") or ""), vote.get("bill_identifier") or "")
    if doc_id is None:
        yield ParseFailure(url=url, reason="Open States vote: no bill identifier or session")
        return
    if event := vote_event(vote, doc_id):
        yield event
