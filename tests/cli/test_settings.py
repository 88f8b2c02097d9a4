"""The board's settings from the command line: print them, set the default language and the time zone."""

from __future__ import annotations

import orjson

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository
from tests.boards import on_disk
from tests.cli.helpers import WITHOUT_TRAINING, new_org


def test_settings_prints_the_defaults_of_a_board_that_set_none(board, capsys):
    assert main(["settings"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "Default language: none (English, for people who chose no language)",
        "Time zone: the server's (UTC)",
        "Encrypted exports: not required",
        "Team keys: 0",
        "Contact retention: none (contacts stay until forgotten)",
    ]
    assert main(["settings", "--json"]) == EXIT_OK
    assert orjson.loads(capsys.readouterr().out) == {
        "language": None,
        "time_zone": None,
        "team_keys": {},
        "require_encrypted_exports": False,
        "contact_retention_days": None,
        "version": 1,
    }


def test_the_board_language_speaks_to_people_who_chose_none(board, capsys, monkeypatch):
    assert main(["settings", "language", "es"]) == EXIT_OK
    assert capsys.readouterr().err == "The board's default language is now es (Español).\n"
    monkeypatch.setenv("LANG", "C")
    assert main(["settings"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Idioma predeterminado: es (Español)\n")
    assert main(["--lang", "en", "settings"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Default language: es (Español)\n")
    assert main(["settings", "language", "none"]) == EXIT_OK
    assert "quienes no eligieron ninguno lo ven en inglés" in capsys.readouterr().err
    assert Repository.open(board).settings().language is None


def test_an_unknown_language_is_refused_with_the_choices(board, capsys):
    before = on_disk(board)
    assert main(["settings", "language", "fr"]) == EXIT_REFUSED
    assert "a board's language can be: en (English), es (Español)" in capsys.readouterr().err
    assert on_disk(board) == before


def test_times_are_shown_in_the_boards_time_zone(board, capsys):
    assert main(["settings", "time-zone", "America/Mexico_City"]) == EXIT_OK
    assert capsys.readouterr().err == "Times on this board are now shown in America/Mexico_City (CST).\n"
    assert main(["history", "--limit", "1"]) == EXIT_OK
    line = capsys.readouterr().out
    assert " CST  " in line and "set the board time zone: the server's → America/Mexico_City" in line
    assert main(["settings", "time-zone", "server"]) == EXIT_OK
    assert capsys.readouterr().err == "Times on this board are now shown in the server's time zone (UTC).\n"
    assert Repository.open(board).settings().time_zone is None


def test_an_unknown_time_zone_is_refused_with_examples(board, capsys):
    before = on_disk(board)
    assert main(["settings", "time-zone", "Mexico City"]) == EXIT_REFUSED
    assert "give a name of the time zone database such as America/Mexico_City" in capsys.readouterr().err
    assert main(["settings", "time-zone", "america/tijuana"]) == EXIT_REFUSED
    assert "did you mean America/Tijuana?" in capsys.readouterr().err
    assert on_disk(board) == before


def test_only_a_coordinator_changes_the_settings(board, capsys):
    repo = Repository.open(board)
    repo.set_user("somebody-else", "coordinator")
    assert main(["settings", "language", "es"]) == EXIT_REFUSED
    assert "Not allowed to change the board settings" in capsys.readouterr().err
    assert main(["settings"]) == EXIT_OK


def test_settings_help_has_examples_and_a_wrong_action_is_a_usage_error(board, capsys):
    assert main(["settings", "--help"]) == EXIT_OK
    shown = capsys.readouterr().out
    assert "outreach-tui settings language es" in shown and "time-zone" in shown
    assert main(["settings", "colour", "blue"]) == EXIT_USAGE
    assert main(["settings", "language"]) == EXIT_USAGE


def test_stages_are_named_and_typed_in_the_run_language(board, capsys):
    org_id = new_org(capsys, "Albergue San José")
    assert main(["--lang", "en", "org", "move", org_id, "--to", "aliada ACTIVA", *WITHOUT_TRAINING]) == EXIT_OK
    assert "Active partner" in capsys.readouterr().err
    assert main(["--lang", "es", "org", "move", org_id, "--to", "Trained", *WITHOUT_TRAINING]) == EXIT_OK
    assert "Capacitada" in capsys.readouterr().err
    assert Repository.open(board).placement(org_id, Repository.open(board).default_campaign().id).stage == "trained"
    assert main(["--lang", "es", "campaign", "list"]) == EXIT_OK
    assert "[Contactada → Capacitada → Aliada activa]" in capsys.readouterr().out
    assert main(["--lang", "en", "campaign", "list"]) == EXIT_OK
    assert "[Contacted → Trained → Active partner]" in capsys.readouterr().out
