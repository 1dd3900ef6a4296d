"""What every splitter shares: the provision being collected, and the signature a splitter has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from store.items import Provision
from store.normalize import normalize_inline


class Splitter(Protocol):
    """Text -> provisions in reading order. ``wrapped``: the text is hard-wrapped (a PDF extract), so lines are
    not paragraphs; ``language``: the text's language code, when known."""

    def __call__(self, text: str, *, wrapped: bool = False, language: str | None = None) -> list[Provision]: ...


@dataclass
class OpenProvision:
    """A provision while a splitter is still collecting its lines."""

    key: str
    kind: str
    number: str | None
    label: str | None
    heading: str | None
    parent: str | None
    lines: list[str] = field(default_factory=list)

    def provision(self, wrapped: bool = False) -> Provision:
        return Provision(key=self.key, kind=self.kind, number=self.number, label=self.label, heading=self.heading,
                         text="\n".join(self.lines).strip(), parent=self.parent)  # fmt: skip


def unique_keys(provisions: list[Provision]) -> list[Provision]:
    """Keys made unique in reading order (a text that numbers two provisions alike keeps both: ``art_4``, ``art_4~2``);
    children follow their renamed parent."""
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for p in provisions:
        if p.parent in renamed:
            p.parent = renamed[p.parent]
            p.key = p.parent + p.key[p.key.rfind(".") :] if "." in p.key else p.key
        if p.key in seen:
            seen[p.key] += 1
            new = f"{p.key}~{seen[p.key]}"
            renamed[p.key] = new
            p.key = new
        else:
            seen[p.key] = 1
    return provisions


# --- shared by the splitters of structured XML (texts.kr, texts.jp, texts.uk, texts.ca) and by the parsers ------


def squash(raw: str | None) -> str:
    """One line: whitespace runs collapsed (titles, headings, labels)."""
    return normalize_inline(raw or "")


def text_of(el: Any | None) -> str:
    """All the text of an XML element (CDATA included)."""
    return "".join(el.itertext()) if el is not None else ""


def local_name(el: Any) -> str:
    """An element's tag without its namespace."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


# --- shared by the line splitters of laws numbered article by article (texts.kr, texts.jp) ----------------------


def add_item(nodes: list[OpenProvision], line: str, *, article: OpenProvision, paragraph: OpenProvision | None,
             number: str, label: str | None) -> None:  # fmt: skip
    """An item (호, 号) of the current paragraph, or of the article when it has none; its line belongs to both."""
    holder = paragraph or article
    nodes.append(OpenProvision(f"{holder.key}.item_{number}", "point", number, label, None, holder.key, [line]))
    article.lines.append(line)
    if paragraph is not None:
        paragraph.lines.append(line)


def add_line(nodes: list[OpenProvision], line: str, *, current: OpenProvision | None, article: OpenProvision | None,
             paragraph: OpenProvision | None) -> OpenProvision:  # fmt: skip
    """A line that starts no unit continues the current one (and the article that holds the current paragraph); in
    a text without units so far it opens a ``text`` node. Returns the node it went to."""
    if current is None:
        current = OpenProvision("txt_1", "text", None, None, None, None, [line])
        nodes.append(current)
        return current
    current.lines.append(line)
    if current is paragraph and article is not None:
        article.lines.append(line)
    return current
