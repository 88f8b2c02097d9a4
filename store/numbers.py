"""Reading a whole number as people type it: ``1200``, ``1,200``, ``1 200`` (the board's forms and the command line)."""

from __future__ import annotations

import re

from .i18n import thousands_separator

DIGITS = re.compile(r"[0-9]+")


def ungrouped(text: str) -> str:
    """``text`` without the marks that group thousands: the language's separator, commas, spaces, underscores."""
    return text.strip().replace(thousands_separator(), "").replace(",", "").replace(" ", "").replace("_", "")


def parse_count(text: str) -> int | None:
    """A whole number of 0 or more, thousands separators allowed; None when ``text`` is not one."""
    digits = ungrouped(text)
    return int(digits) if DIGITS.fullmatch(digits) else None
