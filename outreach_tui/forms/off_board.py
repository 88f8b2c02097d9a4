"""Taking a card off the board: not a fit, or paused, always with a reason.

The organization stays findable in the off-board list with that reason, so the next
coordinator knows why it was set aside and can bring it back.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, RadioButton, RadioSet

from store.i18n import _
from store.models import OFF_BOARD_STATES, Organization, Placement

from ..display import off_board_label, safe_text
from .base import FormScreen
from .parsing import Problems


class ChoiceButton(RadioButton):
    """A radio button whose dot shows only when chosen, so the choice reads without colour."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "\u25cf" if self.value else " "
        super().watch_value()


class OffBoardForm(FormScreen[Placement]):
    """Take ``organization``'s card off the board; ``save(state, reason)`` does it."""

    CSS_PATH = ["form.tcss", "off_board.tcss"]
    # Two fields, the reason last: enter in the reason confirms.
    SUBMIT_ON_ENTER = True

    def __init__(self, organization: Organization, save: Callable[[str, str], Placement]) -> None:
        super().__init__()
        self.organization = organization
        self.save = save

    def heading(self) -> Text:
        return Text(_("Take off the board") + ": ").append_text(safe_text(self.organization.name))

    def compose_fields(self) -> ComposeResult:
        # No state is chosen for the coordinator: "not a fit" and "paused" mean different futures.
        states = RadioSet(
            *(ChoiceButton(Content(off_board_label(state)), name=state) for state in OFF_BOARD_STATES), id="state"
        )
        yield self.field(
            "state",
            _("State"),
            states,
            also=("off_board.state",),
            hint=_("Not a fit: will not become a partner. Paused: try again later."),
        )
        yield self.field(
            "reason",
            _("Reason"),
            Input(placeholder=_("why, for whoever looks at it next"), compact=True, id="reason"),
            also=("off_board.reason", "off_board"),
        )

    def submit(self) -> Placement:
        typed = self.values()
        problems = Problems()
        if typed["state"] not in OFF_BOARD_STATES:
            problems.add("state", _("choose not a fit or paused"))
        reason = problems.required("reason", typed["reason"])
        problems.check()
        return self.save(typed["state"], reason)
