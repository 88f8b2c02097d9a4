"""The pieces a form is built from: a scrolling body and one row per field."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, Static, TextArea

from ..display import safe_text


def plain(label: str | Text) -> Text:
    """Fixed text as a ``Text`` too, so a translation holding brackets is never read as markup."""
    return label if isinstance(label, Text) else Text(label, end="")


class FormBody(VerticalScroll, can_focus=False):
    """The fields; they scroll when the form is taller than the terminal.

    Focus moves between the fields (each scrolls into view), never to the body itself,
    so tab never stops on an invisible container.
    """


class FieldRow(Vertical):
    """One field: its label, its control, an optional hint, and the problem found with it."""

    def __init__(
        self, label: str | Text, control: Widget, *, hint: str | None = None, paths: tuple[str, ...], classes: str = ""
    ) -> None:
        super().__init__(classes=f"field {classes}".strip())
        self.label = plain(label)
        self.control = control
        self.hint = hint
        self.paths = paths
        self._problem = ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-line"):
            yield Label(self.label, classes="field-label")
            yield self.control
        if self.hint:
            yield Static(plain(self.hint), classes="field-hint")

    # A class rather than CSS :focus-within, which Textual re-evaluates only for the focused
    # widget's ancestors: the label beside it kept the look of the field focused before.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.set_class(self.has_focus_within, "-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.set_class(self.has_focus_within, "-focused")

    def relabel(self, label: str | Text) -> None:
        self.label = plain(label)
        self.query_one(".field-label", Label).update(self.label)

    def show_problem(self, messages: list[str]) -> None:
        shown = "; ".join(messages)
        if shown == self._problem:
            return  # an update lays the form out again, even to show nothing again
        self._problem = shown
        self.set_class(bool(messages), "-problem")
        text = safe_text(shown, multiline=True)
        # Built the first time a problem shows: most fields never show one, and every widget
        # less makes the form open sooner.
        if shown_already := self.query(".field-problem"):
            shown_already.first(Static).update(text)
        else:
            self.mount(Static(text, classes="field-problem"))


def control_value(control: Widget) -> Any:
    """What a field's control holds, as typed (parsing is each form's business)."""
    if isinstance(control, Input):
        return control.value
    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Select):
        return None if control.value is Select.NULL else control.value
    if isinstance(control, RadioSet):
        pressed = control.pressed_button
        return pressed.name if pressed is not None else None
    raise TypeError(f"no value for {type(control).__name__}")


def set_control_value(control: Widget, value: Any) -> None:
    """Put back what ``control_value`` read (a form built again keeps what was typed)."""
    if isinstance(control, Input):
        control.value = value or ""
    elif isinstance(control, TextArea):
        control.text = value or ""
    elif isinstance(control, Select):
        control.value = Select.NULL if value is None else value
    elif isinstance(control, RadioSet):
        for button in control.query(RadioButton):
            button.value = button.name == value
