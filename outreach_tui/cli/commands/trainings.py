"""``training add``: one training for many organizations, each moved to the training stage."""

from __future__ import annotations

import argparse

from store import Campaign, Training, stage_label
from store.i18n import _, format_date, format_number, ngettext, today
from store.plausibility import date_warnings

from ..boards import open_repo, shared_campaign
from ..duplicates import refused_as_duplicate
from ..exit_codes import EXIT_OK
from ..option_types import DATE_METAVAR, attendance_item, date_forms, parse_day
from ..options import Commands, campaign_option
from ..output import note, out, warn_unusual_dates
from ..text import organizations_text
from .organization_fields import given_list


def register(commands: Commands) -> None:
    group = commands.group(
        "training",
        _("record trainings"),
        examples=[
            "outreach-tui training add --date 2026-11-21 --topic 'Derechos laborales' --org CMB:3 --org 'Red Semilla'"
        ],
    )
    p = group.add(
        "add",
        run_add,
        _("record a training; every attending organization becomes Trained"),
        _(
            "Record one training event for many organizations; every attending organization moves to the "
            "training stage (organizations already further along stay where they are). Prints its id."
        ),
        [
            (
                "outreach-tui training add --date 2026-11-21 --org CMB:3 --org 'Red Comunitaria Semilla:2' \\\n"
                "      --trainer lucia --trainer pedro --place Tapachula --topic 'Derechos laborales básicos'"
            )
        ],
    )
    add_training_options(p)


def add_training_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date",
        type=parse_day,
        required=True,
        metavar=DATE_METAVAR,
        help=_("when the training took place ({forms})").format(forms=date_forms()),
    )
    p.add_argument(
        "--org",
        action="append",
        required=True,
        type=attendance_item,
        metavar="ORG[:ATTENDEES]",
        help=_("an attending organization and how many of its people came (default 1); repeat for each"),
    )
    p.add_argument("--trainer", action="append", metavar="T", help=_("who trained (repeat for more; default: you)"))
    p.add_argument("--place", metavar="P", help=_("where"))
    p.add_argument("--topic", required=True, metavar="T", help=_("what it covered"))
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help=_("record it even if a training with the same campaign, date and organizations is recorded"),
    )
    campaign_option(p)


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    orgs = [repo.find_organization(ref) for ref, _attendees in args.org]
    campaign = shared_campaign(repo, args.campaign, orgs)
    attendance = [
        {"organization_id": org.id, "attendees": attendees}
        for org, (_ref, attendees) in zip(orgs, args.org, strict=True)
    ]
    fields = {
        "campaign_id": campaign.id,
        "date": args.date,
        "place": args.place or "",
        "trainers": given_list(args.trainer) or [repo.actor.label()],
        "topic": args.topic,
        "attendance": attendance,
    }
    with refused_as_duplicate(_("Nothing was recorded; pass --allow-duplicate to record it anyway.")):
        training = repo.record_training(fields, allow_duplicate=args.allow_duplicate)
    out(training.id)
    recorded_note(campaign, training, sum(item["attendees"] for item in attendance), len(attendance))
    warn_unusual_dates(date_warnings(today(), training=training.date))
    return EXIT_OK


def recorded_note(campaign: Campaign, training: Training, people: int, organizations: int) -> None:
    note(
        _("Recorded a training on {date}: {people} from {organizations}, now {stage}.").format(
            date=format_date(training.date),
            people=ngettext("{n} person", "{n} people", people).format(n=format_number(people)),
            organizations=organizations_text(organizations),
            stage=stage_label(campaign, campaign.training_stage),
        )
    )
