"""Which language a command speaks: --lang, then the person's saved choice, then the environment, then the board."""

from __future__ import annotations

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_USAGE, main
from outreach_tui.language_choice import save_language
from store import Repository
from tests.cli.helpers import run_cli


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
    assert capsys.readouterr().err.endswith("Consulte 'outreach-tui check --help' para más información.\n")


def test_the_boards_default_gives_spanish_to_whoever_arrives_with_lang_c(board, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    assert speaks(["check"], capsys) == "en"
    Repository.open(board).set_board_language("es")
    assert speaks(["check"], capsys) == "es"
    assert main(["check"]) == EXIT_OK
    assert "es un tablero válido de outreach-tui." in capsys.readouterr().out
    assert main(["users", "add"]) == EXIT_USAGE
    assert "faltan estos argumentos obligatorios" in capsys.readouterr().err


def test_the_board_named_on_the_command_line_is_the_one_whose_default_counts(board, tmp_path, capsys, monkeypatch):
    Repository.open(board).set_board_language("es")
    other = tmp_path / "other.json"
    assert main(["init", "--db", str(other)]) == EXIT_OK
    capsys.readouterr()
    assert speaks(["check", "--db", str(other)], capsys) == "en"
    assert speaks(["--db", str(board), "check"], capsys) == "es"
    monkeypatch.setenv("OUTREACH_TUI_DB", str(other))
    assert speaks(["--db", str(board), "check"], capsys) == "es"


def test_a_persons_own_choice_beats_the_boards_default(board, capsys, monkeypatch):
    Repository.open(board).set_board_language("es")
    assert speaks(["--lang", "en", "check"], capsys) == "en"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert speaks(["check"], capsys) == "en"
    monkeypatch.setenv("LANG", "C")
    save_language("en")
    assert speaks(["check"], capsys) == "en"


def test_a_coordinator_sets_the_boards_language_and_a_lang_c_session_gets_spanish(tmp_path):
    path = str(tmp_path / "shared.json")
    assert run_cli("init", "--db", path).returncode == EXIT_OK
    assert run_cli("settings", "language", "es", "--db", path).returncode == EXIT_OK
    arriving = {"LANG": "C", "LC_ALL": "", "LANGUAGE": "", "OUTREACH_TUI_LANG": ""}
    checked = run_cli("check", "--db", path, env=arriving)
    assert checked.returncode == EXIT_OK
    assert "\n  usuarios: 0\n  bitácora: 1 cambio desde el último punto de control (" in checked.stdout
    assert "es un tablero válido de outreach-tui." in checked.stdout
    refused = run_cli("--db", path, "org", "move", env=arriving)
    assert refused.returncode == EXIT_USAGE
    assert "faltan estos argumentos obligatorios: ORG, --to" in refused.stderr
