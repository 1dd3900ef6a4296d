"""Canada: Justice Laws consolidated Acts in XML (laws-lois.justice.gc.ca/eng/XML/{id}.xml, /fra/XML/{id}.xml).

``<Statute>`` (namespace ``lims`` = http://justice.gc.ca/lims) with ``lims:pit-date`` (the point in time the
consolidation shows), ``lims:lastAmendedDate``, ``in-force``, ``xml:lang``; ``Identification`` (LongTitle,
ShortTitle, BillHistory stages with dates, Chapter/ConsolidatedNumber, AnnualStatuteId); ``Body`` (Heading
level 1 = a Part, Section with MarginalNote, Label, Subsection, Paragraph, Definition); ``Schedule``;
``RecentAmendments`` (the amending annual statutes with their dates).

English and French are both official, and the two files of one Act are **two language versions of one document**
``ca/justice/{ConsolidatedNumber}`` (``ca/justice/P-8.6``) with the same ref (the point-in-time date), shown side by
side. The French file never renames the document: the spider reads the English file first and passes its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, load_xml, squash, text_of
from store.identifiers import doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind
from texts.ca import split_justice

SOURCE = "ca_justice"
SOURCE_LABEL = "Justice Laws (laws-lois.justice.gc.ca)"
LIMS = "{http://justice.gc.ca/lims}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BILL_STAGES = {"assented-to": (Stage.SIGNED, "Royal assent"), "consolidation": (Stage.OTHER, "Consolidation")}


def act_doc_id(number: str) -> str:
    return doc_id("ca", "justice", number.strip())


def act_url(number: str, lang: str = "en") -> str:
    return f"https://laws-lois.justice.gc.ca/{'eng/acts' if lang == 'en' else 'fra/lois'}/{number}/"


def xml_url(number: str, lang: str = "en") -> str:
    return f"https://laws-lois.justice.gc.ca/{'eng' if lang == 'en' else 'fra'}/XML/{number}.xml"


def annual_statute_id(citation: str) -> tuple[str, str] | None:
    """(document id, citation) of an amending instrument, the same from the English and the French file:
    '2024, c. 17' / '2024, ch. 17' / link '2024_17' -> ('ca/statute/2024/17', 'S.C. 2024, c. 17');
    'SOR/2019-84' / 'DORS/2019-84' -> ('ca/regulation/SOR-2019-84', 'SOR/2019-84').

    >>> annual_statute_id("2024_17"), annual_statute_id("DORS/2019-84")
    (('ca/statute/2024/17', 'S.C. 2024, c. 17'), ('ca/regulation/SOR-2019-84', 'SOR/2019-84'))
    """
    m = re.match(r"^(\d{4})(?:,\s*ch?\.\s*|_)(\d+)$", citation.strip())
    if m:
        return doc_id("ca", "statute", f"{m.group(1)}/{int(m.group(2))}"), f"S.C. {m.group(1)}, c. {int(m.group(2))}"
    m = re.match(r"^(SOR|SI|DORS|TR)/(\d{4})-(\d+)$", citation.strip())
    if not m:
        return None
    kind = {"DORS": "SOR", "TR": "SI"}.get(m.group(1), m.group(1))  # the French citation of one regulation
    return doc_id(
        "ca", "regulation", f"{kind}-{m.group(2)}-{int(m.group(3))}"
    ), f"{kind}/{m.group(2)}-{int(m.group(3))}"


def parse_statute(body: bytes, *, url: str, title: str | None = None, **_: Any) -> Iterator[Item]:
    """A Justice Laws ``<Statute>`` (English or French) -> the Act's document, its language version at its
    point-in-time date, its Royal Assent, and the annual statutes that recently amended it.

    ``title``: the English short title, passed by the spider to the French file's parse (the French file keeps the
    document's English title and adds its own titles as aliases).
    """
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="Statute")
    if failure:
        yield failure
        return
    ident = root.find("Identification")
    number = squash(root.findtext("Identification/Chapter/ConsolidatedNumber"))
    if ident is None or not number:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} statute has no Identification/Chapter/ConsolidatedNumber.")
        return
    lang = (root.get(XML_LANG) or "en").lower()
    did = act_doc_id(number)
    short = squash(ident.findtext("ShortTitle"))
    long_title = squash(ident.findtext("LongTitle"))
    pit = iso_date(root.get(f"{LIMS}pit-date"))
    chapter = ident.find("Chapter/AnnualStatuteId")
    citation = None
    if chapter is not None and chapter.findtext("YYYY") and chapter.findtext("AnnualStatuteNumber"):
        citation = f"S.C. {chapter.findtext('YYYY')}, c. {chapter.findtext('AnnualStatuteNumber')}"
    assented = None
    events = []
    for st in ident.iterfind("BillHistory/Stages"):
        date_el = st.find("Date")
        when = iso_date(f"{date_el.findtext('YYYY')}-{int(date_el.findtext('MM') or 0):02d}-{int(date_el.findtext('DD') or 0):02d}") if date_el is not None else None  # fmt: skip
        stage, words = BILL_STAGES.get(st.get("stage") or "", (Stage.OTHER, st.get("stage") or ""))
        if st.get("stage") == "assented-to":
            assented = when
        if when and stage is not Stage.OTHER:
            events.append(EventItem(doc_id=did, date=when, stage=stage, raw=f"{words} ({citation or number})"))
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="CA",
        doc_type=DocType.ACT,
        title=title or short or long_title or number,
        language="en",
        identifiers={k: v for k, v in {"consolidated_number": number, "statute": citation}.items() if v},
        aliases=[a for a in (number, citation, short, long_title) if a and a != title],
        stage=Stage.IN_FORCE if root.get("in-force") == "yes" else None,
        stage_raw=f"in-force={root.get('in-force')}" if root.get("in-force") else None,
        date_adopted=assented,
        url=act_url(number, "en"),
        extra={
            k: v
            for k, v in {
                "last_amended": root.get(f"{LIMS}lastAmendedDate"),
                f"url_{lang}": act_url(number, lang),
            }.items()
            if v
        },  # fmt: skip
    )
    provisions = split_justice(root, lang)
    word = "Consolidated text" if lang == "en" else "Texte consolidé"
    yield VersionItem(
        doc_id=did,
        label=f"{word} ({lang.upper()}) as at {pit.isoformat() if pit else '?'}",
        kind=VersionKind.CONSOLIDATED,
        date=pit,
        language=lang,
        text="\n\n".join(
            [short or long_title, *(p.text for p in provisions if p.kind in ("part", "section", "annex"))]
        ),
        provisions=provisions,
        source_url=url,
        notes=[
            f"Official {'English' if lang == 'en' else 'French'} version; English and French are equally authoritative."
        ],
        ref=f"{did}@{pit.isoformat() if pit else 'current'}",
    )
    yield from events
    for amendment in root.iterfind(".//RecentAmendments/Amendment"):
        cite = amendment.find("AmendmentCitation")
        raw = squash(text_of(cite)) if cite is not None else ""
        found = annual_statute_id((cite.get("link") if cite is not None else None) or raw)
        if found:  # the same relation from the English and the French file: language-neutral label, no raw words
            target, label = found
            yield RelationItem(doc_id=did, kind=RelationKind.AMENDED_BY, target_id=target, target_label=label,
                               date=iso_date(amendment.findtext("AmendmentDate")))  # fmt: skip
