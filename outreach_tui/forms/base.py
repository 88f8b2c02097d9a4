"""What every modal form shares: fields named by store field paths, problems shown beside
their fields, and one save path that turns store errors into messages in the form.

A form never touches the repository. The app hands it a ``save`` callable; the form
calls it with model-shaped values and either closes with the record it returns or
stays open showing why it could not save, with everything typed still there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from store.duplicates import DuplicateError
from store.errors import ConflictError, StoreError, ValidationFailed
from store.i18n import N_, _, ngettext

from ..confirm import ConfirmDialog
from ..dialog import DialogScreen
from ..display import safe_text
from ..widgets.footer import SteadyFooter
from .fields import FieldRow, FormBody, control_value, plain, set_control_value

R = TypeVar("R")

Gate = Callable[[Callable[[], None]], None]
"""Runs a save now, or once the board is free; may drop it when the person gives up waiting."""


def run_now(save: Callable[[], None]) -> None:
    save()


class UnusualDates(Exception):
    """Raised by a form's ``submit`` to ask before saving dates that look mistyped."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__(" ".join(warnings))
        self.warnings = warnings


class FormScreen(DialogScreen[R | None]):
    """A modal form that saves through a callable from the app.

    Subclasses build their fields with ``field(...)`` in ``compose_fields`` and turn
    ``values()`` (what is typed, by field path) into a saved record in ``submit``.
    """

    CSS_PATH: ClassVar[str | list[str]] = "form.tcss"
    # Moving between fields is a priority binding: the app runs it as soon as it reads the key,
    # so keys typed right after it (a slow link delivers them at once, a paste) reach the field
    # they were typed into, not the one still queued to handle tab.
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("tab", "app.focus_next", N_("Next field"), id="form.next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", N_("Previous field"), id="form.previous", show=False, priority=True),
        Binding("enter", "enter_in_field", N_("Next field"), id="form.enter", show=False, priority=True),
    ]

    SUBMIT_ON_ENTER: ClassVar[bool] = False
    """Whether enter in a one-line field saves (short, prefilled forms) or moves to the next field."""
    FIRST_FIELD: ClassVar[str | None] = None
    """The field focused when the form opens (default: the first): in a prefilled form, the one left to type."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[FieldRow] = []
        self._row_of_path: dict[str, FieldRow] = {}
        self.gate: Gate = run_now
        """The board sets its own, so a save waits while another session writes."""
        self._notice = ("", "")
        self.allow_duplicate = False
        """True for the one save a person confirmed after the store named a likely duplicate."""
        self.dates_confirmed = False
        """True for the one save a person confirmed after the form pointed out an unusual date."""
        self._opened_with: dict[str, Any] | None = None
        """What the fields held when the form opened: escape asks before discarding anything else."""

    # -- building ---------------------------------------------------------------------

    def heading(self) -> Text:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._rows.clear()
        self._row_of_path.clear()
        with Vertical(id="dialog"):
            yield Static(self.heading(), id="form-title")
            yield Static(id="form-notice")
            with FormBody(id="form-body"):
                yield from self.compose_fields()
        yield SteadyFooter()

    def field(
        self,
        path: str,
        label: str | Text,
        control: Widget,
        *,
        hint: str | None = None,
        also: tuple[str, ...] = (),
        classes: str = "",
    ) -> FieldRow:
        """A field whose problems are those the store reports under ``path`` (or ``also``)."""
        if isinstance(control, Input):
            # Selecting on focus made a repeated key replace a whole name.
            control.select_on_focus = False
        row = FieldRow(label, control, hint=hint, paths=(path, *also), classes=classes)
        self._rows.append(row)
        for key in row.paths:
            self._row_of_path[key] = row
        return row

    async def language_changed(self) -> None:
        """Build the form again in the language just chosen, with everything typed still there."""
        typed = self.values()
        focused = self.focused.id if self.focused is not None else None
        await super().language_changed()
        for row in self._rows:
            set_control_value(row.control, typed.get(row.paths[0]))
        for widget in self.query(f"#{focused}") if focused else ():
            widget.focus()

    def refill(self, values: dict[str, Any]) -> None:
        """Start over with ``values`` in the fields, as a form just opened: no problem shown, nothing confirmed."""
        for path, value in values.items():
            set_control_value(self.control(path), value)
        self._clear_problems()
        self.allow_duplicate = self.dates_confirmed = False
        self._opened_with = self.values()
        self.refresh_bindings()
        self._focus_first()

    def section(self, title: str) -> Static:
        return Static(plain(title), classes="form-section")

    def on_mount(self) -> None:
        if self._opened_with is None:
            self._opened_with = self.values()
        self._focus_first()

    def _focus_first(self) -> None:
        first = self._row_of_path.get(self.FIRST_FIELD or "") or next(iter(self._rows), None)
        if first is not None:
            first.control.focus()

    # -- reading what was typed -----------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Every field's raw value by its store field path."""
        return {row.paths[0]: control_value(row.control) for row in self._rows}

    def control(self, path: str) -> Widget:
        return self._row_of_path[path].control

    # -- saving -------------------------------------------------------------------------------

    def submit(self) -> R | None:
        """Validate, call ``save`` and return its record (``None``: nothing needed saving)."""
        raise NotImplementedError

    def unchanged_result(self) -> R | None:
        """What the form closes with when ``submit`` found nothing to save."""
        return None

    def action_save(self) -> None:
        self._clear_problems()
        self.gate(self._save)

    def _save(self) -> None:
        try:
            result = self.submit()
        except DuplicateError as error:
            self._ask_about_duplicate(error)
            return
        except UnusualDates as error:
            self._ask_about_dates(error)
            return
        except ValidationFailed as error:
            self._show_problems(error)
            return
        except ConflictError as error:
            self._notify(
                str(error)
                + "\n"
                + _("What you typed is still here: ctrl+s saves it over the newer version, escape discards it."),
                "-conflict",
            )
            return
        except StoreError as error:
            self._notify(str(error), "-error")
            return
        except Exception as error:
            self.log.error("save failed", error)
            self._notify(_("Could not save: {error}").format(error=error or type(error).__name__), "-error")
            return
        self.dismiss(result if result is not None else self.unchanged_result())

    DUPLICATE_QUESTION: ClassVar[str] = N_("Save it anyway?")
    DUPLICATE_ANSWER: ClassVar[str] = N_("Save anyway")

    def _ask_about_duplicate(self, error: DuplicateError) -> None:
        """Ask instead of refusing: the person may know the two are different."""
        dialog = ConfirmDialog(
            _("Likely a duplicate"), str(error), _(self.DUPLICATE_QUESTION), _(self.DUPLICATE_ANSWER)
        )
        self.app.push_screen(dialog, self._duplicate_answered)

    def _duplicate_answered(self, insist: bool | None) -> None:
        if insist:
            self.gate(self._save_duplicate)
        else:
            self._notify(
                _("Not saved: it looks like a duplicate. Change it, or save again to be asked again."), "-error"
            )

    def _save_duplicate(self) -> None:
        self.allow_duplicate = True
        try:
            self._save()
        finally:
            self.allow_duplicate = False

    def changed_rows(self) -> list[FieldRow]:
        """The fields whose value differs from what the form opened with."""
        opened = self._opened_with or {}
        typed = self.values()
        return [row for row in self._rows if typed[row.paths[0]] != opened.get(row.paths[0])]

    def confirm_dates(self, warnings: list[str]) -> None:
        """Stop the save to ask about ``warnings`` (store.plausibility), unless the person already said yes."""
        if warnings and not self.dates_confirmed:
            raise UnusualDates(warnings)

    def _ask_about_dates(self, error: UnusualDates) -> None:
        message = "\n".join(error.warnings)
        dialog = ConfirmDialog(_("Check the date"), message, _(self.DUPLICATE_QUESTION), _(self.DUPLICATE_ANSWER))
        self.app.push_screen(dialog, self._dates_answered)

    def _dates_answered(self, insist: bool | None) -> None:
        if insist:
            self.gate(self._save_with_dates)
        else:
            self._notify(_("Not saved: correct the date, or save again to be asked again."), "-error")

    def _save_with_dates(self) -> None:
        self.dates_confirmed = True
        try:
            self._save()
        finally:
            self.dates_confirmed = False

    def action_cancel(self) -> None:
        changed = self.changed_rows()
        if not changed:
            self.dismiss(None)
            return
        message = _("Changed: {fields}.").format(fields=", ".join(row.label.plain for row in changed))
        dialog = ConfirmDialog(_("Discard your changes?"), message, _("Close the form without saving?"), _("Discard"))
        self.app.push_screen(dialog, self._discard_answered)

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_in_field":
            # Anywhere but a one-line field, enter is the control's own (a Select opens, a note breaks a line).
            return isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_enter_in_field(self) -> None:
        if self.SUBMIT_ON_ENTER:
            self.action_save()
        else:
            self.focus_next()

    # -- showing problems ---------------------------------------------------------------------

    def row_for(self, path: str) -> FieldRow | None:
        """The field a store problem belongs to: "contacts.0.email" → the contact's email field.

        A problem with a whole group ("workers_reached") goes to the group's first field.
        """
        path = self.store_path(path)
        parts = path.split(".")
        while parts:
            row = self._row_of_path.get(".".join(parts))
            if row is not None:
                return row
            parts.pop()
        prefix = path + "."
        return next((row for row in self._rows if any(key.startswith(prefix) for key in row.paths)), None)

    def store_path(self, path: str) -> str:
        """The field path of a store problem, for forms that send items in another order than shown."""
        return path

    def _clear_problems(self) -> None:
        for row in self._rows:
            row.show_problem([])
        self._notify("", "")

    def _show_problems(self, error: ValidationFailed) -> None:
        messages: dict[FieldRow, list[str]] = {}
        elsewhere: list[str] = []
        for path, message in error.problems:
            row = self.row_for(path)
            if row is None:
                elsewhere.append(f"{path}: {message}" if path else message)
            else:
                messages.setdefault(row, []).append(message)
        marked = [row for row in self._rows if row in messages]
        for row in marked:
            row.show_problem(messages[row])
        if marked:
            summary = ngettext(
                "Not saved: {n} field needs correcting ({fields}).",
                "Not saved: {n} fields need correcting ({fields}).",
                len(marked),
            ).format(n=len(marked), fields=", ".join(row.label.plain for row in marked))
        else:
            summary = _("Not saved.") if elsewhere else str(error)
        self._notify(" ".join([summary, *elsewhere]), "-error")
        if marked:
            marked[0].control.focus()

    def _notify(self, message: str, kind: str) -> None:
        if (message, kind) == self._notice:
            return  # as for a field's problem: showing the same again would lay the form out again
        self._notice = (message, kind)
        notice = self.query_one("#form-notice", Static)
        notice.update(safe_text(message, multiline=True))
        notice.set_class(bool(message), "-shown")
        notice.set_class(kind == "-error", "-error")
        notice.set_class(kind == "-conflict", "-conflict")
