"""Who is making a change."""

from __future__ import annotations

import pytest

from store import current_actor
from store.identity import person_named
from tests.boards import COORDINATOR


def test_the_actor_is_the_accounts_login_not_user(monkeypatch):
    import pwd

    from store import current_actor

    monkeypatch.setenv("USER", "somebody-else")
    monkeypatch.setenv("OUTREACH_TUI_USER", "ana")
    actor = current_actor()
    assert actor.login == pwd.getpwuid(__import__("os").getuid()).pw_name
    assert actor.label() == f"ana via {actor.login}"
    assert COORDINATOR.label() == "ana"


@pytest.mark.parametrize(
    "value",
    ["\u00a0\u00a0evalcoord\u00a0\u00a0", "  evalcoord  ", "evalcoord" + "\u00a0" * 80 + "x", "\u2007evalcoord\u202f"],
)
def test_padding_in_the_person_variable_never_hides_the_account(monkeypatch, value):
    monkeypatch.setenv("OUTREACH_TUI_USER", value)
    actor = current_actor()
    assert actor.on_behalf.startswith("evalcoord")
    assert actor.on_behalf == " ".join(actor.on_behalf.split())
    assert actor.label() == f"{actor.on_behalf} via {actor.login}"
    assert len(actor.label()) <= 60 + len(" via ") + len(actor.login)


def test_a_person_variable_naming_only_the_account_or_with_controls_is_ignored():
    assert person_named("  ana\u00a0", "ana") == ""
    assert person_named("ana\x1b[2J", "outreach") == ""
    assert person_named("", "outreach") == ""
