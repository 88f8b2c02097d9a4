"""Changing the board's settings: its default language and its time zone."""

from __future__ import annotations

from typing import Any

from ..i18n import _
from ..models import BOARD_SETTINGS_ID, BoardSettings
from ..settings import checked_language, checked_time_zone, current_settings
from ..transaction import Transaction
from ..validation import apply_changes


def set_language(tx: Transaction, code: str | None, *, expected_version: int | None = None) -> BoardSettings:
    """Make ``code`` (``en``, ``es``) the board's default language; None unsets it."""
    tx.require("change_settings")
    return _change(tx, {"language": checked_language(code)}, expected_version)


def set_time_zone(tx: Transaction, name: str | None, *, expected_version: int | None = None) -> BoardSettings:
    """Show the board's times in the IANA zone ``name``; None: in the server's zone."""
    tx.require("change_settings")
    return _change(tx, {"time_zone": checked_time_zone(name)}, expected_version)


def _change(tx: Transaction, changes: dict[str, Any], expected_version: int | None) -> BoardSettings:
    current = current_settings(tx.doc)
    tx.check_version("board", BOARD_SETTINGS_ID, _("The board configuration"), expected_version, current.version)
    updated, diff = apply_changes(current, changes, tx.clock(), _("board settings"))
    if not diff:
        return current
    tx.put("settings", updated)
    tx.event("settings_changed", "board", BOARD_SETTINGS_ID, changes=diff, version_after=updated.version)
    return updated
