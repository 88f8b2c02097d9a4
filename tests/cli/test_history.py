"""History and undo from the command line."""

from __future__ import annotations

import json

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.cli.helpers import WITHOUT_TRAINING, contacted_cards


def test_history_filters_limits_and_json(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_OK
    assert main(["org", "move", org_id, "--to", "active"]) == EXIT_OK
    capsys.readouterr()
    assert main(["history", "--org", org_id, "--limit", "2"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("from Trained to Active partner") and lines[1].endswith(
        "from Contacted to Trained without a training: trained before this board was kept"
    )
    assert main(["history", "--json", "--limit", "3"]) == EXIT_OK
    events = json.loads(capsys.readouterr().out)
    assert [e["to_stage"] for e in events[:2]] == ["active", "trained"] and len(events) == 3


def test_undo_reverts_your_changes_one_at_a_time(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    campaign_id = Repository.open(board).default_campaign().id
    assert main(["org", "move", org_id, "--to", "trained", *WITHOUT_TRAINING]) == EXIT_OK
    assert main(["org", "move", org_id, "--to", "active"]) == EXIT_OK
    capsys.readouterr()
    assert main(["undo"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Undone: moved ")
    assert Repository.open(board).placement(org_id, campaign_id).stage == "trained"
    assert main(["undo"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign_id).stage == "contacted"
