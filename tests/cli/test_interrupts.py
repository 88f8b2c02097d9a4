"""Ctrl-C at any moment: exit 130 with the board untouched, or the change saved and said so; never a traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_INTERRUPTED, EXIT_OK, main
from store import Repository
from store.files import journal_path
from store.journal import JournalFile
from tests.boards import on_disk
from tests.cli.helpers import CLI, WITHOUT_TRAINING

SAVED = "interrupted after the change was saved"
NOT_WRITTEN = "outreach-tui: interrupted; the board file was not left half-written.\n"


def restore(board: Path, pristine: bytes) -> None:
    """Put the board file and its journal back as ``on_disk`` saw them."""
    board_bytes, _, journal_bytes = pristine.partition(b"\n--journal--\n")
    board.write_bytes(board_bytes)
    journal = journal_path(board)
    if journal_bytes:
        journal.write_bytes(journal_bytes)
    else:
        journal.unlink(missing_ok=True)


def first_contacted(board: Path) -> str:
    repo = Repository.open(board)
    return repo.board(repo.default_campaign().id).columns[0].cards[0].id


def started_loading(pid: int) -> bool:
    """Whether the process has begun loading the store's libraries (so Python itself is up and running our code)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return True  # already gone
    return "pydantic_core" in maps or "orjson" in maps


def interrupt_at(board: Path, org_id: str, delay: float) -> tuple[int, str, bool]:
    """Run a move, send SIGINT ``delay`` seconds after it starts loading; (exit code, stderr, board changed)."""
    before = on_disk(board)
    process = subprocess.Popen(
        [CLI, "--db", str(board), "org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not started_loading(process.pid) and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stderr, on_disk(board) != before


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see when the program starts")
def test_ctrl_c_at_random_moments_never_shows_a_traceback_and_130_means_nothing_was_written(board):
    # From the moment the program starts loading its libraries (before that only Python itself runs)
    # to the end of a whole run: while it loads, reads, writes, prints and exits.
    org_id = first_contacted(board)
    pristine = on_disk(board)
    started = time.monotonic()
    # One uninterrupted run measures how long a move takes here, so the interrupts spread over all of it.
    restore(board, pristine)
    start = time.monotonic()
    finished = subprocess.run(
        [CLI, "--db", str(board), "org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING], capture_output=True
    )
    duration = time.monotonic() - start
    assert finished.returncode == EXIT_OK
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    for _ in range(10):
        restore(board, pristine)
        code, stderr, changed = interrupt_at(board, org_id, rng.uniform(0, duration))
        context = f"seed {seed}: exit {code}, stderr {stderr!r}"
        assert "Traceback" not in stderr, context
        assert code in (EXIT_OK, EXIT_INTERRUPTED), context
        if code == EXIT_INTERRUPTED:
            assert not changed and stderr.endswith(NOT_WRITTEN), context
        else:
            assert changed, context
    assert time.monotonic() - started < 60


def test_ctrl_c_just_after_the_change_reached_the_journal_finishes_and_says_saved(board, monkeypatch, capsys):
    org_id = first_contacted(board)
    for commit in ("append", "start"):  # a change goes to the journal, or starts it
        real = getattr(JournalFile, commit)

        def commit_then_interrupt(*args, real=real, **kwargs):
            outcome = real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGINT)
            return outcome

        monkeypatch.setattr(JournalFile, commit, commit_then_interrupt)
    assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_OK
    captured = capsys.readouterr()
    assert "is now in Trained" in captured.err and SAVED in captured.err
    campaign = Repository.open(board).default_campaign()
    assert Repository.open(board).placement(org_id, campaign.id).stage == "trained"


def test_ctrl_c_just_before_the_change_reaches_the_journal_exits_130_and_writes_nothing(board, monkeypatch, capsys):
    org_id = first_contacted(board)
    before = on_disk(board)
    for commit in ("append", "start"):
        real = getattr(JournalFile, commit)

        def interrupt_then_commit(*args, real=real, **kwargs):
            os.kill(os.getpid(), signal.SIGINT)
            return real(*args, **kwargs)

        monkeypatch.setattr(JournalFile, commit, interrupt_then_commit)
    assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == NOT_WRITTEN
    assert on_disk(board) == before


def test_main_gives_sigint_back_when_called_from_python(board):
    before = signal.getsignal(signal.SIGINT)
    assert main(["check"]) == EXIT_OK
    assert signal.getsignal(signal.SIGINT) is before


def test_the_interrupt_handler_is_ready_before_any_slow_import():
    # Everything loaded before main() installs the handler is a window where Ctrl-C prints a
    # traceback; typing alone took longer than the rest of that window.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, outreach_tui.cli; print(sorted({'typing', 'store'} & set(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded == "[]\n"
