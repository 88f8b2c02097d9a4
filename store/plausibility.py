"""Dates that are valid but probably mistyped: a year off, or day and month swapped.

They are not refused (a visit logged late, a follow-up set long ago, are real), only pointed out:
the forms ask before saving one, the command line saves it and warns. The limits:

- a next follow-up more than 183 days (about six months) before today: a follow-up is about
  what comes next, and one that far back is almost always a wrong year;
- a visit or a training more than 31 days (about a month) after today: both record what
  happened, and planning a month ahead is what the next follow-up is for.
"""

from __future__ import annotations

from datetime import date, timedelta

from .i18n import _, format_date

FOLLOW_UP_PAST_LIMIT = timedelta(days=183)
AHEAD_LIMIT = timedelta(days=31)


def follow_up_warning(day: date | None, today: date) -> str | None:
    if day is None or day >= today - FOLLOW_UP_PAST_LIMIT:
        return None
    return _("The next follow-up, {date}, is more than six months ago.").format(date=format_date(day))


def visit_date_warning(day: date | None, today: date) -> str | None:
    if day is None or day <= today + AHEAD_LIMIT:
        return None
    return _("The visit date, {date}, is more than a month ahead.").format(date=format_date(day))


def training_date_warning(day: date | None, today: date) -> str | None:
    if day is None or day <= today + AHEAD_LIMIT:
        return None
    return _("The training date, {date}, is more than a month ahead.").format(date=format_date(day))


def date_warnings(
    today: date, *, visit: date | None = None, training: date | None = None, follow_up: date | None = None
) -> list[str]:
    """What looks mistyped among the dates given, one sentence each (empty: all plausible)."""
    found = [
        visit_date_warning(visit, today),
        training_date_warning(training, today),
        follow_up_warning(follow_up, today),
    ]
    return [warning for warning in found if warning is not None]
