"""Reading cells the way people fill them in, and refusing what cannot be read without guessing."""

from __future__ import annotations

from datetime import date

import pytest

from store.spreadsheets.values import (
    LEGAL_INDEX,
    OUTREACH_INDEX,
    TYPE_INDEX,
    CellProblem,
    choice,
    day,
    mexican_state,
    whole_number,
    yes_no,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [("2,500", 2500), ("2 500", 2500), ("2500", 2500), ("1.200", 1200), ("12,345,678", 12345678), ("", None), ("0", 0)],
)
def test_whole_numbers_with_thousands_separators(text, number):
    assert whole_number(text) == number


@pytest.mark.parametrize("text", ["300-500", "300 a 500", "aprox. 300", "~300", "300+", "más de 300"])
def test_ranges_and_estimates_are_refused_with_what_to_write(text):
    with pytest.raises(CellProblem, match="range or an estimate; write one number"):
        whole_number(text)


@pytest.mark.parametrize("text", ["muchos", "2,50", "12.5"])
def test_other_text_is_not_a_number(text):
    with pytest.raises(CellProblem, match="is not a whole number"):
        whole_number(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sí", "yes"),
        ("Si", "yes"),
        ("YES", "yes"),
        ("x", "yes"),
        ("1", "yes"),
        ("no", "no"),
        ("0", "no"),
        ("", "unknown"),
    ],
)
def test_yes_and_no_in_either_language(text, value):
    assert yes_no(text) == value


def test_a_word_that_is_neither_yes_nor_no_is_refused_listing_the_words():
    with pytest.raises(CellProblem, match="'a veces' is not one of: yes, no"):
        yes_no("a veces")


@pytest.mark.parametrize(
    ("text", "index", "value"),
    [
        ("Albergue", TYPE_INDEX, "migrant_services"),
        ("clínica jurídica", TYPE_INDEX, "legal_clinic"),
        ("Sindicato", TYPE_INDEX, "union"),
        ("Human-rights center", TYPE_INDEX, "human_rights_center"),
        ("abogados colaboradores", LEGAL_INDEX, "cooperating_attorneys"),
        ("Área jurídica", LEGAL_INDEX, "in_house"),
        ("in-house", LEGAL_INDEX, "in_house"),
        ("Estatal", OUTREACH_INDEX, "regional"),
        ("national", OUTREACH_INDEX, "national"),
    ],
)
def test_spanish_and_english_words_for_types_and_capacities(text, index, value):
    assert choice(text, index, []) == value


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Queretaro", "Querétaro"),
        ("QRO", "Querétaro"),
        ("Q. Roo", "Quintana Roo"),
        ("CDMX", "Ciudad de México"),
        ("D.F.", "Ciudad de México"),
        ("Edo. Méx.", "Estado de México"),
        ("nuevo leon", "Nuevo León"),
        ("N.L.", "Nuevo León"),
        ("San Luis Potosi", "San Luis Potosí"),
        ("Texas", "Texas"),
    ],
)
def test_mexican_states_with_or_without_accents_and_abbreviated(text, state):
    assert mexican_state(text) == state


def test_dates_in_the_two_written_forms_and_ambiguous_ones_refused():
    assert day("2026-11-03") == date(2026, 11, 3)
    assert day("23/04/2026") == date(2026, 4, 23)
    assert day("") is None
    with pytest.raises(CellProblem, match="could be"):
        day("03/04/2026")
