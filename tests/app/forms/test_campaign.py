"""The campaign form: name, goals and status; a duplicate name shows at the name."""

from __future__ import annotations

from datetime import date
from typing import Any

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import CampaignForm
from store import ConflictError, Repository
from store.models import DEFAULT_STAGES
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
from tests.boards import open_board, wide_board


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
                "starts_on": None,
                "ends_on": None,
                "stages": list(DEFAULT_STAGES),
                "training_stage": "trained",
                "active_stage": "active",
            }
        ]

    run(scenario())


def test_a_new_campaign_starts_from_the_scouting_template_with_its_dates(repo: Repository):
    def create(fields: dict[str, Any]):
        return repo.create_campaign(**fields)

    async def scenario():
        app = Harness(lambda: CampaignForm(create, others=repo.campaigns()))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            set_field(app, "name", "Sonora 2027")
            set_field(app, "stages", "scouting")
            set_field(app, "starts_on", "2027-01-15")
            set_field(app, "ends_on", "15/12/2027")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.closed

    run(scenario())
    saved = open_board(repo.path).campaign("Sonora 2027")
    assert [stage.key for stage in saved.stages] == ["contacted", "identified", "visited", "trained", "active"]
    assert saved.stages[1].labels == {"es": "Identificada"}
    assert (saved.training_stage, saved.active_stage) == ("trained", "active")
    assert (saved.starts_on, saved.ends_on) == (date(2027, 1, 15), date(2027, 12, 15))


def test_a_new_campaign_copies_the_stages_of_another(tmp_path):
    repo = wide_board(tmp_path)
    source = repo.default_campaign()
    source = repo.set_active_stage(source.id, "agreement", expected_version=source.version)

    def create(fields: dict[str, Any]):
        return repo.create_campaign(**fields)

    async def scenario():
        app = Harness(lambda: CampaignForm(create, others=repo.campaigns()))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            set_field(app, "name", "Sonora 2027")
            set_field(app, "stages", f"copy:{source.id}")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.closed

    run(scenario())
    saved = open_board(repo.path).campaign("Sonora 2027")
    assert saved.stages == source.stages and len(saved.stages) == 7
    assert (saved.training_stage, saved.active_stage) == ("trained", "agreement")
    assert (saved.starts_on, saved.ends_on) == (None, None)


def test_a_new_campaign_offers_each_template_and_each_campaign_to_copy(repo: Repository):
    async def scenario():
        app = Harness(lambda: CampaignForm(FakeSave(None), others=repo.campaigns()))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            select = form_of(app).control("stages")
            values = [value for _prompt, value in select._options]
            assert values[:2] == ["default", "scouting"]
            assert values[2:] == [f"copy:{c.id}" for c in repo.campaigns()]
            assert field_value(app, "stages") == "default"

    run(scenario())


def test_an_end_before_the_start_shows_at_the_end_and_nothing_is_saved():
    save = FakeSave(None)

    async def scenario():
        app = Harness(lambda: CampaignForm(save))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            set_field(app, "name", "Sonora 2027")
            set_field(app, "starts_on", "2027-03-01")
            set_field(app, "ends_on", "2027-02-01")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert problem_rows(app) == {"ends_on": "before the start"}
            assert not app.closed

    run(scenario())
    assert save.calls == []


def test_editing_a_campaign_changes_its_dates_and_offers_no_stage_choice(repo: Repository):
    campaign = repo.default_campaign()

    def edit(changes: dict[str, Any]):
        return repo.edit_campaign(campaign.id, changes, expected_version=campaign.version)

    async def scenario():
        app = Harness(lambda: CampaignForm(edit, campaign))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "stages" not in form_of(app).values()
            assert field_value(app, "starts_on") == ""
            set_field(app, "starts_on", "2026-02-01")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.closed

    run(scenario())
    saved = open_board(repo.path).campaign(campaign.id)
    assert saved.starts_on == date(2026, 2, 1) and saved.ends_on is None
    assert saved.stages == campaign.stages
