"""The text as in force on a date, from a document's dated versions; the list of versions with dates and kinds.

A version is taken as in force from its date until the next dated version of an in-force kind (the original act,
a consolidated version, an edition, a corrigendum, an imported text). Drafts and bill texts count only when the
document has nothing else, or nothing in force yet on the date (then the text as it stood: the last draft).

>>> import datetime as dt
>>> from types import SimpleNamespace as V
>>> vs = [V(id=1, kind="original", date=dt.date(2019, 10, 10), label="a"),
...       V(id=2, kind="edition", date=dt.date(2024, 2, 15), label="b"),
...       V(id=3, kind="draft", date=dt.date(2025, 1, 1), label="c")]
>>> version_as_of(vs, dt.date(2023, 1, 1)).id, version_as_of(vs, dt.date(2025, 6, 1)).id
(1, 2)
>>> version_as_of(vs, dt.date(2001, 1, 1)) is None
True
>>> version_as_of(vs[2:], dt.date(2025, 6, 1)).id  # only a draft
3
>>> in_force(vs[0], "decree"), in_force(vs[2], "decree"), in_force(vs[0], "bill")  # a bill's text never is
(True, False, False)
>>> [(r["id"], r["in_force_from"], r["in_force_until"]) for r in timeline(vs, "decree")]
[(1, '2019-10-10', '2024-02-14'), (2, '2024-02-15', None), (3, None, None)]
>>> [(r["id"], r["in_force_from"]) for r in timeline(vs[2:], "decree") + timeline(vs, "bill")]  # never in force
[(3, None), (1, None), (2, None), (3, None)]

An act whose first text is dated before it entered into force (an EU act is published, then in force 20 days
later) is in force from its entry into force (the document's ``date_in_force``), and its text stands before that:

>>> act = [V(id=4, kind="original", date=dt.date(2024, 7, 12), label="OJ")]
>>> entered = entry_into_force(act, dt.date(2024, 8, 1))
>>> [(r["in_force_from"], r["in_force_until"]) for r in timeline(act, "regulation", entered=entered)]
[('2024-08-01', None)]
>>> [in_force(act[0], "regulation", on=day, entered=entered) for day in (dt.date(2024, 7, 20), dt.date(2024, 8, 1))]
[False, True]
>>> entry_into_force(vs, dt.date(2025, 1, 1)) is None  # after a later text's date: not the act's first day
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

IN_FORCE_KINDS = frozenset({"original", "consolidated", "edition", "corrigendum", "imported"})


NEVER_IN_FORCE_TYPES = frozenset({"bill", "proposal"})  # their texts stand on a date; they are never in force


def in_force(version: Any, doc_type: str | None, *, on: dt.date | None = None, entered: dt.date | None = None) -> bool:
    """Whether ``version``, picked by :func:`version_as_of`, is a text in force (an act's), or only the text as it
    stood then (a bill's or a proposal's, a draft of an act with no in-force text yet, or — ``on`` a day before the
    act entered into force, ``entered`` from :func:`entry_into_force` — an act's text not in force yet)."""
    if on is not None and entered is not None and on < entered and version.date is not None and version.date < entered:
        return False
    return version.kind in IN_FORCE_KINDS and str(doc_type or "") not in NEVER_IN_FORCE_TYPES


def entry_into_force(versions: Sequence[Any], date_in_force: dt.date | None) -> dt.date | None:
    """The day the act entered into force when it is after its first text's date and before any later text's (a
    published act in force later); None when its first text's date is its first day in force."""
    chain = _dated(versions)
    if date_in_force is None or not chain or chain[0].kind not in IN_FORCE_KINDS or date_in_force <= chain[0].date:
        return None
    later = next((v.date for v in chain[1:] if v.date > chain[0].date), None)
    return date_in_force if later is None or date_in_force < later else None


def _dated(versions: Sequence[Any]) -> list[Any]:
    pool = [v for v in versions if v.date is not None and v.kind in IN_FORCE_KINDS]
    if not pool:
        pool = [v for v in versions if v.date is not None]
    return sorted(pool, key=lambda v: (v.date, v.id or 0))


def version_as_of(versions: Sequence[Any], date: dt.date) -> Any | None:
    """The version in force on ``date`` (the last dated in-force version on or before it), or ``None``."""
    found = None
    for v in _dated(versions):
        if v.date <= date:
            found = v
    if found is None:  # nothing in force yet: the text as it stood then (the last draft tabled before the date)
        for v in sorted((v for v in versions if v.date is not None), key=lambda v: (v.date, v.id or 0)):
            if v.date <= date:
                found = v
    return found


def timeline(versions: Sequence[Any], doc_type: str | None = None, *, entered: dt.date | None = None
             ) -> list[dict[str, Any]]:  # fmt: skip
    """Every version with its date, kind and — for versions in force (:func:`in_force`: an act's text, never a
    draft's, a bill's or a proposal's) — their first day and the day before the next one took over."""
    chain = _dated(versions)
    until: dict[Any, str | None] = {}
    for i, a in enumerate(chain):
        # the next version dated later ends this one; one of the same date is a parallel text (English and French)
        later = next((b for b in chain[i + 1 :] if b.date > a.date), None)
        if later is not None:
            until[a.id] = (later.date - dt.timedelta(days=1)).isoformat()
    rows = []
    for v in sorted(versions, key=lambda v: (v.date is None, v.date or dt.date.min, v.id or 0)):
        rows.append({
            "id": v.id, "label": v.label, "kind": v.kind, "date": v.date.isoformat() if v.date else None,
            "in_force_from": max(v.date, entered or v.date).isoformat()
            if v in chain and v.date and in_force(v, doc_type) else None,
            "in_force_until": until.get(v.id) if v in chain and in_force(v, doc_type) else None,
        })  # fmt: skip
    return rows
