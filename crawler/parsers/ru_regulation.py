"""regulation.gov.ru (портал проектов нормативных правовых актов): a draft's JSON card -> the draft and its discussion.

Built from the source dossier §2.6 (fields seen in public client code; **no real recorded response exists**, so
the examples are documented and every shape must be confirmed live — tests/examples/ru/README.md):

    {id, projectId, title, developedDepartment{description}, projectType{id, description},
     procedure{id, description}, stage, status, publicationDate, creationDate, endPublicDiscussion,
     stages: [{stage, values: [{description, type: "DateTime" | "File" | …, values: [...]}]}]}

``projectType`` ids 1 ФЗ, 2 ведомственный акт, 3 указ, 4 постановление, 5 распоряжение; ``procedure`` ids
1 раскрытие информации, 2 публичное обсуждение, 3 ОРВ; ``stage`` Notification / Text / Discussion / Evaluation…;
``status`` Developing / Discussion / EndDiscussion… Stage detail values carry «Дата начала/окончания публичного
обсуждения» (DateTime) and «Текущая версия текста проекта» (File).

Output: a DocumentItem (kind DRAFT, stage DRAFT; id ``ru/regulation/{id}``), EventItems for the publication and the
start/end of each public discussion, and the text files of each stage in ``extra["files"]``. A file is a DOCX/PDF
on the portal: it becomes a VersionItem (kind DRAFT) through ``parse_draft_text`` once its text is fetched; the
card itself never invents one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from crawler.parsers.ru_ips import decode_html_bytes
from crawler.parsers.ru_pravo import load_json, one_line
from crawler.parsers.ru_structure import split_ru
from store.dates import fast_date
from store.identifiers import doc_id, normalize_regulation_id, normalize_regulation_project_id
from store.items import DocumentItem, EventItem, Item, ParseFailure, VersionItem
from store.normalize import normalize_text
from store.vocab import DocType, Stage, VersionKind

logger = logging.getLogger(__name__)

SOURCE = "ru_regulation"
SOURCE_LABEL = "regulation.gov.ru"
CARD = "https://regulation.gov.ru/projects#npa={id}"
API_CARD = "https://regulation.gov.ru/api/public/Projects/{id}"

# projectType.id -> (Russian kind, DocType of the act the draft would become). Dossier §2.6.
PROJECT_TYPES: dict[int, tuple[str, DocType]] = {
    1: ("Федеральный закон", DocType.FEDERAL_LAW),
    2: ("Ведомственный акт", DocType.ORDER),
    3: ("Указ Президента", DocType.DECREE),
    4: ("Постановление Правительства", DocType.GOVERNMENT_RESOLUTION),
    5: ("Распоряжение Правительства", DocType.GOVERNMENT_ORDER),
}
PROCEDURES: dict[int, str] = {
    1: "Раскрытие информации",
    2: "Публичное обсуждение",
    3: "Оценка регулирующего воздействия",
}
STAGES: dict[str, str] = {
    "notification": "Уведомление",
    "text": "Текст проекта",
    "discussion": "Публичное обсуждение текста проекта",
    "evaluation": "Оценка регулирующего воздействия",
}
STATUSES: dict[str, str] = {
    "developing": "Разработка",
    "discussion": "Обсуждение",
    "enddiscussion": "Обсуждение завершено",
}
_START, _END = "дата начала публичного обсуждения", "дата окончания публичного обсуждения"


def card_url(project: str | int) -> str:
    return CARD.format(id=project)


def api_card_url(project: str | int) -> str:
    return API_CARD.format(id=project)


def _described(value: Any, table: dict[int, str] | None = None) -> tuple[int | None, str | None]:
    if isinstance(value, dict):
        raw_id = value.get("id")
        ident = int(raw_id) if isinstance(raw_id, int | str) and str(raw_id).isdigit() else None
        text = one_line(value.get("description") or value.get("name")) or None
        if text is None and table is not None and ident is not None:
            text = table.get(ident)
        return ident, text
    if isinstance(value, str):
        return None, one_line(value) or None
    return None, None


def _word(value: Any, table: dict[str, str]) -> tuple[str | None, str | None]:
    """(raw, Russian) of a stage/status given as a code («Discussion») or an object with a description."""
    if isinstance(value, dict):
        value = value.get("code") or value.get("name") or value.get("description")
    raw = one_line(value) if isinstance(value, str) else ""
    if not raw:
        return None, None
    return raw, table.get(raw.lower(), raw)


def parse_project(body: bytes, *, url: str, **_: Any) -> Iterator[Item]:
    """A project card (JSON) -> DocumentItem + EventItems (publication, discussion start/end)."""
    data, failure = load_json(body, url=url, source=SOURCE_LABEL)
    if failure:
        yield failure
        return
    if not isinstance(data, dict) or data.get("id") is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} response is not a project card (no 'id').")
        return
    npa = normalize_regulation_id(str(data["id"]))
    if npa is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} project id is not a number: {data['id']!r}.")
        return
    title = one_line(data.get("title"))
    if not title:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} project {npa} has no title.")
        return
    ident = doc_id("ru", "regulation", npa)
    project_id = normalize_regulation_project_id(str(data.get("projectId") or ""))
    _, department = _described(data.get("developedDepartment"))
    type_id, kind = _described(data.get("projectType"))
    if kind is None and type_id in PROJECT_TYPES:
        kind = PROJECT_TYPES[type_id][0]
    _, procedure = _described(data.get("procedure"), PROCEDURES)
    stage_code, stage_ru = _word(data.get("stage"), STAGES)
    status_code, status_ru = _word(data.get("status"), STATUSES)

    # Discussion windows: per stage detail, with the card's endPublicDiscussion as a fallback.
    windows: list[tuple[str | None, Any, Any]] = []
    files: list[dict[str, Any]] = []
    for st in data.get("stages") or []:
        if not isinstance(st, dict):
            continue
        st_code, st_ru = _word(st.get("stage") or st.get("name"), STAGES)
        start = end = None
        for v in st.get("values") or []:
            if not isinstance(v, dict):
                continue
            desc = one_line(v.get("description")).lower()
            values = v.get("values") if isinstance(v.get("values"), list) else [v.get("value")]
            if v.get("type") == "DateTime" and values and values[0]:
                if desc.startswith(_START):
                    start = fast_date(str(values[0]))
                elif desc.startswith(_END):
                    end = fast_date(str(values[0]))
            elif v.get("type") == "File":
                for f in values:
                    if isinstance(f, dict):
                        files.append(
                            {
                                "stage": st_ru,
                                "description": one_line(v.get("description")) or None,
                                "name": one_line(f.get("name") or f.get("fileName")) or None,
                                "date": (d.isoformat() if (d := fast_date(str(f.get("date") or ""))) else None),
                                "url": f.get("url") or f.get("link"),
                            }
                        )
        if start or end:
            windows.append((st_ru or st_code, start, end))
    if not windows and data.get("endPublicDiscussion"):
        windows.append((stage_ru, None, fast_date(str(data["endPublicDiscussion"]))))

    published = fast_date(str(data.get("publicationDate") or ""))
    events: list[EventItem] = []
    if published:
        events.append(EventItem(doc_id=ident, date=published, stage=Stage.DRAFT, raw="Проект размещён на портале",
                                actor=department))  # fmt: skip
    for name, start, end in windows:
        label = (
            f"Публичное обсуждение ({name})"
            if name and "обсужд" not in name.lower()
            else (name or "Публичное обсуждение")
        )
        if start:
            events.append(
                EventItem(doc_id=ident, date=start, stage=Stage.DRAFT, raw=f"{label}: начало", actor=department)
            )
        if end:
            events.append(
                EventItem(doc_id=ident, date=end, stage=Stage.DRAFT, raw=f"{label}: окончание", actor=department)
            )

    stage_raw = " — ".join(p for p in (procedure, stage_ru, status_ru) if p) or None
    identifiers = {"regulation_id": npa}
    if project_id:
        identifiers["regulation_project_id"] = project_id
    extra: dict[str, Any] = {
        "department": department,
        "kind": kind,
        "act_doc_type": str(PROJECT_TYPES[type_id][1]) if type_id in PROJECT_TYPES else None,
        "procedure": procedure,
        "stage_code": stage_code,
        "status_code": status_code,
        "created": (d.isoformat() if (d := fast_date(str(data.get("creationDate") or ""))) else None),
        "files": files,
    }
    yield DocumentItem(
        doc_id=ident,
        source=SOURCE,
        jurisdiction="RU",
        doc_type=DocType.PROPOSAL,
        title=title,
        original_title=title,
        language="ru",
        identifiers=identifiers,
        aliases=[a for a in (npa, f"npa={npa}", project_id) if a],
        stage=Stage.DRAFT,
        stage_raw=stage_raw,
        date_introduced=published,
        url=card_url(npa),
        subjects=[department] if department else [],
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )
    yield from sorted(events, key=lambda e: e.date or published)


def parse_draft_text(
    body: bytes,
    *,
    url: str,
    project: str,
    label: str = "Текст проекта",
    date: str | None = None,
    content_type: str | None = None,
    **_: Any,
) -> Iterator[Item]:
    """One text file of a draft (HTML or plain text; UTF-8 or windows-1251) -> VersionItem kind DRAFT.

    DOCX/PDF files need text extraction first: for them this yields a ParseFailure naming the format.
    """
    npa = normalize_regulation_id(project)
    if npa is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} draft text: unknown project id {project!r}.")
        return
    if body[:4] == b"%PDF" or body[:2] == b"PK":
        fmt = "PDF" if body[:4] == b"%PDF" else "DOCX/ZIP"
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} draft text is a {fmt} file: extract its text first.")
        return
    text = decode_html_bytes(body, content_type=content_type)
    if "<" in text[:2000] and ">" in text[:2000]:
        import lxml.html

        root = lxml.html.document_fromstring(text)
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paragraphs = root.xpath("//p")
        text = "\n".join(p.text_content() for p in paragraphs) if paragraphs else root.text_content()
    text = normalize_text(text)
    if not text.strip():
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} draft text is empty.")
        return
    yield VersionItem(
        doc_id=doc_id("ru", "regulation", npa),
        label=label,
        kind=VersionKind.DRAFT,
        date=fast_date(date) if date else None,
        language="ru",
        text=text,
        provisions=split_ru(text),
        source_url=url,
    )
