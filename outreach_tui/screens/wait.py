"""Shown while another session holds the board's write lock, so a save never freezes the board.

Escape gives up: the change is then not written, and a form keeps what was typed.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from store.i18n import N_, _

from ..dialog import DialogScreen


class WaitScreen(DialogScreen[bool]):
    """Dismisses with True once the board is free, with False when the person cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="wait.cancel")]

    def __init__(self, cancelled: threading.Event) -> None:
        super().__init__()
        self.cancelled = cancelled
        self._free = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                Text(_("Waiting for the board: another session is writing… (esc to cancel)")), id="wait-message"
            )
        yield Footer()

    def board_free(self) -> None:
        """Called once the lock could be taken: go on with the write, unless the person gave up first."""
        self._free = True
        # Only from the top of the stack: dismissing pops whatever screen is on top.
        if self.is_active and not self.cancelled.is_set():
            self.dismiss(True)

    def on_screen_resume(self) -> None:
        # The board became free while the command palette or help was open over this notice.
        # Not dismissed in this handler: the screen above is still being taken off the stack.
        if self._free and not self.cancelled.is_set():
            self.call_after_refresh(self.board_free)

    def action_cancel(self) -> None:
        if not self.cancelled.is_set():
            self.cancelled.set()
            self.dismiss(False)
