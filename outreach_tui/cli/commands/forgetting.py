"""``org forget-contacts``: remove an organization's staff contacts everywhere, history included."""

from __future__ import annotations

import argparse

from store import Repository
from store.i18n import _, format_date, format_number, ngettext

from ..boards import open_repo
from ..exit_codes import EXIT_OK, EXIT_USAGE, Refused
from ..options import Commands
from ..output import note, out


def register(group: Commands) -> None:
    p = group.add(
        "forget-contacts",
        run_forget,
        _("remove an organization's staff contacts, history included (coordinators only)"),
        _(
            "Remove the staff names, roles, phones and emails of an organization, the people met on its visits, "
            "and every copy of those values: in its notes and visit findings and in its history (undo data "
            "included). Stages, counts and dates stay. The history records that the contacts were forgotten, "
            "without the values; it cannot be undone. --expired does it for every organization the board's "
            "contact retention lists (settings contact-retention)."
        ),
        ["outreach-tui org forget-contacts 'Frayba'", "outreach-tui org forget-contacts --expired"],
    )
    p.add_argument("org", metavar="ORG", nargs="?", help=_("id, exact name or unique alias"))
    p.add_argument(
        "--expired", action="store_true", help=_("every organization kept longer than the contact retention")
    )


def run_forget(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    if args.expired == bool(args.org):
        note(_("Name one organization (ORG) or pass --expired."))
        return EXIT_USAGE
    if args.expired:
        return forget_expired(repo)
    org = repo.find_organization(args.org)
    if repo.forget_contacts(org.id) is None:
        note(_("{org} holds no staff contacts; nothing to forget.").format(org=org.name))
    else:
        note(_("Forgot the staff contacts of {org}, in its history too.").format(org=org.name))
    return EXIT_OK


def forget_expired(repo: Repository) -> int:
    if repo.settings().contact_retention_days is None:
        raise Refused(
            _("The board has no contact retention; set one with: outreach-tui settings contact-retention DAYS")
        )
    expired = repo.forget_expired_contacts()
    for org in expired:
        out(org.name)
    note(
        ngettext(
            "Forgot the staff contacts of {n} organization.",
            "Forgot the staff contacts of {n} organizations.",
            len(expired),
        ).format(n=format_number(len(expired)))
    )
    return EXIT_OK


def expired_lines(repo: Repository) -> list[str]:
    """What ``check`` lists: each organization kept past the retention, and since when it left."""
    days = repo.settings().contact_retention_days
    expired = repo.expired_contacts()
    if days is None or not expired:
        return []
    heading = ngettext(
        "{n} organization keeps staff contacts longer than the board's retention of {days} days:",
        "{n} organizations keep staff contacts longer than the board's retention of {days} days:",
        len(expired),
    ).format(n=format_number(len(expired)), days=format_number(days))
    lines = [heading]
    for item in expired:
        left = _("archived since {date}") if item.archived else _("off the board since {date}")
        lines.append(f"  {item.organization.name} ({left.format(date=format_date(item.since.date()))})")
    lines.append(_("Clear them with: outreach-tui org forget-contacts --expired"))
    return lines
