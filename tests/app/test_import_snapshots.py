"""How the import wizard's steps look at 80x24: the file browser, the preview, the columns, the dry run.

The person's home folder is a fixed path (the browser and the path field show it), holding one
cp1252 spreadsheet with a semicolon, a cell with markup and a row with a problem.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from outreach_tui.app import OutreachApp
from outreach_tui.screens.import_dry_run import ImportDryRunStep
from tests.app.harness import wait_for
from tests.app.screens.test_import_wizard import ROWS
from tests.boards import TODAY, demo_board


@pytest.fixture
def home(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = Path(tempfile.gettempdir()) / f"outreach-import-{request.node.name}" / "ana"
    shutil.rmtree(folder.parent, ignore_errors=True)
    (folder / "Documentos").mkdir(parents=True)
    (folder / "organizaciones.csv").write_bytes(("\r\n".join(ROWS) + "\r\n").encode("cp1252"))
    (folder / "notas.odt").write_text("not offered")
    monkeypatch.setenv("HOME", str(folder))
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture
def app(tmp_path: Path, home: Path) -> OutreachApp:
    return OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)


def open_file(home: Path):
    async def run_before(pilot) -> None:
        await pilot.press("i")
        await pilot.pause()
        field = pilot.app.screen.query_one("#import-path", Input)
        field.value = "organizaciones.csv"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()

    return run_before


def test_import_choosing_the_file(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["i"])


def test_import_preview(snap_compare, app, home):
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_file(home))


def test_import_columns(snap_compare, app, home):
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_file(home), press=["ctrl+n"])


def test_import_dry_run(snap_compare, app, home):
    async def run_before(pilot) -> None:
        await open_file(home)(pilot)
        for _ in range(3):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportDryRunStep))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
