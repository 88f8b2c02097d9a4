"""The board screen: columns, moves, the filter and role greying, by keyboard, checked in the file."""

from __future__ import annotations

from outreach_tui.widgets import CardColumn, SteadyFooter
from store import Actor
from tests.app.harness import Notice, RecordingApp, board_of, column, run
from tests.boards import TODAY, demo_board, open_board


def test_board_shows_one_column_per_stage_with_counts_and_workers(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            board = repo.board(app.campaign_id)
            screen = board_of(app)
            assert [c.stage.key for c in screen.stage_columns] == ["contacted", "trained", "active"]
            for stage_column, expected in zip(screen.stage_columns, board.columns, strict=False):
                assert [card.id for card in stage_column.cards.cards] == [card.id for card in expected.cards]
                header = str(stage_column.query_one(".stage-header").render())
                assert f"({len(expected.cards)})" in header
                assert f"{expected.workers:,} workers" in header

    run(scenario())


def test_move_to_next_stage_from_trained_writes_the_file_and_selects_the_card_in_its_new_column(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            assert card is not None and card.placement.stage == "trained"
            await pilot.press("]")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(card.id, app.campaign_id).stage == "active"
            assert column(app, 2).selected.id == card.id
            assert app.focused is column(app, 2)
            assert card.id not in [c.id for c in column(app, 1).cards]
            events = reopened.history(organization_id=card.id, limit=1)
            assert events[0].kind == "moved" and events[0].actor == "ana"

    run(scenario())


def test_move_back_with_left_bracket_and_shift_left(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l", "l")
            card = column(app, 2).selected
            await pilot.press("[")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            assert app.focused is column(app, 1) and column(app, 1).selected.id == card.id
            await pilot.press("shift+left")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "contacted"

    run(scenario())


def test_forward_then_back_returns_the_same_card_without_rebuilding_the_footer(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            await pilot.pause()
            card = column(app, 1).selected
            neighbour = column(app, 1).cards[1]
            footer = board_of(app).query_one(SteadyFooter)
            rebuilds = []
            original = footer.recompose

            async def counted():
                rebuilds.append(1)
                await original()

            footer.recompose = counted  # type: ignore[method-assign]
            await pilot.press("]")
            await pilot.pause()
            await pilot.press("[")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(card.id, app.campaign_id).stage == "trained"
            assert reopened.placement(neighbour.id, app.campaign_id).stage == "trained"
            assert app.focused is column(app, 1) and column(app, 1).selected.id == card.id
            assert rebuilds == []

    run(scenario())


def test_a_stale_move_is_refused_with_who_changed_it_and_the_board_refreshes(repo, tmp_path):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            other = open_board(repo.path, Actor(login="luis"))
            other.move(card.id, "active", campaign_id=app.campaign_id)
            await pilot.press("[")
            await pilot.pause()
            notices = app.said
            assert any("luis" in message and "not applied" in message for message in notices), notices
            name = card.organization.name
            assert app.notices[-1] == Notice(
                f"{name} was changed by luis at Nov 24, 2026, 16:30 UTC (moved {name} from Trained to Active partner) "
                "after you loaded it; your change was not applied. The board now shows the current state.",
                title="Changed by someone else",
                severity="error",
                markup=False,
            )
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "active"
            assert card.id in [c.id for c in column(app, 2).cards]

    run(scenario())


def test_filter_narrows_every_column_accent_insensitively_and_escape_clears_it(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            total = sum(len(c.cards.cards) for c in board_of(app).stage_columns)
            await pilot.press("slash")
            await pilot.press(*"juarez")
            await pilot.pause()
            shown = [card for c in board_of(app).stage_columns for card in c.cards.cards]
            assert 0 < len(shown) < total
            assert all(
                "juárez" in card.organization.place.label().lower() or "juarez" in card.search_text for card in shown
            )
            await pilot.press("escape")
            await pilot.pause()
            assert sum(len(c.cards.cards) for c in board_of(app).stage_columns) == total

    run(scenario())


def test_a_name_with_markup_shows_literally_on_the_card(tmp_path):
    repo = demo_board(tmp_path, organizations=3)
    campaign = repo.default_campaign()
    org = repo.add_organization({"name": "[bold]x[/] [@click=app.quit]y"}, campaign_id=campaign.id)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            first = column(app, 0)
            assert first.select(org.id)
            rows = [first.render_line(y).text for y in range(first.size.height)]
            assert any("[bold]x[/] [@click=app.quit]y" in row for row in rows), rows
            # Click the "y" that markup would have made a quit link; it only selects the card.
            row = next(y for y, text in enumerate(rows) if "[@click=app.quit]y" in text)
            first.action_first()
            await pilot.click(CardColumn, offset=(rows[row].index("]y") + 1, row))
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert first.selected is not None and first.selected.id == org.id

    run(scenario())


def test_a_viewer_sees_moves_greyed_out_and_is_told_why(tmp_path):
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    viewer = open_board(repo.path, Actor(login="guest"))

    async def scenario():
        app = RecordingApp(viewer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("]")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "contacted"
            assert any("guest" in message and "view" in message for message in app.said)
            assert any("users add guest" in message for message in app.said)
            assert app.notices[-1] == Notice(
                "Not allowed to move a card: guest is not a user of this board, so it can only view and export.",
                title="",
                severity="error",
                markup=False,
            )
            assert board_of(app).check_action("move_card", (1,)) is None

    run(scenario())
