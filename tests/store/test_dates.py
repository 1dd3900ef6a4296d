"""Dates in the forms legal sources use, one case per line."""

import datetime as dt

import pytest

from store.dates import fast_date, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-07-12", dt.date(2024, 7, 12)),
        ("2026-01-17T00:00:00", dt.date(2026, 1, 17)),
        ("2026-06-04T11:54:45.352+02:00", dt.date(2026, 6, 4)),
        ("20240613", dt.date(2024, 6, 13)),
        ("12.7.2024", dt.date(2024, 7, 12)),
        ("10.10.2019", dt.date(2019, 10, 10)),
        ("от 10.10.2019 № 490", dt.date(2019, 10, 10)),
        ("15.02.2024 года", dt.date(2024, 2, 15)),
        ("22/04/2021", dt.date(2021, 4, 22)),
        ("10 октября 2019 г.", dt.date(2019, 10, 10)),
        ("15 февраля 2024 года", dt.date(2024, 2, 15)),
        ("от 31 июля 2020 г. № 258-ФЗ", dt.date(2020, 7, 31)),
        ("31.02.2024", None),
        ("no date here", None),
    ],
)
def test_fast_date(raw, expected):
    assert fast_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("12 July 2024", "en", dt.date(2024, 7, 12)),
        ("13 June 2024", None, dt.date(2024, 6, 13)),
        ("1 août 2024", "fr", dt.date(2024, 8, 1)),
        ("9999-12-31", None, dt.date(9999, 12, 31)),
        ("", None, None),
        ("   ", None, None),
        ("not a date at all", "en", None),
    ],
)
def test_parse_date(raw, language, expected):
    assert parse_date(raw, language=language) == expected
