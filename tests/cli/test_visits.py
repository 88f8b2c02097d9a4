"""Visits from the command line."""

from __future__ import annotations

from datetime import date, timedelta

from outreach_tui.cli import EXIT_OK, EXIT_USAGE, main
from store import Repository
from store.i18n import today
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


def test_dates_can_be_typed_day_first_or_as_today_and_are_reported_with_the_month_named(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    argv = ["visit", "add", org_id, "--date", "26/11/2026", "--fit", "3", "--next-follow-up", "today"]
    assert main(argv) == EXIT_OK
    captured = capsys.readouterr()
    assert "on Nov 26, 2026." in captured.err
    repo = Repository.open(board)
    visit = next(v for v in repo.visits(organization_id=org_id) if v.id == captured.out.strip())
    assert (visit.date, visit.next_follow_up) == (date(2026, 11, 26), date.today())


def test_a_date_that_could_be_read_two_ways_is_refused_with_both_readings(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["visit", "add", org_id, "--date", "03/04/2026", "--fit", "3"]) == EXIT_USAGE
    assert "03/04/2026 could be 3 April or 4 March 2026; type 2026-04-03 or 2026-03-04" in capsys.readouterr().err
    assert main(["visit", "add", org_id, "--date", "04/23/2026", "--fit", "3"]) == EXIT_USAGE
    assert "04/23/2026 looks like month/day/year; type 2026-04-23" in capsys.readouterr().err
    assert list(Repository.open(board).visits(organization_id=org_id)) == []


def test_a_date_read_two_ways_is_refused_in_spanish_with_both_readings(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["--lang", "es", "visit", "add", org_id, "--date", "03/04/2026", "--fit", "3"]) == EXIT_USAGE
    assert (
        "argumento --date: 03/04/2026 podría ser 3 de abril o 4 de marzo de 2026; escriba 2026-04-03 o 2026-03-04"
        in capsys.readouterr().err
    )
    assert main(["--lang", "es", "visit", "add", org_id, "--date", "hoy", "--fit", "3"]) == EXIT_OK
    assert [visit.date for visit in Repository.open(board).visits(organization_id=org_id)] == [date.today()]


def test_an_unusual_date_is_saved_with_a_warning_and_exit_0(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    ahead = (today() + timedelta(days=60)).isoformat()
    long_ago = (today() - timedelta(days=365)).isoformat()
    argv = ["visit", "add", org_id, "--date", ahead, "--fit", "3", "--next-follow-up", long_ago]
    assert main(argv) == EXIT_OK
    captured = capsys.readouterr()
    assert "Warning: The visit date, " in captured.err and "is more than a month ahead." in captured.err
    assert "Warning: The next follow-up, " in captured.err and "more than six months ago." in captured.err
    repo = Repository.open(board)
    visit = next(v for v in repo.visits(organization_id=org_id) if v.id == captured.out.strip())
    assert (visit.date.isoformat(), visit.next_follow_up.isoformat()) == (ahead, long_ago)


def test_a_plausible_visit_prints_no_warning(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["visit", "add", org_id, "--fit", "3", "--next-follow-up", "today"]) == EXIT_OK
    assert "Warning" not in capsys.readouterr().err


def test_org_edit_warns_about_a_follow_up_long_past_and_saves_it(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    long_ago = today() - timedelta(days=365)
    assert main(["org", "edit", org_id, "--follow-up", long_ago.isoformat()]) == EXIT_OK
    assert "more than six months ago" in capsys.readouterr().err
    repo = Repository.open(board)
    assert repo.placement(org_id, repo.default_campaign().id).next_follow_up == long_ago
