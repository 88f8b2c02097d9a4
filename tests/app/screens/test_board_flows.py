"""The board's form and list flows end to end: what a coordinator does, checked in the file
and in what the board then shows and says."""

from __future__ import annotations

from outreach_tui.screens.board import BoardScreen
from tests.app.harness import RecordingApp, board_of, column, run
from tests.boards import TODAY, on_disk, open_board


def test_undo_reverts_my_last_move(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            assert card.id in [c.id for c in column(app, 1).cards]
            name = card.organization.name
            undone, following = app.said[-1].splitlines()
            assert undone == f"Undone: moved {name} from Trained to Active partner"
            assert following.startswith("Next to undo: ")

    run(scenario())


def type_text(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def test_marking_two_cards_and_recording_one_training_makes_both_trained(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            first = column(app, 0).cards[0].id
            second = column(app, 0).cards[1].id
            await pilot.press("space", "down", "space", "t")
            await pilot.pause()
            await pilot.press(*type_text("Derechos laborales"), "enter")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(first, app.campaign_id).stage == "trained"
            assert reopened.placement(second, app.campaign_id).stage == "trained"
            training = reopened.trainings(campaign_id=app.campaign_id)[0]
            assert {a.organization_id for a in training.attendance} == {first, second}
            assert training.trainers == ["ana"] and training.date == TODAY
            assert board_of(app).marked == set()
            trained = [c.id for c in column(app, 1).cards]
            assert first in trained and second in trained

    run(scenario())


def test_moving_into_trained_opens_the_prefilled_training_and_escape_changes_nothing(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            before = on_disk(repo.path)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert on_disk(repo.path) == before
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.press(*type_text("Derechos laborales"), "enter")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"

    run(scenario())


def test_logging_a_visit_records_it_and_sets_the_cards_follow_up(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("v")
            await pilot.pause()
            form = app.screen
            form.query_one("#findings").text = "Two lawyers; strong outreach in the colonias."
            form.query_one("#fit").value = 4
            form.query_one("#next_follow_up").value = "2026-12-05"
            await pilot.press("ctrl+s")
            await pilot.pause()
            reopened = open_board(repo.path)
            visit = reopened.visits(organization_id=card.id)[0]
            assert visit.fit == 4 and visit.visitors == ["ana"]
            assert str(reopened.placement(card.id, app.campaign_id).next_follow_up) == "2026-12-05"

    run(scenario())


def test_taking_a_card_off_the_board_and_restoring_it_from_the_list(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("right", "enter", "tab", *type_text("Funding gap"), "enter")
            await pilot.pause()
            placement = open_board(repo.path).placement(card.id, app.campaign_id)
            assert placement.off_board is not None and placement.off_board.reason == "Funding gap"
            assert card.id not in [c.id for c in column(app, 0).cards]
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).off_board is None
            assert column(app, 0).selected.id == card.id

    run(scenario())


def test_follow_ups_list_soonest_first_and_enter_selects_the_card(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            expected = repo.follow_ups(app.campaign_id, today=TODAY)
            await pilot.press("f")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            assert board_of(app).selected_card().id == expected[0].id

    run(scenario())


def test_new_organization_refused_until_valid_then_saved_on_the_board(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            before = on_disk(repo.path)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert on_disk(repo.path) == before
            assert not isinstance(app.screen, BoardScreen)
            await pilot.press(*type_text("Casa Refugio Tapachula"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            org = open_board(repo.path).find_organization("Casa Refugio Tapachula")
            assert open_board(repo.path).placement(org.id, app.campaign_id).stage == "contacted"
            assert board_of(app).selected_card().id == org.id

    run(scenario())


def test_editing_an_organization_saves_the_change(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#notes").text = "Asked for materials in Tsotsil."
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert open_board(repo.path).organization(card.id).notes == "Asked for materials in Tsotsil."

    run(scenario())


def test_switching_campaign_shows_that_campaigns_board(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            other = next(c for c in repo.campaigns() if c.id != app.campaign_id)
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.pause()
            assert app.campaign_id == other.id
            assert board_of(app).campaign_id == other.id
            shown = {c.id for sc in board_of(app).stage_columns for c in sc.cards.cards}
            assert shown == {c.id for col in repo.board(other.id).columns for c in col.cards}

    run(scenario())
