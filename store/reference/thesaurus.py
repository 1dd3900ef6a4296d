"""The AI-law thesaurus: concepts, their labels per language, and how they relate (SKOS-like).

The data is ``thesaurus.toml`` beside this module; its format is documented in ``THESAURUS.md``. A concept has
an id, a ``relevance`` (``core``: it names AI itself and makes a document AI-related; ``adjacent``: recorded,
never decisive alone; ``context``: legal vocabulary used for concept search only), labels per language
(``pref``, ``alt``, ``abbr``, ``hidden``), ``broader`` and ``related`` concept ids, and the provisions that
define it (``defined_in``). Any ISO 639-1 key of a concept (``en``, ``ru``, ``fr``, ``zh``…) is a language.

>>> th = load()
>>> th.concepts["high-risk-ai-system"].pref("ru")
'система искусственного интеллекта высокого риска'
>>> "ai-system" in th.concepts["high-risk-ai-system"].broader
True
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import pickle
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from store.errors import AilawError

# Read through the package loader, so a zipped Scrapyd egg reads it too.
DATA: Traversable = files(__package__) / "thesaurus.toml"
RELEVANCE = ("core", "adjacent", "context")
LABEL_KINDS = ("pref", "alt", "abbr", "hidden")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2,4})?$")
_CONCEPT_KEYS = {"id", "relevance", "broader", "related", "defined_in", "note"}


_T = TypeVar("_T")


def kept_or_built(path: Path, build: Callable[[], _T], is_kept: Callable[[object], bool]) -> _T:
    """What ``path`` keeps (a pickle of data derived from the thesaurus, named by a digest of what it depends on),
    or ``build()`` kept there for the next process. A missing, damaged or foreign file (``is_kept`` false) is built
    again; a directory that cannot be written is left alone (built again next time); the older files of the same
    name prefix (before its last ``-``, any format; not another process's ``.tmp``) are removed once the new one is written."""
    log = logging.getLogger(__name__)
    try:
        kept = pickle.loads(path.read_bytes())
        if is_kept(kept):
            return kept  # type: ignore[no-any-return]
    except Exception:  # missing, unreadable or from other code: built again below
        log.debug("could not read the cache %s", path, exc_info=True)
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*"):
            if old != path and not old.suffix.startswith(".tmp"):
                old.unlink(missing_ok=True)
    except OSError:  # a read-only directory: built again next time
        log.debug("could not write the cache %s", path, exc_info=True)
    return built


class ThesaurusError(AilawError):
    """The thesaurus file breaks its documented format (one sentence naming the concept and the problem)."""


@dataclass(frozen=True)
class Labels:
    """The labels of a concept in one language. ``hidden`` labels are matched but never shown (variant spellings).
    ``close``: they name the nearest counterpart in that language's law, not an exact equivalent (Korea's 고영향
    인공지능, "high-impact AI", for a high-risk AI system): matched across languages, ranked below exact ones."""

    lang: str
    pref: str
    alt: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    close: bool = False

    def all(self) -> Iterator[tuple[str, str]]:
        """(kind, label) of every label, the preferred one first."""
        yield "pref", self.pref
        for kind in ("alt", "abbr", "hidden"):
            for label in getattr(self, kind):
                yield kind, label


@dataclass(frozen=True)
class Definition:
    """Where a concept is defined: a document id, the provision key in its text, and how a lawyer cites it."""

    document: str
    cite: str
    provision: str | None = None


@dataclass(frozen=True)
class Concept:
    id: str
    relevance: str
    labels: dict[str, Labels]
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    defined_in: tuple[Definition, ...] = ()
    note: str | None = None

    def pref(self, lang: str, fallback: str = "en") -> str:
        """The preferred label in ``lang``, else in ``fallback``, else any."""
        labels = self.labels.get(lang) or self.labels.get(fallback) or next(iter(self.labels.values()))
        return labels.pref


@dataclass(frozen=True)
class Thesaurus:
    id: str
    version: str
    released: dt.date | None
    languages: tuple[str, ...]  # every concept has a preferred label in each of these
    concepts: dict[str, Concept] = field(default_factory=dict)

    def narrower(self, concept_id: str) -> list[str]:
        """Ids of the concepts whose ``broader`` names ``concept_id`` (SKOS narrower, derived)."""
        return [c.id for c in self.concepts.values() if concept_id in c.broader]

    def label_languages(self) -> list[str]:
        """Every language any concept has a label in (required ones first)."""
        extra = sorted({lang for c in self.concepts.values() for lang in c.labels} - set(self.languages))
        return [*self.languages, *extra]

    def labels(self, lang: str | None = None) -> Iterator[tuple[Concept, str, str, str]]:
        """(concept, language, kind, label) for every label (of one language when ``lang`` is given)."""
        for concept in self.concepts.values():
            for code, labels in concept.labels.items():
                if lang is not None and code != lang:
                    continue
                for kind, label in labels.all():
                    yield concept, code, kind, label


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ThesaurusError(f"{where} must be a list of non-empty strings.")
    return tuple(v.strip() for v in value)


def _labels(lang: str, raw: Any, where: str) -> Labels:
    if not isinstance(raw, dict):
        raise ThesaurusError(f"{where}: the labels of language {lang!r} must be a table with pref, alt, abbr, hidden.")
    unknown = set(raw) - set(LABEL_KINDS) - {"close"}
    if unknown:
        raise ThesaurusError(f"{where}: unknown label kind {sorted(unknown)[0]!r} in language {lang!r}.")
    pref = raw.get("pref")
    if not isinstance(pref, str) or not pref.strip():
        raise ThesaurusError(f"{where}: language {lang!r} has no preferred label (pref).")
    return Labels(
        lang=lang,
        pref=pref.strip(),
        alt=_strings(raw.get("alt"), f"{where}.{lang}.alt"),
        abbr=_strings(raw.get("abbr"), f"{where}.{lang}.abbr"),
        hidden=_strings(raw.get("hidden"), f"{where}.{lang}.hidden"),
        close=_flag(raw.get("close", False), f"{where}.{lang}.close"),
    )


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ThesaurusError(f"{where} must be true or false.")
    return value


def _definitions(raw: Any, where: str) -> tuple[Definition, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ThesaurusError(f"{where}.defined_in must be a list of tables.")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("document") or not item.get("cite"):
            raise ThesaurusError(f"{where}.defined_in: each entry needs a document and a cite.")
        out.append(Definition(document=str(item["document"]), cite=str(item["cite"]),
                              provision=str(item["provision"]) if item.get("provision") else None))  # fmt: skip
    return tuple(out)


def _concept(raw: dict[str, Any], required: tuple[str, ...]) -> Concept:
    cid = raw.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise ThesaurusError(f"A concept has a missing or malformed id {cid!r} (lowercase words joined by '-').")
    where = f"concept {cid}"
    relevance = raw.get("relevance", "context")
    if relevance not in RELEVANCE:
        raise ThesaurusError(f"{where}: relevance must be one of {', '.join(RELEVANCE)}, not {relevance!r}.")
    labels: dict[str, Labels] = {}
    for key, value in raw.items():
        if key in _CONCEPT_KEYS:
            continue
        if not _LANG.match(key):
            raise ThesaurusError(f"{where}: unknown key {key!r} (a language must be an ISO 639-1 code such as 'en').")
        labels[key] = _labels(key, value, where)
    missing = [lang for lang in required if lang not in labels]
    if missing:
        raise ThesaurusError(f"{where}: no labels in {', '.join(missing)} (every concept needs them).")
    note = raw.get("note")
    return Concept(
        id=cid,
        relevance=relevance,
        labels=labels,
        broader=_strings(raw.get("broader"), f"{where}.broader"),
        related=_strings(raw.get("related"), f"{where}.related"),
        defined_in=_definitions(raw.get("defined_in"), where),
        note=str(note) if note else None,
    )


def _check_links(concepts: dict[str, Concept]) -> None:
    for c in concepts.values():
        for other in (*c.broader, *c.related):
            if other not in concepts:
                raise ThesaurusError(f"concept {c.id} names {other!r}, which is not a concept of the thesaurus.")
            if other == c.id:
                raise ThesaurusError(f"concept {c.id} names itself as broader or related.")
    for c in concepts.values():  # broader chains end (no cycles)
        seen, todo = {c.id}, list(c.broader)
        while todo:
            nxt = todo.pop()
            if nxt == c.id:
                raise ThesaurusError(f"concept {c.id} is broader than itself through {nxt!r} (a cycle).")
            if nxt not in seen:
                seen.add(nxt)
                todo.extend(concepts[nxt].broader)


def _check_unique_labels(concepts: dict[str, Concept]) -> None:
    """A label names one concept per language, or concept search could not say which one a query meant."""
    owner: dict[tuple[str, str], str] = {}
    for c in concepts.values():
        for lang, labels in c.labels.items():
            for _kind, label in labels.all():
                k = (lang, " ".join(label.casefold().replace("ё", "е").split()))
                if k in owner and owner[k] != c.id:
                    raise ThesaurusError(f"the {lang} label {label!r} names two concepts: {owner[k]} and {c.id}.")
                owner[k] = c.id


def parse(text: str) -> Thesaurus:
    """A thesaurus from the text of a TOML file in the documented format; ``ThesaurusError`` when it breaks it."""
    import tomllib  # here: a search reads the thesaurus's analysed labels kept beside the index, not this file

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThesaurusError(f"The thesaurus is not valid TOML: {exc}.") from None
    head = raw.get("thesaurus") or {}
    if not head.get("id") or not head.get("version"):
        raise ThesaurusError("The thesaurus needs a [thesaurus] table with an id and a version.")
    required = _strings(head.get("languages") or ["en"], "thesaurus.languages")
    concepts: dict[str, Concept] = {}
    for item in raw.get("concept") or []:
        concept = _concept(item, required)
        if concept.id in concepts:
            raise ThesaurusError(f"concept {concept.id} is defined twice.")
        concepts[concept.id] = concept
    _check_links(concepts)
    _check_unique_labels(concepts)
    released = head.get("released")
    return Thesaurus(
        id=str(head["id"]),
        version=str(head["version"]),
        released=released if isinstance(released, dt.date) else None,
        languages=required,
        concepts=concepts,
    )


@functools.cache
def load(path: Traversable | None = None) -> Thesaurus:
    """The thesaurus shipped with ailaw (``thesaurus.toml``), read once per process."""
    return parse((path or DATA).read_text(encoding="utf-8"))
