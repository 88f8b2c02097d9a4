"""Board files: ``init`` (an empty board), ``demo`` (an invented one), ``check``, ``backup`` and ``compact``."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from store import BoardExistsError, Campaign, Repository, StoreFileError
from store.demo import MAX_DEMO_ORGANIZATIONS
from store.i18n import _, format_number, ngettext

from ...paths import DB_VARIABLE, demo_board_path, resolve_board_path
from ..boards import DEMO_ORGANIZATIONS, DEMO_SEED, board_path, build_demo_board, new_board, open_repo
from ..exit_codes import EXIT_OK, EXIT_REFUSED, Refused
from ..option_types import demo_size, whole_number
from ..options import Commands, quoted
from ..output import note, out
from ..text import organizations_text
from .forgetting import expired_lines


def register(commands: Commands) -> None:
    register_init(commands)
    register_demo(commands)
    register_check(commands)
    register_backup(commands)


def register_check(commands: Commands) -> None:
    p = commands.add(
        "check",
        run_check,
        _("validate the board file, verify its history and print counts"),
        _(
            "Read and validate every record of the board file and print how many of each it holds. "
            "Exit 3 with the explanation when the file cannot be used. Then verify the history's chain: each "
            "event carries the hash of the one before it, so an event changed, inserted or removed in the file "
            "shows, and so does a record edited without an event. Each problem is printed with the records it "
            "concerns, and the exit code is 1 while one is not acknowledged by a coordinator (on the board). "
            "The chain head printed last is written into every snapshot too; --head checks that the history "
            "still holds the head a snapshot recorded."
        ),
        [
            "outreach-tui check",
            "outreach-tui check --db backup.json || echo " + quoted(_("the backup is damaged")),
            "outreach-tui check --head $(jq -r .history_head board-20261124.json)",
        ],
    )
    p.add_argument(
        "--head",
        metavar="HASH",
        action="append",
        default=[],
        help=_("a history head a snapshot recorded: check the history still holds it (repeatable)"),
    )


def register_backup(commands: Commands) -> None:
    p = commands.add(
        "backup",
        run_backup,
        _("write one complete copy of the board to a new file"),
        _(
            "Write the whole board, the changes in its journal included, to FILE as one board file of its own, "
            "read under the lock so that no change is half in it. FILE must not exist yet. A plain copy of the "
            "board file holds the changes only up to its last checkpoint."
        ),
        ["outreach-tui backup /srv/backups/board-$(date +%F).json"],
    )
    p.add_argument("file", metavar="FILE", help=_("the new board file to write"))
    commands.add(
        "compact",
        run_compact,
        _("fold the journal into the board file"),
        _(
            "Write the board file anew with every change of its journal, then start an empty journal, under the "
            "lock. The program does this by itself as the journal grows; right after it, the board file alone "
            "holds every change."
        ),
        ["outreach-tui compact"],
    )


def register_init(commands: Commands) -> None:
    p = commands.add(
        "init",
        run_init,
        _("create an empty board file"),
        _(
            "Create an empty board file (mode 0600, private to you; 0660 with --shared or in a setgid team "
            "folder) and optionally a first campaign. Refused if the file exists."
        ),
        [
            "outreach-tui init --campaign 'Derechos laborales 2027'",
            "outreach-tui --db /srv/red/board.json init --shared",
        ],
    )
    p.add_argument(
        "--shared", action="store_true", help=_("group-readable and -writable (0660), for a team on one server")
    )
    p.add_argument("--campaign", metavar="NAME", default=argparse.SUPPRESS, help=_("also create a first campaign"))
    p.set_defaults(takes_campaign=True)


def register_demo(commands: Commands) -> None:
    p = commands.add(
        "demo",
        run_demo,
        _("write a realistic demo board"),
        _(
            "Write a realistic demo board (invented organizations, visits, trainings and history) to --db, or to "
            "the separate demo board when neither --db nor ${variable} is set. Never writes over an existing file. "
            "Progress is shown on a terminal only."
        ).replace("${variable}", DB_VARIABLE),
        ["outreach-tui demo --db demo.json", "outreach-tui demo --db big.json --orgs 20000 --seed 3"],
    )
    p.add_argument(
        "--orgs",
        type=demo_size,
        default=DEMO_ORGANIZATIONS,
        metavar="N",
        help=_("number of organizations, 1 to {max} (default {n})").format(
            max=format_number(MAX_DEMO_ORGANIZATIONS), n=DEMO_ORGANIZATIONS
        ),
    )
    p.add_argument(
        "--seed", type=whole_number, default=DEMO_SEED, metavar="S", help=_("the same seed gives the same board")
    )


def run_init(args: argparse.Namespace) -> int:
    path = board_path(args)

    def fill(repo: Repository) -> None:
        if args.campaign:
            repo.create_campaign(args.campaign)

    new_board(path, shared=args.shared, fill=fill)  # BoardExistsError: "... already exists; nothing was changed."
    # Read back from the file: a setgid folder makes a shared board even without --shared.
    mode = f"{stat.S_IMODE(path.stat().st_mode):04o}"
    note(_("Created the board file {path} (mode {mode}).").format(path=path, mode=mode))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    # Without an explicit target the demo goes to the demo board, never to where real data belongs.
    explicit = args.db or os.environ.get(DB_VARIABLE, "").strip()
    path = resolve_board_path(args.db) if explicit else demo_board_path()
    built: list[Campaign] = []
    try:
        new_board(path, fill=lambda repo: built.append(build_demo_board(repo, args.orgs, args.seed)))
    except BoardExistsError:
        raise Refused(
            _("{path} already exists; the demo never writes over a board file. Choose another --db.").format(path=path)
        ) from None
    note(
        _("Wrote a demo board with {organizations} to {path} (campaign: {campaign}).").format(
            organizations=organizations_text(args.orgs), path=path, campaign=built[0].name
        )
    )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    # Everything a write or an import would check, the history opening defers included:
    # check fails exactly when a change to this board would.
    repo.verify()
    counts = repo.counts()
    out(_("{path} is a valid outreach-tui board.").format(path=repo.path))
    for label, value in (
        (_("campaigns"), counts.campaigns),
        (_("organizations"), counts.organizations),
        (_("archived organizations"), counts.archived),
        (_("cards"), counts.placements),
        (_("visits"), counts.visits),
        (_("trainings"), counts.trainings),
        (_("history events"), counts.events),
        (_("users"), counts.users),
    ):
        out(f"  {label}: {format_number(value)}")
    changes, size = repo.journal_length()
    out(
        "  "
        + _("journal: {changes} since the last checkpoint ({size} bytes)").format(
            changes=changes_text(changes), size=format_number(size)
        )
    )
    return check_history(repo, args.head)


def check_history(repo: Repository, heads: list[str]) -> int:
    """Print the history check's findings; exit 1 while a problem is unacknowledged or a head is missing."""
    found = repo.history_check()
    unacknowledged = found.unacknowledged
    for problem in found.problems:
        mark = "!" if problem in unacknowledged else _("(acknowledged)")
        out(f"{mark} {repo.describe_problem(problem)}")
    missing = [head for head in heads if not repo.history_holds(head.strip().lower())]
    for head in missing:
        out(
            "! "
            + _("The history no longer holds the head {head}: it was rewritten since that snapshot.").format(head=head)
        )
    if not found.problems:
        out(_("The history is whole: every event follows the one before it."))
    for line in expired_lines(repo):
        out(line)
    out(_("History head: {head}").format(head=found.head))
    return EXIT_REFUSED if unacknowledged or missing else EXIT_OK


def changes_text(count: int) -> str:
    return ngettext("{n} change", "{n} changes", count).format(n=format_number(count))


def run_backup(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    wanted = Path(args.file)
    try:
        target = repo.backup(wanted)
    except StoreFileError as error:
        if error.path != str(wanted.absolute()):
            raise
        raise Refused(str(error)) from None
    note(_("Wrote a complete copy of {path} to {target}.").format(path=repo.path, target=target))
    return EXIT_OK


def run_compact(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    changes = repo.compact()
    note(
        _("Folded {changes} from the journal into {path}; the journal is empty now.").format(
            changes=changes_text(changes), path=repo.path
        )
    )
    return EXIT_OK
