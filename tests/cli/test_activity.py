"""Visits, trainings, history, undo and users from the command line."""

from __future__ import annotations

import json
from datetime import date

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store import Repository


def contacted_cards(board, n: int) -> list[str]:
    repo = Repository.open(board)
    return [card.id for card in repo.board(repo.default_campaign().id).columns[0].cards[:n]]


def test_visit_add_records_the_visit_and_sets_the_cards_follow_up(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert (
        main(
            [
                "visit",
                "add",
                org_id,
                "--date",
                "2026-11-20",
                "--fit",
                "4",
                "--visitor",
                "ana",
                "--visitor",
                "lucia",
                "--met",
                "Dirección",
                "--findings",
                "Two lawyers",
                "--recommendation",
                "Invite to next training",
                "--next-follow-up",
                "2026-12-05",
            ]
        )
        == EXIT_OK
    )
    visit_id = capsys.readouterr().out.strip()
    repo = Repository.open(board)
    visit = next(v for v in repo.visits(organization_id=org_id) if v.id == visit_id)
    assert (visit.date, visit.fit, visit.visitors, visit.people_met) == (
        date(2026, 11, 20),
        4,
        ["ana", "lucia"],
        ["Dirección"],
    )
    assert (visit.findings, visit.recommendation) == ("Two lawyers", "Invite to next training")
    assert repo.placement(org_id, repo.default_campaign().id).next_follow_up == date(2026, 12, 5)


def test_the_visitor_defaults_to_whoever_runs_the_command(board, capsys, monkeypatch):
    org_id = contacted_cards(board, 1)[0]
    monkeypatch.setenv("OUTREACH_TUI_USER", "Ana Gómez")
    assert main(["visit", "add", org_id, "--date", "2026-11-20", "--fit", "2"]) == EXIT_OK
    visit_id = capsys.readouterr().out.strip()
    repo = Repository.open(board)
    visit = next(v for v in repo.visits(organization_id=org_id) if v.id == visit_id)
    assert visit.visitors == [f"Ana Gómez via {repo.actor.login}"]


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


def test_history_filters_limits_and_json(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "move", org_id, "--to", "trained"]) == EXIT_OK
    assert main(["org", "move", org_id, "--to", "active"]) == EXIT_OK
    capsys.readouterr()
    assert main(["history", "--org", org_id, "--limit", "2"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("from Trained to Active partner") and lines[1].endswith("from Contacted to Trained")
    assert main(["history", "--json", "--limit", "3"]) == EXIT_OK
    events = json.loads(capsys.readouterr().out)
    assert [e["to_stage"] for e in events[:2]] == ["active", "trained"] and len(events) == 3


def test_undo_reverts_your_changes_one_at_a_time(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    campaign_id = Repository.open(board).default_campaign().id
    assert main(["org", "move", org_id, "--to", "trained"]) == EXIT_OK
    assert main(["org", "move", org_id, "--to", "active"]) == EXIT_OK
    capsys.readouterr()
    assert main(["undo"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Undone: moved ")
    assert Repository.open(board).placement(org_id, campaign_id).stage == "trained"
    assert main(["undo"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign_id).stage == "contacted"


def test_users_add_list_remove_and_roles_are_enforced(board, capsys, monkeypatch):
    me = Repository.open(board).actor.login
    assert main(["users", "list"]) == EXIT_OK
    assert "No users are set" in capsys.readouterr().err
    assert main(["users", "add", me, "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", "lucia", "--role", "trainer"]) == EXIT_OK
    capsys.readouterr()
    assert main(["users", "remove", me]) == EXIT_REFUSED
    assert "at least one coordinator" in capsys.readouterr().err
    # $USER is not who you are, the account is; OUTREACH_TUI_USER only names the person for the history.
    monkeypatch.setenv("USER", "lucia")
    monkeypatch.setenv("OUTREACH_TUI_USER", "lucia")
    assert main(["users", "list"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.splitlines() == sorted([f"{me}  coordinator", "lucia  trainer"])
    assert f"You are lucia via {me} (coordinator)" in captured.err
    assert main(["users", "remove", "lucia"]) == EXIT_OK
    assert [user.login for user in Repository.open(board).users()] == [me]
    assert main(["users", "remove", "nobody"]) == EXIT_REFUSED
