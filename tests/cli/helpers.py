"""Running the installed command the way a user's shell does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from outreach_tui.cli import EXIT_OK, main
from store import Repository

CLI = shutil.which("outreach-tui", path=str(Path(sys.executable).parent)) or shutil.which("outreach-tui")


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``outreach-tui`` as a user's shell would, with output piped."""
    assert CLI is not None, "the outreach-tui command is not installed (pip install -e .)"
    return subprocess.run(
        [CLI, *args],
        check=False,
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def new_org(capsys: Any, *argv: str) -> str:
    """Add an organization with ``org add`` and return the id it printed."""
    assert main(["org", "add", *argv]) == EXIT_OK
    return capsys.readouterr().out.strip()


def contacted_cards(board: Path, n: int) -> list[str]:
    """The ids of the first ``n`` cards in the default campaign's first column."""
    repo = Repository.open(board)
    return [card.id for card in repo.board(repo.default_campaign().id).columns[0].cards[:n]]


WITHOUT_TRAINING = ["--without-training", "--reason", "trained before this board was kept"]
"""What a coordinator adds to move a card into the training stage with no training recorded."""
