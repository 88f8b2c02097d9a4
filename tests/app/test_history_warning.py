"""The board warns while its history shows problems nobody acknowledged; a coordinator's A acknowledges them."""

from __future__ import annotations

import json
from datetime import timedelta

from outreach_tui.app import OutreachApp
from outreach_tui.widgets import HistoryWarning
from store import Actor
from tests.app.harness import RecordingApp, history_checked, run, wait_for
from tests.boards import TODAY, fixed_clock, folded, open_board


def tamper(repo) -> str:
    """Raise an organization's version in the file by hand, as a text editor would; returns its name."""
    document = json.loads(folded(repo.path).read_text(encoding="utf-8"))
    org = next(iter(document["organizations"].values()))
    org["version"] = org.get("version", 1) + 3
    repo.path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return org["name"]


def test_a_clean_history_shows_no_bar(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await history_checked(app, pilot)
            bar = app.screen.query_one(HistoryWarning)
            assert not bar.problems and not bar.has_class("-shown") and bar.display is False

    run(scenario())


def test_the_bar_names_the_problem_until_a_coordinator_acknowledges_it(repo):
    name = tamper(repo)
    reopened = open_board(repo.path)

    async def scenario():
        app = RecordingApp(reopened, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            bar = app.screen.query_one(HistoryWarning)
            assert await wait_for(pilot, lambda: bool(bar.problems))
            assert bar.has_class("-shown") and bar.display
            assert name in str(bar.render())
            await pilot.press("A")
            assert await wait_for(pilot, lambda: not bar.problems)
            assert any("Acknowledged 1 problem" in said for said in app.said)

    run(scenario())
    newest = open_board(repo.path).history(limit=1)[0]
    assert newest.kind == "history_acknowledged"
    assert open_board(repo.path).history_check().unacknowledged == []


def test_a_trainer_cannot_acknowledge(repo):
    repo.set_user(repo.actor.login, "coordinator")
    repo.set_user("lucia", "trainer")
    tamper(repo)
    trainer = open_board(repo.path, Actor("lucia"))

    async def scenario():
        app = RecordingApp(trainer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            bar = app.screen.query_one(HistoryWarning)
            assert await wait_for(pilot, lambda: bool(bar.problems))
            await pilot.press("A")
            await pilot.pause()
            assert bar.problems
            assert any("acknowledge problems in the history" in said for said in app.said), app.said

    run(scenario())
    assert open_board(repo.path).history_check().unacknowledged


def test_the_board_names_organizations_kept_past_the_contact_retention(repo, monkeypatch):
    org = next(org for org in repo.organizations() if org.contacts)
    repo.archive_organization(org.id)
    repo.set_contact_retention(30)
    monkeypatch.setattr("store.reading.utc_now", lambda: fixed_clock() + timedelta(days=31))

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await wait_for(pilot, lambda: any("retention of 30 days" in said for said in app.said))
            assert any(org.name in said and "forget-contacts --expired" in said for said in app.said)

    run(scenario())


def test_the_retention_is_looked_at_again_only_after_an_hour(repo, monkeypatch):
    """A look reads every organization, card and event: not after every change another session makes."""
    calls = {"history": 0, "expired": 0}
    for name, key in (("history_check", "history"), ("expired_contacts", "expired")):
        real = getattr(type(repo), name)

        def counted(self, *args, _real=real, _key=key, **kwargs):
            calls[_key] += 1
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(type(repo), name, counted)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            assert await wait_for(pilot, lambda: calls["expired"] == 1)
            app.screen.flows.check_history()
            assert await wait_for(pilot, lambda: calls["history"] == 2)
            await app.workers.wait_for_complete()
            assert calls["expired"] == 1
            monkeypatch.setattr("outreach_tui.screens.history_flows.EXPIRED_LOOK_SECONDS", 0.0)
            app.screen.flows.check_history()
            assert await wait_for(pilot, lambda: calls["expired"] == 2)

    run(scenario())


def test_the_warning_bar_80x24(snap_compare, repo):
    tamper(repo)
    app = OutreachApp(open_board(repo.path), today=TODAY, watch_interval=None)

    async def checked(pilot) -> None:
        assert await wait_for(pilot, lambda: bool(pilot.app.screen.query_one(HistoryWarning).problems))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=checked)
