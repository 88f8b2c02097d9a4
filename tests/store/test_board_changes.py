"""A board brought up to date card by card holds exactly what a board built anew holds."""

from __future__ import annotations

from datetime import date

from store import Board, Repository, board_changes
from tests.boards import demo_board, open_board


def same_board(updated: Board, fresh: Board) -> None:
    """The same cards (the very same records), in the same order, with the same counts."""
    assert [column.stage for column in updated.columns] == [column.stage for column in fresh.columns]
    for mine, theirs in zip(updated.columns, fresh.columns, strict=True):
        assert [(card.organization, card.placement) for card in mine.cards] == [
            (card.organization, card.placement) for card in theirs.cards
        ]
        assert mine.workers == theirs.workers
    assert [card.id for card in updated.off_board] == [card.id for card in fresh.off_board]
    assert updated.by_id.keys() == fresh.by_id.keys()


def watcher_and_other(tmp_path) -> tuple[Repository, Repository, str]:
    repo = demo_board(tmp_path, organizations=40)
    return open_board(repo.path), open_board(repo.path), repo.default_campaign().id


def followed(update: board_changes.BoardUpdate | None, write_path: str) -> bool:
    """Whether the watcher followed the other session's changes card by card.

    It always does when they are in the journal; a checkpoint written by the other session
    is read whole, and then the board must be built anew (None).
    """
    assert update is not None or write_path == "checkpoint"
    return update is not None


def test_another_sessions_moves_edits_additions_and_archiving_are_followed_card_by_card(tmp_path, write_path):
    watcher, other, campaign_id = watcher_and_other(tmp_path)
    board, mark = watcher.board(campaign_id), watcher.change_mark()
    columns = other.board(campaign_id).columns
    moved, renamed, archived, paused, dated = columns[0].cards[:5]
    other.move(moved.id, columns[1].stage.key, campaign_id=campaign_id, without_training=True, reason="x")
    other.update_organization(renamed.id, {"name": "Albergue Zapata"})
    other.archive_organization(archived.id, reason="closed")
    other.set_off_board(paused.id, campaign_id=campaign_id, state="paused", reason="on hold")
    other.edit_card(dated.id, campaign_id=campaign_id, changes={"next_follow_up": date(2026, 12, 3)})
    added = other.add_organization(
        {"name": "Colectivo Nuevo", "type": "migrant_services", "place": {"country": "México"}},
        campaign_id=campaign_id,
    )
    assert watcher.refresh()

    update = watcher.update_board(board, mark)

    if not followed(update, write_path):
        return
    assert update is not None
    same_board(update.board, watcher.board(campaign_id))
    assert set(update.columns) == {0, 1}
    assert {card.id for card in update.columns[0].left} == {c.id for c in (moved, renamed, archived, paused, dated)}
    assert {card.id for card in update.columns[0].arrived} == {renamed.id, dated.id, added.id}
    assert [card.id for card in update.columns[1].arrived] == [moved.id]
    assert update.board.card(paused.id) is not None and update.board.card(archived.id) is None
    assert watcher.update_board(update.board, update.mark) == board_changes.BoardUpdate(update.board, {}, update.mark)


def test_a_sessions_own_change_is_followed_the_same_way(tmp_path):
    watcher, _other, campaign_id = watcher_and_other(tmp_path)
    board, mark = watcher.board(campaign_id), watcher.change_mark()
    card = board.columns[1].cards[0]
    watcher.move(card.id, board.columns[2].stage.key, campaign_id=campaign_id, without_training=True, reason="x")

    update = watcher.update_board(board, mark)

    assert update is not None and set(update.columns) == {1, 2}
    same_board(update.board, watcher.board(campaign_id))
    assert board.columns[1].cards[0] is card  # the board built before is left as it was


def test_cards_alike_in_stage_time_and_name_keep_the_order_a_new_board_gives_them(tmp_path, write_path):
    watcher, other, campaign_id = watcher_and_other(tmp_path)
    twins = [
        other.add_organization(
            {"name": "Casa Hermana", "type": "migrant_services", "place": {"country": "México"}}, allow_duplicate=True
        )
        for _ in range(3)
    ]
    other.place_organizations([org.id for org in twins], campaign_id)
    assert watcher.refresh()
    board, mark = watcher.board(campaign_id), watcher.change_mark()
    other.update_organization(twins[0].id, {"notes": "seen again"})
    assert watcher.refresh()

    update = watcher.update_board(board, mark)

    if not followed(update, write_path):
        return
    assert update is not None
    same_board(update.board, watcher.board(campaign_id))
    shown = [card.id for card in update.board.columns[0].cards if card.id in {org.id for org in twins}]
    assert shown == [org.id for org in twins]


def test_a_change_of_the_campaign_a_full_reread_or_many_records_need_a_new_board(tmp_path, monkeypatch):
    watcher, other, campaign_id = watcher_and_other(tmp_path)
    board, mark = watcher.board(campaign_id), watcher.change_mark()
    campaign = other.campaign(campaign_id)
    stages = [stage.model_dump() for stage in campaign.stages]
    stages[0]["label"] = "Reached"
    other.edit_campaign(campaign_id, {"stages": stages}, expected_version=campaign.version)
    assert watcher.refresh()
    assert watcher.update_board(board, mark) is None

    board, mark = watcher.board(campaign_id), watcher.change_mark()
    watcher._copy.reload(force=True)  # read the whole file again, as after a checkpoint not followed
    assert watcher.update_board(board, mark) is None

    board, mark = watcher.board(campaign_id), watcher.change_mark()
    monkeypatch.setattr(board_changes, "WIDE", 3)
    for card in board.columns[0].cards[:4]:
        other.edit_card(card.id, campaign_id=campaign_id, changes={"owner": "Rosa"})
    assert watcher.refresh()
    assert watcher.update_board(board, mark) is None
