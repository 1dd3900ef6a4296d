"""Texts whose provision numbers are not official (``numbering.toml``), and the official numbers that are known.

A PDF extract of the 2024 National AI Strategy numbers its points 1–50 in its own sequence, while the official
text keeps the 2019 numbers and inserts new points with decimal numbers (51.14). Such a text is listed here by
document id and text SHA-256; :func:`numbering_for` tells the indexer and the UI whether a version's numbers may
be cited, and which official number a provision has when it is known.

>>> n = numbering_for("ru/pravo/0001201910110003", "d980ed5350a8cd22e58d820bdf2f7b8ff8edc5f6dd813852057d8885adaf1a40")
>>> n.official_number("p_41"), n.official_number("p_12"), n.official
('51.14', None, False)
>>> numbering_for("eu/celex/32024R1689", "0" * 64).official
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

# Read through the package loader, so a zipped Scrapyd egg reads it too.
DATA: Traversable = files(__package__) / "numbering.toml"


@dataclass(frozen=True)
class Numbering:
    """How a text's provision numbers relate to the official ones. ``official``: the text's own numbers are."""

    official: bool = True
    mapped: dict[str, str] = field(default_factory=dict)  # provision key in the text -> official number
    note: str | None = None
    sources: tuple[str, ...] = ()

    def official_number(self, key: str) -> str | None:
        """The official number of the provision ``key`` when this text's own number is not official and it is known."""
        return self.mapped.get(key)


OFFICIAL = Numbering()


@functools.cache
def _entries(path: Traversable = DATA) -> dict[tuple[str, str], Numbering]:
    import tomllib  # here: a process that cites no renumbered text never parses TOML

    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[tuple[str, str], Numbering] = {}
    for entry in raw.get("text") or []:
        out[(entry["document"], entry["sha256"].lower())] = Numbering(
            official=False,
            mapped={str(k): str(v) for k, v in (entry.get("official") or {}).items()},
            note=" ".join(str(entry.get("note") or "").split()) or None,
            sources=tuple(entry.get("sources") or ()),
        )
    return out


def numbering_for(document_id: str, sha256: str | None) -> Numbering:
    """The numbering of the text ``sha256`` of ``document_id``: official unless listed in ``numbering.toml``."""
    if not sha256:
        return OFFICIAL
    return _entries().get((document_id, sha256.lower()), OFFICIAL)


def listed_texts() -> list[tuple[str, str]]:
    """(document id, sha256) of every listed text (tests check that each still names a stored text)."""
    return sorted(_entries())
