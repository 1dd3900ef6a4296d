"""The units the aligner compares: the top-level provisions of a version (citations, recitals, articles, annexes,
top-level points or sections), each with the paragraphs and points directly inside it.

A version stored without provisions is split here by the splitter of its tradition (``texts.split_provisions``),
the same one its text would have met on the crawl or import path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from texts.split import split_provisions

CONTAINER_KINDS = frozenset({"title", "chapter", "section", "part"})


@dataclass
class Unit:
    """One comparable provision: a citation, recital, article, annex (or a top-level point / section)."""

    key: str
    kind: str
    number: str | None
    label: str
    heading: str | None
    text: str  # the whole provision: its paragraphs and points included
    children: list[dict[str, Any]] = field(default_factory=list)  # paragraphs and points directly inside

    @property
    def body(self) -> str:
        """The text compared: the heading first, unless the text already opens with it."""
        if not self.heading or self.heading in self.text[: len(self.heading) + 80]:
            return self.text
        return f"{self.heading}\n{self.text}"


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Tree:
    """The provisions of a version as a tree, with each node's whole text.

    Splitters differ in what a node's text holds: the EU parser and splitter put a whole article (its paragraphs
    and points) in the article's text; the Russian splitter gives each статья, часть and пункт its own lines only.
    :meth:`whole` gives the same answer for both: the node's text plus every descendant's text it does not
    already hold, in reading order.
    """

    def __init__(self, provs: Sequence[dict[str, Any]]) -> None:
        self.by_key = {p["key"]: p for p in provs}
        self.kids: dict[str, list[dict[str, Any]]] = {}
        for p in provs:
            if p.get("parent") in self.by_key:
                self.kids.setdefault(p["parent"], []).append(p)
        self._whole: dict[str, str] = {}

    def whole(self, key: str) -> str:
        if key not in self._whole:
            own = (self.by_key[key].get("text") or "").strip()
            flat, parts = _flat(own), [own] if own else []
            for kid in self.kids.get(key, []):
                text = self.whole(kid["key"])
                if text and _flat(text) not in flat:
                    parts.append(text)
                    flat += " " + _flat(text)
            self._whole[key] = "\n".join(parts)
        return self._whole[key]

    def holds_children(self, key: str) -> bool:
        """True when the node's own text already holds every descendant's (a US section, an EU article)."""
        own = _flat(self.by_key[key].get("text") or "")
        return bool(own) and all(_flat(self.whole(k["key"])) in own for k in self.kids.get(key, []))


def units(provisions: Sequence[dict[str, Any]], text: str = "", *, language: str | None = None,
          jurisdiction: str | None = None) -> list[Unit]:  # fmt: skip
    """The top-level units of a version: from its stored provisions, or split from its text when it has none.

    Units never nest (a unit's text holds its paragraphs and points), so the aligner compares each word once.
    """
    provs = list(provisions) or (
        [dataclasses.asdict(p) for p in split_provisions(text, jurisdiction=jurisdiction, language=language)]
        if text.strip() else []
    )  # fmt: skip
    tree = _Tree(provs)
    out: list[Unit] = []
    unit_keys: set[str] = set()
    for p in provs:
        kind = p.get("kind") or "text"
        if kind in CONTAINER_KINDS and not _is_section_unit(p, tree):
            continue
        # Skip nodes whose ancestor is already a unit (paragraphs, points of an article).
        anc, inside = p.get("parent"), False
        while anc:
            if anc in unit_keys:
                inside = True
                break
            anc = (tree.by_key.get(anc) or {}).get("parent")
        if inside:
            continue
        label = p.get("label") or p.get("heading") or p["key"]
        body = tree.whole(p["key"])
        if not body and not p.get("heading"):
            continue
        unit_keys.add(p["key"])
        children = [{**k, "text": tree.whole(k["key"])} for k in tree.kids.get(p["key"], [])
                    if k.get("kind") in ("paragraph", "point")]  # fmt: skip
        out.append(Unit(key=p["key"], kind=kind, number=p.get("number"), label=str(label), heading=p.get("heading"),
                        text=body, children=children))  # fmt: skip
    return out


def _is_section_unit(p: dict[str, Any], tree: _Tree) -> bool:
    """A US/UK section with its own text is a unit; an EU section or a Russian раздел (a container of articles or
    пункты, whose text is only its heading) is not."""
    return p["key"].startswith("sec_") and tree.holds_children(p["key"])
