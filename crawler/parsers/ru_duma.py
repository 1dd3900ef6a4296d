"""State Duma API (api.duma.gov.ru): ``search.json`` -> bills and their last event; ``voteSearch.json`` -> votes.

Shapes: the real samples ``duma-api_search_*.json`` and ``duma-api_voteSearch_number-17973-8.json`` (dossier §2.1).
The API gives the bill card URL on the ``sozd.parlament.gov.ru`` alias; we link the canonical
``https://sozd.duma.gov.ru/bill/{number}``. An empty result (``count: 0, laws: []``) yields nothing. The API may be
stale since ~02.2025 (dossier §2.1): it is a secondary source beside the SOZD card, whose values win
(``crawler.pipelines.SOURCE_PRECEDENCE``); :func:`newest_event_date` and :func:`stale_warning` let the spider say
when the data set looks frozen.

Votes: each vote becomes a dated EventItem on ``ru/duma/{number}`` (the reading named in the subject's parenthesis,
the Russian subject and the counts kept verbatim in ``raw``). A vote for a bill the store does not know yet would be
dropped by the store pipeline (an event needs its document), so when the spider could not describe the bill from
``search.json`` it asks for ``describe=True`` and the first vote's subject gives a minimal DocumentItem: the title is
in the subject in quotes, and a bill with a title is worth keeping (the next search or the SOZD card completes it;
the card overwrites it). Skipping with a recorded miss would lose real, dated votes of a bill that was asked for by
number (``ailaw track``). Without ``describe`` no DocumentItem is made, so a vote never overwrites the bill's title
or stage as the search (or the card) gave them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.parsers.ru_pravo import load_json, one_line
from crawler.parsers.ru_sozd import bill_document  # the canonical card URL (the API's sozd.parlament is an alias)
from crawler.parsers.ru_vocab import duma_actor, duma_stage, duma_vote_stage
from store.dates import fast_date
from store.identifiers import doc_id, normalize_bill_number
from store.items import EventItem, Item, ParseFailure
from store.vocab import Stage

logger = logging.getLogger(__name__)

SOURCE = "ru_duma"
SOURCE_LABEL = "State Duma API"
DUMA = "Государственная Дума"  # who votes
INTRODUCTION = "Внесение законопроекта в Государственную Думу"  # the API's name of stage 1 (dossier §2.1)


def _load_list(body: bytes, key: str, *, url: str, what: str) -> list[Any] | ParseFailure:
    """The ``key`` list of an API answer, or one sentence: not JSON, or no such list (an error body carries
    ``message``/``error``)."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        return failure
    if isinstance(data, dict) and isinstance(data.get(key), list):
        return list(data[key])
    message = data.get("message") or data.get("error") if isinstance(data, dict) else None
    reason = f"{SOURCE_LABEL} {what} has no '{key}' list"
    return ParseFailure(url=url, reason=f"{reason}: {one_line(str(message))}." if message else f"{reason}.")


def parse_search(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """`search.json` page -> DocumentItem (bill) + EventItem (its last event) per law."""
    laws = _load_list(body, "laws", url=url, what="response")
    if isinstance(laws, ParseFailure):
        yield laws
        return
    for law in laws:
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


def introduced_date(law: dict[str, Any]) -> dt.date | None:
    return fast_date(law.get("introductionDate") or "")


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
    yield bill_document(
        number,
        title,
        source=SOURCE,
        identifiers=identifiers,
        stage=stage,
        stage_raw=stage_raw,
        date_introduced=introduced_date(law),
        summary=one_line(law.get("comments")) or None,
        subjects=list(dict.fromkeys(initiators + committee_names)),
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )
    introduced = introduced_date(law)
    if introduced and not (event_item and event_item.stage == Stage.INTRODUCED):
        # the first dated step of the bill's path, from the API's own introductionDate (stage 1's name as its words)
        yield EventItem(doc_id=ident, date=introduced, stage=Stage.INTRODUCED, raw=INTRODUCTION, actor=DUMA)
    if event_item:
        yield event_item


# --- freshness ------------------------------------------------------------------------------------------------
def newest_event_date(body: bytes) -> dt.date | None:
    """The newest ``lastEvent.date`` of a ``search.json`` page; None when the page has none (or is not JSON).

    >>> newest_event_date(b'{"laws": [{"lastEvent": {"date": "2025-02-14"}}, {"lastEvent": null}]}')
    datetime.date(2025, 2, 14)
    """
    laws = _load_list(body, "laws", url="", what="response")
    if isinstance(laws, ParseFailure):
        return None
    dates = [
        fast_date(law["lastEvent"].get("date") or "")
        for law in laws
        if isinstance(law, dict) and isinstance(law.get("lastEvent"), dict)
    ]
    found = [d for d in dates if d is not None]
    return max(found) if found else None


def stale_warning(newest: dt.date, fetched: dt.datetime, *, stale_days: int) -> str | None:
    """One sentence when the newest event is more than ``stale_days`` older than the fetch, else None.

    The fetch time is the response's own (its ``Date`` header or its archive record), never today's clock: a
    replayed archive is judged as of the day it was recorded.

    >>> stale_warning(dt.date(2025, 2, 14), dt.datetime(2025, 4, 1, 9, 30, tzinfo=dt.UTC), stale_days=45)
    'Duma API data looks stale: newest event 2025-02-14, 46 days before the response was fetched on 2025-04-01; SOZD cards are preferred.'
    >>> stale_warning(dt.date(2025, 2, 14), dt.datetime(2025, 3, 31, tzinfo=dt.UTC), stale_days=45) is None
    True
    """
    days = (fetched.date() - newest).days
    if days <= stale_days:
        return None
    return (
        f"Duma API data looks stale: newest event {newest.isoformat()}, {days} days before the response was "
        f"fetched on {fetched.date().isoformat()}; SOZD cards are preferred."
    )


# --- votes ------------------------------------------------------------------------------------------------------
_SUBJECT_BILL = re.compile(r"№\s*(\d{1,8}\s*-\s*\d{1,2})\s*(.*)$", re.S)


def vote_bill(subject: str) -> tuple[str | None, str | None]:
    """(bill number, bill title) named in a vote subject; the title is the quoted name after the number.

    Straight quotes nest without telling opening from closing, and the API sometimes drops the outer closing
    quote: an odd number of quotes after the opening one means the last closes the title (anything after it, like
    «(принят в 1 чтении 23.05.18)», is not the title); an even number means the inner pairs are balanced and the
    title runs to the end.

    >>> vote_bill('(первое чтение) О проекте федерального закона № 17973-8 "О внесении изменений в Федеральный закон "О накопительно-ипотечной системе" (о повышении эффективности)')
    ('17973-8', 'О внесении изменений в Федеральный закон "О накопительно-ипотечной системе" (о повышении эффективности)')
    >>> vote_bill('(к отклонению) О проекте федерального закона № 301854-7 "О внесении изменений в КоАП" (принят в 1 чтении 23.05.18)')
    ('301854-7', 'О внесении изменений в КоАП')
    >>> vote_bill('(третье чтение) О проекте федерального закона № 1-8 «Об «X»» (повторно)')
    ('1-8', 'Об «X»')
    >>> vote_bill("О порядке работы Государственной Думы")
    (None, None)
    """
    m = _SUBJECT_BILL.search(subject or "")
    if not m:
        return None, None
    number = normalize_bill_number(m.group(1))
    rest = m.group(2).strip()
    title = ""
    if rest.startswith("«"):
        depth = 0
        for i, ch in enumerate(rest):
            depth += (ch == "«") - (ch == "»")
            if depth == 0:
                title = rest[1:i]
                break
        else:
            title = rest[1:]
    elif rest.startswith('"'):
        inner = rest[1:]
        title = inner[: inner.rfind('"')] if inner.count('"') % 2 == 1 else inner
    return number, (one_line(title) or None)


def _count(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def vote_counts(vote: dict[str, Any]) -> str:
    """«за 346, против 0, воздержались 0, не голосовали 103; принято» (a count the API left out is left out)."""
    labels = (("forCount", "за"), ("againstCount", "против"), ("abstainCount", "воздержались"),
              ("absentCount", "не голосовали"))  # fmt: skip
    counts = ", ".join(f"{label} {n}" for key, label in labels if (n := _count(vote.get(key))) is not None)
    result = vote.get("result")
    outcome = "принято" if result is True else "не принято" if result is False else ""
    return "; ".join(p for p in (counts, outcome) if p)


def _url_number(url: str) -> str | None:
    values = parse_qs(urlsplit(url).query).get("number")
    return normalize_bill_number(values[0]) if values else None


def parse_votes(body: bytes, *, url: str, describe: bool = False, **_: Any) -> Iterator[Item]:
    """`voteSearch.json?number=…` -> one dated EventItem per vote (+ a minimal DocumentItem when ``describe``)."""
    votes = _load_list(body, "votes", url=url, what="vote response")
    if isinstance(votes, ParseFailure):
        yield votes
        return
    asked = _url_number(url)
    described: set[str] = set()
    for vote in votes:
        subject = one_line(vote.get("subject")) if isinstance(vote, dict) else ""
        if not subject:
            yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} vote entry has no subject: {str(vote)[:60]!r}.")
            continue
        number, title = vote_bill(subject)
        number = number or asked
        if not number:
            yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} vote {vote.get('id')} names no bill number.")
            continue
        ident = doc_id("ru", "duma", number)
        if describe and ident not in described and title:
            described.add(ident)
            yield bill_document(number, title, source=SOURCE)
        counts = vote_counts(vote)
        yield EventItem(
            doc_id=ident,
            date=fast_date(str(vote.get("voteDate") or "")[:10]),
            stage=duma_vote_stage(subject, passed=vote.get("result") if isinstance(vote.get("result"), bool) else None),
            raw=f"{subject} — {counts}" if counts else subject,
            actor=DUMA,
            reference=f"голосование № {vote['id']}" if vote.get("id") is not None else None,
        )
