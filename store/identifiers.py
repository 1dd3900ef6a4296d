"""One normaliser per identifier, with examples in each docstring.

These are used by the parsers (to build document ids and aliases), by the store (the keys under which sources
cite a document: ``citation_keys``) and by search (to recognise an identifier in a query). Every normaliser
returns ``None`` for input that is not the identifier it handles (the key functions an empty list).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from store.dates import fast_date

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _clean(raw: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", raw)).strip()


_CELEX = re.compile(r"^(?:CELEX[:\s]*)?([0-9CE])(\d{4})([A-Z]{1,2})(\d{1,4})(?:-(\d{8}))?(R\(\d{2}\))?$", re.I)


def normalize_celex(raw: str) -> str | None:
    """'CELEX:32024R1689' / '32024r1689' -> '32024R1689'; '02024R1689-20240712' kept; '32024R1689R(01)' kept.

    >>> normalize_celex("celex:32024r1689")
    '32024R1689'
    >>> normalize_celex("52021PC0206")
    '52021PC0206'
    >>> normalize_celex("2024/1689") is None
    True
    """
    m = _CELEX.match(_clean(raw).replace(" ", ""))
    if not m:
        return None
    sector, year, kind, number, cons_date, corr = m.groups()
    out = f"{sector.upper()}{year}{kind.upper()}{number}"
    if cons_date:
        out += f"-{cons_date}"
    if corr:
        out += corr.upper()
    return out


_EU_NUMBER = re.compile(
    r"^(?:(?:regulation|directive|decision|reg\.?|dir\.?)\s*)?(?:\((?:eu|ec|eec|euratom)\)\s*)?(?:no\.?\s*)?"
    r"(\d{4})/(\d{1,4})(?:/(?:eu|ec|eec))?$",
    re.I,
)


def normalize_eu_number(raw: str) -> str | None:
    """'Regulation (EU) 2024/1689' / '2024/1689' -> '2024/1689' (year/number of an EU act).

    >>> normalize_eu_number("Regulation (EU) 2024/1689")
    '2024/1689'
    >>> normalize_eu_number("2022/2065")
    '2022/2065'
    """
    m = _EU_NUMBER.match(_clean(raw))
    if not m:
        return None
    return f"{m.group(1)}/{int(m.group(2))}"


def celex_to_eu_number(celex: str) -> str | None:
    """'32024R1689' -> '2024/1689'; proposals and consolidations -> None.

    >>> celex_to_eu_number("32024R1689")
    '2024/1689'
    """
    m = re.match(r"^3(\d{4})[RLD](\d{4})$", celex)
    return f"{m.group(1)}/{int(m.group(2))}" if m else None


_COM = re.compile(r"^COM\s*\(?\s*(\d{4})\s*\)?\s*(\d{1,4})(?:\s*final)?$", re.I)


def normalize_com(raw: str) -> str | None:
    """'COM(2021) 206 final' / 'COM(2021)206' -> 'COM(2021) 206'.

    >>> normalize_com("COM(2021)206 final")
    'COM(2021) 206'
    """
    m = _COM.match(_clean(raw))
    return f"COM({m.group(1)}) {int(m.group(2))}" if m else None


def com_to_celex(com: str) -> str | None:
    """'COM(2021) 206' -> '52021PC0206'."""
    m = re.match(r"^COM\((\d{4})\) (\d+)$", com)
    return f"5{m.group(1)}PC{int(m.group(2)):04d}" if m else None


_EO = re.compile(r"^(?:eo\s*)?(\d{16})$", re.I)


def normalize_eo_number(raw: str) -> str | None:
    """Official publication number (publication.pravo.gov.ru): 16 digits = region code, YYYYMMDD, daily index.

    >>> normalize_eo_number(" 0001201910110003 ")
    '0001201910110003'
    >>> normalize_eo_number("000120191011") is None
    True
    """
    m = _EO.match(_clean(raw).replace(" ", ""))
    return m.group(1) if m else None


_BILL = re.compile(r"^(?:(?:законопроект|bill)\s*)?(?:№|N|No\.?)?\s*(\d{1,8})\s*[-‐‑–—]\s*(\d{1,2})$", re.I)


def normalize_bill_number(raw: str) -> str | None:
    """State Duma bill number '{serial}-{convocation}': '№ 149922-8' / '149922 – 8' -> '149922-8'.

    >>> normalize_bill_number("№ 1234567-8")
    '1234567-8'
    >>> normalize_bill_number("законопроект № 922869-7")
    '922869-7'
    """
    m = _BILL.match(_clean(raw))
    return f"{m.group(1)}-{m.group(2)}" if m else None


_RU_NUMBER = re.compile(r"^(?:№|N|No\.?|Nr\.?)?\s*(\d{1,5}(?:\.\d+)?)(?:\s*[-‐‑–—]\s*([А-Яа-яЁёA-Za-z]{1,4}))?$", re.I)
_LATIN_TO_CYR = str.maketrans({"F": "Ф", "Z": "З", "K": "К", "P": "Р", "R": "Р", "p": "р", "r": "р"})


def normalize_ru_act_number(raw: str) -> str | None:
    """Russian act numbers: '№ 123-ФЗ' -> '123-ФЗ', 'N 490' -> '490', '№ 28-р' -> '28-р', '123-фз' -> '123-ФЗ'.

    The suffix letters keep their case except ФЗ/ФКЗ/КЗ (always upper) — «р» (распоряжение) is lower case
    in official citations.

    >>> normalize_ru_act_number("№ 123-фз")
    '123-ФЗ'
    >>> normalize_ru_act_number("N 490")
    '490'
    >>> normalize_ru_act_number("№ 28-р")
    '28-р'
    """
    m = _RU_NUMBER.match(_clean(raw))
    if not m:
        return None
    number, suffix = m.groups()
    if not suffix:
        return number
    if re.fullmatch(r"[A-Za-z]+", suffix):
        suffix = suffix.translate(_LATIN_TO_CYR)
    if suffix.upper() in {"ФЗ", "ФКЗ", "КЗ", "УК", "ГК"}:
        suffix = suffix.upper()
    return f"{number}-{suffix}"


_RU_CITATION = re.compile(
    r"от\s+(\d{1,2}[.\s]\d{1,2}[.\s]\d{4}|\d{1,2}\s+[а-яё]+\s+\d{4})\s*(?:г\.|года)?\s*(?:№|No\.?|N)\s*([0-9][0-9.]*(?:\s*-\s*[А-Яа-яЁё]{1,4})?)",
    re.I,
)


def find_ru_citation(text: str) -> tuple[str, str] | None:
    """Find «от DATE № NUMBER» in a Russian title; returns (raw date, normalised number).

    >>> find_ru_citation("Указ Президента Российской Федерации от 10.10.2019 № 490")
    ('10.10.2019', '490')
    >>> find_ru_citation("Федеральный закон от 31 июля 2020 г. N 258-ФЗ")
    ('31 июля 2020', '258-ФЗ')
    """
    m = _RU_CITATION.search(_clean(text))
    if not m:
        return None
    number = normalize_ru_act_number(m.group(2))
    return (m.group(1), number) if number else None


def doc_id(jurisdiction: str, scheme: str, ident: str) -> str:
    """Readable document id: ('eu', 'celex', '32024R1689') -> 'eu/celex/32024R1689'."""
    return f"{jurisdiction.lower()}/{scheme}/{ident}"


def celex_doc_id(celex: str) -> str:
    """'32024R1689R(01)' -> 'eu/celex/32024R1689R(01)'."""
    return doc_id("eu", "celex", celex)


def bill_aliases(number: str) -> list[str]:
    """The ways a lawyer writes a Duma bill number: '922869-7' -> ['922869-7', '№ 922869-7', 'законопроект № 922869-7'].

    >>> bill_aliases("922869-7")[-1]
    'законопроект № 922869-7'
    """
    return [number, f"№ {number}", f"законопроект № {number}"]


def number_aliases(number: str) -> list[str]:
    """The ways a lawyer types a Russian act number: '123-ФЗ' -> ['123-ФЗ', '№ 123-ФЗ', 'N 123-ФЗ'].

    >>> number_aliases("490")
    ['490', '№ 490', 'N 490']
    """
    return [number, f"№ {number}", f"N {number}"]


_REGULATION_ID = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?regulation\.gov\.ru/projects(?:/|#npa=|/#npa=|\?npa=)|npa\s*[=:]?\s*|id\s*)?(\d{1,9})/?$",
    re.I,
)
_REGULATION_PROJECT = re.compile(r"^(\d{2})/(\d{2})/(\d{2})-(\d{2})/(\d{8})$")


def normalize_regulation_id(raw: str) -> str | None:
    """regulation.gov.ru numeric project id: 'npa=166424' / the card URL / '166424' -> '166424'.

    >>> normalize_regulation_id("https://regulation.gov.ru/projects#npa=166424")
    '166424'
    >>> normalize_regulation_id("npa=166424")
    '166424'
    >>> normalize_regulation_id("04/15/05-26/00167857") is None
    True
    """
    m = _REGULATION_ID.match(_clean(raw).replace(" ", ""))
    return str(int(m.group(1))) if m else None


def regulation_alias(npa: str) -> str:
    """How a Russian lawyer cites a regulation.gov.ru draft by its card number (the site's ``npa=166424``).

    >>> regulation_alias("166424")
    'regulation.gov.ru, проект № 166424'
    """
    return f"regulation.gov.ru, проект № {npa}"


def normalize_regulation_project_id(raw: str) -> str | None:
    """regulation.gov.ru human project id '{NN}/{NN}/{MM}-{YY}/{8 digits}': ' 04/15/05-26/00167857 ' -> same, trimmed.

    The parts' meaning (type / department / month-year / serial) is a guess (dossier §2.6); only the shape is checked.

    >>> normalize_regulation_project_id("ID проекта: 04/15/05-26/00167857")
    '04/15/05-26/00167857'
    >>> normalize_regulation_project_id("166424") is None
    True
    """
    s = _clean(raw)
    s = re.sub(r"^(?:ID\s+проекта|id)\s*:?\s*", "", s, flags=re.I).replace(" ", "")
    m = _REGULATION_PROJECT.match(s)
    return m.group(0) if m else None


# Kinds of Russian act for ``ru_act_ref_id``: the first words of a citation -> a short, stable key.
RU_ACT_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^федеральн\w* конституционн\w* закон", re.I), "fkz"),
    (re.compile(r"^федеральн\w* закон|^фз$", re.I), "federal-law"),
    (re.compile(r"^указ", re.I), "decree"),
    (re.compile(r"^постановлени\w* правительств", re.I), "government-resolution"),
    (re.compile(r"^распоряжени\w* правительств", re.I), "government-order"),
    (re.compile(r"^приказ", re.I), "order"),
    (re.compile(r"^постановлени", re.I), "resolution"),
    (re.compile(r"^распоряжени", re.I), "order-r"),
]
_RU_KIND_KEYS = {key for _, key in RU_ACT_KINDS}


def ru_act_kind(raw: str) -> str | None:
    """Short key of a Russian act's kind from its citation words.

    >>> ru_act_kind("Федеральный закон")
    'federal-law'
    >>> ru_act_kind("Указ Президента Российской Федерации")
    'decree'
    >>> ru_act_kind("Распоряжение Правительства Российской Федерации")
    'government-order'
    """
    s = _clean(raw)
    if s in _RU_KIND_KEYS:
        return s
    for pattern, key in RU_ACT_KINDS:
        if pattern.search(s):
            return key
    return None


def ru_act_ref_id(kind: str, date: str | None, number: str) -> str | None:
    """Readable id of a Russian act known by citation only: kind + date + number together (numbers repeat across
    kinds and even within one: two different распоряжения № 1856-р exist, dossier §3).

    >>> ru_act_ref_id("Федеральный закон", "31.07.2020", "N 258-фз")
    'ru/act/federal-law/2020-07-31/258-ФЗ'
    >>> ru_act_ref_id("Указ", "от 10 октября 2019 г.", "№ 490")
    'ru/act/decree/2019-10-10/490'
    >>> ru_act_ref_id("Указ", None, "490")
    'ru/act/decree/undated/490'
    >>> ru_act_ref_id("Письмо", "10.10.2019", "490") is None
    True
    """
    key = ru_act_kind(kind)
    num = normalize_ru_act_number(number)
    if key is None or num is None:
        return None
    d = fast_date(date) if date else None
    return doc_id("ru", "act", f"{key}/{d.isoformat() if d else 'undated'}/{num}")


def _kind_of_number(number: str) -> str | None:
    """The kind a Russian act number names by its suffix: «-ФКЗ» and «-ФЗ» are laws; other numbers say nothing."""
    if number.endswith("-ФКЗ"):
        return "fkz"
    return "federal-law" if number.endswith("-ФЗ") else None


def ru_act_keys(kind: str | None, date: str | None, number: str) -> list[str]:
    """The ids under which sources cite one Russian act: typed (kind + date + number, as ``ru_act_ref_id``) first,
    then untyped (date + number: ЕБПИ edition captions «№ 124 от 15.02.2024» name no kind). With no kind given, a
    «-ФЗ»/«-ФКЗ» number names its kind itself. Undated: no keys (a number alone names no act).

    >>> ru_act_keys("Указ", "15.02.2024", "№ 124")
    ['ru/act/decree/2024-02-15/124', 'ru/act/2024-02-15/124']
    >>> ru_act_keys(None, "15.02.2024", "124")
    ['ru/act/2024-02-15/124']
    >>> ru_act_keys(None, "26.07.2026", "246-ФЗ")
    ['ru/act/federal-law/2026-07-26/246-ФЗ', 'ru/act/2026-07-26/246-ФЗ']
    >>> ru_act_keys("Письмо", "10.10.2019", "490")
    ['ru/act/2019-10-10/490']
    >>> ru_act_keys("Указ", None, "490")
    []
    """
    num = normalize_ru_act_number(number)
    d = fast_date(date) if date else None
    if num is None or d is None:
        return []
    typed = ru_act_ref_id(kind, d.isoformat(), num) if kind else None
    if typed is None and (by_suffix := _kind_of_number(num)):
        typed = ru_act_ref_id(by_suffix, d.isoformat(), num)
    untyped = doc_id("ru", "act", f"{d.isoformat()}/{num}")
    return [typed, untyped] if typed else [untyped]


_RU_ACT_REF = re.compile(r"^ru/act/([a-z-]+)/(\d{4}-\d{2}-\d{2})/([^/]+)$")


def ru_act_ref_keys(ref: str) -> list[str]:
    """The keys of an act from its typed ref id (``ru_act_ref_id``): the ref itself and its untyped form.

    >>> ru_act_ref_keys("ru/act/decree/2024-02-15/124")
    ['ru/act/decree/2024-02-15/124', 'ru/act/2024-02-15/124']
    >>> ru_act_ref_keys("ru/act/decree/undated/124")
    ['ru/act/decree/undated/124']
    """
    m = _RU_ACT_REF.match(ref.strip())
    return ru_act_keys(m.group(1), m.group(2), m.group(3)) if m else [ref.strip()]


def ru_pravo_act_ref(eo_number: str, date: str | None, number: str | None, *names: str | None) -> str | None:
    """Typed ref id of an act published on publication.pravo.gov.ru, its kind read from the first name that has one
    (the complexName «Указ Президента … от …», then the type name). Federal acts only (eoNumber region ``0001``):
    the refs that sources cite (SOZD laws, ЕБПИ captions) name federal acts, and a regional «Постановление
    Правительства … области» № 12 of the same day would otherwise claim a federal resolution's ref.

    >>> ru_pravo_act_ref("0001201910110003", "2019-10-10", "490", "Указ Президента Российской Федерации от 10.10.2019")
    'ru/act/decree/2019-10-10/490'
    >>> ru_pravo_act_ref("0001202007310024", "2020-07-31", "258-ФЗ", "Федеральный закон от 31.07.2020 № 258-ФЗ")
    'ru/act/federal-law/2020-07-31/258-ФЗ'
    >>> ru_pravo_act_ref("0001202601170001", "2026-01-17", "28-р", "О присвоении классных чинов", "Распоряжение Правительства")
    'ru/act/government-order/2026-01-17/28-р'
    >>> ru_pravo_act_ref("2800202601170005", "2026-01-14", "12", "Постановление Правительства Амурской области") is None
    True
    """
    if not (eo_number.startswith("0001") and date and number):
        return None
    for name in names:
        if name and (kind := ru_act_kind(name)) and (ref := ru_act_ref_id(kind, date, number)):
            return ref
    return None


def citation_keys(identifiers: Mapping[str, object]) -> list[str]:
    """The ids other than its own under which sources cite a stored document: its keys in the store, computed from
    its identifiers alone. Today a Russian act's typed ref ``act_ref`` and its untyped form (``ru_act_ref_keys``).

    >>> citation_keys({"eo_number": "0001202402150008", "act_ref": "ru/act/decree/2024-02-15/124"})
    ['ru/act/decree/2024-02-15/124', 'ru/act/2024-02-15/124']
    >>> citation_keys({"celex": "32024R1689"})
    []
    """
    ref = identifiers.get("act_ref")
    return ru_act_ref_keys(ref) if isinstance(ref, str) and ref.strip() else []


# --- United States -----------------------------------------------------------------------------------------------

#: Congress bill types as written in citations -> the lower-case code GovInfo and Congress.gov use.
US_BILL_TYPES: dict[str, str] = {
    "hr": "hr", "s": "s", "hres": "hres", "sres": "sres", "hjres": "hjres", "sjres": "sjres",
    "hconres": "hconres", "sconres": "sconres",
}  # fmt: skip
#: The citation form of each type: 'hr' -> 'H.R.'.
US_BILL_CITES: dict[str, str] = {
    "hr": "H.R.", "s": "S.", "hres": "H.Res.", "sres": "S.Res.", "hjres": "H.J.Res.", "sjres": "S.J.Res.",
    "hconres": "H.Con.Res.", "sconres": "S.Con.Res.",
}  # fmt: skip
_US_BILL = re.compile(
    r"^(H\.?\s*R\.?|S\.?|H\.?\s*RES\.?|S\.?\s*RES\.?|H\.?\s*J\.?\s*RES\.?|S\.?\s*J\.?\s*RES\.?|H\.?\s*CON\.?\s*RES\.?"
    r"|S\.?\s*CON\.?\s*RES\.?)\s*(?:No\.?\s*)?(\d{1,5})$",
    re.I,
)


def normalize_us_bill(raw: str) -> str | None:
    """A bill of Congress as lawyers cite it -> type code + number: 'H.R. 1' / 'HR1' / 'hr 1' -> 'hr1';
    'S. 1325' -> 's1325'; 'H.J.Res. 5' -> 'hjres5'. A state bill ('SB 24-205') is not one.

    >>> [normalize_us_bill(x) for x in ("H.R. 1", "HR1", "S. 1325", "S.1325", "H. J. Res. 5", "SB 24-205")]
    ['hr1', 'hr1', 's1325', 's1325', 'hjres5', None]
    """
    m = _US_BILL.match(_clean(raw))
    if not m:
        return None
    kind = re.sub(r"[^a-z]", "", m.group(1).lower())
    return f"{kind}{int(m.group(2))}" if kind in US_BILL_TYPES else None


_CONGRESS = re.compile(r"^(\d{2,3})(?:st|nd|rd|th)?\s+Congress$", re.I)


def normalize_congress(raw: str) -> str | None:
    """'119th Congress' -> '119'.

    >>> normalize_congress("119th Congress"), normalize_congress("the 119th")
    ('119', None)
    """
    m = _CONGRESS.match(_clean(raw))
    return str(int(m.group(1))) if m else None


def ordinal(n: int | str) -> str:
    """119 -> '119th', 101 -> '101st', 112 -> '112th'.

    >>> [ordinal(x) for x in (119, 101, 112, 103)]
    ['119th', '101st', '112th', '103rd']
    """
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def us_bill_doc_id(congress: int | str, bill_type: str, number: int | str) -> str:
    """(119, 'HR', 1) -> 'us/congress/119/hr/1'."""
    return doc_id("us", "congress", f"{int(congress)}/{bill_type.lower()}/{int(number)}")


def us_bill_aliases(congress: int | str, bill_type: str, number: int | str) -> list[str]:
    """The ways a lawyer writes a bill of Congress.

    >>> us_bill_aliases(119, "hr", 1)
    ['H.R. 1', 'HR 1', 'HR1', 'H.R. 1 (119th Congress)', '119th Congress H.R. 1', '119 HR 1', '119hr1']
    """
    code = bill_type.lower()
    cite = US_BILL_CITES.get(code, code.upper())
    plain = cite.replace(".", "")
    n, c = int(number), int(congress)
    return [f"{cite} {n}", f"{plain} {n}", f"{plain}{n}", f"{cite} {n} ({ordinal(c)} Congress)",
            f"{ordinal(c)} Congress {cite} {n}", f"{c} {plain} {n}", f"{c}{code}{n}"]  # fmt: skip


_PUBLIC_LAW = re.compile(
    r"^(?:Public\s+Law|Pub\.?\s*L\.?|P\.?\s*L\.?)\s*(?:No\.?\s*)?(\d{2,3})\s*[-‐‑–—]\s*(\d{1,3})$", re.I
)


def normalize_public_law(raw: str) -> str | None:
    """'Public Law 119-21' / 'Pub. L. No. 119-21' / 'P.L. 117–103' -> '119-21'.

    >>> [normalize_public_law(x) for x in ("Public Law 119-21", "Pub. L. No. 119-21", "P.L. 117–103", "119-21")]
    ['119-21', '119-21', '117-103', None]
    """
    m = _PUBLIC_LAW.match(_clean(raw))
    return f"{int(m.group(1))}-{int(m.group(2))}" if m else None


def public_law_doc_id(law: str) -> str:
    """'119-21' -> 'us/plaw/119/21'."""
    congress, number = law.split("-")
    return doc_id("us", "plaw", f"{int(congress)}/{int(number)}")


_EXECUTIVE_ORDER = re.compile(r"^(?:E\.?\s*O\.?|Executive\s+Order)\s*(?:No\.?\s*|Number\s*)?(\d{4,5})$", re.I)


def normalize_executive_order(raw: str) -> str | None:
    """'EO 14110' / 'E.O. 14110' / 'Executive Order 14179' / 'Executive Order No. 14179' -> the number.

    >>> [normalize_executive_order(x) for x in ("EO 14110", "E.O.14110", "Executive Order No. 14179", "14179")]
    ['14110', '14110', '14179', None]
    """
    m = _EXECUTIVE_ORDER.match(_clean(raw))
    return str(int(m.group(1))) if m else None


def executive_order_doc_id(number: int | str) -> str:
    """14110 -> 'us/eo/14110'."""
    return doc_id("us", "eo", str(int(number)))


def executive_order_aliases(number: int | str) -> list[str]:
    """
    >>> executive_order_aliases(14110)
    ['EO 14110', 'E.O. 14110', 'Executive Order 14110', 'Executive Order No. 14110']
    """
    n = int(number)
    return [f"EO {n}", f"E.O. {n}", f"Executive Order {n}", f"Executive Order No. {n}"]


_FR_DOC = re.compile(r"^(?:FR\s+Doc\.?\s*(?:No\.?)?\s*)?((?:19|20)\d{2})\s*[-‐‑–—]\s*(\d{4,5})$", re.I)


def normalize_fr_document_number(raw: str) -> str | None:
    """Federal Register document number, en dash or hyphen (the bulk XML used en dashes until March 2024):
    '2024–02801' / 'FR Doc. 2024-02801' -> '2024-02801'.

    >>> [normalize_fr_document_number(x) for x in ("2024–02801", "FR Doc. 2023-24283", "119-21")]
    ['2024-02801', '2023-24283', None]
    """
    m = _FR_DOC.match(_clean(raw))
    return f"{m.group(1)}-{m.group(2)}" if m else None


#: US states, DC and Puerto Rico: postal code -> name. Subdivision codes are ISO 3166-2 ('US-CO').
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico",
}  # fmt: skip
_STATE_BY_NAME = {name.lower(): code for code, name in US_STATES.items()}


def us_state_code(raw: str) -> str | None:
    """'Colorado' / 'co' / 'US-CO' / 'ocd-jurisdiction/country:us/state:co/government' -> 'CO'.

    >>> [us_state_code(x) for x in ("Colorado", "co", "US-NY", "ocd-jurisdiction/country:us/state:ca/government")]
    ['CO', 'CO', 'NY', 'CA']
    """
    s = _clean(raw)
    if m := re.search(r"state:([a-z]{2})\b", s):
        s = m.group(1)
    s = re.sub(r"^US-", "", s, flags=re.I)
    if s.upper() in US_STATES:
        return s.upper()
    return _STATE_BY_NAME.get(s.lower())


def us_subdivision(state: str) -> str:
    """'co' -> 'US-CO' (ISO 3166-2), the value a document's ``subdivision`` holds."""
    return f"US-{state.upper()}"


# Colorado writes its bills with the session year: 'SB24-205', 'HB26-1362', 'SB25B-004' (an extraordinary session).
_CO_BILL = re.compile(r"^(SB|HB|SJR|HJR|SR|HR|SCR|HCR|SJM|HJM|SM|HM)\s*(\d{2})([A-Z]?)\s*[-‐‑–—]\s*(\d{3,4})$", re.I)
# Other states: a type of one to four letters and a number: 'SB 53', 'A6453', 'HB 1806', 'SB00002', 'S6953-B'.
_STATE_BILL = re.compile(r"^([A-Z]{1,4})\s*[-.]?\s*0*(\d{1,5})(?:\s*[-.]?\s*([A-Z]))?$", re.I)


def normalize_state_bill(raw: str) -> str | None:
    """A state bill as the state writes it, upper-case without spaces: 'SB 24-205' / 'sb24-205' -> 'SB24-205',
    'SB25B-004' kept; 'SB 53' -> 'SB53'; 'SB00002' (Connecticut) -> 'SB2'; 'A6453' kept; 'S6953-B' (New York's
    amended print B of S6953) -> 'S6953'. Bills of Congress ('H.R. 1', 'S. 1325') are not state bills.

    >>> [normalize_state_bill(x) for x in ("SB 24-205", "SB25B-004", "SB 53", "SB00002", "A6453", "S6953-B", "H.R. 1")]
    ['SB24-205', 'SB25B-004', 'SB53', 'SB2', 'A6453', 'S6953', None]
    """
    s = _clean(raw)
    if m := _CO_BILL.match(s):
        kind, year, special, number = m.groups()
        return f"{kind.upper()}{year}{special.upper()}-{number}"
    if "." in s:
        return None  # 'S. 1325', 'H.R. 1': Congress
    m = _STATE_BILL.match(s)
    if not m:
        return None
    return f"{m.group(1).upper()}{int(m.group(2))}"


def co_bill_number(identifier: str, session: str) -> str | None:
    """Colorado's own bill number from Open States' identifier and session: ('SB 205', '2024A') -> 'SB24-205',
    ('SB 4', '2025B') -> 'SB25B-004', ('HB 1362', '2026A') -> 'HB26-1362'.

    >>> co_bill_number("SB 205", "2024A"), co_bill_number("SB 4", "2025B"), co_bill_number("SB189", "2026A")
    ('SB24-205', 'SB25B-004', 'SB26-189')
    """
    m = re.match(r"^([A-Z]+)\s*(\d+)$", _clean(identifier).upper())
    s = re.match(r"^(\d{4})([A-Z]?)$", session.strip().upper())
    if not m or not s:
        return None
    special = s.group(2) if s.group(2) not in ("", "A") else ""
    return f"{m.group(1)}{s.group(1)[2:]}{special}-{int(m.group(2)):03d}"


def state_bill_doc_id(state: str, session: str, number: str) -> str:
    """('CO', '2024A', 'SB24-205') -> 'us/co/2024A/SB24-205'."""
    return doc_id("us", state.lower(), f"{session}/{number}")


def state_bill_aliases(state: str, number: str) -> list[str]:
    """The ways a lawyer writes a state bill: with and without a space, with the state's name.

    >>> state_bill_aliases("CO", "SB24-205")
    ['SB24-205', 'SB 24-205', 'Colorado SB24-205', 'Colorado SB 24-205', 'SB 205', 'Colorado SB 205']
    >>> state_bill_aliases("NY", "A6453")
    ['A6453', 'A 6453', 'New York A6453', 'New York A 6453']
    """
    name = US_STATES.get(state.upper(), state.upper())
    m = re.match(r"^([A-Z]+)(\d.*)$", number)
    spaced = f"{m.group(1)} {m.group(2)}" if m else number
    out = [number, spaced, f"{name} {number}", f"{name} {spaced}"]
    if co := _CO_BILL.match(number):  # Open States writes Colorado's bills without the year: 'SB 205'
        short = f"{co.group(1).upper()} {int(co.group(4))}"
        out += [short, f"{name} {short}"]
    return out


# --- beyond the EU and Russia: the UK, Canada, Brazil, Korea, Japan ---------------------------------------------

# legislation.gov.uk types a lawyer meets in AI work (dossier uk.md §2.2); the id is ``{type}/{year}/{number}``.
UK_TYPES = ("ukpga", "uksi", "asp", "asc", "anaw", "nia", "nisr", "ssi", "wsi", "eur", "eudr", "eudn", "ukla", "ukci")
_UK_ID = re.compile(
    r"^(?:https?://(?:www\.)?legislation\.gov\.uk/(?:id/)?)?(" + "|".join(UK_TYPES) + r")/(\d{4}|[A-Z][a-z]+\d?/\d+)"
    r"/(\d+)(?:/.*)?$",
    re.I,
)
_UK_CHAPTER = re.compile(r"^(\d{4})\s*c\.?\s*(\d{1,4})$", re.I)  # an Act: "2025 c. 18"
_UK_SI = re.compile(r"^(?:S\.?\s?I\.?|SI)\s*(?:No\.?\s*)?(\d{4})\s*/\s*(\d{1,5})$", re.I)  # "S.I. 2026/386"


def normalize_uk_legislation(raw: str) -> str | None:
    """A legislation.gov.uk item id ``{type}/{year}/{number}`` from its id, URI, chapter or SI number.

    >>> normalize_uk_legislation("http://www.legislation.gov.uk/id/ukpga/2025/18")
    'ukpga/2025/18'
    >>> normalize_uk_legislation("2025 c. 18"), normalize_uk_legislation("S.I. 2026/386")
    ('ukpga/2025/18', 'uksi/2026/386')
    >>> normalize_uk_legislation("ukpga/Geo3/49/126")
    'ukpga/Geo3/49/126'
    >>> normalize_uk_legislation("2024/1689") is None
    True
    """
    s = _clean(raw).replace(" ", "") if "legislation.gov.uk" in raw or "/" in raw else _clean(raw)
    if m := _UK_ID.match(s):
        return f"{m.group(1).lower()}/{m.group(2)}/{int(m.group(3))}"
    s = _clean(raw)
    if m := _UK_CHAPTER.match(s):
        return f"ukpga/{m.group(1)}/{int(m.group(2))}"
    if m := _UK_SI.match(s):
        return f"uksi/{m.group(1)}/{int(m.group(2))}"
    return None


_CA_BILL = re.compile(r"^(?:(?:bill|projet\s+de\s+loi)\s+)?(?:(\d{2})-(\d)\s*/?\s*)?([CS])\s*-\s*(\d{1,4})$", re.I)


def normalize_ca_bill(raw: str) -> str | None:
    """A Canadian federal bill number: House bills ``C-``, Senate bills ``S-`` (the session is not part of it).

    >>> normalize_ca_bill("Bill C-27"), normalize_ca_bill("projet de loi c-27"), normalize_ca_bill("44-1/C-27")
    ('C-27', 'C-27', 'C-27')
    >>> normalize_ca_bill("P-8.6") is None
    True
    """
    m = _CA_BILL.match(_clean(raw))
    return f"{m.group(3).upper()}-{int(m.group(4))}" if m else None


_BR_BILL = re.compile(
    r"^(PL|PLP|PEC|MPV|PDL|PLS|PLC)\s*(?:n[º°o.]*\s*)?(\d{1,2}(?:\.\d{3})+|\d{1,5})\s*(?:/|,?\s*de\s+)(\d{4})$", re.I
)
_BR_WORDS = {"projeto de lei": "PL", "projeto de lei complementar": "PLP", "proposta de emenda à constituição": "PEC"}


def normalize_br_bill(raw: str) -> str | None:
    """A Brazilian proposição as both houses write it: ``{sigla} {número}/{ano}``.

    >>> normalize_br_bill("PL nº 2.338, de 2023"), normalize_br_bill("Projeto de Lei 2338/2023")
    ('PL 2338/2023', 'PL 2338/2023')
    >>> normalize_br_bill("pl 21/2020")
    'PL 21/2020'
    """
    s = _clean(raw)
    for words, sigla in sorted(_BR_WORDS.items(), key=lambda kv: -len(kv[0])):
        if s.lower().startswith(words):
            s = sigla + s[len(words) :]
            break
    m = _BR_BILL.match(s)
    return f"{m.group(1).upper()} {int(m.group(2).replace('.', ''))}/{m.group(3)}" if m else None


_KR_KINDS = {"법률": "act", "대통령령": "presidential-decree", "총리령": "pm-ordinance", "부령": "ministry-ordinance"}
_KR_ACT = re.compile(r"^(법률|대통령령|총리령|부령)?\s*제\s*(\d{1,6})\s*호$")
_KR_ACT_EN = re.compile(r"^(?:Act|Presidential Decree)\s+No\.?\s*(\d{1,6})$", re.I)


def normalize_kr_act_number(raw: str) -> str | None:
    """A Korean promulgation number (공포번호) as a key: ``kr/act/{number}`` for an Act (법률), else with its kind.

    >>> normalize_kr_act_number("법률 제20676호"), normalize_kr_act_number("Act No. 20676")
    ('kr/act/20676', 'kr/act/20676')
    >>> normalize_kr_act_number("대통령령 제36053호")
    'kr/presidential-decree/36053'
    >>> normalize_kr_act_number("제20676호") is None
    True
    """
    s = _clean(raw)
    if m := _KR_ACT.match(s):
        return f"kr/{_KR_KINDS[m.group(1)]}/{int(m.group(2))}" if m.group(1) else None
    if m := _KR_ACT_EN.match(s):
        kind = "act" if s.lower().startswith("act") else "presidential-decree"
        return f"kr/{kind}/{int(m.group(1))}"
    return None


def kr_act_citation(number: str | int, kind: str = "법률") -> str:
    """'20676' -> '법률 제20676호' (how Korean law cites a promulgated act)."""
    return f"{kind} 제{int(number)}호"


_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}


def kanji_number(raw: str) -> int | None:
    """A number in kanji or digits: '五十三' -> 53, '百三十' -> 130, '二〇二三' -> 2023, '元' -> 1, '53' -> 53.

    >>> [kanji_number(x) for x in ("五十三", "百三十", "七", "二〇二三", "元", "５３", "x")]
    [53, 130, 7, 2023, 1, 53, None]
    """
    s = unicodedata.normalize("NFKC", raw).strip()
    if s.isdigit():
        return int(s)
    if s == "元":  # the first year of an era
        return 1
    if not s or any(ch not in _KANJI_DIGITS and ch not in _KANJI_UNITS for ch in s):
        return None
    if not any(ch in _KANJI_UNITS for ch in s):  # positional: 二〇二三
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in s))
    total, digit = 0, 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch]
        else:
            total += (digit or 1) * _KANJI_UNITS[ch]
            digit = 0
    return total + digit


# Japanese eras: the Western year of each era's first year.
JP_ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019, "Meiji": 1868, "Taisho": 1912,
           "Showa": 1926, "Heisei": 1989, "Reiwa": 2019}  # fmt: skip
_JP_NUM = r"[〇零一二三四五六七八九十百千\d０-９]+|元"
_JP_LAW = re.compile(rf"^({'|'.join(k for k in JP_ERAS if not k.isascii())})({_JP_NUM})年(法律|政令)第({_JP_NUM})号$")
_JP_LAW_EN = re.compile(r"^(Act|Cabinet Order)\s+No\.?\s*(\d{1,4}),?\s+of\s+(?:[A-Z][a-z]+\s+\d{1,2},\s+)?(\d{4})$")


def normalize_jp_law_number(raw: str) -> str | None:
    """A Japanese law number (法令番号) as a key ``jp/{act|cabinet-order}/{western year}/{number}``.

    >>> normalize_jp_law_number("令和七年法律第五十三号"), normalize_jp_law_number("令和7年法律第53号")
    ('jp/act/2025/53', 'jp/act/2025/53')
    >>> normalize_jp_law_number("Act No. 53 of June 4, 2025"), normalize_jp_law_number("Act No. 130 of 1995")
    ('jp/act/2025/53', 'jp/act/1995/130')
    """
    s = _clean(raw).replace(" ", "") if not raw.strip()[:1].isascii() else _clean(raw)
    if m := _JP_LAW.match(s):
        year, number = kanji_number(m.group(2)), kanji_number(m.group(4))
        if year is None or number is None:
            return None
        kind = "act" if m.group(3) == "法律" else "cabinet-order"
        return f"jp/{kind}/{JP_ERAS[m.group(1)] + year - 1}/{number}"
    if m := _JP_LAW_EN.match(s):
        kind = "act" if m.group(1) == "Act" else "cabinet-order"
        return f"jp/{kind}/{m.group(3)}/{int(m.group(2))}"
    return None


_JP_LAW_ID = re.compile(r"^(\d{3}(?:AC|CO|M\d|IO|DF)\d{10})$")


def normalize_jp_law_id(raw: str) -> str | None:
    """An e-Gov law id: era digit + year, kind, number: '507AC0000000053' (Act No. 53 of Reiwa 7).

    >>> normalize_jp_law_id(" 507ac0000000053 ")
    '507AC0000000053'
    """
    m = _JP_LAW_ID.match(_clean(raw).upper())
    return m.group(1) if m else None
