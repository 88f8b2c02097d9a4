"""Another session's changes: the board shows only the cards that changed, exactly as a board shown anew would."""

from __future__ import annotations

from datetime import date
from typing import Any

from outreach_tui.widgets import CardColumn
from tests.app.harness import RecordingApp, board_of, column, run, screen_text
from tests.boards import TODAY, demo_board, open_board


def shown(app: RecordingApp) -> list[tuple[str, list[tuple[str, tuple[str, ...]]]]]:
    """Each column's header and its cards with every line they show."""
    columns = []
    for stage_column in board_of(app).stage_columns:
        cards = stage_column.cards
        lines = [(card.id, tuple(line.text for line in cards.card_lines(card))) for card in cards.cards]
        columns.append((screen_text_of(stage_column), lines))
    return columns


def screen_text_of(stage_column: Any) -> str:
    header = stage_column.query_one(".stage-header")
    return str(header.render())


async def rebuilt(app: RecordingApp, pilot: Any) -> list[tuple[str, list[tuple[str, tuple[str, ...]]]]]:
    """What the board shows once every column is shown anew from the repository."""
    board = board_of(app)
    board.board = None
    board.reload_board()
    await pilot.pause()
    return shown(app)


def count_whole_namings(monkeypatch: Any) -> list[str]:
    named: list[str] = []
    original = CardColumn.name_cards

    def name_cards(self: CardColumn, cards: Any) -> None:
        named.append(self.stage_key)
        original(self, cards)

    monkeypatch.setattr(CardColumn, "name_cards", name_cards)
    return named


def test_another_sessions_moves_edits_additions_and_archiving_show_as_a_board_shown_anew(tmp_path, monkeypatch):
    repo = demo_board(tmp_path, organizations=300)
    other = open_board(repo.path)
    campaign_id = repo.default_campaign().id

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            named = count_whole_namings(monkeypatch)
            columns = other.board(campaign_id).columns
            first, deep, renamed, archived, dated = columns[0].cards[0], *columns[0].cards[40:44]
            moved_back = columns[1].cards[0]
            other.move(first.id, columns[1].stage.key, campaign_id=campaign_id, without_training=True, reason="x")
            other.move(deep.id, columns[1].stage.key, campaign_id=campaign_id, without_training=True, reason="x")
            other.move(moved_back.id, columns[0].stage.key, campaign_id=campaign_id)
            # A name that reads like its neighbours' once cut: the cards it meets are told apart anew.
            other.update_organization(renamed.id, {"name": columns[0].cards[1].organization.name + " Norte"})
            other.archive_organization(archived.id, reason="closed")
            other.edit_card(dated.id, campaign_id=campaign_id, changes={"next_follow_up": date(2026, 11, 20)})
            other.add_organization(
                {"name": "Colectivo Nuevo de la Frontera", "type": "migrant_services", "place": {"country": "México"}},
                campaign_id=campaign_id,
            )
            app.check_for_changes()
            await pilot.pause()
            followed = shown(app)
            assert named == []  # no column was named whole again
            assert first.id in [card_id for card_id, _lines in followed[1][1]]
            assert archived.id not in [card_id for _header, cards in followed for card_id, _lines in cards]
            assert followed == await rebuilt(app, pilot)

    run(scenario())


def test_marks_selection_filter_and_scroll_stay_while_another_session_moves_cards(tmp_path):
    repo = demo_board(tmp_path, organizations=120)
    other = open_board(repo.path)
    campaign_id = repo.default_campaign().id

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("space", "down", "space", *["down"] * 6)
            contacted = column(app, 0)
            selected, marked = contacted.selected, set(board_of(app).marked)
            top = contacted.scroll_offset.y
            assert selected is not None and len(marked) == 2 and top > 0
            above = contacted.cards[0]
            other.move(above.id, "trained", campaign_id=campaign_id, without_training=True, reason="x")
            app.check_for_changes()
            await pilot.pause()
            assert contacted.selected is not None and contacted.selected.id == selected.id
            assert app.focused is contacted and board_of(app).marked == marked
            assert contacted.scroll_offset.y == top
            assert above.id in [card.id for card in column(app, 1).cards]

            await pilot.press("slash", *"casa", "enter")
            filtered = [card.id for card in contacted.cards]
            gone = next(card for card in column(app, 0).cards if card.id not in marked)
            other.move(gone.id, "trained", campaign_id=campaign_id, without_training=True, reason="x")
            app.check_for_changes()
            await pilot.pause()
            assert board_of(app).filter_text == "casa"
            assert [card.id for card in contacted.cards] == [card_id for card_id in filtered if card_id != gone.id]
            assert gone.id in [card.id for card in column(app, 1).cards]
            assert all("casa" in card.search_text for card in column(app, 1).cards)
            assert board_of(app).marked == marked

    run(scenario())


def test_a_change_of_stages_by_another_session_shows_the_board_anew(tmp_path, monkeypatch):
    repo = demo_board(tmp_path, organizations=40)
    other = open_board(repo.path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            named = count_whole_namings(monkeypatch)
            campaign = other.default_campaign()
            stages = [stage.model_dump() for stage in campaign.stages]
            stages[0]["label"] = "Reached"
            other.edit_campaign(campaign.id, {"stages": stages}, expected_version=campaign.version)
            app.check_for_changes()
            await pilot.pause()
            await pilot.pause()
            assert len(named) == len(campaign.stages)  # every column shown anew
            assert "Reached" in screen_text(app)
            assert shown(app) == await rebuilt(app, pilot)

    run(scenario())


def test_a_move_with_the_key_changes_two_columns_and_the_card_stays_selected(tmp_path, monkeypatch):
    repo = demo_board(tmp_path, organizations=120)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            named = count_whole_namings(monkeypatch)
            await pilot.press("l", "down")
            card = column(app, 1).selected
            assert card is not None
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.focused is column(app, 2)
            selected = column(app, 2).selected
            assert selected is not None and selected.id == card.id
            assert named == []
            assert shown(app) == await rebuilt(app, pilot)

    run(scenario())
