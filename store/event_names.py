"""Readable names of the procedure-event codes Cellar records for an EU act's dossier (``ADP_byCOM``…).

An EU event is stored with its raw code (``Event.raw``, the part of the event id after the date); wherever a timeline
is shown, the code is named in words with the code kept beside it: "Adoption by Commission (ADP_byCOM)".
English names are the labels of the Publications Office's authority table "event" where a recorded notice carries
them (``EVENT_LEGAL_HAS_TYPE_CONCEPT_TYPE_EVENT_LEGAL/PREFLABEL``) or the EUR-Lex procedure page's name of the step;
the others (marked "dossier") are worded from the source dossier (eu.md §5.5) and the code's parts.
Stages of the same codes: ``crawler.parsers.eu_cellar.EVENT_STAGE_RULES``.
"""

from __future__ import annotations

# code -> {"en": …, "ru": …}
EU_EVENTS: dict[str, dict[str, str]] = {
    "ADP_byCOM": {"en": "Adoption by Commission", "ru": "Принятие Комиссией"},
    "ADP_PROPLEG_byCOM": {"en": "Adoption by Commission", "ru": "Принятие Комиссией"},
    "TRS_toCONSIL_byCOM": {"en": "Transmission to Council", "ru": "Направление в Совет"},
    "TRS_EP_byCOM": {"en": "Transmission to Parliament", "ru": "Направление в Парламент"},
    "DIS_byCONSIL": {
        "en": "Discussions within the Council or its preparatory bodies",
        "ru": "Обсуждение в Совете или его подготовительных органах",
    },
    "OPI_byEESC": {
        "en": "European Economic and Social Committee opinion",
        "ru": "Заключение Европейского экономического и социального комитета",
    },
    "OPI_byCOR": {"en": "Committee of Regions opinion", "ru": "Заключение Комитета регионов"},
    "OPI_byECB": {"en": "European Central Bank opinion", "ru": "Заключение Европейского центрального банка"},
    "OPI_R1_byEP": {"en": "EP opinion on 1st reading", "ru": "Заключение ЕП в первом чтении"},
    "ADP_R1_POS_byEP": {"en": "EP position at 1st reading", "ru": "Позиция ЕП в первом чтении"},
    "VOTE_byEP": {"en": "EP position at first reading", "ru": "Позиция ЕП в первом чтении"},
    "APR_R1_byCONSIL": {
        "en": "Approval by the Council of the EP position at 1st reading",
        "ru": "Одобрение Советом позиции ЕП в первом чтении",
    },
    "SIGN_byEP_CONSIL": {
        "en": "Signature by the President of the EP and by the President of the Council",
        "ru": "Подписание Председателем ЕП и Председателем Совета",
    },
    "PUB_OJ": {"en": "Publication in the Official Journal", "ru": "Опубликование в Официальном журнале"},
    # dossier
    "REF_OF_byEP": {
        "en": "Announcement in plenary and referral to EP committee(s)",
        "ru": "Объявление на пленарном заседании и передача в комитет(ы) ЕП",
    },
    "OPI_R1_byEP_CMT": {"en": "EP committee opinion, 1st reading", "ru": "Заключение комитета ЕП, первое чтение"},
    "REP_R1_byEP_CMT": {"en": "EP committee report, 1st reading", "ru": "Доклад комитета ЕП, первое чтение"},
    "ADP_REP_byEP_CMT": {"en": "EP committee adopts its report", "ru": "Комитет ЕП принимает доклад"},
    "ADP_APPRGEN_byCONSIL": {"en": "Council general approach", "ru": "Общий подход Совета"},
    "TABLING_toEP_PLENARY": {"en": "Report tabled for EP plenary", "ru": "Доклад внесён на пленарное заседание ЕП"},
    "AMEND_byEP": {
        "en": "EP amendments (negotiating position)",
        "ru": "Поправки ЕП (позиция для переговоров)",
    },
    "AMEND_R1_byEP": {"en": "EP amendments at 1st reading", "ru": "Поправки ЕП в первом чтении"},
    "REF_toCMT_NGTINST_byEP_PLEN": {
        "en": "Referral back to EP committee for interinstitutional negotiations",
        "ru": "Возврат в комитет ЕП для межинституциональных переговоров",
    },
    "DEBATE_byEP": {"en": "Debate in EP plenary", "ru": "Обсуждение на пленарном заседании ЕП"},
    "ENDORSE_AGRPROV_COREPER_byCONSIL": {
        "en": "Coreper endorses the provisional agreement",
        "ru": "Корепер одобряет предварительное соглашение",
    },
    "APR_AGRPROV_CONSIL_byEP_CMT": {
        "en": "EP committee approves the provisional agreement",
        "ru": "Комитет ЕП одобряет предварительное соглашение",
    },
}


#: Events the Cellar parser words itself (crawler/parsers/eu_cellar.py), by how their text starts.
EU_EVENT_STARTS: dict[str, dict[str, str]] = {
    "entry into force": {"en": "entry into force", "ru": "вступление в силу"},
}


def event_name(raw: str | None, lang: str = "en") -> str:
    """A timeline's wording of an event: a Cellar code named in words with the code kept, other text as recorded.

    >>> event_name("DIS_byCONSIL")
    'Discussions within the Council or its preparatory bodies (DIS_byCONSIL)'
    >>> event_name("ADP_byCOM", "ru")
    'Принятие Комиссией (ADP_byCOM)'
    >>> event_name("Внесение законопроекта в Государственную Думу")
    'Внесение законопроекта в Государственную Думу'
    >>> event_name("entry into force (EV: DATPUB +20 V ART 113)", "ru")
    'вступление в силу (EV: DATPUB +20 V ART 113)'
    """
    raw = raw or ""
    names = EU_EVENTS.get(raw)
    if not names:
        for start, words in EU_EVENT_STARTS.items():  # worded by the parser, with the notice's own comment after
            if raw.startswith(start):
                return (words.get(lang) or words["en"]) + raw[len(start) :]
        return raw
    return f"{names.get(lang) or names['en']} ({raw})"
