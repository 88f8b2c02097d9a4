"""The "did you mean" guess for a mistyped name: the closest of the names that exist."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .text import fold

SIMILARITY = 0.6
"""How alike (0 to 1) a typed name and a real one must be to be suggested: ``traned`` and ``trained``, ``mv`` and
``move`` are; ``bakery`` and ``union`` are not."""


def closest(typed: str, names: Iterable[str]) -> str | None:
    """The name in ``names`` closest to ``typed``, comparing without case or accents; None when none is close."""
    by_folded: dict[str, str] = {}
    for name in names:
        by_folded.setdefault(fold(name), name)
    found = difflib.get_close_matches(fold(typed), list(by_folded), n=1, cutoff=SIMILARITY)
    return by_folded[found[0]] if found else None
