"""The one translation function for every user-facing string, plus number/date formatting.

Strings are marked with ``_("...")`` (gettext style) so that a catalog such as
``es`` can be added under ``store/locale/<lang>/LC_MESSAGES/outreach-tui.mo``
without touching the screens. The language follows ``OUTREACH_TUI_LANG``, then the
usual ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` variables; ``LANG=C`` gives English.

Dates and numbers follow the language of the catalog in use, with CLDR patterns from
Babel: no system locale is needed, so ``locale.setlocale`` is never called (it fails
on servers where that locale is not installed). A date is never shown as a bare
month-day such as ``12-01``, which reads as 1 December in one country and 12 January
in another.
"""

from __future__ import annotations

import gettext
import os
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DOMAIN = "outreach-tui"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "en"
LANGUAGE_LOCALES = {"es": "es_MX"}
"""The CLDR locale whose date and number patterns a catalog language uses: the Spanish
catalog is worded for Mexico, so its dates and numbers are Mexico's (``23,300``)."""

_translation: gettext.NullTranslations | None = None
_language: str | None = None


def _languages() -> list[str] | None:
    override = os.environ.get("OUTREACH_TUI_LANG")
    return [override] if override else None


def _load() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=_languages(), fallback=True)


def language() -> str:
    """The language of the catalog ``_`` translates with (``en`` when none applies)."""
    global _language
    if _language is None:
        found = gettext.find(DOMAIN, localedir=LOCALE_DIR, languages=_languages())
        # The catalog sits at <LOCALE_DIR>/<language>/LC_MESSAGES/<DOMAIN>.mo.
        _language = Path(found).parent.parent.name if found else DEFAULT_LANGUAGE
    return _language


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


@cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(LANGUAGE_LOCALES.get(name, name))


def babel_locale() -> Locale:
    """The CLDR locale every date and number is formatted with: the one place it is chosen."""
    return _babel_locale(language())


def format_number(value: int | float) -> str:
    """A number with the thousands separator and decimal mark of the user's language."""
    return babel_numbers.format_decimal(value, locale=babel_locale())


def thousands_separator() -> str:
    """The character the user's language groups thousands with (``,`` in English and in Mexico)."""
    return babel_numbers.get_group_symbol(babel_locale())


def format_percent(fraction: float) -> str:
    """``fraction`` (0.25) as a whole percentage (``25%``) written the way the user's language writes it."""
    return babel_numbers.format_percent(fraction, locale=babel_locale())


def format_date(value: date | None) -> str:
    """A calendar date with its year, month as a word: ``Dec 1, 2026`` / ``1 dic 2026``."""
    if value is None:
        return _("—")
    return babel_dates.format_date(value, "medium", locale=babel_locale())


def format_short_date(value: date, *, today: date | None = None) -> str:
    """A date for a narrow place (a card): ``Dec 26`` / ``26 dic``, with the year when it is not this year's."""
    current = today or date.today()
    if value.year != current.year:
        return format_date(value)
    return babel_dates.format_skeleton("MMMd", value, locale=babel_locale())


def format_datetime(value: datetime | None) -> str:
    """A stored timestamp to minute precision, in UTC and marked so: ``Dec 1, 2026, 16:30 UTC``."""
    if value is None:
        return _("—")
    moment = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    locale = babel_locale()
    day = babel_dates.format_date(moment, "medium", locale=locale)
    time = babel_dates.format_time(moment, "HH:mm", tzinfo=UTC, locale=locale)
    # Babel joins a date and a time with the locale's own pattern, quotes removed, the same way.
    joined = str(babel_dates.get_datetime_format("medium", locale=locale)).replace("'", "")
    return joined.replace("{1}", day).replace("{0}", time) + " " + _("UTC")


def month_name(month: int) -> str:
    """The full name of ``month`` (1-12) in the user's language: ``April`` / ``abril``."""
    return str(babel_dates.get_month_names("wide", "format", locale=babel_locale())[month])
