"""The Spanish catalog is complete, current with the source, and what the program reads."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog

import store.i18n
from store.i18n import _, ngettext, set_language
from tools.catalog import MO_PATH, compiled, extracted, message_problems, problems, read_catalog


def test_every_msgid_has_its_spanish_with_the_same_placeholders():
    catalog = read_catalog()
    assert [problem for message in catalog if message.id for problem in message_problems(message)] == []
    assert len(catalog) > 600


def test_the_catalog_has_exactly_the_strings_the_source_marks():
    """A new string without its Spanish, or Spanish kept for a string the source dropped, fails here."""
    found = problems(read_catalog(), extracted())
    assert found == [], "run: python tools/catalog.py update, translate the new msgids, python tools/catalog.py compile"


def test_the_compiled_catalog_is_the_po_compiled():
    committed = gettext.GNUTranslations(io.BytesIO(MO_PATH.read_bytes()))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled(read_catalog())))
    assert committed._catalog == fresh._catalog, "run: python tools/catalog.py compile"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("msgid", "translation", "expected"),
    [
        ("Moved {org} to {stage}.", "Se movió {org} a {stage}.", []),
        ("Moved {org} to {stage}.", "Se movió {organizacion} a {stage}.", ["placeholders differ"]),
        ("Moved {org}.", "Se movió.", ["placeholders differ"]),
        ("{n!r} is not a number", "{n} no es un número", ["placeholders differ"]),
        ("unrecognized arguments: %s", "argumentos no reconocidos: %s", []),
        ("unrecognized arguments: %s", "argumentos no reconocidos", ["placeholders differ"]),
        ("Moved {org}.", "", ["untranslated"]),
    ],
)
def test_the_check_catches_missing_and_changed_placeholders(msgid, translation, expected):
    catalog = Catalog(locale="es")
    catalog.add(msgid, translation)
    found = [problem.split(":")[0] for problem in message_problems(catalog[msgid])]
    assert found == expected


def test_a_plural_needs_every_form_and_the_count_in_the_plural():
    catalog = Catalog(locale="es")
    catalog.add(("{n} card", "{n} cards"), ("{n} tarjeta", "{n} tarjetas", "{n} tarjetas"))
    catalog.add(("one visit", "{n} visits"), ("una visita", "{n} visitas", ""))
    catalog.add(("one stage", "{n} stages"), ("una etapa", "etapas", "etapas"))
    assert [message_problems(message) for message in catalog if message.id] == [
        [],
        ["untranslated: 'one visit'"],
        ["placeholders differ: 'one stage'"],
    ]


def test_the_program_speaks_spanish_with_the_installed_catalog():
    set_language("es")
    assert store.i18n.language() == "es"
    assert _("Help") == "Ayuda"
    assert ngettext("{n} organization", "{n} organizations", 2).format(n=2) == "2 organizaciones"
    set_language("en")
    assert _("Help") == "Help"
