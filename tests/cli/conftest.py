"""Fixtures for the command-line tests: a private data folder, demo boards, the installed command."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, main
from tests.cli.helpers import CLI


@pytest.fixture(autouse=True)
def private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data folder and working folder; nothing reaches the real user's boards."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("OUTREACH_TUI_DB", "OUTREACH_TUI_USER", "OUTREACH_TUI_DEBUG", "OUTREACH_TUI_LANG"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A 40-organization demo board named by OUTREACH_TUI_DB, as a coordinator's shell profile would."""
    path = tmp_path / "board.json"
    monkeypatch.setenv("OUTREACH_TUI_DB", str(path))
    assert main(["demo", "--orgs", "40", "--seed", "5"]) == EXIT_OK
    capsys.readouterr()
    return path


@pytest.fixture(scope="session")
def large_board_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,500-organization board (a snapshot of it is over 2 MB), built once per run."""
    path = tmp_path_factory.mktemp("large") / "large.json"
    result = subprocess.run(
        [CLI, "demo", "--orgs", "1500", "--db", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def large_board(large_board_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "large.json"
    shutil.copyfile(large_board_template, path)
    return path
