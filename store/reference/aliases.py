"""The curated aliases of acts (``aliases.toml``) and their copy in the store's ``document_alias`` table.

:func:`sync` makes the table's curated rows those of the file (users' rows are left alone) and returns the
documents whose aliases changed. The indexer runs it at the start of every run and indexes those documents then,
so the sync writes nothing to the change log; it returns at once when the file's version is the one already
copied. A user's alias (``ailaw alias add``) is a change of its document in the change log.

>>> entries = curated()
>>> any(e.alias == "GDPR" and e.document == "eu/celex/32016R0679" for e in entries)
True
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from sqlmodel import Session, select

from store.crud import delete_alias, get_cursor, set_cursor, upsert_alias
from store.models import DocumentAlias
from store.vocab import Outcome

# Read through the package loader, so a zipped Scrapyd egg reads it too.
DATA: Traversable = files(__package__) / "aliases.toml"
CURSOR = "store.aliases"  # the version of aliases.toml last copied into the table
KINDS = ("popular-name", "abbreviation", "short-title")


@dataclass(frozen=True)
class CuratedAlias:
    document: str
    alias: str
    language: str | None
    kind: str
    source: str


@functools.cache
def _load(path: Traversable = DATA) -> tuple[int, tuple[CuratedAlias, ...]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for entry in raw.get("alias") or []:
        kind = entry.get("kind", "popular-name")
        if kind not in KINDS or not entry.get("source") or not entry.get("alias") or not entry.get("document"):
            raise ValueError(f"aliases.toml: the entry {entry!r} needs a document, an alias, a kind and a source")
        out.append(CuratedAlias(entry["document"], entry["alias"], entry.get("language"), kind, entry["source"]))
    return int(raw.get("version", 0)), tuple(out)


def curated() -> tuple[CuratedAlias, ...]:
    """The curated aliases of ``aliases.toml``."""
    return _load()[1]


def version() -> int:
    return _load()[0]


def sync(*, session: Session, force: bool = False, log: bool = True) -> set[str]:
    """Copy ``aliases.toml`` into the ``document_alias`` table; returns the ids of the documents whose aliases
    changed. Each change is logged as a change of its document, so the next ``ailaw index`` indexes it (``ailaw
    alias list`` syncs too); the indexer, which indexes those documents at once, passes ``log=False``."""
    file_version, entries = _load()
    if not force and get_cursor(session=session, name=CURSOR) == file_version:
        return set()
    changed: set[str] = set()
    wanted = {(e.document, " ".join(e.alias.split())) for e in entries}
    for e in entries:
        outcome = upsert_alias(session=session, document_id=e.document, alias=e.alias, source=e.source,
                               language=e.language, kind=e.kind, origin="curated", log=log)  # fmt: skip
        if outcome != Outcome.NOOP:
            changed.add(e.document)
    for row in session.exec(select(DocumentAlias).where(DocumentAlias.origin == "curated")).all():
        if (row.document_id, row.alias) not in wanted and delete_alias(
            session=session, document_id=row.document_id, alias=row.alias, log=log
        ):
            changed.add(row.document_id)
    set_cursor(session=session, name=CURSOR, value=file_version)
    session.flush()
    return changed
