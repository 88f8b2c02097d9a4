"""The training form: enter records the prefilled training; attendee counts and their problems."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import TrainingForm
from store import ConflictError, Repository, ValidationFailed
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    campaign,
    discard_changes,
    field_value,
    form_of,
    notice,
    organization,
    problem_rows,
    run,
    screen_text,
    set_field,
    type_text,
    wait_for,
)
from tests.boards import TODAY, open_board


def two_organizations():
    return [organization("Casa del Migrante Belén"), organization("Red Comunitaria Raíces", id="org-test0002")]


def test_the_topic_typed_and_enter_records_the_prefilled_training():
    orgs, cmp = two_organizations(), campaign()
    save = FakeSave("training")

    async def scenario():
        app = Harness(lambda: TrainingForm(orgs, cmp, TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.focused, Input) and app.focused.id == "topic"
            await type_text(pilot, "Derechos laborales")
            await pilot.press("enter")
            await pilot.pause()
        assert app.result == "training"
        assert save.calls == [
            {
                "campaign_id": cmp.id,
                "date": TODAY,
                "place": "",
                "trainers": ["ana"],
                "topic": "Derechos laborales",
                "attendance": [
                    {"organization_id": "org-test0001", "attendees": 1},
                    {"organization_id": "org-test0002", "attendees": 1},
                ],
            }
        ]

    run(scenario())


def test_an_empty_topic_is_refused_beside_its_field_and_nothing_is_saved():
    save = FakeSave("training")

    async def scenario():
        app = Harness(lambda: TrainingForm(two_organizations(), campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "   ")
            await pilot.press("enter")
            await pilot.pause()
            assert problem_rows(app) == {"topic": "required"}
            assert "Topic" in notice(app)
            assert app.focused is form_of(app).control("topic")
            assert not app.closed
        assert save.calls == []

    run(scenario())


def test_the_store_refuses_an_empty_topic_beside_the_field(repo: Repository):
    chosen = repo.default_campaign()
    attending = [card.organization for card in repo.board(chosen.id).columns[0].cards[:1]]
    before = len(repo.trainings())

    def save_without_topic(fields, **options):
        return repo.record_training({**fields, "topic": ""}, **options)

    async def scenario():
        app = Harness(lambda: TrainingForm(attending, chosen, TODAY, "ana", save=save_without_topic))
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "Derechos")
            await pilot.press("enter")
            await pilot.pause()
            assert "what the training covered" in problem_rows(app)["topic"]
            assert not app.closed

    run(scenario())
    assert len(open_board(repo.path).trainings()) == before


def test_enter_in_an_attendee_count_records_the_training_with_the_real_repository(repo: Repository):
    chosen = repo.default_campaign()
    contacted = repo.board(chosen.id).columns[0].cards[:2]

    async def scenario():
        app = Harness(
            lambda: TrainingForm([c.organization for c in contacted], chosen, TODAY, "ana", save=repo.record_training)
        )
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "Derechos laborales")
            form_of(app).control("date").focus()
            await pilot.press("ctrl+u")
            await type_text(pilot, "2026-11-20")
            await pilot.press("tab")
            await type_text(pilot, "Tapachula")
            form_of(app).control("attendance.1.attendees").focus()
            await pilot.press("backspace", "7", "enter")
            await pilot.pause()
        return app.result

    training = run(scenario())
    assert training.date == date(2026, 11, 20) and training.place == "Tapachula"
    assert [a.attendees for a in training.attendance] == [1, 7]
    reopened = open_board(repo.path)
    assert {reopened.placement(c.id, chosen.id).stage for c in contacted} == {"trained"}


def test_zero_attendees_leaves_an_organization_out_and_store_problems_find_the_right_row():
    orgs = two_organizations()
    save = FakeSave(
        ValidationFailed(
            "Invalid training", [("attendance.0.attendees", "Input should be less than or equal to 10000")]
        )
    )

    async def scenario():
        app = Harness(lambda: TrainingForm(orgs, campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "topic", "Derechos laborales")
            set_field(app, "attendance.0.attendees", "0")
            await pilot.press("enter")
            await pilot.pause()
            # The one item sent is the second organization: its row shows the problem.
            assert set(problem_rows(app)) == {"attendance.1.attendees"}
            assert "Red Comunitaria Raíces" in notice(app)
            assert not app.closed
        assert save.calls[0]["attendance"] == [{"organization_id": "org-test0002", "attendees": 1}]

    run(scenario())


def test_training_client_problems_conflict_and_escape():
    save = FakeSave(ConflictError("changed by luis at 2026-11-24 16:31 UTC"))

    async def scenario():
        app = Harness(lambda: TrainingForm(two_organizations(), campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "attendance.0.attendees", "many")
            set_field(app, "attendance.1.attendees", "0")
            await pilot.press("enter")
            await pilot.pause()
            assert set(problem_rows(app)) == {"topic", "attendance.0.attendees"}
            assert save.calls == []
            set_field(app, "attendance.0.attendees", "0")
            set_field(app, "topic", "Derechos laborales básicos")
            await pilot.press("enter")
            await pilot.pause()
            assert "at least one organization" in problem_rows(app)["attendance.0.attendees"]
            set_field(app, "attendance.0.attendees", "3")
            await pilot.press("enter")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "topic") == "Derechos laborales básicos"
            await discard_changes(pilot)
        assert app.result is None

    run(scenario())


def test_the_same_training_again_asks_before_recording_it_twice(repo: Repository):
    chosen = repo.default_campaign()
    attending = [card.organization for card in repo.board(chosen.id).columns[0].cards[:2]]
    first = repo.record_training(
        {
            "campaign_id": chosen.id,
            "date": TODAY,
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": org.id} for org in attending],
        }
    )
    before = len(repo.trainings())

    async def scenario():
        app = Harness(lambda: TrainingForm(attending, chosen, TODAY, "ana", save=repo.record_training))
        async with app.run_test(size=SIZE) as pilot:
            await type_text(pilot, "Derechos laborales")
            await pilot.press("enter")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            shown = screen_text(app)
            assert first.id in shown and "Record it anyway?" in shown
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: isinstance(app.screen, TrainingForm))
            assert len(open_board(repo.path).trainings()) == before
            await pilot.press("enter")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            assert await wait_for(pilot, lambda: app.closed)
        return app.result

    second = run(scenario())
    assert second.id != first.id
    assert len(open_board(repo.path).trainings()) == before + 1
