"""``org merge``: two organizations that are one become one, with both histories."""

from __future__ import annotations

import argparse

from store.i18n import _, format_number, ngettext

from ..boards import open_repo
from ..exit_codes import EXIT_OK
from ..options import Commands
from ..output import note, out


def register(group: Commands) -> None:
    p = group.add(
        "merge",
        run_merge,
        _("make one organization of two duplicates"),
        _(
            "Merge OTHER into KEEP: OTHER's cards, visits, trainings and history become KEEP's, and OTHER's name "
            "and aliases become aliases of KEEP; then OTHER is removed. Where both are on one campaign's board "
            "they must be in the same stage (KEEP's card stays). One change: 'outreach-tui undo' separates them "
            "again. Prints KEEP's id."
        ),
        ["outreach-tui org merge org-k3j9x0q2mz org-p8d1w7c4sa"],
    )
    p.add_argument("keep", metavar="KEEP", help=_("the organization that stays: id, exact name or unique alias"))
    p.add_argument("other", metavar="OTHER", help=_("the duplicate that goes into it: id, exact name or unique alias"))


def run_merge(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    keep = repo.find_organization(args.keep)
    other = repo.find_organization(args.other)
    result = repo.merge_organizations(keep.id, other.id)
    out(result.organization.id)
    took = [
        ngettext("{n} card", "{n} cards", result.cards).format(n=format_number(result.cards)),
        ngettext("{n} visit", "{n} visits", result.visits).format(n=format_number(result.visits)),
        ngettext("{n} training", "{n} trainings", result.trainings).format(n=format_number(result.trainings)),
    ]
    note(
        _("Merged {other} into {keep}: it took over {records}; {other} is now one of its aliases.").format(
            other=other.name, keep=keep.name, records=", ".join(took)
        )
    )
    if result.joined:
        note(
            ngettext(
                "{n} card of {other} was dropped: {keep} was already in that stage on that board.",
                "{n} cards of {other} were dropped: {keep} was already in the same stage on those boards.",
                result.joined,
            ).format(n=result.joined, other=other.name, keep=keep.name)
        )
    note(_("To separate them again: outreach-tui undo"))
    return EXIT_OK
