"""The parser is built when main runs, so every help text is in the language of that run."""

from __future__ import annotations

import gettext

import pytest

import store.i18n
from outreach_tui.cli import EXIT_OK, EXIT_USAGE, main


class Spanish(gettext.NullTranslations):
    WORDS = {
        "list or add campaigns": "listar o crear campañas",
        "Exit codes:": "Códigos de salida:",
        "the board file to use": "el archivo del tablero",
        "{value!r} is not a whole number": "{value!r} no es un número entero",
    }

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store.i18n, "_translation", Spanish())
    monkeypatch.setattr(store.i18n, "_language", "es")


def test_help_is_translated_when_the_command_runs_not_when_it_is_imported(spanish, capsys):
    assert main(["--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "listar o crear campañas" in text and "Códigos de salida:" in text
    assert main(["org", "list", "--help"]) == EXIT_OK
    assert "el archivo del tablero" in capsys.readouterr().out


def test_usage_errors_are_translated_too(spanish, board, capsys):
    assert main(["campaign", "add", "C", "--target-workers", "lots"]) == EXIT_USAGE
    assert "'lots' no es un número entero" in capsys.readouterr().err
