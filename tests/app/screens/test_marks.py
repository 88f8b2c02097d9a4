"""Marking cards for a training: space marks, M clears every mark, the top bar counts them."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from outreach_tui import bindings
from tests.app.harness import RecordingApp, board_of, column, run
from tests.boards import TODAY


def shown(widget: Widget) -> str:
    """The line a widget puts on the terminal, padding included."""
    return "".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def marked_cards(app: RecordingApp) -> list[str]:
    return [card.id for index in range(3) for card in column(app, index).cards if card.id in column(app, index).marked]


def test_shift_m_clears_every_mark_and_says_how_many(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space", "down", "space", "l", "space")
            await pilot.pause()
            assert len(marked_cards(app)) == 3
            assert board_of(app).check_action("clear_marks", ()) is True
            await pilot.press("M")
            await pilot.pause()
            assert board_of(app).marked == set()
            assert marked_cards(app) == []
            assert "marked" not in shown(board_of(app).query_one("#session"))
            assert app.said[-1] == "3 marks cleared."
            # With nothing marked the key does nothing and says nothing.
            assert board_of(app).check_action("clear_marks", ()) is False
            await pilot.press("M")
            await pilot.pause()
            assert app.said == ["3 marks cleared."]

    run(scenario())


def test_clear_all_marks_is_in_the_help_and_the_palette():
    binding = next(binding for binding in bindings.all_bindings() if binding.id == "card.clear_marks")
    assert bindings.HelpRow("M", "Clear all marks") in bindings.help_rows()
    assert bindings.palette_title(binding) == "Card: Clear all marks"


def test_with_marks_the_campaign_name_ends_in_an_ellipsis_and_the_session_shows_whole(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = board_of(app)
            name = screen.query_one("#campaign-name")
            assert shown(name).strip() == "Derechos laborales: Chiapas y la frontera 2026"
            await pilot.press("space", "down", "space")
            await pilot.pause()
            session = shown(screen.query_one("#session")).strip()
            assert session == "2 marked  board.json  ana (coordinator)"
            cut = shown(name).rstrip()
            assert cut.endswith("…") and "Derechos laborales: Chiapas y la frontera 2026".startswith(cut[:-1])
            assert name.outer_size.width + screen.query_one("#session").outer_size.width <= 80 - 2

    run(scenario())
