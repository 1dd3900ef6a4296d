"""The Chinese splitter: a Chinese law or departmental rule -> provisions: chapters (第N章: ``ch_1``), sections
(第N节), articles (第N条: ``art_12``) with their items (（一）（二）: ``art_12.item_2``). Numbers are written in
Chinese numerals; keys use digits.

>>> [(p.key, p.label) for p in split_cn("第一章 总则\\n第一条 为了促进生成式人工智能健康发展…\\n第二条 本办法适用于…\\n"
...                                      "（一）坚持社会主义核心价值观；\\n第二章 技术发展与治理\\n第三条 国家坚持…")]
[('ch_1', '第一章'), ('art_1', '第一条'), ('art_2', '第二条'), ('art_2.item_1', '第二条第（一）项'), ('ch_2', '第二章'), ('art_3', '第三条')]
"""

from __future__ import annotations

import re

from store.identifiers import kanji_number
from store.items import Provision
from texts.base import OpenProvision, unique_keys

_NUM = "[〇零一二三四五六七八九十百千]+"
_CHAPTER = re.compile(rf"^第({_NUM})(编|章|节)\s*(.*)$")
_ARTICLE = re.compile(rf"^第({_NUM})条\s*(.*)$")
_ITEM = re.compile(rf"^（({_NUM})）\s*(.*)$")
_KINDS = {"编": ("part", "pt"), "章": ("chapter", "ch"), "节": ("section", "sec")}


def split_cn(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Provisions of a Chinese legal text, one paragraph per line (each article starts a line with 第N条)."""
    nodes: list[OpenProvision] = []
    chapter: str | None = None
    article: OpenProvision | None = None
    current: OpenProvision | None = None
    for raw in text.split("\n"):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if m := _CHAPTER.match(line):
            kind, prefix = _KINDS[m.group(2)]
            number = str(kanji_number(m.group(1)))
            key = f"{chapter}.{prefix}_{number}" if kind == "section" and chapter else f"{prefix}_{number}"
            if kind != "section":
                chapter = key
            current = OpenProvision(key, kind, number, f"第{m.group(1)}{m.group(2)}", m.group(3) or None, None, [line])
            nodes.append(current)
            article = None
            continue
        if m := _ARTICLE.match(line):
            number = str(kanji_number(m.group(1)))
            article = OpenProvision(f"art_{number}", "article", number, f"第{m.group(1)}条", None, chapter, [line])
            nodes.append(article)
            current = article
            continue
        if article is not None and (m := _ITEM.match(line)):
            number = str(kanji_number(m.group(1)))
            nodes.append(OpenProvision(f"{article.key}.item_{number}", "point", number,
                                       f"{article.label}第（{m.group(1)}）项", None, article.key, [line]))  # fmt: skip
            article.lines.append(line)
            continue
        if current is not None:
            current.lines.append(line)
        else:
            current = OpenProvision("txt_1", "text", None, None, None, None, [line])
            nodes.append(current)
    return unique_keys([n.provision() for n in nodes])
