"""A refresh says who changed what in other sessions, and counts a script's hundreds of changes."""

from __future__ import annotations

from datetime import UTC, datetime

from outreach_tui.change_notice import change_notice
from store import Actor, Event, i18n
from tests.app.harness import RecordingApp, column, run, wait_for
from tests.boards import TODAY, open_board


def notices_of(app: RecordingApp) -> list[str]:
    return [
        notice.message
        for notice in app.notices
        if notice.title in ("Changes from other sessions", "Cambios de otras sesiones")
    ]


def test_a_move_in_another_session_is_told_by_who_and_what(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 1).cards[0]
            open_board(repo.path, Actor(login="luis")).move(card.id, "active", campaign_id=app.campaign_id)
            assert await wait_for(pilot, lambda: bool(notices_of(app)))
            name = card.organization.name
            assert notices_of(app) == [f"luis moved {name} from Trained to Active partner"]

    run(scenario())


def test_hundreds_of_changes_by_a_script_make_one_short_line_in_the_current_language(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            i18n.set_language("es")
            script = open_board(repo.path, Actor(login="luis"))
            cards = list(column(app, 0).cards)
            earlier = {event.id for event in script.history()}
            for card in cards:
                script.edit_card(card.id, campaign_id=app.campaign_id, changes={"owner": "luis"})
            trained = column(app, 1).cards[0]
            open_board(repo.path, Actor(login="sam")).move(trained.id, "active", campaign_id=app.campaign_id)
            app.check_for_changes()
            await pilot.pause()
            (notice,) = notices_of(app)
            made = len({event.group for event in script.history() if event.id not in earlier and event.actor == "luis"})
            assert made > 3
            name = trained.organization.name
            assert notice.splitlines() == [
                f"luis hizo {made} cambios",
                f"sam movió {name} de Capacitada a Aliada activa",
            ]

    run(scenario())


def test_many_people_at_once_still_make_a_notice_of_four_lines():
    at = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
    events = [
        Event(
            id=f"evt-test{index:04d}",
            group=f"grp-test{index:04d}",
            at=at,
            actor=login,
            kind="visit_logged",
            entity="visit",
        )
        for index, login in enumerate(["ana", "luis", "sam", "maria", "eva", "rosa"])
    ]
    lines = change_notice(events, lambda event: "logged a visit").splitlines()
    assert lines == ["ana logged a visit", "luis logged a visit", "sam logged a visit", "…and 3 more"]
    assert change_notice([], str) == ""
