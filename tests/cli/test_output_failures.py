"""Output that cannot be written (an export folder, a full disk) exits 4, apart from a board file that cannot be used (3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_FILE, EXIT_OK, EXIT_OUTPUT, main
from outreach_tui.cli.exit_codes import __doc__ as exit_codes_doc
from tests.boards import on_disk
from tests.cli.helpers import CLI

FULL_DISK = Path("/dev/full")


def test_an_export_into_a_folder_that_cannot_be_made_exits_4_naming_the_file(board, tmp_path, capsys):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    target = not_a_folder / "board.json"
    before = on_disk(board)
    assert main(["export", "-o", str(target)]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert err.startswith(f"outreach-tui: Cannot write {target}") and "Traceback" not in err
    assert on_disk(board) == before


def test_a_missing_board_is_still_exit_3(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.json"), "export", "-o", str(tmp_path / "x.json")]) == EXIT_FILE


@pytest.mark.parametrize("argv", [["export", "-o", "-"], ["org", "list", "--json"], ["org", "list"], ["check"]])
def test_results_sent_to_a_full_disk_exit_4_with_one_line(board, argv):
    with FULL_DISK.open("w") as full:
        result = subprocess.run([CLI, *argv], stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == EXIT_OUTPUT
    assert result.stderr == "outreach-tui: Cannot write the output: No space left on device.\n"


def test_exit_4_is_documented_in_help_the_module_and_the_readme(capsys):
    assert main(["--help"]) == EXIT_OK
    assert "  4    the output could not be written" in capsys.readouterr().out
    assert "4   the output could not be written" in (exit_codes_doc or "")
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert "| 4 | the output could not be written" in readme
