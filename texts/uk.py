"""The UK splitter: a CLML text (legislation.gov.uk ``data.xml``) -> provisions: parts, chapters, cross-headings
(Pblock), sections (P1: ``sec_80``) with their subsections (P2: ``sec_80.par_2``), and schedules (``sch_1``) with
their paragraphs. Repealed text keeps legislation.gov.uk's dotted lines, shortened to «…».
"""

from __future__ import annotations

import re
from typing import Any

from store.items import Provision
from store.normalize import normalize_text
from texts.base import local_name, squash, unique_keys

NS = {"leg": "http://www.legislation.gov.uk/namespaces/legislation"}


_CONTAINERS = {"Part": ("part", "pt"), "Chapter": ("chapter", "ch"), "Pblock": ("section", "blk"),
               "Schedule": ("annex", "sch")}  # fmt: skip


def clml_text(el: Any) -> str:
    """Readable text of a CLML element: the dotted lines of repealed text and commentary references dropped."""
    parts = []
    for node in el.iter():
        if local_name(node) in ("CommentaryRef", "Commentary"):
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text and local_name(node) not in ("Commentaries",):
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
        if local_name(node) in ("P", "Text", "Title", "Pnumber", "P1para", "P2para"):
            parts.append("\n")
    return normalize_text(re.sub(r"(?:\.\s){3,}\.?", "…", "".join(parts)))


def split_clml(root: Any) -> list[Provision]:
    """Provisions of a CLML text: parts, chapters, cross-headings (Pblock), sections (P1: ``sec_80``) with their
    subsections (P2: ``sec_80.par_2``), and schedules (``sch_1``) with their paragraphs."""
    out: list[Provision] = []
    body = first_of(root, "leg:Primary", "leg:Secondary")
    if body is None:
        return out
    for part in body:
        if local_name(part) in ("Body", "Schedules"):
            _walk_clml(part, out, parent=None, in_schedule=local_name(part) == "Schedules")
    return unique_keys(out)


def _walk_clml(el: Any, out: list[Provision], *, parent: str | None, in_schedule: bool) -> None:
    for child in el:
        name = local_name(child)
        if name in _CONTAINERS:
            kind, prefix = _CONTAINERS[name]
            number = squash(child.findtext("leg:Number", namespaces=NS)) or str(len(out) + 1)
            number = re.sub(r"^(?:Part|Chapter|Schedule)\s+", "", number, flags=re.I)
            key = f"{prefix}_{number}" if not parent or name == "Schedule" else f"{parent}.{prefix}_{number}"
            title = squash(child.findtext("leg:Title", namespaces=NS)) or squash(
                child.findtext("leg:TitleBlock/leg:Title", namespaces=NS)
            )
            out.append(Provision(key=key, kind=kind, number=number, label=f"{name} {number}", heading=title or None,
                                 text=squash(f"{name} {number} {title}"), parent=None if name == "Schedule" else parent))  # fmt: skip
            _walk_clml(child, out, parent=key, in_schedule=in_schedule or name == "Schedule")
        elif name == "P1group":
            heading = clml_text(child.find("leg:Title", NS)) if child.find("leg:Title", NS) is not None else None
            for p1 in child.iterfind("leg:P1", NS):
                _section(p1, out, parent=parent, heading=heading or None, in_schedule=in_schedule,
                         repealed=child.get("Status") == "Repealed")  # fmt: skip
        elif name == "P1":
            _section(child, out, parent=parent, heading=None, in_schedule=in_schedule, repealed=False)
        elif name in ("ScheduleBody", "Body"):
            _walk_clml(child, out, parent=parent, in_schedule=in_schedule)


def _section(p1: Any, out: list[Provision], *, parent: str | None, heading: str | None, in_schedule: bool,
             repealed: bool) -> None:  # fmt: skip
    number = (
        re.sub(r"[^\w.]", "", squash(clml_text(p1.find("leg:Pnumber", NS))))
        if p1.find("leg:Pnumber", NS) is not None
        else ""
    )
    number = number.rstrip(".") or str(len(out) + 1)
    kind, prefix, label = (
        ("paragraph", "para", f"paragraph {number}") if in_schedule else ("section", "sec", f"Section {number}")
    )
    key = f"{parent}.{prefix}_{number}" if in_schedule and parent else f"{prefix}_{number}"
    text = clml_text(p1)
    if heading:
        text = f"{heading}\n{text}"
    out.append(Provision(key=key, kind=kind, number=number, label=label, heading=heading,
                         text=text + ("\n[repealed]" if repealed else ""), parent=parent))  # fmt: skip
    for p2 in p1.iterfind(".//leg:P2", NS):
        n2 = (
            re.sub(r"[^\w]", "", squash(clml_text(p2.find("leg:Pnumber", NS))))
            if p2.find("leg:Pnumber", NS) is not None
            else ""
        )
        if n2:
            out.append(Provision(key=f"{key}.par_{n2}", kind="paragraph", number=n2, label=f"{label}({n2})",
                                 heading=None, text=clml_text(p2), parent=key))  # fmt: skip


def first_of(el: Any, *paths: str, namespaces: dict[str, str] | None = None) -> Any | None:
    """The first element one of ``paths`` finds."""
    for path in paths:
        found = el.find(path, namespaces or NS)
        if found is not None:
            return found
    return None
