"""Dates and numbers as people read them: CLDR patterns per language, never a bare month-day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

import store.i18n
from store.i18n import (
    babel_locale,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    thousands_separator,
)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formatting the Spanish catalog will bring, without the catalog."""
    monkeypatch.setattr(store.i18n, "_language", "es")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store.i18n, "_language", None)
    monkeypatch.delenv("OUTREACH_TUI_LANG", raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")


def test_english_is_the_language_without_a_catalog(english):
    assert store.i18n.language() == "en"
    assert str(babel_locale()) == "en"


def test_spanish_dates_and_numbers_read_the_mexican_way(spanish):
    assert str(babel_locale()) == "es_MX"
    assert format_number(23_300) == "23,300"
    assert format_date(date(2026, 12, 1)) == "1 dic 2026"
    assert format_datetime(datetime(2026, 11, 24, 16, 30, tzinfo=UTC)) == "24 nov 2026, 16:30 UTC"


def test_full_dates_name_the_month_and_the_year(english):
    assert format_date(date(2026, 12, 1)) == "Dec 1, 2026"
    assert format_date(None) == "—"


def test_timestamps_are_shown_in_utc_to_the_minute_and_say_so(english):
    assert format_datetime(datetime(2026, 11, 24, 16, 30, 59, tzinfo=UTC)) == "Nov 24, 2026, 16:30 UTC"
    mexico_city = timezone(timedelta(hours=-6))
    assert format_datetime(datetime(2026, 11, 24, 20, 5, tzinfo=mexico_city)) == "Nov 25, 2026, 02:05 UTC"
    assert format_datetime(datetime(2026, 11, 24, 9, 5)) == "Nov 24, 2026, 09:05 UTC"
    assert format_datetime(None) == "—"


def test_numbers_and_percentages(english):
    assert format_number(23_300) == "23,300"
    assert format_number(7) == "7"
    assert format_number(1234.5) == "1,234.5"
    assert format_percent(0.25) == "25%"
    assert thousands_separator() == ","


def test_no_month_day_is_ever_written_with_digits_only(english):
    shown = format_date(date(2026, 12, 1))
    assert "12-01" not in shown and "12/01" not in shown and "Dec" in shown and "2026" in shown
