"""Campaigns from the command line: add and list."""

from __future__ import annotations

import json

from outreach_tui.cli import EXIT_OK, main
from store import Repository


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
