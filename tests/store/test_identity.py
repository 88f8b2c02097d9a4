"""Who is making a change."""

from __future__ import annotations

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
