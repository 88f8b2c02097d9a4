"""How each screen looks, at 80x24 unless a test says otherwise.

The SVGs under tests/app/__snapshots__/ were looked at before they were committed;
update them (`pytest --snapshot-update`) only for an intended change, and look again.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input

import outreach_tui.screens.board_files
import store.i18n
from outreach_tui.app import OutreachApp
from outreach_tui.screens.wait import WaitScreen
from store import Actor
from tests.boards import TODAY, demo_board, fixed_clock, open_board, wide_board


@pytest.fixture
def app(tmp_path: Path) -> OutreachApp:
    return OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)


def test_board_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24))


def test_board_120x40(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 40))


def test_board_with_the_second_column_selected(snap_compare, app):
    assert snap_compare(app, press=["l", "down"])


def test_details(snap_compare, app):
    assert snap_compare(app, press=["enter"])


def test_help(snap_compare, app):
    assert snap_compare(app, press=["question_mark"])


def test_new_organization_form_showing_an_error(snap_compare, app):
    assert snap_compare(app, press=["n", "ctrl+s"])


def test_new_organization_form_asking_before_discarding(snap_compare, app):
    assert snap_compare(app, press=["n", *"Frayba", "escape"])


def test_filter_in_use(snap_compare, app):
    assert snap_compare(app, press=["slash", *"nog"])


def test_card_whose_name_contains_markup(snap_compare, tmp_path):
    repo = demo_board(tmp_path, organizations=4)
    repo.add_organization(
        {"name": "[bold]Centro[/] [@click=app.quit]Obrero[/]", "place": {"municipality": "[red]Tijuana"}},
        campaign_id=repo.default_campaign().id,
    )
    app = OutreachApp(repo, today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["end"])


def test_training_form_prefilled_from_a_move(snap_compare, app):
    assert snap_compare(app, press=["right_square_bracket"])


def test_training_form_for_marked_cards(snap_compare, app):
    assert snap_compare(app, press=["space", "down", "space", "t"])


def test_visit_form(snap_compare, app):
    assert snap_compare(app, press=["v"])


def test_off_board_form(snap_compare, app):
    assert snap_compare(app, press=["x"])


def test_off_board_list(snap_compare, tmp_path):
    repo = demo_board(tmp_path)
    campaign = repo.default_campaign()
    card = repo.board(campaign.id).columns[0].cards[0]
    repo.set_off_board(card.id, campaign_id=campaign.id, state="not_a_fit", reason="Focus is housing, not labor rights")
    archived = repo.board(campaign.id).columns[1].cards[0]
    repo.archive_organization(archived.id, reason="Closed its office in Tijuana")
    app = OutreachApp(repo, today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["o"])


def test_follow_ups(snap_compare, app):
    assert snap_compare(app, press=["f"])


def test_campaign_picker(snap_compare, app):
    assert snap_compare(app, press=["c"])


def test_add_organizations_to_a_board(snap_compare, tmp_path):
    repo = demo_board(tmp_path)
    app = OutreachApp(repo, repo.campaign("Maquiladora justice tour 2027").id, today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["a", *"casa", "down", "space"])


def test_edit_organization_form(snap_compare, app):
    assert snap_compare(app, press=["e"])


def test_board_without_a_campaign(snap_compare, tmp_path):
    repo = open_board(tmp_path / "empty.json", create=True)
    app = OutreachApp(repo, today=TODAY, watch_interval=None)
    assert snap_compare(app)


def test_waiting_for_the_board(snap_compare, app):
    def wait(pilot) -> None:
        pilot.app.push_screen(WaitScreen(threading.Event()))

    assert snap_compare(app, run_before=wait)


@pytest.fixture
def exporting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same home folder and clock on every machine, so the path the export dialog shows is too."""
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.setattr(outreach_tui.screens.board_files, "utc_now", fixed_clock)


def test_export_dialog(snap_compare, app, exporting):
    assert snap_compare(app, press=["s"])


def test_visit_sheet_dialog(snap_compare, app, exporting):
    assert snap_compare(app, press=["p"])


def test_export_dialog_refusing_a_folder_that_does_not_exist(snap_compare, app, exporting):
    async def refused(pilot) -> None:
        await pilot.press("s")
        await pilot.pause()
        folder = pilot.app.screen.query_one("#folder", Input)
        folder.value = "/home/ana/no-such-folder/"
        folder.cursor_position = len(folder.value)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=refused)


# -- in Spanish: what a coordinator who reads only Spanish sees -------------------------------------


@pytest.fixture
def spanish_app(tmp_path: Path) -> OutreachApp:
    store.i18n.set_language("es")
    return OutreachApp(demo_board(tmp_path), today=TODAY, watch_interval=None)


def test_spanish_board(snap_compare, spanish_app):
    assert snap_compare(spanish_app)


def test_spanish_help(snap_compare, spanish_app):
    assert snap_compare(spanish_app, press=["question_mark"])


def test_spanish_form_showing_an_error(snap_compare, spanish_app):
    assert snap_compare(spanish_app, press=["n", "ctrl+s"])


def test_spanish_palette(snap_compare, spanish_app):
    assert snap_compare(spanish_app, press=["ctrl+p", *"capacitacion"])


def test_card_form(snap_compare, app):
    assert snap_compare(app, press=["d"])


def test_card_form_for_a_trainer(snap_compare, tmp_path):
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    app = OutreachApp(open_board(repo.path, Actor("lucia")), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["d"])


def test_spanish_export_dialog(snap_compare, spanish_app, exporting):
    assert snap_compare(spanish_app, press=["s"])


async def counted_metrics(pilot) -> None:
    await pilot.press("m")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_metrics(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=counted_metrics)


# -- what a role may not use ------------------------------------------------------------------------


@pytest.fixture
def trainer_app(tmp_path: Path) -> OutreachApp:
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    return OutreachApp(open_board(repo.path, Actor("lucia")), today=TODAY, watch_interval=None)


def test_help_scrolled_to_the_badge_legend(snap_compare, app):
    assert snap_compare(app, press=["question_mark", "ctrl+end"])


def test_spanish_help_scrolled_to_the_badge_legend(snap_compare, spanish_app):
    assert snap_compare(spanish_app, press=["question_mark", "ctrl+end"])


def test_help_for_a_trainer(snap_compare, trainer_app):
    assert snap_compare(trainer_app, press=["question_mark"])


def test_organization_form_for_a_trainer(snap_compare, trainer_app):
    assert snap_compare(trainer_app, press=["e"])


def test_seven_stage_board_80x24(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path), today=TODAY, watch_interval=None)
    assert snap_compare(app, terminal_size=(80, 24))


def test_seven_stage_board_scrolled_to_the_fourth_stage(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path), today=TODAY, watch_interval=None)
    assert snap_compare(app, terminal_size=(80, 24), press=["l", "l", "l"])


def test_five_stage_board_80x24(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path, stages=5), today=TODAY, watch_interval=None)
    assert snap_compare(app, terminal_size=(80, 24))


def test_stages_editor(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path, stages=5), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["c", "s", "down", "down"])


def test_stages_editor_asking_where_the_cards_of_a_removed_stage_go(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path, stages=5), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["c", "s", "down", "down", "x"])


def test_new_stage_form(snap_compare, tmp_path):
    app = OutreachApp(wide_board(tmp_path, stages=5), today=TODAY, watch_interval=None)
    assert snap_compare(app, press=["c", "s", "down", "down", "a"])


def test_new_campaign_form(snap_compare, app):
    assert snap_compare(app, press=["c", "n"])
