"""``settings``, ``settings language`` and ``settings time-zone``: the board's default language and time zone."""

from __future__ import annotations

import argparse

from store import BoardSettings
from store.i18n import LANGUAGE_NAMES, _, format_number, ngettext, set_time_zone, time_zone_abbreviation

from ..boards import open_repo
from ..exit_codes import EXIT_OK
from ..options import Commands, Parser, json_flag
from ..output import dump_json, note, out_lines

UNSET_LANGUAGE = "none"
ON_OFF = ("on", "off")
MAX_RETENTION_DAYS = 36_500
SERVER_ZONE = "server"


def register(commands: Commands) -> None:
    p = commands.add(
        "settings",
        run_show,
        _("the board's default language and time zone"),
        _(
            "Print the board's settings, or change one (coordinators only). The default language is for "
            "people who chose none (--lang, the language switch, their environment): over SSH many arrive "
            "with LANG=C. Times are stored in UTC and shown in the board's time zone; 'today' in forms and "
            "commands is today there."
        ),
        [
            "outreach-tui settings",
            "outreach-tui settings language es",
            "outreach-tui settings time-zone America/Mexico_City",
        ],
    )
    json_flag(p, _("as JSON"))
    actions = Commands(
        p.add_subparsers(title=_("actions"), metavar="ACTION", parser_class=Parser, required=False), commands.common
    )
    register_language(actions)
    register_time_zone(actions)
    register_encrypted_exports(actions)
    register_contact_retention(actions)


def register_contact_retention(actions: Commands) -> None:
    p = actions.add(
        "contact-retention",
        run_contact_retention,
        _("how long staff contacts stay after an organization left"),
        _(
            "DAYS: organizations archived or off every board for longer than that, whose staff contacts are still "
            "stored, are listed by check and on the board; org forget-contacts --expired clears them. none: no limit."
        ),
        ["outreach-tui settings contact-retention 365", "outreach-tui settings contact-retention none"],
    )
    p.add_argument("days", metavar="DAYS|none", type=retention_days, help=_("a number of days, or none"))


def retention_days(value: str) -> int | None:
    if value.strip().casefold() == UNSET_LANGUAGE:
        return None
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise argparse.ArgumentTypeError(
            _("not a number of days from 1 to {max}, nor none: {value!r}").format(max=MAX_RETENTION_DAYS, value=value)
        )
    return days


def register_encrypted_exports(actions: Commands) -> None:
    p = actions.add(
        "require-encrypted-exports",
        run_encrypted_exports,
        _("require every full and partner export to be encrypted"),
        _(
            "on: every full and partner export, from the command line or the board, must be encrypted "
            "(--to-team, --recipient or --passphrase); a plain one is refused. off: plain exports are allowed again."
        ),
        ["outreach-tui settings require-encrypted-exports on"],
    )
    p.add_argument("state", choices=ON_OFF, metavar="on|off", help=_("on or off"))


def register_language(actions: Commands) -> None:
    p = actions.add(
        "language",
        run_language,
        _("set the board's default language"),
        _("Set the language of people who chose none; none unsets it (then English)."),
        ["outreach-tui settings language es", "outreach-tui settings language none"],
    )
    p.add_argument("code", metavar="es|en|none", help=_("a language code, or none"))


def register_time_zone(actions: Commands) -> None:
    p = actions.add(
        "time-zone",
        run_time_zone,
        _("set the time zone times are shown in"),
        _("Set the time zone of the board by its name in the time zone database; server: the server's own."),
        [
            "outreach-tui settings time-zone America/Mexico_City",
            "outreach-tui settings time-zone America/Tijuana",
            "outreach-tui settings time-zone server",
        ],
    )
    p.add_argument("zone", metavar="NAME|server", help=_("e.g. America/Mexico_City, or server"))


def language_text(settings: BoardSettings) -> str:
    if settings.language is None:
        return _("none (English, for people who chose no language)")
    return f"{settings.language} ({LANGUAGE_NAMES.get(settings.language, settings.language)})"


def time_zone_text(settings: BoardSettings) -> str:
    if settings.time_zone is None:
        return _("the server's ({abbreviation})").format(abbreviation=time_zone_abbreviation())
    return f"{settings.time_zone} ({time_zone_abbreviation()})"


def encrypted_exports_text(settings: BoardSettings) -> str:
    if settings.require_encrypted_exports:
        return _("required for full and partner exports")
    return _("not required")


def retention_text(settings: BoardSettings) -> str:
    if settings.contact_retention_days is None:
        return _("none (contacts stay until forgotten)")
    days = settings.contact_retention_days
    return ngettext("{days} day after an organization left", "{days} days after an organization left", days).format(
        days=format_number(days)
    )


def run_show(args: argparse.Namespace) -> int:
    settings = open_repo(args).settings()
    if args.json:
        dump_json(settings.model_dump(mode="json", exclude={"id"}))
        return EXIT_OK
    out_lines(
        [
            _("Default language: {language}").format(language=language_text(settings)),
            _("Time zone: {zone}").format(zone=time_zone_text(settings)),
            _("Encrypted exports: {state}").format(state=encrypted_exports_text(settings)),
            _("Team keys: {n}").format(n=len(settings.team_keys)),
            _("Contact retention: {days}").format(days=retention_text(settings)),
        ]
    )
    return EXIT_OK


def run_language(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    code = None if args.code.strip().casefold() == UNSET_LANGUAGE else args.code
    settings = repo.set_board_language(code)
    if settings.language is None:
        note(_("The board has no default language now: people who chose none see English."))
    else:
        note(_("The board's default language is now {language}.").format(language=language_text(settings)))
    return EXIT_OK


def run_time_zone(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    name = None if args.zone.strip().casefold() == SERVER_ZONE else args.zone
    settings = repo.set_time_zone(name)
    set_time_zone(settings.time_zone)
    if settings.time_zone is None:
        message = _("Times on this board are now shown in the server's time zone ({abbreviation}).")
    else:
        message = _("Times on this board are now shown in {zone} ({abbreviation}).")
    note(message.format(zone=settings.time_zone, abbreviation=time_zone_abbreviation()))
    return EXIT_OK


def run_encrypted_exports(args: argparse.Namespace) -> int:
    settings = open_repo(args).require_encrypted_exports(args.state == "on")
    note(_("Encrypted exports: {state}.").format(state=encrypted_exports_text(settings)))
    return EXIT_OK


def run_contact_retention(args: argparse.Namespace) -> int:
    settings = open_repo(args).set_contact_retention(args.days)
    note(_("Contact retention: {days}.").format(days=retention_text(settings)))
    return EXIT_OK
