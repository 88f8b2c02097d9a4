"""The outreach-tui command as scripts and coordinators use it: output, exit codes, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from outreach_tui.cli import EXIT_FILE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository

COMMANDS = [
    [],
    ["init"],
    ["demo"],
    ["check"],
    ["export"],
    ["import"],
    ["campaign"],
    ["campaign", "list"],
    ["campaign", "add"],
    ["org"],
    ["org", "list"],
    ["org", "show"],
    ["org", "add"],
    ["org", "edit"],
    ["org", "move"],
    ["org", "off-board"],
    ["org", "restore"],
    ["org", "archive"],
    ["visit", "add"],
    ["training", "add"],
    ["history"],
    ["undo"],
    ["users", "list"],
    ["users", "add"],
    ["users", "remove"],
]


@pytest.fixture
def board(tmp_path: Path, monkeypatch) -> Path:
    """A 40-organization demo board, named by OUTREACH_TUI_DB as a coordinator's profile would."""
    path = tmp_path / "board.json"
    monkeypatch.setenv("OUTREACH_TUI_DB", str(path))
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--orgs", "40", "--seed", "5"]) == EXIT_OK
    return path


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "outreach_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "board")
def test_every_command_has_help(command, capsys):
    assert main([*command, "--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert text.startswith("usage: outreach-tui")
    assert "Exit codes" in text


def test_help_runs_as_a_real_process_and_names_the_exit_codes():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "3 the board file cannot be used" in result.stdout


def test_bad_arguments_exit_2_and_change_nothing(board, capsys):
    before = board.read_bytes()
    assert main(["visit", "add", "anything", "--date", "2026-13-01", "--fit", "3"]) == EXIT_USAGE
    assert "is not a date" in capsys.readouterr().err
    assert main(["demo", "--orgs", "20001"]) == EXIT_USAGE
    assert main(["org", "move"]) == EXIT_USAGE
    assert board.read_bytes() == before


def test_demo_never_writes_over_an_existing_board(board, capsys):
    before = board.read_bytes()
    assert main(["demo", "--orgs", "5"]) == EXIT_REFUSED
    assert "already exists" in capsys.readouterr().err
    assert board.read_bytes() == before


def test_demo_progress_stays_quiet_when_piped(tmp_path):
    result = run_cli("demo", "--orgs", "300", "--db", str(tmp_path / "d.json"))
    assert result.returncode == 0
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert "300 organizations" in result.stderr


def test_db_option_works_before_and_after_the_command(board, tmp_path, capsys):
    other = tmp_path / "other.json"
    assert main(["--db", str(other), "init"]) == EXIT_OK
    assert other.exists()
    assert main(["check", "--db", str(other)]) == EXIT_OK
    assert f"{other} is a valid" in capsys.readouterr().out


def test_org_list_by_stage_and_as_json(board, capsys):
    assert main(["org", "list", "--stage", "trained", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed and all(item["card"]["stage"] == "trained" for item in listed)


def test_add_move_history_and_undo_of_an_organization(board, capsys):
    assert main(["org", "add", "Casa Refugio", "--alias", "CR", "--municipality", "Tapachula", "--workers", "300"]) == 0
    org_id = capsys.readouterr().out.strip()
    assert main(["org", "move", "CR", "--to", "Trained", "--reason", "attended in Tapachula"]) == EXIT_OK
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    assert repo.placement(org_id, campaign.id).stage == "trained"
    assert main(["history", "--org", "CR", "--json"]) == EXIT_OK
    capsys.readouterr()
    assert main(["undo"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign.id).stage == "contacted"


def test_refusals_exit_1_with_a_message(board, capsys):
    assert main(["org", "move", "no such organization", "--to", "trained"]) == EXIT_REFUSED
    assert "No organization" in capsys.readouterr().err
    org = Repository.open(board).organizations()[0]
    assert main(["org", "move", org.id, "--to", "nowhere"]) == EXIT_REFUSED
    assert "its stages are" in capsys.readouterr().err


def test_visit_and_training_from_the_command_line(board, capsys):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    contacted = [card.id for card in repo.board(campaign.id).columns[0].cards[:2]]
    assert main(["visit", "add", contacted[0], "--date", "2026-11-20", "--fit", "4", "--findings", "Two lawyers"]) == 0
    assert main(["training", "add", "--date", "2026-11-21", "--org", f"{contacted[0]}:3", "--org", contacted[1]]) == 0
    repo = Repository.open(board)
    assert all(repo.placement(org_id, campaign.id).stage == "trained" for org_id in contacted)
    assert repo.visits(organization_id=contacted[0])[0].fit == 4


def test_off_board_and_restore(board):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    org_id = repo.board(campaign.id).columns[0].cards[0].id
    assert main(["org", "off-board", org_id, "--state", "not-a-fit", "--reason", "Focus is housing"]) == 0
    assert Repository.open(board).placement(org_id, campaign.id).off_board.state == "not_a_fit"
    assert main(["org", "restore", org_id]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign.id).off_board is None


def test_export_default_name_never_overwrites_and_force_replaces(board, tmp_path, capsys):
    assert main(["export"]) == EXIT_OK
    written = list(tmp_path.glob("board-derechos-laborales-*.json"))
    assert len(written) == 1
    assert oct(written[0].stat().st_mode & 0o777) == "0o600"
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    (tmp_path / "snap.json").write_text("keep me")
    assert main(["export", "-o", "snap.json"]) == EXIT_REFUSED
    assert (tmp_path / "snap.json").read_text() == "keep me"
    assert main(["export", "-o", "snap.json", "--force"]) == EXIT_OK
    assert json.loads((tmp_path / "snap.json").read_text())["format"] == "outreach-tui.board"


def test_export_to_stdout_and_the_schema(board, capsysbinary):
    assert main(["export", "-o", "-"]) == EXIT_OK
    document = orjson.loads(capsysbinary.readouterr().out)
    assert document["schema_version"] == 1 and [c["stage"] for c in document["columns"]] == ["contacted", "trained", "active"]
    assert main(["export", "--schema"]) == EXIT_OK
    schema = orjson.loads(capsysbinary.readouterr().out)
    assert "BoardSnapshot" in json.dumps(schema) or schema["title"].startswith("outreach-tui")


def test_import_round_trip_is_idempotent(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    target = tmp_path / "copy.json"
    assert main(["--db", str(target), "import", "snap.json"]) == EXIT_OK
    first = target.read_bytes()
    assert main(["--db", str(target), "import", "snap.json"]) == EXIT_OK
    assert "0 added, 0 updated" in capsys.readouterr().out
    assert target.read_bytes() == first


def test_a_bad_row_is_reported_with_its_position_and_nothing_is_written(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    document = orjson.loads((tmp_path / "snap.json").read_bytes())
    document["columns"][0]["organizations"][1]["name"] = "x" * 300
    (tmp_path / "bad.json").write_bytes(orjson.dumps(document))
    before = board.read_bytes()
    assert main(["import", "bad.json"]) == EXIT_REFUSED
    message = capsys.readouterr().err
    assert "columns.0.organizations.1.name" in message and "nothing was imported" in message
    assert board.read_bytes() == before


def test_hostile_names_print_literally_and_escape_codes_are_refused(board, tmp_path, capsys):
    assert main(["org", "add", "[bold]x[/] [@click=app.quit]y"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "list", "--search", "[bold]"]) == EXIT_OK
    assert "[bold]x[/] [@click=app.quit]y" in capsys.readouterr().out
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    document = orjson.loads((tmp_path / "snap.json").read_bytes())
    document["columns"][0]["organizations"][0]["name"] = "PWNED\x1b]0;title\x07"
    (tmp_path / "evil.json").write_bytes(orjson.dumps(document))
    before = board.read_bytes()
    assert main(["import", "evil.json"]) == EXIT_REFUSED
    assert "U+001B" in capsys.readouterr().err
    assert board.read_bytes() == before


def test_a_corrupt_board_gives_exit_3_without_a_traceback(tmp_path):
    path = tmp_path / "board.json"
    path.write_text('{"meta": {"1": {"format": "outreach-tui", "schema_version": 1')
    result = run_cli("check", "--db", str(path))
    assert result.returncode == EXIT_FILE
    assert "Traceback" not in result.stderr and str(path) in result.stderr
    newer = tmp_path / "newer.json"
    newer.write_text('{"meta": {"1": {"format": "outreach-tui", "schema_version": 99, "created_at": "2026-01-01T00:00:00Z"}}}')
    result = run_cli("org", "list", "--db", str(newer))
    assert result.returncode == EXIT_FILE and "newer outreach-tui" in result.stderr


def test_piped_board_prints_text_instead_of_starting_the_app(board):
    result = run_cli("--db", str(board))
    assert result.returncode == 0
    assert "Contacted (" in result.stdout and "workers" in result.stdout
    assert "\x1b" not in result.stdout


def test_several_shells_moving_cards_at_once_lose_nothing(board):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    cards = [card.id for card in repo.board(campaign.id).columns[0].cards[:8]]
    events_before = len(repo.history())
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "outreach_tui", "org", "move", org_id, "--to", "active", "--db", str(board)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for org_id in cards
    ]
    assert [p.wait(timeout=120) for p in processes] == [0] * len(cards)
    repo = Repository.open(board)
    assert all(repo.placement(org_id, campaign.id).stage == "active" for org_id in cards)
    assert len(repo.history()) == events_before + len(cards)


def test_roles_are_enforced_on_the_command_line(board, capsys, monkeypatch):
    me = Repository.open(board).actor.login
    assert main(["users", "add", me, "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", "lucia", "--role", "trainer"]) == EXIT_OK
    assert main(["users", "remove", me]) == EXIT_REFUSED
    assert "at least one coordinator" in capsys.readouterr().err
    # $USER is not who you are: the account's uid is; OUTREACH_TUI_USER only names the person.
    monkeypatch.setenv("USER", "lucia")
    monkeypatch.setenv("OUTREACH_TUI_USER", "lucia")
    assert main(["users", "list"]) == EXIT_OK
    assert f"You are lucia via {me} (coordinator)" in capsys.readouterr().err
    assert main(["users", "remove", "lucia"]) == EXIT_OK
    assert [user.login for user in Repository.open(board).users()] == [me]
