"""``visit add``: a follow-up visit to an organization."""

from __future__ import annotations

import argparse

from store.errors import ValidationFailed
from store.i18n import _, format_date, today
from store.plausibility import date_warnings

from ..boards import campaign_of, open_repo
from ..exit_codes import EXIT_OK, Refused
from ..option_types import DATE_METAVAR, date_forms, fit_rating, parse_day
from ..options import Commands, campaign_option, org_argument, quoted
from ..output import note, out, warn_unusual_dates
from .organization_fields import given_list


def register(commands: Commands) -> None:
    group = commands.group(
        "visit", _("log follow-up visits"), examples=["outreach-tui visit add CMB --date 2026-11-20 --fit 4"]
    )
    p = group.add(
        "add",
        run_add,
        _("log a visit to an organization"),
        _(
            "Log a follow-up visit; prints its id. Its next follow-up date becomes the card's (as in the board's "
            "visit form: left out, the card's follow-up date is cleared)."
        ),
        [
            (
                "outreach-tui visit add CMB --date 2026-11-20 --fit 4 --visitor ana --visitor lucia \\\n"
                "      --met 'Dirección' --met 'Área jurídica' --findings "
                + quoted(_("Legal team of two"))
                + " \\\n      --recommendation "
                + quoted(_("Invite to next training"))
                + " --next-follow-up 2026-12-05"
            ),
            "outreach-tui visit add CMB --sheet 3K735U4RS4-261124-D --date 2026-11-26 --fit 4",
        ],
    )
    add_visit_options(p)


def add_visit_options(p: argparse.ArgumentParser) -> None:
    org_argument(p)
    p.add_argument(
        "--date",
        type=parse_day,
        metavar=DATE_METAVAR,
        help=_("when the visit took place ({forms}; default: today)").format(forms=date_forms()),
    )
    p.add_argument(
        "--fit", type=fit_rating, required=True, metavar="1-5", help=_("fit, from 1 (poor) to 5 (excellent)")
    )
    p.add_argument("--visitor", action="append", metavar="V", help=_("who went (repeat for more; default: you)"))
    p.add_argument("--met", action="append", metavar="P", help=_("staff met (repeat for more)"))
    p.add_argument("--findings", metavar="TEXT", help=_("what the visit found"))
    p.add_argument(
        "--sheet",
        metavar="ID",
        help=_("the id of the visit sheet this comes from (checked, then kept in the findings as sheet:ID)"),
    )
    p.add_argument("--recommendation", metavar="TEXT", help=_("the next step"))
    p.add_argument(
        "--next-follow-up",
        type=parse_day,
        metavar=DATE_METAVAR,
        help=_("when to follow up next ({forms})").format(forms=date_forms()),
    )
    campaign_option(p)


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign, org)
    from store.sheets import findings_with_sheet

    # Checked before anything is written: a mistyped sheet id files nothing.
    try:
        findings = findings_with_sheet(args.findings or "", args.sheet, org)
    except ValidationFailed as error:
        raise Refused(str(error) + " " + _("The visit was not saved.")) from None
    visit = repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            # Left out, the date is today in the board's time zone, as in the board's visit form.
            "date": args.date or today(),
            "visitors": given_list(args.visitor) or [repo.actor.label()],
            "people_met": given_list(args.met) or [],
            "findings": findings,
            "fit": args.fit,
            "recommendation": args.recommendation or "",
            "next_follow_up": args.next_follow_up,
        }
    )
    out(visit.id)
    note(_("Logged a visit to {org} on {date}.").format(org=org.name, date=format_date(visit.date)))
    warn_unusual_dates(date_warnings(today(), visit=visit.date, follow_up=visit.next_follow_up))
    return EXIT_OK
