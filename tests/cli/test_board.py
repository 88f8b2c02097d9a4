"""The bare command: the board app on a terminal, the board as text otherwise, the demo board, which file."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import ClassVar

from outreach_tui.cli import EXIT_OK, main, output
from outreach_tui.paths import default_board_path, demo_board_path
from store import Repository
from tests.cli.helpers import run_cli


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

    return_code: int | None = None

    def __init__(self, repo: Repository, campaign_id: str | None) -> None:
        self.repo, self.campaign_id = repo, campaign_id

    def run(self) -> None:
        FakeApp.opened.append((self.repo.path, self.campaign_id))


class FailingApp(FakeApp):
    """An app that stopped on an error it could not recover from (it sets its own return code)."""

    def run(self) -> None:
        self.return_code = 1


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


def test_a_board_app_that_stopped_on_an_error_gives_its_exit_code_to_the_shell(board, monkeypatch):
    import outreach_tui.app

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(outreach_tui.app, "OutreachApp", FailingApp)
    assert main([]) == 1


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
