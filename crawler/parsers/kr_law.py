"""South Korea: the national law information service's Open API (law.go.kr DRF), XML.

- ``lawSearch.do?target=eflaw`` — the effective-date index of a law: one row per promulgated text and phase
  (법령일련번호 MST, 현행연혁코드 현행 / 시행예정 / 연혁, 공포일자, 공포번호, 시행일자, 제개정구분명);
  ``target=elaw`` — the index of the government's English translations (법령명영문).
- ``lawService.do?target=eflaw&MST=…&efYd=…`` — the Korean text of one phase: ``<법령>`` with ``<기본정보>``,
  ``<조문>`` (조문단위: 전문 = a chapter heading, 조문 = an article with 항 / 호 / 목), ``<부칙>``, ``<개정문>``,
  ``<제개정이유>``; ``target=elaw&MST=…`` — the English translation: ``<Law>`` with ``<InfSection>``,
  ``<JoSection><Jo>``, ``<ArSection><Ar>``.

One law (법령ID) is one document, ``kr/law/{법령ID}``. Each phase of each promulgated text is a version dated by
the day it takes effect (시행일자); the English translation is a ``translation`` version of the same document with
the same ref (``kr/law/{법령ID}/{공포번호}``), so the store links it to the Korean text it renders and the UI shows
them side by side. Only the Korean text is authoritative.

The recorded requests carry the caller's registered id in ``OC``; ailaw writes ``OC={oc}`` in its archives
(crawler/spiders/kr_law.py) so that no caller id is ever stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.world import iso_date, load_xml, squash, text_of
from store.identifiers import doc_id, kr_act_citation
from store.items import DocumentItem, EventItem, Item, ParseFailure, VersionItem
from store.vocab import DocType, Stage, VersionKind
from texts.kr import split_kr_translation_xml, split_kr_xml

SOURCE = "kr_law"
SOURCE_LABEL = "law.go.kr (국가법령정보 Open API)"
BASE = "https://www.law.go.kr"
TRANSLATION_NOTE = (
    "English translation published on law.go.kr by the Korean government's law information service, for reference: "
    "only the Korean text is authoritative."
)

# 제개정구분 (kind of promulgation) -> the stage its promulgation marks.
REVISION_STAGES: dict[str, Stage] = {
    "제정": Stage.PUBLISHED,  # enactment
    "일부개정": Stage.AMENDED,  # partial amendment
    "전부개정": Stage.AMENDED,  # full amendment
    "타법개정": Stage.AMENDED,  # amended by another act
    "폐지": Stage.REPEALED,
    "타법폐지": Stage.REPEALED,  # repealed by another act
}
# 법령구분 / 법종구분 -> document type.
LAW_KINDS: dict[str, DocType] = {
    "법률": DocType.ACT,
    "대통령령": DocType.DECREE,
    "총리령": DocType.ORDER,
    "부령": DocType.ORDER,
}
STATUS_EN = {"현행": "in force", "시행예정": "to take effect", "연혁": "historical"}


def law_doc_id(law_id: str) -> str:
    """'014820' -> 'kr/law/014820' (법령ID, the id of a law across all its versions)."""
    return doc_id("kr", "law", law_id.strip())


def text_ref(law_id: str, promulgation_number: str | int) -> str:
    """The ref shared by the Korean text of one promulgated act and its English translation."""
    return f"{law_doc_id(law_id)}/{int(promulgation_number)}"


def revision_stage(raw: str | None) -> Stage:
    """
    >>> revision_stage("제정"), revision_stage("타법개정"), revision_stage("모름")
    (<Stage.PUBLISHED: 'published'>, <Stage.AMENDED: 'amended'>, <Stage.OTHER: 'other'>)
    """
    return REVISION_STAGES.get((raw or "").strip(), Stage.OTHER)


def page_url(mst: str) -> str:
    """The law's page on law.go.kr for one text (lsiSeq = 법령일련번호)."""
    return f"{BASE}/LSW/lsInfoP.do?lsiSeq={mst}"


# --- search indexes -------------------------------------------------------------------------------------------


def search_rows(root: Any) -> list[dict[str, str]]:
    """The rows of a lawSearch response as plain dicts (tag -> text), in the source's order."""
    rows = []
    for law in root.iter("law"):
        row = {child.tag: squash(text_of(child)) for child in law if isinstance(child.tag, str)}
        if row.get("법령명영문"):
            row["법령명영문"] = squash(re.sub(r"<[^>]+>", "", row["법령명영문"]))
        rows.append(row)
    return rows


def parse_law_search(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """lawSearch.do (``eflaw`` or ``elaw``) -> one document per law with its promulgations and effective dates."""
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root="LawSearch")
    if failure:
        yield failure
        return
    code = squash(root.findtext("resultCode"))
    if code and code != "00":
        yield ParseFailure(
            url=url, reason=f"{SOURCE_LABEL} answered with error {code}: {squash(root.findtext('resultMsg'))}."
        )
        return
    by_law: dict[str, list[dict[str, str]]] = {}
    for row in search_rows(root):
        if row.get("법령ID"):
            by_law.setdefault(row["법령ID"], []).append(row)
    for law_id, rows in by_law.items():
        yield from _law_from_rows(law_id, rows)


def _law_from_rows(law_id: str, rows: list[dict[str, str]]) -> Iterator[Item]:
    did = law_doc_id(law_id)
    first = rows[0]
    kind = first.get("법령구분명") or "법률"
    statuses = {r.get("현행연혁코드") for r in rows}
    current = next((r for r in rows if r.get("현행연혁코드") == "현행"), None)
    enactment = next((r for r in rows if r.get("제개정구분명") == "제정"), None)
    aliases = [a for a in (first.get("법령약칭명"), first.get("법령명영문")) if a]
    aliases += [kr_act_citation(r["공포번호"], kind) for r in rows if r.get("공포번호", "").isdigit()]
    if "현행" in statuses:
        stage, stage_raw = Stage.IN_FORCE, "현행"
    elif "시행예정" in statuses:
        stage, stage_raw = Stage.PUBLISHED, "시행예정"
    else:
        stage, stage_raw = None, None
    identifiers = {"law_id": law_id}
    if current and current.get("공포번호"):
        identifiers["promulgation_number"] = current["공포번호"]
        identifiers["mst"] = current.get("법령일련번호", "")
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="KR",
        doc_type=LAW_KINDS.get(kind, DocType.OTHER),
        title=first.get("법령명한글") or law_id,
        language="ko",
        identifiers={k: v for k, v in identifiers.items() if v},
        aliases=list(dict.fromkeys(aliases)),
        stage=stage,
        stage_raw=stage_raw,
        date_published=iso_date(enactment.get("공포일자")) if enactment else None,
        date_in_force=iso_date(enactment.get("시행일자")) if enactment else None,
        url=page_url(current["법령일련번호"]) if current else None,
        extra={
            k: v for k, v in {"ministry": first.get("소관부처명"), "title_en": first.get("법령명영문")}.items() if v
        },
    )
    for row in rows:
        yield from _row_events(did, kind, row)


def _row_events(did: str, kind: str, row: dict[str, str]) -> Iterator[EventItem]:
    number = row.get("공포번호", "")
    act = kr_act_citation(number, kind) if number.isdigit() else kind
    revision = row.get("제개정구분명") or ""
    if promulgated := iso_date(row.get("공포일자")):
        yield EventItem(doc_id=did, date=promulgated, stage=revision_stage(revision),
                        raw=f"{act} {revision} 공포".strip(), reference=act)  # fmt: skip
    if in_force := iso_date(row.get("시행일자")):
        yield EventItem(doc_id=did, date=in_force, stage=Stage.IN_FORCE, raw=f"{act} 시행", reference=act)


# --- the Korean text ------------------------------------------------------------------------------------------


def parse_law_service(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """lawService.do: the Korean text of one phase (``<법령>``) or its English translation (``<Law>``) -> the
    document's metadata and one version."""
    root, failure = load_xml(body, url=url, source=SOURCE_LABEL, root=("법령", "Law"))
    if failure:
        yield failure
        return
    if root.tag == "Law":
        yield from _translation(root, url=url)
        return
    info = root.find("기본정보")
    if info is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law text has no <기본정보> (basic information).")
        return
    law_id = squash(info.findtext("법령ID"))
    number = squash(info.findtext("공포번호"))
    if not law_id or not number.isdigit():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} law text has no 법령ID or 공포번호.")
        return
    kind = squash(info.findtext("법종구분")) or "법률"
    revision = squash(info.findtext("제개정구분"))
    promulgated = iso_date(squash(info.findtext("공포일자")))
    in_force = iso_date(squash(info.findtext("시행일자")))
    title = squash(info.findtext("법령명_한글"))
    did = law_doc_id(law_id)
    act = kr_act_citation(number, kind)
    yield DocumentItem(
        doc_id=did,
        source=SOURCE,
        jurisdiction="KR",
        doc_type=LAW_KINDS.get(kind, DocType.OTHER),
        title=title or law_id,
        language="ko",
        identifiers={"law_id": law_id},
        aliases=[
            a
            for a in (
                squash(info.findtext("법령명약칭")),
                squash(info.findtext("법령명_영어")),
                act,
                f"Act No. {int(number)}" if kind == "법률" else None,
            )
            if a
        ],
        extra={
            k: v
            for k, v in {
                "ministry": squash(info.findtext("소관부처")),
                "title_en": squash(info.findtext("법령명_영어")),
            }.items()
            if v
        },  # fmt: skip
    )
    provisions = split_kr_xml(root)
    text = "\n\n".join(p.text for p in provisions if p.kind in ("part", "chapter", "section", "subsection", "article",
                                                                  "addendum"))  # fmt: skip
    phase = in_force.isoformat() if in_force else "?"
    notes = []
    if staged := squash(info.findtext("조문시행일자문자열")):
        notes.append(f"Provisions taking effect on their own date (조문시행일자): {staged}")
    yield VersionItem(
        doc_id=did,
        label=f"{act} ({revision} {promulgated.isoformat() if promulgated else ''}), 시행 {phase}".replace(" )", ")"),
        kind=VersionKind.ORIGINAL if revision == "제정" else VersionKind.EDITION,
        date=in_force,
        language="ko",
        text=text,
        provisions=provisions,
        source_url=url,
        notes=notes,
        ref=text_ref(law_id, number),
    )
    if revision and promulgated:
        yield EventItem(doc_id=did, date=promulgated, stage=revision_stage(revision), raw=f"{act} {revision} 공포",
                        reference=act)  # fmt: skip


# --- the English translation ----------------------------------------------------------------------------------


def _translation(root: Any, *, url: str) -> Iterator[Item]:
    info = root.find("InfSection")
    law_id = squash(info.findtext("lsId")) if info is not None else ""
    number = squash(info.findtext("ancNo")) if info is not None else ""
    if not law_id or not number.isdigit():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} English translation has no lsId or ancNo.")
        return
    squash(info.findtext("lsNmEng"))
    promulgated = iso_date(squash(info.findtext("ancYd")))
    did = law_doc_id(law_id)
    # No document item here: the English file names the law only in English, and the document (described by the
    # search index the spider reads first) keeps its Korean title.
    provisions = split_kr_translation_xml(root)
    when = promulgated.isoformat() if promulgated else "?"
    yield VersionItem(
        doc_id=did,
        label=f"English translation of Act No. {int(number)} ({when})",
        kind=VersionKind.TRANSLATION,
        date=promulgated,
        language="en",
        text="\n\n".join(p.text for p in provisions),
        provisions=provisions,
        source_url=url,
        notes=[TRANSLATION_NOTE],
        ref=text_ref(law_id, number),
    )
