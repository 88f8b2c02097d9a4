"""Users and roles from the command line."""

from __future__ import annotations

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store import Repository


def test_users_add_list_remove_and_roles_are_enforced(board, capsys, monkeypatch):
    me = Repository.open(board).actor.login
    assert main(["users", "list"]) == EXIT_OK
    assert "No users are set" in capsys.readouterr().err
    assert main(["users", "add", me, "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", "lucia", "--role", "trainer"]) == EXIT_OK
    capsys.readouterr()
    assert main(["users", "remove", me]) == EXIT_REFUSED
    assert "at least one coordinator" in capsys.readouterr().err
    # $USER is not who you are, the account is; OUTREACH_TUI_USER only names the person for the history.
    monkeypatch.setenv("USER", "lucia")
    monkeypatch.setenv("OUTREACH_TUI_USER", "lucia")
    assert main(["users", "list"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.splitlines() == sorted([f"{me}  coordinator", "lucia  trainer"])
    assert f"You are lucia via {me} (coordinator)" in captured.err
    assert main(["users", "remove", "lucia"]) == EXIT_OK
    assert [user.login for user in Repository.open(board).users()] == [me]
    assert main(["users", "remove", "nobody"]) == EXIT_REFUSED
