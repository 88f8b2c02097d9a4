"""The campaign form: name, goals and status; a duplicate name shows at the name."""

from __future__ import annotations

from typing import Any

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import CampaignForm
from store import ConflictError, Repository
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    field_value,
    form_of,
    notice,
    problem_rows,
    run,
    set_field,
    type_text,
)
from tests.boards import open_board


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
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
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
