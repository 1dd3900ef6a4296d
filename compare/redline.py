"""Word-level redline of two texts of one provision.

What is *not* a change: whitespace and line breaks, a word hyphenated at a line end ("regu-\\nlation"), page
furniture left by PDF extraction (page numbers, "EN", running heads "OJ L 2024/1689"), typographic quote and dash
variants. What is shown: whole words inserted or deleted, never single characters. A stretch whose only change is
where the whitespace is (Korean spacing: "제2조부터" / "제2조 부터") is shown but counts no words: a provision with
only such changes is a *formatting* change.

The diff is two-stage (``../shared/STACK.md`` §3: 0.23 s on 100k words, same hunks as an exact word diff):
``SequenceMatcher`` on sentences first, then on words only inside the sentences that differ.

>>> ops = redline("The Commission shall adopt acts.", "The Commission shall adopt implementing acts.")
>>> [(op, text) for op, text in ops]
[('=', 'The Commission shall adopt '), ('+', 'implementing '), ('=', 'acts.')]
>>> redline("high-\\nrisk  AI\\n\\n12\\n\\nsystems", "high-risk AI systems")
[('=', 'high-risk AI systems')]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

Op = tuple[str, str]  # ("=", text) | ("+", text) | ("-", text)

_PAGE_FURNITURE = re.compile(
    r"^\s*(?:\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|EN|Page \d+(?: of \d+)?|Стр\.? ?\d+|\d+/\d+|"
    r"OJ [LC] \d{1,4}(?:/\d{1,4})?(?:,? [\d.]+)?|ELI: \S+|[A-Z]{2,5} \d{4}/\d+(?:/\d+)?)\s*$"
)
_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\n\s*([a-zа-яё])")
_FORMFEED = re.compile(r"[\f\v]")
_TOKEN = re.compile(r"\S+\s*")
_SENTENCE_END = re.compile(r"[.;:!?]$|[.;:!?][\"'’”)\]]$")
_KEY_TABLE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-",
                            "\u2011": "-", "\u00a0": " "})  # fmt: skip


def clean(text: str) -> str:
    """The text as compared: page furniture lines dropped, hyphenation at line ends joined.

    >>> clean("Article 5\\f\\n12\\nEN\\nProhibited prac-\\ntices")
    'Article 5\\n\\nProhibited prac-tices'
    """
    text = _FORMFEED.sub("\n", text)
    lines = [line for line in text.split("\n") if not _PAGE_FURNITURE.match(line)]
    return _HYPHEN_BREAK.sub(r"\1-\2", "\n".join(lines)).strip()


def tokens(text: str) -> list[str]:
    """Words with their trailing whitespace collapsed to one space (so joining them gives readable text)."""
    return [m.group(0).rstrip() + " " for m in _TOKEN.finditer(clean(text))]


_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@lru_cache(maxsize=131_072)
def _key(token: str) -> str:
    """What a token is compared as: typographic variants unified, a hyphen inside a word ignored (a word
    hyphenated at a line end compares equal to the word written whole)."""
    return _INNER_HYPHEN.sub("", token.strip().translate(_KEY_TABLE))


def _sentences(toks: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, tok in enumerate(toks):
        if _SENTENCE_END.search(tok.strip()):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(toks):
        spans.append((start, len(toks)))
    return spans


def _word_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    return [(str(t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]


def diff_tokens(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes over token indexes (two-stage: sentences, then words inside differing sentences)."""
    ka, kb = [_key(t) for t in a], [_key(t) for t in b]
    sa, sb = _sentences(ka), _sentences(kb)
    sent_a = ["\x00".join(ka[i:j]) for i, j in sa]
    sent_b = ["\x00".join(kb[i:j]) for i, j in sb]
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, sent_a, sent_b, autojunk=False).get_opcodes():
        a1 = sa[i1][0] if i1 < len(sa) else len(ka)
        a2 = sa[i2 - 1][1] if i2 > i1 else a1
        b1 = sb[j1][0] if j1 < len(sb) else len(kb)
        b2 = sb[j2 - 1][1] if j2 > j1 else b1
        if tag == "replace":
            for t, x1, x2, y1, y2 in _word_opcodes(ka[a1:a2], kb[b1:b2]):
                out.append((t, a1 + x1, a1 + x2, b1 + y1, b1 + y2))
        else:
            out.append((tag, a1, a2, b1, b2))
    return out


def redline(old: str, new: str) -> list[Op]:
    """The word redline of ``old`` -> ``new`` as merged ops; unchanged text is taken from ``new``."""
    a, b = tokens(old), tokens(new)
    ops: list[Op] = []
    codes = diff_tokens(a, b)
    # Fold short equal runs (one or two words) between two changes into the change: "the" kept between two
    # rewritten clauses only makes the redline harder to read.
    merged: list[tuple[str, int, int, int, int]] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if (tag == "equal" and 0 < n < len(codes) - 1 and (i2 - i1) <= 2
                and codes[n - 1][0] != "equal" and codes[n + 1][0] != "equal"):  # fmt: skip
            tag = "replace"
        merged.append((tag, i1, i2, j1, j2))
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            ops.append(("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return _merge(ops)


def _merge(ops: list[Op]) -> list[Op]:
    """Adjacent ops of one kind joined; all deletions of a changed stretch before its insertions."""
    out: list[Op] = []
    pending: dict[str, str] = {"-": "", "+": ""}
    for op, text in ops:
        if not text:
            continue
        if op == "=":
            for k in ("-", "+"):
                if pending[k]:
                    out.append((k, pending[k]))
                    pending[k] = ""
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        else:
            pending[op] += text
    for k in ("-", "+"):
        if pending[k]:
            out.append((k, pending[k]))
    if out:
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return out


def _spacing_only(old: str, new: str) -> bool:
    """Whether two stretches differ only in where the whitespace is ("제2조부터" / "제2조 부터")."""
    return "".join(_key(w) for w in old.split()) == "".join(_key(w) for w in new.split())


def _stretches(ops: list[Op]) -> list[tuple[str, str, bool]]:
    """The changed stretches of a redline: (deleted, inserted, whether only the whitespace moved)."""
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(ops):
        op, text = ops[i]
        if op == "=":
            i += 1
            continue
        deleted = text if op == "-" else ""
        inserted = text if op == "+" else ""
        if op == "-" and i + 1 < len(ops) and ops[i + 1][0] == "+":
            inserted = ops[i + 1][1]
            i += 1
        out.append((deleted, inserted, _spacing_only(deleted, inserted)))
        i += 1
    return out


def word_counts(ops: list[Op]) -> tuple[int, int]:
    """(words inserted, words deleted) of a redline; a stretch whose only change is whitespace counts no words.

    >>> word_counts(redline("1. 및 2. 생략 제2조부터 제6조까지 생략", "1. 및 2. 생략 제2조 부터 제6조까지 생략"))
    (0, 0)
    """
    kept = [(d, i) for d, i, spacing in _stretches(ops) if not spacing]
    return sum(len(i.split()) for _, i in kept), sum(len(d.split()) for d, _ in kept)


def is_unchanged(ops: list[Op]) -> bool:
    return all(op == "=" for op, _ in ops)


def is_formatting_only(ops: list[Op]) -> bool:
    """Whether a redline changes something, and only whitespace (a formatting change: no word changed)."""
    stretches = _stretches(ops)
    return bool(stretches) and all(spacing for _, _, spacing in stretches)
