"""Changing the board's settings: its default language, its time zone, the team's keys and the export rule."""

from __future__ import annotations

from typing import Any

from ..encryption import checked_public_key
from ..errors import NotFoundError
from ..i18n import _
from ..models import BOARD_SETTINGS_ID, BoardSettings
from ..settings import checked_language, checked_time_zone, current_settings
from ..text import display_safe
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


def set_team_key(tx: Transaction, name: str, public_key: str) -> BoardSettings:
    """Store ``name``'s age public key (replacing their earlier one); ``export --to-team`` encrypts to it."""
    tx.require("change_settings")
    keys = dict(current_settings(tx.doc).team_keys)
    keys[name.strip()] = checked_public_key(public_key)
    return _change(tx, {"team_keys": keys}, None)


def remove_team_key(tx: Transaction, name: str) -> BoardSettings:
    tx.require("change_settings")
    keys = dict(current_settings(tx.doc).team_keys)
    if keys.pop(name.strip(), None) is None:
        raise NotFoundError(_("The board holds no key named {name!r}.").format(name=display_safe(name)))
    return _change(tx, {"team_keys": keys}, None)


def require_encrypted_exports(tx: Transaction, required: bool) -> BoardSettings:
    """Make every full and partner export encrypted (``required``), or let them be plain again."""
    tx.require("change_settings")
    return _change(tx, {"require_encrypted_exports": required}, None)


def set_contact_retention(tx: Transaction, days: int | None) -> BoardSettings:
    """Keep staff contacts at most ``days`` after an organization left (None: no limit)."""
    tx.require("change_settings")
    return _change(tx, {"contact_retention_days": days}, None)


def _change(tx: Transaction, changes: dict[str, Any], expected_version: int | None) -> BoardSettings:
    current = current_settings(tx.doc)
    tx.check_version("board", BOARD_SETTINGS_ID, _("The board configuration"), expected_version, current.version)
    updated, diff = apply_changes(current, changes, tx.clock(), _("board settings"))
    if not diff:
        return current
    tx.put("settings", updated)
    tx.event("settings_changed", "board", BOARD_SETTINGS_ID, changes=diff, version_after=updated.version)
    return updated
