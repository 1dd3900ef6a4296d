"""Reversed ranges in a query (``date:[2030 TO 2020]``, ``year:[2030 TO 2020]``): searched the right way round, and
said so in one sentence.

Whoosh's date parser turns a reversed date range round without a word, and a reversed year range matches nothing.
Both are searched from the earlier bound to the later one; each is kept as a ``ReversedRange`` so that the CLI and the
UI can say that the range as typed was reversed and what was searched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.qparser.dateparse import DateParserPlugin, DateRangeNode
from whoosh.util.times import timespan


@dataclass(frozen=True)
class ReversedRange:
    """A range typed with its start after its end (``typed``), and the range searched instead (``searched_from``,
    ``searched_to``: ISO dates, or years)."""

    field: str
    typed: str
    searched_from: str
    searched_to: str

    def sentence(self) -> str:
        """'The range date:[2030 TO 2020] is reversed (its start is after its end): searched 2020-01-01 to 2030-12-31.'"""
        return (f"The range {self.typed} is reversed (its start is after its end): "
                f"searched {self.searched_from} to {self.searched_to}.")  # fmt: skip


def _floor(value: Any, basedate: dt.datetime) -> Any:
    value = value.disambiguated(basedate)
    return value.start if isinstance(value, timespan) else value


def _ceil(value: Any, basedate: dt.datetime) -> Any:
    value = value.disambiguated(basedate)
    return value.end if isinstance(value, timespan) else value


class DatePlugin(DateParserPlugin):
    """Whoosh's date parser, which also notes the date ranges it turned round (``reversed``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reversed: list[ReversedRange] = []

    def range_to_dt(self, node: Any) -> Any:
        out = super().range_to_dt(node)
        if isinstance(out, DateRangeNode) and node.start and node.end and out.start and out.end:
            start, end = self._bound_from(node.start), self._bound_from(node.end)
            basedate = self.basedate or dt.datetime.now(tz=dt.UTC)
            if start is not None and end is not None and _floor(start, basedate) > _ceil(end, basedate):
                self.reversed.append(ReversedRange(
                    field=node.fieldname, typed=f"{node.fieldname}:[{node.start} TO {node.end}]",
                    searched_from=out.start.date().isoformat(), searched_to=out.end.date().isoformat(),
                ))  # fmt: skip
        return out


def turn_reversed_years(q: wq.Query, noted: list[ReversedRange]) -> None:
    """Turn round the numeric ranges (``year:[2030 TO 2020]``) of a parsed query whose start is after their end."""
    stack = [q]
    while stack:
        sub = stack.pop()
        stack.extend(sub.children())
        if isinstance(sub, wq.NumericRange) and sub.start is not None and sub.end is not None and sub.start > sub.end:
            typed = f"{sub.fieldname}:[{sub.start} TO {sub.end}]"
            sub.start, sub.end = sub.end, sub.start
            sub.startexcl, sub.endexcl = sub.endexcl, sub.startexcl
            noted.append(ReversedRange(field=sub.fieldname, typed=typed, searched_from=str(sub.start),
                                       searched_to=str(sub.end)))  # fmt: skip
