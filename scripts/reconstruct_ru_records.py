"""Write the Russian demo records: ``demo/records/ru/*`` and ``demo/records/ru/manifest.json``.

The real Russian samples (../shared/samples/ru-cn) are not about AI, so the demo also needs the Russian AI acts.
They are rebuilt here as responses in each source's *documented* format from the acts' **real** metadata and real
text only. Nothing is invented: a field whose value could not be verified is null, and every entry says so in its
manifest note. Reconstructed bodies are also copied to ``tests/examples/ru/*_documented_example.json`` so the
parsers are tested on exactly what the demo replays.

Verified facts and where (search of public pages, 2026):
- Decree No. 490 of 10.10.2019 «О развитии искусственного интеллекта в Российской Федерации», eo 0001201910110003,
  published 11.10.2019: dossier §9 (row 1); a public verification note quoting the official portal (publication
  number and date); lenta.ru 11.10.2019 (decree posted on the official legal portal).
- Decree No. 124 of 15.02.2024 amends Decree 490 and the Strategy: dossier §9 (row 2); normativ.kontur.ru
  (document 465635, full title); itpgrad.ru.
- 123-ФЗ of 24.04.2020, full title: dossier §9 (row 3); 24news.am quoting Российская газета.
- 258-ФЗ of 31.07.2020 «Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации»
  (original title): dossier §9 (row 5); aurora-journals.com, isiksp.ru, base.garant.ru/75022907.
- 233-ФЗ of 08.08.2024 (eo 0001202408080031): number, date, eo from dossier §9 (row 4); its title was NOT verified
  and is left null.
- Bill 922869-7 «Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации»,
  card https://sozd.duma.gov.ru/bill/922869-7: ouzs.ru analytical note. That note says it was introduced on
  14.03.2020 (a Saturday); with a single third-party source the date is left null.
- Bill 922869-7 on its SOZD card (demo/records/ru/sozd_bill_922869-7.html): adopted by the State Duma in third reading
  on 22.07.2020 (dumatv.ru, 22.07.2020; cis-legislation.com rgn=126433 «Accepted by the State Duma on July 22,
  2020»), approved by the Federation Council on 24.07.2020 (cis-legislation.com rgn=126433), signed 31.07.2020 (the
  law's date), published 31.07.2020 (eo 0001202007310024). The introduction, first and second readings, initiator and
  committees were NOT verified and are left out (not shown as undated stages either).
- regulation.gov.ru npa=166424 (dossier §9 row 20): «Об основах государственного регулирования сфер применения
  технологий искусственного интеллекта в Российской Федерации», a federal-law draft by Минцифры, published for public
  discussion on 18.03.2026 (ict-online.ru news 324082; urbc.ru 19.03.2026; osnmedia.ru 18.03.2026 citing TASS). End
  of discussion, status, projectId and the text files are unknown and left null/empty.
- The publication date of each federal act = the date inside its eoNumber ({block}{YYYYMMDD}{index}, dossier §3).
- Document-type GUIDs: real sample pravo-publication_api-DocumentTypes.json; the President's signatory GUID
  225698f1-… is the one on the Указ items of the real search sample.

    python scripts/reconstruct_ru_records.py
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.parsers.ru_ebpi import redactions_url, redtext_url  # noqa: E402
from texts.ru import join_wrapped_lines  # noqa: E402

OUT = ROOT / "demo" / "records" / "ru"
EXAMPLES = ROOT / "tests" / "examples" / "ru"
STRATEGY = EXAMPLES / "ru_decree-490_strategy_2024-edition_pdf-extract.txt"  # committed verbatim copy
CT = "application/json; charset=utf-8"

PRAVO = "http://publication.pravo.gov.ru/api/Documents"
AI_SEARCH_URL = f"{PRAVO}?DocumentText={quote('искусственного интеллекта')}&PageSize=30&Index=1"
EO_SEARCH_URL = PRAVO + "?EoNumber={eo}"
NEWEST_URL = f"{PRAVO}?PageSize=10&Index=1"
DUMA = "http://api.duma.gov.ru/api/{token}/search.json"
DUMA_NUMBER_URL = DUMA + "?number={number}&app_token={app_token}"
SOZD_CARD = "https://sozd.duma.gov.ru/bill/{number}"
REGULATION_API = "https://regulation.gov.ru/api/public/Projects/{id}"
DRAFT_166424_TITLE = "Об основах государственного регулирования сфер применения технологий искусственного интеллекта в Российской Федерации"
BILL_922869_TITLE = "Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации"

T_LAW = "82a8bf1c-3bc7-47ed-827f-7affd43a7f27"
T_DECREE = "0790e34b-784b-4372-884e-3282622a24bd"
PRESIDENT = "225698f1-cfbc-4e42-9caa-32f9f7403211"
EO_490 = "0001201910110003"
# Who made each demo record (demo/records/*/manifest.json: provenance, recorded_by, recorded_at; README "The demo").
RECONSTRUCTED_BY = "ailaw (scripts/reconstruct_ru_records.py)"
RECONSTRUCTED_AT = "2026-11-25"  # when these reconstructions were first committed
RECORDED_BY = {  # the third-party recordings the real Russian responses are copied from (samples MANIFEST ru-cn)
    "pravo-publication_api-Documents_search.json":
        "mikhashev/law7 @ c49c73ee6838ba6c9e26e23290bbf111616620d0 (scripts/samples/documents_search_sample.json)",
    "duma-api_search_sort-last_event_date_page1.json":
        "Gelassen/government-rus @ d0a7c1fd273d897305403ff85e388711722664ff "
        "(app/src/main/assets/mocks/mock_api_laws_page_1.json)",
    "duma-api_search_name-sud_page1.json":
        "Gelassen/government-rus @ 7818a5eab057dc0c89be87bfd41d302c7979e525 "
        "(app/src/main/assets/mocks/mock_api_search_positive.json)",
}  # fmt: skip

# The ЕБПИ edition ids (redid) of Decree 490 are not known offline: these are placeholders, said so in the notes.
REDID_INITIAL = "unknown-490-initial"
REDID_2024 = "unknown-490-2024"
EDITION_2024_CAPTION = "на 15.02.2024 (№ 124 от 15.02.2024), актуальная редакция"


def act(*, eo: str, type_id: str, type_word: str, date: str, number: str, name: str | None, signatory: str | None):
    """One /api/Documents item with the real fields we know; unknown ones null (same keys as the real sample)."""
    d, m, y = date.split(".")
    head = f"{type_word} от {date} № {number}"
    published = f"{eo[4:8]}-{eo[8:10]}-{eo[10:12]}T00:00:00"
    return {
        "eoNumber": eo,
        "hasSvg": None,
        "zipFileLength": None,
        "publishDateShort": published,
        "complexName": f'{head}\n "{name}"' if name else head,
        "pagesCount": None,
        "pdfFileLength": None,
        "jdRegNumber": None,
        "jdRegDate": None,
        "name": name,
        "number": number,
        "documentDate": f"{y}-{m}-{d}T00:00:00",
        "signatoryAuthorityId": signatory,
        "documentTypeId": type_id,
        "title": f'{head}<br /> "{name}"' if name else head,
        "viewDate": f"{eo[10:12]}.{eo[8:10]}.{eo[4:8]}",
        "id": None,
    }


DECREE_490 = act(
    eo=EO_490,
    type_id=T_DECREE,
    type_word="Указ Президента Российской Федерации",
    date="10.10.2019",
    number="490",
    name="О развитии искусственного интеллекта в Российской Федерации",
    signatory=PRESIDENT,
)
LAW_123 = act(
    eo="0001202004240030",
    type_id=T_LAW,
    type_word="Федеральный закон",
    date="24.04.2020",
    number="123-ФЗ",
    name=(
        "О проведении эксперимента по установлению специального регулирования в целях создания необходимых "
        "условий для разработки и внедрения технологий искусственного интеллекта в субъекте Российской "
        "Федерации - городе федерального значения Москве и внесении изменений в статьи 6 и 10 Федерального "
        'закона "О персональных данных"'
    ),
    signatory=None,
)
LAW_233 = act(
    eo="0001202408080031",
    type_id=T_LAW,
    type_word="Федеральный закон",
    date="08.08.2024",
    number="233-ФЗ",
    name=None,
    signatory=None,
)
LAW_258 = act(
    eo="0001202007310024",
    type_id=T_LAW,
    type_word="Федеральный закон",
    date="31.07.2020",
    number="258-ФЗ",
    name="Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации",
    signatory=None,
)


def page(items: list[dict]) -> dict:
    return {"items": items, "itemsTotalCount": len(items), "itemsPerPage": 30, "currentPage": 1, "pagesTotalCount": 1}


def strategy_html() -> str:
    """The real Strategy text (2024 edition) as ЕБПИ edition HTML: one <p> per paragraph, headings class H.

    Only the layout changes: the PDF's hard line breaks are joined into paragraphs (texts.ru.join_wrapped_lines);
    no word of the text is altered.
    """
    from texts.ru import split_ru

    paragraphs = join_wrapped_lines(STRATEGY.read_text(encoding="utf-8"))
    headings = {p.text for p in split_ru("\n".join(paragraphs)) if p.kind in {"section", "text"}}
    out = []
    for i, par in enumerate(paragraphs, start=1):
        cls = ' class="H"' if par in headings else ""
        out.append(f'<p id="p{i}"{cls}>{html.escape(par, quote=False)}</p>')
    return "\n".join(out)


def sozd_card_html(
    *,
    number: str,
    title: str,
    annotation: str | None = None,
    status: str | None = None,
    law_number: str | None = None,
    passport: list[tuple[str, str]] = (),
    blocks: list[tuple[str, str, list[tuple[str, str, str | None, list[tuple[str, str, str]]]]]] = (),
    comment: str,
) -> str:
    """A SOZD bill card in the structure the dossier §2.2 documents (selectors of public scrapers).

    ``blocks``: (stage class ``bhiN``, stage name, events), an event = (eventnum, name, ISO date or None,
    attachments [(GUID, format, title)]). Only what the caller passes is written: no field is filled in.
    """
    e = lambda v: html.escape(v, quote=True)  # noqa: E731
    out = [
        "<!DOCTYPE html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f"<title>Законопроект № {e(number)}</title></head><body>",
        f"<!-- {e(comment)} -->",
        '<div class="oz_header">',
        f'<span id="number_oz_id">{e(number)}</span>',
        f'<span class="oz_naimen" id="oz_name">{e(title)}</span>',
    ]
    if annotation:
        out.append(f'<p class="p_namecomment">{e(annotation)}</p>')
    if status:
        out.append(f'<span id="current_oz_status">{e(status)}</span>')
    if law_number:
        out.append(
            f'<span data-toggle="tooltip" data-original-title="Номер федерального закона">{e(law_number)}</span>'
        )
    out.append("</div>")
    if passport:
        out.append('<div id="opc_hild"><table>')
        for label, value in passport:
            out.append(
                f'<tr><td class="td_hild_l w25p"><span class="opch_l_txt">{e(label)}</span></td>'
                f'<td class="td_hild_r">{e(value)}</td></tr>'
            )
        out.append("</table></div>")
    out.append('<div class="bh_wrap">')
    for cls, name, events in blocks:
        out.append(f'<div class="root-stage bh_item {cls}"><a class="lnk_stage" href="#">{e(name)}</a>')
        for eventnum, ev_name, date_iso, files in events:
            if date_iso:
                y, m, d = date_iso.split("-")
                out.append(
                    f'<div class="oz_event bh_etap with_datatime" data-eventnum="{e(eventnum)}" '
                    f'data-eventdate="{date_iso}"><span class="name">{e(ev_name)}</span>'
                    f'<span class="mob_not">{d}.{m}.{y}</span>'
                )
            else:
                out.append(
                    f'<div class="oz_event bh_etap bh_etap_not" data-eventnum="{e(eventnum)}">'
                    f'<span class="name">{e(ev_name)}</span>'
                )
            if files:
                out.append('<div class="event_files event_files_drag">')
                for guid, fmt, doc_title in files:
                    out.append(
                        f'<span><a class="ico_file ico-{fmt}" href="/download/{guid}">'
                        f'<div class="doc_wrap">{e(doc_title)}</div></a></span>'
                    )
                out.append("</div>")
            out.append("</div>")
        out.append("</div>")
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []

    def write(name: str, data: object, url: str, note: str, example: str | None = None, content_type: str = CT) -> None:
        path = OUT / name
        body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        path.write_text(body, encoding="utf-8")
        entries.append(
            {
                "url": url,
                "status": 200,
                "content_type": content_type,
                "file": f"demo/records/ru/{name}",
                "reconstructed": True,
                "provenance": "reconstructed",
                "recorded_by": RECONSTRUCTED_BY,
                "recorded_at": RECONSTRUCTED_AT,
                "note": note,
            }
        )
        if example:
            shutil.copyfile(path, EXAMPLES / example)

    fmt_pravo = "Reconstructed in the documented format of publication.pravo.gov.ru /api/Documents (official help page)"
    write(
        "pravo_documents_ai-search.json",
        page([DECREE_490, LAW_123, LAW_233]),
        AI_SEARCH_URL,
        f"{fmt_pravo} from the acts' real metadata (Указ № 490 от 10.10.2019, eo 0001201910110003; 123-ФЗ от "
        "24.04.2020, eo 0001202004240030; 233-ФЗ от 08.08.2024, eo 0001202408080031); not a recorded response. "
        "Only these three acts are listed, so the paging fields describe this reconstruction, not the live total. "
        "publishDateShort/viewDate come from the date inside each eoNumber; the title of 233-ФЗ, publication GUIDs, "
        "page counts and PDF sizes were not verified and are null. Sources: dossier §9, kontur.ru, Российская газета.",
        "pravo-publication_api-Documents_ai-search_documented_example.json",
    )
    write(
        "pravo_documents_eo-0001202007310024.json",
        page([LAW_258]),
        EO_SEARCH_URL.format(eo="0001202007310024"),
        f"{fmt_pravo} from the act's real metadata (258-ФЗ от 31.07.2020, eo 0001202007310024, original title "
        "«Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации»); not a recorded "
        "response. Publication date from the eoNumber; GUID, pages and PDF size unknown (null).",
    )
    write(
        "ebpi_redactions_decree-490.json",
        {
            "redactions": [
                {
                    "redid": REDID_INITIAL,
                    "reddate": "20191010",
                    "redcaption": "на 10.10.2019, недействующая редакция",
                    "redstatus": "недействующая",
                    "statename": None,
                    "actual": False,
                    "redinitial": True,
                    "redcompleted": None,
                    "hascontent": None,
                    "redtype": None,
                },
                {
                    "redid": REDID_2024,
                    "reddate": "20240215",
                    "redcaption": EDITION_2024_CAPTION,
                    "redstatus": "актуальная",
                    "statename": None,
                    "actual": True,
                    "redinitial": False,
                    "redcompleted": True,
                    "hascontent": None,
                    "redtype": None,
                },
            ]
        },
        redactions_url(EO_490),
        "Reconstructed in the format of the actual.pravo.gov.ru (ЕБПИ) redactions API as described in the source "
        "dossier §2.4 (undocumented API known from public client code) from the act's real edition history: "
        "Decree No. 490 of 10.10.2019, amended by Decree No. 124 of 15.02.2024 (kontur.ru, itpgrad.ru); not a "
        "recorded response. The edition ids (redid) are placeholders because the real ids are not known offline; "
        "the caption's leading ordinal is omitted; statename/hascontent/redtype are unknown (null).",
        "ebpi_redactions_decree-490_documented_example.json",
    )
    write(
        "ebpi_redtext_decree-490_2024.json",
        {"redtext": strategy_html()},
        redtext_url(REDID_2024),
        "Reconstructed in the format of the actual.pravo.gov.ru (ЕБПИ) redtext API (dossier §2.4) around the real "
        "text of the National AI Strategy to 2030 in its 2024 edition (after Decree No. 124 of 15.02.2024), taken "
        "verbatim from ../shared/samples/ru-texts (a PDF extract; only line breaks were joined into paragraphs). "
        "The decree's own enacting points and signature block are not in the source text, so they are not here. "
        "This is not a recorded response; the redid in the URL is a placeholder.",
        "ebpi_redtext_decree-490-2024_documented_example.json",
    )
    # The Duma API record of 922869-7 is no longer replayed: the SOZD card is the preferred source for bills
    # (dossier §2.1: the API may be stale). Its documented example stays for the parser test.
    write(
        "sozd_bill_922869-7.html",
        sozd_card_html(
            number="922869-7",
            title=BILL_922869_TITLE,
            law_number="258-ФЗ",
            blocks=[
                ("bhi5", "Рассмотрение законопроекта в третьем чтении", [("5.1", "Принять закон", "2020-07-22", [])]),
                ("bhi6", "Рассмотрение закона в Совете Федерации", [("6.1", "Одобрить закон", "2020-07-24", [])]),
                (
                    "bhi7",
                    "Рассмотрение закона Президентом Российской Федерации",
                    [("7.1", "Подписан Президентом Российской Федерации", "2020-07-31", [])],
                ),
                ("bhi8 bhi11 green", "Опубликование закона", [("8.1", "Закон опубликован", "2020-07-31", [])]),
            ],
            comment="Reconstructed by ailaw from verified facts in the documented SOZD card structure; not a recorded page.",
        ),
        SOZD_CARD.format(number="922869-7"),
        "Reconstructed in the SOZD bill-card structure documented in the source dossier §2.2 (selectors of public "
        "scrapers; no real card was recorded) from verified facts only; not a recorded response. Number and title: "
        "ouzs.ru analytical note linking the SOZD card; enacted as 258-ФЗ of 31.07.2020 (dossier §9; "
        "aurora-journals.com, base.garant.ru/75022907). Adopted by the State Duma in third reading on 22.07.2020 "
        "(dumatv.ru «В России введут экспериментальные правовые режимы», 22.07.2020; cis-legislation.com "
        "rgn=126433 «Accepted by the State Duma on July 22, 2020»); approved by the Federation Council on "
        "24.07.2020 (cis-legislation.com rgn=126433); signed on 31.07.2020 (the law's date); published on "
        "31.07.2020 (the date inside eo 0001202007310024, dossier §3/§9). Left out because not verified: the "
        "introduction date (one third-party page says 14.03.2020), the first and second readings, the initiator, "
        "committees, annotation, attachments (their GUIDs), and SOZD's own event wording: stage names follow the "
        "dossier's SOZD vocabulary (§4), event numbers (data-eventnum) are illustrative.",
        "sozd_bill-922869-7_documented_example.html",
        content_type="text/html; charset=utf-8",
    )

    write(
        "regulation_project_166424.json",
        {
            "id": 166424,
            "projectId": None,
            "title": DRAFT_166424_TITLE,
            "developedDepartment": {"description": "Минцифры России"},
            "projectType": {"id": 1, "description": "Федеральный закон"},
            "procedure": {"id": 2, "description": "Публичное обсуждение"},
            "stage": "Discussion",
            "status": None,
            "publicationDate": "2026-03-18",
            "creationDate": None,
            "endPublicDiscussion": None,
            "stages": [
                {
                    "stage": "Discussion",
                    "values": [
                        {
                            "description": "Дата начала публичного обсуждения",
                            "type": "DateTime",
                            "values": ["2026-03-18"],
                        },
                        {"description": "Дата окончания публичного обсуждения", "type": "DateTime", "values": []},
                    ],
                }
            ],
        },
        REGULATION_API.format(id=166424),
        "Reconstructed in the regulation.gov.ru project-card JSON shape described in the source dossier §2.6 (fields "
        "seen in public client code; no real response was ever recorded) from verified facts only; not a recorded "
        "response. Project id 166424 = the Минцифры draft law on the fundamentals of AI regulation (dossier §9 row 20). "
        "Title «Об основах государственного регулирования сфер применения технологий искусственного интеллекта в "
        "Российской Федерации», developer Минцифры, a federal-law draft, published on the draft-acts portal for public "
        "discussion on 18.03.2026: ict-online.ru (news 324082, «18 марта … для общественного обсуждения»), urbc.ru "
        "(19.03.2026), osnmedia.ru (18.03.2026, citing TASS). Unknown and left null/empty: projectId, the end date of "
        "the discussion, the current status (whether the discussion is still open), creation date, the text files "
        "(so the draft has no text version). The department string and the stage code are the dossier's forms.",
        "regulation_project-166424_documented_example.json",
    )

    # A pending bill card for the parser test only (not in the demo): every documented element — passport,
    # annotation, status, attachments, stages still ahead without a date. The bill is a placeholder, said so.
    (EXAMPLES / "sozd_bill-card-pending_documented_example.html").write_text(
        sozd_card_html(
            number="1234567-8",
            title="Образец карточки законопроекта (построен по описанию структуры СОЗД; не реальный законопроект)",
            annotation="(образец аннотации: о внесении изменений в отдельные законодательные акты)",
            status="Рассмотрение законопроекта в первом чтении",
            passport=[
                ("Субъект права законодательной инициативы", "Правительство Российской Федерации"),
                ("Форма законопроекта", "Федеральный закон"),
                ("Ответственный комитет", "Комитет по информационной политике, информационным технологиям и связи"),
                ("Отрасль законодательства", "Информация и информатизация"),
            ],
            blocks=[
                (
                    "bhi1",
                    "Внесение законопроекта в Государственную Думу",
                    [
                        (
                            "1.1",
                            "Внесён в Государственную Думу, зарегистрирован",
                            "2026-02-24",
                            [
                                ("00000000-0000-0000-0000-000000000001", "pdf", "Текст внесённого законопроекта"),
                                ("00000000-0000-0000-0000-000000000002", "rtf", "Пояснительная записка"),
                            ],
                        )
                    ],
                ),
                (
                    "bhi2",
                    "Предварительное рассмотрение законопроекта, внесенного в Государственную Думу",
                    [("2.1", "Назначить ответственный комитет", "2026-03-02", [])],
                ),
                (
                    "bhi3",
                    "Рассмотрение законопроекта в первом чтении",
                    [("3.1", "Принять законопроект в первом чтении", None, [])],
                ),
                (
                    "bhi4",
                    "Рассмотрение законопроекта во втором чтении",
                    [("4.1", "Принять законопроект во втором чтении", None, [])],
                ),
            ],
            comment="Built by ailaw from the documented SOZD structure (dossier §2.2); placeholder bill, not a recorded page.",
        ),
        encoding="utf-8",
    )

    # --- real recorded samples (trimmed copies live in tests/examples/ru) ---------------------------------------
    real = [
        (
            "pravo-publication_api-Documents_search.json",
            NEWEST_URL,
            "Real recorded response of publication.pravo.gov.ru /api/Documents (page 1, 10 newest items; copy from "
            "mikhashev/law7 scripts/samples/documents_search_sample.json). The source did not record the query string; "
            "the response is the default newest-first listing, replayed here at ?PageSize=10&Index=1. None of these acts "
            "is about AI.",
        ),
        (
            "duma-api_search_sort-last_event_date_page1.json",
            "http://api.duma.gov.ru/api/{token}/search.json?sort=last_event_date&limit=20&app_token={app_token}&page=1",
            "Real recorded State Duma API response (2022-06; Gelassen/government-rus mock_api_laws_page_1.json), trimmed "
            "to 7 of its 20 laws (3 newest, 4 rejected/withdrawn); count/page/wording untouched. None is about AI.",
        ),
        (
            "duma-api_search_name-sud_page1.json",
            "http://api.duma.gov.ru/api/{token}/search.json?app_token={app_token}&page=1&name=" + quote("суд"),
            "Real recorded State Duma API keyword search (name=суд; Gelassen/government-rus mock_api_search_positive.json),"
            " trimmed to 5 of its 20 laws. None is about AI.",
        ),
    ]
    for name, url, note in real:
        entries.append(
            {
                "url": url,
                "status": 200,
                "content_type": CT,
                "file": f"tests/examples/ru/{name}",
                "reconstructed": False,
                "provenance": "copied",
                "recorded_by": RECORDED_BY[name],  # the recording's date is not known for these: no recorded_at
                "note": note,
            }
        )

    (OUT / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} manifest entries to {OUT / 'manifest.json'}")


if __name__ == "__main__":
    main()
