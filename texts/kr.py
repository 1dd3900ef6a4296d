"""The Korean splitter: a Korean law -> provisions as Korean law cites them: divisions (편/장/절/관), articles
(제N조, 제N조의M: ``art_17-2``) with their paragraphs (항 ①②…: ``art_3.par_5``) and items (호 1. 4의2.:
``art_6.par_2.item_7``), and addenda (부칙).

Two inputs: the structured XML of the national law information service (law.go.kr DRF ``<법령>``, and its English
translations ``<Law><JoSection>``), read by :func:`split_kr_xml` / :func:`split_kr_translation_xml`; and a plain
text (an imported file, a downloaded PDF), read line by line by :func:`split_kr`.

>>> [p.key for p in split_kr("제1장 총칙\\n제1조(목적) 이 법은 …\\n제2조(정의) 다음과 같다.\\n1. \\"인공지능\\"이란 …\\n"
...                          "제17조의2(지원) ① 국가는 …\\n② 제1항에 따른 …\\n부칙 <제20676호,2025.1.21>\\n이 법은 …")]
['ch_1', 'art_1', 'art_2', 'art_2.item_1', 'art_17-2', 'art_17-2.par_1', 'art_17-2.par_2', 'add_1']
"""

from __future__ import annotations

import re
from typing import Any

from store.items import Provision
from store.normalize import normalize_text
from texts.base import OpenProvision, add_item, add_line, squash, text_of
from texts.ru import roman_to_int

_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}  # ① .. ⑳


_DIVISION = re.compile(r"^제\s*(\d+)\s*(편|장|절|관)(?:의\s*(\d+))?\s*(.*)$")


_DIVISION_KIND = {"편": ("part", "pt"), "장": ("chapter", "ch"), "절": ("section", "sec"), "관": ("subsection", "sub")}


_ITEM_NUMBER = re.compile(r"^(\d+)(?:의(\d+))?\.?$")


def paragraph_number(raw: str) -> str:
    """'②' -> '2'; '3' -> '3'.

    >>> paragraph_number("⑫"), paragraph_number(" 3 ")
    ('12', '3')
    """
    s = raw.strip()
    return _CIRCLED.get(s, s)


def item_number(raw: str) -> str:
    """'4의2.' -> '4-2'; '1.' -> '1'.

    >>> item_number("4의2."), item_number("12.")
    ('4-2', '12')
    """
    m = _ITEM_NUMBER.match(raw.strip())
    if not m:
        return raw.strip().rstrip(".")
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)


def article_label(number: str) -> str:
    """'17-2' -> '제17조의2' (the way Korean law names an article)."""
    base, _, branch = number.partition("-")
    return f"제{base}조" + (f"의{branch}" if branch else "")


def _lines(el: Any, tag: str) -> str:
    return normalize_text("\n".join(squash(t) for t in text_of(el.find(tag)).split("\n") if t.strip()))


def split_kr_xml(root: Any) -> list[Provision]:
    """The provisions of a law.go.kr ``<법령>`` text: divisions (편/장/절/관), articles (제N조, 제N조의M) with their
    paragraphs (항 ①②…) and items (호 1. 2. 4의2.), then each addendum (부칙). Keys: ``ch_1``, ``art_17-2``,
    ``art_6.par_2``, ``art_6.par_2.item_7``, ``add_21311``; labels as Korean law cites them (제6조제2항제7호)."""
    out: list[Provision] = []
    divisions: dict[str, Provision] = {}
    order = ["part", "chapter", "section", "subsection"]
    for unit in root.iter("조문단위"):
        if unit.findtext("조문여부") == "전문":
            line = _lines(unit, "조문내용")
            m = _DIVISION.match(line)
            if not m:
                continue
            kind, prefix = _DIVISION_KIND[m.group(2)]
            number = m.group(1) + (f"-{m.group(3)}" if m.group(3) else "")
            for lower in order[order.index(kind) :]:
                divisions.pop(lower, None)
            parent = next((divisions[k].key for k in reversed(order) if k in divisions), None)
            key = f"{prefix}_{number}" if kind in ("part", "chapter") else f"{parent}.{prefix}_{number}"
            node = Provision(key=key, kind=kind, number=number, label=line.split()[0] if line else key,
                             heading=m.group(4).strip() or None, text=line, parent=parent)  # fmt: skip
            divisions[kind] = node
            out.append(node)
            continue
        out.extend(_article(unit, parent=next((divisions[k].key for k in reversed(order) if k in divisions), None)))
    for add in root.iter("부칙단위"):
        number = squash(add.findtext("부칙공포번호"))
        text = normalize_text("\n".join(squash(t) for t in text_of(add.find("부칙내용")).split("\n") if t.strip()))
        head = text.split("\n", 1)[0]
        out.append(Provision(key=f"add_{number or len(out)}", kind="addendum", number=number or None, label=head,
                             heading=None, text=text, parent=None))  # fmt: skip
    return out


def _article(unit: Any, *, parent: str | None) -> list[Provision]:
    number = squash(unit.findtext("조문번호"))
    branch = squash(unit.findtext("조문가지번호"))
    if branch and branch != "0":
        number = f"{number}-{branch}"
    key = f"art_{number}"
    label = article_label(number)
    lines = [_lines(unit, "조문내용")]
    children: list[Provision] = []
    for para in unit.findall("항"):
        p_num = paragraph_number(squash(para.findtext("항번호")))
        p_text = _lines(para, "항내용")
        p_key = f"{key}.par_{p_num}" if p_num else key
        p_lines = [p_text] if p_text else []
        lines += p_lines
        items: list[Provision] = []
        for item in para.findall("호"):
            i_num = item_number(squash(item.findtext("호번호")))
            i_lines = [_lines(item, "호내용")] + [_lines(sub, "목내용") for sub in item.findall("목")]
            i_text = "\n".join(x for x in i_lines if x)
            lines.append(i_text)
            p_lines.append(i_text)
            base = p_key if p_num else key
            i_base, _, i_branch = i_num.partition("-")
            i_label = f"{label}{f'제{p_num}항' if p_num else ''}제{i_base}호" + (f"의{i_branch}" if i_branch else "")
            items.append(Provision(key=f"{base}.item_{i_num}", kind="point", number=i_num, label=i_label,
                                   heading=None, text=i_text, parent=base))  # fmt: skip
        if p_num:
            children.append(Provision(key=p_key, kind="paragraph", number=p_num, label=f"{label}제{p_num}항",
                                      heading=None, text="\n".join(p_lines), parent=key))  # fmt: skip
        children.extend(items)
    text = "\n".join(x for x in lines if x)
    article = Provision(key=key, kind="article", number=number, label=label,
                        heading=squash(unit.findtext("조문제목")) or None, text=text, parent=parent)  # fmt: skip
    return [article, *children]


_EN_ARTICLE = re.compile(r"^Article\s+(\d+(?:-\d+)?)\s*(?:\(([^)]*)\))?")


def split_kr_translation_xml(root: Any) -> list[Provision]:
    """The provisions of a law.go.kr English translation (``<JoSection><Jo>``): chapters and articles
    (``Article 17-2 (…)``, same keys as the Korean text: ``art_17-2``), then the addenda (``<ArSection><Ar>``)."""
    out: list[Provision] = []
    chapter: Provision | None = None
    for jo in root.iter("Jo"):
        text = normalize_text(text_of(jo.find("joCts")))
        if not text:
            continue
        if jo.findtext("joYn") == "N" and (sec := re.match(r"^SECTION\s+(\d+)\s*(.*)$", text, re.I)) and chapter:
            out.append(Provision(key=f"{chapter.key}.sec_{sec.group(1)}", kind="section", number=sec.group(1),
                                 label=f"Section {sec.group(1)}", heading=sec.group(2).strip() or None, text=text,
                                 parent=chapter.key))  # fmt: skip
            continue
        if jo.findtext("joYn") == "N":
            m = re.match(r"^CHAPTER\s+([IVXLC]+|\d+)\b\s*(.*)$", text, re.I)
            numeral = m.group(1).upper() if m else ""
            value = int(numeral) if numeral.isdigit() else roman_to_int(numeral)
            number = str(value) if value else None
            chapter = Provision(key=f"ch_{number}" if number else f"ch_{len(out)}", kind="chapter", number=number,
                                label=f"Chapter {numeral}" if m else text.split("\n")[0],
                                heading=m.group(2).strip() or None if m else None, text=text, parent=None)  # fmt: skip
            out.append(chapter)
            continue
        m = _EN_ARTICLE.match(text)
        number = m.group(1) if m else str(int(squash(jo.findtext("joNo")) or 0))
        out.append(Provision(key=f"art_{number}", kind="article", number=number, label=f"Article {number}",
                             heading=(m.group(2) if m else None) or squash(jo.findtext("joTtl")) or None, text=text,
                             parent=chapter.key if chapter else None))  # fmt: skip
    for ar in root.iter("Ar"):
        number = squash(ar.findtext("arAncNo"))
        text = normalize_text(text_of(ar.find("arCts")))
        out.append(Provision(key=f"add_{number or len(out)}", kind="addendum", number=number or None,
                             label=text.split("\n", 1)[0], heading=None, text=text, parent=None))  # fmt: skip
    return out


_ARTICLE = re.compile(r"^제\s*(\d+)\s*조(?:의\s*(\d+))?\s*(?:\(([^)]*)\))?\s*(.*)$")
_PARAGRAPH = re.compile(r"^([\u2460-\u2473])\s*(.*)$")
_ITEM = re.compile(r"^(\d+)(?:의(\d+))?\.\s+(.*)$")
_ADDENDUM = re.compile(r"^부\s*칙\b")


def split_kr(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Provisions of a plain Korean law text, one line per paragraph (``wrapped`` texts are read the same way: a
    Korean law's units all start with a marker)."""
    nodes: list[OpenProvision] = []
    divisions: dict[str, str] = {}
    order = ["part", "chapter", "section", "subsection"]
    article: OpenProvision | None = None
    paragraph: OpenProvision | None = None
    current: OpenProvision | None = None
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if m := _DIVISION.match(line):
            kind, prefix = _DIVISION_KIND[m.group(2)]
            number = m.group(1) + (f"-{m.group(3)}" if m.group(3) else "")
            for lower in order[order.index(kind) :]:
                divisions.pop(lower, None)
            parent = next((divisions[k] for k in reversed(order) if k in divisions), None)
            key = f"{prefix}_{number}" if kind in ("part", "chapter") or not parent else f"{parent}.{prefix}_{number}"
            divisions[kind] = key
            current = OpenProvision(key, kind, number, line.split()[0], m.group(4).strip() or None, parent, [line])
            nodes.append(current)
            article = paragraph = None
            continue
        if _ADDENDUM.match(line):
            current = OpenProvision(f"add_{sum(n.kind == 'addendum' for n in nodes) + 1}", "addendum", None, line, None,
                                    None, [line])  # fmt: skip
            nodes.append(current)
            article = paragraph = None
            continue
        if (m := _ARTICLE.match(line)) and not (current and current.kind == "addendum"):
            number = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
            parent = next((divisions[k] for k in reversed(order) if k in divisions), None)
            article = OpenProvision(
                f"art_{number}", "article", number, article_label(number), m.group(3), parent, [line]
            )
            nodes.append(article)
            current, paragraph = article, None
            if first := _PARAGRAPH.match(m.group(4)):  # «제3조(…) ① …»: the first paragraph on the article's line
                number = paragraph_number(first.group(1))
                paragraph = OpenProvision(f"{article.key}.par_{number}", "paragraph", number,
                                          f"{article.label}제{number}항", None, article.key, [m.group(4)])  # fmt: skip
                nodes.append(paragraph)
                current = paragraph
            continue
        if article is not None and (m := _PARAGRAPH.match(line)):
            number = paragraph_number(m.group(1))
            paragraph = OpenProvision(f"{article.key}.par_{number}", "paragraph", number, f"{article.label}제{number}항",
                                      None, article.key, [line])  # fmt: skip
            nodes.append(paragraph)
            article.lines.append(line)
            current = paragraph
            continue
        if article is not None and (m := _ITEM.match(line)):
            number = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
            label = f"{(paragraph or article).label}제{m.group(1)}호" + (f"의{m.group(2)}" if m.group(2) else "")
            add_item(nodes, line, article=article, paragraph=paragraph, number=number, label=label)
            continue
        current = add_line(nodes, line, current=current, article=article, paragraph=paragraph)
    return [n.provision() for n in nodes]
