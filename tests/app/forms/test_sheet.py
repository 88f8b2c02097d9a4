"""Printing visit sheets from the board (p): the selected card's sheet, or the marked cards', written where
the person says through the export dialog's folder handling, by any role."""

from __future__ import annotations

from pathlib import Path

from outreach_tui.forms import SheetForm
from store import Actor
from store.sheets import sheet_id
from tests.app.harness import RecordingApp, run, set_field
from tests.boards import TODAY, open_board

NAME = "visit-sheets-2026-11-24.html"
"""The default file name at the tests' date."""


async def open_dialog(pilot) -> SheetForm:
    await pilot.press("p")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, SheetForm), type(form)
    return form


async def write(pilot) -> None:
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def sheets_in(path: Path) -> list[str]:
    """The sheet ids printed in a file of sheets, in order."""
    text = path.read_text(encoding="utf-8")
    return [line.split('<span class="id">')[1].split("<")[0] for line in text.splitlines() if 'class="id"' in line]


def test_p_writes_the_selected_cards_sheet_into_the_home_folder(repo, home, tmp_path):
    async def scenario() -> str:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = app.screen.selected_card()
            form = await open_dialog(pilot)
            assert form.heading().plain == f"Visit sheet: {card.organization.name}"
            await write(pilot)
            assert not isinstance(app.screen, SheetForm)
            assert app.said == [f"Visit sheet written to {home / NAME}"]
            return card.id

    org_id = run(scenario())
    assert sheets_in(home / NAME) == [sheet_id(org_id, TODAY)]
    assert list((tmp_path / "started-in").iterdir()) == []


def test_p_with_marked_cards_writes_each_of_their_sheets_where_the_person_says(repo, home):
    reports = home / "visits"
    reports.mkdir()

    async def scenario() -> list[str]:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space", "down", "space")
            marked = [card.id for card in app.screen.marked_cards()]
            assert len(marked) == 2
            form = await open_dialog(pilot)
            assert form.heading().plain == "Visit sheets of 2 organizations"
            set_field(app, "folder", "~/visits")
            set_field(app, "name", "tuesday.html")
            await write(pilot)
            assert app.said == [f"2 visit sheets written to {reports / 'tuesday.html'}"]
            return marked

    marked = run(scenario())
    assert sheets_in(reports / "tuesday.html") == [sheet_id(org_id, TODAY) for org_id in marked]


def test_a_viewer_may_print_a_sheet_too(repo, home):
    repo.set_user("ana", "coordinator")
    repo.set_user("vera", "viewer")
    viewer = open_board(repo.path, Actor(login="vera"))

    async def scenario() -> None:
        app = RecordingApp(viewer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_dialog(pilot)
            await write(pilot)
            assert app.said[-1] == f"Visit sheet written to {home / NAME}"

    run(scenario())
    assert (home / NAME).exists()


def test_escape_writes_nothing(repo, home):
    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_dialog(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, SheetForm)

    run(scenario())
    assert list(home.iterdir()) == []


def test_in_a_browser_the_sheets_download_and_leave_nothing_on_the_server(repo, home):
    from tests.app.test_browser_app import RecordingBrowserApp

    async def scenario() -> None:
        app = RecordingBrowserApp(repo, signed_in=True, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = app.screen.selected_card()
            await open_dialog(pilot)
            await write(pilot)
            assert app.said[-1] == f"{NAME} is downloading to your computer."
            ((name, _mime, data),) = app.delivered
            assert name == NAME
            assert sheet_id(card.id, TODAY) in data.decode("utf-8")
            assert list(app.browser_delivery.folder.iterdir()) == []

    run(scenario())
    assert list(home.iterdir()) == []
