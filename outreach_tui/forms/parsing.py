"""Reading what people type into form fields: dates, counts and comma-separated lists.

Problems found here are reported in the shape the store uses for its own (field path,
message), so a form shows both kinds beside the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from store.dates import DateInputError, parse_date
from store.errors import ValidationFailed
from store.i18n import _, format_number
from store.numbers import parse_count


def date_placeholder() -> str:
    """Every way a date may be typed, in the person's language: never a bare month-day, which reads two ways."""
    return _("YYYY-MM-DD, DD/MM/YYYY or today")


def split_list(value: str) -> list[str]:
    """Comma-separated input (aliases, languages, tags, names) as a list, blanks dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


def join_list(values: Iterable[str]) -> str:
    return ", ".join(values)


class Problems:
    """Problems found before calling the store, in the shape the store reports its own."""

    def __init__(self, *, today: date | None = None) -> None:
        self.items: list[tuple[str, str]] = []
        self.today = today
        """What ``today`` typed in a date field means (the machine's date when not given)."""

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))

    def required(self, path: str, value: str) -> str:
        value = value.strip()
        if not value:
            self.add(path, _("required"))
        return value

    def day(self, path: str, value: str, *, required: bool = False) -> date | None:
        """A calendar date typed as YYYY-MM-DD, DD/MM/YYYY or today; ``None`` when left empty."""
        value = value.strip()
        if not value:
            if required:
                self.add(path, _("required"))
            return None
        try:
            return parse_date(value, today=self.today)
        except DateInputError as error:
            self.add(path, str(error))
            return None

    def count(self, path: str, value: str, *, required: bool = False) -> int | None:
        """A whole number of 0 or more; thousands separators and spaces are allowed."""
        value = value.strip()
        if not value:
            if required:
                self.add(path, _("required"))
            return None
        number = parse_count(value)
        if number is None:
            self.add(path, _("type a whole number, such as {example}").format(example=format_number(1200)))
        return number

    def check(self) -> None:
        if self.items:
            raise ValidationFailed(_("Some fields need correcting."), self.items)
