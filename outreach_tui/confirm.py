"""A yes-or-no question before the app does something a person may not mean (saving a likely duplicate).

It dismisses with True (go ahead) or False (go back). The question's text comes from the
store, so it enters as ``Text``: names in it are data, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from store.i18n import N_, _

from .dialog import DialogScreen
from .display import safe_text


class ConfirmDialog(DialogScreen[bool]):
    """Asks ``question`` about ``message``; ``y`` or the first button goes ahead, ``n`` or escape goes back."""

    CSS_PATH: ClassVar[str | list[str]] = "confirm.tcss"
    # Going back is the safe answer, so it has the focus from the first frame: enter cannot
    # save a duplicate by accident, however quickly it follows.
    AUTO_FOCUS = "#confirm-no"
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No, go back"), id="confirm.no"),
    ]

    def __init__(self, title: str, message: str, question: str, yes: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(safe_text(self.message, multiline=True), id="confirm-message")
            yield Static(Text(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(self.yes), variant="warning", id="confirm-yes", compact=True)
                yield Button(Text(_("No, go back")), id="confirm-no", compact=True)
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
