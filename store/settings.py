"""Board settings: the values a coordinator may choose, their names, and a look at them before a board opens."""

from __future__ import annotations

import zoneinfo
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .document import BoardDocument
from .errors import StoreError, ValidationFailed
from .i18n import LANGUAGE_NAMES, LANGUAGES, _, known_language
from .loading import parse_document
from .models import BOARD_SETTINGS_ID, BoardSettings
from .storage import BoardFile
from .text import display_safe
from .upgrade import upgraded

EXAMPLE_TIME_ZONES = ("America/Mexico_City", "America/Tijuana", "America/Los_Angeles")

_NOT_ZONES = frozenset({"localtime", "Factory"})
"""Names the zone database holds that name no place (``localtime`` differs from server to server)."""


def current_settings(doc: BoardDocument) -> BoardSettings:
    """The board's settings; the defaults when none were ever set."""
    return doc.settings.get(BOARD_SETTINGS_ID) or BoardSettings()


def language_name(code: str) -> str:
    """``es`` named in itself (``Español``), so whoever reads it finds their own language."""
    return LANGUAGE_NAMES.get(code, code)


def checked_language(code: str | None) -> str | None:
    """``code`` as a language there is a catalog for (``ES``, ``es_MX``, ``es-MX`` give ``es``), or ``ValidationFailed``."""
    if code is None:
        return None
    if wanted := known_language(code):
        return wanted
    choices = ", ".join(f"{choice} ({language_name(choice)})" for choice in LANGUAGES)
    raise ValidationFailed(
        _("There is no {code!r} language; a board's language can be: {choices}.").format(
            code=display_safe(code), choices=choices
        ),
        [("language", _("not one of: {choices}").format(choices=choices))],
    )


@cache
def _known_zones() -> dict[str, str]:
    """The zone names of the system's zone data (or of the ``tzdata`` package), by their case-folded form."""
    return {name.casefold(): name for name in zoneinfo.available_timezones() - _NOT_ZONES}


def checked_time_zone(name: str | None) -> str | None:
    """``name`` as an IANA time zone name, or ``ValidationFailed`` giving examples (or the name meant)."""
    if name is None:
        return None
    wanted = name.strip()
    found = _known_zones().get(wanted.casefold())
    if found == wanted:
        return found
    if found is not None:
        message = _("There is no time zone {name!r}; did you mean {suggestion}?").format(
            name=display_safe(name), suggestion=found
        )
    else:
        message = _("There is no time zone {name!r}; give a name of the time zone database such as {examples}.").format(
            name=display_safe(name), examples=", ".join(EXAMPLE_TIME_ZONES)
        )
    raise ValidationFailed(message, [("time_zone", _("not a known time zone"))])


def peek_settings(path: str | Path) -> BoardSettings | None:
    """The settings of the board file at ``path``, read without the lock; None if they cannot be told.

    For start-up, before the board is really opened (to choose the language its
    messages are shown in). Writers replace the file atomically, so this read sees a
    whole file. A missing, unreadable, invalid, foreign or newer file gives None:
    opening it reports the problem.
    """
    try:
        data, _stamp = BoardFile(path).read_bytes()
        records = upgraded(parse_document(data, Path(path))).get("settings", {})
        if not isinstance(records, dict) or len(records) > 1:
            return None
        return BoardSettings.model_validate(next(iter(records.values()), {}))
    except (StoreError, OSError, ValueError, RecursionError, ValidationError):
        return None
