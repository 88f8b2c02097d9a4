"""Keys in every form: each field receives what was typed into it, however fast; the label
beside the focused field is the highlighted one; focusing a field never selects its text."""

from __future__ import annotations

from textual.widgets import Label

from outreach_tui.forms import OrganizationForm, VisitForm
from outreach_tui.forms.fields import FieldRow
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    campaign,
    field_value,
    form_of,
    organization,
    run,
    type_at_once,
)
from tests.boards import TODAY


def test_keys_typed_right_after_tab_land_in_the_field_they_were_typed_into():
    async def scenario():
        app = Harness(lambda: OrganizationForm(None, FakeSave(organization())))
        async with app.run_test(size=SIZE) as pilot:
            keys = ["C", "M", "tab", "C", "B", "tab", "tab", *"México", "tab", *"Chiapas", "shift+tab"]
            await type_at_once(pilot, [*keys, "X"])
            assert field_value(app, "name") == "CM"
            assert field_value(app, "aliases") == "CB"
            assert field_value(app, "place.country") == "MéxicoX"
            assert field_value(app, "place.state") == "Chiapas"

    run(scenario())


def test_keys_typed_right_after_enter_land_in_the_next_field():
    async def scenario():
        app = Harness(lambda: OrganizationForm(None, FakeSave(organization())))
        async with app.run_test(size=SIZE) as pilot:
            await type_at_once(pilot, ["C", "M", "enter", "C", "B"])
            assert field_value(app, "name") == "CM"
            assert field_value(app, "aliases") == "CB"

    run(scenario())


def highlighted_labels(app: Harness) -> list[str]:
    """The labels drawn reversed, as the focused field's is."""
    return [
        row.label.plain
        for row in form_of(app).query(FieldRow)
        if row.query_one(".field-label", Label).styles.text_style.reverse
    ]


def test_the_highlighted_label_follows_the_focused_field():
    async def scenario():
        app = Harness(lambda: VisitForm(organization(), campaign(), TODAY, "ana", save=FakeSave(None)))
        async with app.run_test(size=SIZE) as pilot:
            form = form_of(app)
            rows = list(form.query(FieldRow))
            assert highlighted_labels(app) == [rows[0].label.plain]
            for row in rows[1:4]:
                await pilot.press("tab")
                await pilot.pause()
                assert app.focused is row.control
                assert highlighted_labels(app) == [row.label.plain]
            await pilot.press("shift+tab")
            await pilot.pause()
            assert highlighted_labels(app) == [rows[2].label.plain]

    run(scenario())


def test_focusing_a_field_keeps_its_text_so_a_key_adds_to_it():
    async def scenario():
        app = Harness(lambda: OrganizationForm(organization("Casa Belén"), FakeSave(organization())))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("tab", "shift+tab", "e", "e")
            assert field_value(app, "name") == "Casa Belénee"
            await pilot.press("tab", "tab", "tab", "M")
            assert field_value(app, "place.country") == "MéxicoM"

    run(scenario())
