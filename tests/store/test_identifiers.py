"""One normaliser per identifier, one case per line."""

import pytest

from store import identifiers as ids


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("32024R1689", "32024R1689"),
        ("CELEX:32024R1689", "32024R1689"),
        ("celex:32024r1689", "32024R1689"),
        ("52021PC0206", "52021PC0206"),
        ("02024R1689-20240712", "02024R1689-20240712"),
        ("32024R1689R(01)", "32024R1689R(01)"),
        ("32022R2065", "32022R2065"),
        ("2024/1689", None),
        ("AI Act", None),
    ],
)
def test_normalize_celex(raw, expected):
    assert ids.normalize_celex(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024/1689", "2024/1689"),
        ("Regulation (EU) 2024/1689", "2024/1689"),
        ("regulation (eu) 2022/2065", "2022/2065"),
        ("Directive 2002/58/EC", "2002/58"),
        ("2024-1689", None),
    ],
)
def test_normalize_eu_number(raw, expected):
    assert ids.normalize_eu_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("COM(2021) 206 final", "COM(2021) 206"), ("COM(2021)206", "COM(2021) 206"), ("COM 2025 836", "COM(2025) 836")],
)
def test_normalize_com(raw, expected):
    assert ids.normalize_com(raw) == expected


def test_com_to_celex():
    assert ids.com_to_celex("COM(2021) 206") == "52021PC0206"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0001201910110003", "0001201910110003"), (" 0001 2019 1011 0003 ", "0001201910110003"), ("000120191011", None)],
)
def test_normalize_eo_number(raw, expected):
    assert ids.normalize_eo_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234567-8", "1234567-8"),
        ("№ 149922-8", "149922-8"),
        ("149922 – 8", "149922-8"),
        ("законопроект № 922869-7", "922869-7"),
        ("N 17973-8", "17973-8"),
        ("2024/1689", None),
        ("123-ФЗ", None),
    ],
)
def test_normalize_bill_number(raw, expected):
    assert ids.normalize_bill_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("№ 123-ФЗ", "123-ФЗ"),
        ("123-фз", "123-ФЗ"),
        ("N 258-ФЗ", "258-ФЗ"),
        ("№ 490", "490"),
        ("N 490", "490"),
        ("№ 28-р", "28-р"),
        ("№\u00a0124", "124"),
        ("No. 152-FZ", "152-ФЗ"),
        ("№ 1-ФКЗ", "1-ФКЗ"),
        ("искусственный", None),
    ],
)
def test_normalize_ru_act_number(raw, expected):
    assert ids.normalize_ru_act_number(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Указ Президента Российской Федерации от 10.10.2019 № 490", ("10.10.2019", "490")),
        ("Указ Президента РФ от 15.02.2024 N 124", ("15.02.2024", "124")),
        ("Федеральный закон от 31 июля 2020 г. N 258-ФЗ", ("31 июля 2020", "258-ФЗ")),
        ("Распоряжение Правительства Российской Федерации от 17.01.2026 № 28-р", ("17.01.2026", "28-р")),
        ("О развитии искусственного интеллекта", None),
    ],
)
def test_find_ru_citation(text, expected):
    assert ids.find_ru_citation(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("166424", "166424"),
        ("npa=166424", "166424"),
        ("https://regulation.gov.ru/projects#npa=166424", "166424"),
        ("https://regulation.gov.ru/projects/166424", "166424"),
        ("regulation.gov.ru/projects/#npa=166424", "166424"),
        ("04/15/05-26/00167857", None),
        ("166424-8", None),
    ],
)
def test_normalize_regulation_id(raw, expected):
    assert ids.normalize_regulation_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("04/15/05-26/00167857", "04/15/05-26/00167857"),
        (" 04/15/05-26/00167857 ", "04/15/05-26/00167857"),
        ("ID проекта: 04/15/05-26/00167857", "04/15/05-26/00167857"),
        ("04/15/05-26/167857", None),
        ("166424", None),
    ],
)
def test_normalize_regulation_project_id(raw, expected):
    assert ids.normalize_regulation_project_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Федеральный закон", "federal-law"),
        ("Федерального закона", "federal-law"),
        ("Федеральный конституционный закон", "fkz"),
        ("Указ Президента Российской Федерации", "decree"),
        ("Распоряжение Правительства Российской Федерации", "government-order"),
        ("Постановление Правительства Российской Федерации", "government-resolution"),
        ("Приказ Минцифры России", "order"),
        ("decree", "decree"),
        ("Письмо", None),
    ],
)
def test_ru_act_kind(raw, expected):
    assert ids.ru_act_kind(raw) == expected


@pytest.mark.parametrize(
    ("kind", "date", "number", "expected"),
    [
        ("Федеральный закон", "31.07.2020", "№ 258-ФЗ", "ru/act/federal-law/2020-07-31/258-ФЗ"),
        ("Федеральный закон", "от 24 апреля 2020 г.", "N 123-фз", "ru/act/federal-law/2020-04-24/123-ФЗ"),
        ("Указ Президента Российской Федерации", "от 10.10.2019", "N 490", "ru/act/decree/2019-10-10/490"),
        ("Указ", "15.02.2024 года", "№ 124", "ru/act/decree/2024-02-15/124"),
        ("Распоряжение Правительства", "17.01.2026", "№ 28-р", "ru/act/government-order/2026-01-17/28-р"),
        ("Указ", None, "490", "ru/act/decree/undated/490"),
        ("Письмо", "10.10.2019", "490", None),
        ("Указ", "10.10.2019", "искусственный", None),
    ],
)
def test_ru_act_ref_id(kind, date, number, expected):
    assert ids.ru_act_ref_id(kind, date, number) == expected


def test_same_number_different_acts_get_different_ids():
    # numbers repeat across kinds and dates (two different распоряжения № 1856-р exist): all three parts count
    a = ids.ru_act_ref_id("Распоряжение Правительства", "10.07.2021", "№ 1856-р")
    b = ids.ru_act_ref_id("Распоряжение Правительства", "12.07.2022", "№ 1856-р")
    c = ids.ru_act_ref_id("Указ", "10.07.2021", "№ 1856")
    assert len({a, b, c}) == 3
