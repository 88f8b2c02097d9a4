"""The app follows the board's settings: times in its time zone, stage labels in the current language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from store import Actor, i18n
from store.i18n import set_language
from tests.app.harness import RecordingApp, run, screen_text, wait_for
from tests.boards import open_board


def test_the_app_shows_times_in_the_boards_zone_and_today_is_today_there(repo):
    repo.set_time_zone("Pacific/Kiritimati")
    app = RecordingApp(repo, watch_interval=None)
    assert i18n.time_zone_abbreviation() == "+14"
    assert app.today == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()


def test_the_board_columns_are_headed_in_the_current_language(repo):
    set_language("es")

    async def scenario():
        app = RecordingApp(repo, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "Contactada" in shown and "Capacitada" in shown and "Aliada activa" in shown
            assert "Contacted" not in shown

    run(scenario())


def test_a_time_zone_set_by_another_session_is_followed_while_the_app_runs(repo):
    async def scenario():
        app = RecordingApp(repo, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            assert i18n.time_zone_abbreviation() == "UTC"
            open_board(repo.path, Actor("luis")).set_time_zone("America/Mexico_City")
            await wait_for(pilot, lambda: i18n.time_zone_abbreviation() == "CST")
            assert i18n.time_zone_abbreviation() == "CST"

    run(scenario())
