"""A funder's numbers never let one organization be picked out, not even by subtraction."""

from __future__ import annotations

from store.reports.suppression import shown_total, suppressed


def test_small_counts_show_as_less_than_three_and_zero_stays():
    assert suppressed([0, 5, 7, 9], with_total=False) == [0, 5, 7, 9]
    assert suppressed([1, 2, 7], with_total=False) == ["<3", "<3", 7]


def test_one_hidden_cell_beside_a_total_takes_the_next_smallest_with_it():
    # 2 + 5 + 9 = 16 shown: with only the 2 hidden, 16 - 5 - 9 would give it back.
    assert suppressed([2, 9, 5]) == ["<3", 9, "<3"]
    assert suppressed([2, 0, 9]) == ["<3", 0, "<3"]


def test_two_hidden_cells_already_protect_each_other():
    assert suppressed([1, 2, 30]) == ["<3", "<3", 30]


def test_a_small_total_is_hidden_too():
    assert shown_total([1, 1]) == "<3"
    assert shown_total([4, 1]) == 5
