"""Text rules shared by validation, search and display.

User-typed text is data. One-line fields refuse control, format, private-use,
surrogate, unassigned and line/paragraph-separator characters; multi-line fields
allow newline and tab too. A zero-width joiner or non-joiner is ordinary text
between two visible characters of a word (Persian, emoji sequences). ``display_safe`` removes the same characters from any
string before it is shown, so escape sequences stored by other tools never reach
a terminal.
"""

from __future__ import annotations

import re
import unicodedata

# Cc control, Cf format, Co private use, Cs surrogate, Cn unassigned,
# Zl line separator, Zp paragraph separator.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})

JOINERS = frozenset({"\u200c", "\u200d"})
"""Zero-width non-joiner and joiner: ordinary text between two visible characters of a word."""


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] not in "CZ"


def _joins_a_word(value: str, index: int) -> bool:
    """Whether ``value[index]`` is one joiner between two visible characters (as the models allow)."""
    return (
        value[index] in JOINERS
        and 0 < index < len(value) - 1
        and _visible(value[index - 1])
        and _visible(value[index + 1])
    )


def forbidden_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The characters of ``value`` a field must refuse, as ``U+XXXX`` codes."""
    # str.isprintable() is False exactly for the categories above plus separators
    # such as U+00A0: a C-speed pass that clears almost every real string.
    if value.isprintable() or (multiline and value.replace("\n", "").replace("\t", "").isprintable()):
        return []
    allowed = {"\n", "\t"} if multiline else set()
    found: list[str] = []
    for index, char in enumerate(value):
        if char in allowed or _joins_a_word(value, index):
            continue
        if unicodedata.category(char) in FORBIDDEN_CATEGORIES:
            code = f"U+{ord(char):04X}"
            if code not in found:
                found.append(code)
    return found


def display_safe(value: str, *, multiline: bool = False) -> str:
    """``value`` without any character that could act on a terminal.

    With ``multiline`` newlines are kept; tabs become spaces (terminals expand them
    unpredictably). One-line output turns newlines into spaces. A joiner inside a
    word stays, as validation allows it.
    """
    if value.isprintable():
        # Printable excludes every forbidden category (and tabs, newlines): nothing to remove.
        return value
    out: list[str] = []
    for index, char in enumerate(value):
        if char == "\n":
            out.append("\n" if multiline else " ")
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) not in FORBIDDEN_CATEGORIES or _joins_a_word(value, index):
            out.append(char)
    return "".join(out)


_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
"""The combining diacritical marks: all of U+0300-U+036F but the grapheme joiner U+034F, which combines with nothing."""


def fold(value: str) -> str:
    """Case- and accent-insensitive form used for search ("Pénjamo" matches "penjamo")."""
    if value.isascii():
        return value.casefold()
    decomposed = unicodedata.normalize("NFKD", value)
    # Accented Latin letters decompose to a letter and marks: dropping the marks in one pass is
    # three times faster than looking at each character (a 20,000-card board folds every name).
    unmarked = _LATIN_MARKS.sub("", decomposed)
    if unmarked.isascii():
        return unmarked.casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in JOINERS).casefold()
