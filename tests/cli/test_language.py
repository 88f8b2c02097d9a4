"""Which language a command speaks: --lang, then the person's saved choice, then the environment, then the board."""

from __future__ import annotations

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_USAGE, main
from outreach_tui.language_choice import save_language


def speaks(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The language ``outreach-tui ARGV --help`` was shown in."""
    assert main([*argv, "--help"]) == EXIT_OK
    shown = capsys.readouterr().out
    return "es" if shown.startswith("uso: ") else "en" if shown.startswith("usage: ") else "?"


def test_lang_beats_a_saved_choice(capsys):
    save_language("en")
    assert speaks(["--lang", "es", "check"], capsys) == "es"
    assert speaks(["check", "--lang", "es"], capsys) == "es"
    save_language("es")
    assert speaks(["--lang", "en"], capsys) == "en"


def test_a_saved_choice_beats_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert speaks(["check"], capsys) == "es"
    save_language("en")
    assert speaks(["check"], capsys) == "en"


def test_the_variable_and_the_locale_speak_when_nothing_was_chosen(capsys, monkeypatch):
    assert speaks([], capsys) == "en"  # LANG=C.UTF-8
    monkeypatch.setenv("OUTREACH_TUI_LANG", "es")
    assert speaks([], capsys) == "es"
    monkeypatch.delenv("OUTREACH_TUI_LANG")
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert speaks([], capsys) == "en"


def test_a_mistake_elsewhere_on_the_line_does_not_hide_lang(capsys):
    assert main(["--lang", "es", "check", "--db"]) == EXIT_USAGE
    assert "argumento --db: se esperaba un argumento" in capsys.readouterr().err
    assert main(["check", "--db", "--lang", "es"]) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("uso: ")
