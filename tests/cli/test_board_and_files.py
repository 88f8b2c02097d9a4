"""The bare command (board app or text), the demo board, init and demo files."""

from __future__ import annotations

import os
import pty
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main, output
from outreach_tui.paths import default_board_path, demo_board_path
from store import Repository
from tests.cli.helpers import CLI, run_cli


def expected_column_headers(repo: Repository, campaign_id: str) -> list[str]:
    board = repo.board(campaign_id)
    return [
        f"{column.stage.label} · {len(column.cards)} organization{'s' if len(column.cards) != 1 else ''} · "
        f"{column.workers:,} worker{'s' if column.workers != 1 else ''} reached"
        for column in board.columns
    ]


def test_piped_board_prints_columns_with_counts_and_workers_then_one_line_per_organization(board):
    result = run_cli("--db", str(board))
    assert result.returncode == EXIT_OK and result.stderr == ""
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    lines = result.stdout.splitlines()
    assert lines[0] == campaign.name
    headers = expected_column_headers(repo, campaign.id)
    assert [line for line in lines if line in headers] == headers
    board_view = repo.board(campaign.id)
    card_lines = [line for line in lines if line.startswith("  ")]
    assert len(card_lines) == sum(len(c.cards) for c in board_view.columns) + len(board_view.off_board)
    first = board_view.columns[0].cards[0]
    assert card_lines[0].startswith(f"  {first.organization.name} · ") and card_lines[0].endswith(first.id)
    assert "\x1b" not in result.stdout and "\r" not in result.stdout


def test_board_of_another_campaign(board, capsys):
    repo = Repository.open(board)
    other = next(c for c in repo.campaigns() if c.id != repo.default_campaign().id)
    assert main(["--campaign", other.name]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.splitlines()[0] == other.name
    assert expected_column_headers(repo, other.id)[0] in out


class FakeApp:
    opened: ClassVar[list[tuple[Path, str | None]]] = []

    def __init__(self, repo: Repository, campaign_id: str | None) -> None:
        self.repo, self.campaign_id = repo, campaign_id

    def run(self) -> None:
        FakeApp.opened.append((self.repo.path, self.campaign_id))


def test_on_a_terminal_the_board_app_opens_on_the_chosen_campaign(board, monkeypatch, capsys):
    import outreach_tui.app

    FakeApp.opened.clear()
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(outreach_tui.app, "OutreachApp", FakeApp)
    repo = Repository.open(board)
    other = next(c for c in repo.campaigns() if c.id != repo.default_campaign().id)
    assert main([]) == EXIT_OK
    assert main(["--campaign", other.id]) == EXIT_OK
    assert FakeApp.opened == [(board, repo.default_campaign().id), (board, other.id)]
    assert capsys.readouterr().out == ""


def test_without_the_board_app_the_board_is_printed_as_text(board, monkeypatch, capsys):
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setitem(sys.modules, "outreach_tui.app", None)
    assert main([]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == Repository.open(board).default_campaign().name
    assert "printed as text" in captured.err


def test_a_board_without_campaigns_says_how_to_make_one(tmp_path, capsys):
    path = tmp_path / "empty.json"
    assert main(["--db", str(path), "init"]) == EXIT_OK
    assert main(["--db", str(path)]) == EXIT_OK
    assert "has no campaign yet; create one with: outreach-tui campaign add NAME" in capsys.readouterr().out


def test_demo_board_is_built_on_first_use_apart_from_real_data(capsys):
    assert main(["--demo"]) == EXIT_OK
    path = demo_board_path()
    assert path.exists() and not default_board_path().exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Repository.open(path).counts().organizations == 60
    first_out = capsys.readouterr().out
    stamp = path.stat().st_mtime_ns
    # Later uses open the same board; scripting commands can use it too.
    assert main(["--demo"]) == EXIT_OK
    assert capsys.readouterr().out == first_out
    assert main(["--demo", "org", "list", "--stage", "trained"]) == EXIT_OK
    assert capsys.readouterr().out.count("\n") == len(
        Repository.open(path).board(Repository.open(path).default_campaign().id).column("trained").cards
    )
    assert path.stat().st_mtime_ns == stamp


def test_init_creates_a_private_board_with_a_first_campaign(tmp_path, capsys):
    path = tmp_path / "team" / "board.json"
    assert main(["--db", str(path), "init", "--campaign", "Derechos laborales 2027"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    repo = Repository.open(path)
    assert [c.name for c in repo.campaigns()] == ["Derechos laborales 2027"]
    assert f"Created the board file {path} (mode 0600)" in capsys.readouterr().err


def test_init_shared_makes_a_group_board(tmp_path):
    path = tmp_path / "board.json"
    assert main(["init", "--db", str(path), "--shared"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_init_says_the_mode_the_file_really_has(tmp_path, capsys):
    # A setgid folder is how a team shares boards: the new file follows it and is group-writable.
    team = tmp_path / "team"
    team.mkdir()
    os.chmod(team, 0o2770)
    path = team / "board.json"
    assert main(["--db", str(path), "init"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert f"Created the board file {path} (mode 0660)." in capsys.readouterr().err
    shared = tmp_path / "shared.json"
    assert main(["--db", str(shared), "init", "--shared"]) == EXIT_OK
    assert "(mode 0660)." in capsys.readouterr().err


def test_init_never_touches_an_existing_file(board, capsys):
    before = board.read_bytes()
    assert main(["init", "--campaign", "Another"]) == EXIT_REFUSED
    assert "already exists; nothing was changed" in capsys.readouterr().err
    assert board.read_bytes() == before


def test_a_refused_init_leaves_no_file(tmp_path, capsys):
    folder = tmp_path / "boards"
    folder.mkdir()
    assert main(["--db", str(folder / "board.json"), "init", "--campaign", "x" * 201]) == EXIT_REFUSED
    assert "at most 200 characters" in capsys.readouterr().err
    assert os.listdir(folder) == []


def test_demo_writes_a_realistic_board_to_db(tmp_path, capsys):
    path = tmp_path / "demo.json"
    assert main(["demo", "--db", str(path), "--orgs", "120", "--seed", "3"]) == EXIT_OK
    repo = Repository.open(path)
    counts = repo.counts()
    assert counts.organizations == 120 and counts.visits > 0 and counts.trainings > 0 and counts.events > 120
    assert len(repo.campaigns()) == 2
    assert f"Wrote a demo board with 120 organizations to {path}" in capsys.readouterr().err
    # The same seed gives the same organizations.
    again = tmp_path / "again.json"
    assert main(["demo", "--db", str(again), "--orgs", "120", "--seed", "3"]) == EXIT_OK
    assert [o.name for o in Repository.open(again).organizations()] == [o.name for o in repo.organizations()]


def test_demo_never_writes_over_an_existing_board(board, capsys):
    before = board.read_bytes()
    assert main(["demo", "--orgs", "5"]) == EXIT_REFUSED
    assert "already exists; the demo never writes over a board file" in capsys.readouterr().err
    assert board.read_bytes() == before


def test_demo_without_a_board_path_goes_to_the_demo_board_not_the_real_one(capsys):
    assert main(["demo", "--orgs", "3"]) == EXIT_OK
    assert demo_board_path().exists() and not default_board_path().exists()


def test_demo_progress_stays_quiet_when_piped(tmp_path):
    result = run_cli("demo", "--orgs", "3000", "--db", str(tmp_path / "d.json"))
    assert result.returncode == EXIT_OK
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        (
            f"Wrote a demo board with 3,000 organizations to {tmp_path / 'd.json'} "
            "(campaign: Derechos laborales: Chiapas y la frontera 2026)."
        )
    ]


def read_terminal(master: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO once the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_demo_shows_progress_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [CLI, "demo", "--orgs", "3000", "--db", str(tmp_path / "d.json")],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    terminal = read_terminal(master)
    os.close(master)
    assert process.wait(timeout=60) == EXIT_OK
    assert re.search(rb"Building the demo board: [\d,]+/3,000 \(\d+%\)", terminal)
    # The progress line is erased before the summary.
    assert terminal.rstrip().endswith(b"(campaign: Derechos laborales: Chiapas y la frontera 2026).")


def test_the_board_file_comes_from_db_then_the_environment_then_the_data_folder(tmp_path, monkeypatch, capsys):
    variable = "OUTREACH_TUI_DB"
    from_option, from_env = tmp_path / "option.json", tmp_path / "env.json"
    assert main(["--db", str(from_option), "init"]) == EXIT_OK
    assert main(["init", "--db", str(from_env)]) == EXIT_OK
    assert main(["init"]) == EXIT_OK
    assert default_board_path().exists()
    capsys.readouterr()
    monkeypatch.setenv(variable, str(from_env))
    assert main(["check"]) == EXIT_OK
    assert f"{from_env} is a valid" in capsys.readouterr().out
    assert main(["check", "--db", str(from_option)]) == EXIT_OK
    assert f"{from_option} is a valid" in capsys.readouterr().out
    assert main(["--db", str(from_option), "check"]) == EXIT_OK
    assert f"{from_option} is a valid" in capsys.readouterr().out
    monkeypatch.delenv(variable)
    assert main(["check"]) == EXIT_OK
    assert f"{default_board_path()} is a valid" in capsys.readouterr().out
