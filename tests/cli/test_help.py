"""Every command's --help, in both languages: argparse's words translated, dates typed the ways they are read."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from outreach_tui.cli import EXIT_OK, main
from outreach_tui.cli.program import build_parser

BARE_MONTH_DAY = re.compile(r"(?<![\w/.-])\d{2}[-/.]\d{2}(?![\w/.-])")
"""``12-01`` or ``12/01`` without a year: 1 December in one country, 12 January in another."""


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for action in parser._actions:  # argparse lists a command's subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from commands(subparser, (*path, name))


ALL_COMMANDS = list(commands(build_parser()))


def help_text(argv: tuple[str, ...], language: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--lang", language, *argv, "--help"]) == EXIT_OK
    return capsys.readouterr().out


def words(text: str) -> str:
    """``text`` with its line wrapping undone."""
    return " ".join(text.split())


def test_every_command_is_walked():
    assert ("org", "edit") in ALL_COMMANDS and ("visit", "add") in ALL_COMMANDS and len(ALL_COMMANDS) > 20


@pytest.mark.parametrize("argv", ALL_COMMANDS, ids=" ".join)
def test_spanish_help_has_none_of_argparses_english(argv, capsys):
    text = help_text(argv, "es", capsys)
    assert text.startswith("uso: outreach-tui")
    assert "\nopciones:\n" in text and "muestra esta ayuda y termina" in text
    for english in ("usage:", "\noptions:", "positional arguments", "show this help", "Examples:", "Exit codes:"):
        assert english not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_help_shows_a_month_and_day_without_the_year(language, capsys):
    for argv in ALL_COMMANDS:
        text = help_text(argv, language, capsys)
        assert BARE_MONTH_DAY.findall(text) == [], argv


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (("visit", "add"), "--date DATE"),
        (("visit", "add"), "--next-follow-up DATE"),
        (("training", "add"), "--date DATE"),
        (("org", "add"), "--follow-up DATE"),
        (("org", "edit"), "--follow-up DATE|none"),
    ],
)
def test_every_date_option_says_the_forms_it_accepts(argv, option, capsys):
    english = words(help_text(argv, "en", capsys))
    assert option in english and "YYYY-MM-DD, DD/MM/YYYY or today" in english
    spanish = words(help_text(argv, "es", capsys))
    assert option in spanish and "AAAA-MM-DD, DD/MM/AAAA o hoy" in spanish


def test_examples_name_a_stage_by_its_label_in_the_language_of_the_help(capsys):
    assert "org list --stage 'Active partner'" in help_text(("org", "list"), "en", capsys)
    assert "org list --stage 'Aliada activa'" in help_text(("org", "list"), "es", capsys)
    assert "trained o 'Aliada activa'" in words(help_text(("org", "move"), "es", capsys))
