"""The one translation function for every user-facing string, plus number/date formatting.

Strings are marked with ``_("...")`` (gettext style) so that a catalog such as
``es_MX`` can be added under ``store/locale/<lang>/LC_MESSAGES/outreach-tui.mo``
without touching the screens. The language follows ``OUTREACH_TUI_LANG``, then the
usual ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` variables; ``LANG=C`` gives English.
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime
from pathlib import Path

DOMAIN = "outreach-tui"
LOCALE_DIR = Path(__file__).with_name("locale")

_translation: gettext.NullTranslations | None = None


def _load() -> gettext.NullTranslations:
    languages = None
    override = os.environ.get("OUTREACH_TUI_LANG")
    if override:
        languages = [override]
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalog applies)."""
    global _translation
    if _translation is None:
        _translation = _load()
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    global _translation
    if _translation is None:
        _translation = _load()
    return _translation.ngettext(singular, plural, n)


def format_number(value: int) -> str:
    """A whole number with a thousands separator for the user's language."""
    # Both en and es_MX group with a comma; a catalog can translate the separator.
    separator = _(",")
    return f"{value:,}".replace(",", separator)


def format_date(value: date | None) -> str:
    """A calendar date as shown to users (ISO, which reads the same in every language)."""
    if value is None:
        return _("—")
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    """A UTC timestamp shown to minute precision, marked as UTC."""
    if value is None:
        return _("—")
    return value.strftime("%Y-%m-%d %H:%M") + " " + _("UTC")
