"""United Kingdom: legislation.gov.uk (The National Archives) — CLML XML, Atom list feeds and the "changes to
legislation" effects feeds.

- ``/{type}/{year}/{number}[/enacted|/made|/YYYY-MM-DD]/data.xml`` — CLML: ``<Legislation>`` with ``ukm:Metadata``
  (Dublin Core title, ``dct:valid``, ``atom:link rel=…/hasVersion`` for every point-in-time version,
  ``ukm:DocumentStatus`` final | revised, ``ukm:EnactmentDate``/``MadeDate``), the text (``Primary``/``Secondary``:
  Part, Chapter, Pblock, P1group, P1, P2…, Schedules) and ``Commentaries`` (F-notes: textual amendments with the
  amending act's citation).
- ``/{type}/{year}/data.feed``, ``/new/data.feed``, ``/all/data.feed?sort=published``, ``/search/data.feed`` —
  Atom entries with ``ukm:DocumentMainType``, ``ukm:Year``, ``ukm:Number``, ISBN, subjects and a summary.
- ``/changes/affected/{type}/{year}/{number}/data.feed`` — one ``ukm:Effect`` per entry: what provision of the
  affected act an affecting act changed (``Type``: inserted, substituted, repealed, words omitted…), where
  (``AffectedProvisions``, ``AffectingProvisions``), whether the effect is applied to the revised text, and when
  it comes into force (``InForce@Date`` or ``Prospective``).

A document is ``uk/legislation/{type}/{year}/{number}``. An affecting act ``amends`` the act it affects (the UI and
``ailaw show`` turn it around as ``amended-by``), with every effect and its provisions in the relation's detail;
an effect in force on a known date is also a dated ``amended`` event of the affected act.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, load_xml, squash, text_of
from store.identifiers import doc_id, normalize_uk_legislation
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind
from texts.uk import clml_text, first_of, split_clml

SOURCE = "uk_legislation"
SOURCE_LABEL = "legislation.gov.uk"
BASE = "https://www.legislation.gov.uk"
NS = {
    "leg": "http://www.legislation.gov.uk/namespaces/legislation",
    "ukm": "http://www.legislation.gov.uk/namespaces/metadata",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dct": "http://purl.org/dc/terms/",
    "atom": "http://www.w3.org/2005/Atom",
    "openSearch": "http://a9.com/-/spec/opensearch/1.1/",
}
HAS_VERSION = "http://purl.org/dc/terms/hasVersion"

# ukm DocumentMainType / effect classes -> document type.
CLASS_TYPES: dict[str, DocType] = {
    "UnitedKingdomPublicGeneralAct": DocType.ACT,
    "UnitedKingdomLocalAct": DocType.ACT,
    "ScottishAct": DocType.ACT,
    "WelshParliamentAct": DocType.ACT,
    "WelshNationalAssemblyAct": DocType.ACT,
    "NorthernIrelandAct": DocType.ACT,
    "UnitedKingdomStatutoryInstrument": DocType.REGULATION,
    "ScottishStatutoryInstrument": DocType.REGULATION,
    "WelshStatutoryInstrument": DocType.REGULATION,
    "NorthernIrelandStatutoryRule": DocType.REGULATION,
    "EuropeanUnionRegulation": DocType.REGULATION,
    "EuropeanUnionDirective": DocType.DIRECTIVE,
    "EuropeanUnionDecision": DocType.DECISION,
}
# Effect types (the first words of ``Type``) -> relation kind: textual amendments amend; a repeal of the whole act
# repeals it (see effect_kind); commencement and non-textual effects (modified, applied, excluded) are related.
TEXTUAL_EFFECTS = ("inserted", "substituted", "omitted", "repealed", "revoked", "words", "word", "added", "renumbered",
                   "amended", "text amended", "definition")  # fmt: skip
WHOLE_ACT = re.compile(r"^(?:Act|Regulation|Order|Regulations|Directive|Decision|Instrument|Measure|Rules?)$", re.I)


def item_doc_id(item_id: str) -> str:
    """'ukpga/2025/18' -> 'uk/legislation/ukpga/2025/18'."""
    return doc_id("uk", "legislation", item_id)


def item_id_of(uri: str | None) -> str | None:
    """The ``{type}/{year}/{number}`` of a legislation.gov.uk URI (id, document or data URI)."""
    return normalize_uk_legislation(uri) if uri else None


def effect_kind(effect_type: str, affected_provisions: str) -> RelationKind:
    """The relation an effect makes between the affecting and the affected act.

    >>> effect_kind("inserted", "Art. 8(2A)(2B)"), effect_kind("words substituted", "s. 3")
    (<RelationKind.AMENDS: 'amends'>, <RelationKind.AMENDS: 'amends'>)
    >>> effect_kind("repealed", "Act"), effect_kind("coming into force", "s. 80"), effect_kind("modified", "s. 4")
    (<RelationKind.REPEALS: 'repeals'>, <RelationKind.RELATED: 'related'>, <RelationKind.RELATED: 'related'>)
    """
    t = effect_type.strip().lower()
    if t.startswith(("repealed", "revoked")) and WHOLE_ACT.match(affected_provisions.strip()):
        return RelationKind.REPEALS
    if t.startswith(TEXTUAL_EFFECTS) or " inserted" in t or " substituted" in t or " omitted" in t:
        return RelationKind.AMENDS
    return RelationKind.RELATED


def _doc_from(
    uri: str | None, title: str | None, klass: str | None, year: str | None, number: str | None
) -> DocumentItem | None:
    item = item_id_of(uri)
    if not item:
        return None
    return DocumentItem(
        doc_id=item_doc_id(item), source=SOURCE, jurisdiction="UK", doc_type=CLASS_TYPES.get(klass or "", DocType.OTHER),
        title=squash(title) or item, language="en", identifiers={"legislation_id": item},
        aliases=[item] + ([f"{year} c. {number}"] if klass == "UnitedKingdomPublicGeneralAct" and year and number else [])
        + ([f"S.I. {year}/{number}"] if klass == "UnitedKingdomStatutoryInstrument" and year and number else []),
        url=f"{BASE}/{item}",
    )  # fmt: skip


# --- effects ------------------------------------------------------------------------------------------------------


def next_page(root: Any) -> str | None:
    """The ``rel="next"`` link of an Atom feed page."""
    for link in root.findall("atom:link", NS):
        if link.get("rel") == "next" and link.get("href"):
            return str(link.get("href"))
    return None


def parse_effects_feed(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """A "changes to legislation" feed -> the affected and affecting acts, one relation per pair with each effect
    in its detail, and a dated ``amended`` event of the affected act for each effect in force on a known date."""
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="feed")
    if failure:
        yield failure
        return
    docs: dict[str, DocumentItem] = {}
    pairs: dict[tuple[str, str, RelationKind], dict[str, Any]] = {}
    events: list[EventItem] = []
    for effect in root.iterfind("atom:entry/atom:content/ukm:Effect", NS):
        a = effect.attrib
        affected = _doc_from(a.get("AffectedURI"), effect.findtext("ukm:AffectedTitle", namespaces=NS),
                             a.get("AffectedClass"), a.get("AffectedYear"), a.get("AffectedNumber"))  # fmt: skip
        affecting = _doc_from(a.get("AffectingURI"), effect.findtext("ukm:AffectingTitle", namespaces=NS),
                              a.get("AffectingClass"), a.get("AffectingYear"), a.get("AffectingNumber"))  # fmt: skip
        if affected is None or affecting is None:
            yield ParseFailure(
                url=url, reason=f"{SOURCE_LABEL} effect {a.get('EffectId')} names no affected or affecting act."
            )
            continue
        docs.setdefault(affected.doc_id, affected)
        docs.setdefault(affecting.doc_id, affecting)
        kind = effect_kind(a.get("Type", ""), a.get("AffectedProvisions", ""))
        in_force = [(f.get("Date"), f.get("Prospective") == "true", f.get("Qualification"), f.get("Applied") == "true")
                    for f in effect.iterfind("ukm:InForceDates/ukm:InForce", NS)]  # fmt: skip
        record = {
            "effect_id": a.get("EffectId"),
            "type": a.get("Type"),
            "affected_provisions": a.get("AffectedProvisions"),
            "affecting_provisions": a.get("AffectingProvisions"),
            "applied": a.get("Applied") == "true",
            "requires_applied": a.get("RequiresApplied") == "true",
            "in_force": [{"date": d, "prospective": p, "qualification": q, "applied": ap} for d, p, q, ap in in_force],
            "commencement_authority": ", ".join(squash(text_of(s)) for s in
                                                effect.iterfind("ukm:CommencementAuthority/ukm:Section", NS)) or None,
            "comments": a.get("Comments"),
            "modified": a.get("Modified"),
        }  # fmt: skip
        detail = pairs.setdefault((affecting.doc_id, affected.doc_id, kind), {"effects": []})
        detail["effects"].append({k: v for k, v in record.items() if v not in (None, [], "")})
        for date, _prospective, _q, _applied in in_force:
            if when := iso_date(date):
                events.append(EventItem(
                    doc_id=affected.doc_id, date=when, stage=Stage.AMENDED,
                    raw=f"{a.get('AffectedProvisions')} {a.get('Type')} by {affecting.title}, {a.get('AffectingProvisions')}"
                        + ("" if a.get("Applied") == "true" else " (not yet applied to the revised text)"),
                    actor=affecting.title, reference=affecting.identifiers.get("legislation_id"),
                ))  # fmt: skip
    yield from docs.values()
    for (source_id, target_id, kind), detail in pairs.items():
        effects = detail["effects"]
        provisions = "; ".join(f"{e.get('affected_provisions')} {e.get('type')}" for e in effects)
        yield RelationItem(doc_id=source_id, kind=kind, target_id=target_id, target_label=docs[target_id].title,
                           date=min((d for e in effects for f in e.get("in_force", []) if (d := iso_date(f.get("date")))),
                                    default=None),
                           detail={"provisions": provisions, **{f"effect {e.get('effect_id')}": e for e in effects}})  # fmt: skip
    yield from events


# --- list feeds -----------------------------------------------------------------------------------------------------


def parse_list_feed(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """An Atom list or search feed -> one document per entry (title, type, year, number, subjects, summary)."""
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="feed")
    if failure:
        yield failure
        return
    for entry in root.iterfind("atom:entry", NS):
        item = item_id_of(entry.findtext("atom:id", namespaces=NS))
        if not item:
            continue
        klass = (entry.find("ukm:DocumentMainType", NS).get("Value") if entry.find("ukm:DocumentMainType", NS) is not None
                 else "")  # fmt: skip
        year = entry.find("ukm:Year", NS)
        number = entry.find("ukm:Number", NS)
        doc = _doc_from(item, entry.findtext("atom:title", namespaces=NS), klass,
                        year.get("Value") if year is not None else None, number.get("Value") if number is not None else None)  # fmt: skip
        if doc is None:
            continue
        created = entry.find("ukm:CreationDate", NS)
        isbn = entry.find("ukm:ISBN", NS)
        doc.date_adopted = iso_date(created.get("Date")) if created is not None else None
        doc.date_published = iso_date(entry.findtext("atom:published", namespaces=NS))
        doc.summary = squash(entry.findtext("atom:summary", namespaces=NS)) or None
        doc.subjects = [s.get("Value") for s in entry.iterfind("ukm:Subject", NS) if s.get("Value")]
        doc.stage = Stage.PUBLISHED
        if isbn is not None and isbn.get("Value"):
            doc.identifiers["isbn"] = isbn.get("Value")
        yield doc


def data_xml_url(item_id: str, version: str | None = None) -> str:
    """'ukpga/2025/18' (+ 'enacted' or '2026-02-05') -> its CLML URL."""
    return f"{BASE}/{item_id}" + (f"/{version}" if version else "") + "/data.xml"


# --- CLML ----------------------------------------------------------------------------------------------------------


def _commentary_relations(root: Any, did: str) -> Iterator[RelationItem]:
    """F-notes (textual amendments) -> the amending acts they cite: ``repealed-by`` when the note repeals the whole
    act, else ``amended-by``; the note's words are kept."""
    found: dict[tuple[str, RelationKind], list[str]] = {}
    labels: dict[str, str] = {}
    for note in root.iterfind(".//leg:Commentaries/leg:Commentary", NS):
        if note.get("Type") != "F":
            continue
        words = squash(clml_text(note))
        for cite in note.iterfind(".//leg:Citation", NS):
            item = item_id_of(cite.get("URI"))
            if not item:
                continue
            target = item_doc_id(item)
            kind = (
                RelationKind.REPEALED_BY
                if re.match(r"^(?:Act|Regulations?|Order)\s+repealed", words)
                else RelationKind.AMENDED_BY
            )
            found.setdefault((target, kind), []).append(words)
            labels[target] = cite.get("Title") or squash(text_of(cite))
    for (target, kind), notes in found.items():
        yield RelationItem(doc_id=did, kind=kind, target_id=target, target_label=labels.get(target),
                           date=_note_date(notes[0]), detail={"notes": list(dict.fromkeys(notes))})  # fmt: skip


def _note_date(words: str) -> Any:
    m = re.search(r"\((\d{1,2})\.(\d{1,2})\.(\d{4})\)", words)
    return iso_date(f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}") if m else None


def parse_legislation(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """A CLML ``data.xml`` -> the act's document, the version it is (as enacted/made, or revised as at its
    ``dct:valid`` date), the acts its F-notes cite as amending or repealing it, and its point-in-time versions
    (``extra["versions"]``: the spider fetches the ones not stored)."""
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="Legislation")
    if failure:
        yield failure
        return
    meta = root.find("ukm:Metadata", NS)
    item = item_id_of(root.get("IdURI") or root.get("DocumentURI"))
    if meta is None or not item:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} CLML has no ukm:Metadata or no IdURI.")
        return
    did = item_doc_id(item)
    primary = first_of(meta, "ukm:PrimaryMetadata", "ukm:SecondaryMetadata", namespaces=NS)
    klass = _attr(primary, "ukm:DocumentClassification/ukm:DocumentMainType")
    status = _attr(primary, "ukm:DocumentClassification/ukm:DocumentStatus")
    year, number = _attr(primary, "ukm:Year"), _attr(primary, "ukm:Number")
    enacted = iso_date(_attr(primary, "ukm:EnactmentDate", "Date") or _attr(primary, "ukm:Made", "Date"))
    valid = iso_date(meta.findtext("dct:valid", namespaces=NS))
    title = squash(meta.findtext("dc:title", namespaces=NS))
    versions = [link.get("title") for link in meta.iterfind("atom:link", NS) if link.get("rel") == HAS_VERSION]
    doc = _doc_from(item, title, klass, year, number)
    assert doc is not None
    repealed = title.lower().endswith("(repealed)")
    doc.stage = Stage.REPEALED if repealed else Stage.IN_FORCE if status == "revised" else Stage.PUBLISHED
    doc.stage_raw = f"DocumentStatus {status}" + (" (repealed)" if repealed else "") if status else None
    doc.date_adopted = enacted
    doc.summary = squash(meta.findtext("dc:description", namespaces=NS)) or None
    doc.extra = {k: v for k, v in {"versions": versions, "restrict_extent": root.get("RestrictExtent"),
                                   "modified": meta.findtext("dc:modified", namespaces=NS)}.items() if v}  # fmt: skip
    yield doc
    provisions = split_clml(root)
    last = url.rstrip("/").removesuffix("/data.xml").rsplit("/", 1)[-1]
    point = last if last in ("enacted", "made", "adopted") or iso_date(last) else "latest"
    original = status == "final" or point in ("enacted", "made")
    label = ("As enacted" if point == "enacted" else "As made") if original else f"Revised text as at {valid or point}"
    yield VersionItem(
        doc_id=did,
        label=label,
        kind=VersionKind.ORIGINAL if original else VersionKind.CONSOLIDATED,
        date=enacted if original else valid,
        language=(meta.findtext("dc:language", namespaces=NS) or "en").strip(),
        text="\n\n".join(
            [
                title,
                *(
                    p.text
                    for p in provisions
                    if p.kind in ("part", "chapter", "section", "annex")
                    or (p.kind == "paragraph" and ".par_" not in p.key)
                ),
            ]
        ),  # fmt: skip
        provisions=provisions,
        source_url=url,
        notes=["Repealed text is shown as on legislation.gov.uk (dotted lines)."] if repealed else [],
        ref=f"{did}@{point if original or not valid else valid.isoformat()}",
    )
    yield from _commentary_relations(root, did)


def _attr(el: Any | None, path: str, attr: str = "Value") -> str | None:
    if el is None:
        return None
    found = el.find(path, NS)
    return found.get(attr) if found is not None else None
