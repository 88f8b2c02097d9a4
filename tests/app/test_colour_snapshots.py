"""Every screen in 16 colours (TERM=xterm) and with NO_COLOR set, at 80x24.

A 16-colour terminal shows each of the theme's colours as the nearest of its sixteen
(Rich picks it). Screenshots are taken in full colour, so the 16-colour ones are
repainted the way such a terminal shows them: each colour matched as Rich matches it,
painted in xterm's own palette. NO_COLOR needs no repainting: the app itself turns
colours into greys. Look at every SVG before committing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style
from textual.color import Color as TextualColor

import outreach_tui.screens.board_files
from outreach_tui.app import OutreachApp
from outreach_tui.widgets import CardColumn
from tests.app.harness import RecordingApp, column, run
from tests.app.test_snapshots import counted_metrics
from tests.boards import TODAY, demo_board, fixed_clock

XTERM_PALETTE = (
    *("#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5"),
    *("#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"),
)
"""xterm's sixteen colours, as it shows them with no configuration."""

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")

SCREENS = {
    "board": [],
    "marked_cards": ["space", "down", "space", "up"],
    "details": ["enter"],
    "help": ["question_mark"],
    "form_showing_an_error": ["n", "ctrl+s"],
    "confirm_discarding_a_form": ["n", *"Frayba", "escape"],
    "edit_organization_form": ["e"],
    "card_form": ["d"],
    "visit_form": ["v"],
    "training_form": ["space", "down", "space", "t"],
    "off_board_form": ["x"],
    "off_board_list": ["o"],
    "follow_ups": ["f"],
    "campaign_picker": ["c"],
    "campaign_form": ["c", "n"],
    "export_dialog": ["s"],
    "add_to_board": ["a", *"casa"],
    "palette": ["ctrl+p", *"train"],
}
"""What to press from the board to reach each screen."""


def as_sixteen_colours(svg: str) -> str:
    """The screenshot as xterm with 16 colours shows it: each colour matched to the nearest of sixteen by Rich."""

    def nearest(match: re.Match[str]) -> str:
        number = Color.parse(match.group()).downgrade(ColorSystem.STANDARD).number
        assert number is not None
        return XTERM_PALETTE[number]

    return HEX_COLOUR.sub(nearest, svg)


@pytest.fixture(autouse=True)
def steady_export_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same home folder and clock on every machine, so the path the export dialog offers is too."""
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.setattr(outreach_tui.screens.board_files, "utc_now", fixed_clock)


@pytest.fixture
def sixteen_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal says it has 16 colours, and screenshots show what it would."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    export = OutreachApp.export_screenshot

    def exported(self: OutreachApp, **options: object) -> str:
        return as_sixteen_colours(export(self, **options))  # type: ignore[arg-type]

    monkeypatch.setattr(OutreachApp, "export_screenshot", exported)


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.parametrize("screen", SCREENS)
def test_in_sixteen_colours(snap_compare, sixteen_colours, tmp_path: Path, screen: str):
    app = OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=SCREENS[screen])


@pytest.mark.parametrize("screen", SCREENS)
def test_with_no_color(snap_compare, no_color, tmp_path: Path, screen: str):
    app = OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=SCREENS[screen])


@pytest.mark.parametrize("colours", ["sixteen_colours", "no_color"])
def test_metrics_in_sixteen_colours_and_with_no_color(snap_compare, request, tmp_path: Path, colours: str):
    request.getfixturevalue(colours)
    app = OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)
    assert snap_compare(app, run_before=counted_metrics)


# -- what the snapshots show, as checks that name it -------------------------------------------------


def shown(column: CardColumn, component: str) -> Style:
    """A card line's style as the terminal gets it: the column's own style under the component's."""
    return column.rich_style + column.get_component_rich_style(component)


def sixteen(color: object) -> int | None:
    assert isinstance(color, Color)
    return color.downgrade(ColorSystem.STANDARD).number


def test_in_sixteen_colours_the_selected_card_is_white_on_blue_and_frames_are_not_red(repo, sixteen_colours):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        assert app.console.color_system == "standard" and app.has_class("-sixteen-colors")
        async with app.run_test(size=(80, 24)) as pilot:
            cursor = shown(column(app, 0), "card--cursor")
            assert (sixteen(cursor.color), sixteen(cursor.bgcolor)) == (15, 4)  # bright white on blue
            await pilot.press("n")
            await pilot.pause()
            frame = app.screen.query_one("#dialog").styles.border_top[1]
            assert sixteen(frame.rich_color) not in (1, 9)  # red, bright red

    run(scenario())


def test_in_full_colour_the_app_keeps_its_theme(repo, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    app = RecordingApp(repo, today=TODAY, watch_interval=None)
    assert not app.has_class("-sixteen-colors")


def test_with_no_color_overdue_is_bold_underlined_and_as_bright_as_the_text_around_it(repo, no_color):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            cards = column(app, 1)
            overdue = shown(cards, "card--overdue")
            assert overdue.bold and overdue.underline and not overdue.dim
            # NO_COLOR turns every colour into its grey: overdue's is no darker than the name's or the place's.
            for other in ("card--name", "card--meta"):
                grey = [
                    TextualColor.from_rich_color(style.color).monochrome.brightness
                    for style in (overdue, shown(cards, other))
                ]
                assert grey[0] >= grey[1], other

    run(scenario())
