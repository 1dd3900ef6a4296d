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
        ("May 17, 2024", dt.date(2024, 5, 17)),
        ("27 April 2016", dt.date(2016, 4, 27)),
        ("november 25 2025", dt.date(2025, 11, 25)),
        ("February 30, 2024", None),
        ("Sept 5, 2024", None),  # not a month's full name: dateparser reads it
        ("signed May 17, 2024 by the Governor", None),  # a whole string only
    ],
)
def test_fast_date(raw, expected):
    assert fast_date(raw) == expected


def test_written_english_dates_read_as_dateparser_reads_them():
    """The fast path for "May 17, 2024" and "27 April 2016" gives what dateparser gave for every day of a year."""
    from store.dates import _parser

    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        for raw in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}"):
            data = _parser(()).get_date_data(raw)
            assert fast_date(raw) == data.date_obj.date() == day, raw
        day += dt.timedelta(days=5)


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


@pytest.mark.parametrize(
    ("raw", "end", "expected"),
    [
        ("2024", False, dt.date(2024, 1, 1)),  # --since 2024: from 1 January, never from today's day of 2024
        ("2024", True, dt.date(2024, 12, 31)),  # --until 2024: to 31 December
        ("2024-06", True, dt.date(2024, 6, 30)),
        ("June 2024", False, dt.date(2024, 6, 1)),
        ("February 2024", True, dt.date(2024, 2, 29)),
        ("2024-07-12", True, dt.date(2024, 7, 12)),
        ("12.07.2024", False, dt.date(2024, 7, 12)),
        ("2024-13-01", False, None),  # no 13th month: not read as 13 January
        ("2026-02-30", None, None),
        ("no date", True, None),
    ],
)
def test_a_date_a_user_types_as_a_period_bound(raw, end, expected):
    from store.dates import parse_user_date

    assert parse_user_date(raw, end=end) == expected
