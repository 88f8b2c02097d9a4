"""The board in a browser page: exports download to the person's computer, nothing is read from
or written to the server's own folders, and a page nobody signed in to says so."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from textual.widgets import Input

from outreach_tui.forms import ExportForm
from outreach_tui.forms.fields import FieldRow
from outreach_tui.forms.sheet import SheetForm
from outreach_tui.screens.import_wizard import ImportFileStep
from outreach_tui.web.browser_app import BrowserApp
from store import Repository
from tests.app.harness import Notice, form_of, notice, run, screen_text, set_field, wait_for
from tests.boards import TODAY

NAME = "board-derechos-laborales-chiapas-y-la-frontera-20261124-1630.json"


class RecordingBrowserApp(BrowserApp):
    """Keeps what it told people and what it handed to the browser."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[Notice] = []
        self.delivered: list[tuple[str, str, bytes]] = []

    def notify(self, message: str, *, title: str = "", severity: Any = "information", **kwargs: Any) -> None:
        self.notices.append(Notice(message, title, severity, kwargs.get("markup", True)))
        super().notify(message, title=title, severity=severity, **kwargs)

    def deliver_binary(self, path_or_file: BinaryIO | Path, **kwargs: Any) -> str | None:  # type: ignore[override]
        assert not isinstance(path_or_file, Path)
        self.delivered.append((kwargs["save_filename"], kwargs["mime_type"], path_or_file.read()))
        return "key"

    @property
    def said(self) -> list[str]:
        return [notice.message for notice in self.notices]


def browser_app(repo: Repository, *, signed_in: bool = True) -> RecordingBrowserApp:
    return RecordingBrowserApp(repo, signed_in=signed_in, today=TODAY, watch_interval=None)


async def export(pilot: Any) -> None:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportForm)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_an_export_downloads_to_the_browser_and_leaves_nothing_on_the_server(repo, home):
    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            folder = app.browser_delivery.folder
            await export(pilot)
            assert [(name, kind) for name, kind, _ in app.delivered] == [(NAME, "application/json")]
            assert orjson.loads(app.delivered[0][2])["campaign"]["name"] == repo.default_campaign().name
            assert f"{NAME} is downloading to your computer." in app.said
            assert list(folder.iterdir()) == []
        assert list(home.iterdir()) == []

    run(scenario())
    exported = [event for event in repo.history() if event.kind == "exported"]
    assert exported and exported[0].actor == "ana"


def test_the_export_dialog_shows_no_folder_of_the_server(repo, home):
    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            form = form_of(app)
            folder = form.query_one("#folder", Input)
            assert not any(widget.display for widget in [folder, *folder.ancestors] if isinstance(widget, FieldRow))
            assert not form.query_one("#export-target").display
            assert form.focused is not folder
            shown = screen_text(app)
            assert str(app.browser_delivery.folder) not in shown
            assert "Complete the folder name" not in shown
            await pilot.press("tab")
            assert form.focused not in (folder, form.control("name"))

    run(scenario())


def test_an_export_cannot_be_written_into_a_folder_of_the_server(repo, home, tmp_path):
    elsewhere = tmp_path / "server-folder"
    elsewhere.mkdir()

    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            set_field(app, "folder", f"{elsewhere}/")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ExportForm)
            assert "downloads to your computer" in notice(app)
            assert form_of(app) is app.screen
            assert app.delivered == []
        assert list(elsewhere.iterdir()) == []

    run(scenario())


def test_importing_says_how_instead_of_browsing_the_server(repo, home):
    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            assert any("outreach-tui import" in said for said in app.said)
            assert not isinstance(app.screen, ImportFileStep)

    run(scenario())


def test_a_page_nobody_signed_in_to_says_whose_account_acts(repo, home):
    async def scenario():
        app = browser_app(repo, signed_in=False)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await wait_for(pilot, lambda: bool(app.notices))
            assert any("recorded as the server's account, ana" in said for said in app.said)

    run(scenario())


def test_a_signed_in_page_says_nothing_about_it(repo, home):
    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            assert not [said for said in app.said if "signed in" in said]

    run(scenario())


def test_a_visit_sheet_downloads_to_the_browser_too(repo, home):
    async def scenario():
        app = browser_app(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            folder = app.browser_delivery.folder
            name = app.screen.selected_card().organization.name
            await pilot.press("p")
            await pilot.pause()
            form = form_of(app)
            assert isinstance(form, SheetForm)
            assert str(folder) not in screen_text(app)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            [(file_name, kind, data)] = app.delivered
            assert (file_name, kind) == (f"visit-sheets-{TODAY:%Y-%m-%d}.html", "text/html")
            assert html.escape(name) in data.decode()
            assert list(folder.iterdir()) == []
        assert list(home.iterdir()) == []

    run(scenario())
