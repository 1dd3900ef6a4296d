"""Canada: LEGISinfo (parl.ca), the Parliament's bill tracker, JSON export (``…/legisinfo/en/bill/44-1/c-27/json``).

The export is a JSON **array** with one bill object; almost every field has an English and a French twin
(``…En`` / ``…Fr``). A bill is ``ca/bill/{parliament}-{session}/{number}`` (``ca/bill/44-1/C-27``): numbers restart
every session. Its path comes from ``BillStages`` (House and Senate stages with their sittings, committee meetings,
decisions and significant events) and the ``Passed…DateTime`` / ``ReceivedRoyalAssentDateTime`` fields; every event
keeps the source's words in both languages. A bill whose session has ended without Royal Assent died on the Order
Paper: its stage is ``expired``. Dates are Eastern local times without an offset: the calendar day is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, load_json, squash
from store.identifiers import doc_id, normalize_ca_bill
from store.items import DocumentItem, EventItem, Item, ParseFailure
from store.vocab import DocType, Stage

SOURCE = "ca_legisinfo"
SOURCE_LABEL = "LEGISinfo (parl.ca)"

# (stage name, chamber) -> stage. The House of Commons is the lower house, the Senate the upper.
STAGE_NAMES: dict[tuple[str, str], Stage] = {
    ("First reading", "house"): Stage.FIRST_READING,
    ("Second reading", "house"): Stage.SECOND_READING,
    ("Consideration in committee", "house"): Stage.COMMITTEE,
    ("Report stage", "house"): Stage.COMMITTEE,
    ("Third reading", "house"): Stage.PASSED_LOWER,
    ("First reading", "senate"): Stage.FIRST_READING,
    ("Second reading", "senate"): Stage.SECOND_READING,
    ("Consideration in committee", "senate"): Stage.COMMITTEE,
    ("Report stage", "senate"): Stage.COMMITTEE,
    ("Third reading", "senate"): Stage.PASSED_UPPER,
}
# Significant event names -> stage (the completion of a stage says more than the stage's name).
EVENT_STAGES: dict[str, Stage] = {
    "Introduction and first reading": Stage.INTRODUCED,
    "Second reading and referral to committee": Stage.SECOND_READING,
    "Referral to committee": Stage.COMMITTEE,
    "Committee report presented without amendment": Stage.COMMITTEE,
    "Committee report presented with amendment": Stage.COMMITTEE,
    "Concurrence at report stage": Stage.COMMITTEE,
    "Third reading": Stage.PASSED_LOWER,
    "Royal assent": Stage.SIGNED,
    "Defeated": Stage.REJECTED,
}


def bill_doc_id(parliament: int | str, session: int | str, number: str) -> str:
    """(44, 1, 'C-27') -> 'ca/bill/44-1/C-27'."""
    return doc_id("ca", "bill", f"{int(parliament)}-{int(session)}/{number}")


def bill_url(parliament: int | str, session: int | str, number: str, lang: str = "en") -> str:
    return f"https://www.parl.ca/legisinfo/{lang}/bill/{int(parliament)}-{int(session)}/{number.lower()}"


def _both(obj: dict[str, Any], stem: str) -> str:
    """'Second reading / Deuxième lecture' from ``stem + 'En'`` and ``stem + 'Fr'``."""
    en, fr = squash(obj.get(f"{stem}En")), squash(obj.get(f"{stem}Fr"))
    return f"{en} / {fr}" if en and fr and en != fr else en or fr


def document_stage(bill: dict[str, Any]) -> tuple[Stage | None, str | None]:
    """The bill's stage and the source's words for it.

    >>> document_stage({"ReceivedRoyalAssent": True, "StatusNameEn": "Royal assent received"})
    (<Stage.SIGNED: 'signed'>, 'Royal assent received')
    >>> document_stage({"IsSessionOngoing": False, "StatusNameEn": "At consideration in committee in the House of Commons"})[0]
    <Stage.EXPIRED: 'expired'>
    """
    status = squash(bill.get("StatusNameEn")) or None
    if bill.get("ReceivedRoyalAssent") or bill.get("ReceivedRoyalAssentDateTime"):
        return Stage.SIGNED, status
    if bill.get("IsDefeated") or "defeated" in (status or "").lower():
        return Stage.REJECTED, status
    if bill.get("IsSessionOngoing") is False:
        return Stage.EXPIRED, f"{status} — the session ended without Royal Assent (died on the Order Paper)"
    if bill.get("PassedSenateThirdReadingDateTime"):
        return Stage.PASSED_UPPER, status
    if bill.get("PassedHouseThirdReadingDateTime"):
        return Stage.PASSED_LOWER, status
    ongoing = squash(bill.get("OngoingStageNameEn"))
    if ongoing:
        return STAGE_NAMES.get((ongoing, "house"), Stage.OTHER), status
    completed = squash(bill.get("LatestCompletedMajorStageNameEn"))
    return STAGE_NAMES.get((completed, "house"), Stage.INTRODUCED if completed else Stage.OTHER), status


def parse_bill(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """A LEGISinfo bill export (an array of bill objects) -> each bill with its dated stages."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    bills = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    if not bills:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} export holds no bill.")
        return
    for bill in bills:
        if not isinstance(bill, dict) or not bill.get("NumberCode") or not bill.get("ParliamentNumber"):
            yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} bill object has no NumberCode or ParliamentNumber.")
            continue
        yield from _bill(bill, url=url)


def _bill(bill: dict[str, Any], *, url: str) -> Iterator[Item]:
    number = normalize_ca_bill(str(bill["NumberCode"])) or str(bill["NumberCode"])
    parl, sess = bill["ParliamentNumber"], bill.get("SessionNumber") or 1
    did = bill_doc_id(parl, sess, number)
    stage, stage_raw = document_stage(bill)
    short_en, short_fr = squash(bill.get("ShortTitleEn")), squash(bill.get("ShortTitleFr"))
    long_en, long_fr = squash(bill.get("LongTitleEn")), squash(bill.get("LongTitleFr"))
    summary = re.sub(r"<[^>]+>", " ", bill.get("ShortLegislativeSummaryEn") or "")
    sponsor = " ".join(x for x in (squash(bill.get("SponsorPersonShortHonorificEn")),
                                   squash(bill.get("SponsorPersonName"))) if x)  # fmt: skip
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="CA",
        doc_type=DocType.BILL,
        title=f"Bill {number}: {short_en or long_en}",
        language="en",
        identifiers={"legisinfo_id": str(bill.get("Id") or ""), "bill": number, "session": f"{parl}-{sess}"},
        aliases=[
            a for a in (number, f"Bill {number}", f"projet de loi {number}", short_en, short_fr, long_en, long_fr) if a
        ],
        stage=stage,
        stage_raw=stage_raw,
        date_introduced=iso_date(
            bill.get("PassedHouseFirstReadingDateTime") or bill.get("PassedSenateFirstReadingDateTime")
        ),
        date_adopted=iso_date(bill.get("ReceivedRoyalAssentDateTime")),
        url=bill_url(parl, sess, number),
        summary="\n".join(x for x in (long_en, long_fr, squash(summary)) if x) or None,
        extra={
            k: v
            for k, v in {
                "bill_type": _both(bill, "BillDocumentTypeName"),
                "sponsor": sponsor,
                "sponsor_title": squash(bill.get("SponsorAffiliationTitleEn")),
                "originating_chamber": squash(bill.get("OriginatingChamberNameEn")),
                "status_fr": squash(bill.get("StatusNameFr")),
                "url_fr": bill_url(parl, sess, number, "fr"),
                "statute": f"S.C. {bill['StatuteYear']}, c. {bill['StatuteChapter']}"
                if bill.get("StatuteYear")
                else None,
            }.items()
            if v
        },  # fmt: skip
    )
    stages = bill.get("BillStages") if isinstance(bill.get("BillStages"), dict) else {}
    seen: set[tuple[Any, str]] = set()
    for chamber, key in (("house", "HouseBillStages"), ("senate", "SenateBillStages")):
        actor = "House of Commons" if chamber == "house" else "Senate"
        for st in stages.get(key) or []:
            for event in _stage_events(did, st, chamber=chamber, actor=actor):
                if (event.date, event.raw) not in seen:
                    seen.add((event.date, event.raw))
                    yield event
    if assent := iso_date(bill.get("ReceivedRoyalAssentDateTime")):
        yield EventItem(
            doc_id=did, date=assent, stage=Stage.SIGNED, raw="Royal assent / Sanction royale", actor="Governor General"
        )


def _stage_events(did: str, st: dict[str, Any], *, chamber: str, actor: str) -> Iterator[EventItem]:
    name_en = squash(st.get("BillStageNameEn"))
    stage = STAGE_NAMES.get((name_en, chamber), Stage.OTHER)
    for sig in st.get("SignificantEvents") or []:
        when = iso_date(sig.get("EventDateTime"))
        if when:
            yield EventItem(doc_id=did, date=when, stage=EVENT_STAGES.get(squash(sig.get("EventNameEn")), stage),
                            raw=_both(sig, "EventName"), actor=actor)  # fmt: skip
    for sitting in st.get("Sittings") or []:
        when = iso_date(sitting.get("Date"))
        if when:
            number = sitting.get("Number")
            yield EventItem(doc_id=did, date=when, stage=stage, raw=_both(sitting, "Name"), actor=actor,
                            reference=f"sitting No. {number}" if number else None)  # fmt: skip
    for decision in st.get("Decisions") or []:
        when = iso_date(decision.get("DecisionSittingDate"))
        if not when:
            continue
        votes = ""
        if decision.get("DivisionNumber"):
            votes = (f" (division No. {decision['DivisionNumber']}: yeas {decision.get('DivisionVotesYeas')}, "
                     f"nays {decision.get('DivisionVotesNays')}, paired {decision.get('DivisionVotePaired')})")  # fmt: skip
        raw = f"{_both(decision, 'DecisionMotionTitle')}: {_both(decision, 'DecisionResultName')}{votes}"
        yield EventItem(doc_id=did, date=when, stage=stage, raw=raw, actor=actor)
    for meeting in st.get("CommitteeMeetings") or []:
        when = iso_date(meeting.get("Date"))
        if when:
            acronym = squash(meeting.get("CommitteeAcronym"))
            yield EventItem(doc_id=did, date=when, stage=Stage.COMMITTEE,
                            raw=f"{_both(meeting, 'CommitteeName')} ({acronym}) meeting No. {meeting.get('Number')}",
                            actor=acronym or actor)  # fmt: skip
