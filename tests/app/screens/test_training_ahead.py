"""The board builds the training form while it waits for keys, and keeps it: "]" into the training stage
only shows it, with fresh values for the card it opens on, and enter shows the trained card at once."""

from __future__ import annotations

from typing import Any

import pytest

import outreach_tui.screens.training_flows
from outreach_tui.forms import TrainingForm
from store import StoreError
from tests.app.harness import (
    RecordingApp,
    board_afresh,
    board_of,
    column,
    discard_changes,
    fresh_training_values,
    notice,
    problem_rows,
    run,
    screen_text,
    type_text,
    wait_for,
)
from tests.boards import TODAY, open_board

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def soon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outreach_tui.screens.training_flows, "FORM_AHEAD_AFTER", 0.05)


async def built_ahead(app: RecordingApp, pilot: Any) -> TrainingForm:
    assert await wait_for(pilot, lambda: board_of(app).flows._training_form is not None)
    form = board_of(app).flows._training_form
    assert form is not None and form.is_attached
    assert app.screen is board_of(app) and app.focused is column(app, 0)
    return form


def test_the_form_built_ahead_opens_with_fresh_values_for_the_card_it_opens_on(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            first = column(app, 0).selected
            form = await built_ahead(app, pilot)
            await pilot.press("down")
            second = column(app, 0).selected
            assert second is not None and first is not None and second.id != first.id
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.screen is form
            assert form.values() == fresh_training_values(repo, TODAY)
            assert second.organization.name in screen_text(app)
            assert first.organization.name not in screen_text(app)
            assert app.focused is form.control("topic")
            await type_text(pilot, "Salud")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is board_of(app)
            [training] = open_board(repo.path).trainings(organization_id=second.id)
            assert [item.organization_id for item in training.attendance] == [second.id]
            assert column(app, 1).selected.id == second.id and app.focused is column(app, 1)
            assert app.said[-1] == "Training recorded: 1 organization is now trained."

    run(scenario())


def test_a_form_built_ahead_looks_as_one_built_when_it_opens(repo, tmp_path, monkeypatch):
    async def form_screen(ahead: bool) -> str:
        app = RecordingApp(open_board(repo.path), today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            if ahead:
                await built_ahead(app, pilot)
            await pilot.press("down", "right_square_bracket")
            await pilot.pause()
            assert isinstance(app.screen, TrainingForm)
            return app.export_screenshot()

    async def scenario():
        ahead = await form_screen(ahead=True)
        monkeypatch.setattr(outreach_tui.screens.training_flows, "FORM_AHEAD_AFTER", 1000)
        assert ahead == await form_screen(ahead=False)

    run(scenario())


def test_after_a_training_the_board_shows_what_a_board_opened_afresh_shows(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await built_ahead(app, pilot)
            board = board_of(app)
            for _ in range(2):
                column(app, 0).focus()
                await pilot.press("right_square_bracket")
                await pilot.pause()
                await type_text(pilot, "Derechos laborales")
                await pilot.press("enter")
                await pilot.pause()
                assert app.screen is board and app.said[-1] == "Training recorded: 1 organization is now trained."
                app.clear_notifications()
                await pilot.pause()
                assert app.export_screenshot() == await board_afresh(repo, app)

    run(scenario())


def test_a_refused_training_keeps_the_form_open_and_the_board_as_it_was(repo, monkeypatch):
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("The board is read-only for this test.")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            form = await built_ahead(app, pilot)
            board = board_of(app)
            cards = [list(c.cards.cards) for c in board.stage_columns]
            trainings = open_board(repo.path).trainings()
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.press("enter")  # no topic: the form says so, the board stays
            await pilot.pause()
            assert app.screen is form and "topic" in problem_rows(app)
            monkeypatch.setattr(repo, "record_training", refused)
            await type_text(pilot, "Salud")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is form and notice(app) == "The board is read-only for this test."
            assert [list(c.cards.cards) for c in board.stage_columns] == cards
            assert board.focused is board.stage_columns[0].cards
            await discard_changes(pilot)
            assert app.screen is board and app.focused is column(app, 0)
            assert [list(c.cards.cards) for c in board.stage_columns] == cards
            assert open_board(repo.path).trainings() == trainings

    run(scenario())
