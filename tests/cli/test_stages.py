"""A campaign's stages from the command line: templates, listing, and every change with its refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository
from store.i18n import set_language
from tests.boards import on_disk


@pytest.fixture
def chiapas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A board with a scouting campaign and one organization in its Visited stage."""
    path = tmp_path / "board.json"
    monkeypatch.setenv("OUTREACH_TUI_DB", str(path))
    assert main(["init"]) == EXIT_OK
    assert main(["campaign", "add", "Chiapas 2027", "--template", "scouting"]) == EXIT_OK
    assert main(["org", "add", "Frayba", "--campaign", "Chiapas 2027", "--stage", "visited"]) == EXIT_OK
    capsys.readouterr()
    return path


def campaign(path: Path, name: str = "Chiapas 2027"):
    return Repository.open(path).campaign(name)


def keys(path: Path, name: str = "Chiapas 2027") -> list[str]:
    return [stage.key for stage in campaign(path, name).stages]


def test_the_scouting_template_lists_its_five_stages_with_cards_and_marks(chiapas, capsys):
    assert main(["campaign", "stages", "Chiapas 2027"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "contacted     Contacted / Contactada          0 cards",
        "identified    Identified / Identificada       0 cards",
        "visited       Visited / Visitada              1 card",
        "trained       Trained / Capacitada            0 cards      training",
        "active        Active partner / Aliada activa  0 cards      active partners",
    ]
    assert main(["campaign", "stages", "Chiapas 2027", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed[2] == {"key": "visited", "label": "Visited", "labels": {"es": "Visitada"}, "cards": 1}


def test_a_campaign_can_copy_another_campaigns_stages_and_have_dates(chiapas, capsys):
    assert main(["campaign", "stage", "training", "Chiapas 2027", "active"]) == EXIT_OK
    assert (
        main(["campaign", "add", "Oaxaca 2028", "--stages-from", "Chiapas 2027", "--starts", "2028-01-15"]) == EXIT_OK
    )
    copy = campaign(chiapas, "Oaxaca 2028")
    assert (keys(chiapas, "Oaxaca 2028"), copy.training_stage) == (keys(chiapas), "active")
    assert copy.starts_on == date(2028, 1, 15)
    assert main(["campaign", "edit", "Oaxaca 2028", "--ends", "15/12/2028"]) == EXIT_OK
    capsys.readouterr()
    assert main(["campaign", "list"]) == EXIT_OK
    assert "Jan 15, 2028 to Dec 15, 2028" in capsys.readouterr().out
    assert main(["campaign", "edit", "Oaxaca 2028", "--ends", "2027-01-01"]) == EXIT_REFUSED
    assert "the campaign cannot end before it starts" in capsys.readouterr().err
    assert main(["campaign", "edit", "Oaxaca 2028", "--starts", "none"]) == EXIT_OK
    assert campaign(chiapas, "Oaxaca 2028").starts_on is None


def test_templates_and_copies_exclude_each_other(chiapas, capsys):
    assert main(["campaign", "add", "X", "--template", "scouting", "--stages-from", "Chiapas 2027"]) == EXIT_USAGE
    assert main(["campaign", "add", "X", "--template", "kanban"]) == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err
    assert main(["campaign", "add", "Default"]) == EXIT_OK
    assert keys(chiapas, "Default") == ["contacted", "trained", "active"]


def test_stages_are_added_moved_renamed_and_chosen(chiapas, capsys):
    add = ["campaign", "stage", "add", "Chiapas 2027", "assessed", "--label", "Assessed", "--label-es", "Evaluada"]
    assert main([*add, "--after", "visited"]) == EXIT_OK
    assert keys(chiapas) == ["contacted", "identified", "visited", "assessed", "trained", "active"]
    assert main(["campaign", "stage", "move", "Chiapas 2027", "assessed", "--first"]) == EXIT_OK
    assert main(["campaign", "stage", "move", "Chiapas 2027", "identified", "--after", "Visitada"]) == EXIT_OK
    assert keys(chiapas) == ["assessed", "contacted", "visited", "identified", "trained", "active"]
    assert main(["campaign", "stage", "rename", "Chiapas 2027", "trained", "--label-es", "Taller hecho"]) == EXIT_OK
    assert campaign(chiapas).stage("trained").labels == {"es": "Taller hecho"}
    assert main(["campaign", "stage", "active", "Chiapas 2027", "identified"]) == EXIT_OK
    assert campaign(chiapas).active_stage == "identified"
    assert "count as the active partners of Chiapas 2027" in capsys.readouterr().err


def test_a_stage_holding_a_card_is_removed_only_with_its_card_moved(chiapas, capsys):
    before = on_disk(chiapas)
    assert main(["campaign", "stage", "remove", "Chiapas 2027", "visited"]) == EXIT_REFUSED
    assert "still holds 1 card (on the board, off it or archived)" in capsys.readouterr().err
    assert on_disk(chiapas) == before
    assert main(["campaign", "stage", "remove", "Chiapas 2027", "visited", "--move-cards-to", "identified"]) == EXIT_OK
    assert "Moved 1 card to Identified." in capsys.readouterr().err
    assert "visited" not in keys(chiapas)
    assert main(["undo"]) == EXIT_OK
    assert "visited" in keys(chiapas)
    assert (
        Repository.open(chiapas)
        .placement(Repository.open(chiapas).find_organization("Frayba").id, campaign(chiapas).id)
        .stage
        == "visited"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["add", "Chiapas 2027", "visited", "--label", "Again"], "already has a stage 'visited'"),
        (["add", "Chiapas 2027", "Bad Key", "--label", "Bad"], "cannot be a stage key"),
        (["add", "Chiapas 2027", "visited2", "--label", "Bell\x07"], "control or format characters"),
        (["remove", "Chiapas 2027", "trained"], "is the training stage"),
        (["move", "Chiapas 2027", "visited", "--after", "visited"], "cannot go after itself"),
        (["rename", "Chiapas 2027", "visited"], "Nothing to change"),
        (["training", "Chiapas 2027", "nowhere"], "has no stage 'nowhere'"),
        (
            ["training", "Chiapas 2027", "contacted"],
            "1 card in Visited has no training and would then count as trained",
        ),
    ],
)
def test_refusals_exit_1_and_change_nothing(chiapas, capsys, arguments, message):
    before = on_disk(chiapas)
    assert main(["campaign", "stage", *arguments]) == EXIT_REFUSED
    assert message in capsys.readouterr().err
    assert on_disk(chiapas) == before


def test_moving_a_stage_needs_a_place(chiapas, capsys):
    assert main(["campaign", "stage", "move", "Chiapas 2027", "visited"]) == EXIT_USAGE


def test_the_stage_commands_speak_spanish(chiapas, capsys):
    set_language("es")
    assert main(["--lang", "es", "campaign", "stages", "Chiapas 2027"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[3].endswith("capacitación") and lines[4].endswith("aliadas activas")
    assert main(["--lang", "es", "campaign", "stage", "remove", "Chiapas 2027", "visited"]) == EXIT_REFUSED
    assert "todavía tiene 1 tarjeta" in capsys.readouterr().err


@pytest.mark.parametrize("action", ["add", "rename", "move", "remove", "training", "active"])
def test_every_stage_command_has_help_with_an_example(action, capsys):
    assert main(["campaign", "stage", action, "--help"]) == EXIT_OK
    assert "outreach-tui campaign stage " + action in capsys.readouterr().out


def test_the_board_export_and_org_list_follow_the_campaigns_own_stages(chiapas, capsys):
    assert main(["campaign", "edit", "Chiapas 2027", "--target-partners", "4"]) == EXIT_OK
    assert main(["campaign", "stage", "move", "Chiapas 2027", "visited", "--first"]) == EXIT_OK
    assert main(["campaign", "stage", "rename", "Chiapas 2027", "visited", "--label", "Seen"]) == EXIT_OK
    assert main(["campaign", "stage", "active", "Chiapas 2027", "visited"]) == EXIT_OK
    capsys.readouterr()
    assert main(["--campaign", "Chiapas 2027"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Active partners (Seen): 1 organization (goal: 4) · reaching 0 workers"
    assert lines[3].startswith("Seen · 1 organization") and lines[4].startswith("  Frayba · ")
    assert main(["org", "list", "--campaign", "Chiapas 2027", "--stage", "seen"]) == EXIT_OK
    assert "Frayba" in capsys.readouterr().out
    assert main(["export", "--campaign", "Chiapas 2027", "--output", "snap.json"]) == EXIT_OK
    snapshot = json.loads(Path("snap.json").read_text())
    assert [column["stage"] for column in snapshot["columns"]] == [
        "visited",
        "contacted",
        "identified",
        "trained",
        "active",
    ]
    assert (snapshot["campaign"]["active_stage"], snapshot["columns"][0]["label"]) == ("visited", "Seen")
