"""Trainings from the command line."""

from __future__ import annotations

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository
from tests.boards import on_disk
from tests.cli.helpers import contacted_cards


def test_training_makes_every_attending_organization_trained(board, capsys):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    first, second = contacted_cards(board, 2)
    partner = repo.board(campaign.id).column("active").cards[0].id
    assert main(["org", "add", "Colectivo: Voces del Sur", "--no-card"]) == EXIT_OK
    newcomer = capsys.readouterr().out.strip()
    assert (
        main(
            [
                "training",
                "add",
                "--date",
                "2026-11-21",
                "--org",
                f"{first}:3",
                "--org",
                second,
                "--org",
                f"{partner}:2",
                "--org",
                "Colectivo: Voces del Sur",
                "--trainer",
                "lucia",
                "--place",
                "Tapachula",
                "--topic",
                "Derechos laborales básicos",
            ]
        )
        == EXIT_OK
    )
    training_id = capsys.readouterr().out.strip()
    repo = Repository.open(board)
    training = next(t for t in repo.trainings() if t.id == training_id)
    assert [(a.organization_id, a.attendees) for a in training.attendance] == [
        (first, 3),
        (second, 1),
        (partner, 2),
        (newcomer, 1),
    ]
    assert (training.trainers, training.place, training.topic) == (["lucia"], "Tapachula", "Derechos laborales básicos")
    stages = {org: repo.placement(org, campaign.id).stage for org in (first, second, partner, newcomer)}
    # An active partner stays active; a newcomer comes onto the board as trained.
    assert stages == {first: "trained", second: "trained", partner: "active", newcomer: "trained"}


def test_the_same_training_twice_is_refused_unless_allowed(board, capsys):
    first, second = contacted_cards(board, 2)
    already = len(Repository.open(board).trainings())
    argv = ["training", "add", "--date", "2026-11-21", "--org", f"{first}:3", "--org", second, "--topic", "Básicos"]
    assert main(argv) == EXIT_OK
    recorded = capsys.readouterr().out.strip()
    before = on_disk(board)
    again = ["training", "add", "--date", "2026-11-21", "--org", second, "--org", f"{first}:5", "--topic", "Básicos"]
    assert main(again) == EXIT_REFUSED
    refusal = capsys.readouterr().err
    assert recorded in refusal and "“Básicos”" in refusal and "pass --allow-duplicate" in refusal
    assert on_disk(board) == before
    assert main([*again, "--allow-duplicate"]) == EXIT_OK
    assert len(Repository.open(board).trainings()) == already + 2


def test_a_training_needs_a_topic_and_an_empty_one_is_refused_with_nothing_recorded(board, capsys):
    (first,) = contacted_cards(board, 1)
    before = on_disk(board)
    assert main(["training", "add", "--date", "2026-11-21", "--org", first]) == EXIT_USAGE
    assert "the following arguments are required: --topic" in capsys.readouterr().err
    assert main(["training", "add", "--date", "2026-11-21", "--org", first, "--topic", "  "]) == EXIT_REFUSED
    assert capsys.readouterr().err == "outreach-tui: Not recorded: a training needs a topic (what it covered).\n"
    assert on_disk(board) == before
