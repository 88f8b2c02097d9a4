"""A board with more stages than fit at 80x24: a window of whole columns that follows the focus by keyboard."""

from __future__ import annotations

from textual.widgets import Static

from outreach_tui.widgets import CardColumn, StageBoard
from store import Actor
from tests.app.harness import RecordingApp, board_of, column, run, wait_for
from tests.boards import TODAY, open_board, wide_board


def stage_board(app: RecordingApp) -> StageBoard:
    return board_of(app).query_one(StageBoard)


def shown(app: RecordingApp) -> list[str]:
    """The keys of the stages whose columns are on screen, left to right."""
    screen = app.screen.region
    return [
        c.stage.key
        for c in board_of(app).stage_columns
        if c.display and c.visible and c.region.width and screen.contains_region(c.region)
    ]


def edges(app: RecordingApp) -> tuple[str, str]:
    board = stage_board(app)
    return tuple(str(board.query_one(f"#edge-{side}", Static).render()) for side in ("left", "right"))  # type: ignore[return-value]


def test_seven_stages_at_80_columns_show_three_and_name_the_others_with_their_counts(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert shown(app) == ["identified", "contacted", "visited"]
            assert all(c.region.width >= 22 for c in board_of(app).stage_columns if c.display)
            left, right = edges(app)
            assert left == ""
            assert right.startswith("Assessed 1 · Trained 7") and right.endswith("›"), right
            assert "+2" in right  # the two farthest stages do not fit in half a row: counted, not named

    run(scenario())


def test_moving_right_past_the_edge_scrolls_one_column_and_keeps_the_focused_one_in_view(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l", "l")
            assert shown(app) == ["identified", "contacted", "visited"]
            await pilot.press("l")
            await pilot.pause()
            assert app.focused is column(app, 3)
            assert shown(app) == ["contacted", "visited", "assessed"]
            left, right = edges(app)
            assert left == "‹ Identified 3", left
            assert right.startswith("Trained 7 · Agreement signed 1"), right
            await pilot.press("right", "right", "right")
            await pilot.pause()
            assert app.focused is column(app, 6)
            assert shown(app) == ["trained", "agreement", "active"]
            left, right = edges(app)
            assert left.startswith("‹ +") and left.endswith("Visited 2 · Assessed 1"), left
            assert right == ""
            assert board_of(app).stage_columns[6].has_class("-focused")

    run(scenario())


def test_moving_left_scrolls_back_and_past_the_first_column_wraps_to_the_last(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            assert app.focused is column(app, 6)
            assert shown(app) == ["trained", "agreement", "active"]
            await pilot.press("h", "h", "h")
            await pilot.pause()
            assert app.focused is column(app, 3)
            assert shown(app) == ["assessed", "trained", "agreement"]

    run(scenario())


def test_scrolling_sets_no_column_s_cards_again(tmp_path, monkeypatch):
    repo = wide_board(tmp_path)
    calls: list[str] = []
    original = CardColumn.set_cards

    def counted(self, cards, *, keep=None):
        calls.append(self.stage_key)
        original(self, cards, keep=keep)

    monkeypatch.setattr(CardColumn, "set_cards", counted)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            calls.clear()
            await pilot.press(*"llllll", *"hhhhhh")
            await pilot.pause()
            assert calls == []

    run(scenario())


def test_a_card_moved_into_a_hidden_stage_takes_the_board_there(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l", "l")
            card = column(app, 2).selected
            await pilot.press("]")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "assessed"
            assert app.focused is column(app, 3) and column(app, 3).selected.id == card.id
            assert shown(app) == ["contacted", "visited", "assessed"]
            assert edges(app)[0] == "‹ Identified 3"
            assert edges(app)[1].startswith("Trained 7")

    run(scenario())


def test_the_edges_count_what_the_filter_leaves(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"zzzz")
            await pilot.pause()
            assert edges(app)[1].startswith("Assessed 0 · Trained 0"), edges(app)
            await pilot.press("escape")
            await pilot.pause()
            assert edges(app)[1].startswith("Assessed 1 · Trained 7"), edges(app)

    run(scenario())


def test_a_terminal_wide_enough_shows_every_stage_and_no_edges(tmp_path):
    repo = wide_board(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            assert len(shown(app)) == 7
            assert not board_of(app).query_one("#edges").display
            await pilot.resize_terminal(80, 24)
            assert await wait_for(pilot, lambda: len(shown(app)) == 3)
            assert board_of(app).query_one("#edges").display

    run(scenario())


def test_three_stages_at_80_columns_keep_the_whole_width_and_no_edges(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert shown(app) == ["contacted", "trained", "active"]
            assert not board_of(app).query_one("#edges").display

    run(scenario())


def test_stages_changed_in_another_session_give_the_board_new_columns(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            other = open_board(repo.path, Actor(login="luis"))
            campaign = other.campaign(app.campaign_id)
            stages = [stage.model_dump() for stage in campaign.stages]
            stages.insert(3, {"key": "assessed", "label": "Assessed", "labels": {"es": "Evaluada"}})
            other.edit_campaign(campaign.id, {"stages": stages}, expected_version=campaign.version)
            app.check_for_changes()
            keys = ["identified", "contacted", "visited", "assessed", "trained", "active"]
            assert await wait_for(pilot, lambda: [c.stage.key for c in board_of(app).stage_columns] == keys)
            await pilot.pause()
            assert [len(c.cards.cards) for c in board_of(app).stage_columns] == [3, 5, 2, 0, 8, 5]
            assert app.focused is column(app, 0)
            assert edges(app)[1].startswith("Assessed 0")

    run(scenario())
