"""Times in the board's time zone: stored in UTC, shown where the board is, with the zone's abbreviation."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from store.dates import parse_date
from store.i18n import format_datetime, set_language, set_time_zone, time_zone_abbreviation, today

MOMENT = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)


def test_without_a_board_zone_times_are_in_the_servers_zone():
    """The tests' server runs in UTC (see tests/conftest.py)."""
    assert format_datetime(MOMENT) == "Nov 24, 2026, 16:30 UTC"
    assert time_zone_abbreviation() == "UTC"


def test_times_are_shown_in_the_boards_zone_with_its_abbreviation():
    set_time_zone("America/Mexico_City")
    assert format_datetime(MOMENT) == "Nov 24, 2026, 10:30 CST"
    assert format_datetime(datetime(2026, 11, 25, 3, 5, tzinfo=UTC)) == "Nov 24, 2026, 21:05 CST"
    set_time_zone("America/Tijuana")
    assert format_datetime(datetime(2026, 7, 1, 16, 30, tzinfo=UTC)) == "Jul 1, 2026, 09:30 PDT"
    set_language("es")
    assert format_datetime(MOMENT) == "24 nov 2026, 08:30 PST"


def test_a_zone_this_machine_does_not_know_shows_the_servers():
    set_time_zone("America/Mexico_City")
    set_time_zone("Nowhere/Atlantis")
    assert format_datetime(MOMENT).endswith("16:30 UTC")
    set_time_zone(None)
    assert format_datetime(MOMENT).endswith("16:30 UTC")


def test_today_is_today_in_the_boards_zone():
    # Fourteen hours ahead of UTC and eleven behind: their dates always differ.
    set_time_zone("Pacific/Kiritimati")
    ahead = today()
    assert ahead == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    set_time_zone("Pacific/Pago_Pago")
    assert today() == datetime.now(ZoneInfo("Pacific/Pago_Pago")).date() != ahead
    assert parse_date("today") == parse_date("hoy") == today()
