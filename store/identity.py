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
PERSON_MAX_LENGTH = 60


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
    return Actor(login=login, on_behalf=person_named(os.environ.get(PERSON_VARIABLE, ""), login))


def person_named(value: str, login: str) -> str:
    """The person ``OUTREACH_TUI_USER`` names, or "" when it names nobody else than the account.

    Runs of spaces of any kind (no-break spaces too) become one space, so padding can
    never push the account out of sight in "ana via outreach".
    """
    person = " ".join(value.split())[:PERSON_MAX_LENGTH].strip()
    if forbidden_characters(person) or person == login:
        return ""
    return person
