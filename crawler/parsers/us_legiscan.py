"""LegiScan API (api.legiscan.com; key): ``getBill`` -> a state bill with its progress, history, sponsors and text
list, remembering its ``change_hash``; ``getBillText`` -> a Version (``doc`` is the base64 of the state's file);
``getMasterListRaw`` -> the (bill_id, change_hash) pairs a crawl compares with what it stored, so only changed bills
are fetched again (us-states.md §3.6).

Responses wrap the object in ``{"status": "OK", "bill": {…}}``; the weekly dataset files drop the status (the
recorded samples); an error is ``{"status": "ERROR", "alert": {"message": …}}`` — one sentence on the run. Unknown
dates are ``0000-00-00`` (no date). Progress codes map through crawler.parsers.us_vocab.legiscan_stage.

A California amended text keeps its own markup (``<em>`` inserted, ``<strike>`` deleted): the Version stores the
text as amended and lists the marked passages in its notes (crawler.parsers.us_california.amendment_markup).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from crawler.parsers.files import describe, file_text
from crawler.parsers.us_bills import state_bill_document
from crawler.parsers.us_california import amendment_markup
from crawler.parsers.us_openstates import bill_id as state_doc_id
from crawler.parsers.us_vocab import current_stage, legiscan_stage, state_action_stage
from store.items import EventItem, Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import Stage, VersionKind

SOURCE = "us_legiscan"


def _date(raw: Any) -> dt.date | None:
    if not raw or str(raw).startswith("0000"):
        return None  # LegiScan's unknown date
    try:
        return dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def _load(body: bytes, url: str, key: str) -> dict[str, Any] | ParseFailure:
    try:
        data = json.loads(body)
    except ValueError as exc:
        return ParseFailure(url=url, reason=f"LegiScan: the response is not JSON ({exc})")
    if isinstance(data, dict) and data.get("status") == "ERROR":
        message = (data.get("alert") or {}).get("message") or "unknown error"
        return ParseFailure(url=url, reason=f"LegiScan answered with an error: {message}")
    obj = data.get(key) if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        return ParseFailure(url=url, reason=f"LegiScan: no '{key}' object in the response")
    return obj


def session_code(session: dict[str, Any]) -> str:
    """LegiScan's session -> the session code used in ids (Open States' where they agree: '2025-2026' years)."""
    start, end = session.get("year_start"), session.get("year_end")
    if start and end and start != end:
        return f"{start}-{end}"
    return str(start or session.get("session_name") or "")


def parse_bill(body: bytes, *, url: str) -> Iterator[Item]:
    """``getBill`` (or a dataset bill file) -> the bill, its progress and history as dated events."""
    bill = _load(body, url, "bill")
    if isinstance(bill, ParseFailure):
        yield bill
        return
    state = str(bill.get("state") or "").upper()
    session = session_code(bill.get("session") or {})
    number = str(bill.get("bill_number") or "")
    doc_id = state_doc_id(state, session, number) if state and session and number else None
    if doc_id is None:
        yield ParseFailure(url=url, reason="LegiScan bill without state, session or number")
        return
    events = []
    for step in bill.get("progress") or []:
        stage, name = legiscan_stage(step.get("event"), bill.get("body"))
        events.append(EventItem(doc_id=doc_id, date=_date(step.get("date")), stage=stage,
                                raw=f"{name} (LegiScan progress {step.get('event')})", actor="LegiScan"))  # fmt: skip
    for h in bill.get("history") or []:
        if h.get("action"):
            events.append(EventItem(doc_id=doc_id, date=_date(h.get("date")), stage=state_action_stage(h["action"]),
                                    raw=h["action"], actor=h.get("chamber") or None))  # fmt: skip
    stage = current_stage([(e.date, e.stage) for e in events if e.date])
    status, status_name = legiscan_stage(bill.get("status"), bill.get("body"))
    texts = [{"doc_id": t.get("doc_id"), "date": t.get("date"), "type": t.get("type"), "mime": t.get("mime"),
              "state_link": t.get("state_link"), "text_hash": t.get("text_hash")} for t in bill.get("texts") or []]  # fmt: skip
    yield state_bill_document(
        state, session, number, (bill.get("title") or number).strip(), source=SOURCE,
        identifiers={"legiscan_bill_id": str(bill.get("bill_id"))},
        stage=stage or (status if status != Stage.OTHER else None),
        stage_raw=f"{status_name} ({bill.get('status_date')})" if bill.get("status") else None,
        date_introduced=min((e.date for e in events if e.stage == Stage.INTRODUCED and e.date), default=None),
        url=bill.get("state_link") or bill.get("url"),
        summary=bill.get("description") or None,
        subjects=[s.get("subject_name") for s in bill.get("subjects") or [] if s.get("subject_name")],
        extra={"legiscan": {"bill_id": bill.get("bill_id"), "change_hash": bill.get("change_hash"),
                            "url": bill.get("url"), "session": bill.get("session")},
               "sponsors": [{"name": s.get("name"), "party": s.get("party"), "role": s.get("role"),
                             "primary": s.get("sponsor_order") in (0, 1)} for s in bill.get("sponsors") or []],
               "texts": texts, "amendments": bill.get("amendments") or [], "votes": bill.get("votes") or []},
    )  # fmt: skip
    yield from events


def parse_bill_text(body: bytes, *, url: str, doc_id: str, label: str | None = None) -> Iterator[Item]:
    """``getBillText`` -> a Version of the bill ``doc_id`` (the caller knows the bill from getBill)."""
    text = _load(body, url, "text")
    if isinstance(text, ParseFailure):
        yield text
        return
    what = f"LegiScan text {text.get('doc_id')} ({text.get('type')})"
    try:
        raw = base64.b64decode(text.get("doc") or "", validate=False)
    except (binascii.Error, ValueError):
        yield ParseFailure(url=url, reason=f"{what}: its document is not valid base64")
        return
    notes = []
    if (text.get("mime") or "").startswith("text/html") and (b"<em>" in raw or b"<strike>" in raw):
        marked = amendment_markup(raw.decode("latin-1"))
        content = normalize_text(marked.after)
        notes.append(f"the state's markup: {len(marked.inserted)} inserted passages (<em>), "
                     f"{len(marked.deleted)} deleted (<strike>); the text is stored as amended")  # fmt: skip
    else:
        got = file_text(raw, url=url, what=what, content_type=text.get("mime"), html_is_text=True)
        if isinstance(got, ParseFailure):
            yield got
            return
        content = got[0].text
        notes.append(describe(*got))
    yield VersionItem(doc_id=doc_id, label=label or f"{text.get('type')} ({text.get('date')})",
                      kind=VersionKind.BILL_TEXT, date=_date(text.get("date")), language="en", text=content,
                      source_url=url, notes=notes)  # fmt: skip


def master_list_hashes(body: bytes, *, url: str, key: str = "masterlist") -> dict[str, str] | ParseFailure:
    """``getMasterListRaw`` (``masterlist``) or ``getSearchRaw`` (``searchresult``) -> {bill_id: change_hash}: their
    results keyed by numeric strings, without ``session`` / ``summary`` (us-states.md §3.3)."""
    data = _load(body, url, key)
    if isinstance(data, ParseFailure):
        return data
    return {str(v["bill_id"]): str(v.get("change_hash") or "") for k, v in data.items()
            if k not in ("session", "summary") and isinstance(v, dict) and v.get("bill_id")}  # fmt: skip
