"""Passages: the provisions of a version as separately searchable units, with the label a lawyer cites them by.

Each provision of the text (recital, article, paragraph, point, annex; статья, часть, пункт, подпункт) becomes a
passage holding its *own* text: a paragraph's words are indexed once, in the paragraph, not again in the article
around it (the article keeps its heading and the words before its first paragraph). So a query's best passage
names the smallest provision that says it.

A passage carries:

- ``label``: how it is cited — the text's own label for EU acts ("Article 50(2)", "Article 3, point (1)"), the
  Russian form built from its path for Russian texts («статья 6, часть 2», «пункт 5, подпункт «а»»);
- ``cites``: citation keys for lookups by citation ("art:50/par:2", "pt:51.14/item:а"; see search.citations);
- ``official``: whether the number in the label is the official one. A text listed in
  store/reference/numbering.toml (a PDF extract that renumbers points) keeps its own numbers out of the label
  and the citation keys: a provision is cited by its official number where that is known («пункт 51.14»),
  otherwise its label says the number is the text's own.

>>> provs = [
...     {"key": "art_50", "kind": "article", "number": "50", "label": "Article 50", "parent": None,
...      "heading": "Transparency obligations", "text": "1. Providers shall inform.\\n2. Deployers shall disclose."},
...     {"key": "art_50.par_1", "kind": "paragraph", "number": "1", "label": "Article 50(1)", "parent": "art_50",
...      "heading": None, "text": "1. Providers shall inform."},
...     {"key": "art_50.par_2", "kind": "paragraph", "number": "2", "label": "Article 50(2)", "parent": "art_50",
...      "heading": None, "text": "2. Deployers shall disclose."},
... ]
>>> [(p.key, p.label, p.cites, p.text) for p in passages(provs, language="en")]  # doctest: +NORMALIZE_WHITESPACE
[('art_50', 'Article 50', ('art:50',), ''),
 ('art_50.par_1', 'Article 50(1)', ('art:50/par:1',), '1. Providers shall inform.'),
 ('art_50.par_2', 'Article 50(2)', ('art:50/par:2',), '2. Deployers shall disclose.')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from store.reference.numbering import OFFICIAL, Numbering

#: Provision kinds -> the short kind of a citation key. Kinds not listed are not citable by number.
CITE_KINDS = {
    "article": "art",
    "paragraph": "par",
    "point": "pt",
    "item": "item",
    "annex": "anx",
    "recital": "rct",
    "chapter": "cpt",
}
TOP_KINDS = frozenset({"article", "annex", "recital"})
_RU_NOUN = {"art": "статья", "par": "часть", "pt": "пункт", "item": "подпункт", "anx": "приложение",
            "rct": "пункт преамбулы", "cpt": "глава"}  # fmt: skip
_EN_NOUN = {"art": "Article", "par": "paragraph", "pt": "point", "item": "point", "anx": "Annex",
            "rct": "Recital", "cpt": "Chapter"}  # fmt: skip


@dataclass(frozen=True)
class Passage:
    key: str
    kind: str
    label: str
    official: bool
    cites: tuple[str, ...]
    heading: str | None
    text: str  # the provision's own text (its children's text is in their own passages)


def norm_number(value: str) -> str:
    """A provision number as citation keys hold it: lowercase, no brackets, «ё» -> «е», superscripts as «.n».

    >>> norm_number("(a)"), norm_number("III"), norm_number("51_14"), norm_number("«а»")
    ('a', 'iii', '51.14', 'а')
    """
    value = value.strip().lower().replace("ё", "е").replace("_", ".")
    return re.sub(r"[()\[\]«»\"'.)]+$|^[(\[«\"']+", "", value).strip()


def cite_key(path: Sequence[tuple[str, str]]) -> str:
    """'art:50/par:2' from [('art', '50'), ('par', '2')]."""
    return "/".join(f"{kind}:{norm_number(num)}" for kind, num in path)


def _own_text(p: dict[str, Any], children: list[dict[str, Any]]) -> str:
    """The provision's text before its first child's text: all of it for a leaf, and for a parser that keeps
    only a node's own lines in its text (the Russian splitter)."""
    text = (p.get("text") or "").strip()
    if not children:
        return text
    first = (children[0].get("text") or "").strip()
    at = text.find(first[:80]) if first else -1
    return text[:at].strip() if at >= 0 else text


def _ru_label(path: list[tuple[str, str]]) -> str:
    parts = []
    for kind, num in path:
        noun = _RU_NOUN.get(kind, kind)
        parts.append(f"{noun} «{num}»" if kind == "item" else f"{noun} {num}")
    return ", ".join(parts)


def _en_label(path: list[tuple[str, str]]) -> str:
    out = ""
    for kind, num in path:
        if kind == "par" and out.startswith("Article"):
            out += f"({num})"
        elif kind in ("pt", "item") and out:
            out += f", point ({num})"
        else:
            out = (out + ", " if out else "") + f"{_EN_NOUN.get(kind, kind)} {num}"
    return out


#: A parser's own label that names its provision ("Section 3", "C.R.S. 6-1-1701(1)", "§ 12"), not a bare number.
_NAMED_LABEL = re.compile(r"[^\W\d_]{3,}|(?:[^\W\d_]\.){2,}|§")

MAPPED_SUFFIX = {"ru": " (в этом тексте — {own})", "en": " (numbered {own} in this text)"}
OPENING = {"ru": "начало текста", "en": "opening of the text"}  # text before the first numbered provision
UNOFFICIAL_SUFFIX = {
    "ru": " (нумерация этого текста, не официальная)",
    "en": " (as numbered in this text, not the official number)",
}


def _num(kind: str, number: str) -> str:
    return norm_number(number) if kind != "item" else number.strip(" )«»").lower()


def passages(
    provisions: Sequence[dict[str, Any]], *, language: str | None, numbering: Numbering = OFFICIAL
) -> list[Passage]:
    """The passages of a version's provisions, in text order (see the module docstring)."""
    provs = [p for p in provisions if p.get("key")]
    by_key = {p["key"]: p for p in provs}
    children: dict[str, list[dict[str, Any]]] = {}
    for p in provs:
        if p.get("parent") in by_key:
            children.setdefault(p["parent"], []).append(p)
    lang = (language or "").split("-")[0].lower()
    out: list[Passage] = []
    for p in provs:
        kind = p.get("kind") or "text"
        heading = (p.get("heading") or "").strip() or None
        own = _own_text(p, children.get(p["key"], []))
        if not own and not heading:
            continue
        # The citable path: the citable ancestors (outermost first), then this provision.
        chain: list[dict[str, Any]] = []
        node: dict[str, Any] | None = p
        while node is not None:
            chain.append(node)
            node = by_key.get(node.get("parent") or "")
        chain.reverse()
        # Articles, annexes and recitals are numbered through the whole act: a chapter is not part of their cite.
        tops = [i for i, node in enumerate(chain) if node.get("kind") in TOP_KINDS]
        chain = chain[tops[0] :] if tops else chain
        path: list[tuple[str, str]] = []  # as cited: official numbers
        own_path: list[tuple[str, str]] = []  # as the text numbers its provisions
        official, mapped = True, False
        for node in chain:
            short = CITE_KINDS.get(node.get("kind") or "")
            number = node.get("number")
            if not short or not number:
                continue
            own_path.append((short, _num(short, str(number))))
            if not numbering.official:
                known = numbering.official_number(node["key"])
                if known:
                    number, mapped = known, True
                elif not mapped:  # the text's own sequence (a child of a mapped point keeps its letter)
                    official = False
            path.append((short, _num(short, str(number))))
        if path and official:
            own_label = str(p.get("label") or "")
            if own_label and lang in ("zh", "ja", "ko") and numbering.official:
                label = own_label  # the text's own citation: 제35조, 第二十二条第（二）项
            elif lang == "ru" or not numbering.official or not _NAMED_LABEL.match(own_label):
                label = _ru_label(path) if lang == "ru" else _en_label(path)
            else:
                label = own_label
            if own_path != path:  # an official number the text itself writes differently: say both
                as_written = _ru_label(own_path) if lang == "ru" else _en_label(own_path)
                label += MAPPED_SUFFIX["ru" if lang == "ru" else "en"].format(own=as_written)
            cites = [cite_key(path)]
            if len(path) == 2 and path[0][0] == "art" and path[1][0] == "pt":
                cites.append(cite_key([path[0], ("par", path[1][1])]))  # "Article 3(1)" for point (1) of Article 3
            out.append(Passage(p["key"], kind, label, True, tuple(cites), heading, own))
        elif path:
            label = _ru_label(own_path) if lang == "ru" else _en_label(own_path)
            label += UNOFFICIAL_SUFFIX["ru" if lang == "ru" else "en"]
            out.append(Passage(p["key"], kind, label, False, (), heading, own))
        else:
            label = heading or str(p.get("label") or "") or OPENING["ru" if lang == "ru" else "en"]
            out.append(Passage(p["key"], kind, label, True, (), heading, own))
    return out
