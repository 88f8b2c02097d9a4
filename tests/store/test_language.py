"""Which language a run speaks: the person's own choices first, then the locale, then the board's default."""

from __future__ import annotations

import pytest

from store.i18n import environment_language, known_language, resolve_language


@pytest.mark.parametrize(
    ("environ", "board_default", "expected"),
    [
        ({"LANG": "C"}, None, "en"),
        ({"LANG": "C"}, "es", "es"),
        ({}, "es", "es"),
        ({"LANG": "es_MX.UTF-8"}, None, "es"),
        ({"LANG": "es_ES.UTF-8"}, None, "es"),
        ({"LANG": "es_US.UTF-8"}, "en", "es"),
        ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, None, "en"),
        ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, "es", "es"),
        ({"LANGUAGE": "es", "LANG": "C"}, None, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, None, "es"),
        ({"LANG": "fr_FR.UTF-8"}, "es", "es"),
        ({"LANG": "en_US.UTF-8"}, "es", "en"),
        ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, None, "es"),
        ({"OUTREACH_TUI_LANG": "es", "LANG": "en_US.UTF-8"}, None, "es"),
        ({"OUTREACH_TUI_LANG": "en", "LANG": "es_MX.UTF-8"}, "es", "en"),
        ({"OUTREACH_TUI_LANG": "klingon", "LANG": "es_MX.UTF-8"}, None, "es"),
    ],
)
def test_the_locale_variables_then_the_board_default(environ, board_default, expected):
    assert resolve_language(board_default=board_default, environ=environ) == expected


def test_a_saved_choice_beats_the_environment_and_lang_beats_everything():
    environ = {"OUTREACH_TUI_LANG": "es", "LANG": "es_MX.UTF-8"}
    assert resolve_language(saved="en", board_default="es", environ=environ) == "en"
    assert resolve_language(requested="es", saved="en", environ={"LANG": "C"}) == "es"
    assert resolve_language(requested="en", saved="es", board_default="es", environ=environ) == "en"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("es_MX.UTF-8", "es"),
        ("es-419", "es"),
        ("ES_es", "es"),
        ("es_ES@euro", "es"),
        ("en_GB", "en"),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("", None),
        (None, None),
        ("fr", None),
    ],
)
def test_locale_names_come_down_to_the_catalog_language(code, expected):
    assert known_language(code) == expected


def test_c_utf8_names_no_language():
    assert environment_language({"LC_ALL": "C.UTF-8", "LANG": "es_MX.UTF-8"}) is None
