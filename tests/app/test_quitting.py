"""Quitting the board: the last session open folds the journal into the board file, and never fails doing it."""

from __future__ import annotations

import errno
import os

from store import Actor
from store.files import journal_path
from tests.app.harness import RecordingApp, a_card, run
from tests.boards import TODAY, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING


def test_quitting_the_last_board_folds_the_journal_into_the_board_file(repo):
    card = a_card(repo)
    repo.move(card.id, "trained", campaign_id=repo.default_campaign().id, **WITHOUT_TRAINING)
    assert repo.journal_length()[0] > 0

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("q")
        return app

    app = run(scenario())
    assert app.return_code == 0
    alone = open_board(repo.path)
    assert alone.journal_length()[0] == 0
    assert alone.placement(card.id, repo.default_campaign().id).stage == "trained"


def test_quitting_while_another_board_is_open_leaves_the_fold_to_it(repo):
    card = a_card(repo)
    repo.move(card.id, "trained", campaign_id=repo.default_campaign().id, **WITHOUT_TRAINING)

    async def scenario():
        first = RecordingApp(repo, today=TODAY, watch_interval=None)
        second = RecordingApp(open_board(repo.path, Actor(login="luis")), today=TODAY, watch_interval=None)
        async with second.run_test(size=(80, 24)):
            async with first.run_test(size=(80, 24)) as pilot:
                await pilot.press("q")
            assert open_board(repo.path).journal_length()[0] > 0
        assert open_board(repo.path).journal_length()[0] == 0

    run(scenario())


def test_a_full_disk_when_quitting_exits_cleanly_saying_the_journal_keeps_the_changes(repo, monkeypatch, capfd):
    card = a_card(repo)
    repo.move(card.id, "trained", campaign_id=repo.default_campaign().id, **WITHOUT_TRAINING)
    before = on_disk(repo.path)

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        with monkeypatch.context() as patch:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                patch.setattr(os, "write", full_disk)
                await pilot.press("q")
        return app

    app = run(scenario())
    assert app.return_code == 0
    printed = " ".join(capfd.readouterr().err.split())
    assert "disk is full" in printed and "No change is lost" in printed
    assert str(journal_path(repo.path)) in printed
    assert on_disk(repo.path) == before
    assert open_board(repo.path).placement(card.id, repo.default_campaign().id).stage == "trained"
