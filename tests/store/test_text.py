"""Display filtering agrees with validation: what a field refuses never reaches a terminal."""

from __future__ import annotations

import pytest

from store.text import display_safe, fold, forbidden_characters


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("می\u200cخواهم", "می\u200cخواهم"),
        ("👩\u200d💻", "👩\u200d💻"),
        ("\u200cab\u200d", "ab"),
        ("a\u200c\u200cb", "ab"),
        ("a\u200c\x1b[2Jb", "a[2Jb"),
        ("bidi\u202eoverride", "bidioverride"),
    ],
)
def test_joiners_are_shown_inside_words_only(value, shown):
    assert display_safe(value) == shown
    assert (forbidden_characters(value) == []) == (display_safe(value) == value)


def test_search_ignores_joiners():
    assert fold("می\u200cخواهم") == fold("میخواهم")
