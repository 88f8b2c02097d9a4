"""The language can change while the app runs: keys, help and palette follow it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.style import Style
from textual.widgets import DataTable, Input
from textual.widgets._footer import FooterKey

import outreach_tui
import store.i18n
from outreach_tui import bindings
from outreach_tui.language_choice import saved_language
from outreach_tui.palette import PaletteCommand, highlighted
from outreach_tui.screens.details import DetailsScreen
from store.text import fold
from tests.app.harness import (
    SIZE,
    RecordingApp,
    board_of,
    field_value,
    form_of,
    run,
    screen_text,
    set_field,
    type_text,
    wait_for,
)
from tests.boards import TODAY


async def choose(pilot: Any, app: Any, typed: str, *, key: str | None = None) -> None:
    """In the palette (opened with ``key`` first, if given), type ``typed`` and run the best match."""
    if key is not None:
        await pilot.press(key)
    assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await type_text(pilot, typed)
    assert await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
    await pilot.press("down", "enter")


def footer(app: Any) -> str:
    return " ".join(str(key.render()) for key in app.screen.query(FooterKey))


def help_table(app: Any) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]


def test_help_rows_and_palette_titles_are_translated_when_built():
    store.i18n.set_language("es")
    assert bindings.HelpRow("?", "Ayuda") in bindings.help_rows()
    assert "Tarjeta: Avanzar" in [bindings.palette_title(b) for b in bindings.all_bindings()]
    assert "Card: Next stage" in [bindings.english_title(b) for b in bindings.all_bindings()]


def test_switching_language_from_the_palette_changes_every_open_screen_and_keeps_the_place(repo):
    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", "a", "enter", "l", "down")
            board = board_of(app)
            selected, column_index = board.selected_card().id, board.stage_columns.index(board.focused_column())
            await pilot.press("enter")  # the details stay open over the board while the language changes
            assert "Close" in footer(app)
            # An English name finds the entry, whatever the language; a name without its accent finds Español.
            await choose(pilot, app, "language", key="ctrl+p")
            await choose(pilot, app, "espanol")
            assert await wait_for(pilot, lambda: "Cerrar" in footer(app))
            assert isinstance(app.screen, DetailsScreen) and "Tarjeta" in screen_text(app)
            assert saved_language(repo.actor) == "es"
            await pilot.press("escape")
            await pilot.pause()
            board = board_of(app)
            assert "Detalles" in footer(app) and "Filtrar" in footer(app)
            header = str(board.stage_columns[0].query_one(".stage-header").render())
            assert "Contactada" in header and "Trab.:" in header
            assert board.query_one("#filter", Input).value == "a" and board.filter_text == "a"
            assert board.selected_card().id == selected
            assert board.stage_columns.index(board.focused_column()) == column_index
            await pilot.press("question_mark")
            await pilot.pause()
            assert "Teclas" in screen_text(app) and ["?", "Ayuda"] in help_table(app)
            # Back to English from the help screen, the entry found by its Spanish name.
            await choose(pilot, app, "idioma", key="ctrl+p")
            await choose(pilot, app, "english")
            assert await wait_for(pilot, lambda: "Keys" in screen_text(app))
            assert ["?", "Help"] in help_table(app)
            # The footer follows the help screen's own refresh: on a busy machine a moment later.
            assert await wait_for(pilot, lambda: "Close" in footer(app))
            assert saved_language(repo.actor) == "en"
            await pilot.press("escape")
            await pilot.pause()
            assert "Details" in footer(app) and board_of(app).selected_card().id == selected
            await choose(pilot, app, "espa", key="L")  # the key, on the board
            assert await wait_for(pilot, lambda: "Detalles" in footer(app))

    run(scenario())


def test_a_list_open_over_the_board_keeps_its_selected_row(repo):
    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f", "down", "down")
            await pilot.pause()
            assert "Owner" in screen_text(app)
            await choose(pilot, app, "idioma", key="ctrl+p")
            await choose(pilot, app, "espa")
            assert await wait_for(pilot, lambda: "Responsable" in screen_text(app))
            assert app.screen.query_one(DataTable).cursor_row == 2

    run(scenario())


def test_a_choice_that_cannot_be_saved_still_applies_and_says_why(repo, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await choose(pilot, app, "español", key="L")
            assert await wait_for(pilot, lambda: "Detalles" in footer(app))
            assert any(notice.severity == "warning" and "language.json" in notice.message for notice in app.notices)

    run(scenario())


def test_a_form_keeps_what_was_typed_when_the_language_changes(repo):
    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            set_field(app, "name", "Centro Fray Matías")
            await choose(pilot, app, "idioma", key="ctrl+p")
            await choose(pilot, app, "espa")
            assert await wait_for(pilot, lambda: "Guardar" in footer(app))
            assert field_value(app, "name") == "Centro Fray Matías"
            assert len(form_of(app)._rows) == len({row.paths[0] for row in form_of(app)._rows})

    run(scenario())


def test_every_screen_of_the_app_shows_its_keys_in_the_current_language():
    import outreach_tui.forms
    import outreach_tui.screens  # noqa: F401  (imports every screen)
    from outreach_tui.app import OutreachApp  # noqa: F401
    from outreach_tui.translated import TranslatedBindings

    def subclasses(cls: type) -> list[type]:
        return [cls, *(found for sub in cls.__subclasses__() for found in subclasses(sub))]

    ours = [cls for cls in subclasses(Screen) if cls.__module__.startswith("outreach_tui.")]
    assert len(ours) >= 10
    assert [cls for cls in ours if not issubclass(cls, TranslatedBindings)] == []


def test_no_text_of_the_app_is_translated_at_import_time():
    """``_()`` outside a function runs once, in the language of that moment: such text is marked ``N_``."""
    root = Path(outreach_tui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "cli" in path.relative_to(root).parts:
            continue  # the command line runs once per language; its text is built when it runs
        found += [f"{path.name}:{line}" for line in import_time_calls(ast.parse(path.read_text()))]
    assert found == []


def import_time_calls(node: ast.AST) -> list[int]:
    """Lines where ``_(...)`` or ``ngettext(...)`` runs when the module is imported."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
        return [node.lineno]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        # A body runs when called; its defaults and decorators run now.
        eager = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
        eager += [] if isinstance(node, ast.Lambda) else node.decorator_list
        return [line for expression in eager for line in import_time_calls(expression)]
    return [line for child in ast.iter_child_nodes(node) for line in import_time_calls(child)]


def test_the_import_time_check_sees_class_bodies_defaults_and_decorators():
    source = """
X = _("a")
class C:
    B = [Binding("q", "quit", _("b"))]
    def f(self, d=_("c")):
        return _("in a body")
@decorate(_("e"))
def g():
    return lambda: _("in a lambda")
"""
    assert import_time_calls(ast.parse(source)) == [2, 4, 5, 7]


def test_palette_entries_are_found_without_accents_and_by_their_english_name():
    store.i18n.set_language("es")
    training = next(b for b in bindings.all_bindings() if b.id == "card.training")
    command = PaletteCommand(bindings.palette_title(training), bindings.english_title(training), "", lambda: None)
    assert command.title == "Tarjeta: Registrar capacitación"
    assert command.score(fold("capacitacion")) > 0
    assert command.score(fold("Record a training")) > 0
    assert command.score(fold("xyz")) == 0
    shown = highlighted(command.title, fold("capacitacion"), Style(bold=True))
    assert shown.plain == command.title and len(shown.spans) >= len("capacitacion") - 1


def test_what_textual_says_itself_is_in_the_current_language(repo):
    async def scenario() -> None:
        store.i18n.set_language("es")
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.notices[-1].message == "Presione ^q para salir de la aplicación"
            await pilot.press("ctrl+p")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            assert app.screen.query_one(Input).placeholder == "Buscar comandos…"
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert "Tema" in titles and "Theme" not in titles
            assert not {"Quit", "Keys", "Screenshot"} & set(titles)

    run(scenario())
