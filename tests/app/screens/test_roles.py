"""What a role sees of a form: only the fields it may change, and no form it may not use at all."""

from __future__ import annotations

import pytest
from textual.widgets import Static

import store.i18n
from outreach_tui.forms import CampaignForm, OrganizationForm
from outreach_tui.forms.organization import FIELD_PATHS
from outreach_tui.screens import CampaignPicker
from store import Actor
from tests.app.harness import RecordingApp, board_of, form_of, run, screen_text, type_text, wait_for
from tests.boards import TODAY, open_board


@pytest.fixture
def users(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    repo.set_user("vera", "viewer")
    return repo


def app_of(repo, login: str) -> RecordingApp:
    return RecordingApp(open_board(repo.path, Actor(login)), today=TODAY, watch_interval=None)


def test_a_trainer_edits_an_organizations_notes_only_and_saving_them_is_not_refused(users):
    async def scenario():
        app = app_of(users, "lucia")
        async with app.run_test(size=(80, 24)) as pilot:
            card = board_of(app).selected_card()
            await pilot.press("e")
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm))
            form = form_of(app)
            assert list(form.values()) == ["notes"]
            assert app.focused is form.control("notes")
            assert "lets you change only what is shown here" in str(form.query_one("#form-scope", Static).render())
            assert "Name" not in screen_text(app)
            await type_text(pilot, "Asked for a second workshop. ")
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: not isinstance(app.screen, OrganizationForm))
            return card.id, app.said

    organization_id, said = run(scenario())
    reopened = open_board(users.path)
    assert reopened.organization(organization_id).notes.startswith("Asked for a second workshop.")
    assert not [line for line in said if "Not allowed" in line]


def test_a_coordinator_gets_every_field_of_the_organization_form(users):
    async def scenario():
        app = app_of(users, "ana")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm))
            assert list(form_of(app).values()) == list(FIELD_PATHS)
            assert not form_of(app).query("#form-scope")

    run(scenario())


@pytest.mark.parametrize(("key", "refusal"), [("n", "add an organization"), ("e", "edit an organization")])
def test_a_form_the_role_may_not_use_is_not_opened_and_says_why(users, key, refusal):
    login = "lucia" if key == "n" else "vera"

    async def scenario():
        app = app_of(users, login)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, OrganizationForm)
            return app.said

    assert f"Not allowed to {refusal}: {login} is a" in run(scenario())[-1]


@pytest.mark.parametrize(("key", "refusal"), [("n", "create a campaign"), ("e", "change a campaign")])
def test_a_trainer_in_the_campaign_picker_is_told_why_instead_of_a_campaign_form(users, key, refusal):
    async def scenario():
        app = app_of(users, "lucia")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CampaignPicker))
            assert app.screen.check_action("new_campaign", ()) is None
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CampaignPicker) and not isinstance(app.screen, CampaignForm)
            return app.said

    assert run(scenario())[-1] == f"Not allowed to {refusal}: lucia is a trainer."


def test_a_coordinator_in_the_campaign_picker_gets_the_campaign_form(users):
    async def scenario():
        app = app_of(users, "ana")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CampaignPicker))
            await pilot.press("e")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CampaignForm))

    run(scenario())


def test_the_trainers_form_says_so_in_spanish(users):
    store.i18n.set_language("es")

    async def scenario():
        app = app_of(users, "lucia")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm))
            return str(form_of(app).query_one("#form-scope", Static).render())

    assert run(scenario()).startswith("Su rol (capacitador(a)) solo le permite cambiar")
