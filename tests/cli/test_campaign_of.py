"""Which campaign a command about one organization acts on, when --campaign is not given."""

from __future__ import annotations

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.cli.helpers import new_org


def test_a_new_campaign_does_not_take_over_commands_about_cards_on_another_board(board, capsys):
    org_id = new_org(capsys, "Centro Frayba", "--alias", "Frayba")
    assert main(["campaign", "add", "Frontera sur 2027"]) == EXIT_OK  # now the newest active one
    capsys.readouterr()
    assert main(["org", "off-board", "Frayba", "--state", "paused", "--reason", "Retomar en enero"]) == EXIT_OK
    assert main(["org", "restore", "Frayba", "--to", "contacted"]) == EXIT_OK
    assert main(["visit", "add", "Frayba", "--date", "2026-11-20", "--fit", "4"]) == EXIT_OK
    repo = Repository.open(board)
    (card,) = repo.placements_of(org_id)
    assert card.campaign_id != repo.campaign("Frontera sur 2027").id
    assert [visit.campaign_id for visit in repo.visits(organization_id=org_id)] == [card.campaign_id]


def test_an_organization_on_two_open_boards_asks_for_the_campaign_naming_them(board, capsys):
    org_id = new_org(capsys, "Centro Frayba")
    assert main(["campaign", "add", "Frontera sur 2027"]) == EXIT_OK
    assert main(["org", "place", org_id, "--campaign", "Frontera sur 2027"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "off-board", org_id, "--state", "paused", "--reason", "Retomar en enero"]) == 1
    error = capsys.readouterr().err
    assert "on the boards of several campaigns; say which with --campaign" in error
    assert "'Frontera sur 2027'" in error
    off = ["--state", "paused", "--reason", "Retomar en enero", "--campaign", "Frontera sur 2027"]
    assert main(["org", "off-board", org_id, *off]) == EXIT_OK


def test_a_completed_campaign_does_not_make_it_ambiguous(board, capsys):
    org_id = new_org(capsys, "Centro Frayba")
    repo = Repository.open(board)
    old = repo.default_campaign()
    newer = repo.create_campaign("Frontera sur 2027")
    repo.place_organizations([org_id], newer.id)
    repo.edit_campaign(old.id, {"status": "completed"})
    assert main(["org", "off-board", org_id, "--state", "paused", "--reason", "Retomar en enero"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, newer.id).off_board is not None


def test_org_list_with_no_match_says_which_campaign_and_filter_it_searched(board, capsys):
    assert main(["org", "list", "--search", "juarez zz"]) == EXIT_OK
    captured = capsys.readouterr()
    campaign = Repository.open(board).default_campaign().name
    assert captured.out == ""
    assert f"No organization on the board of {campaign} matches --search 'juarez zz'." in captured.err
    assert main(["campaign", "add", "Frontera sur 2027"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "list", "--off-board", "--stage", "trained"]) == EXIT_OK
    error = capsys.readouterr().err
    assert "No organization off the board of Frontera sur 2027 matches --stage trained." in error
    assert "Another campaign: --campaign C" in error


def test_a_training_goes_to_the_one_board_all_its_organizations_are_on(board, capsys):
    first = new_org(capsys, "Centro Frayba")
    second = new_org(capsys, "Colectivo Tzeltal", "--no-card")
    assert main(["campaign", "add", "Frontera sur 2027"]) == EXIT_OK  # newest active, and on neither's board
    repo = Repository.open(board)
    older = next(c for c in repo.campaigns() if c.name != "Frontera sur 2027" and c.status == "active")
    assert main(["org", "place", second, "--campaign", older.id]) == EXIT_OK
    capsys.readouterr()
    assert (
        main(["training", "add", "--date", "2026-11-21", "--topic", "Derechos", "--org", first, "--org", f"{second}:2"])
        == EXIT_OK
    )
    (training,) = Repository.open(board).trainings(organization_id=first)
    assert training.campaign_id == older.id
    # On both boards, both of them: which one is for the person to say.
    assert main(["org", "place", first, second, "--campaign", "Frontera sur 2027"]) == EXIT_OK
    capsys.readouterr()
    assert (
        main(["training", "add", "--date", "2026-11-22", "--topic", "Derechos", "--org", first, "--org", second]) == 1
    )
    assert "all on the boards of several campaigns; say which with --campaign" in capsys.readouterr().err
