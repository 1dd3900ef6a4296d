"""Escaping helpers. Everything that comes from a source (titles, raw stage text, provisions, errors) is
third-party text: it goes through one of these before it reaches ``st.markdown`` or HTML.

- ``md(text)``: literal text inside Markdown (``st.markdown``, ``st.page_link`` labels, expander labels).
- ``h(text)``: literal text inside HTML we build ourselves (badges), rendered with ``unsafe_allow_html``.
- ``highlight(fragment)``: a search highlight, already escaped by ``search``; re-checked so that only
  ``<mark>``/``</mark>`` can ever reach the page even if a fragment arrives unescaped.
"""

from __future__ import annotations

import html
import re
import string

_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_MARK = re.compile(r"(</?mark>)")
_HTML_TABLE = {ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;", ord('"'): "&quot;", ord("'"): "&#x27;"}
_HTML_TABLE.update({ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~$:^="})

BADGE_COLOURS = {
    "jurisdiction": ("#e8f0fe", "#1a4fa0"),
    "type": ("#eef6ee", "#2d6a30"),
    "stage": ("#fff4e0", "#8a5300"),
    "date": ("#f1f1f1", "#444444"),
    "warn": ("#fdecea", "#a1281c"),
}


def md(text: object) -> str:
    """Text shown literally by Markdown: every ASCII punctuation character is backslash-escaped
    (CommonMark allows that for all of them), so ``*``, ``[``, ``<script>``, ``:red[…]`` or ``$…$`` stay text.
    Line breaks are kept.

    >>> md("<script>alert(1)</script> *x*")
    '\\\\<script\\\\>alert\\\\(1\\\\)\\\\<\\\\/script\\\\> \\\\*x\\\\*'
    >>> md(None)
    ''
    """
    if text is None:
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")


def h(text: object) -> str:
    """Text shown literally inside HTML that Streamlit also reads as Markdown (``unsafe_allow_html``).

    HTML specials become entities, and so do the Markdown/Streamlit specials (``*``, ``[``, ``$``, ``:``…):
    a character reference is always a literal character, never syntax.

    >>> h('<b onclick="x">&</b>')
    '&lt;b onclick&#61;&quot;x&quot;&gt;&amp;&lt;/b&gt;'
    >>> h("*x* [a](b) $y$")
    '&#42;x&#42; &#91;a&#93;&#40;b&#41; &#36;y&#36;'
    """
    return "" if text is None else str(text).translate(_HTML_TABLE)


def highlight(fragment: str) -> str:
    """A highlight fragment as safe HTML: ``<mark>`` tags kept, everything else escaped exactly once.

    Unescaping then escaping each piece is idempotent for a correctly escaped fragment and makes an
    unescaped one safe.

    >>> highlight("AI &amp; <mark>robots</mark>")
    'AI &amp; <mark>robots</mark>'
    >>> highlight("<script>x</script> <mark>ok</mark>")
    '&lt;script&gt;x&lt;/script&gt; <mark>ok</mark>'
    """
    parts = _MARK.split(fragment)
    return "".join(p if _MARK.fullmatch(p) else h(html.unescape(p)) for p in parts)


def badge(text: object, kind: str) -> str:
    """A small coloured label as HTML (the text escaped)."""
    bg, fg = BADGE_COLOURS.get(kind, BADGE_COLOURS["date"])
    return (
        f'<span class="ailaw-badge ailaw-badge-{kind}" style="background:{bg};color:{fg};border-radius:0.5rem;'
        f'padding:0.05rem 0.45rem;margin-right:0.3rem;font-size:0.8rem;white-space:nowrap">{h(text)}</span>'
    )


def short_sha(sha: str | None) -> str:
    """
    >>> short_sha("0123456789abcdef0123")
    '0123456789ab'
    """
    return (sha or "")[:12]


def paginate(items_count: int, page_size: int) -> int:
    """Number of pages for ``items_count`` items (at least one).

    >>> paginate(0, 20), paginate(20, 20), paginate(21, 20)
    (1, 1, 2)
    """
    return max(1, -(-items_count // page_size))


def split_text(text: str, *, size: int = 20_000) -> list[str]:
    """Cut a long text into pages of about ``size`` characters at paragraph (else line) boundaries.

    >>> split_text("a\\n\\nb\\n\\nc", size=3)
    ['a', 'b', 'c']
    >>> split_text("")
    ['']
    """
    if len(text) <= size:
        return [text]
    pages: list[str] = []
    rest = text
    while len(rest) > size:
        cut = rest.rfind("\n\n", 0, size + 1)
        if cut <= 0:
            cut = rest.rfind("\n", 0, size + 1)
        if cut <= 0:
            cut = size
        pages.append(rest[:cut].strip("\n"))
        rest = rest[cut:].lstrip("\n")
    if rest:
        pages.append(rest)
    return pages
