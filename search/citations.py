"""Provision citations in a query: "Article 50(2)", "Art. 5(1)(a)", "Annex III", "Recital 12", «ст. 6»,
«статья 6 часть 2», «п. 3 ч. 2 ст. 6», «пункт 51.14», «подпункт «а» пункта 5», 第五条 (Japanese, Chinese),
第十八条第二項, 第四条第（二）项, 제35조 (Korean), 제28조제1항제2호, 제17조의2.

A citation becomes citation keys in the form the passages are indexed under (search.passages.cite_key): the
provision itself first, then its enclosing provisions, so a search can go to the deepest one the text has
("Article 3(1)" is point (1) of Article 3 in the AI Act). What remains of the query (the act: "AI Act",
«258-ФЗ», «указа 490») is searched as usual.

>>> [c.keys for c in find_citations("Art. 50(1) AI Act")[0]]
[('art:50/par:1', 'art:50')]
>>> cites, rest = find_citations("п. 3 ч. 2 ст. 6 258-ФЗ")
>>> cites[0].keys, rest.strip()
(('art:6/par:2/pt:3', 'art:6/par:2', 'art:6'), '258-ФЗ')
>>> find_citations("подпункт «а» пункта 5 стратегии")[0][0].keys
('pt:5/item:а', 'pt:5')
>>> [(c.text, c.keys) for c in find_citations("인공지능 기본법 제35조제1항")[0]]
[('제35조제1항', ('art:35/par:1', 'art:35'))]
>>> find_citations("第十七条の二 人工知能関連技術の研究開発及び活用の推進に関する法律")[0][0].keys
('art:17-2',)
>>> find_citations("生成式人工智能服务管理暂行办法 第四条第（二）项")[0][0].keys
('art:4/pt:2', 'art:4')
>>> find_citations("high-risk AI systems")
([], 'high-risk AI systems')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from search.passages import cite_key
from store.identifiers import kanji_number

_NUM = r"\d+(?:\.\d+)*[a-z]?"


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled the first time a query may hold what it reads (``find_citations`` looks for the words each
    form starts with first): compiling them all took ≈ 20 ms of every command's start, most queries cite nothing."""
    return functools.cache(lambda: re.compile(pattern, flags))


_EN_ARTICLE = _lazy(
    rf"(?<![\w.])(?:articles?|arts?\.?)\s*(?P<art>{_NUM})[º°]?"  # a Brazilian "Art. 4º" (ordinal indicator)
    rf"(?:\s*\((?P<par>\d+[a-z]?)\))?"
    r"(?:\s*\((?P<pt>[a-z]{1,3}|\d+)\))?"
    r"(?:,?\s*(?:paragraph|para\.?)\s*(?P<par2>\d+))?"
    r"(?:,?\s*(?:first\s+subparagraph,?\s*)?point\s*\(?(?P<pt2>[a-z]{1,3}|\d+)\)?)?",
    re.I,
)
_EN_POINT_OF = _lazy(
    rf"(?<![\w.])point\s*\((?P<pt>[a-z]{{1,3}}|\d+)\)\s+of\s+(?:article|art\.?)\s*(?P<art>{_NUM})"
    r"(?:\s*\((?P<par>\d+[a-z]?)\))?",
    re.I,
)
_EN_ANNEX = _lazy(r"(?<![\w.])(?:annex|anx\.?)\s+(?P<num>[IVXLC]+|\d+)(?![\w])", re.I)
_EN_RECITAL = _lazy(r"(?<![\w.])(?:recitals?|rec\.)\s*\(?(?P<num>\d+)\)?", re.I)

# What every English form starts with ("art", "annex"/"anx", "rec"), matched as the forms match it (any case): a
# query without it cites nothing in English, and the forms are not compiled for it.
_EN_WORDS = re.compile(r"art|an|rec", re.I)

# Russian components, any order («п. 3 ч. 2 ст. 6», «статья 6, часть 2»), joined when adjacent.
_RU_PART = _lazy(
    r"(?<![\w.])(?:"
    rf"(?P<item>подпункт[а-я]*|подп\.|пп\.)\s*[«\"]?(?P<item_n>[а-яa-z]{{1,2}}(?:\.\d+)?|\d+)[»\"]?\)?"
    rf"|(?P<art>стать[а-я]*|ст\.?)\s*(?P<art_n>{_NUM})"
    r"|(?P<par>част[а-я]*|ч\.?)\s*(?P<par_n>\d+)"
    rf"|(?P<pt>пункт[а-я]*|п\.?)\s*(?P<pt_n>{_NUM})"
    r"|(?P<anx>приложени[а-я]*)\s*(?:№\s*)?(?P<anx_n>\d+)"
    r")",
    re.I,
)
# The letters every Russian component starts with (п, с, ч), matched as the components match them (any case).
_RU_LETTERS = re.compile(r"[псч]", re.I)
# Chinese, Japanese and Korean: 第五条 / 第十八条第二項第一号 / 第二十二条第（二）项 (kanji, hanzi or digits),
# 제35조 / 제17조의2 / 제28조제1항제2호 (Korean law's own way of citing: 조 article, 항 paragraph, 호 point).
_CJK_N = r"[0-9０-９]+|[〇零一二三四五六七八九十百千]+"
_ZH_JA_ARTICLE = _lazy(
    rf"第\s*(?P<art>{_CJK_N})\s*条(?:\s*[の之]\s*(?P<branch>{_CJK_N}))?"
    rf"(?:\s*第\s*(?P<par>{_CJK_N})\s*[項项款])?"
    rf"(?:\s*第\s*[（(]?\s*(?P<pt>{_CJK_N})\s*[）)]?\s*[号號项項])?"
)
_KO_ARTICLE = _lazy(
    r"제\s*(?P<art>\d+)\s*조(?:\s*의\s*(?P<branch>\d+))?"
    r"(?:\s*제\s*(?P<par>\d+)\s*항)?"
    r"(?:\s*제\s*(?P<pt>\d+)\s*호(?:\s*의\s*(?P<pt_branch>\d+))?)?"
)
# The texts each form names a provision of: "Article 35" the English one (a translation's, when the original is in
# another language), 第五条 a Japanese or Chinese original's (a Korean one's before a translation's), 제35조 a Korean one's.
_LATIN: tuple[str, ...] = ("en",)
_HAN = ("ja", "zh", "ko")
_HANGUL = ("ko",)
_RU_JOIN = re.compile(r"^[\s,]*$")
_RU_ORDER = {"art": 0, "par": 1, "pt": 2, "item": 3, "anx": 0}


@dataclass(frozen=True)
class Citation:
    text: str  # as typed
    keys: tuple[str, ...]  # citation keys, the provision itself first, then the provisions around it
    #: The language its form says: "ru" for «ст.», «п.», «статья»…; None for "Article", "Art." (English, French,
    #: Portuguese… write them alike)
    lang: str | None = None
    #: The languages whose text's provision it names, first first, when a document has its original and translations
    #: (the Korean act's 제35조 is the Korean text's article, its "Article 35" the English translation's)
    prefer: tuple[str, ...] = ()


def _keys(path: list[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(cite_key(path[:n]) for n in range(len(path), 0, -1))


def _en(query: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    found: list[tuple[int, int, list[tuple[str, str]]]] = []
    if not _EN_WORDS.search(query):
        return found
    for m in _EN_POINT_OF().finditer(query):
        path = [("art", m["art"])] + ([("par", m["par"])] if m["par"] else []) + [("pt", m["pt"])]
        found.append((m.start(), m.end(), path))
    for m in _EN_ARTICLE().finditer(query):
        path = [("art", m["art"])]
        par = m["par"] or m["par2"]
        if par:
            path.append(("par", par))
        pt = m["pt"] or m["pt2"]
        if pt:
            path.append(("pt", pt))
        found.append((m.start(), m.end(), path))
    for m in _EN_ANNEX().finditer(query):
        found.append((m.start(), m.end(), [("anx", m["num"])]))
    for m in _EN_RECITAL().finditer(query):
        found.append((m.start(), m.end(), [("rct", m["num"])]))
    return found


def _ru(query: str) -> list[tuple[int, int, list[tuple[str, str]]]]:
    groups: list[tuple[int, int, list[tuple[str, str]]]] = []
    if not _RU_LETTERS.search(query):
        return groups
    for m in _RU_PART().finditer(query):
        kind = next(k for k in ("item", "art", "par", "pt", "anx") if m[k])
        part = (kind, m[f"{kind}_n"])
        if groups and _RU_JOIN.match(query[groups[-1][1] : m.start()]) and kind not in {k for k, _ in groups[-1][2]}:
            start, _, parts = groups[-1]
            groups[-1] = (start, m.end(), [*parts, part])
        else:
            groups.append((m.start(), m.end(), [part]))
    return [(s, e, sorted(parts, key=lambda p: _RU_ORDER[p[0]])) for s, e, parts in groups]


def _cjk_number(raw: str) -> str:
    return str(kanji_number(raw) or raw)


def _cjk(
    query: str, pattern: Callable[[], re.Pattern[str]], first: str
) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """'제35조제1항' -> art 35, par 1; '第十八条第二項' -> art 18, par 2; '第五条第（一）项' -> art 5, point 1. ``first``:
    the character the pattern starts with (no query without it is read)."""
    found: list[tuple[int, int, list[tuple[str, str]]]] = []
    if first not in query:
        return found
    for m in pattern().finditer(query):
        art = _cjk_number(m["art"]) + (f"-{_cjk_number(m['branch'])}" if m["branch"] else "")
        path = [("art", art)]
        if m["par"]:
            path.append(("par", _cjk_number(m["par"])))
        if m["pt"]:
            branch = m.groupdict().get("pt_branch")
            path.append(("pt", _cjk_number(m["pt"]) + (f"-{branch}" if branch else "")))
        found.append((m.start(), m.end(), path))
    return found


def find_citations(query: str) -> tuple[list[Citation], str]:
    """The provision citations of a query (outside double quotes) and the query without them."""
    chunks = query.split('"')
    found: list[tuple[int, int, list[tuple[str, str]], str | None, tuple[str, ...]]] = []
    offset = 0
    for i, chunk in enumerate(chunks):
        if i % 2 == 0:
            for lang, prefer, forms in ((None, _LATIN, _en(chunk)), ("ru", ("ru",), _ru(chunk)),
                                        (None, _HAN, _cjk(chunk, _ZH_JA_ARTICLE, "第")),
                                        (None, _HANGUL, _cjk(chunk, _KO_ARTICLE, "제"))):  # fmt: skip
                for s, e, path in forms:
                    found.append((offset + s, offset + e, path, lang, prefer))
        offset += len(chunk) + 1
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, list[tuple[str, str]], str | None, tuple[str, ...]]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue
        kept.append(f)
    rest, pos = [], 0
    cites = []
    for s, e, path, lang, prefer in kept:
        rest.append(query[pos:s])
        pos = e
        cites.append(Citation(query[s:e].strip(), _keys(path), lang, prefer))
    rest.append(query[pos:])
    return cites, " ".join("".join(rest).split()) if cites else query
