"""The off-board form: a state and a reason, by keyboard."""

from __future__ import annotations

from textual.widgets import RadioSet

from outreach_tui.forms import OffBoardForm
from store import ConflictError, Repository, ValidationFailed
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    a_card,
    discard_changes,
    field_value,
    notice,
    organization,
    problem_rows,
    run,
    set_field,
    type_text,
)
from tests.boards import open_board


def test_off_board_by_keyboard_with_the_real_repository(repo: Repository):
    card = a_card(repo)
    campaign_id = repo.default_campaign().id

    def save(state: str, reason: str):
        return repo.set_off_board(
            card.id, campaign_id=campaign_id, state=state, reason=reason, expected_version=card.placement.version
        )

    async def scenario():
        app = Harness(lambda: OffBoardForm(card.organization, save))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.focused, RadioSet)
            await pilot.press("right", "enter", "tab")
            await type_text(pilot, "No staff until March")
            await pilot.press("enter")
            await pilot.pause()
        return app.result

    placement = run(scenario())
    assert placement.off_board.state == "paused"
    reopened = open_board(repo.path)
    assert reopened.placement(card.id, campaign_id).off_board.reason == "No staff until March"


def test_off_board_needs_a_state_and_a_reason():
    save = FakeSave("placement")

    async def scenario():
        app = Harness(lambda: OffBoardForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"state", "reason"}
            await pilot.press("enter")  # the state field has focus now: picks "Not a fit"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"reason"}
            assert save.calls == []
            set_field(app, "reason", "Works only on land rights")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert save.calls == [("not_a_fit", "Works only on land rights")]
        assert app.result == "placement"

    run(scenario())


def test_off_board_store_problem_conflict_and_escape():
    save = FakeSave(
        ValidationFailed("Invalid card", [("off_board.reason", "String should have at most 200 characters")]),
        ConflictError("The card was changed by luis at 2026-11-24 16:31 UTC (moved it)."),
    )

    async def scenario():
        app = Harness(lambda: OffBoardForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            set_field(app, "reason", "r" * 250)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"reason"}
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "reason") == "r" * 250
            assert field_value(app, "state") == "not_a_fit"
            await discard_changes(pilot)
        assert app.result is None

    run(scenario())
