"""Typed dates: ISO, day/month/year the Mexican way and today; anything a month off is refused."""

from __future__ import annotations

from datetime import date

import pytest

from store.dates import DateInputError, parse_date

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("  2026-12-01 ", date(2026, 12, 1)),
        ("26/12/2026", date(2026, 12, 26)),
        ("13/01/2026", date(2026, 1, 13)),
        ("31/1/2026", date(2026, 1, 31)),
        ("04/04/2026", date(2026, 4, 4)),
        ("today", TODAY),
        ("Today", TODAY),
        ("hoy", TODAY),
        (" HOY ", TODAY),
    ],
)
def test_accepted_forms(typed, meant):
    assert parse_date(typed, today=TODAY) == meant


def test_today_is_the_machine_date_unless_given():
    assert parse_date("today") == date.today()


def test_both_readings_possible_is_refused_with_both():
    with pytest.raises(DateInputError) as refused:
        parse_date("03/04/2026", today=TODAY)
    assert str(refused.value) == "03/04/2026 could be 3 April or 4 March 2026; type 2026-04-03 or 2026-03-04"


def test_month_first_is_refused_with_the_iso_form():
    with pytest.raises(DateInputError) as refused:
        parse_date("04/23/2026", today=TODAY)
    assert str(refused.value) == "04/23/2026 looks like month/day/year; type 2026-04-23 or 23/04/2026"


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "31/02/2026", "13/13/2026", "0/5/2026", "02/30/2026"])
def test_days_not_on_the_calendar_are_refused(typed):
    with pytest.raises(DateInputError) as refused:
        parse_date(typed, today=TODAY)
    assert str(refused.value) == f"{typed!r} is not a date: there is no such date"


@pytest.mark.parametrize(
    "typed", ["12/2026", "26-12-2026", "20261201", "2026-W49-2", "next week", "26/12/26", "٢٠٢٦-١٢-٠١", ""]
)
def test_other_text_is_refused_with_the_forms_to_type(typed):
    with pytest.raises(DateInputError) as refused:
        parse_date(typed, today=TODAY)
    assert str(refused.value) == f"{typed!r} is not a date; type it as YYYY-MM-DD, DD/MM/YYYY or today"


def test_a_long_input_is_not_repeated_whole():
    with pytest.raises(DateInputError) as refused:
        parse_date("x" * 5000, today=TODAY)
    assert len(str(refused.value)) < 120
