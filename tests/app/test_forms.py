"""Pilot tests of the modal forms: what a coordinator types, what reaches ``save``, and
what the form shows when the store refuses (problems beside their fields, conflicts,
other errors) without losing anything typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, RadioSet, Select, TextArea

from outreach_tui.forms import CampaignForm, FormScreen, OffBoardForm, OrganizationForm, TrainingForm, VisitForm
from outreach_tui.forms.fields import FieldRow
from store import Actor, ConflictError, Repository, StoreError, ValidationFailed
from tests.app.harness import SIZE, FakeSave, Harness, campaign, organization, run, screen_text
from tests.boards import TODAY, demo_board, open_board

# -- helpers -------------------------------------------------------------------------------


def form_of(app: Harness) -> FormScreen[Any]:
    screen = app.screen
    assert isinstance(screen, FormScreen), type(screen)
    return screen


def set_field(app: Harness, path: str, value: Any) -> None:
    control = form_of(app).control(path)
    if isinstance(control, Input):
        control.value = value
    elif isinstance(control, TextArea):
        control.text = value
    elif isinstance(control, Select):
        control.value = value
    else:
        raise TypeError(type(control))


def field_value(app: Harness, path: str) -> Any:
    return form_of(app).values()[path]


def problem_rows(app: Harness) -> dict[str, str]:
    """Field path → the problem shown beside it, for every field that shows one."""
    rows = {}
    for row in form_of(app).query(FieldRow):
        if row.has_class("-problem"):
            rows[row.paths[0]] = str(row.query_one(".field-problem").render())
    return rows


def notice(app: Harness) -> str:
    widget = form_of(app).query_one("#form-notice")
    return str(widget.render()) if widget.has_class("-shown") else ""


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return demo_board(tmp_path)


def a_card(repo: Repository):
    board = repo.board(repo.default_campaign().id)
    return board.columns[0].cards[0]


# -- organization form -----------------------------------------------------------------------


def test_new_organization_typed_by_keyboard_reaches_save_as_model_fields():
    saved = organization("Colectivo Semilla")
    save = FakeSave(saved)

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, save))
        async with app.run_test(size=SIZE) as pilot:
            assert app.focused is form_of(app).control("name")
            await type_text(pilot, "Colectivo Semilla")
            await pilot.press("tab")
            await type_text(pilot, "CS, Semilla")
            set_field(app, "place.state", "Oaxaca")
            set_field(app, "legal_capacity", "cooperating_attorneys")
            set_field(app, "workers_reached.estimate", "1,200")
            set_field(app, "workers_reached.as_of", "2026-10-01")
            set_field(app, "notes", "Met at the forum.\nFollow up in spring.")
            set_field(app, "contacts.0.name", "Rosa Pérez")
            set_field(app, "contacts.0.email", "rosa@example.org")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result is saved
        fields = save.calls[0]
        assert fields["name"] == "Colectivo Semilla"
        assert fields["aliases"] == ["CS", "Semilla"]
        assert fields["place"] == {"country": "", "state": "Oaxaca", "municipality": ""}
        assert fields["legal_capacity"] == "cooperating_attorneys"
        assert fields["type"] == "other"
        assert fields["workers_reached"] == {"estimate": 1200, "basis": "", "as_of": date(2026, 10, 1)}
        assert fields["notes"] == "Met at the forum.\nFollow up in spring."
        assert fields["contacts"] == [{"name": "Rosa Pérez", "role": "", "phone": "", "email": "rosa@example.org"}]

    run(scenario())


def test_edit_sends_only_the_changed_fields():
    original = organization(
        aliases=["CMB, Tapachula"],
        workers_reached={"estimate": 800, "basis": "their count"},
        contacts=[{"name": "Rosa"}, {"name": "Luis", "role": "abogado"}],
    )
    save = FakeSave(original)

    async def scenario():
        app = Harness(lambda: OrganizationForm(original, save))
        async with app.run_test(size=SIZE) as pilot:
            assert field_value(app, "name") == original.name
            set_field(app, "place.state", "Oaxaca")
            set_field(app, "workers_reached.estimate", "950")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert save.calls == [
            {
                "place": {"country": "México", "state": "Oaxaca", "municipality": "Tapachula"},
                "workers_reached": {"estimate": 950, "basis": "their count", "as_of": None},
            }
        ]

    run(scenario())


def test_edit_of_the_first_contact_keeps_the_others_and_clearing_workers_sends_none():
    original = organization(
        workers_reached={"estimate": 800}, contacts=[{"name": "Rosa"}, {"name": "Luis", "role": "abogado"}]
    )
    save = FakeSave(original)

    async def scenario():
        app = Harness(lambda: OrganizationForm(original, save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "contacts.0.phone", "+52 962 000 0000")
            set_field(app, "workers_reached.estimate", "")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert save.calls == [
            {
                "workers_reached": None,
                "contacts": [
                    {"name": "Rosa", "role": "", "phone": "+52 962 000 0000", "email": ""},
                    {"name": "Luis", "role": "abogado", "phone": "", "email": ""},
                ],
            }
        ]

    run(scenario())


def test_edit_without_changes_closes_without_saving():
    original = organization()
    save = FakeSave(original)

    async def scenario():
        app = Harness(lambda: OrganizationForm(original, save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert save.calls == []
        assert app.result is original

    run(scenario())


def test_store_problems_show_beside_their_fields_and_the_form_stays_open():
    problems = [
        ("place.state", "contains characters that are not allowed: U+0007"),
        ("contacts.0.email", "String should have at most 120 characters"),
        ("workers_reached", "estimate out of range"),
        ("aliases.1", "String should have at least 1 character"),
    ]
    save = FakeSave(ValidationFailed("Invalid organization", problems))

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Red Comunitaria Raíces")
            set_field(app, "contacts.0.name", "Rosa")
            set_field(app, "contacts.0.email", "x" * 130)
            await pilot.press("ctrl+s")
            await pilot.pause()
            shown = problem_rows(app)
            assert set(shown) == {"place.state", "contacts.0.email", "workers_reached.estimate", "aliases"}
            assert "U+0007" in shown["place.state"]
            assert "120 characters" in shown["contacts.0.email"]
            assert "4 fields need correcting" in notice(app)
            assert "Contact email" in notice(app)
            assert not app.closed
            assert field_value(app, "contacts.0.email") == "x" * 130
            assert app.focused is form_of(app).control("aliases")
            # Fixing and saving again clears the marks.
            save.outcomes = [organization("Red Comunitaria Raíces")]
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result.name == "Red Comunitaria Raíces"
        assert len(save.calls) == 2

    run(scenario())


def test_obviously_bad_numbers_and_dates_are_caught_before_saving():
    save = FakeSave(organization())

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "workers_reached.estimate", "about 300")
            set_field(app, "workers_reached.as_of", "2026-02-30")
            set_field(app, "contacts.0.email", "rosa@example.org")
            await pilot.press("ctrl+s")
            await pilot.pause()
            shown = problem_rows(app)
            assert set(shown) == {"name", "workers_reached.estimate", "workers_reached.as_of", "contacts.0.name"}
            assert "whole number" in shown["workers_reached.estimate"]
            assert "no such date" in shown["workers_reached.as_of"]
            assert app.focused is form_of(app).control("name")
            assert not app.closed
        assert save.calls == []

    run(scenario())


def test_conflict_keeps_what_was_typed_and_a_second_save_applies_it():
    original = organization()
    conflict = ConflictError(
        "Casa del Migrante Belén was changed by maria at 2026-11-24 16:31 UTC (edited notes of Casa del Migrante Belén)"
    )
    newer = organization(notes="both")
    save = FakeSave(conflict, newer)

    async def scenario():
        app = Harness(lambda: OrganizationForm(original, save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "notes", "Signed the agreement.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app.closed
            assert "changed by maria at 2026-11-24 16:31 UTC" in notice(app)
            assert form_of(app).query_one("#form-notice").has_class("-conflict")
            assert field_value(app, "notes") == "Signed the agreement."
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.result is newer
        assert save.calls == [{"notes": "Signed the agreement."}] * 2

    run(scenario())


def test_other_store_errors_and_faults_show_in_the_form():
    save = FakeSave(StoreError("Not allowed to add an organization: luis is a trainer."), RuntimeError("disk on fire"))

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Colectivo")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "luis is a trainer" in notice(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "disk on fire" in notice(app)
            assert not app.closed
            assert field_value(app, "name") == "Colectivo"

    run(scenario())


def test_enter_moves_to_the_next_field_and_escape_first_closes_an_open_menu():
    save = FakeSave(organization())

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, save))
        async with app.run_test(size=SIZE) as pilot:
            form = form_of(app)
            await pilot.press("enter")
            assert app.focused is form.control("aliases")
            await pilot.press("enter")
            assert app.focused is form.control("type")
            await pilot.press("enter")  # opens the type menu
            await pilot.pause()
            assert form.control("type").expanded
            await pilot.press("escape")
            await pilot.pause()
            assert not app.closed and not form.control("type").expanded
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None
        assert save.calls == []

    run(scenario())


def test_escape_cancels_the_organization_form():
    save = FakeSave(organization())

    async def scenario():
        app = Harness(lambda: OrganizationForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Changed")
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None
        assert save.calls == []

    run(scenario())


def test_hostile_name_is_shown_literally_in_the_form_title():
    hostile = organization("[bold]x[/] [@click=app.quit]y[/]")

    async def scenario():
        app = Harness(lambda: OrganizationForm(hostile, FakeSave(hostile)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#form-title")
            await pilot.pause()
            assert "[bold]x[/] [@click=app.quit]y[/]" in screen_text(app)
            assert not app.closed and app.is_running

    run(scenario())


def test_real_repository_add_and_conflicting_edit(repo: Repository):
    campaign_id = repo.default_campaign().id
    card = a_card(repo)

    def add(fields: dict[str, Any]):
        return repo.add_organization(fields, campaign_id=campaign_id)

    before = repo.counts().organizations

    async def add_scenario():
        app = Harness(lambda: OrganizationForm(None, add))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Grupo de Mujeres Trabajadoras de Tecate")
            set_field(app, "type", "womens_group")
            set_field(app, "workers_reached.estimate", "350")
            set_field(app, "contacts.0.name", "Rosa")
            set_field(app, "contacts.0.email", "r" * 130)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"contacts.0.email"}
            assert open_board(repo.path).counts().organizations == before
            set_field(app, "contacts.0.email", "rosa@example.org")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    added = run(add_scenario())
    reopened = open_board(repo.path)
    assert reopened.counts().organizations == before + 1
    assert reopened.organization(added.id).workers == 350
    assert reopened.placement(added.id, campaign_id).stage == "contacted"

    # Another coordinator edits the same organization while the form is open.
    expected = {"version": card.organization.version}

    def update(changes: dict[str, Any]):
        try:
            return repo.update_organization(card.id, changes, expected_version=expected["version"])
        except ConflictError:
            repo.refresh()
            expected["version"] = repo.organization(card.id).version
            raise

    async def edit_scenario():
        app = Harness(lambda: OrganizationForm(card.organization, update))
        async with app.run_test(size=SIZE) as pilot:
            other = open_board(repo.path, Actor(login="luis"))
            other.update_organization(card.id, {"tags": ["frontera"]})
            set_field(app, "notes", "Asked for a second visit.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "luis" in notice(app)
            assert not app.closed
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    edited = run(edit_scenario())
    final = open_board(repo.path).organization(card.id)
    assert edited.notes == final.notes == "Asked for a second visit."
    assert final.tags == ["frontera"]


# -- visit form ---------------------------------------------------------------------------


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
            set_field(app, "date", "24/11/2026")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"date", "fit"}
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
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())


# -- training form -----------------------------------------------------------------------------


def two_organizations():
    return [organization("Casa del Migrante Belén"), organization("Red Comunitaria Raíces", id="org-test0002")]


def test_enter_confirms_the_prefilled_training():
    orgs, cmp = two_organizations(), campaign()
    save = FakeSave("training")

    async def scenario():
        app = Harness(lambda: TrainingForm(orgs, cmp, TODAY, "ana", save=save))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.focused, Input)
            await pilot.press("enter")
            await pilot.pause()
        assert app.result == "training"
        assert save.calls == [
            {
                "campaign_id": cmp.id,
                "date": TODAY,
                "place": "",
                "trainers": ["ana"],
                "topic": "",
                "attendance": [
                    {"organization_id": "org-test0001", "attendees": 1},
                    {"organization_id": "org-test0002", "attendees": 1},
                ],
            }
        ]

    run(scenario())


def test_enter_in_an_attendee_count_records_the_training_with_the_real_repository(repo: Repository):
    chosen = repo.default_campaign()
    contacted = repo.board(chosen.id).columns[0].cards[:2]

    async def scenario():
        app = Harness(
            lambda: TrainingForm([c.organization for c in contacted], chosen, TODAY, "ana", save=repo.record_training)
        )
        async with app.run_test(size=SIZE) as pilot:
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
            assert set(problem_rows(app)) == {"attendance.0.attendees"}
            assert save.calls == []
            set_field(app, "attendance.0.attendees", "0")
            await pilot.press("enter")
            await pilot.pause()
            assert "at least one organization" in problem_rows(app)["attendance.0.attendees"]
            set_field(app, "attendance.0.attendees", "3")
            set_field(app, "topic", "Derechos laborales básicos")
            await pilot.press("enter")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "topic") == "Derechos laborales básicos"
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())


# -- off-board form ------------------------------------------------------------------------------


def test_off_board_by_keyboard_with_the_real_repository(repo: Repository):
    card = a_card(repo)
    campaign_id = repo.default_campaign().id

    def save(state: str, reason: str):
        return repo.set_off_board(
            card.id, campaign_id=campaign_id, state=state, reason=reason, expected_version=card.placement.version
        )

    async def scenario():
        app = Harness(lambda: OffBoardForm(card.organization, save))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.focused, RadioSet)
            await pilot.press("right", "enter", "tab")
            await type_text(pilot, "No staff until March")
            await pilot.press("enter")
            await pilot.pause()
        return app.result

    placement = run(scenario())
    assert placement.off_board.state == "paused"
    reopened = open_board(repo.path)
    assert reopened.placement(card.id, campaign_id).off_board.reason == "No staff until March"


def test_off_board_needs_a_state_and_a_reason():
    save = FakeSave("placement")

    async def scenario():
        app = Harness(lambda: OffBoardForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"state", "reason"}
            await pilot.press("enter")  # the state field has focus now: picks "Not a fit"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"reason"}
            assert save.calls == []
            set_field(app, "reason", "Works only on land rights")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert save.calls == [("not_a_fit", "Works only on land rights")]
        assert app.result == "placement"

    run(scenario())


def test_off_board_store_problem_conflict_and_escape():
    save = FakeSave(
        ValidationFailed("Invalid card", [("off_board.reason", "String should have at most 200 characters")]),
        ConflictError("The card was changed by luis at 2026-11-24 16:31 UTC (moved it)."),
    )

    async def scenario():
        app = Harness(lambda: OffBoardForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            set_field(app, "reason", "r" * 250)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"reason"}
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "reason") == "r" * 250
            assert field_value(app, "state") == "not_a_fit"
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())


# -- campaign form ---------------------------------------------------------------------------------


def test_campaign_form_creates_a_campaign_and_shows_a_duplicate_name_at_the_name(repo: Repository):
    existing = repo.default_campaign().name
    before = len(repo.campaigns())

    def create(fields: dict[str, Any]):
        return repo.create_campaign(**fields)

    async def scenario():
        app = Harness(lambda: CampaignForm(create))
        async with app.run_test(size=SIZE) as pilot:
            assert app.focused is form_of(app).control("name")
            await type_text(pilot, existing)
            set_field(app, "goals.active_partners", "12")
            set_field(app, "goals.workers_reached", "25,000")
            set_field(app, "status", "planning")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"name"}
            assert "already used" in problem_rows(app)["name"]
            assert len(open_board(repo.path).campaigns()) == before
            assert field_value(app, "goals.workers_reached") == "25,000"
            set_field(app, "name", "Oaxaca 2027")
            await pilot.press("ctrl+s")
            await pilot.pause()
        return app.result

    created = run(scenario())
    stored = open_board(repo.path).campaign(created.id)
    assert stored.name == "Oaxaca 2027" and stored.status == "planning"
    assert stored.goals.active_partners == 12 and stored.goals.workers_reached == 25_000


def test_campaign_form_client_problems_conflict_and_escape():
    save = FakeSave(ConflictError("changed by luis at 2026-11-24 16:31 UTC"))

    async def scenario():
        app = Harness(lambda: CampaignForm(save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "goals.active_partners", "a dozen")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert set(problem_rows(app)) == {"name", "goals.active_partners"}
            assert save.calls == []
            set_field(app, "name", "Frontera norte")
            set_field(app, "goals.active_partners", "")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "changed by luis" in notice(app)
            assert field_value(app, "name") == "Frontera norte"
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None
        assert save.calls == [
            {
                "name": "Frontera norte",
                "description": "",
                "goals": {"active_partners": None, "workers_reached": None},
                "status": "active",
            }
        ]

    run(scenario())
