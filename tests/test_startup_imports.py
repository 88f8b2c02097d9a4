"""Starting the board loads only what its first screen needs (issue 18: the first paint).

Forms, dialogs, the import wizard, spreadsheets, reports, snapshots, encryption and the web
server are imported when first used. These tests keep a later change from quietly importing
them at start again; each runs a fresh interpreter, so nothing a test imported counts.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

LOADED_LATER = (
    "openpyxl",
    "pyrage",
    "textual_serve",
    "tomllib",
    "store.snapshot.export",
    "store.snapshot.format",
    "store.snapshot.merge",
    "store.snapshot.parse",
    "store.reports.figures",
    "store.reports.report",
    "store.exports.funder",
    "store.exports.partner",
    "store.spreadsheets.importing",
    "store.spreadsheets.mapping",
    "store.spreadsheets.rows",
    "store.spreadsheets.table",
    "store.spreadsheets.export",
    "store.sheets",
    "store.changes.merging",
    "store.changes.spreadsheet_import",
    "store.demo",
    "outreach_tui.forms.base",
    "outreach_tui.forms.export",
    "outreach_tui.forms.organization",
    "outreach_tui.forms.training",
    "outreach_tui.screens.campaign_picker",
    "outreach_tui.screens.import_wizard",
    "outreach_tui.screens.metrics",
    "outreach_tui.screens.stages_editor",
    "outreach_tui.screens.follow_ups",
    "outreach_tui.screens.off_board_list",
    "outreach_tui.profile_export",
    "outreach_tui.report_document",
    "outreach_tui.sheet_files",
    "outreach_tui.web",
)
"""Modules the first paint of the board does not use."""

BUILDING_THE_PARSER_LOADS = {
    "store.demo",  # the size limit of ``demo --orgs``
    "outreach_tui.profile_export",  # the export formats
    "outreach_tui.report_document",  # the report profiles
}
"""Of those, what the command line's parser reads its choices and limits from (``--help`` names them)."""


def modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def loaded(modules: set[str], names: tuple[str, ...] | set[str]) -> list[str]:
    return sorted(name for name in names if name in modules or any(m.startswith(name + ".") for m in modules))


def test_importing_the_app_loads_none_of_what_the_first_paint_does_not_use():
    assert loaded(modules_after("import outreach_tui.app"), LOADED_LATER) == []


@pytest.mark.parametrize("argv", [["--help"], ["--db", "/nonexistent/board.json", "--version"]])
def test_building_the_command_line_loads_no_command_implementation(argv):
    # The console script builds the whole parser (every command's help) before it runs the board.
    code = f"from outreach_tui.cli.program import parse\ntry:\n    parse({argv!r})\nexcept SystemExit:\n    pass"
    modules = modules_after(code)
    assert loaded(modules, tuple(set(LOADED_LATER) - BUILDING_THE_PARSER_LOADS)) == []
    assert "outreach_tui.cli.commands.reports" in modules  # the parser was built, with every command


def test_an_action_imports_its_screen_when_used():
    modules = modules_after(
        "import outreach_tui.screens as screens, outreach_tui.forms as forms\n"
        "assert screens.MetricsScreen.__name__ == 'MetricsScreen'\n"
        "assert forms.TrainingForm.__name__ == 'TrainingForm'"
    )
    assert {"outreach_tui.screens.metrics", "outreach_tui.forms.training"} <= modules
    assert loaded(modules, ("outreach_tui.screens.import_wizard", "outreach_tui.forms.export")) == []
