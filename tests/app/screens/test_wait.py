"""Writing while another process holds the board's lock: the board waits in a worker, says so,
and escape gives up the write (issue 15, item 13: the board froze for 13-15 s)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach_tui.forms import OrganizationForm
from outreach_tui.screens.board import BoardScreen
from outreach_tui.screens.help import HelpScreen
from outreach_tui.screens.wait import WaitScreen
from tests.app.harness import RecordingApp, column, run, screen_text, type_text, wait_for
from tests.boards import TODAY, open_board

HOLDER = """
import sys
from store import Repository
repo = Repository.open(sys.argv[1])
with repo.file.lock():
    print("held", flush=True)
    sys.stdin.readline()
"""


class LockHolder:
    """Another process holding the board's write lock until ``release()``."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
        self.process.wait(10)


@pytest.fixture
def holder(repo) -> Iterator[LockHolder]:
    held = LockHolder(repo.path)
    yield held
    held.release()


def named(path: Path, name: str) -> list[str]:
    return [org.id for org in open_board(path).organizations() if org.name == name]


WAITING = "Waiting for the board: another session is writing… (esc to cancel)"


def test_a_move_waits_for_the_lock_without_freezing_and_escape_cancels_it(repo, holder):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            assert WAITING in screen_text(app)
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=3)
            assert app.said[-1] == "Cancelled: nothing was changed."
            holder.release()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            assert card.id in [c.id for c in column(app, 1).cards]

    run(scenario())


def test_a_move_made_while_the_board_is_locked_is_written_once_the_lock_is_free(repo, holder):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            holder.release()
            assert await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=5)
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "active"
            assert column(app, 2).selected.id == card.id

    run(scenario())


def test_a_form_save_waits_a_cancelled_wait_keeps_what_was_typed_and_the_next_save_goes_through(repo, holder):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, "Casa Refugio")
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm), timeout=3)
            assert app.screen.values()["name"] == "Casa Refugio"
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            assert not named(repo.path, "Casa Refugio")
            holder.release()
            assert await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=5)
            assert len(named(repo.path, "Casa Refugio")) == 1
            await pilot.pause()
            assert app.said[-1] == "Saved Casa Refugio."

    run(scenario())


def test_the_board_free_while_help_covers_the_notice_goes_on_with_the_write_once_help_closes(repo, holder):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            # Keys stop at the modal notice, but the command palette (ctrl+p) can still open help.
            await app.run_action("help")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            holder.release()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), timeout=5)
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "active"

    run(scenario())


def test_quitting_while_waiting_ends_the_wait_and_writes_nothing(repo, holder):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            assert await wait_for(pilot, lambda: isinstance(app.screen, WaitScreen), timeout=3)
            (waiting,) = [worker for worker in app.workers if worker.group == "board-lock"]
            app.exit()
        return card, app, waiting

    # Should the wait outlive the app, the lock comes free after a while so the test ends anyway;
    # the wait must have ended while the lock was still held, by the quit, not by that release.
    safety = threading.Timer(20, holder.release)
    safety.start()
    card, app, waiting = run(scenario())
    assert waiting.is_finished and not safety.finished.is_set()
    safety.cancel()
    holder.release()
    assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
