"""Who has which role on a board."""

from __future__ import annotations

from ..document import Table
from ..errors import NotFoundError, ValidationFailed
from ..i18n import _
from ..models import User
from ..text import display_safe
from ..transaction import Transaction
from ..validation import validate


def set_user(tx: Transaction, login: str, role: str) -> User:
    """Give ``login`` a role on this board. The first user added must be a coordinator."""
    tx.require("manage_users")
    users = tx.doc.users
    if len(users) == 0 and role != "coordinator":
        raise _first_user_must_coordinate(tx.actor.login)
    existing = users.get(login)
    if existing is not None and existing.role == role:
        return existing
    if existing is not None and existing.role == "coordinator" and role != "coordinator":
        keep_a_coordinator(users, login)
    data = {"login": login, "role": role, "added_at": tx.clock(), "added_by": tx.actor.login}
    user = validate(User, data, _("user"))
    tx.put("users", user)
    tx.event("user_set", "user", login, changes={"role": [existing.role if existing else None, role]})
    return user


def _first_user_must_coordinate(login: str) -> ValidationFailed:
    return ValidationFailed(
        _(
            "The first user of a board must be a coordinator (today everyone is one); "
            "add yourself first: outreach-tui users add {login} --role coordinator"
        ).format(login=login)
    )


def remove_user(tx: Transaction, login: str) -> None:
    tx.require("manage_users")
    existing = tx.doc.users.get(login)
    if existing is None:
        raise NotFoundError(_("{login} is not a user of this board.").format(login=display_safe(login)))
    if existing.role == "coordinator":
        keep_a_coordinator(tx.doc.users, login)
    tx.delete("users", login)
    tx.event("user_removed", "user", login, changes={"role": [existing.role, None]})


def keep_a_coordinator(users: Table[User], leaving: str) -> None:
    """Refuse to leave a board with users but no coordinator."""
    remaining = [u for u in users.values() if u.role == "coordinator" and u.login != leaving]
    others = [u for u in users.values() if u.login != leaving]
    if not remaining and others:
        raise ValidationFailed(_("A board with users needs at least one coordinator."))
