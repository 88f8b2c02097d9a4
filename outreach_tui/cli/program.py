"""The parser (built per run, so help is in the run's language) and one command run to its exit code."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Sequence

from store import LockTimeoutError, StoreError, StoreFileError
from store.i18n import _

from .. import __version__
from . import argparse_text, interrupts
from .commands import COMMAND_GROUPS, board, files
from .exit_codes import EXIT_FILE, EXIT_OK, EXIT_OUTPUT, EXIT_REFUSED, EXIT_USAGE, OutputFailed, Refused
from .language import choose_language
from .options import Commands, Parser, common_options, example
from .output import PROG, err, flush_results

DEBUG_VARIABLE = "OUTREACH_TUI_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    argparse_text.install()
    common = common_options()
    parser = root_parser(common)
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}", help=_("show the version and exit")
    )
    board.register(parser)
    commands = Commands(parser.add_subparsers(title=_("commands"), metavar="COMMAND", parser_class=Parser), common)
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def root_parser(common: argparse.ArgumentParser) -> Parser:
    return Parser(
        prog=PROG,
        description=_(
            "A terminal board for partner-outreach campaigns: organizations move Contacted → Trained → "
            "Active partner. Without a command, opens the board (printed as text when the output is not a terminal)."
        ),
        parents=[common],
        examples=[
            example("outreach-tui", _("open the board")),
            example("outreach-tui --demo", _("try it on a demo board, apart from real data")),
            "outreach-tui --db /srv/red/board.json --campaign 'Frontera norte'",
            example("outreach-tui --lang es", _("in Spanish, whatever the terminal's language")),
            example("outreach-tui | less", _("the board as text")),
            example("outreach-tui COMMAND --help", _("help on one command")),
        ],
    )


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(argv)
    # --db, --demo and --campaign are SUPPRESS-ed so a later parser never overwrites them: absent means not given.
    args.db = getattr(args, "db", None)
    args.demo = getattr(args, "demo", False)
    args.campaign = getattr(args, "campaign", None)
    if args.db is not None and not args.db.strip():
        # An unset shell variable (--db "$BOARD") must not quietly mean the default board.
        parser.error(_("--db needs the path of a board file, not an empty string"))
    if args.campaign and not args.takes_campaign:
        parser.error(_("--campaign does not apply to this command"))
    if args.demo and args.db:
        parser.error(_("--demo and --db name two different board files; give one"))
    if args.demo and args.handler in (files.run_init, files.run_demo):
        parser.error(_("--demo cannot be combined with init or demo"))
    return args


def quiet_stdout() -> None:
    """After the reader of our output went away (``| head``), drop what is left instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test's captured stdout)


def run(argv: Sequence[str] | None) -> int:
    """Run one command and return its exit code; every error becomes a one-line message."""
    collecting = gc.isenabled()
    try:
        choose_language(sys.argv[1:] if argv is None else argv)
        args = parse(argv)
        if args.handler is not board.run_board:
            # A one-shot command: the cyclic collector would only rescan the hundreds of
            # thousands of records of a large board again and again (a third of an export).
            gc.disable()
        code = args.handler(args)
        flush_results()
        return code
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (EXIT_OK if exit_.code is None else EXIT_USAGE)
    except (Refused, StoreError) as error:
        interrupts.reraise()
        err(str(error))
        return EXIT_FILE if isinstance(error, (StoreFileError, LockTimeoutError)) else EXIT_REFUSED
    except OutputFailed as error:
        interrupts.reraise()
        quiet_stdout()  # what is still buffered would fail again at exit
        err(str(error))
        return EXIT_OUTPUT
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_OK
    except Exception as error:
        return internal_error(error)
    finally:
        if collecting:
            gc.enable()


def internal_error(error: Exception) -> int:
    interrupts.reraise()
    if os.environ.get(DEBUG_VARIABLE) == "1":
        traceback.print_exc()
    err(
        _(
            "internal error ({kind}: {message}). Board writes are all or nothing, so the file is intact. "
            "Run again with {variable}=1 to see the details, and please report them."
        ).format(kind=type(error).__name__, message=str(error)[:200], variable=DEBUG_VARIABLE)
    )
    return EXIT_REFUSED
