"""One list of keys drives the footer, the help screen and the command palette."""

from __future__ import annotations

from outreach_tui.bindings import BOARD_BINDINGS, STORE_ACTION, action_name
from outreach_tui.forms import OrganizationForm
from outreach_tui.screens.board import BoardScreen
from store import PERMISSIONS, Actor, allowed
from tests.app.harness import RecordingApp, board_of, run, screen_text, type_text, wait_for
from tests.boards import TODAY, demo_board, open_board


def test_every_board_action_is_in_the_command_palette(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for binding in app.all_bindings():
                assert any(binding.description in title for title in titles), binding.description
            assert "Card: Next stage" in titles
            assert "Card: Follow-up and owner" in titles

    run(scenario())


def test_every_board_action_that_needs_a_role_names_a_store_permission():
    assert set(STORE_ACTION.values()) <= set(PERMISSIONS)
    board_actions = {action_name(binding) for binding in BOARD_BINDINGS}
    assert set(STORE_ACTION) <= board_actions


def test_greying_follows_the_store_table_for_every_role(tmp_path):
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    for login, role in (("tomas", "trainer"), ("vera", "viewer")):
        repo.set_user(login, role)

    async def scenario(login: str, role: str):
        app = RecordingApp(open_board(repo.path, Actor(login=login)), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            screen = board_of(app)
            for action, store_action in STORE_ACTION.items():
                expected = True if allowed(role, store_action) else None
                assert screen.check_action(action, ()) is expected, (role, action)

    for login, role in (("ana", "coordinator"), ("tomas", "trainer"), ("vera", "viewer")):
        run(scenario(login, role))


def test_the_palette_marks_what_a_trainer_may_not_use_and_choosing_it_says_why(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")

    async def scenario():
        app = RecordingApp(open_board(repo.path, Actor("lucia")), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            notes = {command.english: command.note for command in app.palette_commands(app.screen)}
            assert notes["Organization: New organization"] == "coordinators only"
            assert notes["Card: Take off the board"] == "coordinators only"
            assert notes["Card: Log a visit"] == "" and notes["Board: Filter"] == ""
            await pilot.press("ctrl+p")
            await type_text(pilot, "new organization")
            shown = "Organization: New organization (coordinators only)"
            assert await wait_for(pilot, lambda: shown in screen_text(app))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)  # no form to fill in and be refused at save
            assert app.said[-1] == "Not allowed to add an organization: lucia is a trainer."

    run(scenario())


def test_a_coordinators_palette_marks_nothing_and_runs_the_action(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            assert [c.english for c in app.palette_commands(app.screen) if c.note] == []
            new = next(c for c in app.palette_commands(app.screen) if c.english == "Organization: New organization")
            await new.run()
            await pilot.pause()
            assert isinstance(app.screen, OrganizationForm)

    run(scenario())
