"""On the board, a card enters the training stage with a training, or (for a coordinator) without one, with a
reason that its history and details keep; and undo goes on after a refusal."""

from __future__ import annotations

from outreach_tui.forms import TrainingForm, WithoutTrainingForm
from outreach_tui.screens.details import DetailsScreen
from store import Actor
from tests.app.harness import (
    RecordingApp,
    column,
    fresh_training_values,
    notice,
    problem_rows,
    run,
    screen_text,
    set_field,
    type_text,
)
from tests.boards import TODAY, open_board


def test_a_coordinator_moves_a_card_into_trained_without_a_training_with_a_reason(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert isinstance(app.screen, TrainingForm)
            assert "Without a training" in screen_text(app)
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, WithoutTrainingForm)
            await pilot.press("enter")
            await pilot.pause()
            # No reason, no move: the form says what is missing.
            assert isinstance(app.screen, WithoutTrainingForm)
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "contacted"
            await type_text(pilot, "Trained by the ministry")
            await pilot.press("enter")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(card.id, app.campaign_id).stage == "trained"
            event = reopened.history(organization_id=card.id, limit=1)[0]
            assert event.without_training and event.reason == "Trained by the ministry"
            assert reopened.trainings(organization_id=card.id) == []
            assert app.said[-1] == "Moved without a training; the reason is kept in its history."
            await pilot.press("l", "enter")
            await pilot.pause()
            assert isinstance(app.screen, DetailsScreen)
            assert "Trained by the ministry" in screen_text(app)

    run(scenario())


def test_a_trainer_is_offered_only_the_training_record(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor("lucia"))

    async def scenario():
        app = RecordingApp(trainer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert isinstance(app.screen, TrainingForm)
            assert "Without a training" not in screen_text(app)
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, TrainingForm)
            await type_text(pilot, "Derechos laborales")
            await pilot.press("enter")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(card.id, app.campaign_id).stage == "trained"
            assert len(reopened.trainings(organization_id=card.id)) == 1

    run(scenario())


def test_u_after_a_refused_undo_goes_on_to_the_earlier_change_and_says_what_is_next(repo):
    campaign_id = repo.default_campaign().id
    first, second = repo.board(campaign_id).columns[1].cards[:2]
    repo.move(first.id, "active", campaign_id=campaign_id)
    repo.move(second.id, "active", campaign_id=campaign_id)
    open_board(repo.path, Actor("luis")).move(second.id, "trained", campaign_id=campaign_id)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("u")
            await pilot.pause()
            refusal = app.said[-1]
            assert "changed by luis" in refusal and refusal.endswith("Press u again to undo it.")
            assert open_board(repo.path).placement(first.id, campaign_id).stage == "active"
            await pilot.press("u")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(first.id, campaign_id).stage == "trained"
            assert reopened.placement(second.id, campaign_id).stage == "trained"
            lines = app.said[-1].splitlines()
            assert lines[0] == f"Undone: moved {first.organization.name} from Trained to Active partner"
            assert lines[1] == (
                f"Gone past (someone changed it since your change): moved {second.organization.name} "
                "from Trained to Active partner"
            )
            assert lines[-1].startswith("Next to undo: ")

    run(scenario())


def test_the_training_form_opens_again_as_new_for_the_next_card(repo):
    """ "]" shows the form kept from the last training: nothing of that training may show in it."""

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            first = column(app, 0).selected
            await pilot.press("right_square_bracket")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, TrainingForm)
            await pilot.press("enter")  # no topic: the form says so
            await pilot.pause()
            assert "topic" in problem_rows(app) and notice(app)
            await type_text(pilot, "Derechos laborales")
            set_field(app, "place", "Tapachula")
            await pilot.press("enter")
            await pilot.pause()
            assert open_board(repo.path).placement(first.id, app.campaign_id).stage == "trained"
            column(app, 0).focus()
            await pilot.pause()
            second = column(app, 0).selected
            assert second is not None and second.id != first.id
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.screen is form
            assert form.values() == fresh_training_values(repo, TODAY)
            assert problem_rows(app) == {} and notice(app) == ""
            assert second.organization.name in screen_text(app)
            assert first.organization.name not in screen_text(app)
            assert app.focused is form.control("topic")
            await type_text(pilot, "Salud")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is not form
            reopened = open_board(repo.path)
            assert reopened.placement(second.id, app.campaign_id).stage == "trained"
            [training] = reopened.trainings(organization_id=second.id)
            assert training.topic == "Salud" and training.place == ""
            assert [item.organization_id for item in training.attendance] == [second.id]

    run(scenario())


def test_the_kept_training_form_goes_with_its_board(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right_square_bracket")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, TrainingForm)
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_screen_installed(form)
            app.open_campaign(repo.create_campaign("Otra campaña").id)
            await pilot.pause()
            assert not app.is_screen_installed(form) and not form.is_attached

    run(scenario())
