"""The parser is built when main runs, so every help text (argparse's own words too) is in the language of that run."""

from __future__ import annotations

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_USAGE, main
from outreach_tui.cli.argparse_text import MESSAGES


def test_help_is_translated_when_the_command_runs_not_when_it_is_imported(capsys):
    assert main(["--lang", "es", "--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "listar, agregar, editar o cerrar campañas" in text and "Códigos de salida:" in text
    assert main(["org", "list", "--help", "--lang", "es"]) == EXIT_OK
    assert "el archivo del tablero que se usará" in capsys.readouterr().out


def test_usage_errors_are_translated_too(board, capsys):
    assert main(["campaign", "add", "C", "--target-workers", "lots", "--lang=es"]) == EXIT_USAGE
    assert "'lots' no es un número entero" in capsys.readouterr().err


def test_argparse_headings_are_translated(capsys):
    assert main(["--lang", "es", "users", "add", "--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert text.startswith("uso: outreach-tui users add")
    for heading in ("\nargumentos posicionales:\n", "\nopciones:\n", "muestra esta ayuda y termina"):
        assert heading in text
    assert "usage:" not in text and "\noptions:" not in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["bogus"], "argumento COMMAND: opción no válida: 'bogus' (elija entre 'init', "),
        (["users", "add"], "faltan estos argumentos obligatorios: NAME, --role"),
        (["check", "--nonsense"], "argumentos no reconocidos: --nonsense"),
        (["check", "--db"], "argumento --db: se esperaba un argumento"),
    ],
)
def test_argparse_errors_are_translated(capsys, argv, message):
    assert main(["--lang", "es", *argv]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("outreach-tui") and "uso:" not in err
    assert message in err and "Consulte 'outreach-tui" in err


def test_a_wrong_language_is_refused_in_the_language_chosen_otherwise(capsys, monkeypatch):
    monkeypatch.setenv("OUTREACH_TUI_LANG", "es")
    assert main(["--lang", "fr", "check"]) == EXIT_USAGE
    assert "argumento --lang: opción no válida: 'fr' (elija entre 'en', 'es')" in capsys.readouterr().err


def test_a_language_given_as_a_locale_name_chooses_its_catalog(capsys):
    assert main(["--lang", "es_MX.UTF-8", "--help"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("uso: ")


def test_lang_help_names_each_language_in_itself(capsys):
    assert main(["check", "--help"]) == EXIT_OK
    assert "en (English), es (Español)" in capsys.readouterr().out


def test_the_examples_comments_are_translated(capsys):
    assert main(["--lang", "es", "--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "# abrir el tablero" in text and "# open the board" not in text


def test_argparse_messages_are_listed_as_argparse_spells_them():
    import argparse
    import inspect

    source = inspect.getsource(argparse)
    for message in MESSAGES:
        assert f"_({message!r})" in source or f'_("{message}")' in source, message
