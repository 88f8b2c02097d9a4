"""Which columns a wide board shows, and how the hidden ones are named at its edges."""

from __future__ import annotations

from outreach_tui.widgets.stage_board import MIN_COLUMN_WIDTH, edge_text, fitting, window_start

STAGES = [("Identificada", 12), ("Contactada", 14), ("Visitada", 9), ("Evaluada", 1200)]


def test_columns_narrow_to_the_minimum_width_and_never_fewer_than_one_shows():
    assert fitting(3, 80) == 3
    assert fitting(7, 80) == 80 // MIN_COLUMN_WIDTH == 3
    assert fitting(7, 7 * MIN_COLUMN_WIDTH) == 7
    assert fitting(7, 12) == 1


def test_the_window_moves_as_little_as_it_must_to_show_the_focused_column():
    assert window_start(0, 3, 2, 7) == 0
    assert window_start(0, 3, 3, 7) == 1
    assert window_start(1, 3, 0, 7) == 0
    assert window_start(0, 3, 6, 7) == 4
    assert window_start(4, 3, 3, 7) == 3
    assert window_start(5, 3, 5, 6) == 3  # after the board narrowed or lost a stage, no empty room at the right


def test_the_left_edge_lists_hidden_stages_in_board_order_and_the_right_edge_points_right():
    assert edge_text(STAGES[:2], 39, left=True).plain == "‹ Identificada 12 · Contactada 14"
    assert edge_text(STAGES[2:], 39, left=False).plain == "Visitada 9 · Evaluada 1,200 ›"
    assert edge_text([], 39, left=True).plain == ""


def test_stages_far_from_the_shown_columns_are_counted_when_their_names_do_not_fit():
    assert edge_text(STAGES, 36, left=True).plain == "‹ +2 · Visitada 9 · Evaluada 1,200"
    assert edge_text(STAGES, 30, left=True).plain == "‹ +3 · Evaluada 1,200"
    assert edge_text(STAGES, 30, left=False).plain == "Identificada 12 · +3 ›"


def test_one_long_stage_name_is_cut_and_keeps_its_count():
    text = edge_text([("Convenio de colaboración firmado con la red", 3)], 20, left=False).plain
    assert text.endswith("… 3 ›") and len(text) <= 20, text
