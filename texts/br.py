"""The Brazilian splitter: a lei or projeto de lei -> provisions: chapters (CAPÍTULO IV: ``ch_4``), their sections
(Seção II: ``ch_4.sec_2``), articles (Art. 4º, Art. 12.: ``art_4``) with their paragraphs (§ 1º, Parágrafo único:
``art_4.par_1``) and incisos (I –, XVI –: ``art_4.item_16``, or ``art_4.par_1.item_2`` under a paragraph). Labels as
Brazilian law cites them: «Art. 4º, XVI», «Art. 12, § 5º». Text quoted from another law (amendments in its final
articles, opening with “) stays in the article that quotes it.

>>> [(p.key, p.label) for p in split_br("CAPÍTULO I\\nDISPOSIÇÕES PRELIMINARES\\nArt. 4º Para os fins desta Lei:\\n"
...     "I – sistema de inteligência artificial (IA): sistema baseado em máquina;\\nSeção II\\nDo Risco Excessivo\\n"
...     "Art. 12. O agente de IA poderá:\\n§ 1º A avaliação preliminar;\\nII – outra;\\nParágrafo único. Enfim.")]
... # doctest: +NORMALIZE_WHITESPACE
[('ch_1', 'CAPÍTULO I'), ('art_4', 'Art. 4º'), ('art_4.item_1', 'Art. 4º, I'), ('ch_1.sec_2', 'Seção II'),
 ('art_12', 'Art. 12'), ('art_12.par_1', 'Art. 12, § 1º'), ('art_12.par_1.item_2', 'Art. 12, § 1º, II'),
 ('art_12.par_u', 'Art. 12, parágrafo único')]
"""

from __future__ import annotations

import re

from store.items import Provision
from texts.base import OpenProvision, unique_keys
from texts.ru import roman_to_int

_CHAPTER = re.compile(r"^CAP[ÍI]TULO\s+([IVXLC]+)\s*$")
_SECTION = re.compile(r"^Se[çc][ãa]o\s+([IVXLC]+)\s*$")
_ARTICLE = re.compile(r"^Art\.\s*(\d+)(?:º|°|o\b)?(?:-([A-Z]))?\.?\s*(.*)$")
_PARAGRAPH = re.compile(r"^(?:§\s*(\d+)(?:º|°)?\.?|(Parágrafo único)\.?)\s*(.*)$")
_INCISO = re.compile(r"^([IVXLC]+)\s*[–—-]\s*(.*)$")


def _ordinal(n: str) -> str:
    """How Brazilian law writes a number in a citation: 1º to 9º, then 10, 11…"""
    return f"{n}º" if int(n) < 10 else n


def split_br(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Provisions of a Brazilian legal text, one paragraph per line (each article starts a line with «Art. N»)."""
    nodes: list[OpenProvision] = []
    chapter: str | None = None
    article: OpenProvision | None = None
    paragraph: OpenProvision | None = None
    open_: list[OpenProvision] = []  # the provisions a line belongs to: its article, paragraph and inciso
    heading_of: OpenProvision | None = None  # a chapter or section whose title is the next line
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if (m := _CHAPTER.match(line)) or (m := _SECTION.match(line)):
            number = str(roman_to_int(m.group(1)) or m.group(1))
            if line.upper().startswith("CAP"):
                key, kind, parent = f"ch_{number}", "chapter", None
                chapter = key
            else:
                key, kind, parent = (f"{chapter}.sec_{number}" if chapter else f"sec_{number}"), "section", chapter
            heading_of = OpenProvision(key, kind, number, line, None, parent, [line])
            nodes.append(heading_of)
            article = paragraph = None
            open_ = [heading_of]
            continue
        if heading_of is not None and not _ARTICLE.match(line):
            heading_of.heading = line
            heading_of.lines.append(line)
            heading_of = None
            continue
        heading_of = None
        if m := _ARTICLE.match(line):
            number = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
            label = f"Art. {_ordinal(m.group(1))}" + (f"-{m.group(2)}" if m.group(2) else "")
            article = OpenProvision(f"art_{number}", "article", number, label, None, chapter, [])
            nodes.append(article)
            paragraph = None
            open_ = [article]
        elif article is not None and (m := _PARAGRAPH.match(line)):
            number = m.group(1) or "u"
            label = f"{article.label}, § {_ordinal(m.group(1))}" if m.group(1) else f"{article.label}, parágrafo único"
            paragraph = OpenProvision(f"{article.key}.par_{number}", "paragraph", number, label, None, article.key)
            nodes.append(paragraph)
            open_ = [article, paragraph]
        elif article is not None and (m := _INCISO.match(line)) and roman_to_int(m.group(1)):
            owner = paragraph or article
            number = str(roman_to_int(m.group(1)))
            item = OpenProvision(f"{owner.key}.item_{number}", "item", number, f"{owner.label}, {m.group(1)}", None,
                                 owner.key)  # fmt: skip
            nodes.append(item)
            open_ = [article, *([paragraph] if paragraph else []), item]
        elif not open_:
            open_ = [OpenProvision("txt_1", "text", None, None, None, None)]
            nodes.append(open_[0])
        for node in open_:
            node.lines.append(line)
    return unique_keys([n.provision() for n in nodes])
