"""The Canadian splitter: a Justice Laws consolidated Act (``<Statute>`` XML, English or French) -> provisions:
Parts (level-1 headings), sections (``sec_4.1``; «Article» in French) with their subsections (``sec_2.par_1``), and
schedules (``sch_1``). Historical notes are left out of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from store.items import Provision
from store.normalize import normalize_text
from texts.base import local_name, squash, text_of, unique_keys


def _text(el: Any) -> str:
    return normalize_text(re.sub(r"[ \t]+", " ", "\n".join(t.strip() for t in _blocks(el) if t.strip())))


def _blocks(el: Any) -> Iterator[str]:
    """Text by block: a Label with what follows it, each Text / MarginalNote on its own line; historical notes out."""
    buf: list[str] = []
    for node in el.iter():
        name = local_name(node)
        if name in ("HistoricalNote", "HistoricalNoteSubItem", "FootnoteRef", "Footnote"):
            continue
        if name in ("Subsection", "Paragraph", "Subparagraph", "Clause", "Definition", "MarginalNote") and buf:
            yield " ".join(buf)
            buf = []
        if name in ("Label", "Text", "MarginalNote", "TitleText"):
            buf.append(squash(text_of(node)))
    if buf:
        yield " ".join(buf)


def split_justice(root: Any, lang: str = "en") -> list[Provision]:
    """Provisions of a consolidated Act: Parts (Heading level 1 with a Label), sections (``sec_4.1``) with their
    subsections (``sec_2.par_1``), and schedules (``sch_1``)."""
    out: list[Provision] = []
    body = root.find("Body")
    part: str | None = None
    if body is not None:
        for el in body:
            name = local_name(el)
            if name == "Heading" and el.get("level") == "1" and (label := squash(el.findtext("Label"))):
                number = re.sub(r"^(?:PART|PARTIE)\s+", "", label, flags=re.I)
                part = f"pt_{number}"
                title = squash(el.findtext("TitleText"))
                out.append(Provision(key=part, kind="part", number=number, label=label.title(), heading=title or None,
                                     text=f"{label} {title}".strip(), parent=None))  # fmt: skip
            elif name == "Section":
                _section(el, out, parent=part, word="Section" if lang == "en" else "Article")
    for n, sched in enumerate(root.iter("Schedule"), start=1):
        label = squash(sched.findtext(".//ScheduleFormHeading/Label")) or f"SCHEDULE {n}"
        number = re.sub(r"^(?:SCHEDULE|ANNEXE)\s*", "", label, flags=re.I) or str(n)
        title = squash(sched.findtext(".//ScheduleFormHeading/TitleText"))
        out.append(Provision(key=f"sch_{number}", kind="annex", number=number, label=label.title(), heading=title or None,
                             text=_text(sched), parent=None))  # fmt: skip
    return unique_keys(out)


def _section(el: Any, out: list[Provision], *, parent: str | None, word: str) -> None:
    number = squash(el.findtext("Label")) or str(len(out) + 1)
    key = f"sec_{number}"
    note = squash(el.findtext("MarginalNote")) or None
    out.append(Provision(key=key, kind="section", number=number, label=f"{word} {number}", heading=note,
                         text=_text(el), parent=parent))  # fmt: skip
    for sub in el.findall("Subsection"):
        sub_label = squash(sub.findtext("Label")).strip("()")
        if sub_label:
            out.append(Provision(key=f"{key}.par_{sub_label}", kind="paragraph", number=sub_label,
                                 label=f"{word} {number}({sub_label})", heading=squash(sub.findtext("MarginalNote")) or None,
                                 text=_text(sub), parent=key))  # fmt: skip
