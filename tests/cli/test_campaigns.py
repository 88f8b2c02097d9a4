"""Campaigns from the command line: add, list, edit and close."""

from __future__ import annotations

import json

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.boards import on_disk


def test_campaign_add_prints_its_id_and_list_marks_the_default(board, capsys):
    assert (
        main(
            [
                "campaign",
                "add",
                "Frontera norte 2027",
                "--description",
                "Istmo y costa",
                "--target-partners",
                "12",
                "--target-workers",
                "40000",
                "--status",
                "planning",
            ]
        )
        == EXIT_OK
    )
    campaign_id = capsys.readouterr().out.strip()
    campaign = Repository.open(board).campaign(campaign_id)
    assert (campaign.name, campaign.description, campaign.status) == (
        "Frontera norte 2027",
        "Istmo y costa",
        "planning",
    )
    assert (campaign.goals.active_partners, campaign.goals.workers_reached) == (12, 40000)
    assert main(["campaign", "list"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    default = Repository.open(board).default_campaign()
    assert [line for line in lines if line.endswith("(default)")] == [
        f"{default.id}  active     {default.name}  [Contacted → Trained → Active partner]  (default)"
    ]
    assert f"{campaign_id}  planning   Frontera norte 2027  [Contacted → Trained → Active partner]" in lines


def test_campaign_list_as_json_has_every_field(board, capsys):
    assert main(["campaign", "list", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in listed] == [c.id for c in Repository.open(board).campaigns()]
    assert set(listed[0]) >= {"id", "name", "description", "stages", "training_stage", "goals", "status", "version"}


def test_campaign_edit_changes_only_what_is_given_and_close_completes_it(board, capsys):
    repo = Repository.open(board)
    planned = repo.campaign("Maquiladora justice tour 2027")
    edit = ["campaign", "edit", planned.name, "--name", "Maquiladora 2027-2028", "--target-partners", "9"]
    assert main([*edit, "--status", "active", "--description", "Ciudad Juárez y Tijuana"]) == EXIT_OK
    assert "Saved campaign Maquiladora 2027-2028 (active)." in capsys.readouterr().err
    saved = Repository.open(board).campaign(planned.id)
    assert (saved.name, saved.status, saved.description) == (
        "Maquiladora 2027-2028",
        "active",
        "Ciudad Juárez y Tijuana",
    )
    assert (saved.goals.active_partners, saved.goals.workers_reached) == (9, planned.goals.workers_reached)
    assert main(["campaign", "edit", planned.id, "--target-partners", "none"]) == EXIT_OK
    assert Repository.open(board).campaign(planned.id).goals.active_partners is None
    assert main(["campaign", "close", "maquiladora 2027-2028"]) == EXIT_OK
    assert "Closed campaign Maquiladora 2027-2028" in capsys.readouterr().err
    assert Repository.open(board).campaign(planned.id).status == "completed"
    assert main(["campaign", "close", planned.id]) == EXIT_OK
    assert "already completed" in capsys.readouterr().err
    kinds = [e.kind for e in Repository.open(board).history(campaign_id=planned.id, limit=3)]
    assert kinds == ["campaign_edited"] * 3


def test_campaign_edit_refuses_nothing_to_change_and_a_name_another_campaign_has(board, capsys):
    repo = Repository.open(board)
    planned, current = repo.campaign("Maquiladora justice tour 2027"), repo.default_campaign()
    before = on_disk(board)
    assert main(["campaign", "edit", planned.id]) == 1
    assert "Nothing to change" in capsys.readouterr().err
    assert main(["campaign", "edit", planned.id, "--name", current.name.upper()]) == 1
    assert "already exists" in capsys.readouterr().err
    assert on_disk(board) == before
