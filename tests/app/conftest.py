"""Determinism for every app test and snapshot, set once.

Cursors do not blink: a blinking cursor is on or off depending on how long the test took
to get there (under coverage, often past the 0.5 s blink), which made snapshots of
focused inputs differ by one cell.

The board app turns any unexpected error into a one-line exit (no traceback), which
Pilot would not notice: every such error fails the test unless the test expects it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

import outreach_tui.screens.board_files
from outreach_tui.app import OutreachApp
from store import Repository
from tests.boards import demo_board, fixed_clock


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    for widget in (Input, TextArea):
        original = widget.__init__

        def __init__(self, *args, _original=original, **kwargs) -> None:
            _original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", __init__)


@pytest.fixture(autouse=True)
def full_colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full-colour terminal, whatever runs the tests: with no TERM (a runner without a terminal) Rich
    sees 16 colours, which the app styles differently. The colour tests ask for 16 colours or NO_COLOR."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return demo_board(tmp_path)


@pytest.fixture(autouse=True)
def unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Exception]]:
    """Errors that reached the app's last-resort handler; a test that expects some clears the list."""
    seen: list[Exception] = []
    handler = OutreachApp._handle_exception

    def recording(self: OutreachApp, error: Exception) -> None:
        seen.append(error)
        handler(self, error)

    monkeypatch.setattr(OutreachApp, "_handle_exception", recording)
    yield seen
    assert not seen, f"the app stopped on an unexpected error: {seen!r}"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The person's home folder; the app is started from another folder, and file names take the tests' clock."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    started_in = tmp_path / "started-in"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    monkeypatch.setattr(outreach_tui.screens.board_files, "utc_now", fixed_clock)
    return folder
