"""The Japanese splitter: a Japanese law -> provisions as the text writes them: divisions (編/章/節/款), articles
(第N条, 第N条のM: ``art_2-2``) with their paragraphs (項: ``art_5.par_2``) and items (号: ``art_5.par_2.item_3``),
and supplementary provisions (附則: ``suppl``).

Two inputs: the standard law XML of e-Gov and of the Japanese Law Translation database (``<Law><LawBody>``, in
Japanese or English), read by :func:`split_jp_xml`; and a plain text, read line by line by :func:`split_jp`.

>>> [p.key for p in split_jp("第一章　総則\\n（目的）\\n第一条　この法律は、…\\n第二条　…\\n２　前項の…\\n一　人工知能\\n附　則\\nこの法律は…")]
['ch_1', 'art_1', 'art_2', 'art_2.par_2', 'art_2.par_2.item_1', 'suppl']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from store.identifiers import kanji_number
from store.items import Provision
from texts.base import OpenProvision, add_item, add_line, local_name, squash, text_of, unique_keys

_NUMERALS = "〇一二三四五六七八九"


def kanji(n: int) -> str:
    """53 -> '五十三' (how a law number is written in Japanese)."""
    if n < 10:
        return _NUMERALS[n] if n else "〇"
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        if n >= value:
            d = n // value
            out += ("" if d == 1 else _NUMERALS[d]) + unit
            n %= value
    return out + (_NUMERALS[n] if n else "")


def _article_number(raw: str | None) -> str:
    """'2_2' (第二条の二) -> '2-2'."""
    return (raw or "").replace("_", "-")


def _caption(raw: str) -> str | None:
    return raw.strip("（）()　 ") or None


def _sentences(el: Any) -> str:
    """The text of a paragraph or item: its title/number then its sentences, one line (tables and columns joined)."""
    return squash(" ".join(t for t in (text_of(x) for x in el) if t.strip()))


def split_jp_xml(root: Any) -> list[Provision]:
    """Provisions of a standard law XML (e-Gov or Japanese Law Translation): parts, chapters, sections, articles
    (``art_2-2`` for 第二条の二) with paragraphs (``art_5.par_2``) and items (``art_5.par_2.item_3``), then each
    supplementary provision (``suppl``, ``suppl_2``…) holding its own articles. Labels as the text writes them
    (第五条第二項 / Article 5(2))."""
    lang = root.get("Lang") or "ja"
    out: list[Provision] = []
    body = root.find("LawBody")
    if body is None:
        return out
    main = body.find("MainProvision")
    if main is not None:
        _walk(main, out, parent=None, lang=lang, prefix="")
    for n, suppl in enumerate(body.findall("SupplProvision"), start=1):
        label = squash(suppl.findtext("SupplProvisionLabel")) or (
            "附則" if lang == "ja" else "Supplementary Provisions"
        )
        amend = suppl.get("AmendLawNum")
        key = "suppl" if n == 1 else f"suppl_{n}"
        node = Provision(key=key, kind="addendum", number=amend or None, label=label + (f"（{amend}）" if amend else ""),
                         heading=None, text="", parent=None)  # fmt: skip
        out.append(node)
        start = len(out)
        _walk(suppl, out, parent=key, lang=lang, prefix=f"{key}.")
        inner = [p.text for p in out[start:] if p.parent == key or p.kind == "article"]
        node.text = "\n".join([label, *inner]) if inner else "\n".join([label, _sentences(suppl)])
    return unique_keys(out)


_CONTAINERS = {"Part": ("part", "pt"), "Chapter": ("chapter", "ch"), "Section": ("section", "sec"),
               "Subsection": ("subsection", "sub"), "Division": ("division", "div")}  # fmt: skip


def _walk(el: Any, out: list[Provision], *, parent: str | None, lang: str, prefix: str) -> None:
    for child in el:
        name = local_name(child)
        if name in _CONTAINERS:
            kind, short = _CONTAINERS[name]
            number = _article_number(child.get("Num"))
            key = (
                f"{parent}.{short}_{number}"
                if parent and kind != "part" and not parent.startswith("suppl")
                else f"{prefix}{short}_{number}"
            )
            title = squash(child.findtext(f"{name}Title"))
            label, _, heading = title.partition("\u3000") if lang == "ja" else _split_en_title(title)
            out.append(Provision(key=key, kind=kind, number=number, label=label or title, heading=heading or None,
                                 text=title, parent=parent))  # fmt: skip
            _walk(child, out, parent=key, lang=lang, prefix=prefix)
        elif name == "Article":
            _article(child, out, parent=parent, lang=lang, prefix=prefix)
        elif name == "Paragraph":  # a supplementary provision without articles
            text = _sentences(child)
            if text:
                number = child.get("Num") or str(len(out))
                out.append(Provision(key=f"{prefix}par_{number}", kind="paragraph", number=number, label=None,
                                     heading=None, text=text, parent=parent))  # fmt: skip


def _split_en_title(title: str) -> tuple[str, str, str]:
    m = re.match(r"^((?:Part|Chapter|Section|Subsection|Division)\s+[IVXLC\d]+)\s*(.*)$", title)
    return (m.group(1), " ", m.group(2)) if m else (title, "", "")


def _article(el: Any, out: list[Provision], *, parent: str | None, lang: str, prefix: str) -> None:
    number = _article_number(el.get("Num"))
    key = f"{prefix}art_{number}"
    label = squash(el.findtext("ArticleTitle")) or (f"第{number}条" if lang == "ja" else f"Article {number}")
    heading = _caption(squash(el.findtext("ArticleCaption")))
    article = Provision(key=key, kind="article", number=number, label=label, heading=heading, text="", parent=parent)
    out.append(article)
    lines = [label + (f"（{heading}）" if heading and lang == "ja" else f" ({heading})" if heading else "")]
    paragraphs = el.findall("Paragraph")
    for para in paragraphs:
        p_num = para.get("Num") or "1"
        p_label_raw = squash(para.findtext("ParagraphNum"))
        sentence = _sentences(para.find("ParagraphSentence")) if para.find("ParagraphSentence") is not None else ""
        p_lines = [(p_label_raw + " " if p_label_raw else "") + sentence]
        items = []
        for item in para.findall("Item"):
            i_num = _article_number(item.get("Num"))
            i_text = squash(" ".join(x for x in (squash(item.findtext("ItemTitle")),
                                                 _sentences(item.find("ItemSentence")) if item.find("ItemSentence") is not None else "",
                                                 *(_sentences(s) for s in item.iter("Subitem1"))) if x))  # fmt: skip
            p_lines.append(i_text)
            items.append((i_num, i_text))
        p_text = "\n".join(x.strip() for x in p_lines if x.strip())
        lines.append(p_text)
        p_key = f"{key}.par_{p_num}"
        if len(paragraphs) > 1:
            p_label = f"{label}第{kanji(int(p_num))}項" if lang == "ja" and p_num.isdigit() else f"{label}({p_num})"
            out.append(Provision(key=p_key, kind="paragraph", number=p_num, label=p_label, heading=None, text=p_text,
                                 parent=key))  # fmt: skip
        holder = p_key if len(paragraphs) > 1 else key
        for i_num, i_text in items:
            out.append(Provision(key=f"{holder}.item_{i_num}", kind="point", number=i_num, label=None, heading=None,
                                 text=i_text, parent=holder))  # fmt: skip
    article.text = "\n".join(x for x in lines if x)


_JNUM = "[〇一二三四五六七八九十百千]+"
_ARTICLE_JA = re.compile(rf"^第({_JNUM})条(?:の({_JNUM}))?[\s\u3000]*(.*)$")
_DIVISION_JA = re.compile(rf"^第({_JNUM})(編|章|節|款)[\s\u3000]*(.*)$")
_CAPTION_JA = re.compile(r"^（([^）]+)）$")
_PARAGRAPH_JA = re.compile(r"^([0-9０-９]+)[\s\u3000]+(.*)$")
_ITEM_JA = re.compile(rf"^({_JNUM})[\s\u3000]+(.*)$")
_DIVISIONS_JA = {"編": ("part", "pt"), "章": ("chapter", "ch"), "節": ("section", "sec"), "款": ("subsection", "sub")}


def split_jp(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Provisions of a plain Japanese law text, one line per paragraph (a caption line （目的） heads the next article)."""
    nodes: list[OpenProvision] = []
    article: OpenProvision | None = None
    paragraph: OpenProvision | None = None
    current: OpenProvision | None = None
    caption: str | None = None
    division: str | None = None
    suppl = False
    for raw in text.split("\n"):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if m := _CAPTION_JA.match(line):
            caption = m.group(1)
            continue
        if re.match(r"^附\s*則", line):
            suppl = True
            current = OpenProvision("suppl", "addendum", None, line, None, None, [line])
            nodes.append(current)
            article = paragraph = None
            continue
        if (m := _DIVISION_JA.match(line)) and not suppl:
            kind, prefix = _DIVISIONS_JA[m.group(2)]
            number = str(kanji_number(m.group(1)))
            key = (
                f"{prefix}_{number}" if kind in ("part", "chapter") or not division else f"{division}.{prefix}_{number}"
            )
            if kind in ("part", "chapter"):
                division = key
            current = OpenProvision(key, kind, number, f"第{m.group(1)}{m.group(2)}", m.group(3) or None, None, [line])
            nodes.append(current)
            article = paragraph = None
            continue
        if m := _ARTICLE_JA.match(line):
            number = str(kanji_number(m.group(1))) + (f"-{kanji_number(m.group(2))}" if m.group(2) else "")
            key = ("suppl." if suppl else "") + f"art_{number}"
            label = line[: line.index("条") + 1] + (f"の{m.group(2)}" if m.group(2) else "")
            if inline := re.match(r"^（([^）]+)）", m.group(3)):  # «第一条（目的）»: the caption on the article's line
                caption = inline.group(1)
            article = OpenProvision(key, "article", number, label, caption, "suppl" if suppl else division, [line])
            nodes.append(article)
            caption, current, paragraph = None, article, None
            continue
        if article is not None and (m := _PARAGRAPH_JA.match(line)):
            number = unicodedata.normalize("NFKC", m.group(1))
            paragraph = OpenProvision(f"{article.key}.par_{number}", "paragraph", number, f"{article.label}第{m.group(1)}項",
                                      None, article.key, [line])  # fmt: skip
            nodes.append(paragraph)
            article.lines.append(line)
            current = paragraph
            continue
        if article is not None and (m := _ITEM_JA.match(line)):
            add_item(
                nodes, line, article=article, paragraph=paragraph, number=str(kanji_number(m.group(1))), label=None
            )
            continue
        current = add_line(nodes, line, current=current, article=article, paragraph=paragraph)
    return unique_keys([n.provision() for n in nodes])
