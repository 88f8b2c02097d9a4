"""From an organization's details: v logs a visit, e edits the organization, d changes the card's
follow-up and owner; the details show the change, and each role gets the keys the board gives it."""

from __future__ import annotations

from datetime import date

from textual.widgets import Select
from textual.widgets._footer import FooterKey

import store.i18n
from outreach_tui.forms import CardForm, OrganizationForm, VisitForm
from outreach_tui.screens import DetailsScreen
from store import Actor, Repository
from tests.app.harness import RecordingApp, column, form_of, notice, run, screen_text, set_field, wait_for
from tests.boards import TODAY, open_board


def details_of(app: RecordingApp) -> DetailsScreen:
    screen = app.screen
    assert isinstance(screen, DetailsScreen), type(screen)
    return screen


async def open_details(pilot, app: RecordingApp) -> DetailsScreen:
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(app.screen, DetailsScreen))
    return details_of(app)


async def save_back_to_details(pilot, app: RecordingApp) -> DetailsScreen:
    await pilot.press("ctrl+s")
    assert await wait_for(pilot, lambda: isinstance(app.screen, DetailsScreen)), screen_text(app)
    await pilot.pause()
    return details_of(app)


def with_roles(repo: Repository) -> None:
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    repo.set_user("vera", "viewer")


def test_d_in_details_changes_the_card_and_the_details_show_it(repo: Repository):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            details = await open_details(pilot, app)
            await pilot.press("d")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CardForm))
            set_field(app, "next_follow_up", "2026-12-09")
            set_field(app, "owner", "luis")
            details = await save_back_to_details(pilot, app)
            assert details.details.card.next_follow_up == date(2026, 12, 9)
            details.query_one("#card-heading").scroll_visible(animate=False, top=True)
            await pilot.pause()
            shown = screen_text(app)
            assert "Dec 9, 2026" in shown and "luis" in shown
            assert app.said[-1] == f"Saved the card of {card.organization.name}."
        return card

    card = run(scenario())
    saved = open_board(repo.path).placement(card.id, repo.default_campaign().id)
    assert (saved.next_follow_up, saved.owner) == (date(2026, 12, 9), "luis")


def test_v_and_e_in_details_log_a_visit_and_edit_the_organization_and_the_details_show_both(repo: Repository):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            details = await open_details(pilot, app)
            visits = len(details.details.visits)
            await pilot.press("v")
            assert await wait_for(pilot, lambda: isinstance(app.screen, VisitForm))
            set_field(app, "findings", "Legal clinic open on Saturdays.")
            set_field(app, "fit", 4)
            details = await save_back_to_details(pilot, app)
            assert len(details.details.visits) == visits + 1
            assert app.said[-1] == "Visit logged."
            await pilot.press("e")
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm))
            set_field(app, "notes", "Ask for Rosa at the front desk.")
            details = await save_back_to_details(pilot, app)
            assert details.details.organization.notes == "Ask for Rosa at the front desk."
            assert "Ask for Rosa at the front desk." in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert column(app, 0).selected.id == card.id
        return card

    card = run(scenario())
    reopened = open_board(repo.path)
    assert reopened.visits(organization_id=card.id)[0].findings == "Legal clinic open on Saturdays."
    assert reopened.organization(card.id).notes == "Ask for Rosa at the front desk."


def test_a_viewer_sees_the_keys_greyed_in_details_and_is_told_why(repo: Repository):
    with_roles(repo)

    async def scenario():
        app = RecordingApp(open_board(repo.path, Actor("vera")), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            details = await open_details(pilot, app)
            for action in ("log_visit", "edit_organization", "edit_card"):
                assert details.check_action(action, ()) is None, action
            for key in ("d", "v", "e"):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, DetailsScreen), key
            assert app.said[-3:] == [
                "Not allowed to edit a card: vera is a viewer.",
                "Not allowed to log a visit: vera is a viewer.",
                "Not allowed to edit an organization: vera is a viewer.",
            ]

    run(scenario())


def test_a_trainer_changes_the_follow_up_from_details_and_is_not_offered_the_owner(repo: Repository):
    with_roles(repo)

    async def scenario():
        app = RecordingApp(open_board(repo.path, Actor("lucia")), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            details = await open_details(pilot, app)
            assert details.check_action("edit_card", ()) is True
            await pilot.press("d")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CardForm))
            assert list(form_of(app).values()) == ["next_follow_up"] and not app.screen.query(Select)
            set_field(app, "next_follow_up", "hoy")
            details = await save_back_to_details(pilot, app)
            assert details.details.card.next_follow_up == TODAY
        return card

    card = run(scenario())
    saved = open_board(repo.path).placement(card.id, repo.default_campaign().id)
    assert (saved.next_follow_up, saved.owner, saved.updated_by) == (TODAY, card.placement.owner, "lucia")


def test_a_change_made_meanwhile_in_another_session_is_refused_then_saved_over_when_asked(repo: Repository):
    campaign_id = repo.default_campaign().id

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("d")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CardForm))
            open_board(repo.path, Actor("luis")).edit_card(
                card.id, campaign_id=campaign_id, changes={"next_follow_up": date(2026, 12, 20)}
            )
            set_field(app, "next_follow_up", "2026-12-03")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, CardForm)
            assert "changed by luis" in notice(app) and "ctrl+s saves it over the newer version" in notice(app)
            assert open_board(repo.path).placement(card.id, campaign_id).next_follow_up == date(2026, 12, 20)
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: not isinstance(app.screen, CardForm))
        return card

    card = run(scenario())
    assert open_board(repo.path).placement(card.id, campaign_id).next_follow_up == date(2026, 12, 3)


def test_the_details_keys_fit_80_columns_in_spanish(repo: Repository):
    async def scenario():
        store.i18n.set_language("es")
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            details = await open_details(pilot, app)
            keys = list(details.query(FooterKey))
            assert [key.description for key in keys] == [
                "Cerrar",
                "Registrar visita",
                "Editar organización",
                "Seguimiento y responsable",
            ]
            assert all(key.region.right <= 80 and key.region.width for key in keys)

    run(scenario())
