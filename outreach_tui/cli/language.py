"""The language of a run, chosen before the parser is built so its help and errors are in it.

Only ``--lang``, ``--db`` and ``--demo`` are read here, by parsers that never report a
mistake: the real parser reports them afterwards, in the language chosen. The board
file is opened for its default language only when the person asked for none (no
``--lang``, no saved choice, no language in the environment), since reading it costs
time on every command.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from store import peek_settings
from store.i18n import personal_language, resolve_language, set_language

from ..language_choice import saved_language
from ..paths import demo_board_path, resolve_board_path


class _Unreadable(Exception):
    """The command line could not even be read for these options; the real parser will say why."""


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Unreadable(message)


def _given(argv: Sequence[str], option: str, **how: Any) -> Any:
    """The value of one ``option`` in ``argv``, or None; one parser per option, so a mistake elsewhere hides none."""
    parser = _QuietParser(add_help=False)
    parser.add_argument(option, dest="value", **how)
    try:
        return parser.parse_known_args(list(argv))[0].value
    except _Unreadable:
        return None


def board_language(path: Path) -> str | None:
    """The default language a coordinator set on the board at ``path``, or None (no file, no setting).

    A file that cannot be read gives None here: opening it for the command reports why,
    in the language chosen without it.
    """
    settings = peek_settings(path)
    return settings.language if settings else None


def choose_language(argv: Sequence[str]) -> str:
    """Decide the language of this run from its command line, the person and the board; return it."""
    chosen = personal_language(requested=_given(argv, "--lang"), saved=saved_language())
    if chosen is None:
        demo = _given(argv, "--demo", action="store_true")
        path = demo_board_path() if demo else resolve_board_path(_given(argv, "--db"))
        chosen = resolve_language(board_default=board_language(path))
    set_language(chosen)
    return chosen
