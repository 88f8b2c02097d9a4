"""Putting organizations already in the file on this campaign's board: search as you type, mark several, add.

The search folds case and accents (``store.text.fold``), as the board's filter does.
One ``OptionList`` showing at most ``SHOWN`` matches, not a widget per organization: a
board may hold tens of thousands, and a few more letters narrow the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from store import Organization
from store.i18n import N_, _, format_number
from store.text import fold

from ..dialog import DialogScreen
from ..display import safe_text

SHOWN = 200
"""The most matches listed at once."""


@dataclass(frozen=True)
class Candidate:
    """An organization that may be added, with the folded text the search looks in."""

    organization: Organization
    search_text: str

    @classmethod
    def of(cls, org: Organization) -> Candidate:
        return cls(org, fold("\n".join([org.name, *org.aliases, org.place.label(), *org.tags])))


def candidate_prompt(org: Organization, marked: bool) -> Text:
    prompt = Text("[x] " if marked else "[ ] ", style="bold" if marked else "")
    prompt.append_text(safe_text(org.name, "bold" if marked else ""))
    if place := org.place.label():
        prompt.append("  ")
        prompt.append_text(safe_text(place, "dim"))
    return prompt


class AddToBoardScreen(DialogScreen[list[str] | None]):
    """Organizations not on this board; dismisses with the ids of those to add (None: nothing)."""

    CSS_PATH = "add_to_board.tcss"
    BINDINGS = [
        Binding("space", "toggle_mark", N_("Mark"), id="add_to_board.mark"),
        # A priority key: the search and the list would otherwise each take enter (and hide it in the footer).
        Binding("enter", "add", N_("Add to the board"), id="add_to_board.add", priority=True),
        Binding("down", "to_list", N_("To the list"), id="add_to_board.to_list", show=False),
        Binding("escape", "close", N_("Close"), id="add_to_board.close"),
    ]

    def __init__(self, organizations: list[Organization], campaign_name: str) -> None:
        super().__init__()
        self.candidates = [Candidate.of(org) for org in organizations]
        self.campaign_name = campaign_name
        self.search = ""
        self.marked: list[str] = []
        self.shown: list[Organization] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            title = _("Add organizations to the board of {campaign}").format(campaign=self.campaign_name)
            yield Static(safe_text(title), id="add-title", classes="dialog-title")
            yield Input(self.search, placeholder=_("Search: name, alias, place or tag"), compact=True, id="add-search")
            yield Static(id="add-status")
            yield OptionList(markup=False, id="add-list")
        yield Footer()

    def on_mount(self) -> None:
        self._show_matches()
        self.query_one("#add-search", Input).focus()

    # -- showing ---------------------------------------------------------------------------

    def matches(self) -> list[Organization]:
        wanted = fold(self.search.strip())
        return [c.organization for c in self.candidates if wanted in c.search_text]

    def _show_matches(self) -> None:
        found = self.matches()
        self.shown = found[:SHOWN]
        options = self.query_one("#add-list", OptionList)
        options.set_options(Option(candidate_prompt(org, org.id in self.marked), id=org.id) for org in self.shown)
        options.highlighted = 0 if self.shown else None
        self._show_status(len(found))

    def _show_status(self, found: int | None = None) -> None:
        found = len(self.matches()) if found is None else found
        if not self.candidates:
            status = _("Every organization in the file is already on this board.")
        elif not found:
            status = _("No organization matches; the search looks in names, aliases, places and tags.")
        else:
            status = _("{shown} of {found} shown; {marked} marked. Space marks, enter adds.").format(
                shown=format_number(len(self.shown)),
                found=format_number(found),
                marked=format_number(len(self.marked)),
            )
        self.query_one("#add-status", Static).update(Text(status))

    # -- keys --------------------------------------------------------------------------------

    @on(Input.Changed, "#add-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search = event.value
        self._show_matches()

    @on(Input.Submitted, "#add-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_add()

    @on(OptionList.OptionSelected, "#add-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_add()

    def highlighted(self) -> Organization | None:
        index = self.query_one("#add-list", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def action_to_list(self) -> None:
        """From the search, down goes to the list, where space marks."""
        self.query_one("#add-list", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        # In the list, typing goes on with the search: no need to go back to it first.
        search = self.query_one("#add-search", Input)
        if self.focused is search or event.key == "space":
            return
        if event.is_printable and event.character:
            event.stop()
            search.focus()
            search.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            event.stop()
            search.focus()
            search.action_delete_left()

    def action_toggle_mark(self) -> None:
        org = self.highlighted()
        if org is None:
            return
        if org.id in self.marked:
            self.marked.remove(org.id)
        else:
            self.marked.append(org.id)
        options = self.query_one("#add-list", OptionList)
        index = self.shown.index(org)
        options.replace_option_prompt_at_index(index, candidate_prompt(org, org.id in self.marked))
        if index + 1 < len(self.shown):
            options.highlighted = index + 1
        self._show_status()

    def action_add(self) -> None:
        """Add the marked organizations; with none marked, the highlighted one."""
        if self.marked:
            self.dismiss(list(self.marked))
        elif (org := self.highlighted()) is not None:
            self.dismiss([org.id])

    def action_close(self) -> None:
        self.dismiss(None)
