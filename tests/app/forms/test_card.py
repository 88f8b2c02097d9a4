"""The card form: the next follow-up and the owner, each role offered what the store lets it change."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import CardForm
from store import Actor, Repository
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    a_card,
    campaign,
    discard_changes,
    field_value,
    form_of,
    notice,
    organization,
    placement,
    problem_rows,
    run,
    screen_text,
    set_field,
    wait_for,
)
from tests.boards import TODAY, open_board


def card_form(save, *, owners: list[str] | None = ("ana", "luis"), **card) -> Harness:  # type: ignore[assignment]
    org = organization()
    chosen = placement(org, **({"owner": "ana", "next_follow_up": date(2026, 12, 1)} | card))
    shown = list(owners) if owners is not None else None
    return Harness(lambda: CardForm(org, campaign(), chosen, TODAY, owners=shown, save=save))


def test_a_coordinator_changes_both_and_the_real_repository_keeps_them(repo: Repository):
    card = a_card(repo)
    chosen = repo.default_campaign()

    def save(changes):
        return repo.edit_card(card.id, campaign_id=chosen.id, changes=changes, expected_version=card.placement.version)

    async def scenario():
        app = Harness(
            lambda: CardForm(card.organization, chosen, card.placement, TODAY, owners=["ana", "lucia"], save=save)
        )
        async with app.run_test(size=SIZE) as pilot:
            assert app.focused is form_of(app).control("next_follow_up")
            assert field_value(app, "owner") == (card.placement.owner or None)
            set_field(app, "next_follow_up", "20/12/2026")
            set_field(app, "owner", "lucia")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    saved = run(scenario())
    reopened = open_board(repo.path).placement(card.id, chosen.id)
    assert (saved.next_follow_up, saved.owner) == (date(2026, 12, 20), "lucia")
    assert (reopened.next_follow_up, reopened.owner) == (date(2026, 12, 20), "lucia")
    assert reopened.version == card.placement.version + 1


def test_only_what_changed_is_sent_empty_clears_the_follow_up_and_hoy_is_today():
    save = FakeSave("saved")

    async def scenario(typed: str, owner: str | None):
        app = card_form(save)
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "next_follow_up", typed)
            set_field(app, "owner", Select.NULL if owner is None else owner)
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result == "saved"

    run(scenario("", "ana"))
    run(scenario("hoy", None))
    assert save.calls == [{"next_follow_up": None}, {"next_follow_up": TODAY, "owner": ""}]


def test_saving_without_a_change_closes_without_saving():
    save = FakeSave("saved")

    async def scenario():
        app = card_form(save)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
        assert app.result is None

    run(scenario())
    assert save.calls == []


def test_a_mistyped_date_is_shown_beside_its_field_and_nothing_is_saved():
    save = FakeSave("saved")

    async def scenario():
        app = card_form(save)
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "next_follow_up", "31/02/2026")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"next_follow_up"}
            assert isinstance(app.screen, CardForm)

    run(scenario())
    assert save.calls == []


def test_a_trainer_is_offered_the_follow_up_only_and_the_store_accepts_what_the_form_sends(repo: Repository):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor("lucia"))
    chosen = trainer.default_campaign()
    card = a_card(trainer)

    def save(changes):
        return trainer.edit_card(
            card.id, campaign_id=chosen.id, changes=changes, expected_version=card.placement.version
        )

    async def scenario():
        app = Harness(lambda: CardForm(card.organization, chosen, card.placement, TODAY, owners=None, save=save))
        async with app.run_test(size=SIZE) as pilot:
            form = form_of(app)
            assert list(form.values()) == ["next_follow_up"]
            assert not form.query(Select) and len(form.query(Input)) == 1
            await pilot.pause()
            assert card.placement.owner in screen_text(app)
            hint = str(form.query_one(".-read-only .field-hint").render())
            assert hint == "Only a coordinator can change the owner."
            await pilot.press("tab")
            assert app.focused is form.control("next_follow_up")
            set_field(app, "next_follow_up", "2026-12-10")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    saved = run(scenario())
    reopened = open_board(repo.path).placement(card.id, chosen.id)
    assert reopened.next_follow_up == date(2026, 12, 10) == saved.next_follow_up
    assert reopened.owner == card.placement.owner and reopened.updated_by == "lucia"


def test_an_unusual_date_is_asked_about_and_saved_only_when_confirmed():
    save = FakeSave("saved")

    async def scenario():
        app = card_form(save)
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "next_follow_up", "2025-11-20")
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert "The next follow-up, Nov 20, 2025, is more than six months ago." in screen_text(app)
            await pilot.press("n")
            assert await wait_for(pilot, lambda: isinstance(app.screen, CardForm))
            assert "correct the date" in notice(app)
            assert save.calls == []
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await pilot.pause()
        assert app.result == "saved"

    run(scenario())
    assert save.calls == [{"next_follow_up": date(2025, 11, 20)}]


def test_an_unusual_date_already_on_the_card_is_not_asked_about_again():
    save = FakeSave("saved")

    async def scenario():
        app = card_form(save, next_follow_up=date(2025, 1, 10))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "owner", "luis")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result == "saved"

    run(scenario())
    assert save.calls == [{"owner": "luis"}]


def test_escape_asks_before_discarding_a_change_and_closes_at_once_without_one():
    save = FakeSave("saved")

    async def scenario(change: bool):
        app = card_form(save)
        async with app.run_test(size=SIZE) as pilot:
            if change:
                set_field(app, "owner", "luis")
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                assert "Changed: Owner." in screen_text(app)
                await pilot.press("n")
                await pilot.pause()
                assert field_value(app, "owner") == "luis"
                await discard_changes(pilot)
            else:
                await pilot.press("escape")
                await pilot.pause()
        assert app.result is None

    run(scenario(True))
    run(scenario(False))
    assert save.calls == []
