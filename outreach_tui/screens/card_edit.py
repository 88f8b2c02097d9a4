"""What the card form needs from the board: the people a card's owner may be, and a save
over the version of the card the person saw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import Card, ConflictError, Placement
from store.text import fold

if TYPE_CHECKING:
    from .board import BoardScreen


def owner_choices(board: BoardScreen) -> list[str]:
    """The logins a card's owner may be set to (the form adds whoever owns it now).

    The board's users who may change cards (a viewer could never act on one). A board without users
    has no list of people: there everyone is a coordinator, so the choices are the owners of its cards
    and the person editing.
    """
    repo = board.repo
    users = repo.users()
    if users:
        logins = {user.login for user in users if user.role != "viewer"}
    else:
        shown = board.board.columns if board.board is not None else []
        logins = {card.placement.owner for column in shown for card in column.cards} | {repo.actor.login}
    return sorted(logins - {""}, key=fold)


class CardEdit:
    """Saves a card edit over the version the form was opened at; after a conflict, over the newer one.

    The form keeps what was typed, so a second save applies it over the other session's change.
    """

    def __init__(self, board: BoardScreen, card: Card, campaign_id: str) -> None:
        self.board = board
        self.organization_id = card.id
        self.campaign_id = campaign_id
        self.version = card.placement.version

    def __call__(self, changes: dict[str, object]) -> Placement:
        repo = self.board.repo
        try:
            return repo.edit_card(
                self.organization_id, campaign_id=self.campaign_id, changes=changes, expected_version=self.version
            )
        except ConflictError:
            repo.refresh()
            self.version = repo.placement(self.organization_id, self.campaign_id).version
            self.board.reload_board()
            raise
