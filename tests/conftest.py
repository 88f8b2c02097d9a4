"""What every test starts from: English, and no choice saved in the real user's config folder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import store.i18n


@pytest.fixture(autouse=True)
def english_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test runs in English, in UTC, with a private config folder; a test that switches language or zone is undone after it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "OUTREACH_TUI_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    store.i18n.set_language("en")
    # The server's zone is the one shown when a board names none: the same on every machine here.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    store.i18n.set_time_zone(None)
    yield
    store.i18n.set_language("en")
    store.i18n.set_time_zone(None)
