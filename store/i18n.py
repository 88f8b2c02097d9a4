"""The one translation function for every user-facing string, plus number/date formatting.

Strings are marked with ``_("...")`` (gettext style); catalogs live under
``store/locale/<lang>/LC_MESSAGES/outreach-tui.mo``. Which language a run uses is
decided once, by ``resolve_language``, and can change while the app runs
(``set_language``); text defined at import time is marked with ``N_`` and translated
where it is shown, so it follows such a change.

Dates and numbers follow the language of the catalog in use, with CLDR patterns from
Babel: no system locale is needed, so ``locale.setlocale`` is never called (it fails
on servers where that locale is not installed). A date is never shown as a bare
month-day such as ``12-01``, which reads as 1 December in one country and 12 January
in another.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

DOMAIN = "outreach-tui"
LOCALE_DIR = Path(__file__).with_name("locale")
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "es")
"""The languages there is a catalog for; English is the language of the source text."""
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
"""Each language named in itself, for the choice of language: a person who cannot read
the current language must still find their own."""
LANGUAGE_LOCALES = {"es": "es_MX"}
"""The CLDR locale whose date and number patterns a catalog language uses: the Spanish
catalog is worded for Mexico, so its dates and numbers are Mexico's (``23,300``)."""
LANGUAGE_VARIABLE = "OUTREACH_TUI_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where gettext looks for the user's language, in its order: the first one set decides."""

_translation: gettext.NullTranslations | None = None
_language: str | None = None


def known_language(code: str | None) -> str | None:
    """The catalog language ``code`` asks for (``es_MX.UTF-8`` -> ``es``), or None.

    None for ``C``, ``POSIX``, an empty value and any language without a catalog.
    """
    base = (code or "").strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def environment_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale variables ask for, the way gettext reads them, or None.

    The first variable set decides, as in gettext: ``LC_ALL=C`` hides ``LANG=es_MX.UTF-8``.
    ``LANGUAGE`` is a list tried in order (``fr:es`` gives Spanish). None means the
    variables name no language there is a catalog for (``LANG=C``, no locale at all).
    """
    environ = os.environ if environ is None else environ
    value = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    for entry in value.split(":"):
        if entry.split(".")[0] in ("C", "POSIX"):
            return None
        if found := known_language(entry):
            return found
    return None


def resolve_language(
    *,
    requested: str | None = None,
    saved: str | None = None,
    board_default: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language of a run: ``--lang``, else the person's saved choice, else
    ``OUTREACH_TUI_LANG``, else the locale variables, else the board's default, else English.

    The board's default comes after the person's own settings on purpose: over SSH many
    people arrive with ``LANG=C`` or no locale at all, and the board default is what gives
    them the network's language without overriding anyone who chose.
    """
    personal = personal_language(requested=requested, saved=saved, environ=environ)
    return personal or known_language(board_default) or DEFAULT_LANGUAGE


def personal_language(
    *, requested: str | None = None, saved: str | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """The language the person asked for (``--lang``, saved choice, variables), or None.

    None means only the board's default can still decide, so the board file is read
    for its settings only then.
    """
    environ = os.environ if environ is None else environ
    for candidate in (requested, saved, environ.get(LANGUAGE_VARIABLE)):
        if found := known_language(candidate):
            return found
    return environment_language(environ)


def set_language(code: str) -> None:
    """Translate everything from now on into ``code`` (a member of ``LANGUAGES``)."""
    global _translation, _language
    language_ = known_language(code) or DEFAULT_LANGUAGE
    _translation = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language_], fallback=True)
    if language_ != DEFAULT_LANGUAGE and type(_translation) is gettext.NullTranslations:
        language_ = DEFAULT_LANGUAGE  # the catalog is missing from this installation
    _language = language_


def language() -> str:
    """The language ``_`` translates into (``en`` until one is chosen)."""
    if _language is None:
        set_language(resolve_language())
    return _language or DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalog applies)."""
    if _translation is None:
        language()
    assert _translation is not None
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    if _translation is None:
        language()
    assert _translation is not None
    return _translation.ngettext(singular, plural, n)


def in_every_language(message: str) -> tuple[str, ...]:
    """``message`` as each language of ``LANGUAGES`` says it (English first), whatever language is chosen.

    For reading back what this program wrote in any language, such as the headers of an export.
    """
    found = [message]
    for code in LANGUAGES:
        text = _catalog(code).gettext(message)
        if text not in found:
            found.append(text)
    return tuple(found)


@cache
def _catalog(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet.

    For text defined at import time (key bindings, column titles): it is translated with
    ``_`` where it is shown, so a change of language while the app runs reaches it.
    """
    return message


@cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(LANGUAGE_LOCALES.get(name, name))


def babel_locale() -> Locale:
    """The CLDR locale every date and number is formatted with: the one place it is chosen."""
    return _babel_locale(language())


def format_number(value: int | float) -> str:
    """A number with the thousands separator and decimal mark of the user's language."""
    return _formatted_number(value, language())


@lru_cache(maxsize=8192)
def _formatted_number(value: int | float, language_code: str) -> str:
    # Babel takes a tenth of a millisecond a number; a report of 20,000 organizations formats thousands.
    return babel_numbers.format_decimal(value, locale=_babel_locale(language_code))


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


def format_month(value: date) -> str:
    """A month with its year, as a report heads it: ``January 2026`` / ``enero de 2026``."""
    return babel_dates.format_skeleton("yMMMM", value, locale=babel_locale())


def format_datetime(value: datetime | None) -> str:
    """A stored timestamp (UTC; naive ones are taken as UTC) to minute precision, in the board's time zone
    and marked with the zone's abbreviation: ``Dec 1, 2026, 10:30 CST``."""
    if value is None:
        return _("—")
    moment = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(_time_zone)
    locale = babel_locale()
    day = babel_dates.format_date(moment, "medium", locale=locale)
    time = babel_dates.format_time(moment, "HH:mm", tzinfo=moment.tzinfo, locale=locale)
    # Babel joins a date and a time with the locale's own pattern, quotes removed, the same way.
    joined = str(babel_dates.get_datetime_format("medium", locale=locale)).replace("'", "")
    return joined.replace("{1}", day).replace("{0}", time) + " " + time_zone_abbreviation(moment)


def month_name(month: int) -> str:
    """The full name of ``month`` (1-12) in the user's language: ``April`` / ``abril``."""
    return str(babel_dates.get_month_names("wide", "format", locale=babel_locale())[month])


# -- the board's time zone ----------------------------------------------------------------

_time_zone: ZoneInfo | None = None
"""The zone times are shown in and "today" is taken in; None: the server's."""


def set_time_zone(name: str | None) -> None:
    """Show times in the IANA zone ``name`` from now on (the board's setting); None: the server's zone.

    A zone this machine has no data for also falls back to the server's: the times are
    still right, marked with the zone they are shown in.
    """
    global _time_zone
    try:
        _time_zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        _time_zone = None


def time_zone_abbreviation(moment: datetime | None = None) -> str:
    """The abbreviation of the zone times are shown in at ``moment`` (default: now), e.g. ``CST`` or ``UTC``."""
    shown = (moment or datetime.now(UTC)).astimezone(_time_zone)
    return shown.tzname() or shown.strftime("%z")


def _today_in_zone() -> date:
    return datetime.now(UTC).astimezone(_time_zone).date()


def today() -> date:
    """Today's date in the board's time zone: what "today" means in forms, on cards and on the command line."""
    return _today_in_zone()
