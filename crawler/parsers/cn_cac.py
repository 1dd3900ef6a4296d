"""China: rules of the Cyberspace Administration of China published as article pages on cac.gov.cn
(``/YYYY-MM/DD/c_<id>.htm``).

The page layout is not documented and no page was ever recorded (dossier china.md §2.1), so nothing here depends
on it: the text is the block of the page that holds the most article headings (第N条), read paragraph by paragraph;
the title comes from the page's ``<h1>`` or ``<title>``. What a page does not say reliably in a structured way —
the order number and the dates of adoption, publication and entry into force — comes from the spider's reviewed
list of the rules it follows (crawler/spiders/cn_cac.py, with the source of each fact), passed in as arguments.

A rule is ``cn/cac/{c_id}`` (its page id); the Chinese text is the only authoritative one (English versions are
unofficial translations and are not stored as the text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

from crawler.parsers.waf import is_waf_challenge
from crawler.parsers.world import iso_date, squash
from store.identifiers import doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import DocType, Stage, VersionKind
from texts.charset import decode
from texts.cn import split_cn

SOURCE = "cn_cac"
SOURCE_LABEL = "cac.gov.cn"
_ARTICLE_MARK = re.compile(r"第[〇零一二三四五六七八九十百千]+条")
_PAGE_ID = re.compile(r"/(c_\d+)\.htm", re.I)
_SITE_SUFFIX = re.compile(r"[_\-|｜]\s*(?:中国网信网|中央网络安全和信息化委员会办公室).*$")


def rule_doc_id(url: str) -> str | None:
    m = _PAGE_ID.search(url)
    return doc_id("cn", "cac", m.group(1)) if m else None


def _best_block(root: Any) -> Any | None:
    """The element whose own paragraphs hold the most article headings (the body of the rule)."""
    best, best_count = None, 0
    for el in root.iter("div", "td", "article", "section", "body"):
        paragraphs = el.findall("p") or el.findall("div")
        count = sum(len(_ARTICLE_MARK.findall(p.text_content()[:40])) for p in paragraphs)
        if count > best_count:
            best, best_count = el, count
    return best


def _lines(block: Any) -> list[str]:
    out = []
    for p in block.findall("p") or block.findall("div"):
        text = squash(p.text_content())
        if text:
            out.append(text)
    return out


def parse_article(body: bytes, *, url: str, title: str | None = None, number: str | None = None,
                  adopted: str | None = None, published: str | None = None, in_force: str | None = None,
                  **_: Any) -> Iterator[Item]:  # fmt: skip
    """A CAC article page -> the rule's document, its dated adoption, publication and entry into force, and its
    Chinese text split into chapters and articles."""
    if not body.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} returned an empty page.")
        return
    if is_waf_challenge(body):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} answered with a WAF challenge page, not the rule.")
        return
    did = rule_doc_id(url)
    if did is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL}: the URL has no article id (c_<digits>.htm).")
        return
    root = lxml_html.fromstring(decode(body, content_type="text/html").text)
    block = _best_block(root)
    if block is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} page holds no article text (no 第N条 heading).")
        return
    page_title = squash(root.findtext(".//h1")) or _SITE_SUFFIX.sub("", squash(root.findtext(".//title")))
    name = title or page_title.strip("《》") or did
    text = normalize_text("\n".join(_lines(block)))
    dates = {"adopted": iso_date(adopted), "published": iso_date(published), "in_force": iso_date(in_force)}
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="CN",
        doc_type=DocType.ORDER if number and "令" in number else DocType.OTHER,
        title=name,
        language="zh",
        identifiers={k: v for k, v in {"cac_page": did.rsplit("/", 1)[-1], "number": number}.items() if v},
        aliases=[a for a in (f"《{name}》", number) if a],
        stage=Stage.IN_FORCE if dates["in_force"] else Stage.PUBLISHED,
        date_adopted=dates["adopted"],
        date_published=dates["published"],
        date_in_force=dates["in_force"],
        url=url,
        notes=["Only the Chinese text is authoritative; English versions are unofficial translations."],
    )
    for key, stage, words in (("adopted", Stage.ADOPTED, "审议通过"), ("published", Stage.PUBLISHED, "公布"),
                              ("in_force", Stage.IN_FORCE, "施行")):  # fmt: skip
        if dates[key]:
            yield EventItem(doc_id=did, date=dates[key], stage=stage, raw=f"{number or name} {words}", reference=number)
    yield VersionItem(
        doc_id=did,
        label=f"{number}（{dates['published'].isoformat()} 公布）" if number and dates["published"] else name,
        kind=VersionKind.ORIGINAL,
        date=dates["published"],
        language="zh",
        text=text,
        provisions=split_cn(text, language="zh"),
        source_url=url,
    )
