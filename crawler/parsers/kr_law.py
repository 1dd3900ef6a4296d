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

from texts.ru import roman_to_int
from crawler.parsers.world import iso_date, load_xml, squash, text_of
from store.identifiers import doc_id, kr_act_citation
from store.items import DocumentItem, EventItem, Item, ParseFailure, Provision, VersionItem
from store.normalize import normalize_text
from store.vocab import DocType, Stage, VersionKind

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
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} answered with error {code}: {squash(root.findtext('resultMsg'))}.")
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
        extra={k: v for k, v in {"ministry": first.get("소관부처명"), "title_en": first.get("법령명영문")}.items() if v},
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

_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}  # ① .. ⑳
_DIVISION = re.compile(r"^제\s*(\d+)\s*(편|장|절|관)(?:의\s*(\d+))?\s*(.*)$")
_DIVISION_KIND = {"편": ("part", "pt"), "장": ("chapter", "ch"), "절": ("section", "sec"), "관": ("subsection", "sub")}
_ITEM_NUMBER = re.compile(r"^(\d+)(?:의(\d+))?\.?$")


def paragraph_number(raw: str) -> str:
    """'②' -> '2'; '3' -> '3'.

    >>> paragraph_number("⑫"), paragraph_number(" 3 ")
    ('12', '3')
    """
    s = raw.strip()
    return _CIRCLED.get(s, s)


def item_number(raw: str) -> str:
    """'4의2.' -> '4-2'; '1.' -> '1'.

    >>> item_number("4의2."), item_number("12.")
    ('4-2', '12')
    """
    m = _ITEM_NUMBER.match(raw.strip())
    if not m:
        return raw.strip().rstrip(".")
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)


def article_label(number: str) -> str:
    """'17-2' -> '제17조의2' (the way Korean law names an article)."""
    base, _, branch = number.partition("-")
    return f"제{base}조" + (f"의{branch}" if branch else "")


def _lines(el: Any, tag: str) -> str:
    return normalize_text("\n".join(squash(t) for t in text_of(el.find(tag)).split("\n") if t.strip()))


def split_kr_articles(root: Any) -> list[Provision]:
    """The provisions of a law.go.kr ``<법령>`` text: divisions (편/장/절/관), articles (제N조, 제N조의M) with their
    paragraphs (항 ①②…) and items (호 1. 2. 4의2.), then each addendum (부칙). Keys: ``ch_1``, ``art_17-2``,
    ``art_6.par_2``, ``art_6.par_2.item_7``, ``add_21311``; labels as Korean law cites them (제6조제2항제7호)."""
    out: list[Provision] = []
    divisions: dict[str, Provision] = {}
    order = ["part", "chapter", "section", "subsection"]
    for unit in root.iter("조문단위"):
        if unit.findtext("조문여부") == "전문":
            line = _lines(unit, "조문내용")
            m = _DIVISION.match(line)
            if not m:
                continue
            kind, prefix = _DIVISION_KIND[m.group(2)]
            number = m.group(1) + (f"-{m.group(3)}" if m.group(3) else "")
            for lower in order[order.index(kind) :]:
                divisions.pop(lower, None)
            parent = next((divisions[k].key for k in reversed(order) if k in divisions), None)
            key = f"{prefix}_{number}" if kind in ("part", "chapter") else f"{parent}.{prefix}_{number}"
            node = Provision(key=key, kind=kind, number=number, label=line.split()[0] if line else key,
                             heading=m.group(4).strip() or None, text=line, parent=parent)  # fmt: skip
            divisions[kind] = node
            out.append(node)
            continue
        out.extend(_article(unit, parent=next((divisions[k].key for k in reversed(order) if k in divisions), None)))
    for add in root.iter("부칙단위"):
        number = squash(add.findtext("부칙공포번호"))
        text = normalize_text("\n".join(squash(t) for t in text_of(add.find("부칙내용")).split("\n") if t.strip()))
        head = text.split("\n", 1)[0]
        out.append(Provision(key=f"add_{number or len(out)}", kind="addendum", number=number or None, label=head,
                             heading=None, text=text, parent=None))  # fmt: skip
    return out


def _article(unit: Any, *, parent: str | None) -> list[Provision]:
    number = squash(unit.findtext("조문번호"))
    branch = squash(unit.findtext("조문가지번호"))
    if branch and branch != "0":
        number = f"{number}-{branch}"
    key = f"art_{number}"
    label = article_label(number)
    lines = [_lines(unit, "조문내용")]
    children: list[Provision] = []
    for para in unit.findall("항"):
        p_num = paragraph_number(squash(para.findtext("항번호")))
        p_text = _lines(para, "항내용")
        p_key = f"{key}.par_{p_num}" if p_num else key
        p_lines = [p_text] if p_text else []
        lines += p_lines
        items: list[Provision] = []
        for item in para.findall("호"):
            i_num = item_number(squash(item.findtext("호번호")))
            i_lines = [_lines(item, "호내용")] + [_lines(sub, "목내용") for sub in item.findall("목")]
            i_text = "\n".join(x for x in i_lines if x)
            lines.append(i_text)
            p_lines.append(i_text)
            base = p_key if p_num else key
            i_base, _, i_branch = i_num.partition("-")
            i_label = f"{label}{f'제{p_num}항' if p_num else ''}제{i_base}호" + (f"의{i_branch}" if i_branch else "")
            items.append(Provision(key=f"{base}.item_{i_num}", kind="point", number=i_num, label=i_label,
                                   heading=None, text=i_text, parent=base))  # fmt: skip
        if p_num:
            children.append(Provision(key=p_key, kind="paragraph", number=p_num, label=f"{label}제{p_num}항",
                                      heading=None, text="\n".join(p_lines), parent=key))  # fmt: skip
        children.extend(items)
    text = "\n".join(x for x in lines if x)
    article = Provision(key=key, kind="article", number=number, label=label,
                        heading=squash(unit.findtext("조문제목")) or None, text=text, parent=parent)  # fmt: skip
    return [article, *children]


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
        aliases=[a for a in (squash(info.findtext("법령명약칭")), squash(info.findtext("법령명_영어")), act,
                             f"Act No. {int(number)}" if kind == "법률" else None) if a],
        extra={k: v for k, v in {"ministry": squash(info.findtext("소관부처")),
                                 "title_en": squash(info.findtext("법령명_영어"))}.items() if v},  # fmt: skip
    )
    provisions = split_kr_articles(root)
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

_EN_ARTICLE = re.compile(r"^Article\s+(\d+(?:-\d+)?)\s*(?:\(([^)]*)\))?")


def split_kr_translation(root: Any) -> list[Provision]:
    """The provisions of a law.go.kr English translation (``<JoSection><Jo>``): chapters and articles
    (``Article 17-2 (…)``, same keys as the Korean text: ``art_17-2``), then the addenda (``<ArSection><Ar>``)."""
    out: list[Provision] = []
    chapter: Provision | None = None
    for jo in root.iter("Jo"):
        text = normalize_text(text_of(jo.find("joCts")))
        if not text:
            continue
        if jo.findtext("joYn") == "N" and (sec := re.match(r"^SECTION\s+(\d+)\s*(.*)$", text, re.I)) and chapter:
            out.append(Provision(key=f"{chapter.key}.sec_{sec.group(1)}", kind="section", number=sec.group(1),
                                 label=f"Section {sec.group(1)}", heading=sec.group(2).strip() or None, text=text,
                                 parent=chapter.key))  # fmt: skip
            continue
        if jo.findtext("joYn") == "N":
            m = re.match(r"^CHAPTER\s+([IVXLC]+|\d+)\b\s*(.*)$", text, re.I)
            numeral = m.group(1).upper() if m else ""
            value = int(numeral) if numeral.isdigit() else roman_to_int(numeral)
            number = str(value) if value else None
            chapter = Provision(key=f"ch_{number}" if number else f"ch_{len(out)}", kind="chapter", number=number,
                                label=f"Chapter {numeral}" if m else text.split("\n")[0],
                                heading=m.group(2).strip() or None if m else None, text=text, parent=None)  # fmt: skip
            out.append(chapter)
            continue
        m = _EN_ARTICLE.match(text)
        number = m.group(1) if m else str(int(squash(jo.findtext("joNo")) or 0))
        out.append(Provision(key=f"art_{number}", kind="article", number=number, label=f"Article {number}",
                             heading=(m.group(2) if m else None) or squash(jo.findtext("joTtl")) or None, text=text,
                             parent=chapter.key if chapter else None))  # fmt: skip
    for ar in root.iter("Ar"):
        number = squash(ar.findtext("arAncNo"))
        text = normalize_text(text_of(ar.find("arCts")))
        out.append(Provision(key=f"add_{number or len(out)}", kind="addendum", number=number or None,
                             label=text.split("\n", 1)[0], heading=None, text=text, parent=None))  # fmt: skip
    return out


def _translation(root: Any, *, url: str) -> Iterator[Item]:
    info = root.find("InfSection")
    law_id = squash(info.findtext("lsId")) if info is not None else ""
    number = squash(info.findtext("ancNo")) if info is not None else ""
    if not law_id or not number.isdigit():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} English translation has no lsId or ancNo.")
        return
    title_en = squash(info.findtext("lsNmEng"))
    promulgated = iso_date(squash(info.findtext("ancYd")))
    did = law_doc_id(law_id)
    # No document item here: the English file names the law only in English, and the document (described by the
    # search index the spider reads first) keeps its Korean title.
    provisions = split_kr_translation(root)
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
