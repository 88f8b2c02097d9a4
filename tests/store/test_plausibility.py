"""Dates that are valid but probably mistyped: pointed out, never refused."""

from __future__ import annotations

from datetime import date, timedelta

from store.i18n import set_language
from store.plausibility import AHEAD_LIMIT, FOLLOW_UP_PAST_LIMIT, date_warnings

TODAY = date(2026, 11, 24)


def test_a_follow_up_more_than_six_months_ago_is_pointed_out_and_one_within_is_not():
    assert date_warnings(TODAY, follow_up=TODAY - FOLLOW_UP_PAST_LIMIT) == []
    assert date_warnings(TODAY, follow_up=TODAY + timedelta(days=400)) == []
    (warning,) = date_warnings(TODAY, follow_up=date(2025, 11, 20))
    assert warning == "The next follow-up, Nov 20, 2025, is more than six months ago."


def test_a_visit_or_training_more_than_a_month_ahead_is_pointed_out():
    assert date_warnings(TODAY, visit=TODAY + AHEAD_LIMIT, training=TODAY + AHEAD_LIMIT) == []
    assert date_warnings(TODAY, visit=date(2020, 1, 1), training=date(2020, 1, 1)) == []
    ahead = TODAY + AHEAD_LIMIT + timedelta(days=1)
    assert date_warnings(TODAY, visit=ahead, training=ahead) == [
        "The visit date, Dec 26, 2026, is more than a month ahead.",
        "The training date, Dec 26, 2026, is more than a month ahead.",
    ]


def test_the_warnings_read_in_the_readers_language():
    set_language("es")
    (warning,) = date_warnings(TODAY, visit=date(2027, 5, 24))
    assert warning == "La fecha de la visita, 24 may 2027, es de más de un mes en el futuro."
