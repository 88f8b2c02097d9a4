"""Board settings: the values a coordinator may choose, and their names."""

from __future__ import annotations

import zoneinfo
from functools import cache

from .document import BoardDocument
from .errors import ValidationFailed
from .i18n import LANGUAGE_NAMES, LANGUAGES, _, known_language
from .models import BOARD_SETTINGS_ID, BoardSettings
from .text import display_safe

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
