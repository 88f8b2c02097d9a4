"""The help screen: every binding literally, the keys that move around the board, the badge
legend whole at 80x24, and the keys a role may not use marked with who may."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

import store.i18n
from outreach_tui.app import OutreachApp
from outreach_tui.bindings import COLUMN_BINDINGS, LEGEND, HelpRow, help_rows
from outreach_tui.screens import HelpScreen
from outreach_tui.widgets import CardColumn
from store import Actor
from store.i18n import _
from tests.app.harness import SIZE, Harness, run, screen_text
from tests.boards import TODAY, open_board


def test_help_lists_every_binding_literally_and_closes_with_escape_q_or_question_mark():
    rows = [HelpRow(f"k{index}", f"Action {index}") for index in range(40)] + [
        HelpRow("[", "Move to previous stage [bold]")
    ]
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


def test_the_keys_that_move_around_the_board_are_listed_from_the_bindings_the_board_uses():
    keys = [row.keys for row in help_rows()]
    assert CardColumn.BINDINGS is COLUMN_BINDINGS
    for expected in ("up  k", "down  j", "left  h", "right  l", "pageup", "pagedown", "home", "end"):
        assert expected in keys
    assert "tab  shift+tab" in keys and "ctrl+p" in keys
    assert keys.index("up  k") < keys.index("]  shift+right")


def plain_words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_line_of_the_legend_is_whole_at_80x24_once_scrolled_to(repo, language):
    store.i18n.set_language(language)

    async def scenario():
        app = OutreachApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert table.max_scroll_x == 0  # nothing runs off the right edge
            await pilot.press("ctrl+end")
            await pilot.pause()
            shown = plain_words(" ".join(screen_text(app).splitlines()))
            for keys, description in LEGEND:
                assert plain_words(f"{keys} {_(description)}") in shown

    run(scenario())


def marked(login: str, repo) -> dict[str, str]:
    rows = help_rows(open_board(repo.path, Actor(login)).can)
    return {row.description: row.only_for for row in rows if row.only_for}


def test_help_rows_mark_what_a_trainer_or_a_viewer_may_not_use_and_nothing_for_a_coordinator(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    repo.set_user("vera", "viewer")
    assert marked("ana", repo) == {}
    trainer = marked("lucia", repo)
    assert trainer == {
        "New organization": "coordinators only",
        "Add organizations to this board": "coordinators only",
        "Take off the board": "coordinators only",
        "Import a spreadsheet": "coordinators only",
        "Acknowledge history problems": "coordinators only",
    }
    viewer = marked("vera", repo)
    assert viewer["Log a visit"] == "coordinators and trainers only"
    assert viewer["New organization"] == "coordinators only"
    assert "Filter" not in viewer and "Export snapshot" not in viewer


@pytest.mark.parametrize(
    ("language", "mark"), [("en", "New organization (coordinators only)"), ("es", "(solo coordinador(a))")]
)
def test_the_help_screen_shows_a_trainer_who_may_use_a_key(repo, language, mark):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    store.i18n.set_language(language)

    async def scenario(login: str) -> str:
        app = OutreachApp(open_board(repo.path, Actor(login)), today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            return screen_text(app)

    assert mark in run(scenario("lucia"))
    assert mark not in run(scenario("ana"))
