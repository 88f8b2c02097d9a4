"""The visit form: prefilled, shaped like a Visit, problems beside their fields."""

from __future__ import annotations

from datetime import date

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import VisitForm
from store import ConflictError, Repository, ValidationFailed
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
    problem_rows,
    run,
    screen_text,
    set_field,
    wait_for,
)
from tests.boards import TODAY, open_board


def test_visit_form_is_prefilled_and_saves_a_visit_with_the_real_repository(repo: Repository):
    card = a_card(repo)
    chosen = repo.default_campaign()

    async def scenario():
        app = Harness(lambda: VisitForm(card.organization, chosen, TODAY, "ana", save=repo.log_visit))
        async with app.run_test(size=SIZE) as pilot:
            assert field_value(app, "date") == "2026-11-24"
            assert field_value(app, "visitors") == "ana"
            assert app.focused is form_of(app).control("date")
            set_field(app, "people_met", "Dirección, Área jurídica")
            set_field(app, "findings", "Two lawyers on staff.")
            set_field(app, "fit", 4)
            set_field(app, "next_follow_up", "2026-12-05")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    visit = run(scenario())
    reopened = open_board(repo.path)
    assert visit.fit == 4 and visit.people_met == ["Dirección", "Área jurídica"]
    assert reopened.visits(organization_id=card.id)[0].id == visit.id
    assert reopened.placement(card.id, chosen.id).next_follow_up == date(2026, 12, 5)


def test_visit_form_passes_a_dict_shaped_like_a_visit():
    org, cmp = organization(), campaign()
    save = FakeSave("visit")

    async def scenario():
        app = Harness(lambda: VisitForm(org, cmp, TODAY, "ana via outreach", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "fit", 2)
            set_field(app, "recommendation", "Invite to the March training")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result == "visit"
        assert save.calls == [
            {
                "organization_id": org.id,
                "campaign_id": cmp.id,
                "date": TODAY,
                "visitors": ["ana via outreach"],
                "people_met": [],
                "findings": "",
                "fit": 2,
                "recommendation": "Invite to the March training",
                "next_follow_up": None,
            }
        ]

    run(scenario())


def test_visit_problems_show_beside_their_fields():
    save = FakeSave(
        ValidationFailed("Invalid visit", [("next_follow_up", "must be after the visit"), ("visitors.0", "too long")])
    )

    async def scenario():
        app = Harness(lambda: VisitForm(organization(), campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "date", "11/24/2026")
            await pilot.press("ctrl+s")
            await pilot.pause()
            shown = problem_rows(app)
            assert set(shown) == {"date", "fit"}
            assert "looks like month/day/year" in shown["date"]
            assert save.calls == []
            set_field(app, "date", "2026-11-24")
            set_field(app, "fit", 3)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"next_follow_up", "visitors"}
            assert not app.closed

    run(scenario())


def test_visit_conflict_keeps_typed_values_and_escape_cancels():
    save = FakeSave(ConflictError("The card was changed by luis at 2026-11-24 16:31 UTC (moved it)."))

    async def scenario():
        app = Harness(lambda: VisitForm(organization(), campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "findings", "Strong legal team.")
            set_field(app, "fit", 5)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "findings") == "Strong legal team."
            assert field_value(app, "fit") == 5
            await discard_changes(pilot)
        assert app.result is None

    run(scenario())


def test_visit_dates_typed_day_first_or_as_hoy_and_an_ambiguous_one_shown_with_both_readings():
    save = FakeSave("visit")

    async def scenario():
        app = Harness(lambda: VisitForm(organization(), campaign(), TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "date", "20/11/2026")
            set_field(app, "fit", 3)
            set_field(app, "next_follow_up", "03/04/2026")
            await pilot.press("ctrl+s")
            await pilot.pause()
            shown = problem_rows(app)
            assert shown == {
                "next_follow_up": "03/04/2026 could be 3 April or 4 March 2026; type 2026-04-03 or 2026-03-04"
            }
            assert save.calls == []
            set_field(app, "next_follow_up", "hoy")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert (save.calls[0]["date"], save.calls[0]["next_follow_up"]) == (date(2026, 11, 20), TODAY)

    run(scenario())


def test_an_unusual_date_is_asked_about_and_saved_only_when_confirmed(repo: Repository):
    card = a_card(repo)
    chosen = repo.default_campaign()
    before = len(repo.visits(organization_id=card.id))

    async def scenario():
        app = Harness(lambda: VisitForm(card.organization, chosen, TODAY, "ana", save=repo.log_visit))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "fit", 3)
            set_field(app, "next_follow_up", "2025-11-20")
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert "The next follow-up, Nov 20, 2025, is more than six months ago." in screen_text(app)
            await pilot.press("n")
            assert await wait_for(pilot, lambda: isinstance(app.screen, VisitForm))
            assert "correct the date" in notice(app)
            assert len(open_board(repo.path).visits(organization_id=card.id)) == before
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            await pilot.pause()
        return app.result

    visit = run(scenario())
    assert visit.next_follow_up == date(2025, 11, 20)
    assert len(open_board(repo.path).visits(organization_id=card.id)) == before + 1
