"""Where board files live: ``--db``, else ``OUTREACH_TUI_DB``, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_VARIABLE = "OUTREACH_TUI_DB"
APP_NAME = "outreach-tui"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_board_path() -> Path:
    return data_dir() / "board.json"


def demo_board_path() -> Path:
    """The demo board, kept apart from real data."""
    return data_dir() / "demo.json"


def resolve_board_path(db: str | None) -> Path:
    if db:
        return Path(db).expanduser()
    from_env = os.environ.get(DB_VARIABLE, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_board_path()
