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


def test_folding_accented_latin_in_one_pass_folds_as_looking_at_each_character():
    import random
    import unicodedata

    from store.text import JOINERS

    def each_character(value: str) -> str:
        decomposed = unicodedata.normalize("NFKD", value)
        return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in JOINERS).casefold()

    # Latin letters, the combining marks (the grapheme joiner among them), joiners, ligatures, CJK.
    pool = [chr(code) for code in [*range(0x20, 0x250), *range(0x300, 0x370), 0x200C, 0x200D, 0x1E9E, 0xFB01, 0x6771]]
    shuffle = random.Random(3)
    for _ in range(20_000):
        value = "".join(shuffle.choice(pool) for _ in range(shuffle.randint(1, 8)))
        assert fold(value) == each_character(value), value
    assert fold("Pénjamo") == "penjamo" and fold("e\u0301cole") == fold("école") == "ecole"
