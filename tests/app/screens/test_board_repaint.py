"""After a change the board repaints only what changed, at once: what it shows must still be exactly
what the same board opened afresh shows, with the same cards selected and the same column focused."""

from __future__ import annotations

from typing import Any

from outreach_tui.screens.board import BoardScreen
from store import StoreError
from tests.app.harness import RecordingApp, board_afresh, board_of, column, run
from tests.boards import TODAY

SIZE = (100, 30)


def board_lines(app: RecordingApp) -> list[list[tuple[str, object]]]:
    """The board's columns as they would be painted now: text and style of every segment."""
    board = board_of(app).stage_board
    assert board is not None
    return [
        [(segment.text, segment.style) for strip in widget.render_lines(widget.size.region) for segment in strip]
        for widget in board.query("*")
        if widget.display and widget.size.area
    ]


def test_a_move_and_a_move_back_show_what_a_board_opened_afresh_shows(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("l", "down")
            moved = column(app, 1).selected
            assert moved is not None and column(app, 1).cursor == 1
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert column(app, 2).selected == board_of(app).board.card(moved.id)
            assert app.focused is column(app, 2)
            assert board_of(app).stage_columns[2].has_class("-focused")
            assert not board_of(app).stage_columns[1].has_class("-focused")
            assert app.export_screenshot() == await board_afresh(repo, app)
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert app.focused is column(app, 1) and column(app, 1).selected.id == moved.id
            assert app.export_screenshot() == await board_afresh(repo, app)

    run(scenario())


def test_moving_the_focus_between_columns_marks_only_the_focused_one(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("l")
            await pilot.pause()
            screen = board_of(app)
            assert [c.has_class("-focused") for c in screen.stage_columns] == [False, True, False]
            assert app.export_screenshot() == await board_afresh(repo, app)
            await pilot.press("h")
            await pilot.pause()
            assert [c.has_class("-focused") for c in screen.stage_columns] == [True, False, False]
            assert app.export_screenshot() == await board_afresh(repo, app)

    run(scenario())


def test_a_move_the_store_refuses_leaves_the_board_as_it_was(repo, monkeypatch):
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("The board is read-only for this test.")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("l", "down")
            await pilot.pause()
            before = board_lines(app)
            cards = [list(c.cards.cards) for c in board_of(app).stage_columns]
            monkeypatch.setattr(repo, "move", refused)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.said[-1] == "The board is read-only for this test."
            assert isinstance(app.screen, BoardScreen)
            assert [list(c.cards.cards) for c in board_of(app).stage_columns] == cards
            assert app.focused is column(app, 1) and column(app, 1).cursor == 1
            assert board_lines(app) == before

    run(scenario())


def test_cards_take_the_colours_of_a_new_theme(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("l")
            await pilot.pause()
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await pilot.pause()
            assert app.export_screenshot() == await board_afresh(repo, app)

    run(scenario())
