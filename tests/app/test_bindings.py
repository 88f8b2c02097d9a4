"""One list of keys drives the footer, the help screen and the command palette."""

from __future__ import annotations

from tests.app.harness import RecordingApp, run
from tests.boards import TODAY


def test_every_board_action_is_in_the_command_palette(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for binding in app.all_bindings():
                assert any(binding.description in title for title in titles), binding.description
            assert "Card: Next stage" in titles

    run(scenario())
