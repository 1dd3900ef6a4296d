"""US texts -> provisions: sections, their subsections and paragraphs.

- :func:`split_us` — a plain text (a Colorado session law or bill PDF, an OCR of a signed act): ``SECTION n.``
  (``sec_1``), the C.R.S. sections it adds or amends (``sec_1.crs_6-1-1701``) and their subsections; the splitter
  of the ``us`` tradition in :data:`texts.split.SPLITTERS` (``ailaw import`` into a US document uses it too);
- :func:`split_bill_xml` — a bill of Congress in either XML dialect (USLM ``main``, bill DTD ``legis-body``):
  divisions (``tit_IV.stt_C.prt_2``), sections (``sec_43201``), subsections (``sec_43201.sub_c``) and paragraphs
  (``sec_43201.sub_c.par_1``); quoted law stays inside the section quoting it;
- :func:`split_california_html` — a California leginfo text (``div#bill``): ``SECTION 1.`` / ``SEC. 2.`` blocks and
  their lettered subdivisions (``sec_2.par_a``).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from store.items import Provision
from store.normalize import normalize_text

_DIVISIONS = {"division": "div", "title": "tit", "subtitle": "stt", "part": "prt", "subpart": "spt", "chapter": "chp",
              "subchapter": "sch"}  # fmt: skip
_LEVELS = {"subsection": ("sub", "paragraph"), "paragraph": ("par", "point")}
_CA_SECTION = re.compile(r"^(SECTION|SEC\.)\s+(\d+(?:\.\d+)?)\.?\s*(.*)$", re.S)


def _html_text(el: Any) -> str:
    return normalize_text(el.text_content()).replace("\n", " ").strip() if el is not None else ""


_SECTION = re.compile(r"^SECTION\s+(\d{1,3})\.\s*(.*)$")
_CRS = re.compile(r"^(\d{1,2}-\d{1,3}(?:\.\d)?-\d{3,4}(?:\.\d{1,2})?)\.\s+(.*)$")
_SUB = re.compile(r"^\((\d{1,2}(?:\.\d)?)\)\s+(.*)$")
# Page furniture of Colorado's PDFs: running heads ("Ch. 198 Consumer and Commercial Transactions 1199"),
# signed-act footers ("PAGE 25-SENATE BILL 24-205") and the legend on new and deleted material.
_FURNITURE = re.compile(
    r"^(?:Ch\.\s+\d+\s+.+\s+\d+|\d+\s+.+\s+Ch\.\s+\d+|PAGE\s+\d+-(?:SENATE|HOUSE)\s+BILL\s+[\w-]+|\)+"
    r"|Capital letters or bold .*|existing law; dashes.*|through words or numbers indicate.*|the act\.)$"
)


def split_us(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """A US act's plain text (a Colorado session law, a bill version's PDF text, an OCR of a signed act) ->
    provisions: the act's
    ``SECTION n.`` (``sec_1``), the C.R.S. sections it adds or amends (``sec_1.crs_6-1-1701``, heading = their
    catchline) and their subsections (``sec_1.crs_6-1-1701.sub_1``). Page furniture is left out.

    >>> [p.key for p in split_us("SECTION 1. In C.R.S., add part 17:\\n6-1-1701. Definitions. AS USED:\\n"
    ...                          "(1) \\"A\\" MEANS B.\\nPAGE 2-SENATE BILL 24-205\\nSECTION 2. Safety clause.")]
    ['sec_1', 'sec_1.crs_6-1-1701', 'sec_1.crs_6-1-1701.sub_1', 'sec_2']
    """
    nodes: list[Provision] = []
    section: Provision | None = None
    crs: Provision | None = None
    sub: Provision | None = None
    lead: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line or _FURNITURE.match(line):
            continue
        if m := _SECTION.match(line):
            section = Provision(key=f"sec_{m.group(1)}", kind="section", number=m.group(1),
                                label=f"Section {m.group(1)}", text=line)  # fmt: skip
            nodes.append(section)
            crs = sub = None
            continue
        if section is None:
            lead.append(line)
            continue
        section.text += "\n" + line
        if m := _CRS.match(line):
            heading = m.group(2).split(". ", 1)[0].rstrip(".") if ". " in m.group(2) else m.group(2).rstrip(".")
            crs = Provision(key=f"{section.key}.crs_{m.group(1)}", kind="article", number=m.group(1),
                            label=f"C.R.S. {m.group(1)}", heading=heading[:200], text=line, parent=section.key)  # fmt: skip
            nodes.append(crs)
            sub = None
            continue
        if crs is None:
            continue
        crs.text += "\n" + line
        if m := _SUB.match(line):
            sub = Provision(key=f"{crs.key}.sub_{m.group(1)}", kind="paragraph", number=m.group(1),
                            label=f"{crs.label}({m.group(1)})", text=line, parent=crs.key)  # fmt: skip
            if any(n.key == sub.key for n in nodes):  # a second list numbered (1)… inside one section
                sub.key += f"~{sum(1 for n in nodes if n.key.startswith(sub.key))}"
            nodes.append(sub)
        elif sub is not None:
            sub.text += "\n" + line
    if lead:
        nodes.insert(0, Provision(key="txt_1", kind="text", label="Title", text="\n".join(lead)))
    return nodes


def _local(el: Any) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _flat(el: Any) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _enum(el: Any) -> str:
    """A provision's number as printed: '43201.' -> '43201', '(a)' -> 'a'; USLM's ``num/@value`` first."""
    num = next((c for c in el if _local(c) in ("num", "enum")), None)
    if num is None:
        return ""
    value = num.get("value") or _flat(num)
    return re.sub(r"^(?:SECTION|SEC\.)\s*", "", value.strip(), flags=re.I).strip(" .()")


def _heading(el: Any) -> str | None:
    head = next((c for c in el if _local(c) in ("heading", "header")), None)
    text = _flat(head).rstrip(".—-").strip() if head is not None else ""
    return text or None


def split_bill_xml(root: Any) -> list[Provision]:
    """The provisions of a bill body (USLM ``main`` or a DTD ``legis-body``): divisions, sections, subsections and
    their paragraphs, in reading order; quoted law stays inside the section quoting it."""
    out: list[Provision] = []
    seen: dict[str, int] = {}

    def add(p: Provision) -> Provision:
        if p.key in seen:
            seen[p.key] += 1
            p.key = f"{p.key}~{seen[p.key]}"
        else:
            seen[p.key] = 1
        out.append(p)
        return p

    def walk(el: Any, container: str | None, section: Provision | None) -> None:
        for child in el:
            name = _local(child)
            if name in ("quoted-block", "quotedContent", "toc", "tocEntry"):
                continue
            if name in _DIVISIONS and section is None:
                number = _enum(child)
                key = f"{container + '.' if container else ''}{_DIVISIONS[name]}_{number or len(out) + 1}"
                label = f"{name.title()} {number}".strip()
                node = add(Provision(key=key, kind="title" if name in ("division", "title") else "part",
                                     number=number or None, label=label, heading=_heading(child), parent=container))  # fmt: skip
                walk(child, node.key, None)
                continue
            if name == "section" and section is None:
                number = _enum(child)
                node = add(Provision(key=f"sec_{number or len(out) + 1}", kind="section", number=number or None,
                                     label=f"Sec. {number}" if number else "Section", heading=_heading(child),
                                     text=_flat(child), parent=container))  # fmt: skip
                walk(child, node.key, node)
                continue
            if name in _LEVELS and section is not None:
                prefix, kind = _LEVELS[name]
                number = _enum(child)
                parent = container or section.key
                parent_label = next((p.label for p in out if p.key == parent), section.label)
                node = add(Provision(key=f"{parent}.{prefix}_{number}", kind=kind if name == "paragraph" else "paragraph",
                                     number=number or None, label=f"{parent_label}({number})", heading=_heading(child),
                                     text=_flat(child), parent=parent))  # fmt: skip
                if name == "subsection":
                    walk(child, node.key, section)
                continue
            if len(child):
                walk(child, container, section)

    walk(root, None, None)
    return out


def split_california_html(bill: Any) -> list[Provision]:
    """``div#bill`` of a leginfo text page -> its SECTIONs (``sec_1``, label "Section 1"), each with its
    lettered subdivisions ``(a)`` (``sec_2.par_a``) where they open a block."""
    out: list[Provision] = []
    current: Provision | None = None
    for block in bill.xpath(".//div[h3] | .//div[@style and not(.//div)]"):
        text = _html_text(block)
        if not text:
            continue
        heading = block.find("h3")
        if heading is not None and (m := _CA_SECTION.match(_html_text(heading))):
            number = m.group(2)
            current = Provision(key=f"sec_{number}", kind="section", number=number, label=f"Section {number}",
                                text=text)  # fmt: skip
            out.append(current)
            continue
        if current is None or text in current.text:
            continue
        current.text += "\n" + text
        if (m := re.match(r"^\(([a-z]{1,2})\)\s", text)) and not any(
            p.key == f"{current.key}.par_{m.group(1)}" for p in out
        ):
            out.append(Provision(key=f"{current.key}.par_{m.group(1)}", kind="paragraph", number=m.group(1),
                                 label=f"{current.label}({m.group(1)})", text=text, parent=current.key))  # fmt: skip
    return out
