"""The organization form: what a coordinator types reaches ``save`` as model fields; refusals
show beside their fields, conflicts keep what was typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import OrganizationForm
from outreach_tui.forms.fields import FieldRow
from store import Actor, ConflictError, Repository, StoreError, ValidationFailed
from store.field_labels import FIELD_LABELS
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    a_card,
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
from tests.boards import open_board


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


def test_escape_asks_before_discarding_changes_and_no_keeps_them():
    save = FakeSave(organization())

    async def scenario():
        app = Harness(lambda: OrganizationForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Changed")
            set_field(app, "place.state", "Oaxaca")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "Changed: Name, State." in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            assert not app.closed
            assert field_value(app, "name") == "Changed"
            await discard_changes(pilot)
        assert app.result is None
        assert save.calls == []

    run(scenario())


def test_escape_closes_a_form_without_changes_at_once():
    save = FakeSave(organization())

    async def scenario():
        app = Harness(lambda: OrganizationForm(organization(), save))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", "Changed")
            set_field(app, "name", organization().name)
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

    def add(fields: dict[str, Any], **options: Any):
        return repo.add_organization(fields, campaign_id=campaign_id, **options)

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

    def update(changes: dict[str, Any], **options: Any):
        try:
            return repo.update_organization(card.id, changes, expected_version=expected["version"], **options)
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


def test_a_likely_duplicate_asks_first_and_saves_only_when_confirmed(repo: Repository):
    existing = a_card(repo).organization
    campaign_id = repo.default_campaign().id
    before = repo.counts().organizations

    def add(fields: dict[str, Any], **options: Any):
        return repo.add_organization(fields, campaign_id=campaign_id, **options)

    async def scenario():
        app = Harness(lambda: OrganizationForm(None, add))
        async with app.run_test(size=SIZE) as pilot:
            set_field(app, "name", existing.name.upper() + ", A.C.")
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert existing.id in screen_text(app) and "Save it anyway?" in screen_text(app)
            assert await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "confirm-no")
            await pilot.press("enter")  # the focused answer is the safe one: go back
            assert await wait_for(pilot, lambda: isinstance(app.screen, OrganizationForm))
            # The notice follows the return to the form: on a busy machine a moment later.
            assert await wait_for(pilot, lambda: "looks like a duplicate" in notice(app)) and not app.closed
            assert open_board(repo.path).counts().organizations == before
            await pilot.press("ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("y")
            assert await wait_for(pilot, lambda: app.closed)
        return app.result

    added = run(scenario())
    assert added.id != existing.id and added.name == existing.name.upper() + ", A.C."
    assert open_board(repo.path).counts().organizations == before + 1


def test_the_history_names_fields_with_the_labels_this_form_shows():
    async def scenario():
        app = Harness(lambda: OrganizationForm(organization(), FakeSave(organization())))
        async with app.run_test(size=SIZE):
            shown = {row.paths[0]: row.label.plain for row in form_of(app).query(FieldRow)}
        for path, label in FIELD_LABELS["organization"].items():
            assert shown.get(path, label) == label, path
        assert len(set(shown) & set(FIELD_LABELS["organization"])) >= 12

    run(scenario())
