"""Cellar branch notice (XML) of an act -> DocumentItem, RelationItems, EventItems.  No network, no DB, no clock.

A branch notice (``http://publications.europa.eu/resource/cellar/{uuid}?language=eng`` or
``…/resource/celex/{celex}?language=eng`` asked for with ``Accept: application/xml;notice=branch``) describes one
work: its identifiers (``SAMEAS`` celex / oj / eli), dates, EuroVoc subjects, its relations to other works
(``RESOURCE_LEGAL_*`` links, with per-provision ``ANNOTATION``s), and the procedure dossier it came from with the
ids of its events (``2021_106.2024-07-12_PUB_OJ``). Source dossier eu.md §2.3, §3, §5.

What is read, and the choices made:

* ``CONSOLIDATED_BY`` entries are grouped per consolidated CELEX (``2024R1689/20240712_0000010`` is a
  language-specific manifestation of ``02024R1689-20240712``). The notice of an amending act also lists the
  consolidated versions of the acts *it* amends (the AI Act lists ``02013R0168-20260802``…): those are not
  versions of this act and go to ``extra["consolidations_of_amended_acts"]`` instead of a relation.
* Procedure events come from the dossier's event ids (date and code are in the id); the embedded EVENT
  elements add the documents of the event. Codes map to stages through ``EVENT_STAGE_RULES``.
* ``date_adopted`` is the date of the act (the date in its title, the signature date in the notice);
  the Council's approval is an event. ``stage`` is the last stage the events reach, or ``in-force`` when the
  notice states ``RESOURCE_LEGAL_IN-FORCE true``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler.parsers.waf import is_waf_challenge, waf_failure
from store.dates import parse_date
from store.identifiers import celex_doc_id, celex_to_eu_number, normalize_celex, normalize_com
from store.items import DocumentItem, EventItem, Item, ParseFailure, RelationItem
from store.normalize import normalize_inline
from store.vocab import DocType, Jurisdiction, RelationKind, Stage

logger = logging.getLogger(__name__)

SOURCE = "eu_cellar"

# ------------------------------------------------------------------------------------------- rule tables

# Notice link property -> relation kind (CONSOLIDATED_BY / BASIS_FOR_ACT_CONSOLIDATED are grouped separately).
RELATION_PROPERTIES: dict[str, RelationKind] = {
    "RESOURCE_LEGAL_AMENDS_RESOURCE_LEGAL": RelationKind.AMENDS,
    "RESOURCE_LEGAL_AMENDED_BY_RESOURCE_LEGAL": RelationKind.AMENDED_BY,
    "RESOURCE_LEGAL_REPEALS_RESOURCE_LEGAL": RelationKind.REPEALS,
    "RESOURCE_LEGAL_REPEALED_BY_RESOURCE_LEGAL": RelationKind.REPEALED_BY,
    "RESOURCE_LEGAL_CORRECTS_RESOURCE_LEGAL": RelationKind.CORRECTS,
    "RESOURCE_LEGAL_CORRECTED_BY_RESOURCE_LEGAL": RelationKind.CORRECTED_BY,
    "RESOURCE_LEGAL_ADOPTS_RESOURCE_LEGAL": RelationKind.ADOPTS,
    "RESOURCE_LEGAL_AMENDMENT_PROPOSED_BY_RESOURCE_LEGAL": RelationKind.AMENDMENT_PROPOSED_BY,
    "RESOURCE_LEGAL_BASED_ON_RESOURCE_LEGAL": RelationKind.BASED_ON,
    "WORK_RELATED_TO_WORK": RelationKind.RELATED,
}
CONSOLIDATION_PROPERTIES = (
    "RESOURCE_LEGAL_CONSOLIDATED_BY_ACT_CONSOLIDATED",
    "RESOURCE_LEGAL_BASIS_FOR_ACT_CONSOLIDATED",
)

# ROLE2 of an amendment annotation (authority table fd_375).
AMENDMENT_ROLES: dict[str, str] = {
    "R": "replaced",
    "J": "inserted",
    "DEL": "deleted",
    "A": "inserted",
    "C": "completed",
}

# REFERENCE_TO_MODIFIED_LOCATION tokens (authority table fd_370) -> how a lawyer writes them.
LOCATION_TOKENS: dict[str, str] = {
    "AR": "Article",
    "PA": "paragraph",
    "ALN": "subparagraph",
    "PTA": "point",
    "PO": "point",
    "AN": "Annex",
    "SCT": "Section",
    "TIT": "title",
    "TXT": "text",
    "CONSID": "Recital",
    "CHAP": "Chapter",
    "PAR": "Part",
    "LTR": "point",
}

# Procedure event code (the part of the event id after the date) -> stage. First match wins.
# Their readable names: store.event_names.EU_EVENTS.
# Reviewed one case per line in tests/crawler/test_eu_parsers.py.
EVENT_STAGE_RULES: list[tuple[str, Stage]] = [
    (r"^ADP(_PROPLEG)?_byCOM$", Stage.PROPOSED),  # the Commission adopts its proposal
    (r"^REF_OF_byEP$", Stage.COMMITTEE),  # announced in plenary and referred to the EP committee(s)
    (r"^(OPI|REP)_R1_byEP_CMT$", Stage.COMMITTEE),  # EP committee opinions / report, first reading
    (r"^ADP_REP_byEP_CMT$", Stage.COMMITTEE),  # the EP committee adopts its report
    # Council general approach: a negotiating mandate, not a vote on the act. Nearest stage: committee work.
    (r"^ADP_APPRGEN_byCONSIL$", Stage.COMMITTEE),
    (r"^REF_toCMT_NGTINST_byEP_PLEN$", Stage.COMMITTEE),  # back to committee for interinstitutional talks
    (r"^TABLING_toEP_PLENARY$", Stage.FIRST_READING),  # report tabled for plenary
    (r"^DEBATE_byEP$", Stage.FIRST_READING),
    # the EP's plenary votes are its reading of the act (not a "lower house": the EU legislature has none)
    (r"^AMEND(_R1)?_byEP$", Stage.FIRST_READING),  # EP adopts amendments / its first-reading position
    (r"^(VOTE|ADP_R1_POS|OPI_R1)_byEP$", Stage.FIRST_READING),  # EP position (opinion) at first reading
    (r"^ENDORSE_AGRPROV_COREPER_byCONSIL$", Stage.AGREED),  # Coreper endorses the provisional agreement
    (r"^APR_AGRPROV_CONSIL_byEP_CMT$", Stage.AGREED),  # EP committee approves the provisional agreement
    (r"^APR_R1_byCONSIL$", Stage.ADOPTED),  # Council approves the EP position: the act is adopted
    (r"^SIGN_", Stage.SIGNED),
    (r"^PUB_OJ$", Stage.PUBLISHED),
    (r"^WDR_|^WITHDR", Stage.WITHDRAWN),
    (r"^OPI_by(EESC|COR|ECB)$", Stage.OTHER),  # consultative opinions
    (r"^DIS_byCONSIL$", Stage.OTHER),  # Council circulates documents
]

# Who acts, read from the end of the event code.
EVENT_ACTORS: list[tuple[str, str]] = [
    (r"_byEP_CONSIL$", "European Parliament and Council"),
    (r"_byEP_CMT$", "European Parliament committee"),
    (r"(_byEP|_byEP_PLEN|_toEP_PLENARY)$", "European Parliament"),
    (r"_byCONSIL$", "Council of the European Union"),
    (r"_byCOM$", "European Commission"),
    (r"_byEESC$", "European Economic and Social Committee"),
    (r"_byCOR$", "European Committee of the Regions"),
    (r"_byECB$", "European Central Bank"),
    (r"^PUB_OJ$", "Publications Office of the European Union"),
]

# Resource type (authority table resource-type) -> document type.
RESOURCE_TYPES: dict[str, DocType] = {
    "REG": DocType.REGULATION,
    "REG_IMPL": DocType.REGULATION,
    "REG_DEL": DocType.REGULATION,
    "DIR": DocType.DIRECTIVE,
    "DIR_IMPL": DocType.DIRECTIVE,
    "DIR_DEL": DocType.DIRECTIVE,
    "DEC": DocType.DECISION,
    "DEC_IMPL": DocType.DECISION,
    "DEC_DEL": DocType.DECISION,
    "PROP_REG": DocType.PROPOSAL,
    "PROP_DIR": DocType.PROPOSAL,
    "PROP_DEC": DocType.PROPOSAL,
    "CORRIGENDUM": DocType.CORRIGENDUM,
    "CONS_TEXT": DocType.CONSOLIDATED,
}


def event_stage(code: str) -> Stage:
    """'ADP_byCOM' -> Stage.PROPOSED; unknown codes -> Stage.OTHER."""
    for pattern, stage in EVENT_STAGE_RULES:
        if re.search(pattern, code):
            return stage
    return Stage.OTHER


def event_actor(code: str) -> str | None:
    """'APR_R1_byCONSIL' -> 'Council of the European Union'."""
    for pattern, actor in EVENT_ACTORS:
        if re.search(pattern, code):
            return actor
    return None


def doc_type_from_celex(celex: str) -> DocType:
    """'32024R1689' -> regulation, '52021PC0206' -> proposal, '32024R1689R(01)' -> corrigendum, '0…' -> consolidated."""
    if re.search(r"R\(\d{2}\)$", celex):
        return DocType.CORRIGENDUM
    if celex.startswith("0"):
        return DocType.CONSOLIDATED
    m = re.match(r"^(\d)\d{4}([A-Z]{1,2})\d{4}", celex)
    if not m:
        return DocType.OTHER
    sector, kind = m.groups()
    if sector == "5" and kind == "PC":
        return DocType.PROPOSAL
    if sector == "3":
        return {"R": DocType.REGULATION, "L": DocType.DIRECTIVE, "D": DocType.DECISION}.get(kind, DocType.OTHER)
    return DocType.OTHER


_ACT_WORD = {"R": "Regulation", "L": "Directive", "D": "Decision"}


def act_label(celex: str) -> str | None:
    """'32026R1744' -> 'Regulation (EU) 2026/1744'; '32013R0168' -> 'Regulation No 168/2013';
    '52025PC0836' -> 'COM(2025) 836'; others None. (No (EU)/(EC) qualifier is guessed for acts before 2015.)"""
    if number := celex_to_eu_number(celex):
        word = _ACT_WORD[celex[5]]
        year, num = number.split("/")
        if int(year) >= 2015:  # one numbering for all acts since 2015: "Regulation (EU) 2024/1689"
            return f"{word} (EU) {number}"
        return f"Regulation No {num}/{year}" if word == "Regulation" else f"{word} {number}"
    m = re.match(r"^5(\d{4})PC(\d{4})$", celex)
    return f"COM({m.group(1)}) {int(m.group(2))}" if m else None


_CODE = re.compile(r"\{([^|}]*)\|[^}]*\}")


def strip_codes(raw: str) -> str:
    """'{AR|http://…/fd_370/AR} 97 {PA|http://…/PA} 6' -> 'AR 97 PA 6'."""
    return normalize_inline(_CODE.sub(r"\1", raw))


def provision_from_location(raw: str) -> tuple[str, str | None]:
    """A REFERENCE_TO_MODIFIED_LOCATION as a lawyer writes it, and the provision key of our texts when it maps.

    >>> provision_from_location("{AR|…} 97 {PA|…} 6")
    ('Article 97(6)', 'art_97.par_6')
    >>> provision_from_location("{AR|…} 5 {PA|…} 1 {ALN|…} 1 {PTA|…} (ba)")
    ('Article 5(1), subparagraph 1, point (ba)', None)
    >>> provision_from_location("{AN|…} I {SCT|…} A {PO|…} 1")
    ('Annex I, Section A, point 1', None)
    """
    tokens = re.findall(r"\{([^|}]*)\|[^}]*\}\s*([^{]*)", raw)
    parts: list[str] = []
    key: list[str] | None = []
    for code, value in tokens:
        value = value.strip()
        if code == "PA" and parts and parts[-1].startswith("Article ") and "(" not in parts[-1] and value:
            parts[-1] += f"({value})"
            if key is not None:
                key.append(f"par_{value}")
            continue
        word = LOCATION_TOKENS.get(code, code)
        if code in {"PTA", "LTR"} and value and not value.startswith("("):
            value = f"({value})"
        parts.append(f"{word} {value}".strip())
        if key is not None:
            if code == "AR" and value:
                key.append(f"art_{value}")
            elif code == "AN" and value:
                key.append(f"anx_{value}")
            elif code in {"PTA", "PO"} and value and len(key) >= 1:
                key.append(f"pt_{value.strip('()')}")
            else:
                key = None  # subparagraphs, titles, sections: no key of ours to point at
    return ", ".join(parts), (".".join(key) if key else None)


# ------------------------------------------------------------------------------------------- xml helpers


def _v(el: Any, path: str) -> str | None:
    found = el.find(path)
    if found is None or found.text is None:
        return None
    return normalize_inline(found.text) or None


def _uri_ids(el: Any) -> dict[str, list[str]]:
    """{type: [identifier, …]} from an element's URI and SAMEAS/URI children."""
    out: dict[str, list[str]] = {}
    for uri in [el.find("URI"), *[s.find("URI") for s in el.findall("SAMEAS")]]:
        if uri is None:
            continue
        kind, ident = _v(uri, "TYPE"), _v(uri, "IDENTIFIER")
        if kind and ident:
            out.setdefault(kind, []).append(ident)
    return out


def _date(el: Any | None) -> dt.date | None:
    if el is None:
        return None
    raw = _v(el, "VALUE")
    if not raw or raw.startswith("9999"):
        return None
    return parse_date(raw)


def _eli_path(eli_id: str) -> str:
    """'reg:2024:1689:corrigendum:2025-10-09:oj' -> 'reg/2024/1689/corrigendum/2025-10-09/oj'."""
    return eli_id.replace(":", "/")


def _consolidation_celex(consolidation_id: str) -> str | None:
    """'2024R1689/20240712_0000010' -> '02024R1689-20240712'."""
    m = re.match(r"^(\d{4}[A-Z]{1,2}\d{4})/(\d{8})", consolidation_id)
    return f"0{m.group(1)}-{m.group(2)}" if m else None


# Treaty articles have CELEX numbers of other lengths ("12016E114") that store.identifiers.normalize_celex
# does not accept; they are kept as the notice writes them.
_OTHER_CELEX = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}[0-9A-Z]{1,6}$")


def _target_celex(ids: dict[str, list[str]]) -> str | None:
    for raw in ids.get("celex", []):
        if c := normalize_celex(raw):
            return c
    for raw in ids.get("celex", []):
        if _OTHER_CELEX.match(raw.strip()):
            return raw.strip()
    for raw in ids.get("consolidation", []):
        if c := _consolidation_celex(raw):
            return c
    return None


def _lang_codes(emb: Any | None) -> list[str]:
    if emb is None:
        return []
    return sorted({code for x in emb.iter("EXPRESSION_USES_LANGUAGE") if (code := _v(x, "OP-CODE"))})


# ------------------------------------------------------------------------------------------- the parser


def _fail_xml(url: str, exc: Exception) -> ParseFailure:
    return ParseFailure(
        url=url,
        reason=f"The Cellar notice is not well-formed XML (truncated or damaged response): {exc}",
    )


def parse_branch_notice(body: bytes, *, url: str, celex: str | None = None, **_kw: Any) -> Iterator[Item]:
    """Branch notice XML -> the act's DocumentItem, its RelationItems and EventItems (and minimal documents for
    the proposal and amending acts the notice describes).

    Nothing is yielded before the whole notice has been read, so a damaged notice never gives a partial document.
    """
    if is_waf_challenge(body):
        yield waf_failure(url)
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        yield _fail_xml(url, exc)
        return
    if root is None or root.tag != "NOTICE" or root.find("WORK") is None:
        tag = getattr(root, "tag", None)
        yield ParseFailure(url=url, reason=f"The response is not a Cellar notice (root element <{tag}>, no WORK)")
        return
    try:
        items = list(_read_notice(root, url=url, celex_hint=celex))
    except Exception as exc:  # a notice shape we did not foresee: one recorded failure, never a partial document
        logger.exception("%s: could not read the notice", url)
        yield ParseFailure(url=url, reason=f"The Cellar notice could not be read: {type(exc).__name__}: {exc}")
        return
    yield from items


def _read_notice(root: Any, *, url: str, celex_hint: str | None) -> Iterator[Item]:
    work = root.find("WORK")
    ids = _uri_ids(work)
    celex = _target_celex({"celex": ids.get("celex", [])}) or (
        _v(work, "ID_CELEX/VALUE") and normalize_celex(_v(work, "ID_CELEX/VALUE") or "")
    )
    if not celex and celex_hint:
        celex = normalize_celex(celex_hint)
    if not celex:
        yield ParseFailure(url=url, reason="The Cellar notice names no CELEX number for its work")
        return
    doc_id = celex_doc_id(celex)

    # --- title (the notice's own-language expression first, then any English expression, then WORK/TITLE)
    title = None
    for expr in [root.find("EXPRESSION"), *work.iter("EXPRESSION")]:
        if expr is None:
            continue
        for t in expr.findall("EXPRESSION_TITLE"):
            if _v(t, "LANG") in {"en", None} and (value := _v(t, "VALUE")):
                title = value
                break
        if title:
            break
    title = title or _v(work, "TITLE/VALUE") or act_label(celex) or celex

    # --- identifiers
    identifiers: dict[str, str] = {"celex": celex}
    if eli := (_v(work, "RESOURCE_LEGAL_ELI/VALUE") or ""):
        identifiers["eli"] = eli.removeprefix("http://data.europa.eu/eli/").removeprefix("https://data.europa.eu/eli/")
    elif ids.get("eli"):
        identifiers["eli"] = _eli_path(ids["eli"][0])
    if ids.get("oj"):
        identifiers["oj"] = ids["oj"][0]
    if ids.get("cellar"):
        identifiers["cellar"] = ids["cellar"][0]

    # --- dossier: procedure reference, title and events (two embeddings of one dossier: read each event id once)
    dossier_title = None
    events: dict[str, tuple[dt.date | None, str]] = {}
    event_docs: dict[tuple[str, str], list[str]] = {}
    dated_event_docs: dict[str, list[tuple[str | None, list[str]]]] = {}
    for prop in ("RESOURCE_LEGAL_PRODUCED_BY_DOSSIER", "WORK_PART_OF_DOSSIER"):
        for link in work.findall(prop):
            emb = link.find("EMBEDDED_NOTICE")
            if emb is None:
                continue
            dossier = emb.find("DOSSIER")
            if dossier is not None:
                if ref := _v(dossier, "PROCEDURE_CODE_INTERINSTITUTIONAL_REFERENCE_PROCEDURE/VALUE"):
                    m = re.match(r"^(\d{4})/(\d{4})/([A-Z]{3})$", ref)
                    identifiers.setdefault("procedure", f"{m.group(1)}/{m.group(2)}({m.group(3)})" if m else ref)
                dossier_title = dossier_title or _v(dossier, "DOSSIER_TITLE/VALUE")
                for contains in dossier.findall("CONTAINS"):
                    for ev_id in _uri_ids(contains).get("procedure-event", []):
                        m = re.match(r"^(\d{4}_\d+)\.(\d{4}-\d{2}-\d{2})_(.+)$", ev_id)
                        if m:
                            events[ev_id] = (parse_date(m.group(2)), m.group(3))
            for ev in emb.findall("EVENT"):
                date_raw = _v(ev, "EVENT_LEGAL_DATE/VALUE")
                if not date_raw:
                    continue
                docs = sorted(
                    {
                        i
                        for tag in ("CONTAINS", "EVENT_CONTAINS_WORK", "EVENT_LEGAL_CONTAINS_WORK")
                        for c in ev.findall(tag)
                        for values in _uri_ids(c).values()
                        for i in values
                    }
                )
                code = _v(ev, "EVENT_LEGAL_TYPE/VALUE")
                if code:
                    event_docs.setdefault((date_raw, code), docs)
                dated_event_docs.setdefault(date_raw, []).append((code, docs))

    event_items: list[EventItem] = []
    for _ev_id, (date, code) in sorted(events.items(), key=lambda kv: (kv[1][0] or dt.date.min, kv[0])):
        docs = event_docs.get((date.isoformat() if date else "", code))
        if docs is None and date is not None:
            # the embedded EVENT may spell the code differently (ADP_PROPLEG_byCOM for ADP_byCOM) or not at all:
            # take it when it is the only event of that day that matches no id
            day = dated_event_docs.get(date.isoformat(), [])
            codes_that_day = {c for (d, c) in events.values() if d == date}
            unmatched = list(dict.fromkeys(tuple(d) for (c, d) in day if c not in codes_that_day))
            docs = list(unmatched[0]) if len(unmatched) == 1 else None
        event_items.append(
            EventItem(
                doc_id=doc_id,
                date=date,
                stage=event_stage(code),
                raw=code,
                actor=event_actor(code),
                reference=_event_reference(docs or []),
            )
        )

    # --- dates
    date_signature = _date(work.find("RESOURCE_LEGAL_DATE_SIGNATURE"))
    date_document = _date(work.find("WORK_DATE_DOCUMENT"))
    date_published = _date(work.find("DATE_PUBLICATION")) or _date(work.find("OFFICIAL-JOURNAL-ACT_DATE_PUBLICATION"))
    in_force_dates: list[tuple[dt.date, str]] = []
    application: list[dict[str, Any]] = []
    for el in work.findall("RESOURCE_LEGAL_DATE_ENTRY-INTO-FORCE"):
        d = _date(el)
        kind = strip_codes(_v(el, "ANNOTATION/TYPE_OF_DATE") or "")
        comment = strip_codes(_v(el, "ANNOTATION/COMMENT_ON_DATE") or "")
        if d is None:
            continue
        if kind == "EV":
            in_force_dates.append((d, comment))
        else:
            application.append({"date": d.isoformat(), "type": kind or None, "comment": comment or None})
    in_force_dates.sort()
    application.sort(key=lambda a: (a["date"], a["comment"] or ""))
    deadlines = sorted(
        ({"date": d.isoformat(), "comment": strip_codes(_v(el, "ANNOTATION/COMMENT_ON_DATE") or "") or None}
         for el in work.findall("RESOURCE_LEGAL_DATE_DEADLINE") if (d := _date(el))),
        key=lambda a: (a["date"], a["comment"] or ""),
    )  # fmt: skip
    if in_force_dates:
        d, comment = in_force_dates[0]
        event_items.append(
            EventItem(
                doc_id=doc_id,
                date=d,
                stage=Stage.IN_FORCE,
                raw=f"entry into force (EV{': ' + comment if comment else ''})",
            )
        )

    # --- subjects
    eurovoc: dict[str, str] = {}
    for facet in work.findall("WORK_IS_ABOUT_CONCEPT_EUROVOC"):
        concept = facet.find("WORK_IS_ABOUT_CONCEPT_EUROVOC_CONCEPT")
        if concept is not None and (label := _v(concept, "PREFLABEL")):
            eurovoc.setdefault(_v(concept, "IDENTIFIER") or label, label)
    subject_matter = [
        label
        for el in work.findall("RESOURCE_LEGAL_IS_ABOUT_SUBJECT-MATTER")
        for s in el
        if (label := _v(s, "PREFLABEL"))
    ]
    directory = [
        f"{_v(s, 'OP-CODE')} {_v(s, 'PREFLABEL')}"
        for el in work.findall("RESOURCE_LEGAL_IS_ABOUT_CONCEPT_DIRECTORY-CODE")
        for s in el
        if _v(s, "PREFLABEL")
    ]

    # --- relations
    relations, other_consolidations = _relations(work, doc_id=doc_id, celex=celex)

    # --- stage
    stage, stage_raw = None, None
    for ev in sorted(
        (e for e in event_items if e.stage not in {Stage.OTHER, Stage.IN_FORCE}), key=lambda e: e.date or dt.date.min
    ):
        stage, stage_raw = ev.stage, ev.raw
    in_force_flag = _v(work, "RESOURCE_LEGAL_IN-FORCE/VALUE")
    if in_force_flag == "true" and in_force_dates:
        stage, stage_raw = Stage.IN_FORCE, "RESOURCE_LEGAL_IN-FORCE true"

    # --- aliases
    aliases: list[str] = []
    if number := celex_to_eu_number(celex):
        aliases.append(number)
        m = re.match(
            r"^(Regulation|Directive|Decision)\s*(\((?:EU|EC|EEC|Euratom|EU, Euratom)\))?\s*(?:No\s*)?"
            + re.escape(number)
            + r"\b",
            title,
        )
        if m:
            aliases.append(normalize_inline(f"{m.group(1)} {m.group(2) or ''} {number}"))
    for short in re.findall(r"\(([^()]*?\b(?:Act|Regulation|Directive))\)", title):
        if "EEA relevance" not in short:
            aliases.append(normalize_inline(short))
    if identifiers.get("procedure"):
        aliases.append(identifiers["procedure"])
    aliases = list(dict.fromkeys(aliases))

    extra: dict[str, Any] = {}
    if date_signature:
        extra["date_signature"] = date_signature.isoformat()
    if in_force_flag is not None:
        extra["in_force"] = in_force_flag == "true"
    if application:
        extra["dates_of_application"] = application
    if deadlines:
        extra["deadlines"] = deadlines
    if end := _date(work.find("RESOURCE_LEGAL_DATE_END-OF-VALIDITY")):
        extra["end_of_validity"] = end.isoformat()
    if eurovoc:
        extra["eurovoc"] = eurovoc
    if subject_matter:
        extra["subject_matter"] = list(dict.fromkeys(subject_matter))
    if directory:
        extra["directory_codes"] = list(dict.fromkeys(directory))
    if dossier_title:
        extra["procedure_title"] = dossier_title
    if other_consolidations:
        extra["consolidations_of_amended_acts"] = other_consolidations
    if last_mod := _v(work, "LASTMODIFICATIONDATE/VALUE"):
        extra["notice_last_modified"] = last_mod  # informative only: it can be older than relations (dossier §5.4)

    resource_type = _v(work, "WORK_HAS_RESOURCE-TYPE/OP-CODE")
    doc_type = RESOURCE_TYPES.get(resource_type or "") or doc_type_from_celex(celex)
    yield DocumentItem(
        doc_id=doc_id,
        source=SOURCE,
        jurisdiction=Jurisdiction.EU.value,
        doc_type=doc_type,
        title=title,
        language="en",
        identifiers=identifiers,
        aliases=aliases,
        stage=stage,
        stage_raw=stage_raw,
        date_adopted=date_document or date_signature,
        date_published=date_published,
        date_in_force=in_force_dates[0][0] if in_force_dates else None,
        url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}",
        subjects=list(eurovoc.values()),
        ai_relevant=True if "3030" in eurovoc else None,  # EuroVoc 3030 = artificial intelligence
        extra=extra,
    )
    yield from relations
    yield from event_items
    yield from _related_documents(work, relations, event_items, celex=celex, dossier_title=dossier_title)


def _event_reference(docs: list[str]) -> str | None:
    """The document an event is about, most telling first: COM proposal, EP text, OJ, Council document."""
    for pattern in (
        r"^COM\(",
        r"^P\d_TA",
        r"^P\d_A",
        r"^L_\d",
        r"^\d{5}[A-Z]{1,2}\d{4}$",
        r"^(ST|PE)[ _]",
        r"^(EESC|COR)-",
    ):
        for d in docs:
            if re.match(pattern, d):
                return d
    return docs[0] if docs else None


def _relations(work: Any, *, doc_id: str, celex: str) -> tuple[list[RelationItem], list[str]]:
    grouped: dict[tuple[RelationKind, str], RelationItem] = {}
    for prop, kind in RELATION_PROPERTIES.items():
        for link in work.findall(prop):
            ids = _uri_ids(link)
            target = _target_celex(ids)
            if not target or target == celex:
                continue
            key = (kind, target)
            rel = grouped.get(key)
            if rel is None:
                rel = RelationItem(
                    doc_id=doc_id, kind=kind, target_id=celex_doc_id(target), target_label=act_label(target)
                )
                grouped[key] = rel
                detail = rel.detail
                if ids.get("eli"):
                    detail["eli"] = _eli_path(ids["eli"][0])
                if ids.get("oj"):
                    detail["oj"] = ids["oj"][0]
                if ids.get("cellar"):
                    detail["cellar"] = ids["cellar"][0]
                if kind == RelationKind.BASED_ON and (
                    m := re.match(r"^treaty/(tfeu|teu)_\d{4}/art_(\w+)/", detail.get("eli", ""))
                ):
                    rel.target_label = f"{m.group(1).upper()}, Article {m.group(2)}"  # legal basis: a treaty article
                coms = [c for raw in ids.get("immc", []) if (c := normalize_com(raw))]
                if coms:
                    detail["com"] = coms[0]
                    rel.target_label = rel.target_label or coms[0]
                if kind == RelationKind.CORRECTED_BY:
                    m = re.search(r"corrigendum:(\d{4}-\d{2}-\d{2})", (ids.get("eli") or [""])[0])
                    if m:
                        rel.date = parse_date(m.group(1))
                        detail["corrigendum_date"] = m.group(1)
                    rel.target_label = f"Corrigendum {target}"
            for ann in link.findall("ANNOTATION"):
                if langs := _v(ann, "LANGUAGE_LIST"):
                    rel.detail["languages"] = [x.strip() for x in langs.split(",") if x.strip()]
                loc = _v(ann, "REFERENCE_TO_MODIFIED_LOCATION")
                if loc and kind in {
                    RelationKind.AMENDS,
                    RelationKind.AMENDED_BY,
                    RelationKind.CORRECTED_BY,
                    RelationKind.CORRECTS,
                    RelationKind.REPEALS,
                    RelationKind.REPEALED_BY,
                }:
                    provision, pkey = provision_from_location(loc)
                    role = strip_codes(_v(ann, "ROLE2") or "")
                    entry: dict[str, Any] = {"provision": provision, "action": AMENDMENT_ROLES.get(role, role or None)}
                    if pkey:
                        entry["key"] = pkey
                    if valid := _v(ann, "START_OF_VALIDITY"):
                        entry["valid_from"] = valid
                    entry["raw"] = strip_codes(loc)
                    rel.detail.setdefault("provisions", []).append(entry)
                if kind in {RelationKind.AMENDS, RelationKind.AMENDED_BY} and (valid := _v(ann, "START_OF_VALIDITY")):
                    d = parse_date(valid)
                    if d and (rel.date is None or d < rel.date):
                        rel.date = d
    for rel in grouped.values():
        if "provisions" in rel.detail:
            rel.detail["provisions"].sort(key=lambda p: (_provision_sort_key(p["raw"]), p["action"] or ""))

    # consolidated versions: one relation per consolidated CELEX of *this* act
    base = celex[1:] if celex.startswith("3") else None
    consolidations: dict[str, RelationItem] = {}
    others: list[str] = []
    for prop in CONSOLIDATION_PROPERTIES:
        for link in work.findall(prop):
            ids = _uri_ids(link)
            cons_ids = ids.get("consolidation", [])
            target = _target_celex(ids)
            if not target:
                continue
            if base is None or not target.startswith(f"0{base}-"):
                if target not in others:
                    others.append(target)
                continue
            rel = consolidations.get(target)
            if rel is None:
                rel = RelationItem(
                    doc_id=doc_id,
                    kind=RelationKind.CONSOLIDATED_BY,
                    target_id=celex_doc_id(target),
                    target_label=f"Consolidated text {target}",
                    date=parse_date(target.rsplit("-", 1)[1]),
                    detail={"consolidations": [], "languages": [], "cellar": []},
                )
                consolidations[target] = rel
            for c in cons_ids:
                if c not in rel.detail["consolidations"]:
                    rel.detail["consolidations"].append(c)
            for c in ids.get("cellar", []):
                if c not in rel.detail["cellar"]:
                    rel.detail["cellar"].append(c)
            if ids.get("eli") and "eli" not in rel.detail:
                rel.detail["eli"] = _eli_path(ids["eli"][0])
            for lang in _lang_codes(link.find("EMBEDDED_NOTICE")):
                if lang not in rel.detail["languages"]:
                    rel.detail["languages"].append(lang)
    for rel in consolidations.values():
        for k in ("consolidations", "languages", "cellar"):
            rel.detail[k] = sorted(rel.detail[k])
        # a consolidation id with a _NNNNNNN suffix is language-specific (a corrigendum touched some languages)
        rel.detail["language_specific"] = [c for c in rel.detail["consolidations"] if "_" in c]
    relations = sorted(grouped.values(), key=lambda r: (r.kind.value, r.target_id))
    relations += sorted(consolidations.values(), key=lambda r: r.target_id)
    return relations, sorted(others)


def _provision_sort_key(raw: str) -> tuple[Any, ...]:
    out: list[Any] = []
    for part in raw.split():
        m = re.match(r"^\(?(\d+)([a-z]*)\)?$", part)
        out.append((0, int(m.group(1)), m.group(2)) if m else (1, 0, part))
    return tuple(out)


def _related_documents(
    work: Any, relations: list[RelationItem], events: list[EventItem], *, celex: str, dossier_title: str | None
) -> Iterator[DocumentItem]:
    """Minimal documents for the proposal this act adopts and the acts that amend it, with only what the notice says."""
    note = f"known from the notice of {celex}"
    for rel in relations:
        target = rel.target_id.rsplit("/", 1)[-1]
        if rel.kind == RelationKind.ADOPTS:
            proposed = next((e.date for e in events if e.stage == Stage.PROPOSED), None)
            identifiers = {"celex": target}
            if rel.detail.get("com"):
                identifiers["com"] = rel.detail["com"]
            if rel.detail.get("cellar"):
                identifiers["cellar"] = rel.detail["cellar"]
            title = dossier_title or rel.target_label or target
            notes = [note]
            if dossier_title:
                notes.append("title is the title of its procedure in the notice")
            yield DocumentItem(
                doc_id=rel.target_id,
                source=SOURCE,
                jurisdiction=Jurisdiction.EU.value,
                doc_type=DocType.PROPOSAL,
                title=title,
                identifiers=identifiers,
                aliases=[a for a in [rel.detail.get("com")] if a],
                date_introduced=proposed,
                url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{target}",
                notes=notes,
            )
        elif rel.kind == RelationKind.AMENDED_BY and (label := act_label(target)):
            identifiers = {"celex": target}
            for k in ("eli", "oj", "cellar"):
                if rel.detail.get(k):
                    identifiers[k] = rel.detail[k]
            yield DocumentItem(
                doc_id=rel.target_id,
                source=SOURCE,
                jurisdiction=Jurisdiction.EU.value,
                doc_type=doc_type_from_celex(target),
                title=label,
                identifiers=identifiers,
                aliases=[a for a in [celex_to_eu_number(target), label] if a],
                url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{target}",
                notes=[note],
            )
