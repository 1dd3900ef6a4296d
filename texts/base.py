"""What every splitter shares: the provision being collected, and the signature a splitter has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from store.items import Provision


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
