"""Japan: the e-Gov 法令 API v2 (laws.e-gov.go.jp/api/2) and the Japanese Law Translation database.

- ``/law_revisions/{law_id}`` (JSON) — a law's revision history: ``law_info`` (law id, law number 令和七年法律第五十三号,
  promulgation date) and ``revisions[]`` (law_revision_id, title, abbreviation, category, amendment promulgation and
  enforcement dates, amending law, ``current_revision_status`` CurrentEnforced / PreviousEnforced / …).
- ``/law_file/xml/{law_revision_id}`` — the standard law XML (``<Law Lang="ja" Era= Year= Num= LawType=>``:
  LawNum, LawTitle, MainProvision → Part / Chapter / Section / Article / Paragraph / Item / Sentence,
  SupplProvision).
- japaneselawtranslation.go.jp ``…/download/…/*.xml`` — the official English translation in the same element
  vocabulary (``<Law Lang="en">``, J-STATUTE DTD; the file starts with a byte-order mark). It is a reference
  translation: only the Japanese text has legal effect.

One law is one document, ``jp/law/{law_id}``. Each revision's Japanese text is a version dated by its enforcement
date; the English translation is a ``translation`` version with the same ref (``jp/law/{law_id}``), linked by the
store to the latest Japanese text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import english_date, iso_date, load_json, load_xml, squash
from store.identifiers import JP_ERAS, doc_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, Provision, VersionItem
from store.normalize import normalize_text
from store.vocab import DocType, Stage, VersionKind
from texts.jp import split_jp_xml

SOURCE = "jp_egov"
SOURCE_LABEL = "e-Gov 法令API v2"
JLT_LABEL = "Japanese Law Translation"
API = "https://laws.e-gov.go.jp/api/2"
TRANSLATION_NOTE = (
    "Official English translation from the Japanese Law Translation database (japaneselawtranslation.go.jp), for "
    "reference: only the Japanese text has legal effect."
)

# e-Gov law ids start with the era's digit (law_revisions: law_num_era).
ERA_DIGITS = {"Meiji": 1, "Taisho": 2, "Showa": 3, "Heisei": 4, "Reiwa": 5}
LAW_TYPES = {"Act": ("AC", DocType.ACT, "法律"), "CabinetOrder": ("CO", DocType.GOVERNMENT_RESOLUTION, "政令")}
# current_revision_status -> the stage of the law while that revision is the current one.
REVISION_STATUS: dict[str, Stage] = {
    "CurrentEnforced": Stage.IN_FORCE,
    "PreviousEnforced": Stage.IN_FORCE,
    "UnEnforced": Stage.PUBLISHED,
    "Repeal": Stage.REPEALED,
}


def law_doc_id(law_id: str) -> str:
    return doc_id("jp", "law", law_id.strip().upper())


def law_id_from(era: str, year: str | int, law_type: str, num: str | int) -> str | None:
    """The e-Gov law id of a law number given as the XML root attributes.

    >>> law_id_from("Reiwa", "07", "Act", "053")
    '507AC0000000053'
    """
    digit = ERA_DIGITS.get(era)
    kind = LAW_TYPES.get(law_type)
    if digit is None or kind is None:
        return None
    return f"{digit}{int(year):02d}{kind[0]}{int(num):010d}"


def revision_url(revision_id: str) -> str:
    return f"{API}/law_file/xml/{revision_id}"


def revisions_url(law_id: str) -> str:
    return f"{API}/law_revisions/{law_id}"


def page_url(law_id: str) -> str:
    return f"https://laws.e-gov.go.jp/law/{law_id}"


# --- revision history -------------------------------------------------------------------------------------------


def parse_law_revisions(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """/law_revisions/{law_id} -> the law's document and its dated promulgation and enforcement events."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    info = data.get("law_info") if isinstance(data, dict) else None
    revisions = data.get("revisions") if isinstance(data, dict) else None
    if not isinstance(info, dict) or not isinstance(revisions, list) or not info.get("law_id"):
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} revision history has no law_info.law_id or revisions list.")
        return
    law_id = str(info["law_id"])
    did = law_doc_id(law_id)
    law_num = str(info.get("law_num") or "")
    current = next((r for r in revisions if r.get("current_revision_status") == "CurrentEnforced"), None)
    latest = current or (revisions[0] if revisions else {})
    abbrev = unicodedata.normalize("NFKC", latest.get("abbrev") or "")
    aliases = [a for a in (law_num, abbrev, _english_number(info)) if a]
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="JP",
        doc_type=LAW_TYPES.get(str(info.get("law_type")), ("", DocType.OTHER, ""))[1],
        title=latest.get("law_title") or law_num or law_id,
        language="ja",
        identifiers={k: v for k, v in {"law_id": law_id, "law_num": law_num}.items() if v},
        aliases=aliases,
        stage=REVISION_STATUS.get(str(latest.get("current_revision_status"))),
        stage_raw=latest.get("current_revision_status") or None,
        date_published=iso_date(info.get("promulgation_date")),
        date_in_force=min((d for r in revisions if (d := iso_date(r.get("amendment_enforcement_date")))), default=None),
        url=page_url(law_id),
        subjects=[c for c in {r.get("category") for r in revisions} if c],
        extra={
            k: v
            for k, v in {
                "title_kana": latest.get("law_title_kana"),
                "revision_ids": [r.get("law_revision_id") for r in revisions],
            }.items()
            if v
        },  # fmt: skip
    )
    if promulgated := iso_date(info.get("promulgation_date")):
        yield EventItem(doc_id=did, date=promulgated, stage=Stage.PUBLISHED, raw=f"{law_num} 公布", reference=law_num)
    for rev in revisions:
        yield from _revision_events(did, law_num, rev)


def _english_number(info: dict[str, Any]) -> str | None:
    era, year, num = info.get("law_num_era"), info.get("law_num_year"), info.get("law_num_num")
    if era not in JP_ERAS or not str(year or "").isdigit() or not str(num or "").isdigit():
        return None
    kind = "Act" if info.get("law_num_type") == "Act" else "Cabinet Order"
    return f"{kind} No. {int(num)} of {JP_ERAS[era] + int(year) - 1}"


def _revision_events(did: str, law_num: str, rev: dict[str, Any]) -> Iterator[EventItem]:
    amending = rev.get("amendment_law_num") or rev.get("amendment_law_title")
    enforced = iso_date(rev.get("amendment_enforcement_date"))
    if amending and (promulgated := iso_date(rev.get("amendment_promulgate_date"))):
        yield EventItem(
            doc_id=did, date=promulgated, stage=Stage.AMENDED, raw=f"{amending} 公布（改正）", reference=amending
        )
    if enforced:
        what = f"{amending} 施行" if amending else f"{law_num} 施行"
        comment = rev.get("amendment_enforcement_comment")
        yield EventItem(doc_id=did, date=enforced, stage=Stage.IN_FORCE,
                        raw=what + (f"（{comment}）" if comment else ""), reference=rev.get("law_revision_id"))  # fmt: skip


# --- law texts ----------------------------------------------------------------------------------------------------


def _law_meta(root: Any) -> tuple[str | None, str, str]:
    """(law id, law number, title) of a law XML."""
    law_id = law_id_from(
        root.get("Era") or "", root.get("Year") or "0", root.get("LawType") or "", root.get("Num") or "0"
    )
    return law_id, squash(root.findtext("LawNum")), squash(root.findtext("LawBody/LawTitle"))


def parse_law_file(body: bytes, *, url: str, revision_id: str | None = None, enforced: str | None = None,
                   first: bool = False, **_: Any) -> Iterator[Item]:  # fmt: skip
    """e-Gov ``/law_file/xml/…`` (Japanese) -> the law's document and the version of one revision.

    ``revision_id``, ``enforced`` (the revision's enforcement date) and ``first`` (the law as first in force) come
    from the revision history the spider read first.
    """
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="Law")
    if failure:
        yield failure
        return
    law_id, law_num, title = _law_meta(root)
    if not law_id:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law XML has no Era/Year/Num/LawType to name the law by.")
        return
    if (root.get("Lang") or "ja") != "ja":
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law XML is in {root.get('Lang')!r}, not Japanese.")
        return
    did = law_doc_id(law_id)
    abbrev = unicodedata.normalize("NFKC", root.find("LawBody/LawTitle").get("Abbrev") or "")
    yield DocumentItem(doc_id=did, source=SOURCE, jurisdiction="JP", doc_type=LAW_TYPES.get(root.get("LawType") or "",
                       ("", DocType.OTHER, ""))[1], title=title or law_num, language="ja",
                       identifiers={"law_id": law_id, "law_num": law_num}, aliases=[a for a in (law_num, abbrev) if a],
                       url=page_url(law_id))  # fmt: skip
    provisions = split_jp_xml(root)
    when = iso_date(enforced)
    label = f"{law_num}（{when.isoformat() + ' 施行' if when else '現行'}）"
    yield VersionItem(
        doc_id=did,
        label=label,
        kind=VersionKind.ORIGINAL if first else VersionKind.EDITION,
        date=when,
        language="ja",
        text=_text(title, law_num, provisions),
        provisions=provisions,
        source_url=url,
        notes=[f"e-Gov revision {revision_id}"] if revision_id else [],
        ref=law_doc_id(law_id),
    )


def _text(title: str, number: str, provisions: list[Provision]) -> str:
    top = [p.text for p in provisions if p.kind in ("part", "chapter", "section", "article", "addendum")
           and not (p.kind == "article" and (p.parent or "").startswith("suppl"))]  # fmt: skip
    return normalize_text("\n\n".join([title, number, *top]))


def parse_translation(body: bytes, *, url: str, title: str | None = None, **_: Any) -> Iterator[Item]:
    """A Japanese Law Translation XML (``<Law Lang="en">``) -> the English ``translation`` version of the law.

    ``title``: the law's Japanese title as the spider knows it; with it the document learns its English title and
    English law number as aliases (the English file alone never renames the document).
    """
    root, failure = load_xml(body, url=url, source=JLT_LABEL, root="Law")
    if failure:
        yield failure
        return
    if (root.get("Lang") or "") != "en":
        yield ParseFailure(url=url, reason=f"{JLT_LABEL} file is in {root.get('Lang')!r}, not English.")
        return
    law_id, law_num, title_en = _law_meta(root)
    if not law_id:
        yield ParseFailure(url=url, reason=f"{JLT_LABEL} file has no Era/Year/Num/LawType to name the law by.")
        return
    did = law_doc_id(law_id)
    if title:
        yield DocumentItem(doc_id=did, source=SOURCE, jurisdiction="JP", title=title, language="ja",
                           aliases=[a for a in (title_en, law_num) if a],
                           extra={"title_en": title_en} if title_en else {})  # fmt: skip
    provisions = split_jp_xml(root)
    promulgated = root.get("OriginalPromulgateDate")
    yield VersionItem(
        doc_id=did,
        label=f"English translation: {law_num}" if law_num else "English translation",
        kind=VersionKind.TRANSLATION,
        date=english_date(promulgated),  # the translation renders the Act as promulgated that day
        language="en",
        text=_text(title_en, law_num, provisions),
        provisions=provisions,
        source_url=url,
        notes=[TRANSLATION_NOTE]
        + ([f"Translation of the Act as promulgated on {promulgated}."] if promulgated else []),
        ref=law_doc_id(law_id),
    )
