"""Command-line value types: each turns a typed string into a value or a usage error (exit 2)."""

from __future__ import annotations

import argparse
from datetime import date

from store import MAX_ATTENDEES
from store.dates import DateInputError, parse_date
from store.demo import MAX_DEMO_ORGANIZATIONS
from store.i18n import _, format_number
from store.numbers import ungrouped

LARGEST_NUMBER = 2**63 - 1
"""The largest whole number a board file holds (JSON readers and the store keep 64-bit integers)."""


DATE_METAVAR = "DATE"


def date_forms() -> str:
    """The ways a date can be typed, for help texts (the same as the board's forms accept)."""
    return _("YYYY-MM-DD, DD/MM/YYYY or today")


def parse_day(value: str) -> date:
    """A date typed as YYYY-MM-DD, DD/MM/YYYY or today; the same reading the board's forms use."""
    try:
        return parse_date(value)
    except DateInputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_day_or_none(value: str) -> date | None:
    if value.strip().casefold() in ("none", "-"):
        return None
    return parse_day(value)


def follow_up_option(value: str) -> date | str:
    """A date, or ``"none"`` to clear the follow-up."""
    day = parse_day_or_none(value)
    return "none" if day is None else day


def whole_number(value: str) -> int:
    """A whole number the board file can hold (a 64-bit integer); anything else is a usage error.

    Thousands may be grouped as in the board's forms (``1,200``, ``1 200``).
    """
    text = ungrouped(value)
    digits = text[1:] if text[:1] in "+-" else text
    if digits.isdecimal() and len(digits) > len(str(LARGEST_NUMBER)):
        raise too_large(value)  # checked before int(), which refuses thousands of digits with its own words
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=value)) from None
    if abs(number) > LARGEST_NUMBER:
        raise too_large(value)
    return number


def too_large(value: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(
        _("{value!r} is too large (at most {max})").format(value=value, max=format_number(LARGEST_NUMBER))
    )


def non_negative(value: str) -> int:
    number = whole_number(value)
    if number < 0:
        raise argparse.ArgumentTypeError(_("{value!r} must be 0 or more").format(value=value))
    return number


def positive(value: str) -> int:
    number = whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(_("{value!r} must be 1 or more").format(value=value))
    return number


def fit_rating(value: str) -> int:
    number = whole_number(value)
    if not 1 <= number <= 5:
        raise argparse.ArgumentTypeError(_("fit must be 1 to 5, not {value!r}").format(value=value))
    return number


def demo_size(value: str) -> int:
    number = whole_number(value)
    if not 1 <= number <= MAX_DEMO_ORGANIZATIONS:
        raise argparse.ArgumentTypeError(
            _("choose 1 to {max} organizations, not {value!r}").format(
                max=format_number(MAX_DEMO_ORGANIZATIONS), value=value
            )
        )
    return number


def choice_key(value: str) -> str:
    """``not-a-fit`` and ``not_a_fit`` both name the stored value ``not_a_fit``."""
    return value.strip().casefold().replace("-", "_")


def attendance_item(value: str) -> tuple[str, int]:
    """``ORG`` or ``ORG:ATTENDEES``; a name whose part after the last colon is not a number is kept whole."""
    ref, sep, count = value.rpartition(":")
    if not sep or not count.strip().isdecimal() or not ref.strip():
        return value, 1
    # Any count with more digits than the limit is over it: int() is not asked to read thousands of digits.
    attendees = int(count) if len(count.strip()) <= len(str(MAX_ATTENDEES)) else MAX_ATTENDEES + 1
    if not 1 <= attendees <= MAX_ATTENDEES:
        raise argparse.ArgumentTypeError(
            _("attendees must be 1 to {max}, not {count!r}").format(max=format_number(MAX_ATTENDEES), count=count)
        )
    return ref, attendees
