"""What every part of a board's flows stands on: the board screen, its app and repository, and opening a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from store import Repository

    from ..app import OutreachApp
    from .board import BoardScreen

R = TypeVar("R")


class FlowPart:
    """The base of ``BoardFlows`` and of the parts it is made of (files, the history, trainings)."""

    board: BoardScreen

    @property
    def app(self) -> OutreachApp:
        return self.board.app

    @property
    def repo(self) -> Repository:
        return self.board.repo

    def _open(self, screen: Screen[R | None], done: Callable[[R | None], None]) -> None:
        """Show ``screen``; a form's saves wait while another session writes the board."""
        from ..forms.base import FormScreen

        if isinstance(screen, FormScreen):
            screen.gate = self.app.when_board_free
        self.app.push_screen(screen, done)
