"""Command-line mistakes and conveniences: one-line errors, "did you mean", --version, today, grouped numbers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from outreach_tui import __version__
from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository
from store.i18n import set_language
from store.suggest import closest
from tests.cli.helpers import contacted_cards


def test_a_mistake_is_one_line_and_a_pointer_to_help_without_the_usage_block(board, capsys):
    assert main(["training", "add", "--date", "2026-11-21", "--topic", "Derechos"]) == EXIT_USAGE
    assert capsys.readouterr().err.splitlines() == [
        "outreach-tui training add: the following arguments are required: --org",
        "Try 'outreach-tui training add --help' for more information.",
    ]


def test_the_pointer_to_help_is_translated(board, capsys):
    assert main(["--lang", "es", "org", "move", "X"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "uso:" not in err
    assert err.splitlines()[-1] == "Consulte 'outreach-tui org move --help' para más información."


@pytest.mark.parametrize(
    ("argv", "guess"),
    [
        (["hisotry"], "did you mean 'history'?"),
        (["org", "mv", "X"], "did you mean 'move'?"),
        (["users", "add", "lucia", "--role", "Coordinadór"], "did you mean 'coordinator'?"),
        (["org", "add", "X", "--type", "legal-clinc"], "did you mean 'legal_clinic'?"),
    ],
)
def test_a_mistyped_command_or_choice_suggests_the_closest(board, capsys, argv, guess):
    assert main(argv) == EXIT_USAGE
    first = capsys.readouterr().err.splitlines()[0]
    assert "invalid choice" in first and first.endswith(guess)


def test_nothing_is_suggested_when_nothing_is_close(board, capsys):
    assert main(["frobnicate"]) == EXIT_USAGE
    assert "did you mean" not in capsys.readouterr().err
    assert closest("bakery", ["union", "other", "faith_based"]) is None


def test_a_mistyped_stage_suggests_the_closest_in_either_language(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "move", org_id, "--to", "traned"]) == EXIT_REFUSED
    assert capsys.readouterr().err.rstrip().endswith("Did you mean trained?")
    assert main(["--lang", "es", "org", "move", org_id, "--to", "Aliada actva"]) == EXIT_REFUSED
    assert capsys.readouterr().err.rstrip().endswith("¿Quiso decir active?")
    set_language("en")
    assert main(["org", "move", org_id, "--to", "zzz"]) == EXIT_REFUSED
    assert "Did you mean" not in capsys.readouterr().err


def test_version_prints_the_program_and_its_version(capsys):
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out == f"outreach-tui {__version__}\n"


def test_demo_is_accepted_after_the_command_like_db(capsys):
    assert main(["org", "list", "--demo"]) == EXIT_OK
    after = capsys.readouterr().out
    assert main(["--demo", "org", "list"]) == EXIT_OK
    assert after and capsys.readouterr().out == after
    assert main(["demo", "--demo"]) == EXIT_USAGE
    assert main(["org", "list", "--demo", "--db", "x.json"]) == EXIT_USAGE


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_visit_add_without_a_date_is_today_in_the_boards_time_zone(board, capsys, zone):
    # These two zones are 26 hours apart: their dates always differ, so the zone is what decides.
    assert main(["settings", "time-zone", zone]) == EXIT_OK
    org_id = contacted_cards(board, 1)[0]
    assert main(["visit", "add", org_id, "--fit", "3"]) == EXIT_OK
    [visit] = Repository.open(board).visits(organization_id=org_id)
    assert visit.date == datetime.now(ZoneInfo(zone)).date()


@pytest.mark.parametrize(
    "argv",
    [
        ["org", "add", "Casa Hoy", "--follow-up", "today"],
        ["org", "edit", "ORG", "--follow-up", "hoy"],
        ["training", "add", "--org", "ORG", "--date", "today", "--topic", "Derechos"],
        ["visit", "add", "ORG", "--date", "hoy", "--fit", "3", "--next-follow-up", "today"],
    ],
)
def test_today_is_accepted_wherever_a_date_is(board, capsys, argv):
    org_id = contacted_cards(board, 1)[0]
    assert main([org_id if part == "ORG" else part for part in argv]) == EXIT_OK, capsys.readouterr().err


@pytest.mark.parametrize(("typed", "workers"), [("1,200", 1200), ("1 200", 1200), ("40_000", 40000)])
def test_workers_may_be_typed_with_thousands_grouped_as_in_the_board(board, capsys, typed, workers):
    assert main(["org", "add", "Casa Grupo", "--workers", typed]) == EXIT_OK
    org = Repository.open(board).find_organization(capsys.readouterr().out.strip())
    assert org.workers_reached is not None and org.workers_reached.estimate == workers


def test_a_grouped_number_is_still_checked(board, capsys):
    assert main(["org", "add", "X", "--workers", "1,2x0"]) == EXIT_USAGE
    assert "'1,2x0' is not a whole number" in capsys.readouterr().err
    assert main(["org", "add", "X", "--workers", "-1,200"]) == EXIT_USAGE


def test_a_move_to_the_stage_the_card_is_in_says_so_and_records_nothing(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    events = len(Repository.open(board).history())
    assert main(["org", "move", org_id, "--to", "contacted"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "is already in Contacted (" in err and err.endswith("; nothing was changed.\n") and "now in" not in err
    assert len(Repository.open(board).history()) == events
