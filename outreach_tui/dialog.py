"""The base of every modal dialog of the app (forms, lists, details, help).

Their shared look (centred, at most 78 columns so a dialog fits 80x24, a rounded
accent border) is written once, in dialog.tcss, which every dialog loads before its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self, TypeVar

from rich.console import RenderableType
from textual import events
from textual.geometry import Region
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen
from textual.visual import Visual
from textual.widgets import DataTable, OptionList

from .backdrop import Backdrop, BackdropCache
from .translated import TranslatedBindings

R = TypeVar("R")

DIALOG_CSS = Path(__file__).with_name("dialog.tcss")


class DialogScreen(TranslatedBindings, ModalScreen[R]):
    """A modal screen styled by dialog.tcss, then by its own ``CSS_PATH``, its keys in the current language."""

    def __init__(self) -> None:
        super().__init__()
        # First, so a dialog's own rules come after the shared ones.
        self.css_path = [DIALOG_CSS, *self.css_path]
        self._backdrop = BackdropCache()

    def render(self) -> RenderableType | Visual:
        rendered = super().render()
        if isinstance(rendered, BackgroundScreen):
            return Backdrop(self, rendered, self._backdrop)
        return rendered

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if regions:
            # Regions come from the screen behind (Textual passes its changes on to the modal on top).
            self._backdrop.clear()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # What is behind may have changed while another dialog was on top of this one.
        self._backdrop.clear()

    async def language_changed(self) -> None:
        """Build the dialog again in the language just chosen, the row the person was on still selected."""
        rows = {table.id: table.cursor_coordinate for table in self.query(DataTable)}
        options = {options.id: options.highlighted for options in self.query(OptionList)}
        await self.recompose()
        mounted = getattr(self, "on_mount", None)
        if mounted is not None:
            mounted()
        for table in self.query(DataTable):
            if (coordinate := rows.get(table.id)) is not None:
                table.move_cursor(row=coordinate.row, column=coordinate.column, animate=False)
        for option_list in self.query(OptionList):
            if (highlighted := options.get(option_list.id)) is not None:
                option_list.highlighted = highlighted
        await super().language_changed()
