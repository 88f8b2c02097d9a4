"""Importing a spreadsheet from the board (i): choose the file, check how it reads, map its columns,
see the dry run, import the good rows in one batch that one undo takes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from outreach_tui.screens.import_dry_run import ImportDryRunStep
from outreach_tui.screens.import_format import ImportFormatStep
from outreach_tui.screens.import_mapping import ImportMappingStep
from outreach_tui.screens.import_options import ImportOptionsStep
from outreach_tui.screens.import_wizard import ImportFileStep, WizardStep
from store import Actor
from tests.app.harness import RecordingApp, board_of, run, wait_for
from tests.boards import TODAY, open_board

ROWS = [
    "Nombre;Siglas;Estado;Personas trabajadoras (est.);Comentarios internos",
    "Ñu'u Ji Kandií;NJK;Oaxaca;2,500;Radio comunitaria",
    "Colectivo Querétaro [bold]obrero[/];;Querétaro;300;",
    "Red de Jornaleras del Valle;RJV;Sinaloa;aprox. 300;Llamar en enero",
]


@pytest.fixture
def spreadsheet(home: Path) -> Path:
    path = home / "organizaciones.csv"
    path.write_bytes(("\r\n".join(ROWS) + "\r\n").encode("cp1252"))
    return path


def step(app: RecordingApp) -> WizardStep:
    screen = app.screen
    assert isinstance(screen, WizardStep), type(screen)
    return screen


async def choose_file(pilot, path: Path) -> None:
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportFileStep)
    pilot.app.screen.query_one("#import-path", Input).value = str(path)
    pilot.app.screen.query_one("#import-path", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def names_on_board(app: RecordingApp) -> set[str]:
    board = board_of(app).board
    assert board is not None
    return {card.organization.name for column in board.columns for card in column.cards}


def test_a_cp1252_semicolon_file_is_mapped_checked_imported_and_undone(repo, spreadsheet):
    before = names_on_board_of(repo)

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await choose_file(pilot, spreadsheet)
            preview = step(app)
            assert isinstance(preview, ImportFormatStep)
            table = preview.draft.table
            assert table is not None and table.delimiter == ";" and table.encoding.encoding == "cp1252"
            assert preview.query_one("#import-preview", DataTable).get_cell_at((0, 1)).plain == "Ñu'u Ji Kandií"
            await pilot.press("ctrl+n")
            await pilot.pause()
            mapping = step(app)
            assert isinstance(mapping, ImportMappingStep)
            assert mapping.draft.fields == ["name", "aliases", "state", "workers_reached", None]
            mapping.query_one("#import-field-4", Select).value = "notes"
            await pilot.pause()
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(step(app), ImportOptionsStep)
            await pilot.press("ctrl+n")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ImportDryRunStep))
            dry_run = step(app)
            text = str(dry_run.query_one("#import-counts").render())
            assert "new 2" in text and "with problems 1" in text, text
            problems = dry_run.query_one("#import-problems", DataTable)
            assert problems.row_count == 1 and problems.get_cell_at((0, 0)) == "4"
            assert "Import 2, skip 1" in str(dry_run.query_one("#import-commit").render())
            await pilot.press("ctrl+s")
            # The wizard closes first; the board reloads and reports in the callback that follows.
            assert await wait_for(pilot, lambda: bool(app.said) and "u undoes the whole import." in app.said[-1])
            assert not isinstance(app.screen, WizardStep)
            names = names_on_board(app)
            assert {"Ñu'u Ji Kandií", "Colectivo Querétaro [bold]obrero[/]"} <= names
            assert "Red de Jornaleras del Valle" not in names
            notes = {o.name: o.notes for o in repo.organizations()}
            assert notes["Ñu'u Ji Kandií"] == "Radio comunitaria"
            await pilot.press("u")
            await pilot.pause()
            assert names_on_board(app) == before

    run(scenario())


def names_on_board_of(repo) -> set[str]:
    board = repo.board(repo.default_campaign().id)
    return {card.organization.name for column in board.columns for card in column.cards}


def test_a_trainer_cannot_open_the_import_and_is_told_why(repo, spreadsheet):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor("lucia"))

    async def scenario() -> None:
        app = RecordingApp(trainer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            assert not isinstance(app.screen, WizardStep)
            assert app.notices and app.notices[-1].severity == "error"
            assert "import" in app.said[-1].lower()

    run(scenario())


def test_a_file_that_cannot_be_read_is_named_and_nothing_else_happens(repo, home):
    broken = home / "lista.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            generation = repo.generation
            await choose_file(pilot, broken)
            assert isinstance(app.screen, ImportFileStep)
            message = str(app.screen.query_one("#import-notice").render())
            assert str(broken) in message and "Nothing was imported" in message, message
            await choose_file_again(pilot, home / "missing.csv")
            message = str(app.screen.query_one("#import-notice").render())
            assert "missing.csv" in message, message
            assert repo.generation == generation
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, WizardStep)

    run(scenario())


async def choose_file_again(pilot, path: Path) -> None:
    field = pilot.app.screen.query_one("#import-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await pilot.pause()
