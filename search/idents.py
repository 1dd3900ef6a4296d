"""Identifier keys for the ``ident`` and ``related_ident`` fields: every normalised form of a document's
identifiers and aliases, and of the acts its relations name.

A key is the normalised identifier, lowercased, with all whitespace removed (so «№ 490» and «№490» agree and
a key is one Whoosh term). The indexer stores the keys of every identifier and alias of a document; the query
side recognises identifiers in a query with the same normalisers (store.identifiers) and looks the keys up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from store.identifiers import (
    US_STATES,
    celex_to_eu_number,
    com_to_celex,
    normalize_bill_number,
    normalize_br_bill,
    normalize_ca_bill,
    normalize_celex,
    normalize_com,
    normalize_congress,
    normalize_eo_number,
    normalize_eu_number,
    normalize_executive_order,
    normalize_fr_document_number,
    normalize_jp_law_id,
    normalize_jp_law_number,
    normalize_kr_act_number,
    normalize_public_law,
    normalize_ru_act_number,
    normalize_state_bill,
    normalize_uk_legislation,
    normalize_us_bill,
    us_state_code,
)

#: Normalisers of the identifiers of the UK, Canada, Brazil, Korea and Japan: each key is the normalised form.
WORLD_NORMALIZERS = (normalize_uk_legislation, normalize_ca_bill, normalize_br_bill, normalize_kr_act_number,
                     normalize_jp_law_number, normalize_jp_law_id)  # fmt: skip


def key(raw: str) -> str:
    """'№ 258-ФЗ' -> 'no258-фз' (NFKC turns № into No); 'COM(2021) 206' -> 'com(2021)206'."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).lower().replace(",", "")


def ident_keys(raw: str, *, bare_numbers: bool = True) -> set[str]:
    """Every lookup key of one raw identifier: itself and each normalised form it has.

    >>> sorted(ident_keys("CELEX:32024R1689"))
    ['2024/1689', '32024r1689', 'celex:32024r1689']
    >>> sorted(ident_keys("№ 258-ФЗ"))
    ['258-фз', 'no258-фз']
    """
    raw = raw.strip()
    if not raw:
        return set()
    out = {key(raw)}
    if celex := normalize_celex(raw):
        out.add(key(celex))
        if eu := celex_to_eu_number(celex):
            out.add(eu)
    if eu := normalize_eu_number(raw):
        out.add(eu)
    if com := normalize_com(raw):
        out.add(key(com))
        if celex := com_to_celex(com):
            out.add(key(celex))
    if eo := normalize_eo_number(raw):
        out.add(eo)
    if bill := normalize_bill_number(raw):
        out.add(bill)
    if (bare_numbers or not raw.isdigit()) and (ru := normalize_ru_act_number(raw)):
        out.add(key(ru))
    out |= us_keys(raw)
    for normalize in WORLD_NORMALIZERS:
        if found := normalize(raw):
            out.add(key(found))
    return {k for k in out if k}


_STATE_NAMES = "|".join(sorted((re.escape(n) for n in US_STATES.values()), key=len, reverse=True))
_STATE_PREFIX = re.compile(rf"^({_STATE_NAMES}|[A-Z]{{2}})\s+(.+)$", re.I)


def us_keys(raw: str) -> set[str]:
    """Keys of a US identifier: a bill of Congress ('hr1'), a Congress ('congress:119'), a public law
    ('pl119-21'), an executive order ('eo14110'), a Federal Register document ('2024-02801'), a state bill
    ('sb24-205', 'a6453') and, with its state's name before it, the state-qualified bill ('us-co:sb205').

    >>> sorted(us_keys("Colorado SB 205")), sorted(us_keys("Executive Order No. 14179")), us_keys("119th Congress")
    (['sb205', 'us-co:sb205'], ['eo14179'], {'congress:119'})
    """
    out: set[str] = set()
    if bill := normalize_us_bill(raw):
        out.add(bill)
    if congress := normalize_congress(raw):
        out.add(f"congress:{congress}")
    if law := normalize_public_law(raw):
        out.add(f"pl{law}")
    if eo := normalize_executive_order(raw):
        out.add(f"eo{eo}")
    if fr := normalize_fr_document_number(raw):
        out.add(fr)
    if state_bill := normalize_state_bill(raw):
        out.add(state_bill.lower())
    elif (
        (m := _STATE_PREFIX.match(raw.strip()))
        and (code := us_state_code(m.group(1)))
        and (inner := normalize_state_bill(m.group(2)))
    ):
        out |= {inner.lower(), f"us-{code.lower()}:{inner.lower()}"}
    return out


def document_keys(doc_id: str, identifiers: Iterable[str], aliases: Iterable[str]) -> set[str]:
    """Keys of a document: its id, the last segment of its id, its identifiers and aliases."""
    out = {key(doc_id)}
    out |= ident_keys(doc_id.rsplit("/", 1)[-1])
    for raw in (*identifiers, *aliases):
        if raw:
            out |= ident_keys(str(raw))
    return out


def related_keys(target_id: str, label: str | None = None, aliases: Iterable[str] = ()) -> set[str]:
    """Keys of an act named by a relation: its id as cited (and that id's last segment), the identifiers written
    in its label, and the relation's aliases for it. Whatever the relation cites, stored or not.

    >>> sorted(related_keys("ru/act/2024-02-15/124", "№ 124 от 15.02.2024"))
    ['124', 'no124', 'ru/act/2024-02-15/124']
    >>> sorted(related_keys("ru/pravo/0001202007310024", "Федеральный закон от 31.07.2020 № 258-ФЗ", ["N 258-ФЗ"]))
    ['0001202007310024', '258-фз', 'n258-фз', 'no258-фз', 'ru/pravo/0001202007310024']
    """
    out = document_keys(target_id, (), aliases)
    if label:
        out |= detect_identifiers(label)[0]
    return out


_DASHES = "\\-‐‑–—"
_DASH = f"[{_DASHES}]"
_PATTERNS = [
    # United States first (a public law's '119-21' is no Duma bill): a public law, an executive order, a Congress, a bill of Congress, a state bill (with its state)
    re.compile(
        rf"\b(?:Public\s+Law|Pub\.\s*L\.|P\.\s*L\.|PL)\s*(?:No\.?\s*)?\d{{2,3}}\s*{_DASH}\s*\d{{1,3}}(?!\w)", re.I
    ),
    re.compile(r"(?<![\w.])(?:E\.\s*O\.|EO|Executive\s+Order)\s*(?:No\.?\s*)?\d{4,5}(?!\w)", re.I),
    re.compile(r"\b\d{2,3}(?:st|nd|rd|th)\s+Congress\b", re.I),
    re.compile(
        r"(?<![\w.])(?:H\.\s*R\.|HR|S\.|H\.\s*J\.\s*Res\.|S\.\s*J\.\s*Res\.|H\.\s*Res\.|S\.\s*Res\."
        r"|H\.\s*Con\.\s*Res\.|S\.\s*Con\.\s*Res\.|HJRES|SJRES|HRES|SRES|HCONRES|SCONRES)\s*\d{1,5}(?!\w)",
        re.I,
    ),
    re.compile(
        rf"(?:\b(?:{_STATE_NAMES})\s+)?(?<![\w.])(?:(?:SB|HB|SJR|HJR|SCR|HCR)\s*\d{{2}}[A-Z]?\s*{_DASH}\s*\d{{3,4}}"
        r"|(?:SB|HB|AB|LB|SF|HF|SJR|HJR)\s*\d{1,5}|(?-i:[AS]\d{3,5}))(?:-?(?-i:[A-Z]))?(?!\w)",
        re.I,
    ),
    # the UK, Canada, Brazil, Korea, Japan (store.identifiers): first, so that a number inside them («PL 2338/2023»,
    # «Act No. 53 of 2025») is not read again as an EU or Russian number
    re.compile(r"(?<![\w/])(?:ukpga|uksi|asp|ssi|wsi|nia|nisr|anaw|eur)/\d{4}/\d{1,5}(?![\w/])", re.I),
    re.compile(r"(?<!\w)\d{4}\s*c\.\s*\d{1,4}(?!\w)", re.I),
    re.compile(r"(?<!\w)(?:(?:bill|projet\s+de\s+loi)\s+)?[CS]-\d{1,4}(?![\w.-])", re.I),
    re.compile(r"(?<!\w)(?:PL|PLP|PEC|PDL)\s*(?:n[º°o.]*\s*)?\d[\d.]*\s*(?:/|,?\s*de\s+)\d{4}(?!\w)", re.I),
    re.compile(r"(?:법률|대통령령|총리령|부령)\s*제\s*\d{1,6}\s*호"),
    re.compile(
        r"(?<!\w)(?:Act|Presidential Decree)\s+No\.?\s*\d{1,6}(?:,?\s+of\s+(?:[A-Z][a-z]+\s+\d{1,2},\s+)?\d{4})?", re.I
    ),
    re.compile(
        r"(?:明治|大正|昭和|平成|令和)[〇零一二三四五六七八九十百千\d０-９元]+年(?:法律|政令)第[〇零一二三四五六七八九十百千\d０-９]+号"
    ),
    re.compile(r"(?<!\w)\d{3}(?:AC|CO)\d{10}(?!\w)"),
    re.compile(r"(?<![\w/])(?:CELEX:\s*)?[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:-\d{8})?(?![\w/])", re.I),
    re.compile(
        r"(?:(?:regulation|directive|decision)\s*)?(?:\((?:eu|ec|eec|euratom)\)\s*)?(?:no\.?\s*)?"
        r"(?<![\w/])\d{4}/\d{1,4}(?![\w/])",
        re.I,
    ),
    re.compile(r"\bCOM\s*\(\s*\d{4}\s*\)\s*\d{1,4}(?:\s*final)?", re.I),
    re.compile(r"(?<!\w)\d{16}(?!\w)"),
    re.compile(rf"(?<![\w/.{_DASHES}])\d{{3,8}}\s*{_DASH}\s*\d{{1,2}}(?![\w/.{_DASHES}])"),
    re.compile(
        rf"(?:№|(?<!\w)No?\.?)\s*\d{{1,5}}(?![\d/.]|\s*{_DASH}\s*\d)(?:\s*{_DASH}\s*[А-Яа-яЁё]{{1,4}}(?!\w))?", re.I
    ),
    re.compile(rf"(?<!\w)\d{{1,5}}\s*{_DASH}\s*(?:ФЗ|ФКЗ|КЗ)(?!\w)", re.I),
]
# «указ 490», «указа № 490», «постановления 1234»: an act type word and its number, without «№».
_RU_TYPED_NUMBER = re.compile(
    rf"(?<!\w)(?:указ|постановлени|распоряжени|приказ)[а-яё]*\s+(?:№\s*)?(\d{{1,5}})(?![\d/.]|\s*{_DASH}\s*\d)", re.I
)


# A regulation.gov.ru draft as its site numbers it: «npa=166424» or the card's address -> the card number.
_REGULATION_CARD = re.compile(
    r"(?<![\w=])(?:(?:https?://)?(?:www\.)?regulation\.gov\.ru/projects(?:/|#|/#|\?)npa=|npa\s*=\s*)(\d{1,9})(?!\w)",
    re.I,
)


def detect_identifiers(query: str) -> tuple[set[str], bool]:
    """Identifier keys found in a query, and whether the query is nothing but identifiers.

    Bare numbers («490», «2024») are not identifiers: they need «№», a suffix («258-ФЗ») or a known shape.

    >>> sorted(detect_identifiers("Regulation (EU) 2024/1689")[0])
    ['2024/1689', 'regulation(eu)2024/1689']
    >>> detect_identifiers("npa=166424")
    ({'166424'}, True)
    >>> sorted(detect_identifiers("закон № 490 об ИИ")[0])
    ['490', 'no490']
    >>> detect_identifiers("high-risk 2024")
    (set(), False)
    >>> keys, whole = detect_identifiers("указа 490")
    >>> sorted(keys), whole
    (['490', 'no490'], True)
    """
    keys: set[str] = set()
    rest = query
    for m in _REGULATION_CARD.finditer(query):
        keys.add(str(int(m.group(1))))  # the draft's card number, a key of its document (regulation_id)
        rest = rest.replace(m.group(0), " ")
    for m in _RU_TYPED_NUMBER.finditer(query):
        keys |= ident_keys(f"№ {m.group(1)}")
        rest = rest.replace(m.group(0), " ")
    for pattern in _PATTERNS:
        for m in pattern.finditer(rest):
            found = ident_keys(m.group(0), bare_numbers=False)
            if found:
                keys |= found
                rest = rest.replace(m.group(0), " ")
    keys |= _congress_bill_keys(keys)
    whole = bool(keys) and not re.search(
        r"\w", re.sub(r"(?i)\b(?:celex|законопроект|bill|указ|закон|of|the|act)\b", "", rest)
    )
    return keys, whole


def _congress_bill_keys(keys: set[str]) -> set[str]:
    """A bill and a Congress named together ('H.R. 1 119th Congress') also name that Congress's bill ('119hr1')."""
    congresses = [k.split(":", 1)[1] for k in keys if k.startswith("congress:")]
    bills = [k for k in keys if re.fullmatch(r"[a-z]+\d+", k) and normalize_us_bill(k)]
    return {f"{c}{b}" for c in congresses for b in bills}
