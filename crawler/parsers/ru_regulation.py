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
start/end of each public discussion, and the files of each stage in ``extra["files"]``. The card itself never
invents a version: the spider downloads each file that is a text of the draft (:func:`is_draft_text`) and
:func:`parse_draft_text` turns it — DOCX, PDF, DOC, RTF, HTML or plain text, read by
``texts.extract_text`` — into a VersionItem (kind DRAFT) dated by the file's date (dossier §4:
"a new version of the text file in a stage = a new draft version"; the store keeps one per SHA-256).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from crawler.parsers.files import file_version
from crawler.parsers.ru_pravo import load_json, one_line
from store.dates import fast_date
from store.identifiers import doc_id, normalize_regulation_id, normalize_regulation_project_id, regulation_alias
from store.items import DocumentItem, EventItem, Item, ParseFailure
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
        aliases=[a for a in (npa, regulation_alias(npa) if npa else None, project_id) if a],
        stage=Stage.DRAFT,
        stage_raw=stage_raw,
        date_introduced=published,
        url=card_url(npa),
        subjects=[department] if department else [],
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )
    yield from sorted(events, key=lambda e: e.date or published)


# Which stage files are texts of the draft (dossier §2.6: «Текущая версия текста проекта», type File). A stage also
# carries documents about the draft — the summary report (сводный отчёт) and explanatory note of an ОРВ, conclusions,
# notices — which are not versions of its text. The value's description decides; without one, the file name
# («Проект приказа.docx»).
_DRAFT_TEXT = re.compile(r"\bтекст\w*\b.*\bпроект|^(?:текущая\s+)?(?:редакция|версия)\b.*\bпроект|^проект\b")
_NOT_DRAFT_TEXT = re.compile(r"сводн\w* отч|пояснительн|заключени|уведомлени|обосновани|отзыв|справк|перечень|таблиц")


def is_draft_text(file: dict[str, Any]) -> bool:
    """Whether a stage file listed on a card (``extra["files"]`` entry) is a text of the draft.

    >>> is_draft_text({"description": "Текущая версия текста проекта", "name": "Проект.docx"})
    True
    >>> is_draft_text({"description": None, "name": "Проект приказа.docx"})
    True
    >>> is_draft_text({"description": "Сводный отчет о проведении оценки регулирующего воздействия"})
    False
    """
    said = (file.get("description") or file.get("name") or "").lower().replace("ё", "е")
    return bool(said) and not _NOT_DRAFT_TEXT.search(said) and bool(_DRAFT_TEXT.search(said))


def draft_file_label(file: dict[str, Any]) -> str:
    """«Текущая версия текста проекта — Публичное обсуждение текста проекта, 18.03.2026».

    >>> draft_file_label({"description": "Текущая версия текста проекта", "stage": "Оценка регулирующего воздействия",
    ...                   "date": "2026-04-02"})
    'Текущая версия текста проекта — Оценка регулирующего воздействия, 02.04.2026'
    """
    day = fast_date(file["date"]) if file.get("date") else None
    tail = ", ".join(p for p in (file.get("stage"), f"{day:%d.%m.%Y}" if day else "") if p)
    head = file.get("description") or file.get("name") or "Текст проекта"
    return f"{head} — {tail}" if tail else head


def parse_draft_text(
    body: bytes,
    *,
    url: str,
    project: str,
    label: str = "Текст проекта",
    date: str | None = None,
    content_type: str | None = None,
    content_disposition: str | bytes | None = None,
    download_url: str | None = None,
    **_: Any,
) -> Iterator[Item]:
    """One text file of a draft -> VersionItem kind DRAFT, or one ParseFailure naming the file.

    DOCX, PDF, DOC, RTF, HTML (UTF-8 or windows-1251, from ``<meta charset>`` or the content type) or plain text;
    the format from ``Content-Disposition``, the content type, then the magic bytes. A WAF page, a damaged file or
    a scan without a text layer is refused with one sentence.
    """
    npa = normalize_regulation_id(project)
    if npa is None:
        yield ParseFailure(url=url, reason=f"{SOURCE_LABEL} draft text: unknown project id {project!r}.")
        return
    yield from file_version(
        body,
        url=url,
        what=f"{SOURCE_LABEL} project {npa}, file «{label}»",
        doc_id=doc_id("ru", "regulation", npa),
        label=label,
        kind=VersionKind.DRAFT,
        date=date,
        download_url=download_url,
        content_disposition=content_disposition,
        content_type=content_type,
        html_is_text=True,
    )
