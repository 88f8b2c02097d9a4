"""The last board session to close folds the journal into the board file; closing never fails or hangs."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from store import Actor, Repository, board_copy, session
from store.files import journal_path, sessions_path
from store.presence import Presence
from tests.boards import on_disk, open_board
from tests.cli.helpers import run_cli
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org

MOVE_BY_COMMAND = ("org", "move", "Clínica Jurídica Obrera", "--to", "Trained", "--without-training", "--reason", "x")


@pytest.fixture(autouse=True)
def write_path(monkeypatch: pytest.MonkeyPatch) -> str:
    """Checkpoints here happen only when a session closes (or a test asks)."""
    monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 1 << 30)
    return "journal"


def changes_in_journal(path: Path) -> int:
    return open_board(path).journal_length()[0]


def _session(path: str, name: str, orders: Connection) -> None:
    """A board session in a process of its own, doing what the test tells it."""
    repo = Repository.open(path, actor=Actor("ana"))
    repo.hold_open()
    orders.send("open")
    while True:
        order = orders.recv()
        if order == "close":
            orders.send(repo.close())
            return
        orders.send(flip(repo, order))


def flip(repo: Repository, name: str) -> str:
    """Move ``name``'s card between Contacted and Trained; returns where it went."""
    target = org(repo, name)
    stage = "trained" if repo.placement(target.id, campaign_id(repo)).stage != "trained" else "contacted"
    repo.move(target.id, stage, campaign_id=campaign_id(repo), **WITHOUT_TRAINING)
    return stage


def start_session(path: Path, name: str) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    ours, theirs = multiprocessing.get_context("spawn").Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_session, args=(str(path), name, theirs))
    process.start()
    assert ours.poll(60) and ours.recv() == "open"
    return process, ours


def ask(connection: Connection, order: str) -> object:
    connection.send(order)
    assert connection.poll(60)
    return connection.recv()


def test_only_the_last_session_to_close_folds_and_a_command_meanwhile_does_not(repo):
    repo.compact()
    first, to_first = start_session(repo.path, "first")
    second, to_second = start_session(repo.path, "second")
    try:
        ask(to_first, "Casa del Migrante Belén")
        assert ask(to_first, "close") is None
        first.join(30)
        assert changes_in_journal(repo.path) == 1  # another session is still open
        board_before = repo.path.read_bytes()
        moved = run_cli("--db", str(repo.path), *MOVE_BY_COMMAND)
        assert moved.returncode == 0, moved.stderr
        assert repo.path.read_bytes() == board_before and changes_in_journal(repo.path) == 2
        ask(to_second, "Centro de Derechos Humanos Pénjamo")
        assert ask(to_second, "close") is None
        second.join(30)
    finally:
        for process in (first, second):
            if process.is_alive():
                process.kill()
    assert changes_in_journal(repo.path) == 0
    alone = open_board(repo.path)
    alone.verify()
    cid = campaign_id(alone)
    assert alone.placement(org(alone, "Casa del Migrante Belén").id, cid).stage == "trained"
    assert alone.placement(org(alone, "Clínica Jurídica Obrera").id, cid).stage == "trained"
    assert alone.placement(org(alone, "Centro de Derechos Humanos Pénjamo").id, cid).stage == "trained"


def test_a_command_with_no_session_open_does_not_fold(repo):
    repo.compact()
    moved = run_cli("--db", str(repo.path), *MOVE_BY_COMMAND)
    assert moved.returncode == 0, moved.stderr
    assert changes_in_journal(repo.path) == 1


def test_the_last_session_closing_folds_in_changes_other_sessions_made(repo):
    app, other = open_board(repo.path), open_board(repo.path)
    app.hold_open()
    flip(other, "Clínica Jurídica Obrera")
    assert app.close() is None
    assert changes_in_journal(repo.path) == 0
    assert open_board(repo.path).placement(org(repo, "Clínica Jurídica Obrera").id, campaign_id(repo)).stage == (
        "trained"
    )


def test_closing_with_an_empty_journal_writes_nothing(repo):
    repo.compact()
    app = open_board(repo.path)
    app.hold_open()
    before = on_disk(repo.path)
    assert app.close() is None
    assert on_disk(repo.path) == before


def test_a_session_that_never_held_the_board_open_does_not_fold_on_close(repo):
    assert changes_in_journal(repo.path) > 0
    before = on_disk(repo.path)
    assert repo.close() is None
    assert on_disk(repo.path) == before


def test_closing_twice_folds_once(repo):
    app = open_board(repo.path)
    app.hold_open()
    assert app.close() is None
    flip(app, "Clínica Jurídica Obrera")
    assert app.close() is None
    assert changes_in_journal(repo.path) == 1


def test_a_full_disk_at_close_leaves_the_journal_whole_and_says_so(repo, monkeypatch):
    app = open_board(repo.path)
    app.hold_open()
    before = on_disk(repo.path)

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full_disk)
        notice = app.close()
    assert notice is not None
    assert "disk is full" in notice and "No change is lost" in notice and str(journal_path(repo.path)) in notice
    assert on_disk(repo.path) == before
    assert not list(repo.path.parent.glob(".board.json.*.tmp"))
    open_board(repo.path).verify()


def test_a_lock_held_elsewhere_delays_closing_a_bounded_time(repo, monkeypatch):
    monkeypatch.setattr(session, "CLOSE_LOCK_SECONDS", 0.3)
    app = open_board(repo.path)
    app.hold_open()
    before = on_disk(repo.path)
    with open_board(repo.path).file.lock():
        start = time.monotonic()
        notice = app.close()
        waited = time.monotonic() - start
    assert notice is not None and "Another session was writing the board" in notice
    assert waited < 2
    assert on_disk(repo.path) == before


def test_of_two_sessions_the_second_to_let_go_is_the_last(tmp_path):
    board = tmp_path / "board.json"
    first, second = Presence(board), Presence(board)
    assert first.enter(mode=0o600, group=-1) and second.enter(mode=0o600, group=-1)
    assert not first.leave()
    assert second.leave()
    assert not first.held and not second.held


def test_the_sessions_file_gets_the_board_mode_and_holds_nothing(tmp_path, monkeypatch):
    team = tmp_path / "team"
    team.mkdir()
    os.chmod(team, 0o2770)
    repo = open_board(team / "board.json", create=True)
    old = os.umask(0o077)
    try:
        repo.hold_open()
    finally:
        os.umask(old)
    marks = sessions_path(repo.path)
    assert stat.S_IMODE(marks.stat().st_mode) == 0o660
    assert marks.stat().st_gid == team.stat().st_gid
    assert marks.read_bytes() == b""
    repo.close()
    assert marks.exists()  # never removed: another session may be opening it


def test_a_link_planted_as_the_sessions_file_is_not_followed(repo, tmp_path):
    target = tmp_path / "elsewhere"
    sessions_path(repo.path).symlink_to(target)
    app = open_board(repo.path)
    app.hold_open()
    before = on_disk(repo.path)
    assert app.close() is None
    assert not target.exists()
    assert on_disk(repo.path) == before


def test_a_session_that_cannot_write_the_folder_does_not_try(repo, monkeypatch):
    app = open_board(repo.path)
    app.hold_open()
    before = on_disk(repo.path)
    monkeypatch.setattr(session.os, "access", lambda path, mode: False)
    assert app.close() is None
    assert on_disk(repo.path) == before
    assert org(app, "Clínica Jurídica Obrera").name  # still readable after closing


def test_moves_still_work_after_the_sessions_file_was_deleted(repo):
    app, other = open_board(repo.path), open_board(repo.path)
    app.hold_open()
    other.hold_open()
    sessions_path(repo.path).unlink()
    assert app.close() is None
    assert changes_in_journal(repo.path) > 0  # its name leads nowhere now: not known to be the last
    late = open_board(repo.path)
    late.hold_open()
    flip(late, "Clínica Jurídica Obrera")
    assert late.close() is None
    assert changes_in_journal(repo.path) == 0
    other.close()
