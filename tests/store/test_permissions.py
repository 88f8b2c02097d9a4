"""The one permission table: every store refusal and the board's greying read it."""

from __future__ import annotations

import pytest

from store import PERMISSIONS, ROLES, PermissionDenied, allowed
from store.permissions import ACTION_PHRASES, require


def test_every_action_has_a_phrase_and_known_roles():
    assert set(PERMISSIONS) == set(ACTION_PHRASES)
    for roles in PERMISSIONS.values():
        assert roles <= set(ROLES)


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        ("coordinator", "manage_users", True),
        ("trainer", "manage_users", False),
        ("trainer", "move", True),
        ("viewer", "move", False),
        ("viewer", "export", True),
        ("trainer", "an_action_nobody_listed", False),
        ("coordinator", "an_action_nobody_listed", True),
    ],
)
def test_allowed_reads_the_table(role, action, expected):
    assert allowed(role, action) is expected


def test_a_refusal_names_the_action_and_why():
    with pytest.raises(PermissionDenied, match="Not allowed to take a card off the board: lucia is a trainer"):
        require("trainer", "off_board", "lucia", listed=True)
    with pytest.raises(PermissionDenied, match="guest is not a user of this board, so it can only view and export"):
        require("viewer", "move", "guest", listed=False)
