"""EUR-Lex / Cellar XHTML of an act -> DocumentItem + VersionItem with provisions.  No network, no DB, no clock.

Two layouts are handled (source dossier eu.md §4.1, §4.3):

* the Official Journal act as CONVEX renders it (``oj-*`` classes, ``eli-subdivision`` divs with ids ``cit_N``,
  ``rct_N``, ``cpt_III``, ``cpt_III.sct_1``, ``art_5`` + ``art_5.tit_1``, paragraph divs ``005.001``, points as
  ``<table>`` rows, annexes ``anx_I``). Post-2023 acts have the ``oj-hd-uniq`` header ("2024/1689"); older ones
  ``oj-hd-oj`` ("L 277/1"). Both come out the same.
* the consolidated text served by Cellar (``clg.css``: ``p.reference`` "02016R0679 — EN — 04.05.2016 — 000.002",
  ``title-article-norm``, ``div.norm`` paragraphs with ``span.no-parag``, ``grid-list`` points).

The files are XHTML in name only: not reliably well-formed XML, so they are read with the HTML parser.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import lxml.html
from lxml import etree

from crawler.parsers.waf import is_waf_challenge, waf_failure
from store.dates import parse_date
from store.identifiers import celex_doc_id, normalize_celex
from store.items import DocumentItem, Item, ParseFailure, Provision, VersionItem
from store.normalize import normalize_inline, normalize_text
from store.vocab import DocType, Jurisdiction, VersionKind

logger = logging.getLogger(__name__)

SOURCE = "eu_cellar"

# The server injects a Dynatrace <script src="/ruxitagentjs_…" data-dtconfig="…rid=RID_…"> whose attributes change on
# every response: strip every <script> before parsing (and so before anything is hashed), or each fetch of an
# unchanged act would look like a new version.
_SCRIPT = re.compile(rb"<script\b[^>]*?(?:/>|>.*?</script\s*>)", re.I | re.S)

_BLOCK = {"p", "div", "table", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dt", "dd", "tbody"}
_CELL = {"td", "th"}
_POINT_MARK = re.compile(r"^\(?([a-z]{1,3}|[ivxlc]+|\d{1,3}[a-z]?)\)$|^(\d{1,3}[a-z]?)\.$")
_POINT_MARK_LOOSE = re.compile(r"^(?:\(\d{1,3}[a-z]?\)|[—–-]|\u2014)$")
# Consolidated texts mark where each amending act / corrigendum starts and ends: "▼B", "►M1", "►C1", "◄".
_CONS_MARKER = re.compile(r"[►▼][A-Z]\d*|◄")
_PARA_ID = re.compile(r"^(\d{3})\.(\d{3})$")
_CELEX_IN_URL = re.compile(r"CELEX(?::|%3A)([0-9A-Za-z()%\-]+)", re.I)
_ACT_NUMBER = re.compile(
    r"^(REGULATION|DIRECTIVE|DECISION)\s*(?:\((EU|EC|EEC|EURATOM|EU,\s*EURATOM)\))?\s*(?:NO\s*)?(\d{4})/(\d{1,4})", re.I
)
_SHORT_TITLE = re.compile(r"\(([^()]*?\b(?:Act|Regulation|Directive))\)")
_DOC_TYPE_WORD = {"REGULATION": DocType.REGULATION, "DIRECTIVE": DocType.DIRECTIVE, "DECISION": DocType.DECISION}
_CELEX_TYPE_LETTER = {"REGULATION": "R", "DIRECTIVE": "L", "DECISION": "D"}


# --------------------------------------------------------------------------------------------------- helpers


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


_SKIPPED_TAGS = frozenset({"script", "style", "head", "title"})
_BREAK = None  # a block's start or end in a page's token stream: the line being collected ends there


class _PageText:
    """The text of a page (or of one element) as one stream of tokens — text pieces and block breaks — from a single
    walk, with each element's place in it. The lines of any element are then read from the stream: the lines between
    two breaks inside the element are taken as they are (each normalised once, then reused), so an article, its
    paragraphs and their points do not walk the same nodes again, and nor does the full text."""

    def __init__(self, root: Any) -> None:
        self.tokens: list[str | None] = []
        self.spans: dict[Any, tuple[int, int, int]] = {}  # element -> (start, end of its own text, end with tail)
        self._walk(root)
        self.breaks = [i for i, token in enumerate(self.tokens) if token is _BREAK]
        self._between: dict[int, str] = {}

    def _walk(self, node: Any) -> None:
        tokens = self.tokens
        start = len(tokens)
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is not None:
            tag = tag.rsplit("}", 1)[-1].lower()
            # p.arrow / p.modref hold the ▼B / ►M1 markers of consolidated texts: layout, not text (their tail is)
            if tag in _SKIPPED_TAGS or (tag == "p" and {"arrow", "modref"} & _classes(node)):
                tag = None
        if tag is not None:
            block = tag in _BLOCK
            if block:
                tokens.append(_BREAK)
            elif tag in _CELL or tag == "br":
                tokens.append(" ")
            if node.text:
                tokens.append(node.text)
            for child in node:
                self._walk(child)
            if block:
                tokens.append(_BREAK)
            elif tag in _CELL:
                tokens.append(" ")
        own_end = len(tokens)
        if node.tail:
            tokens.append(node.tail)
        self.spans[node] = (start, own_end, len(tokens))

    def _line_after(self, k: int) -> str:
        """The line between break ``k`` and break ``k + 1``."""
        line = self._between.get(k)
        if line is None:
            a, b = self.breaks[k] + 1, self.breaks[k + 1]
            line = self._between[k] = _line("".join(self.tokens[a:b]))  # type: ignore[arg-type]
        return line

    def lines(self, el: Any, skip: set[Any] | None = None) -> list[str]:
        """What :func:`_lines` says of ``el``: its text (and its tail) without the ``skip`` elements (their tails
        stay), one line per block."""
        start, own_end, end = self.spans[el]
        ranges: list[tuple[int, int]] = []
        pos = start
        if skip and el in skip:
            pos = own_end
        elif skip:
            for k_start, k_own_end, _ in sorted(self.spans[k] for k in skip if k in self.spans):
                if start <= k_start < end and k_start >= pos:
                    ranges.append((pos, k_start))
                    pos = k_own_end
        ranges.append((pos, end))
        out: list[str] = []
        buf: list[str] = []

        def flush() -> None:
            line = _line("".join(buf))
            buf.clear()
            if line:
                out.append(line)

        tokens, breaks = self.tokens, self.breaks
        for a, b in ranges:
            i, j = bisect_left(breaks, a), bisect_left(breaks, b)
            if i == j:  # no break inside: all text
                buf.extend(tokens[a:b])  # type: ignore[arg-type]
                continue
            buf.extend(tokens[a : breaks[i]])  # type: ignore[arg-type]
            flush()
            for k in range(i, j - 1):
                if line := self._line_after(k):
                    out.append(line)
            buf.extend(tokens[breaks[j - 1] + 1 : b])  # type: ignore[arg-type]
        flush()
        return _join_markers(out)


def _line(raw: str) -> str:
    return normalize_inline(_CONS_MARKER.sub("", raw))


def _lines(el: Any, *, skip: set[Any] | None = None, page: _PageText | None = None) -> list[str]:
    """Text of ``el`` as a list of lines: one per block (p, div, row…); table cells of one row share a line.
    ``page``: the walked page ``el`` belongs to (else ``el`` is walked now)."""
    if page is None or el not in page.spans:
        page = _PageText(el)
    return page.lines(el, skip)


def _join_markers(lines: list[str]) -> list[str]:
    """Points are laid out as two cells ("(a)" | text): put the marker back in front of its text."""
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            line = f"{pending} {line}"
            pending = None
        if _POINT_MARK.match(line) or _POINT_MARK_LOOSE.match(line):
            pending = line
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _text(el: Any, *, skip: set[Any] | None = None, page: _PageText | None = None) -> str:
    return normalize_text("\n\n".join(_lines(el, skip=skip, page=page)))


def _inline(el: Any | None, page: _PageText | None = None) -> str:
    return normalize_inline(" ".join(_lines(el, page=page))) if el is not None else ""


def _first(el: Any, xpath: str) -> Any | None:
    found = el.xpath(xpath)
    return found[0] if found else None


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def sentence_case_act_heading(line: str) -> str:
    """'REGULATION (EU) 2024/1689 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL'
    -> 'Regulation (EU) 2024/1689 of the European Parliament and of the Council' (the form Cellar titles use)."""
    if line != line.upper():
        return line
    out = line.lower()
    out = out[:1].upper() + out[1:]
    out = re.sub(r"\((eu|ec|eec|euratom|eu, euratom)\)", lambda m: "(" + _QUALIFIER[m.group(1)] + ")", out)
    out = re.sub(r"\bno\b(?=\s*\d)", "No", out)
    for name in ("European Parliament", "Council", "European Union", "Commission", "European Central Bank"):
        out = re.sub(rf"\b{name.lower()}\b", name, out)
    return out


_QUALIFIER = {"eu": "EU", "ec": "EC", "eec": "EEC", "euratom": "Euratom", "eu, euratom": "EU, Euratom"}


def _act_number(heading: str) -> tuple[str, str, str] | None:
    """('REGULATION', '2024', '1689') from the first title line."""
    m = _ACT_NUMBER.match(heading.strip())
    return (m.group(1).upper(), m.group(3), m.group(4)) if m else None


def _celex_from_url(url: str) -> str | None:
    m = _CELEX_IN_URL.search(url)
    return normalize_celex(unquote(m.group(1))) if m else None


def _parse_html(body: bytes, url: str) -> Any | ParseFailure:
    """The page's root, or one ParseFailure for a WAF challenge page or a page that is not HTML."""
    if is_waf_challenge(body):
        return waf_failure(url)
    body = _SCRIPT.sub(b"", body)
    try:
        return lxml.html.document_fromstring(body, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        return ParseFailure(url=url, reason=f"The page could not be read as HTML: {exc}")


def _aliases(title_first_line: str, short_title: str | None, number: tuple[str, str, str] | None) -> list[str]:
    aliases: list[str] = []
    if number:
        kind, year, num = number
        aliases.append(f"{year}/{int(num)}")
        m = _ACT_NUMBER.match(title_first_line.strip())
        if m and m.group(2):
            aliases.append(f"{kind.capitalize()} ({_QUALIFIER[m.group(2).lower()]}) {year}/{int(num)}")
        else:
            aliases.append(f"{kind.capitalize()} {year}/{int(num)}")
    if short_title:
        aliases.append(short_title)
    return list(dict.fromkeys(aliases))


def _short_title(title: str) -> str | None:
    """'… (Artificial Intelligence Act) (Text with EEA relevance)' -> 'Artificial Intelligence Act'."""
    found = [t for t in _SHORT_TITLE.findall(title) if "EEA relevance" not in t]
    return normalize_inline(found[-1]) if found else None


# ----------------------------------------------------------------------------------------------- provisions


class _Provisions:
    """Collects provisions in document order with stable, path-like keys."""

    def __init__(self) -> None:
        self.items: list[Provision] = []
        self.keys: set[str] = set()

    def add(self, prov: Provision) -> None:
        key, n = prov.key, 2
        while prov.key in self.keys:  # never two provisions with one key (a repeated point letter, a typo in ids)
            prov.key = f"{key}~{n}"
            n += 1
        self.keys.add(prov.key)
        self.items.append(prov)


def _point_marker(row_or_grid: Any, *, grid: bool, page: _PageText) -> str | None:
    if grid:
        col = _first(row_or_grid, f"./div[{_cls('grid-list-column-1')}]")
        cell_text = _inline(col, page) if col is not None else ""
    else:
        cells = row_or_grid.xpath("./tbody/tr[1]/td | ./tr[1]/td")
        cell_text = ""
        for cell in cells:
            cell_text = _inline(cell, page)
            if cell_text:
                break
    m = _POINT_MARK.match(cell_text.strip())
    if not m:
        return None
    return m.group(1) or m.group(2)


def _points(container: Any, parent_key: str, parent_label: str, provs: _Provisions, page: _PageText) -> None:
    """First-level points of a paragraph or article: OJ tables or consolidated grid lists, direct children only."""
    candidates = container.xpath(
        f"./table | ./div[{_cls('grid-list')}] | ./div[{_cls('inline-element')}]/div[{_cls('grid-list')}]"
    )
    for node in candidates:
        marker = _point_marker(node, grid=node.tag != "table", page=page)
        if not marker:
            continue
        provs.add(
            Provision(
                key=f"{parent_key}.pt_{marker}",
                kind="point",
                number=marker,
                label=f"{parent_label}, point ({marker})",
                text=_text(node, page=page),
                parent=parent_key,
            )
        )


def _article(el: Any, parent: str | None, provs: _Provisions, page: _PageText) -> None:
    key = el.get("id")
    number = key.split("_", 1)[1]
    label_el = _first(el, f"./p[{_cls('oj-ti-art')} or {_cls('title-article-norm')}]")
    title_el = _first(el, "./div[contains(@id, '.tit_')]")
    heading_el = _first(el, f".//p[{_cls('oj-sti-art')} or {_cls('stitle-article-norm')}]")
    label = _inline(label_el, page) or f"Article {number}"
    skip = {x for x in (label_el, title_el) if x is not None}
    provs.add(
        Provision(
            key=key,
            kind="article",
            number=number,
            label=label,
            heading=_inline(heading_el, page) or None,
            text=_text(el, skip=skip, page=page),
            parent=parent,
        )
    )
    # paragraphs: OJ layout <div id="005.001">, consolidated layout <div class="norm"><span class="no-parag">1.
    paragraphs: list[tuple[str, Any]] = []
    for div in el.xpath("./div"):
        m = _PARA_ID.match(div.get("id") or "")
        if m:
            paragraphs.append((str(int(m.group(2))), div))
            continue
        if "norm" in _classes(div):
            mark = _first(div, f"./span[{_cls('no-parag')}]")
            num = re.match(r"^(\d+[a-z]?)\.?$", _inline(mark, page)) if mark is not None else None
            if num:
                paragraphs.append((num.group(1), div))
    for par_no, div in paragraphs:
        par_key = f"{key}.par_{par_no}"
        par_label = f"{label}({par_no})"
        provs.add(
            Provision(
                key=par_key, kind="paragraph", number=par_no, label=par_label, text=_text(div, page=page), parent=key
            )
        )
        _points(div, par_key, par_label, provs, page)
    if not paragraphs:
        _points(el, key, label, provs, page)


def _division(el: Any, kind: str, parent: str | None, provs: _Provisions, page: _PageText) -> None:
    """A chapter / section / title: label and heading only (the articles below carry the text)."""
    key = el.get("id")
    label_el = _first(el, f"./p[{_cls('oj-ti-section-1')} or {_cls('title-division-1')}]")
    heading_el = _first(el, f"./div[contains(@id, '.tit_')]//p | ./p[{_cls('title-division-2')}]")
    number = key.rsplit("_", 1)[-1]
    label = _inline(label_el, page) or f"{kind.capitalize()} {number}"
    provs.add(
        Provision(
            key=key, kind=kind, number=number, label=label, heading=_inline(heading_el, page) or None, parent=parent
        )
    )


_DIVISION_KINDS = {"cpt": "chapter", "sct": "section", "tis": "title", "prt": "part", "sbs": "subsection"}


def _walk_structure(el: Any, parent: str | None, provs: _Provisions, page: _PageText) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        ident = child.get("id") or ""
        last = ident.rsplit(".", 1)[-1]
        prefix = last.split("_", 1)[0]
        if re.fullmatch(r"art_\d+[a-z]*", ident):
            _article(child, parent, provs, page)
        elif prefix in _DIVISION_KINDS and re.fullmatch(r"[a-z]{3}_[0-9IVXLC]+[a-z]?", last) and ".tit_" not in ident:
            _division(child, _DIVISION_KINDS[prefix], parent, provs, page)
            _walk_structure(child, ident, provs, page)
        elif re.fullmatch(r"(cit|rct)_\d+", ident):
            kind = "citation" if ident.startswith("cit") else "recital"
            number = ident.split("_", 1)[1]
            provs.add(
                Provision(
                    key=ident,
                    kind=kind,
                    number=number,
                    label=f"Recital ({number})" if kind == "recital" else f"Citation {number}",
                    text=_text(child, page=page),
                )
            )
        else:
            _walk_structure(child, parent, provs, page)


def _annexes(root: Any, provs: _Provisions, page: _PageText) -> None:
    containers = root.xpath(f"//div[{_cls('eli-container')}]")
    n = 0
    for box in containers:
        ident = box.get("id") or ""
        heads = box.xpath(f"./p[{_cls('oj-doc-ti')} or {_cls('title-annex-1')}]")
        first = _inline(heads[0], page) if heads else ""
        if not (ident.startswith("anx_") or first.upper().startswith("ANNEX")):
            continue
        n += 1
        if not ident.startswith("anx_"):
            m = re.match(r"^ANNEX\s+([IVXLC]+|\d+)\b", first, re.I)
            ident = f"anx_{m.group(1).upper() if m else n}"
        heading = _inline(heads[1], page) if len(heads) > 1 else None
        skip = set(heads[:2])
        provs.add(
            Provision(
                key=ident,
                kind="annex",
                number=ident.split("_", 1)[1],
                label=first or f"Annex {ident[4:]}",
                heading=heading,
                text=_text(box, skip=skip, page=page),
            )
        )


def _provisions(root: Any, page: _PageText | None = None) -> list[Provision]:
    page = page if page is not None and root in page.spans else _PageText(root)
    provs = _Provisions()
    body = root.find("body")
    main = _first(body, f".//div[{_cls('eli-container')}]") if body is not None else None
    if main is not None:
        _walk_structure(main, None, provs, page)
    _annexes(root, provs, page)
    return provs.items


# ------------------------------------------------------------------------------------------------ the parsers


def _full_text(body: Any, page: _PageText | None = None) -> str:
    """The whole act: everything from the first eli-container on (the OJ page header tables are left out)."""
    started = False
    lines: list[str] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if (
            not started
            and child.tag == "div"
            and ("eli-container" in _classes(child) or child.xpath(f".//div[{_cls('eli-container')}]"))
        ):
            started = True
        if started:
            lines.extend(_lines(child, page=page))
    return normalize_text("\n\n".join(lines))


def parse_oj_act(body: bytes, *, url: str, celex: str | None = None, **kw: Any) -> Iterator[Item]:
    """Official Journal XHTML of an act (EUR-Lex ``/TXT/HTML/?uri=CELEX:…`` or the Cellar xhtml manifestation)
    -> DocumentItem + VersionItem(kind ORIGINAL) with its provisions.

    ``celex`` (from the request meta) names the act; without it the CELEX number is read from the URL or
    derived from the act's number in its title.
    """
    root = _parse_html(body, url)
    if isinstance(root, ParseFailure):
        yield root
        return
    page = _PageText(root)
    title_lines = [_inline(p, page) for p in root.xpath(f"//div[{_cls('eli-main-title')}]/p[{_cls('oj-doc-ti')}]")]
    title_lines = [t for t in title_lines if t]
    if not title_lines:
        yield ParseFailure(
            url=url, reason="The page is not an Official Journal act: no document title (oj-doc-ti) found"
        )
        return
    number = _act_number(title_lines[0])
    celex = _resolve_celex(celex, url, number)
    if celex is None:
        yield ParseFailure(
            url=url, reason="Could not tell which act this is: no CELEX number in the request or the page"
        )
        return
    title = normalize_inline(" ".join([sentence_case_act_heading(title_lines[0]), *title_lines[1:]]))
    act_date = next(
        (d for t in title_lines[1:3] if t.lower().startswith("of ") and (d := parse_date(t[3:], language="en"))), None
    )

    def hd(cls: str) -> str:
        return _inline(_first(root, f"//p[{_cls(cls)}]"), page)

    language = (hd("oj-hd-lg") or "EN").lower()
    oj_date = parse_date(hd("oj-hd-date"))
    uniq, oj_ref, coll = hd("oj-hd-uniq"), hd("oj-hd-oj"), hd("oj-hd-coll")
    date_txt = hd("oj-hd-date").strip()
    if uniq:  # act-by-act Official Journal (since October 2023): "OJ L 2024/1689, 12.7.2024"
        series = (coll.split()[0] if coll else "L").upper()
        label = f"OJ {series} {uniq}, {date_txt}"
    elif oj_ref:  # issue/page Official Journal: "L 277/1" -> "OJ L 277, 27.10.2022, p. 1"
        m = re.match(r"^([A-Z]+)\s*(\d+[A-Z]?)/(\d+)$", oj_ref)
        label = f"OJ {m.group(1)} {m.group(2)}, {date_txt}, p. {m.group(3)}" if m else f"OJ {oj_ref}, {date_txt}"
    else:
        label = f"Official Journal text {celex}"
    doc_id = celex_doc_id(celex)
    # The OJ reference stays in the version label: the notice gives the Cellar OJ id ("L_202401689") under
    # identifiers["oj"], and the two parsers must not overwrite each other's identifiers with other forms.
    identifiers = {"celex": celex}
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction=Jurisdiction.EU.value,
        doc_type=_DOC_TYPE_WORD.get(number[0], DocType.OTHER) if number else DocType.OTHER,
        title=title,
        language="en" if language == "en" else language,
        identifiers=identifiers,
        aliases=_aliases(title_lines[0], _short_title(title), number),
        date_adopted=act_date,
        date_published=oj_date,
        url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}",
    )
    body_el = root.find("body")
    yield VersionItem(
        doc_id=doc_id,
        label=label,
        kind=VersionKind.ORIGINAL,
        date=oj_date,
        language=language,
        text=_full_text(body_el, page) if body_el is not None else "",
        provisions=_provisions(root, page),
        source_url=url,
        fetched_at=kw.get("fetched_at"),
    )


def _resolve_celex(celex: str | None, url: str, number: tuple[str, str, str] | None) -> str | None:
    if celex and (c := normalize_celex(celex)):
        return c
    if c := _celex_from_url(url):
        return c
    if number:
        kind, year, num = number
        return f"3{year}{_CELEX_TYPE_LETTER[kind]}{int(num):04d}"
    return None


_REFERENCE = re.compile(r"^\s*(0\d{4}[A-Z]{1,2}\d{4})\s*[—–-]\s*([A-Z]{2})\s*[—–-]\s*(\d{1,2}\.\d{1,2}\.\d{4})")


def parse_consolidated(body: bytes, *, url: str, celex: str | None = None, **kw: Any) -> Iterator[Item]:
    """Consolidated text (Cellar XHTML, ``clg.css``) -> DocumentItem of the base act + VersionItem(kind CONSOLIDATED).

    The version belongs to the base act (``eu/celex/32016R0679``), dated by the consolidation date in the
    ``p.reference`` line ("02016R0679 — EN — 04.05.2016 — 000.002") and labelled by its consolidated CELEX.
    """
    root = _parse_html(body, url)
    if isinstance(root, ParseFailure):
        yield root
        return
    page = _PageText(root)
    ref = _inline(_first(root, f"//p[{_cls('reference')}]"), page)
    m = _REFERENCE.match(ref)
    if not m:
        yield ParseFailure(
            url=url, reason="The page is not a consolidated text: no 'reference' line (CELEX — language — date) found"
        )
        return
    base_cons, lang, date_txt = m.groups()
    cons_date = parse_date(date_txt)
    if cons_date is None:
        yield ParseFailure(url=url, reason=f"The consolidated text's date {date_txt!r} could not be read")
        return
    cons_celex = f"{base_cons}-{cons_date:%Y%m%d}"
    if celex and (given := normalize_celex(celex)) and given.startswith("0") and given != cons_celex:
        logger.warning("%s: requested %s but the page is %s", url, given, cons_celex)
    base_celex = "3" + base_cons[1:]
    doc_id = celex_doc_id(base_celex)
    title_lines = [
        _inline(p, page) for p in root.xpath(f"//div[{_cls('eli-main-title')}]/p[{_cls('title-doc-first')}]")
    ]
    title_lines = [t for t in title_lines if t]
    last = _inline(_first(root, f"//div[{_cls('eli-main-title')}]/p[{_cls('title-doc-last')}]"), page)
    if last:
        title_lines.append(last)
    provisions = _provisions(root, page)
    if not title_lines:
        yield ParseFailure(url=url, reason="The consolidated text has no title (title-doc-first) to name the act")
        return
    number = _act_number(title_lines[0])
    title = normalize_inline(" ".join([sentence_case_act_heading(title_lines[0]), *title_lines[1:]]))
    act_date = next(
        (d for t in title_lines[1:3] if t.lower().startswith("of ") and (d := parse_date(t[3:], language="en"))), None
    )
    oj_ref = _inline(_first(root, f"//p[{_cls('title-doc-oj-reference')}]"), page)  # "(OJ L 119 4.5.2016, p. 1)"
    oj_date = None
    if oj_ref and (mo := re.search(r"(\d{1,2}\.\d{1,2}\.\d{4})", oj_ref)):
        oj_date = parse_date(mo.group(1))
    identifiers = {"celex": base_celex}
    modifiers = []
    for a in root.xpath(f"//p[{_cls('title-fam-member')}]/a | //p[{_cls('arrow')}]/a"):
        target = normalize_celex(a.get("title") or "")
        if target and target != base_celex and target not in modifiers:
            modifiers.append(target)
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction=Jurisdiction.EU.value,
        doc_type=_DOC_TYPE_WORD.get(number[0], DocType.OTHER) if number else DocType.OTHER,
        title=title,
        language="en",
        identifiers=identifiers,
        aliases=_aliases(title_lines[0], _short_title(title), number),
        date_adopted=act_date,
        date_published=oj_date,
        url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{base_celex}",
        extra={"oj_reference": oj_ref.strip("() ")} if oj_ref else {},
    )
    disclaimer = _inline(_first(root, f"//p[{_cls('disclaimer')}]"), page)
    notes = [disclaimer] if disclaimer else []
    if modifiers:
        notes.append("Consolidates: " + ", ".join(modifiers))
    body_el = root.find("body")
    yield VersionItem(
        doc_id=doc_id,
        label=f"Consolidated text {cons_celex}",
        kind=VersionKind.CONSOLIDATED,
        date=cons_date,
        language=lang.lower(),
        text=_full_text(body_el, page) if body_el is not None else "",
        provisions=provisions,
        source_url=url,
        fetched_at=kw.get("fetched_at"),
        notes=notes,
    )


__all__ = ["parse_consolidated", "parse_oj_act", "sentence_case_act_heading"]
