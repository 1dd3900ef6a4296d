"""Rule tables for Russian sources: document types and Duma stages onto the one vocabulary (store.vocab).

Each table is small and reviewed; tests/crawler/test_ru_vocab.py checks one case per line. The raw Russian
wording is always kept beside the normalised value by the parsers (``stage_raw``, ``EventItem.raw``).
"""

from __future__ import annotations

import re

from store.vocab import DocType, Stage

# publication.pravo.gov.ru /api/DocumentTypes GUIDs (real sample pravo-publication_api-DocumentTypes.json).
# Only the types we map to something narrower than OTHER are listed; everything else falls back to the name.
PRAVO_DOCTYPE_GUIDS: dict[str, tuple[str, DocType]] = {
    "8fb60238-9fee-4a1b-9534-6d99ad0ceff0": ("Конституция", DocType.ACT),
    "e0c56da5-17f1-40ac-a10f-8a9a1cee0c4e": (
        "Закон Российской Федерации о поправке к Конституции Российской Федерации",
        DocType.ACT,
    ),
    "93273da3-3133-4acf-96c2-4adc1ae70e19": ("Федеральный конституционный закон", DocType.FEDERAL_LAW),
    "82a8bf1c-3bc7-47ed-827f-7affd43a7f27": ("Федеральный закон", DocType.FEDERAL_LAW),
    "0790e34b-784b-4372-884e-3282622a24bd": ("Указ", DocType.DECREE),
    "fd5a8766-f6fd-4ac2-8fd9-66f414d314ac": ("Постановление", DocType.GOVERNMENT_RESOLUTION),
    "7ff5b3b5-3757-44f1-bb76-3766cabe3593": ("Распоряжение", DocType.GOVERNMENT_ORDER),
    "2dddb344-d3e2-4785-a899-7aa12bd47b6f": ("Приказ", DocType.ORDER),
    "8910e61f-371d-490c-a1b8-aa7b8a5a48be": ("Закон", DocType.ACT),
    "e880fa45-e4f4-4db9-bba0-847666adebab": ("Областной закон", DocType.ACT),
    "16b9a101-4ce2-47d0-8a92-8b1aff72867a": ("Уставный закон", DocType.ACT),
    "97d902b9-cc94-4b01-9576-b4a7d4fde1fb": ("Конституционный закон", DocType.ACT),
    "28b0f778-037b-456d-b510-2029cd6ed4ca": ("Указание", DocType.ORDER),
}

# The first words of a complexName («Постановление Правительства Амурской области от …») -> DocType.
# Order matters: the first matching prefix wins. «Постановление»/«Распоряжение» are GOVERNMENT_* only when the
# issuer is a government (federal or regional); a governor's or a ministry's act is an ORDER-like act (OTHER).
_NAME_RULES: list[tuple[re.Pattern[str], DocType]] = [
    (re.compile(r"^Федеральный конституционный закон\b"), DocType.FEDERAL_LAW),
    (re.compile(r"^Федеральный закон\b"), DocType.FEDERAL_LAW),
    (re.compile(r"^Указ\b"), DocType.DECREE),
    (re.compile(r"^Постановление Правительства\b"), DocType.GOVERNMENT_RESOLUTION),
    (re.compile(r"^Распоряжение Правительства\b"), DocType.GOVERNMENT_ORDER),
    (re.compile(r"^Приказ\b"), DocType.ORDER),
    (re.compile(r"^(?:Закон|Областной закон|Уставный закон)\b"), DocType.ACT),
]


def pravo_doc_type(type_id: str | None, complex_name: str | None = None) -> DocType:
    """Document type of a publication.pravo.gov.ru item: the complexName's leading words, else the GUID table.

    The name goes first because it names the issuer: a governor's «Постановление» has the same GUID as a
    government's, but it is not a government resolution.

    >>> pravo_doc_type("0790e34b-784b-4372-884e-3282622a24bd")
    <DocType.DECREE: 'decree'>
    >>> pravo_doc_type("fd5a8766-f6fd-4ac2-8fd9-66f414d314ac", "Постановление губернатора Амурской области от 14.01.2026 № 4")
    <DocType.OTHER: 'other'>
    >>> pravo_doc_type(None, "Распоряжение Правительства Российской Федерации от 17.01.2026 № 28-р")
    <DocType.GOVERNMENT_ORDER: 'government-order'>
    """
    name = (complex_name or "").strip()
    for pattern, doc_type in _NAME_RULES:
        if pattern.search(name):
            return doc_type
    if (
        name
        and type_id
        and type_id.lower()
        in {
            "fd5a8766-f6fd-4ac2-8fd9-66f414d314ac",
            "7ff5b3b5-3757-44f1-bb76-3766cabe3593",
        }
    ):
        return DocType.OTHER  # a Постановление/Распоряжение by someone other than a government
    if type_id and type_id.lower() in PRAVO_DOCTYPE_GUIDS:
        return PRAVO_DOCTYPE_GUIDS[type_id.lower()][1]
    return DocType.OTHER


def pravo_type_name(type_id: str | None) -> str | None:
    """Russian name of a document-type GUID («Указ», «Федеральный закон»…), None when unknown."""
    entry = PRAVO_DOCTYPE_GUIDS.get((type_id or "").lower())
    return entry[0] if entry else None


# --- State Duma: stage / phase / solution -> Stage --------------------------------------------------------
# Stage ids and names seen in the Duma API samples (1 внесение, 2 предварительное рассмотрение, 3 первое чтение,
# 4 второе чтение) plus the later SOZD stages named in the dossier (§4). Matching is on lower-cased text.

# Solutions decide first: they say what happened (a rejection at first reading is REJECTED, not FIRST_READING).
DUMA_SOLUTION_RULES: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"\bснять\b.*\bотзыв"), Stage.WITHDRAWN),  # «снять … в связи с отзывом субъектом…»
    (re.compile(r"\bвернуть\b.*\bсубъекту\b|\bвозвратить\b"), Stage.WITHDRAWN),  # returned to the initiator
    (re.compile(r"\bотклонить\b"), Stage.REJECTED),  # «отклонить законопроект (и снять с … рассмотрения)»
    (re.compile(r"\bподписан\b"), Stage.SIGNED),  # «Подписан Президентом»
    (re.compile(r"\bопубликован"), Stage.PUBLISHED),
    (re.compile(r"\bодобрить\b"), Stage.PASSED_UPPER),  # Совет Федерации «одобрить закон»
    (re.compile(r"\bнаправить закон\b"), Stage.PASSED_LOWER),  # «Направить закон в Совет Федерации»
    # A committee's «предложить принять …» is a recommendation, not a decision: the lookbehind skips it.
    (re.compile(r"(?<!предложить )\bпринять закон\b"), Stage.PASSED_LOWER),  # the Duma's final vote
    (re.compile(r"(?<!предложить )\bпринять законопроект в первом чтении и в целом\b"), Stage.PASSED_LOWER),
    (re.compile(r"(?<!предложить )\bпринять законопроект во втором чтении\b"), Stage.SECOND_READING),
    (re.compile(r"(?<!предложить )\bпринять законопроект в первом чтении\b"), Stage.FIRST_READING),
]

# The Duma's own steps, named alike by the API's stage names and SOZD's stage blocks.
_DUMA_STEP_RULES: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"^внесение законопроекта"), Stage.INTRODUCED),
    (re.compile(r"^предварительное рассмотрение"), Stage.COMMITTEE),
    (re.compile(r"в первом чтении"), Stage.FIRST_READING),
    (re.compile(r"во втором чтении"), Stage.SECOND_READING),
    (re.compile(r"в третьем чтении"), Stage.THIRD_READING),
]

# Stage names (or ids when the name is missing) give the stage when the solution says nothing decisive.
DUMA_STAGE_RULES: list[tuple[re.Pattern[str], Stage]] = [
    *_DUMA_STEP_RULES,
    (re.compile(r"советом федерации|в совете федерации"), Stage.PASSED_LOWER),  # the law is with the upper house
    (re.compile(r"президент"), Stage.PASSED_UPPER),  # the law is with the President
    (re.compile(r"опубликован"), Stage.SIGNED),  # «Опубликование закона»: signed, publication under way
]
DUMA_STAGE_IDS: dict[int, Stage] = {
    1: Stage.INTRODUCED,
    2: Stage.COMMITTEE,
    3: Stage.FIRST_READING,
    4: Stage.SECOND_READING,
    5: Stage.THIRD_READING,
}


def duma_stage(
    *, stage_id: int | None = None, stage_name: str | None = None, solution: str | None = None
) -> Stage | None:
    """Stage of a Duma API lastEvent: the solution first, then the stage name, then the stage id.

    >>> duma_stage(stage_id=3, stage_name="Рассмотрение законопроекта в первом чтении", solution="отклонить законопроект")
    <Stage.REJECTED: 'rejected'>
    >>> duma_stage(stage_id=1, stage_name="Внесение законопроекта в Государственную Думу")
    <Stage.INTRODUCED: 'introduced'>
    >>> duma_stage() is None
    True
    """
    sol = (solution or "").lower().strip()
    if sol:
        # "принять …" solutions list several decisions separated by ";": the most decisive one wins,
        # which is the first rule to match anywhere in the text.
        for pattern, stage in DUMA_SOLUTION_RULES:
            if pattern.search(sol):
                return stage
    name = (stage_name or "").lower().strip()
    for pattern, stage in DUMA_STAGE_RULES:
        if name and pattern.search(name):
            return stage
    if stage_id is not None and stage_id in DUMA_STAGE_IDS:
        return DUMA_STAGE_IDS[stage_id]
    if sol or name or stage_id is not None:
        return Stage.OTHER
    return None


# --- State Duma API votes: the reading a vote's subject names -> Stage ------------------------------------------
# voteSearch subjects open with the reading in parentheses: «(первое чтение) О проекте федерального закона № …»
# (real sample duma-api_voteSearch_number-17973-8.json); «(к отклонению) …» is a vote to reject a bill (public client
# stubs of the API, Gelassen/government-rus), «(2 чтение) …» the short form of another public vote data set.
# A vote is an event of the reading it was held in, whatever its result (the result stays in the raw text); only a
# vote to reject that passed changes what happened to the bill. «… и в целом» is the vote that adopts the bill as a
# whole, so it must not read as a mere first reading: it is the final (third) reading.
DUMA_VOTE_RULES: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"\bв целом\b"), Stage.THIRD_READING),
    (re.compile(r"\bтреть\w* чтени|\b3\s*чтени"), Stage.THIRD_READING),
    (re.compile(r"\bвтор\w* чтени|\b2\s*чтени"), Stage.SECOND_READING),
    (re.compile(r"\bперв\w* чтени|\b1\s*чтени"), Stage.FIRST_READING),
]
_VOTE_HEAD = re.compile(r"^\s*\(([^()]*)\)")


def duma_vote_stage(subject: str | None, *, passed: bool | None = None) -> Stage:
    """Stage of a Duma vote from the parenthesis its subject opens with; OTHER when it names no reading.

    >>> duma_vote_stage("(первое чтение) О проекте федерального закона № 17973-8")
    <Stage.FIRST_READING: 'first-reading'>
    >>> duma_vote_stage("(к отклонению) О проекте федерального закона № 301854-7", passed=True)
    <Stage.REJECTED: 'rejected'>
    >>> duma_vote_stage("О порядке работы")
    <Stage.OTHER: 'other'>
    """
    m = _VOTE_HEAD.match(subject or "")
    head = m.group(1).lower().strip() if m else ""
    if not head:
        return Stage.OTHER
    if re.search(r"\bк отклонению\b|\bотклонени", head):
        return Stage.REJECTED if passed else Stage.OTHER
    for pattern, stage in DUMA_VOTE_RULES:
        if pattern.search(head):
            return stage
    return Stage.OTHER


# --- ЕБПИ edition status -----------------------------------------------------------------------------------
def ebpi_status_is_in_force(redstatus: str | None) -> bool | None:
    """«актуальная» -> True, «недействующая» / «не вступившая…» -> False, unknown -> None.

    >>> ebpi_status_is_in_force("актуальная")
    True
    >>> ebpi_status_is_in_force("не вступившая в силу редакция")
    False
    """
    s = (redstatus or "").lower()
    if not s:
        return None
    if "не вступ" in s or "недейств" in s or "утратил" in s:
        return False
    if "актуальн" in s or "действ" in s:
        return True
    return None


# --- State Duma: who acted, from the phase name ---------------------------------------------------------------
DUMA_ACTOR_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"советом государственной думы|совета государственной думы"), "Совет Государственной Думы"),
    (re.compile(r"ответственн\w* комитет"), "Ответственный комитет Государственной Думы"),
    (re.compile(r"председател\w* государственной думы"), "Председатель Государственной Думы"),
    (re.compile(r"советом федерации|совете федерации"), "Совет Федерации"),
    (re.compile(r"президент"), "Президент Российской Федерации"),
    (re.compile(r"государственной думой|в государственную думу|в садд государственной думы"), "Государственная Дума"),
]


def duma_actor(phase_name: str | None) -> str | None:
    """Who acted in a Duma API phase.

    >>> duma_actor("Рассмотрение Советом Государственной Думы законопроекта, представленного ответственным комитетом")
    'Совет Государственной Думы'
    >>> duma_actor("Рассмотрение законопроекта Государственной Думой")
    'Государственная Дума'
    """
    name = (phase_name or "").lower()
    for pattern, actor in DUMA_ACTOR_RULES:
        if name and pattern.search(name):
            return actor
    return None


# --- SOZD bill card: stage block + event name -> Stage ------------------------------------------------------
# SOZD event names are decisions («Принять закон», «Одобрить закон», «Подписан Президентом») or facts
# («Внесён в Государственную Думу, зарегистрирован», «опубликован»): the solution rules above read them.
# The stage block («Рассмотрение закона в Совете Федерации») is the fallback. Dossier §2.2 / §4.
SOZD_EVENT_RULES: list[tuple[re.Pattern[str], Stage]] = [
    (re.compile(r"\bвнес[её]н\b|\bзарегистрирован\b|^регистрация\b"), Stage.INTRODUCED),
    (re.compile(r"\bназначить ответственный комитет\b|\bпредварительно"), Stage.COMMITTEE),
]
SOZD_BLOCK_RULES: list[tuple[re.Pattern[str], Stage]] = [
    *_DUMA_STEP_RULES,
    (re.compile(r"совет\w* федерации"), Stage.PASSED_UPPER),
    (re.compile(r"президент"), Stage.SIGNED),
    (re.compile(r"опубликован"), Stage.PUBLISHED),
]


def sozd_stage(*, block: str | None = None, event: str | None = None) -> Stage:
    """Stage of one SOZD timeline event: the event's own words first, then its stage block.

    >>> sozd_stage(block="Рассмотрение законопроекта в третьем чтении", event="Принять закон")
    <Stage.PASSED_LOWER: 'passed-lower'>
    >>> sozd_stage(block="Рассмотрение закона в Совете Федерации", event="Одобрить закон")
    <Stage.PASSED_UPPER: 'passed-upper'>
    >>> sozd_stage(block="Внесение законопроекта в Государственную Думу", event="Внесён в Государственную Думу, зарегистрирован")
    <Stage.INTRODUCED: 'introduced'>
    """
    ev = (event or "").lower().strip()
    for pattern, stage in SOZD_EVENT_RULES:
        if ev and pattern.search(ev):
            return stage
    if ev:
        for pattern, stage in DUMA_SOLUTION_RULES:
            if pattern.search(ev):
                return stage
    name = (block or "").lower().strip()
    for pattern, stage in SOZD_BLOCK_RULES:
        if name and pattern.search(name):
            return stage
    return Stage.OTHER


def sozd_actor(block: str | None) -> str | None:
    """Who acts in a SOZD stage block.

    >>> sozd_actor("Рассмотрение закона в Совете Федерации")
    'Совет Федерации'
    >>> sozd_actor("Рассмотрение законопроекта в первом чтении")
    'Государственная Дума'
    """
    name = (block or "").lower()
    if not name:
        return None
    if "совет" in name and "федерации" in name:
        return "Совет Федерации"
    if "президент" in name:
        return "Президент Российской Федерации"
    if "опубликован" in name:
        return None
    return "Государственная Дума"


def ebpi_edition_status(redstatus: str | None, *, actual: bool | None = None) -> str | None:
    """An ЕБПИ edition status in a lawyer's words: действующая / не вступившая в силу / утратившая силу.

    >>> ebpi_edition_status("актуальная")
    'действующая'
    >>> ebpi_edition_status("не вступившая в силу редакция")
    'не вступившая в силу'
    >>> ebpi_edition_status("недействующая")
    'утратившая силу'
    >>> ebpi_edition_status(None, actual=True)
    'действующая'
    """
    s = (redstatus or "").lower()
    if "не вступ" in s:
        return "не вступившая в силу"
    if "недейств" in s or "утратил" in s:
        return "утратившая силу"
    if "актуальн" in s or "действ" in s or (not s and actual):
        return "действующая"
    return None
