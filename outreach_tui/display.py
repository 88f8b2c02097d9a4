"""Turning stored values into what people see.

User text is data, never markup: it enters Rich/Textual only as ``Text`` built from
``display_safe`` output, so ``[bold]x[/]`` shows literally and escape sequences never
reach the terminal. Enum values get translated labels here, in one place.
"""

from __future__ import annotations

from typing import get_args

from rich.text import Text

from store.choice_labels import (
    LEGAL_CAPACITY_LABELS,
    ORGANIZATION_TYPE_LABELS,
    OUTREACH_CAPACITY_LABELS,
    TRISTATE_LABELS,
    shown,
)
from store.i18n import N_, _
from store.models import LegalCapacity, OrganizationType, OutreachCapacity, Tristate
from store.text import display_safe


def safe(value: str, *, multiline: bool = False) -> str:
    """``value`` with control and format characters removed (a plain string)."""
    return display_safe(value, multiline=multiline)


def safe_text(value: str, style: str = "", *, multiline: bool = False) -> Text:
    """A Rich ``Text`` that shows ``value`` literally, whatever brackets or escapes it holds."""
    return Text(display_safe(value, multiline=multiline), style=style, no_wrap=not multiline, end="")


def file_problem(error: OSError) -> str:
    """An operating-system error as one sentence, naming the file but no board content."""
    reason = error.strerror or type(error).__name__
    if error.filename:
        return _("Cannot read or write {path}: {reason}.").format(path=error.filename, reason=reason)
    return _("The board file cannot be read or written: {reason}.").format(reason=reason)


def organization_type_label(value: str) -> str:
    return shown(ORGANIZATION_TYPE_LABELS, value)


def legal_capacity_label(value: str) -> str:
    return shown(LEGAL_CAPACITY_LABELS, value)


def outreach_capacity_label(value: str) -> str:
    return shown(OUTREACH_CAPACITY_LABELS, value)


def tristate_label(value: str) -> str:
    return shown(TRISTATE_LABELS, value)


def off_board_label(value: str) -> str:
    return {"not_a_fit": _("Not a fit"), "paused": _("Paused")}.get(value, value)


def campaign_status_label(value: str) -> str:
    return {"planning": _("Planning"), "active": _("Active"), "completed": _("Completed")}.get(value, value)


FIT_LABELS = {
    1: N_("1 - poor fit"),
    2: N_("2 - weak fit"),
    3: N_("3 - possible fit"),
    4: N_("4 - good fit"),
    5: N_("5 - excellent fit"),
}
"""A visit's fit rating, 1 to 5, with what it means (untranslated: see ``fit_label``)."""


def fit_label(value: int) -> str:
    """A visit's fit rating, 1 to 5, with what it means."""
    return _(FIT_LABELS[value])


def role_label(value: str) -> str:
    return {"coordinator": _("coordinator"), "trainer": _("trainer"), "viewer": _("viewer")}.get(value, value)


# The choices forms offer, in the order the models declare them.
ORGANIZATION_TYPES: tuple[str, ...] = get_args(OrganizationType)
LEGAL_CAPACITIES: tuple[str, ...] = get_args(LegalCapacity)
OUTREACH_CAPACITIES: tuple[str, ...] = get_args(OutreachCapacity)
TRISTATES: tuple[str, ...] = get_args(Tristate)
