"""The parser classes and the option factories every command shares.

The parser is built when ``main`` runs, never at import: every help text goes through
``_()`` then, in the language chosen for this run.
"""

from __future__ import annotations

import argparse
import shlex
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from store import shown_label
from store.i18n import LANGUAGE_NAMES, LANGUAGES, _, known_language
from store.models import DEFAULT_STAGES
from store.suggest import closest

from ..paths import DB_VARIABLE, default_board_path
from .exit_codes import EXIT_USAGE
from .output import note

Handler = Callable[[argparse.Namespace], int]


def exit_codes_text() -> str:
    return "\n".join(
        [
            _("Board file: --db PATH, else ${variable}, else ${default}.")
            .replace("${variable}", "$" + DB_VARIABLE)
            .replace("${default}", str(default_board_path())),
            "",
            _("Exit codes:"),
            "  0    " + _("success"),
            "  1    " + _("refused: not found, ambiguous, invalid, conflict, not allowed, nothing to undo"),
            "  2    " + _("bad command line (nothing was changed)"),
            "  3    "
            + _("the board file cannot be used: missing, invalid, newer version, locked too long, write failed"),
            "  4    "
            + _(
                "the output could not be written (an export file, standard output): no such folder, not allowed, disk full"
            ),
            "  130  " + _("interrupted before anything was written (once a change is saved, Ctrl-C exits 0)"),
        ]
    )


def example(command: str, comment: str) -> str:
    """An example line: the command as typed, then what it does (already translated) as a shell comment."""
    return f"{command:<37} # {comment}"


def quoted(text: str) -> str:
    """Sample text (a reason, a note) in the language of the run, quoted as the shell needs it."""
    return shlex.quote(text)


def active_stage_label() -> str:
    """The last default stage as it is typed in the language of the run (``'Aliada activa'``), for examples."""
    return quoted(shown_label(DEFAULT_STAGES[-1]))


def epilog(examples: Sequence[str]) -> str:
    lines = [_("Examples:"), *(f"  {example}" for example in examples), ""] if examples else []
    return "\n".join([*lines, exit_codes_text()])


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose to the terminal, but keeps indented lines (examples, exit codes) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for line in text.splitlines():
            if not line.strip() or line.startswith(" "):
                lines.append(indent + line)
            else:
                lines.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line, pointing at --help and at the choice meant, and exits 2.

    The usage block argparse prints before the error is left out: it buried the one line that
    says what was wrong.
    """

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("epilog", epilog(examples))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        note(f"{self.prog}: {message}")
        note(_("Try '{command} --help' for more information.").format(command=self.prog))
        raise SystemExit(EXIT_USAGE)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # The one place argparse refuses a value outside an option's choices or a mistyped command.
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as error:
            guess = closest(value, map(str, action.choices or ())) if isinstance(value, str) else None
            if guess is None:
                raise
            hint = _("did you mean {choice!r}?").format(choice=guess)
            raise argparse.ArgumentError(action, f"{error.message}; {hint}") from None


def common_options() -> argparse.ArgumentParser:
    """The parent of every parser: --db, --demo and --lang are accepted before and after the command."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps a later parser from writing a default over a value given earlier.
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_("the board file to use"))
    common.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("use the demo board (created on first use, kept apart from real data)"),
    )
    common.add_argument(
        "--lang",
        metavar="CODE",
        type=language_code,
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("the language of this run: {languages}").format(
            # Each language named in itself: someone who cannot read this one still finds theirs.
            languages=", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
        ),
    )
    return common


def language_code(value: str) -> str:
    """``es_MX`` and ``ES`` choose the Spanish catalog too; anything else is refused with the choices."""
    return known_language(value) or value


class Commands:
    """Where a command group adds its commands: the subparsers plus the shared parent options."""

    def __init__(self, subparsers: Any, common: argparse.ArgumentParser) -> None:
        self.subparsers = subparsers
        self.common = common

    def add(
        self,
        name: str,
        handler: Handler | None,
        summary: str,
        description: str | None = None,
        examples: Sequence[str] = (),
    ) -> argparse.ArgumentParser:
        parser = self.subparsers.add_parser(
            name, help=summary, description=description or summary, parents=[self.common], examples=examples
        )
        parser.set_defaults(handler=handler, takes_campaign=False)
        return parser

    def group(self, name: str, summary: str, description: str | None = None, examples: Sequence[str] = ()) -> Commands:
        """A command with actions (``org move``, ``users add``): one of them is required."""
        parser = self.add(name, None, summary, description, examples)
        actions = parser.add_subparsers(title=_("actions"), metavar="ACTION", parser_class=Parser, required=True)
        return Commands(actions, self.common)


def campaign_option(parser: argparse.ArgumentParser | Any, help_text: str | None = None) -> None:
    """--campaign, for the commands it applies to (main refuses it elsewhere)."""
    parser.add_argument(
        "--campaign",
        metavar="C",
        default=argparse.SUPPRESS,
        help=help_text or _("campaign name or id (default: the newest active campaign)"),
    )
    parser.set_defaults(takes_campaign=True)


def card_campaign_option(parser: argparse.ArgumentParser, group: Any) -> None:
    """--campaign inside the "its card" group of org add and org edit."""
    group.add_argument(
        "--campaign",
        metavar="C",
        default=argparse.SUPPRESS,
        help=_("campaign name or id (default: the newest active one)"),
    )
    parser.set_defaults(takes_campaign=True)


def org_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))


def json_flag(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    parser.add_argument("--json", action="store_true", help=help_text or _("as JSON"))
