"""Determinism for every app test and snapshot, set once.

Cursors do not blink: a blinking cursor is on or off depending on how long the test took
to get there (under coverage, often past the 0.5 s blink), which made snapshots of
focused inputs differ by one cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from store import Repository
from tests.boards import demo_board


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    for widget in (Input, TextArea):
        original = widget.__init__

        def __init__(self, *args, _original=original, **kwargs) -> None:
            _original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", __init__)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return demo_board(tmp_path)
