"""Showing a campaign's cards on the board: the whole board on opening, then only what changed.

The board screen's part that turns the repository's copy into its columns (a mixin of
``BoardScreen``, which holds the state it uses: the board shown, the marks, the filter).
Another session's move or one's own touches two columns, so only the columns whose cards
changed are shown anew; the columns are rebuilt when the campaign's stages change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import Board, Campaign, Column
from store.board_changes import BoardUpdate, ChangeMark
from store.i18n import _
from store.text import fold

from ..widgets import StageBoard, StageColumn, TopBar

if TYPE_CHECKING:
    from ..app import OutreachApp
    from .board_flows import BoardFlows


def empty_hint(campaign: Campaign, index: int) -> str:
    """What an empty column says, so a new board tells people what to press."""
    if index == 0:
        return _("No organizations yet. Press n to add one.")
    if campaign.stages[index].key == campaign.training_stage:
        return _("Empty. Cards arrive when a training is recorded (space to mark, then t).")
    return _("Empty. Move cards here with ] from the previous stage.")


def stage_columns(campaign: Campaign) -> list[StageColumn]:
    return [StageColumn(stage, empty_hint(campaign, index), index=index) for index, stage in enumerate(campaign.stages)]


class ShowsBoard:
    """What ``BoardScreen`` does to show the repository's copy of its campaign."""

    if TYPE_CHECKING:
        app: OutreachApp
        board: Board | None
        marked: set[str]
        filter_text: str
        flows: BoardFlows
        _seen_generation: int
        _mark: ChangeMark | None
        _stage_board: StageBoard | None

    def reload_board(self, *, keep: str | None = None) -> None:
        """Show the board as the repository holds it now, keeping selection, filter and marks.

        Only the cards that changed since it was last shown are shown anew (a move touches two
        columns); the columns are rebuilt whole when the store cannot say which cards changed.
        """
        campaign = self.campaign()
        self._update_top_bar(campaign)
        if campaign is None:
            self.board = None
            return
        update = self._board_update(campaign)
        if update is not None:
            self._show_update(update, keep=keep)
            return
        selected = keep or (card.id if (card := self.selected_card()) else None)
        if self._stages_changed(campaign):
            # Another session (or the stages editor) changed the stages: new columns, then their cards.
            self.board = None
            self.call_later(self._rebuild_columns, campaign, selected)
            return
        self._mark = self.repo.change_mark()
        self.board = self.repo.board(campaign.id)
        self._seen_generation = self.repo.generation
        if self.marked:
            # Only with marks to keep: on opening there are none, and a large board has 20,000 cards.
            self.marked &= {card.id for column in self.board.columns for card in column.cards}
        self.query_one(TopBar).marked = len(self.marked)
        self._show_columns(keep=selected)

    def _board_update(self, campaign: Campaign) -> BoardUpdate | None:
        board, mark = self.board, self._mark
        if board is None or mark is None or board.campaign.id != campaign.id:
            return None
        return self.repo.update_board(board, mark)

    def _show_update(self, update: BoardUpdate, *, keep: str | None) -> None:
        """Show anew only the columns whose cards changed; ``keep`` selects that card where it is now."""
        board = self.board = update.board
        self._mark = update.mark
        self._seen_generation = self.repo.generation
        marked = {
            org_id for org_id in self.marked if (card := board.by_id.get(org_id)) and card.placement.off_board is None
        }
        if marked != self.marked:
            self.marked = marked
            self.query_one(TopBar).marked = len(marked)
        columns = self.stage_columns
        for index, change in update.columns.items():
            column = board.columns[index]
            columns[index].cards.cards_changed(column.cards, left=change.left, arrived=change.arrived)
            here = keep if any(card.id == keep for card in change.arrived) else None
            self._show_column(columns[index], column, keep=here, changed=False)
        self._refresh_edges()

    def _stages_changed(self, campaign: Campaign) -> bool:
        shown = [(column.stage, column.empty_hint) for column in self.stage_columns]
        return shown != [(stage, empty_hint(campaign, index)) for index, stage in enumerate(campaign.stages)]

    async def _rebuild_columns(self, campaign: Campaign, keep: str | None) -> None:
        old = self.stage_board
        if old is None:
            return
        focused = any(self.focused is column.cards for column in self.stage_columns)
        self._stage_board = None
        await old.remove()
        await self.mount(self._new_stage_board(campaign), after="#top-bar")
        self.reload_board(keep=keep)
        if focused and not (keep and self.select(keep)) and self.stage_columns:
            self.stage_columns[0].cards.focus()

    def _show_columns(self, *, keep: str | None = None, changed: bool = True) -> None:
        if self.board is not None:
            for stage_column, column in zip(self.stage_columns, self.board.columns, strict=True):
                self._show_column(stage_column, column, keep=keep, changed=changed)
            self._refresh_edges()

    def _refresh_edges(self) -> None:
        if (stage_board := self.stage_board) is not None:
            stage_board.refresh_edges()

    def _show_column(
        self, stage_column: StageColumn, column: Column, *, keep: str | None = None, changed: bool = True
    ) -> None:
        """Show a column's cards through the filter; ``changed`` when they are not the ones shown before."""
        cards = column.cards
        stage_column.cards.today = self.app.today
        if changed:
            stage_column.cards.name_cards(cards)
        stage_column.cards.set_marked(frozenset(self.marked))
        if self.filter_text:
            wanted = fold(self.filter_text)
            shown = [card for card in cards if card.matches(wanted)]
            stage_column.show(shown, total=len(cards), keep=keep)
        else:
            stage_column.show(cards, keep=keep, workers=column.workers)

    def _update_top_bar(self, campaign: Campaign | None) -> None:
        bar = self.query_one(TopBar)
        bar.campaign = campaign.name if campaign is not None else None
        bar.marked = len(self.marked)
        bar.board_file = self.repo.path.name
        bar.account = self.repo.actor.label()
        bar.role = self.repo.role()

    def refresh_from_disk(self) -> None:
        """Called by the app's watcher: show what other sessions wrote."""
        if self.repo.generation != self._seen_generation:
            self.reload_board()
            if self.app.history_validated:
                self.flows.check_history()
