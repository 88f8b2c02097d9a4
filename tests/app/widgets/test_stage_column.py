"""A stage column's header shows the stage's label as text that is safe for a terminal."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from outreach_tui.widgets.stage_column import StageColumn
from tests.app.harness import campaign, run, screen_text


class StageApp(App[None]):
    def compose(self) -> ComposeResult:
        stage = campaign().stages[0]
        # model_copy(update=...) skips validation, as a record written by another program would.
        yield StageColumn(stage.model_copy(update={"label": "Con\x1b[2J\u202etacted\x07"}), "", index=0)

    def on_mount(self) -> None:
        self.query_one(StageColumn).show([])


def test_a_stage_header_never_sends_control_or_format_characters_to_the_terminal():
    async def scenario():
        app = StageApp()
        async with app.run_test(size=(40, 10)) as pilot:
            await pilot.pause()
            header = app.query_one(".stage-header", Static)
            assert header.display
            shown = screen_text(app)
            assert "Con[2Jtacted" in shown, shown
            assert not any(char in shown for char in "\x1b\x07\u202e"), repr(shown)

    run(scenario())
