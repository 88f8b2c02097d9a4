"""Reading a date a person typed: the one parser behind every form field and command-line option.

Accepted: ``YYYY-MM-DD``, ``DD/MM/YYYY`` (the way dates are written in Mexico) and
``today`` (``hoy``). A slashed date that could be read either way (``03/04/2026``) is
refused with both readings instead of guessing, and one that only makes sense as
month/day (``04/23/2026``) is refused with the form to type, so no date is ever
stored a month off.
"""

from __future__ import annotations

import re
from datetime import date

from . import i18n
from .i18n import _, month_name

ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
SLASHED_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
TODAY_WORDS = ("today", "hoy")
SHOWN_LENGTH = 40
"""How much of a long unreadable input a message repeats."""


class DateInputError(ValueError):
    """Typed text that is not a date this program accepts; ``str(error)`` says what to type."""


def parse_date(text: str, *, today: date | None = None) -> date:
    """The date ``text`` means; ``today`` is what the words ``today`` and ``hoy`` stand for."""
    value = text.strip()
    if value.casefold() in (*TODAY_WORDS, _("today").casefold()):
        return today or i18n.today()
    if iso := ISO_DATE.fullmatch(value):
        year, month, day = (int(part) for part in iso.groups())
        return _calendar_date(value, year, month, day)
    if slashed := SLASHED_DATE.fullmatch(value):
        first, second, year = (int(part) for part in slashed.groups())
        return _slashed_date(value, first, second, year)
    shown = value if len(value) <= SHOWN_LENGTH else value[:SHOWN_LENGTH] + "…"
    raise DateInputError(
        _("{value} is not a date; type it as YYYY-MM-DD, DD/MM/YYYY or today").format(value=repr(shown))
    )


def _slashed_date(value: str, first: int, second: int, year: int) -> date:
    """``first/second/year`` read day first, refused where month first is as likely or likelier."""
    # Only a day can be over 12, and equal numbers read the same either way.
    if first > 12 or first == second:
        return _calendar_date(value, year, second, first)
    if second > 12:
        _calendar_date(value, year, first, second)  # 02/30/2026 is no date either way
        raise DateInputError(
            _("{value} looks like month/day/year; type {iso} or {day_first}").format(
                value=value,
                iso=f"{year:04d}-{first:02d}-{second:02d}",
                day_first=f"{second:02d}/{first:02d}/{year:04d}",
            )
        )
    if first == 0 or second == 0:
        return _calendar_date(value, year, second, first)
    raise DateInputError(
        _("{value} could be {first} or {second} {year}; type {first_iso} or {second_iso}").format(
            value=value,
            first=_day_month(first, second),
            second=_day_month(second, first),
            year=year,
            first_iso=f"{year:04d}-{second:02d}-{first:02d}",
            second_iso=f"{year:04d}-{first:02d}-{second:02d}",
        )
    )


def _day_month(day: int, month: int) -> str:
    return _("{day} {month}").format(day=day, month=month_name(month))


def _calendar_date(value: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(_("{value} is not a date: there is no such date").format(value=repr(value))) from None
