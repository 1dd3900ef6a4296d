"""Text -> provisions: one splitter per legal tradition, chosen by the document's jurisdiction and the text's
language (or its script).

>>> [p.key for p in split_provisions("Статья 1. Предмет\\n1. Настоящий закон регулирует.", jurisdiction="RU")]
['art_1', 'art_1.par_1']
>>> [p.key for p in split_provisions("Article 1\\nSubject matter\\n1. This Regulation lays down rules.")]
['art_1', 'art_1.par_1']
>>> tradition_for(jurisdiction=None, language=None, text="Статья 5. Основные понятия")
'ru'

Adding the splitter of another tradition (a United States bill, a Brazilian lei):

1. write ``texts/<tradition>.py`` with ``split_<tradition>(text, *, wrapped=False, language=None) ->
   list[Provision]`` (see ``texts.base.Splitter``; collect lines in ``texts.base.OpenProvision``), with doctests
   and ``tests/texts/test_<tradition>.py`` on real recorded texts;
2. add it to :data:`SPLITTERS`, the languages it reads to :data:`READS`, and the jurisdictions whose texts it
   splits to :data:`JURISDICTIONS`.

Every path then uses it: the crawler's downloaded files (``crawler/parsers/files.py``), ``ailaw import``, and the
compare engine for a stored version that has no provisions yet.
"""

from __future__ import annotations

import re

from store.items import Provision
from texts.base import Splitter
from texts.br import split_br
from texts.cn import split_cn
from texts.eu import split_eu
from texts.extract import ExtractedText
from texts.jp import split_jp
from texts.kr import split_kr
from texts.ru import split_ru
from texts.us import split_us

#: tradition -> splitter
SPLITTERS: dict[str, Splitter] = {"eu": split_eu, "ru": split_ru, "us": split_us, "kr": split_kr, "jp": split_jp,
                                  "cn": split_cn, "br": split_br}  # fmt: skip
#: tradition -> the languages its splitter reads (the words of its headings: "Article", "Статья", 제N조, 第N条)
READS: dict[str, frozenset[str]] = {"eu": frozenset({"en"}), "ru": frozenset({"ru"}), "us": frozenset({"en"}),
                                    "kr": frozenset({"ko"}), "jp": frozenset({"ja"}), "cn": frozenset({"zh"}),
                                    "br": frozenset({"pt"})}  # fmt: skip
#: a document's jurisdiction (``store.vocab.Jurisdiction``) -> its tradition
JURISDICTIONS: dict[str, str] = {"EU": "eu", "RU": "ru", "US": "us", "KR": "kr", "JP": "jp", "CN": "cn", "BR": "br"}
#: the splitter of a text nothing else places (Article/ANNEX/recitals, and SECTION headings)
DEFAULT_TRADITION = "eu"

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")


def tradition_for(*, jurisdiction: str | None, language: str | None, text: str = "") -> str:
    """The tradition whose splitter reads this text: the jurisdiction's, when its splitter reads the text's
    language (given, or Cyrillic script taken as Russian); else the first that reads the language; else the default.

    >>> tradition_for(jurisdiction="RU", language="en"), tradition_for(jurisdiction="EU", language="ru")
    ('eu', 'ru')
    """
    lang = (language or "").lower() or None
    if lang is None:
        sample = text[:5000]
        letters = len(_LETTER.findall(sample))
        lang = "ru" if letters and len(_CYRILLIC.findall(sample)) > letters / 2 else None
    own = JURISDICTIONS.get((jurisdiction or "").upper())
    if own and (lang is None or lang in READS[own]):
        return own
    if lang is not None:
        for tradition, languages in READS.items():
            if lang in languages:
                return tradition
    return DEFAULT_TRADITION


def split_provisions(text: str, *, jurisdiction: str | None = None, language: str | None = None,
                     wrapped: bool = False) -> list[Provision]:  # fmt: skip
    """The provisions of ``text`` by the splitter of its tradition. ``wrapped``: a hard-wrapped PDF extract."""
    splitter = SPLITTERS[tradition_for(jurisdiction=jurisdiction, language=language, text=text)]
    return splitter(text, wrapped=wrapped, language=language)


def provisions_of(extracted: ExtractedText, *, jurisdiction: str | None = None,
                  language: str | None = None) -> list[Provision]:  # fmt: skip
    """The provisions of a file's text, split the same way on every path (crawl or import): a PDF's is hard-wrapped."""
    return split_provisions(extracted.text, jurisdiction=jurisdiction, language=language,
                            wrapped=extracted.format == "pdf")  # fmt: skip
