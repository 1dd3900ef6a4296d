"""The Russian splitter: a Russian legal text -> provisions (раздел, глава, статья, часть, пункт, подпункт). The one
used for every Russian text, crawled (editions, bill attachments, IPS pages) or imported.

Two kinds of input:

- **paragraph text** (one paragraph per line, e.g. ЕБПИ edition HTML turned into text): every line is either the
  start of a unit or an абзац that belongs to the unit before it (kept as its own line in that unit's text);
- **hard-wrapped text** (a PDF extract: line breaks every ~100 characters, blank lines at page breaks, even in
  the middle of a sentence): lines are first joined into paragraphs. A line starts a new unit only when it looks
  like the *next* unit in sequence — «27.» after «26.», «к)» after «и)» — so a wrapped line that happens to begin
  with a year («2030 годы") or a number inside a sentence («26 настоящей Стратегии») is not a false start.

Keys are path-like and stable: ``sec_I``, ``ch_2``, ``art_60.1``, ``art_5.par_2``, ``art_5.par_2.pt_3``,
``p_5`` (пункт of a text without articles, e.g. a Strategy), ``p_5.к`` (подпункт «к)» of пункт 5 — the letter
is kept in Cyrillic as the text writes it). Superscript article numbers («Статья 60¹») become ``60.1``.
"""

from __future__ import annotations

import re

from store.items import Provision
from texts.base import OpenProvision

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_RUN = re.compile(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")

# Letters used for подпункты, in order: Russian drafting skips ё, й, ъ, ы, ь.
_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"

_ROMAN = re.compile(r"^(?:(?:Раздел|РАЗДЕЛ)\s+([IVXLC]+)\.?|([IVXLC]+)\.)\s+(\S.*)$")
_CHAPTER = re.compile(r"^(?:Глава|ГЛАВА)\s+(\d+[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\.\d+)?)\.?\s*(.*)$")
_ARTICLE = re.compile(r"^(?:Статья|СТАТЬЯ)\s+(\d+[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\.\d+)?)\.?\s*(.*)$")
_NUM_DOT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.\s+(\S.*)$")  # «5. Для целей…», «2.1. …»
_NUM_PAREN = re.compile(r"^(\d{1,3}(?:\.\d{1,3})?)\)\s+(\S.*)$")  # «1) …», «1.1) …»
_LETTER_PAREN = re.compile(r"^([а-яё])(?:\.(\d{1,2}))?\)\s+(\S.*)$")  # «а) …», «а.1) …»
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def superscript_number(raw: str) -> str:
    """'60¹' -> '60.1', '12.2' -> '12.2', '7' -> '7'.

    >>> superscript_number("60¹")
    '60.1'
    >>> superscript_number("15²³")
    '15.23'
    """
    return _SUP_RUN.sub(lambda m: f"{m.group(1)}.{m.group(2).translate(_SUPERSCRIPT)}", raw)


def roman_to_int(raw: str) -> int | None:
    """'IV' -> 4; None for anything that is not a roman numeral.

    >>> roman_to_int("XIV")
    14
    """
    if not raw or any(c not in _ROMAN_VALUES for c in raw):
        return None
    total = 0
    for i, c in enumerate(raw):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(raw) and _ROMAN_VALUES[raw[i + 1]] > v else v
    return total


_TERMINAL = re.compile(r"[.;:!?][\"»)\s]*$")


def _looks_like_start(line: str) -> bool:
    return bool(
        _ROMAN.match(line)
        or _CHAPTER.match(line)
        or _ARTICLE.match(line)
        or _NUM_DOT.match(line)
        or _NUM_PAREN.match(line)
        or _LETTER_PAREN.match(line)
    )


def _glue(previous: str, line: str) -> str:
    """Join a wrapped line to the paragraph it continues.

    A line ending in a hyphen right after a letter or digit is a compound split at the hyphen («научно-» +
    «технической», «№ 172-» + «ФЗ»): keep the hyphen, no space. A free-standing dash («2017 - » + «2030») keeps
    its spaces.
    """
    if re.search(r"[\w][-‐]$", previous):
        return previous + line
    return f"{previous} {line}"


def join_wrapped_lines(text: str) -> list[str]:
    r"""Paragraphs of a hard-wrapped text (a PDF extract).

    Blank lines are page breaks, not paragraph ends (they fall mid-sentence). A line opens a new paragraph when
    it looks like the start of a unit («5.», «к)», «III.», «Статья 5») or when the paragraph before ended a
    sentence and the line starts with a capital (an абзац or a sub-heading). Whether a «5.» really is the next
    пункт is decided later, by :func:`split_ru`.

    >>> join_wrapped_lines("1. Слова и\n\nслова научно-\nтехнические 2017 - \n2030 годы.\nЗаголовок\n2. Ещё")
    ['1. Слова и слова научно-технические 2017 - 2030 годы.', 'Заголовок', '2. Ещё']
    """
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        new_paragraph = not out or _looks_like_start(line)
        if not new_paragraph and _TERMINAL.search(out[-1]) and (line[:1].isupper() or line[:1] in '«"'):
            new_paragraph = True
        if new_paragraph:
            out.append(line)
        else:
            out[-1] = _glue(out[-1], line)
    return out


class _Node(OpenProvision):
    def provision(self, wrapped: bool = False) -> Provision:
        text = self.lines[0] if self.lines else ""
        for line in self.lines[1:]:
            # a wrapped paragraph that was not accepted as a unit start continues the sentence before it
            text = _glue(text, line) if wrapped and not _TERMINAL.search(text) else f"{text}\n{line}"
        heading = self.heading
        if self.kind == "section":
            heading = re.sub(r"^(?:(?:Раздел|РАЗДЕЛ)\s+)?[IVXLC]+\.?\s+", "", text, count=1).split("\n")[0]
        return Provision(
            key=self.key,
            kind=self.kind,
            number=self.number,
            label=self.label,
            heading=heading,
            text=text,
            parent=self.parent,
        )


def _next_letter(prev: str | None) -> str:
    if prev is None:
        return _LETTERS[0]
    i = _LETTERS.find(prev)
    return _LETTERS[i + 1] if 0 <= i < len(_LETTERS) - 1 else ""


def _is_next_number(number: str, last: str | None) -> bool:
    """'27' after '26'; '2.1' after '2' or '2.1' -> '2.2'; '1' when nothing came before (or a restart at 1)."""
    parts = [int(p) for p in number.split(".")]
    if last is None:
        return parts[0] in (1, 0) or len(parts) == 1 and parts[0] <= 2
    prev = [int(p) for p in last.split(".")]
    if len(parts) == 1:
        return parts[0] == prev[0] + 1
    # an inserted unit «2.1» after «2» (or «2.2» after «2.1»)
    return parts[0] == prev[0] and (len(prev) == 1 and parts[1] == 1 or len(prev) > 1 and parts[1] == prev[1] + 1)


def split_ru(text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]:
    """Split Russian legal text into provisions, in document order.

    ``wrapped=True`` for hard-wrapped text (PDF extracts): lines are joined into paragraphs first.

    >>> [p.key for p in split_ru("I. Общие положения\\n1. Текст:\\nа) первое;\\nб) второе.\\n2. Ещё.")]
    ['sec_I', 'p_1', 'p_1.а', 'p_1.б', 'p_2']
    >>> [p.key for p in split_ru("Статья 60¹. Заголовок\\n1. Часть:\\n1) пункт;\\nа) подпункт.")]
    ['art_60.1', 'art_60.1.par_1', 'art_60.1.par_1.pt_1', 'art_60.1.par_1.pt_1.а']
    """
    lines = join_wrapped_lines(text) if wrapped else [ln.strip() for ln in text.split("\n") if ln.strip()]
    nodes: list[_Node] = []
    current: _Node | None = None

    # context: the innermost open container of each level
    section: _Node | None = None
    chapter: _Node | None = None
    article: _Node | None = None
    numbered: _Node | None = None  # пункт (no articles) or часть (inside an article)
    item: _Node | None = None  # «1)» пункт inside a часть/пункт
    last_roman = 0
    last_numbered: str | None = None
    last_item: str | None = None
    last_letter: str | None = None
    restart_ok = True  # numbering of пункты may restart at 1 in a new раздел/глава
    headings = 0

    def open_node(node: _Node) -> _Node:
        nonlocal current
        nodes.append(node)
        current = node
        return node

    def letter_parent() -> _Node | None:
        return item or numbered or article

    for index, line in enumerate(lines):
        # --- раздел (roman numeral), next in sequence only
        m = _ROMAN.match(line)
        roman = m and (m.group(1) or m.group(2))
        if m and roman and roman_to_int(roman) == last_roman + 1 and m.group(3)[:1].isupper():
            last_roman += 1
            section = open_node(_Node(f"sec_{roman}", "section", roman, f"{roman}.", m.group(3), None))
            section.lines.append(line)
            chapter = article = numbered = item = None
            last_item = last_letter = None
            restart_ok = True
            continue
        # --- глава
        m = _CHAPTER.match(line)
        if m:
            num = superscript_number(m.group(1))
            parent = section.key if section else None
            chapter = open_node(_Node(f"ch_{num}", "chapter", num, f"Глава {m.group(1)}", m.group(2) or None, parent))
            chapter.lines.append(line)
            article = numbered = item = None
            restart_ok = True
            continue
        # --- статья
        m = _ARTICLE.match(line)
        if m:
            num = superscript_number(m.group(1))
            container = chapter or section
            parent = container.key if container else None
            article = open_node(_Node(f"art_{num}", "article", num, f"Статья {m.group(1)}", m.group(2) or None, parent))
            article.lines.append(line)
            numbered = item = None
            last_numbered = last_item = last_letter = None
            continue
        # --- часть (inside an article) / пункт (no articles): «N.»
        m = _NUM_DOT.match(line)
        in_sequence = m and (_is_next_number(m.group(1), last_numbered) or restart_ok and m.group(1) == "1")
        if m and in_sequence and (m.group(2)[:1].isupper() or m.group(2)[:1] in '«"('):
            num = m.group(1)
            if article is not None:
                key, kind, parent = f"{article.key}.par_{num}", "paragraph", article.key
            else:
                container = chapter or section
                key, kind, parent = f"p_{num}", "point", container.key if container else None
            numbered = open_node(_Node(key, kind, num, f"{num}.", None, parent))
            numbered.lines.append(line)
            last_numbered = num
            restart_ok = False
            item = None
            last_item = last_letter = None
            continue
        # --- пункт «N)» inside a часть or a пункт
        m = _NUM_PAREN.match(line)
        if m and _is_next_number(m.group(1), last_item):
            num = m.group(1)
            holder = numbered or article
            if holder is not None:
                item = open_node(_Node(f"{holder.key}.pt_{num}", "point", num, f"{num})", None, holder.key))
                item.lines.append(line)
                last_item = num
                last_letter = None
                continue
        # --- подпункт «а)», «а.1)»
        m = _LETTER_PAREN.match(line)
        if m:
            letter, sub = m.group(1), m.group(2)
            ok = (sub is None and letter == _next_letter(last_letter[0] if last_letter else None)) or (
                sub is not None and last_letter is not None and letter == last_letter[0]
            )
            holder = letter_parent()
            if ok and holder is not None:
                num = f"{letter}.{sub}" if sub else letter
                open_node(_Node(f"{holder.key}.{num}", "item", num, f"{num})", None, holder.key)).lines.append(line)
                last_letter = num
                continue
        # --- an unnumbered sub-heading between пункты («Повышение доступности инфраструктуры, …»): starts with a
        # capital, ends without punctuation, and the next paragraph opens a unit
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            line[:1].isupper()
            and not _TERMINAL.search(line)
            and _looks_like_start(next_line)
            and (current is None or _TERMINAL.search(current.lines[-1]))
            and (section or chapter) is not None
            and article is None
        ):
            headings += 1
            container = chapter or section
            assert container is not None
            node = open_node(_Node(f"{container.key}.h_{headings}", "text", None, None, line, container.key))
            node.lines.append(line)
            numbered = item = None
            last_item = last_letter = None
            continue
        # --- абзац / continuation of the unit before
        if current is None:
            current = open_node(_Node("intro", "text", None, None, None, None))
        current.lines.append(line)

    return [n.provision(wrapped) for n in nodes]
