"""Who is making a change.

The actor is the login name of the process's uid, never ``$USER``/``$LOGNAME``,
which anyone can set. On a shared OS account ``OUTREACH_TUI_USER`` may name the
person for the history ("ana via outreach"); it is recorded beside the account and
never changes what the account may do.
"""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass

from .text import forbidden_characters

PERSON_VARIABLE = "OUTREACH_TUI_USER"


@dataclass(frozen=True, slots=True)
class Actor:
    login: str
    """Login name of the account; roles attach to this."""
    on_behalf: str = ""
    """Person named on a shared account, for the history only."""

    def label(self) -> str:
        return f"{self.on_behalf} via {self.login}" if self.on_behalf else self.login


def current_actor() -> Actor:
    uid = os.getuid()
    try:
        login = pwd.getpwuid(uid).pw_name
    except KeyError:
        login = f"uid{uid}"
    person = os.environ.get(PERSON_VARIABLE, "").strip()[:60]
    if forbidden_characters(person) or person == login:
        person = ""
    return Actor(login=login, on_behalf=person)
