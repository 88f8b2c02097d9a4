"""A small demo board for every web test, in the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.boards import demo_board


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("OUTREACH_TUI_DB", "OUTREACH_TUI_USER", "OUTREACH_TUI_WEB_USER", "OUTREACH_TUI_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return demo_board(tmp_path).path
