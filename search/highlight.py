"""Highlights: short fragments of a stored text around the words a query matched.

Safe for HTML: every piece of third-party text is escaped with ``html.escape`` first, and only the matched
words are wrapped in ``<mark>…</mark>``; nothing else in a fragment is markup.

Why not ``whoosh.highlight``: it re-analyses the whole stored text of each hit (a 90,000-word act costs
seconds with the Russian lemmatiser). Here the text is split by one regex, each *distinct* word form goes
through the field's analyzer once (cached), and the match positions come from a set lookup — see the
highlight figures in bench/README.md.
"""

from __future__ import annotations

import functools
import html
import re

from search.analysis import CJK, analyzer_for
from search.world_analysis import PIECES, cjk_spans, piece_spans

_WORD = re.compile(r"\w+")
FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
_MAX_TEXT = 2_000_000  # never scan more than this many characters of one text
_CJK_CHUNK = 5_000  # a long CJK text is analysed a part at a time (ending at a line break) until enough is found


@functools.lru_cache(maxsize=200_000)
def _word_terms(lang: str, word: str) -> frozenset[str]:
    return frozenset(t.text for t in analyzer_for_cached(lang)(word, mode="index"))


@functools.cache
def analyzer_for_cached(lang: str):  # type: ignore[no-untyped-def]
    return analyzer_for(lang)


def match_spans(text: str, lang: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every word of ``text`` whose analysed form is one of ``terms``."""
    if not terms:
        return []
    text = text[:_MAX_TEXT]
    if lang in CJK:  # no spaces (Japanese, Chinese) or particles glued to words (Korean): the analyzer's own spans
        return cjk_spans(text, lang, terms)
    words = {w.lower() for w in _WORD.findall(text)}
    hits: dict[str, str] = {}
    for w in words:
        common = _word_terms(lang, w) & terms
        if common:
            hits[w] = min(common)  # one term per word, the same in every process (a set's order follows PYTHONHASHSEED)
    if not hits:
        return []
    return [(m.start(), m.end(), hits[m.group(0).lower()]) for m in _WORD.finditer(text) if m.group(0).lower() in hits]


def _render(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e, _ in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _windows(spans: list[tuple[int, int, str]], width: int) -> list[tuple[int, int, int, list[tuple[int, int, str]]]]:
    """Consecutive groups of spans within ``width`` characters of their first: (distinct terms, -start, start,
    group), in text order."""
    windows = []
    i, n = 0, len(spans)
    while i < n:
        start, j = spans[i][0], i
        while j < n and spans[j][1] <= start + width:
            j += 1
        group = spans[i:j]
        i = j
        windows.append((len({g[2] for g in group}), -start, start, group))
    return windows


def _cjk_spans_enough(text: str, lang: str, terms: set[str], limit: int, width: int) -> list[tuple[int, int, str]]:
    """The spans of a long CJK text, analysed a part at a time and only as far as needed: once ``limit`` windows
    that end before the part read have every term, no later window can rank above them (equal counts go to the
    earlier window), so the fragments are the same as from the whole text. A part ends at a line break, which no
    run of a CJK analyzer crosses, so each part gives the tokens the whole text gives there."""
    text = text[:_MAX_TEXT]
    kept = PIECES.get(text, lang)  # the whole text's pieces, kept when it was indexed: nothing to analyse
    if kept is not None:
        return piece_spans(kept, terms)
    spans: list[tuple[int, int, str]] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + _CJK_CHUNK)
        end = len(text) if end == -1 else end + 1
        spans.extend((s + pos, e + pos, t) for s, e, t in cjk_spans(text[pos:end], lang, terms))
        pos = end
        complete = [w for w in _windows(spans, width) if w[2] + width <= pos and w[0] == len(terms)]
        if len(complete) >= limit:
            break
    return spans


def fragments(
    text: str, lang: str, terms: set[str], *, limit: int = MAX_FRAGMENTS, width: int = FRAGMENT_CHARS
) -> list[str]:
    """Up to ``limit`` escaped fragments of about ``width`` characters, the richest in distinct terms first."""
    if terms and lang in CJK and len(text) > _CJK_CHUNK:
        spans = _cjk_spans_enough(text, lang, terms, limit, width)
    else:
        spans = match_spans(text, lang, terms)
    if not spans:
        return []
    windows = _windows(spans, width)
    windows.sort(reverse=True)
    out = []
    for _, _, start, group in windows[:limit]:
        left = max(0, start - width // 4)
        if left:
            space = text.find(" ", left, start)
            left = space + 1 if space != -1 else left
        right = min(len(text), max(group[-1][1], left + width))
        space = text.rfind(" ", group[-1][1], right)
        if right < len(text) and space > group[-1][1]:
            right = space
        out.append(_render(text, left, right, group))
    return out
