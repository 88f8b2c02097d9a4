"""Where the cards of a stage being removed go: one of the campaign's other stages.

Only stages a card may enter without a training are offered (the store refuses the
others); escape leaves the stage and its cards as they are.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Stage, shown_label
from store.i18n import N_, _

from ..dialog import DialogScreen
from ..display import safe_text


class StageTargetDialog(DialogScreen[str | None]):
    """Dismisses with the key of the stage chosen, or None."""

    BINDINGS = [
        Binding("enter", "choose", N_("Move the cards there"), id="stage_target.choose", priority=True),
        Binding("escape", "close", N_("Cancel"), id="stage_target.cancel"),
    ]

    def __init__(self, title: str, message: str, targets: list[Stage]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(safe_text(self.message, multiline=True), id="stage-target-message")
            yield Static(Text(_("Move them to which stage? You confirm before anything changes.")))
            yield OptionList(
                *(Option(safe_text(shown_label(stage)), id=stage.key) for stage in self.targets),
                markup=False,
                compact=True,
                id="stage-targets",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_close(self) -> None:
        self.dismiss(None)
