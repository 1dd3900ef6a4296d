"""The EU splitter: a plain or Markdown text of an EU act (a converted proposal, a compromise text, ``pdftotext``
output) -> provisions, for texts no parser has structured.

Keys follow the Cellar XHTML parser's (``crawler/parsers/eu_xhtml.py``), so a provision is addressed the same way
whatever the source: ``cit_N``, ``rct_N``, ``tit_I``, ``cpt_III``, ``art_5``, ``art_5.par_1``, ``art_5.par_1.pt_a``,
``anx_III``. English texts with ``SECTION 2.`` headings (a bill) come out as ``sec_2`` units.

>>> [p.key for p in split_eu("(1) First recital.\\nHAVE ADOPTED THIS REGULATION:\\n"
...   "Article 1\\nSubject matter\\n1. This Regulation lays down rules.\\n(a) on AI;\\nANNEX I\\nList")]
['rct_1', 'art_1', 'art_1.par_1', 'art_1.par_1.pt_a', 'anx_I']
"""

from __future__ import annotations

import re

from store.items import Provision
from texts.base import OpenProvision

# Markdown/pandoc artefacts of a Word -> Markdown conversion: emphasis, heading marks, escapes, raw blocks.
_MD_RAW_BLOCK = re.compile(r"```\{=html\}.*?```", re.S)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK = re.compile(r"\[([^\]]*)\]\{\.[a-z]+\}|\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|'\"<>$])")
_MD_EMPH = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-+•]\s+)")

_ARTICLE = re.compile(r"^(?:Article|ARTICLE)\s+(\d{1,3}[a-z]{0,2})\b\.?\s*(.*)$")
_ANNEX = re.compile(r"^(?:ANNEX|Annex)\s+([IVXLC]+[a-z]?)\b\.?\s*(.*)$")
_DIVISION = re.compile(
    r"^(TITLE|CHAPTER|SECTION|PART|Chapter|Section|Part|Title)\s+([IVXLC]+|\d{1,3}[A-Z]?)\b\.?\s*(.*)$"
)
_US_SECTION = re.compile(r"^(?:SECTION|SEC\.|Section|Sec\.)\s+(\d{1,4}[A-Za-z.\d]*?)\.?\s+(.*)$")
_RECITAL = re.compile(r"^\((\d{1,3}[a-z]?)\)\s+(\S.*)$")
_PARAGRAPH = re.compile(r"^(\d{1,3}[a-z]?)\.\s+(\S.*)$")
_POINT = re.compile(r"^\(?([a-z]{1,2}|[ivx]{1,5}|[а-я])\)\s+(\S.*)$|^([a-z])\.\s+(\S.*)$")
_CITATION = re.compile(r"^(Having regard|After (?:transmission|consulting)|Acting in accordance|After consulting)")
_ENACTING = re.compile(r"^(HAVE ADOPTED THIS|HAS ADOPTED THIS|The people of the State|Be it enacted)", re.I)

DIVISION_KINDS = {"title": "tit", "chapter": "cpt", "section": "sct", "part": "prt"}
CONTAINER_KINDS = frozenset({"title", "chapter", "section", "part"})


def clean_markup(text: str) -> str:
    """Remove the Markdown/pandoc artefacts that are not part of the legal text.

    >>> clean_markup("*Article 1 Subject matter*\\n\\\\(a\\\\) rules [x]{.ul}")
    'Article 1 Subject matter\\n(a) rules x'
    """
    text = _MD_RAW_BLOCK.sub("", text)
    text = _MD_COMMENT.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    lines = []
    for line in text.split("\n"):
        line = _MD_HEADING.sub("", line)
        line = _MD_EMPH.sub("", line)
        line = _MD_BULLET.sub("", line)
        lines.append(line.strip())
    return "\n".join(lines)


def _is_heading_line(rest: str) -> bool:
    """'Article 5 Prohibited practices' is a heading; 'Article 5 shall apply from…' is running text."""
    if not rest:
        return True
    if len(rest) > 160 or rest[-1:] in ".;,:" or rest[:1].islower():
        return False
    return not re.match(r"^(shall|and|of|to|or|thereof|applies|apply|is|are|as|in)\b", rest)


def split_eu(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Provisions of a plain or Markdown text, in reading order (a hard-wrapped text is read line by line too)."""
    text = clean_markup(text)
    nodes: list[OpenProvision] = []
    seen: dict[str, int] = {}
    division: dict[str, OpenProvision] = {}
    article: OpenProvision | None = None
    paragraph: OpenProvision | None = None
    current: OpenProvision | None = None
    in_preamble = True  # recitals and citations come before the enacting formula / the first article

    def open_node(node: OpenProvision) -> OpenProvision:
        nonlocal current
        if node.key in seen:  # the same number twice (a second list): keep keys unique and stable
            seen[node.key] += 1
            node.key = f"{node.key}~{seen[node.key]}"
        else:
            seen[node.key] = 1
        nodes.append(node)
        current = node
        return node

    def container() -> str | None:
        for kind in ("section", "chapter", "title", "part"):
            if kind in division:
                return division[kind].key
        return None

    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if in_preamble and line.rstrip(":").lower() == "whereas":
            continue
        if _ENACTING.match(line):
            in_preamble = False
            current = None
            continue
        m = _ARTICLE.match(line)
        if m and _is_heading_line(m.group(2)):
            in_preamble = False
            num = m.group(1)
            label = f"Article {num}"
            article = open_node(OpenProvision(f"art_{num}", "article", num, label, m.group(2) or None, container()))
            paragraph = None
            continue
        if (article is not None and article.heading is None and current is article and not article.lines
                and not _PARAGRAPH.match(line) and not _POINT.match(line) and _is_heading_line(line)
                and len(line) < 120):  # fmt: skip
            article.heading = line  # "Article 5" on one line, its heading on the next
            continue
        m = _ANNEX.match(line)
        if m and _is_heading_line(m.group(2)) and not in_preamble:
            article, paragraph = None, None
            division.clear()
            open_node(
                OpenProvision(f"anx_{m.group(1)}", "annex", m.group(1), f"ANNEX {m.group(1)}", m.group(2) or None, None)
            )
            continue
        m = _DIVISION.match(line)
        if m and not in_preamble or (m and line.isupper()):
            kind, num, heading = m.group(1).lower(), m.group(2), m.group(3)
            if _is_heading_line(heading) and (line.isupper() or kind != "section"):
                in_preamble = False
                order = ["part", "title", "chapter", "section"]
                for lower in order[order.index(kind) :]:
                    division.pop(lower, None)
                parent = container()
                prefix = DIVISION_KINDS[kind]
                key = f"{parent}.{prefix}_{num}" if parent and kind == "section" else f"{prefix}_{num}"
                division[kind] = open_node(OpenProvision(key, kind, num, f"{m.group(0).split()[0]} {num}", heading or None,
                                                 parent))  # fmt: skip
                article, paragraph = None, None
                continue
        m = _US_SECTION.match(line)
        if m and article is None and (language in (None, "en")):
            num = m.group(1).rstrip(".")
            article = open_node(OpenProvision(f"sec_{num}", "section", num, f"Section {num}", None, container()))
            article.lines.append(line)
            paragraph = None
            in_preamble = False
            continue
        if in_preamble:
            m = _RECITAL.match(line)
            if m:
                open_node(OpenProvision(f"rct_{m.group(1)}", "recital", m.group(1), f"({m.group(1)})", None, None))
                current.lines.append(line)  # type: ignore[union-attr]
                continue
            if _CITATION.match(line):
                n = sum(1 for x in nodes if x.kind == "citation") + 1
                open_node(OpenProvision(f"cit_{n}", "citation", str(n), f"Citation {n}", None, None)).lines.append(line)
                continue
        if article is not None:
            m = _PARAGRAPH.match(line)
            if m:
                num = m.group(1)
                label = f"{article.label}({num})"
                paragraph = open_node(
                    OpenProvision(f"{article.key}.par_{num}", "paragraph", num, label, None, article.key)
                )
                paragraph.lines.append(line)
                article.lines.append(line)
                continue
            m = _POINT.match(line)
            if m:
                letter = m.group(1) or m.group(3)
                holder = paragraph or article
                point = OpenProvision(f"{holder.key}.pt_{letter}", "point", letter, f"{holder.label}, point ({letter})", None,
                              holder.key)  # fmt: skip
                point.lines.append(line)
                open_node(point)
                if paragraph is not None:
                    paragraph.lines.append(line)
                article.lines.append(line)
                current = paragraph or article
                continue
            article.lines.append(line)
            if paragraph is not None and current is paragraph:
                paragraph.lines.append(line)
            continue
        if current is not None and current.kind in ("recital", "citation", "annex", "section", "article"):
            current.lines.append(line)
            continue
        if nodes and nodes[-1].kind in CONTAINER_KINDS:
            nodes[-1].lines.append(line)
            continue
        m = _PARAGRAPH.match(line)
        if m and not in_preamble:  # a text without articles: numbered points (a strategy, an order)
            open_node(
                OpenProvision(f"p_{m.group(1)}", "point", m.group(1), f"{m.group(1)}.", None, container())
            ).lines.append(line)
            continue
        if current is not None:
            current.lines.append(line)
        else:
            open_node(OpenProvision("txt_1", "text", None, None, None, None)).lines.append(line)
    return [n.provision() for n in nodes]
