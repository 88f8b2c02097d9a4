"""User text is data: markup prints literally, escape sequences never reach the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from outreach_tui.cli.output import out, out_lines
from store import Repository
from tests.boards import on_disk
from tests.cli.helpers import run_cli

MARKUP = "[bold]x[/] [@click=app.quit]y[/]"
TITLE_ESCAPE = "\x1b]0;PWNED\x07"


def test_markup_in_names_prints_literally_everywhere(board, capsys):
    assert main(["org", "add", MARKUP, "--alias", "[red]R[/red]", "--notes", "[link=http://x]click[/link]"]) == EXIT_OK
    org_id = capsys.readouterr().out.strip()
    assert main(["org", "move", org_id, "--to", "trained", "--without-training", "--reason", "[i]why[/i]"]) == EXIT_OK
    capsys.readouterr()
    for argv in (
        ["org", "list", "--search", "[bold]"],
        ["org", "show", "[red]R[/red]"],
        [],
        ["history", "--limit", "3"],
    ):
        assert main(argv) == EXIT_OK, argv
        assert MARKUP in capsys.readouterr().out, argv
    assert main(["org", "show", org_id]) == EXIT_OK
    assert "[link=http://x]click[/link]" in capsys.readouterr().out
    assert main(["org", "list", "--search", "[bold]", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)[0]["name"] == MARKUP


def test_escape_sequences_typed_on_the_command_line_are_refused(board, capsys):
    before = on_disk(board)
    assert main(["org", "add", f"Casa{TITLE_ESCAPE}"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "contains characters that are not allowed: U+001B, U+0007" in err
    assert "\x1b" not in err and "\x07" not in err
    assert on_disk(board) == before


def test_escape_sequences_in_a_reference_are_not_echoed_to_the_terminal(board):
    result = run_cli("org", "show", f"x{TITLE_ESCAPE}")
    assert result.returncode == EXIT_REFUSED
    assert result.stderr == "outreach-tui: No organization 'x]0;PWNED' (tried id, name and alias).\n"
    result = run_cli("org", "add", "X", "--type", f"bad{TITLE_ESCAPE}")
    assert result.returncode == 2 and "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_an_escape_sequence_in_an_imported_name_is_refused_and_nothing_is_written(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    document = orjson.loads(Path("snap.json").read_bytes())
    document["columns"][0]["organizations"][0]["name"] = f"Centro {TITLE_ESCAPE}"
    Path("evil.json").write_bytes(orjson.dumps(document))
    before = on_disk(board)
    capsys.readouterr()
    assert main(["import", "evil.json"]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "columns.0.organizations.0.name: contains characters that are not allowed: U+001B, U+0007" in err
    assert "\x1b" not in err
    assert on_disk(board) == before
    fresh = tmp_path / "fresh.json"
    assert main(["--db", str(fresh), "import", "evil.json"]) == EXIT_REFUSED
    assert not fresh.exists()


def test_names_print_literally_through_a_pipe(board):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    repo.add_organization({"name": "¡Sí se puede! «Colectiva» 100% [b]"}, campaign_id=campaign.id)
    result = run_cli("org", "list", "--search", "colectiva")
    assert result.returncode == EXIT_OK
    assert "¡Sí se puede! «Colectiva» 100% [b]" in result.stdout


def test_every_printed_line_loses_its_control_characters(capsys):
    # A path or a name from a file written by another program may hold them.
    out(f"board{TITLE_ESCAPE}.json\nsecond\u202e line")
    out_lines([f"one{TITLE_ESCAPE}", "two\x1b[2J"])
    printed = capsys.readouterr().out
    assert printed == "board]0;PWNED.json\nsecond line\none]0;PWNED\ntwo[2J\n"
