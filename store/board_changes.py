"""What changed on a campaign's board since a mark, and that board brought up to date card by card.

Every table of the copy in memory logs the records put or deleted one at a time
(``Table.log``), whether this session wrote them or read them from another session's
journal. A mark says how far each log went; ``update_board`` takes a board built at a
mark, finds the organizations whose card may have changed since, and moves only those
cards, so showing another session's move costs the same on 20,000 cards as on 100.
Whatever it cannot follow card by card (the campaign itself changed, a full re-read of
the file, many records) it leaves to a new ``board()``: it returns None.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .document import BoardDocument
from .models import Campaign, Organization, Placement
from .text import fold
from .views import Board, Card, Column, card_order_in_file

WATCHED = ("campaigns", "organizations", "placements")
"""The tables a board's cards are made of."""
WIDE = 500
"""Changed records past which a whole new board is cheaper than following them one by one."""

SortKey = Callable[[Card], Any]


@dataclass(frozen=True)
class ChangeMark:
    """How far the change log of each table a board is made of went: ``(epoch, length)`` per table."""

    tables: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ColumnChange:
    """What changed in one column: the cards that left it or changed, and the cards as they are now."""

    left: list[Card] = field(default_factory=list)
    """The cards that left the column or changed in it, as they were."""
    arrived: list[Card] = field(default_factory=list)
    """The cards that arrived in the column or changed in it, as they are now."""


@dataclass(frozen=True)
class BoardUpdate:
    """A board brought up to date, the columns whose cards changed (by index), and the new mark."""

    board: Board
    columns: dict[int, ColumnChange]
    mark: ChangeMark


def change_mark(doc: BoardDocument) -> ChangeMark:
    return ChangeMark(tuple((doc.tables[name].epoch, len(doc.tables[name].log)) for name in WATCHED))


def changed_since(doc: BoardDocument, mark: ChangeMark) -> list[list[BaseModel]] | None:
    """The records of each watched table changed since ``mark``; None when a table was set wholesale since."""
    changed: list[list[BaseModel]] = []
    for name, (epoch, length) in zip(WATCHED, mark.tables, strict=True):
        table = doc.tables[name]
        if table.epoch != epoch or len(table.log) < length:
            return None
        changed.append(table.log[length:])
    return changed


def column_key(doc: BoardDocument) -> SortKey:
    """How a column's cards are ordered: oldest in the stage first, then by name, then as in the file."""
    doc_of = doc.placements.doc_of
    return lambda card: card_order_in_file(card, int(doc_of.get(card.placement.id, 0)))


def off_board_key(doc: BoardDocument) -> SortKey:
    """How the cards taken off the board are ordered: by name, then as in the file."""
    doc_of = doc.placements.doc_of
    return lambda card: (fold(card.organization.name), int(doc_of.get(card.placement.id, 0)))


def update_board(doc: BoardDocument, board: Board, mark: ChangeMark) -> BoardUpdate | None:
    """``board`` (built at ``mark``) as it is now, changing only the cards that changed; None: build it anew."""
    changed = changed_since(doc, mark)
    if changed is None or sum(map(len, changed)) > WIDE:
        return None
    campaigns, organizations, placements = changed
    campaign_id = board.campaign.id
    if any(isinstance(record, Campaign) and record.id == campaign_id for record in campaigns):
        return None  # its stages, their labels or its rules may differ: new columns
    org_ids = {record.id for record in organizations if isinstance(record, Organization)}
    org_ids.update(
        record.organization_id
        for record in placements
        if isinstance(record, Placement) and record.campaign_id == campaign_id
    )
    edit = _BoardEdit(doc, board)
    for org_id in sorted(org_ids):
        if not edit.replace(org_id):
            return None
    return BoardUpdate(edit.result(), edit.changes, change_mark(doc))


class _BoardEdit:
    """A board being brought up to date: columns copied only when a card of theirs changes."""

    def __init__(self, doc: BoardDocument, board: Board) -> None:
        self.doc = doc
        self.board = board
        self.campaign_id = board.campaign.id
        # The index moves to the new board instead of being copied (20,000 entries): the old
        # board works its index out again if it is ever asked.
        self.by_id = board.by_id
        vars(board).pop("by_id", None)
        self.columns = [column.cards for column in board.columns]
        self.off_board = list(board.off_board)
        self.copied: set[int] = set()
        self.changes: dict[int, ColumnChange] = {}
        self.stage_at = {column.stage.key: index for index, column in enumerate(board.columns)}
        self.column_key = column_key(doc)
        self.off_board_key = off_board_key(doc)

    def replace(self, org_id: str) -> bool:
        """Put the organization's card where it is now; False when its stage is not a column of the board."""
        old = self.by_id.get(org_id)
        new = self._current(org_id)
        if (
            old is not None
            and new is not None
            and old.placement is new.placement
            and old.organization is new.organization
        ):
            return True
        if new is not None and new.placement.off_board is None and new.placement.stage not in self.stage_at:
            return False
        if old is not None:
            self._take(old)
            del self.by_id[org_id]
        if new is not None:
            self._put(new)
            self.by_id[org_id] = new
        return True

    def _current(self, org_id: str) -> Card | None:
        org = self.doc.organizations.get(org_id)
        placement = self.doc.placements.in_campaign(self.campaign_id).get(org_id)
        if org is None or placement is None or org.archived:
            return None
        return Card(org, placement)

    def _take(self, card: Card) -> None:
        if card.placement.off_board is not None:
            _remove(self.off_board, card, self.off_board_key)
            return
        index = self.stage_at[card.placement.stage]
        _remove(self._column(index), card, self.column_key)
        self.changes.setdefault(index, ColumnChange()).left.append(card)

    def _put(self, card: Card) -> None:
        if card.placement.off_board is not None:
            _insert(self.off_board, card, self.off_board_key)
            return
        index = self.stage_at[card.placement.stage]
        _insert(self._column(index), card, self.column_key)
        self.changes.setdefault(index, ColumnChange()).arrived.append(card)

    def _column(self, index: int) -> list[Card]:
        if index not in self.copied:
            self.columns[index] = list(self.columns[index])
            self.copied.add(index)
        return self.columns[index]

    def result(self) -> Board:
        columns = [
            self._changed_column(index, column) if index in self.copied else column
            for index, column in enumerate(self.board.columns)
        ]
        return Board.indexed(self.board.campaign, columns, self.off_board, self.by_id)

    def _changed_column(self, index: int, before: Column) -> Column:
        column = Column(before.stage, self.columns[index])
        if "workers" in vars(before):
            # Counted from what changed, not from every card of the column again.
            change = self.changes[index]
            reached = sum(card.organization.workers for card in change.arrived)
            vars(column)["workers"] = before.workers + reached - sum(card.organization.workers for card in change.left)
        return column


def _insert(cards: list[Card], card: Card, key: SortKey) -> None:
    cards.insert(bisect_right(cards, key(card), key=key), card)


def _remove(cards: list[Card], card: Card, key: SortKey) -> None:
    wanted = key(card)
    index = bisect_left(cards, wanted, key=key)
    while index < len(cards) and key(cards[index]) == wanted:
        if cards[index] is card:
            del cards[index]
            return
        index += 1
    # Its place in the file is gone (the card was deleted): look for it.
    cards.remove(card)
