"""The command line follows the training rule: into the training stage only with a training, or a stated reason."""

from __future__ import annotations

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store import Actor, Repository
from tests.boards import on_disk
from tests.cli.helpers import contacted_cards, new_org


def test_a_move_into_trained_or_past_it_without_a_training_is_refused_and_says_how(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    before = on_disk(board)
    for stage in ("trained", "active"):
        assert main(["org", "move", org_id, "--to", stage]) == EXIT_REFUSED
        error = capsys.readouterr().err
        assert "can enter Trained only with a training" in error and "--without-training" in error
    assert on_disk(board) == before


def test_without_training_needs_a_reason_and_org_show_says_why(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "move", org_id, "--to", "trained", "--without-training"]) == EXIT_REFUSED
    assert "A reason is required" in capsys.readouterr().err
    reason = "Trained by the ministry in 2025"
    assert main(["org", "move", org_id, "--to", "trained", "--without-training", "--reason", reason]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "show", org_id]) == EXIT_OK
    shown = capsys.readouterr().out
    assert f"without a training: {reason}" in shown
    assert f"from Contacted to Trained without a training: {reason}" in shown


def test_training_names_one_the_organization_attended(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["training", "add", "--date", "2026-11-21", "--topic", "Derechos", "--org", org_id]) == EXIT_OK
    repo = Repository.open(board)
    training = repo.trainings(organization_id=org_id)[0]
    assert main(["org", "move", org_id, "--to", "contacted", "--reason", "moved by mistake"]) == EXIT_OK
    assert main(["org", "move", org_id, "--to", "trained", "--training", training.id]) == EXIT_OK
    other = contacted_cards(board, 1)[0]
    capsys.readouterr()
    assert main(["org", "move", other, "--to", "trained", "--training", training.id]) == EXIT_REFUSED
    assert "did not attend training" in capsys.readouterr().err


def test_org_add_in_the_training_stage_needs_without_training_and_a_reason(board, capsys):
    assert main(["org", "add", "Colectivo Nuevo", "--stage", "trained"]) == EXIT_REFUSED
    assert "only with a training" in capsys.readouterr().err
    org_id = new_org(capsys, "Colectivo Nuevo", "--stage", "trained", "--without-training", "--reason", "Red estatal")
    repo = Repository.open(board)
    assert repo.placement(org_id, repo.default_campaign().id).stage == "trained"


def test_undo_after_a_refusal_goes_on_with_skip_blocked_and_says_what_is_next(board, capsys):
    earliest, first, second = contacted_cards(board, 3)
    campaign = Repository.open(board).default_campaign()
    assert main(["org", "edit", earliest, "--follow-up", "2027-01-15"]) == EXIT_OK
    assert main(["org", "edit", first, "--owner", "rocío"]) == EXIT_OK
    assert main(["org", "edit", second, "--owner", "itzel"]) == EXIT_OK
    Repository.open(board, actor=Actor("lucia")).edit_card(second, campaign_id=campaign.id, changes={"owner": "lucia"})
    capsys.readouterr()
    assert main(["undo"]) == EXIT_REFUSED
    refusal = capsys.readouterr().err
    assert "was changed by lucia" in refusal and "Run 'outreach-tui undo --skip-blocked' to undo it." in refusal
    assert main(["undo", "--skip-blocked"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.startswith("Undone: ")
    assert "Gone past (someone changed it since your change): " in captured.err
    repo = Repository.open(board)
    next_line = next(line for line in captured.err.splitlines() if line.startswith("Next to undo: "))
    assert repo.organization(earliest).name in next_line
    assert repo.placement(second, campaign.id).owner == "lucia"
    assert repo.placement(first, campaign.id).owner != "rocío"
