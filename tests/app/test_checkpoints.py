"""Another session's checkpoint, as an open board sees it: taken over, nothing read or redrawn."""

from __future__ import annotations

from store import Actor
from store.storage import BoardFile
from tests.app.harness import RecordingApp, a_card, column, run, wait_for
from tests.boards import TODAY, open_board
from tests.store.helpers import WITHOUT_TRAINING


def test_another_sessions_checkpoint_is_taken_over_without_reading_or_redrawing_the_board(repo, monkeypatch):
    other = open_board(repo.path, Actor(login="luis"))
    card = a_card(repo)
    campaign_id = repo.default_campaign().id

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            other.move(card.id, "trained", campaign_id=campaign_id, **WITHOUT_TRAINING)
            assert await wait_for(pilot, lambda: card.id in [c.id for c in column(app, 1).cards])
            reads: list[object] = []
            read_bytes = BoardFile.read_bytes
            monkeypatch.setattr(BoardFile, "read_bytes", lambda self: reads.append(self) or read_bytes(self))
            generation, notices = app.repo.generation, len(app.notices)
            other.compact()
            assert await wait_for(pilot, lambda: not app.repo.changed_on_disk())
            await pilot.pause()
            assert reads == []
            assert app.repo.generation == generation  # the board had nothing to redraw
            assert len(app.notices) == notices
            assert card.id in [c.id for c in column(app, 1).cards]

    run(scenario())
