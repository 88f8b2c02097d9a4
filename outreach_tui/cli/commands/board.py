"""``outreach-tui`` without a command: the board app on a terminal, the board as text otherwise."""

from __future__ import annotations

import argparse
import gc

from store.i18n import _

from ...campaign_choice import opening_campaign
from .. import interrupts, output
from ..boards import campaign_of, open_repo
from ..collector import collector_paused
from ..exit_codes import EXIT_OK
from ..options import campaign_option
from ..output import note, out_lines
from ..text import board_lines


def register(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(handler=run_board)
    campaign_option(parser, _("campaign to open (name or id)"))


def run_board(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign) if args.campaign else opening_campaign(repo)
    if not output.interactive():
        gc.disable()  # printing is one-shot too (main turns collection back on)
        out_lines(board_lines(repo, campaign))
        return EXIT_OK
    try:
        # Imported here: Textual takes longer to load than a whole scripting command.
        with collector_paused():
            from ...app import OutreachApp
    except ModuleNotFoundError as error:
        if error.name != "outreach_tui.app":
            raise
        out_lines(board_lines(repo, campaign))
        note(_("(The interactive board is not part of this installation; the board is printed as text.)"))
        return EXIT_OK
    interrupts.release()
    app = OutreachApp(repo, campaign.id if campaign else None)
    app.run()
    # The app sets a non-zero code when it stopped on an error it could not recover from.
    return app.return_code or EXIT_OK
