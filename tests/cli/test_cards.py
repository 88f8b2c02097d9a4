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


def test_place_existing_organizations_on_another_campaigns_board(board, capsys):
    first = new_org(capsys, "Pastoral Social de Tapachula", "--alias", "PST")
    second = new_org(capsys, "Centro Frayba")
    assert main(["campaign", "add", "Red Chiapas 2027"]) == EXIT_OK
    capsys.readouterr()
    trained = ["--stage", "Trained", "--without-training", "--reason", "capacitadas en 2026"]
    assert main(["org", "place", "PST", second, "--campaign", "Red Chiapas 2027", *trained]) == EXIT_OK
    assert (
        "Pastoral Social de Tapachula is now on the board of Red Chiapas 2027, in Trained." in capsys.readouterr().err
    )
    repo = Repository.open(board)
    chiapas = repo.campaign("Red Chiapas 2027")
    assert {repo.placement(org_id, chiapas.id).stage for org_id in (first, second)} == {"trained"}
    placed = repo.history(organization_id=first, limit=1)[0]
    assert (placed.kind, placed.without_training, placed.reason) == ("placed", True, "capacitadas en 2026")
    # Once more: refused, naming the one already there, and nothing else placed.
    third = new_org(capsys, "Refugio Nuevo Amanecer", "--no-card")
    assert main(["org", "place", third, "PST", "--campaign", "Red Chiapas 2027"]) == 1
    assert "Already on the board of Red Chiapas 2027: Pastoral Social de Tapachula." in capsys.readouterr().err
    assert third not in {c.id for c in Repository.open(board).board(chiapas.id).columns[0].cards}


def test_place_asks_for_the_campaign_and_follows_the_training_rule(board, capsys):
    org_id = new_org(capsys, "Centro Frayba")
    assert main(["org", "place", org_id]) == 1
    assert "--campaign C" in capsys.readouterr().err
    assert main(["campaign", "add", "Red Chiapas 2027"]) == EXIT_OK
    assert main(["org", "place", org_id, "--campaign", "Red Chiapas 2027", "--stage", "trained"]) == 1
    assert "can enter Trained only with a training" in capsys.readouterr().err
    assert len(Repository.open(board).placements_of(org_id)) == 1


def test_restore_of_an_archived_organization_refuses_and_unarchive_brings_it_back(board, capsys):
    org_id = new_org(capsys, "Albergue San José", "--stage", "trained", "--without-training", "--reason", "2026")
    assert main(["org", "archive", org_id]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "restore", org_id]) == 1
    assert f"bring it back with: outreach-tui org unarchive {org_id}" in capsys.readouterr().err
    assert Repository.open(board).organization(org_id).archived
    assert main(["org", "unarchive", org_id]) == EXIT_OK
    assert "Unarchived Albergue San José" in capsys.readouterr().err
    repo = Repository.open(board)
    assert not repo.organization(org_id).archived
    assert repo.placement(org_id, repo.default_campaign().id).stage == "trained"
    assert main(["history", "--org", org_id, "--limit", "1"]) == EXIT_OK
    assert "unarchived Albergue San José" in capsys.readouterr().out
