"""The line above the board: the campaign on screen, then how many cards are marked, the
board file and who is working (with their role)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from store.i18n import _, format_number, ngettext

from ..display import safe, safe_text


class TopBar(Horizontal):
    """Shows its reactives; the board screen sets them, the watchers repaint."""

    campaign: reactive[str | None] = reactive(None, init=False)
    """The campaign's name, or None when the board has no campaign."""
    marked: reactive[int] = reactive(0, init=False)
    board_file: reactive[str] = reactive("", init=False)
    account: reactive[str] = reactive("", init=False)
    """Who is working, as the store labels them ("ana" or "ana via luis")."""
    role: reactive[str] = reactive("", init=False)

    def compose(self) -> ComposeResult:
        yield Static(id="campaign-name")
        yield Static(id="session")

    def on_mount(self) -> None:
        self.watch_campaign()
        self._show_session()

    def watch_campaign(self) -> None:
        name = safe_text(self.campaign, "bold") if self.campaign is not None else Text(_("No campaign"))
        name.overflow = "ellipsis"
        self.query_one("#campaign-name", Static).update(name)

    def language_changed(self) -> None:
        self.watch_campaign()
        self._show_session()

    def watch_marked(self) -> None:
        self._show_session()

    def watch_board_file(self) -> None:
        self._show_session()

    def watch_account(self) -> None:
        self._show_session()

    def watch_role(self) -> None:
        self._show_session()

    def _show_session(self) -> None:
        session = Text(no_wrap=True)
        if self.marked:
            session.append(
                ngettext("{n} marked", "{n} marked", self.marked).format(n=format_number(self.marked)), style="bold"
            )
            session.append("  ")
        session.append(safe(self.board_file), style="dim")
        session.append("  ")
        session.append(safe(self.account))
        # The role's own name may hold parentheses ("coordinador(a)"): the language chooses the mark around it.
        session.append(" " + _("({role})").format(role=_(self.role)))
        self.query_one("#session", Static).update(session)
