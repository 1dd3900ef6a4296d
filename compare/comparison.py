"""Two versions compared: the aligned rows, their counts, and the languages the summary is given in."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from compare.align import Aligned, align, counts
from compare.summary import CJK, describe
from compare.units import units


def version_meta(v: Any, document_id: str | None = None) -> dict[str, Any]:
    date = getattr(v, "date", None)
    return {
        "document_id": document_id or getattr(v, "document_id", None),
        "version_id": getattr(v, "id", None),
        "label": getattr(v, "label", ""),
        "kind": getattr(v, "kind", ""),
        "date": date.isoformat() if isinstance(date, dt.date) else date,
        "language": getattr(v, "language", None),
    }


@dataclass
class Comparison:
    old: dict[str, Any]
    new: dict[str, Any]
    rows: list[Aligned]
    counts: dict[str, Any]
    languages: list[str] = field(default_factory=lambda: ["en", "ru"])
    seconds: float = 0.0

    @property
    def changed_rows(self) -> list[Aligned]:
        return [r for r in self.rows if r.changed]

    def summary(self, lang: str = "en") -> list[str]:
        return [describe(r, lang) for r in self.changed_rows]


def _jurisdiction(v: Any) -> str | None:
    """'eu/celex/32024R1689' -> 'EU': the jurisdiction part of a document id."""
    doc_id = getattr(v, "document_id", None) or ""
    return doc_id.split("/", 1)[0].upper() if "/" in doc_id else None


def compare(old: Any, new: Any) -> Comparison:
    """Align and redline two versions (objects with ``text``, ``provisions``, ``language``…)."""
    t0 = time.perf_counter()
    ua = units(
        old.provisions or [], old.text or "", language=getattr(old, "language", None), jurisdiction=_jurisdiction(old)
    )
    ub = units(new.provisions or [], new.text or "", language=getattr(new, "language", None),
               jurisdiction=_jurisdiction(new))  # fmt: skip
    rows = align(ua, ub)
    langs = ["en", "ru"]  # the summary in both of ailaw's languages, whatever the texts' language
    for v in (new, old):
        lang = getattr(v, "language", None)
        if lang and lang not in langs and lang in CJK:  # and as a Korean, Japanese or Chinese text cites itself
            langs.append(lang)
    return Comparison(version_meta(old), version_meta(new), rows, counts(rows), langs, time.perf_counter() - t0)
