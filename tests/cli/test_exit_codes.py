"""Help on every command, and exit codes a script can trust: 0 done, 1 refused, 2 usage, 3 file, 130 interrupted."""

from __future__ import annotations

import fcntl
import glob
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from outreach_tui import cli
from outreach_tui.cli import (
    EXIT_FILE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    main,
)
from store import Actor, Repository
from store.storage import BoardFile, lock_path
from tests.boards import on_disk
from tests.cli.helpers import CLI, WITHOUT_TRAINING, run_cli

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
    ["visit"],
    ["visit", "add"],
    ["training"],
    ["training", "add"],
    ["history"],
    ["undo"],
    ["users"],
    ["users", "list"],
    ["users", "add"],
    ["users", "remove"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "board")
def test_every_command_has_help_with_examples_and_exit_codes(command, capsys):
    assert main([*command, "--help"]) == EXIT_OK
    text = capsys.readouterr().out
    assert text.startswith(f"usage: outreach-tui {' '.join(command)}".rstrip())
    # The examples show this very command in use.
    examples = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    assert f"outreach-tui {' '.join(command)}".rstrip() in examples
    assert "Exit codes:" in text and "130  interrupted" in text
    assert "OUTREACH_TUI_DB" in text


def test_help_of_every_command_from_the_installed_command():
    processes = [
        subprocess.Popen([CLI, *command, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in COMMANDS
    ]
    for command, process in zip(COMMANDS, processes, strict=True):
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, command
        assert stderr == ""
        assert "3    the board file cannot be used" in stdout, command


@pytest.mark.parametrize("group", ["campaign", "org", "visit", "training", "users"])
def test_a_command_group_without_an_action_is_a_usage_error(group, capsys):
    assert main([group]) == EXIT_USAGE
    assert "required: ACTION" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["visit", "add", "CMB", "--date", "2026-13-01", "--fit", "3"], "'2026-13-01' is not a date"),
        (["visit", "add", "CMB", "--date", "2026-12-01", "--fit", "6"], "fit must be 1 to 5"),
        (["visit", "add", "CMB", "--date", "2026-12-01", "--fit", "four"], "'four' is not a whole number"),
        (["org", "add", "X", "--workers", "many"], "'many' is not a whole number"),
        (["org", "add", "X", "--workers", "-5"], "must be 0 or more"),
        (["org", "add", "X", "--follow-up", "next week"], "is not a date"),
        (["org", "add", "X", "--type", "bakery"], "invalid choice"),
        (["org", "edit", "X", "--follow-up", "2026-02-30"], "is not a date"),
        (["org", "off-board", "X", "--state", "gone", "--reason", "r"], "invalid choice"),
        (["org", "off-board", "X", "--state", "paused"], "--reason"),
        (["org", "move", "X"], "--to"),
        (["training", "add", "--date", "2026-11-21", "--org", "CMB:0"], "attendees must be 1 to 10,000"),
        (["training", "add", "--date", "2026-11-21"], "--org"),
        (["history", "--limit", "0"], "must be 1 or more"),
        (["demo", "--orgs", "0"], "choose 1 to 20,000"),
        (["demo", "--orgs", "20001"], "choose 1 to 20,000"),
        (["campaign", "add", "C", "--target-workers", "lots"], "is not a whole number"),
        (["campaign", "add", "C", "--target-partners", "99999999999999999999"], "is too large"),
        (["org", "add", "X", "--workers", "9" * 5000], "is too large"),
        (["demo", "--seed", "-9223372036854775809"], "is too large"),
        (["training", "add", "--date", "2026-11-21", "--org", "CMB:" + "9" * 5000], "attendees must be 1 to 10,000"),
        (["users", "add", "lucia", "--role", "boss"], "invalid choice"),
        (["--campaign", "X", "undo"], "--campaign does not apply"),
        (["--demo", "--db", "x.json"], "--demo and --db"),
        (["--db", "", "org", "add", "X"], "--db needs the path of a board file"),
        (["org", "list", "--db", " "], "--db needs the path of a board file"),
        (["--demo", "init"], "--demo cannot be combined"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_command_lines_exit_2_with_a_message_and_change_nothing(board, argv, message, capsys):
    before = on_disk(board)
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    assert message in captured.err
    # The mistake in one line naming the command, then where to read more: no usage block.
    mistake, pointer = captured.err.splitlines()
    assert mistake.startswith("outreach-tui") and pointer.endswith("--help' for more information.")
    assert captured.out == ""
    assert on_disk(board) == before


def test_refusals_exit_1_with_the_reason(board, capsys):
    repo = Repository.open(board)
    first, second = repo.organizations()[:2]
    cases = [
        (
            ["org", "move", "no such organization", "--to", "trained", *WITHOUT_TRAINING],
            "No organization 'no such organization'",
        ),
        (["org", "move", first.id, "--to", "nowhere"], "its stages are"),
        (["org", "add", "x" * 201], "at most 200 characters"),
        (["org", "show", first.id, "--campaign", "No such campaign"], "No campaign 'No such campaign'"),
        (["org", "edit", first.id], "Nothing to change"),
        (["campaign", "add", repo.default_campaign().name], "already exists"),
    ]
    for argv, message in cases:
        before = on_disk(board)
        assert main(argv) == EXIT_REFUSED, argv
        assert message in capsys.readouterr().err, argv
        assert on_disk(board) == before
    # Two organizations answering to one alias: ambiguous, so the id must be used.
    assert main(["org", "edit", first.id, "--alias", "TWIN"]) == EXIT_OK
    assert main(["org", "edit", second.id, "--alias", "TWIN"]) == EXIT_REFUSED
    assert f"{first.name} ({first.id}," in capsys.readouterr().err
    assert main(["org", "edit", second.id, "--alias", "TWIN", "--allow-duplicate"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "move", "twin", "--to", "trained", *WITHOUT_TRAINING]) == EXIT_REFUSED
    refusal = capsys.readouterr().err
    assert "matches 2 organizations" in refusal and f"{second.name} ({second.id}," in refusal


def test_nothing_to_undo_is_a_refusal(tmp_path, capsys):
    path = tmp_path / "empty.json"
    assert main(["--db", str(path), "init"]) == EXIT_OK
    assert main(["--db", str(path), "undo"]) == EXIT_REFUSED
    assert "no change left to undo" in capsys.readouterr().err


def test_a_role_that_does_not_allow_the_change_is_a_refusal(board, capsys):
    repo = Repository.open(board)
    org = repo.organizations()[0]
    # Once users are set, a login that is not one of them may only look and export.
    Repository.open(board, actor=Actor("ana")).set_user("ana", "coordinator")
    before = on_disk(board)
    assert main(["org", "move", org.id, "--to", "active"]) == EXIT_REFUSED
    assert "Not allowed to move a card" in capsys.readouterr().err
    assert on_disk(board) == before
    assert main(["org", "list"]) == EXIT_OK


def test_undo_of_a_card_someone_changed_since_is_a_conflict(board, capsys):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    org = repo.board(campaign.id).columns[0].cards[0].organization
    assert main(["org", "move", org.id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_OK
    Repository.open(board, actor=Actor("lucia")).move(org.id, "active", campaign_id=campaign.id)
    capsys.readouterr()
    assert main(["undo"]) == EXIT_REFUSED
    assert "was changed by lucia" in capsys.readouterr().err
    assert Repository.open(board).placement(org.id, campaign.id).stage == "active"


def test_a_missing_board_file_exits_3(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "nowhere.json"), "org", "list"]) == EXIT_FILE
    assert "There is no board file at" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.json").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1', "is not valid JSON"),
        (b'{"users": []}', "not an outreach-tui board"),
        (
            b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 99, "created_at": "2026-01-01T00:00:00Z"}}}',
            "newer outreach-tui",
        ),
    ],
    ids=["empty", "truncated", "not-a-board", "newer-schema"],
)
def test_an_unusable_board_file_exits_3_and_is_left_untouched(tmp_path, content, message, capsys):
    path = tmp_path / "board.json"
    path.write_bytes(content)
    for argv in (["check"], ["org", "list"], ["org", "add", "X"], ["export", "-o", "-"], []):
        assert main(["--db", str(path), *argv]) == EXIT_FILE, argv
        captured = capsys.readouterr()
        assert message in captured.err and str(path) in captured.err
        assert captured.out == ""
    assert path.read_bytes() == content


def test_a_corrupt_board_never_shows_a_traceback_from_the_installed_command(tmp_path):
    path = tmp_path / "board.json"
    path.write_text('{"meta": {"1": {"format": "outreach-tui", "schema_version": 1, "created_at": "yesterday"}}}')
    for argv in (["check"], ["org", "list"], ["undo"], []):
        result = run_cli("--db", str(path), *argv)
        assert result.returncode == EXIT_FILE, argv
        assert result.stderr.startswith("outreach-tui: ") and "meta record is invalid" in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_board_locked_too_long_exits_3_and_nothing_is_written(board, monkeypatch, capsys):
    original = BoardFile.lock
    monkeypatch.setattr(BoardFile, "lock", lambda self, timeout=0.3: original(self, timeout))
    org_id = contacted(board)
    before = on_disk(board)
    fd = os.open(lock_path(board), os.O_RDONLY | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_FILE
    finally:
        os.close(fd)
    assert "for more than 0 s; nothing was changed" in capsys.readouterr().err
    assert on_disk(board) == before


def contacted(board: Path) -> str:
    repo = Repository.open(board)
    return repo.board(repo.default_campaign().id).columns[0].cards[0].id


def test_a_failed_write_exits_3_and_leaves_the_board_as_it_was(board, monkeypatch, capsys):
    org_id = contacted(board)
    before = on_disk(board)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("store.files.write_all", disk_full)
    assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_FILE
    assert "the disk is full" in capsys.readouterr().err
    assert on_disk(board) == before
    assert glob.glob(str(board.parent / ".board.json.*.tmp")) == []


def test_an_interrupted_command_exits_130(board, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Repository, "move", interrupted)
    org = Repository.open(board).organizations()[0]
    assert main(["org", "move", org.id, "--to", "active"]) == EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err


def test_ctrl_c_during_a_large_demo_leaves_no_file_behind(tmp_path):
    folder = tmp_path / "boards"
    folder.mkdir()
    target = folder / "big.json"
    process = subprocess.Popen(
        [CLI, "demo", "--orgs", "20000", "--db", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    # Interrupt once the demo is being built (its temporary board exists), not while Python starts.
    while not glob.glob(str(folder / ".big.json.new-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED
    assert stderr == "outreach-tui: interrupted; the board file was not left half-written.\n"
    assert os.listdir(folder) == []


def test_an_unexpected_error_is_one_line_without_a_traceback(board, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(Repository, "move", broken)
    org = Repository.open(board).organizations()[0]
    assert main(["org", "move", org.id, "--to", "active"]) == EXIT_REFUSED
    stderr = capsys.readouterr().err
    assert stderr.startswith("outreach-tui: internal error (RuntimeError: something nobody expected)")
    assert "Traceback" not in stderr and len(stderr.splitlines()) == 1
    monkeypatch.setenv("OUTREACH_TUI_DEBUG", "1")
    assert main(["org", "move", org.id, "--to", "active"]) == EXIT_REFUSED
    stderr = capsys.readouterr().err
    assert "Traceback (most recent call last)" in stderr and "RuntimeError: something nobody expected" in stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(large_board):
    process = subprocess.Popen(
        [CLI, "--db", str(large_board), "org", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout.readline().startswith(b"org-")
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == EXIT_OK
    assert stderr == b""


def test_main_returns_instead_of_exiting(board):
    # The console script exits with main's value; tests and other Python code just get it back.
    assert cli.main(["--help"]) == EXIT_OK
    assert cli.main(["org", "move"]) == EXIT_USAGE
    assert cli.main(["org", "move", "nobody", "--to", "trained", *WITHOUT_TRAINING]) == EXIT_REFUSED


def test_python_dash_m_runs_the_same_command(board):
    result = subprocess.run(
        [sys.executable, "-m", "outreach_tui", "org", "show", "nobody"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == EXIT_REFUSED
    assert result.stderr == "outreach-tui: No organization 'nobody' (tried id, name and alias).\n"


def test_exit_codes_are_documented_in_the_command_line_guide():
    readme = (Path(__file__).parents[2] / "docs" / "command-line.md").read_text()
    for line in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"):
        assert line in readme
