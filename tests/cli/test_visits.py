"""Visits from the command line."""

from __future__ import annotations

from datetime import date

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.cli.helpers import contacted_cards


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
