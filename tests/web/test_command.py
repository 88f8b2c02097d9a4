"""``outreach-tui web`` refuses what would open the board to other machines without a sign-in in front."""

from __future__ import annotations

import pytest

from outreach_tui.cli import main


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.5", "::", "board.example.org"])
def test_an_address_other_machines_reach_is_refused_without_allow_remote(board, host, capsys):
    assert main(["web", "--db", str(board), "--host", host]) == 2
    message = capsys.readouterr().err
    assert f"{host} can be reached from other machines" in message
    assert "reverse proxy that signs people in" in message
    assert "--allow-remote" in message


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["--trusted-proxy", "proxy.example.org"], "--trusted-proxy needs an IP address"),
        (["--public-url", "board.example.org"], "--public-url needs an address starting with https://"),
        (["--user-header", "X-User: ana"], "--user-header needs the name of a header"),
        (["--port", "70000"], "is not a port number"),
        (["--max-sessions", "0"], "--max-sessions"),
    ],
)
def test_mistakes_on_the_command_line_are_said_in_one_line(board, options, problem, capsys):
    assert main(["web", "--db", str(board), *options]) == 2
    assert problem in capsys.readouterr().err


def test_a_missing_board_is_reported_before_serving(tmp_path, capsys):
    assert main(["web", "--db", str(tmp_path / "missing.json")]) == 3
    assert "missing.json" in capsys.readouterr().err
