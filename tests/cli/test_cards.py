"""An organization's card: move, off-board and restore."""

from __future__ import annotations

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.cli.helpers import WITHOUT_TRAINING, new_org


def test_off_board_with_a_reason_list_it_and_restore_it(board, capsys):
    org_id = new_org(capsys, "Albergue San José", "--stage", "trained", *WITHOUT_TRAINING)
    campaign_id = Repository.open(board).default_campaign().id
    assert main(["org", "off-board", org_id, "--state", "not-a-fit", "--reason", "Focus is housing"]) == EXIT_OK
    placement = Repository.open(board).placement(org_id, campaign_id)
    assert (placement.off_board.state, placement.off_board.reason) == ("not_a_fit", "Focus is housing")
    capsys.readouterr()
    assert main(["org", "list"]) == EXIT_OK
    assert org_id not in capsys.readouterr().out
    assert main(["org", "list", "--off-board"]) == EXIT_OK
    assert f"{org_id}  Albergue San José · Not a fit: Focus is housing" in capsys.readouterr().out.splitlines()
    # Back to the stage it left from, unless told otherwise.
    assert main(["org", "restore", org_id]) == EXIT_OK
    placement = Repository.open(board).placement(org_id, campaign_id)
    assert placement.off_board is None and placement.stage == "trained"
    assert main(["org", "off-board", org_id, "--state", "paused", "--reason", "Retomar en seis meses"]) == EXIT_OK
    assert main(["org", "restore", org_id, "--to", "contacted"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign_id).stage == "contacted"


def test_move_by_alias_with_a_reason_in_the_history(board, capsys):
    org_id = new_org(capsys, "Pastoral Social de Tapachula", "--alias", "PST")
    assert (
        main(["org", "move", "pst", "--to", "Trained", "--without-training", "--reason", "asistió al taller"])
        == EXIT_OK
    )
    assert "Pastoral Social de Tapachula is now in Trained" in capsys.readouterr().err
    repo = Repository.open(board)
    assert repo.placement(org_id, repo.default_campaign().id).stage == "trained"
    moved = repo.history(organization_id=org_id, limit=1)[0]
    assert (moved.kind, moved.from_stage, moved.to_stage, moved.reason) == (
        "moved",
        "contacted",
        "trained",
        "asistió al taller",
    )
