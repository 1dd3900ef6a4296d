"""US raw stage wording -> ailaw's one stage vocabulary (store.vocab.Stage). The raw text is always kept beside it.

Four small reviewed rule tables, each tested one case per line (tests/crawler/test_us_vocab.py):

- Congress action codes (the Library of Congress codes of BILLSTATUS / Congress.gov ``actionCode``, sourceSystem 9,
  and the House floor codes ``H…``), with the action ``type`` as a fallback: "A complete, authoritative list of
  action codes does not exist" (BILLSTATUS user guide §3), so an unknown code falls back to the type and the text;
- Open States action classifications (``introduction``, ``passage``, ``executive-signature``…);
- LegiScan progress codes (1 Introduced … 12 Draft, ``legiscan_lookup_progress.csv``);
- state legislatures' own wording (Colorado's bill history, California's status page).

Chambers: ailaw's ``passed-lower`` is the House (Assembly), ``passed-upper`` the Senate.
"""

from __future__ import annotations

import re

from store.vocab import Stage

# --- Congress ---------------------------------------------------------------------------------------------------

# Library of Congress action codes (sourceSystem 9) and House floor codes (sourceSystem 2) seen in BILLSTATUS.
CONGRESS_ACTION_CODES: dict[str, Stage] = {
    "Intro-H": Stage.INTRODUCED, "Intro-S": Stage.INTRODUCED, "1000": Stage.INTRODUCED, "10000": Stage.INTRODUCED,
    "H11100": Stage.COMMITTEE, "5000": Stage.COMMITTEE, "14000": Stage.COMMITTEE, "14500": Stage.COMMITTEE,
    "8000": Stage.PASSED_LOWER, "H37300": Stage.PASSED_LOWER, "17000": Stage.PASSED_UPPER,
    "19500": Stage.AGREED, "20500": Stage.AGREED, "H41610": Stage.AGREED,
    "28000": Stage.ADOPTED, "E20000": Stage.ADOPTED,  # presented to the President
    "E30000": Stage.SIGNED, "29000": Stage.SIGNED, "E40000": Stage.IN_FORCE, "36000": Stage.IN_FORCE,
    "31000": Stage.REJECTED, "E60000": Stage.REJECTED,  # vetoed
}  # fmt: skip
CONGRESS_ACTION_TYPES: dict[str, Stage] = {
    "IntroReferral": Stage.INTRODUCED, "Committee": Stage.COMMITTEE, "Discharge": Stage.COMMITTEE,
    "Calendars": Stage.COMMITTEE, "Floor": Stage.OTHER, "ResolvingDifferences": Stage.AGREED,
    "President": Stage.SIGNED, "BecameLaw": Stage.IN_FORCE, "Veto": Stage.REJECTED,
}  # fmt: skip
_CONGRESS_TEXT: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"^Became Public Law", re.I), Stage.IN_FORCE),
    (re.compile(r"^Signed by President", re.I), Stage.SIGNED),
    (re.compile(r"Vetoed by President|Pocket Vetoed", re.I), Stage.REJECTED),
    (re.compile(r"^Presented to President", re.I), Stage.ADOPTED),
    (re.compile(r"^Passed(?:/agreed to in)? (?:the )?Senate|^Passed Senate", re.I), Stage.PASSED_UPPER),
    (re.compile(r"^Passed(?:/agreed to in)? (?:the )?House|^Passed House|Passed House", re.I), Stage.PASSED_LOWER),
    (re.compile(r"^Introduced in", re.I), Stage.INTRODUCED),
    (re.compile(r"referred to|reported|Committee", re.I), Stage.COMMITTEE),
]


def congress_stage(code: str | None, action_type: str | None, text: str) -> Stage:
    """A Congress action -> a stage: its text when a rule reads it (one event reported under two codes reads the
    same), else its code, else its type.

    >>> congress_stage("E30000", "President", "Signed by President.")
    <Stage.SIGNED: 'signed'>
    >>> congress_stage(None, "Floor", "Passed Senate with an amendment by Voice Vote.")
    <Stage.PASSED_UPPER: 'passed-upper'>
    """
    for pattern, stage in _CONGRESS_TEXT:
        if pattern.search(text or ""):
            return stage
    if code and code in CONGRESS_ACTION_CODES:
        return CONGRESS_ACTION_CODES[code]
    return CONGRESS_ACTION_TYPES.get(action_type or "", Stage.OTHER)


# --- Open States --------------------------------------------------------------------------------------------------

# openstates-core openstates/data/common.py action classifications.
OPENSTATES_CLASSIFICATIONS: dict[str, Stage] = {
    "filing": Stage.INTRODUCED, "introduction": Stage.INTRODUCED, "reading-1": Stage.FIRST_READING,
    "reading-2": Stage.SECOND_READING, "reading-3": Stage.THIRD_READING, "referral-committee": Stage.COMMITTEE,
    "committee-passage": Stage.COMMITTEE, "committee-passage-favorable": Stage.COMMITTEE,
    "committee-passage-unfavorable": Stage.COMMITTEE, "reported-out-of-committee": Stage.COMMITTEE,
    "hearing-held": Stage.COMMITTEE, "work-session": Stage.COMMITTEE, "committee-failure": Stage.REJECTED,
    "failure": Stage.REJECTED, "withdrawal": Stage.WITHDRAWN, "executive-receipt": Stage.ADOPTED,
    "executive-signature": Stage.SIGNED, "executive-veto": Stage.REJECTED, "executive-veto-line-item": Stage.SIGNED,
    "became-law": Stage.IN_FORCE, "veto-override-passage": Stage.SIGNED, "veto-override-failure": Stage.REJECTED,
    "enrolled": Stage.ADOPTED, "concurrence": Stage.AGREED, "substitution": Stage.OTHER,
    "amendment-introduction": Stage.OTHER, "amendment-passage": Stage.AMENDED, "amendment-failure": Stage.OTHER,
    "amendment-withdrawal": Stage.OTHER, "amendment-amendment": Stage.OTHER, "amendment-deferral": Stage.OTHER,
    "deferral": Stage.OTHER, "carried-over": Stage.OTHER, "receipt": Stage.OTHER, "referral": Stage.COMMITTEE,
    "sponsorship": Stage.OTHER,
}  # fmt: skip
# When an action has several classifications, the one furthest along wins (passage beats reading-3).
_OS_PRIORITY = ["became-law", "executive-signature", "executive-veto", "veto-override-passage", "enrolled",
                "executive-receipt", "concurrence", "passage", "failure", "withdrawal", "committee-failure"]  # fmt: skip


def openstates_stage(classifications: list[str], chamber: str | None) -> Stage:
    """Open States classifications of one action (+ the acting chamber: 'lower'/'upper') -> a stage.

    >>> openstates_stage(["passage"], "upper"), openstates_stage(["reading-3", "passage"], "lower")
    (<Stage.PASSED_UPPER: 'passed-upper'>, <Stage.PASSED_LOWER: 'passed-lower'>)
    >>> openstates_stage(["executive-veto"], "executive"), openstates_stage([], "upper")
    (<Stage.REJECTED: 'rejected'>, <Stage.OTHER: 'other'>)
    """
    found = set(classifications or [])
    for name in _OS_PRIORITY:
        if name in found:
            if name == "passage":
                return Stage.PASSED_UPPER if chamber == "upper" else Stage.PASSED_LOWER
            return OPENSTATES_CLASSIFICATIONS[name]
    for name in classifications or []:
        if name in OPENSTATES_CLASSIFICATIONS:
            return OPENSTATES_CLASSIFICATIONS[name]
    return Stage.OTHER


# --- LegiScan -----------------------------------------------------------------------------------------------------

# legiscan_lookup_progress.csv: 1 Introduced, 2 Engrossed, 3 Enrolled, 4 Passed, 5 Vetoed, 6 Failed, 7 Override,
# 8 Chaptered, 9 Refer, 10 Report Pass, 11 Report DNP, 12 Draft.
LEGISCAN_PROGRESS: dict[int, tuple[Stage, str]] = {
    1: (Stage.INTRODUCED, "Introduced"), 2: (Stage.PASSED_LOWER, "Engrossed"), 3: (Stage.ADOPTED, "Enrolled"),
    4: (Stage.SIGNED, "Passed"), 5: (Stage.REJECTED, "Vetoed"), 6: (Stage.REJECTED, "Failed"),
    7: (Stage.SIGNED, "Override"), 8: (Stage.IN_FORCE, "Chaptered"), 9: (Stage.COMMITTEE, "Refer"),
    10: (Stage.COMMITTEE, "Report Pass"), 11: (Stage.COMMITTEE, "Report DNP"), 12: (Stage.DRAFT, "Draft"),
}  # fmt: skip


def legiscan_stage(event: int | str, body: str | None = None) -> tuple[Stage, str]:
    """A LegiScan progress code -> (stage, LegiScan's own name). 'Engrossed' is passage by the chamber of origin.

    >>> legiscan_stage(2, "S"), legiscan_stage("5")
    ((<Stage.PASSED_UPPER: 'passed-upper'>, 'Engrossed'), (<Stage.REJECTED: 'rejected'>, 'Vetoed'))
    """
    try:
        code = int(event)
    except (TypeError, ValueError):
        return Stage.OTHER, str(event)
    stage, name = LEGISCAN_PROGRESS.get(code, (Stage.OTHER, str(code)))
    if code == 2 and (body or "").upper().startswith("S"):
        stage = Stage.PASSED_UPPER
    return stage, name


# --- state legislatures' own wording ------------------------------------------------------------------------------

STATE_ACTIONS: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"Amendment - Change from|Laid Over|Amendments? (?:Adopted|Failed|Lost)", re.I), Stage.OTHER),
    (re.compile(r"veto pending|consider Governor's veto|Veto Message", re.I), Stage.OTHER),
    (re.compile(r"Governor Vetoed|Vetoed by (?:the )?Governor|^Vetoed", re.I), Stage.REJECTED),
    (re.compile(r"Governor Signed|Signed by (?:the )?Governor|Approved by (?:the )?Governor", re.I), Stage.SIGNED),
    (re.compile(r"Became Law|Chaptered by Secretary of State", re.I), Stage.IN_FORCE),
    (re.compile(r"Postponed Indefinitely|Lost|Failed|Died", re.I), Stage.REJECTED),
    (re.compile(r"Withdrawn", re.I), Stage.WITHDRAWN),
    (re.compile(r"Considered (?:Senate|House) Amendments.*Concur|Concurred", re.I), Stage.AGREED),
    (re.compile(r"^Senate Third Reading Passed", re.I), Stage.PASSED_UPPER),
    (re.compile(r"^House Third Reading Passed", re.I), Stage.PASSED_LOWER),
    (re.compile(r"Second Reading (?:Special Order - )?Passed", re.I), Stage.SECOND_READING),
    (re.compile(r"Sent to the Governor|Enrolled", re.I), Stage.ADOPTED),
    (re.compile(r"^Introduced In", re.I), Stage.INTRODUCED),
    (re.compile(r"Committee|Referred|Refer ", re.I), Stage.COMMITTEE),
]


def state_action_stage(text: str) -> Stage:
    """A state legislature's action wording -> a stage.

    >>> state_action_stage("Governor Signed"), state_action_stage("Senate Third Reading Passed with Amendments - Floor")
    (<Stage.SIGNED: 'signed'>, <Stage.PASSED_UPPER: 'passed-upper'>)
    >>> state_action_stage("Senate Second Reading Laid Over to 05/01/2024 - No Amendments")
    <Stage.OTHER: 'other'>
    """
    for pattern, stage in STATE_ACTIONS:
        if pattern.search(text or ""):
            return stage
    return Stage.OTHER


def current_stage(events: list[tuple[object, Stage]]) -> Stage | None:
    """A bill's stage from its dated (date, stage) events: the furthest stage on the latest day that has one
    (``other`` never decides); a bill passed by both chambers is ``adopted``.

    >>> import datetime as dt
    >>> d = dt.date(2025, 6, 12)
    >>> current_stage([(d, Stage.PASSED_UPPER), (d, Stage.OTHER), (d, Stage.PASSED_LOWER)])
    <Stage.ADOPTED: 'adopted'>
    >>> current_stage([(dt.date(2025, 3, 27), Stage.COMMITTEE), (d, Stage.OTHER)])
    <Stage.COMMITTEE: 'committee'>
    """
    from store.vocab import STAGE_ORDER

    known = [(date, stage) for date, stage in events if date is not None and stage != Stage.OTHER]
    if not known:
        return None
    latest = max(date for date, _ in known)  # type: ignore[type-var]
    stage = max((s for date, s in known if date == latest), key=STAGE_ORDER.__getitem__)
    stages = {s for _, s in known}
    if stage in (Stage.PASSED_LOWER, Stage.PASSED_UPPER) and {Stage.PASSED_LOWER, Stage.PASSED_UPPER} <= stages:
        return Stage.ADOPTED
    return stage
