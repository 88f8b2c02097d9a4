"""Small counts hidden from a funder's report, so no organization can be picked out of the numbers.

A count of 1 or 2 shows as "<3". Hiding one cell of a row that has a total is not enough: the total
minus the other cells gives it back. So when a group with a shown total has exactly one hidden cell,
the next smallest cell is hidden too. A zero stays: it names no organization.
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL = 3
HIDDEN = "<3"


def small(count: int) -> bool:
    return 0 < count < SMALL


def suppressed(counts: Sequence[int], *, with_total: bool = True) -> list[int | str]:
    """``counts`` as a funder may see them: small ones hidden, and one more when a total would give one back."""
    hidden = {index for index, count in enumerate(counts) if small(count)}
    if with_total and len(hidden) == 1:
        others = [(count, index) for index, count in enumerate(counts) if index not in hidden and count > 0]
        if others:
            hidden.add(min(others)[1])
    return [HIDDEN if index in hidden else count for index, count in enumerate(counts)]


def shown_total(counts: Sequence[int]) -> int | str:
    """A total of ``counts``, itself hidden when small."""
    total = sum(counts)
    return HIDDEN if small(total) else total
