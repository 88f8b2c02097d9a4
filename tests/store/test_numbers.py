"""Whole numbers as people type them, read the same way by the board's forms and the command line."""

from __future__ import annotations

import pytest

from store.i18n import set_language
from store.numbers import parse_count


@pytest.mark.parametrize(("typed", "number"), [("1200", 1200), ("2,500", 2500), (" 1 200 ", 1200), ("40_000", 40000)])
def test_thousands_may_be_grouped(typed, number):
    assert parse_count(typed) == number


@pytest.mark.parametrize("typed", ["", "-5", "1.5", "1,2x0", "many"])
def test_anything_else_is_not_a_count(typed):
    assert parse_count(typed) is None


def test_spanish_groups_thousands_the_same_way():
    set_language("es")
    assert parse_count("2,500") == 2500
