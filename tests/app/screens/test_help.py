"""The help screen: every binding, literally."""

from __future__ import annotations

from textual.widgets import DataTable

from outreach_tui.screens import (
    HelpScreen,
)
from tests.app.harness import (
    SIZE,
    Harness,
    run,
    screen_text,
)


def test_help_lists_every_binding_literally_and_closes_with_escape_q_or_question_mark():
    rows = [(f"k{index}", f"Action {index}") for index in range(40)] + [("[", "Move to previous stage [bold]")]
    for key in ("escape", "q", "question_mark"):

        async def scenario(key: str = key):
            app = Harness(lambda: HelpScreen(lambda: rows))
            async with app.run_test(size=SIZE) as pilot:
                table = app.screen.query_one(DataTable)
                assert table.row_count == len(rows)
                assert [cell.plain for cell in table.get_row_at(40)] == ["[", "Move to previous stage [bold]"]
                await pilot.press("ctrl+end")
                await pilot.pause()
                assert "Move to previous stage [bold]" in screen_text(app)
                await pilot.press(key)
                await pilot.pause()
            assert app.result is None

        run(scenario())
