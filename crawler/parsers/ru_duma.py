"""State Duma API (api.duma.gov.ru) ``search.json`` -> one bill DocumentItem per law + an EventItem for lastEvent.

Shape: the real samples ``duma-api_search_*.json`` (dossier §2.1). The API gives the bill card URL on the
``sozd.parlament.gov.ru`` alias; we link the canonical ``https://sozd.duma.gov.ru/bill/{number}``. An empty result
(``count: 0, laws: []``) yields nothing. The API may be stale since ~02.2025 (dossier §2.1): it is a secondary
source beside SOZD.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from crawler.parsers.ru_pravo import load_json, one_line
from crawler.parsers.ru_vocab import duma_actor, duma_stage
from store.dates import fast_date
from store.identifiers import bill_aliases, doc_id, normalize_bill_number
from store.items import DocumentItem, EventItem, Item, ParseFailure
from store.vocab import DocType

logger = logging.getLogger(__name__)

SOURCE = "ru_duma"
SOURCE_LABEL = "State Duma API"
SOZD = "https://sozd.duma.gov.ru/bill/{number}"


def sozd_url(number: str) -> str:
    """Canonical SOZD card of a bill (the API's sozd.parlament.gov.ru is an alias)."""
    return SOZD.format(number=number)


def parse_search(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """`search.json` page -> DocumentItem (bill) + EventItem (its last event) per law."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    if not isinstance(data, dict) or not isinstance(data.get("laws"), list):
        message = data.get("message") or data.get("error") if isinstance(data, dict) else None
        reason = f"{SOURCE_LABEL} response has no 'laws' list"
        yield ParseFailure(url=url, reason=f"{reason}: {one_line(str(message))}." if message else f"{reason}.")
        return
    for law in data["laws"]:
        yield from _law(law, url=url)


def _names(values: Any) -> list[str]:
    if isinstance(values, dict):
        values = [values]
    return [one_line(v["name"]) for v in values or [] if isinstance(v, dict) and v.get("name")]


def _reference(document: dict[str, Any]) -> str | None:
    """«8358-6 ГД» for a Постановление ГД (its number says it all); «Протокол заседания Совета ГД № 116» otherwise."""
    name, kind = one_line(document.get("name")), one_line(document.get("type"))
    if not name:
        return None
    if not kind or kind.startswith("Постановление") or kind in name:
        return name
    return f"{kind} № {name}"


def _law(law: Any, *, url: str) -> Iterator[Item]:
    if not isinstance(law, dict):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law entry is not an object: {str(law)[:60]!r}.")
        return
    number = normalize_bill_number(str(law.get("number") or ""))
    if not number:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law entry has no valid bill number: {law.get('number')!r}.")
        return
    title = one_line(law.get("name"))
    if not title:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} bill {number} has no name.")
        return
    ident = doc_id("ru", "duma", number)

    subject = law.get("subject") if isinstance(law.get("subject"), dict) else {}
    committees = law.get("committees") if isinstance(law.get("committees"), dict) else {}
    initiators = _names(subject.get("departments")) + _names(subject.get("deputies")) + _names(subject.get("factions"))
    responsible = _names(committees.get("responsible"))
    committee_names = responsible + _names(committees.get("profile")) + _names(committees.get("soexecutor"))

    event = law.get("lastEvent") if isinstance(law.get("lastEvent"), dict) else None
    stage = stage_raw = None
    event_item: EventItem | None = None
    if event:
        st = event.get("stage") if isinstance(event.get("stage"), dict) else {}
        ph = event.get("phase") if isinstance(event.get("phase"), dict) else {}
        solution = one_line(event.get("solution")) or None
        parts = [p for p in (one_line(st.get("name")), one_line(ph.get("name")), solution) if p]
        stage_raw = " — ".join(parts) or None
        stage = duma_stage(stage_id=st.get("id"), stage_name=st.get("name"), solution=solution)
        document = event.get("document") if isinstance(event.get("document"), dict) else {}
        if stage is not None and stage_raw:
            event_item = EventItem(
                doc_id=ident,
                date=fast_date(event.get("date") or ""),
                stage=stage,
                raw=stage_raw,
                actor=duma_actor(ph.get("name")),
                reference=_reference(document),
            )

    law_type = law.get("type") if isinstance(law.get("type"), dict) else {}
    extra: dict[str, Any] = {
        "law_type": law_type.get("name"),
        "initiators": initiators,
        "committee_responsible": responsible[0] if responsible else None,
        "api_url": law.get("url"),
        "transcript_url": law.get("transcriptUrl"),
    }
    if event and isinstance(event.get("document"), dict) and event["document"].get("type"):
        extra["last_event_document_type"] = event["document"]["type"]

    identifiers = {"bill_number": number}
    if law.get("id") is not None:
        identifiers["duma_id"] = str(law["id"])
    yield DocumentItem(
        doc_id=ident,
        source=SOURCE,
        jurisdiction="RU",
        doc_type=DocType.BILL,
        title=title,
        original_title=title,
        language="ru",
        identifiers=identifiers,
        aliases=bill_aliases(number),
        stage=stage,
        stage_raw=stage_raw,
        date_introduced=fast_date(law.get("introductionDate") or ""),
        url=sozd_url(number),
        summary=one_line(law.get("comments")) or None,
        subjects=list(dict.fromkeys(initiators + committee_names)),
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )
    if event_item:
        yield event_item
