"""The footer, rebuilt only when what it shows changes.

Textual's footer rebuilds all its keys whenever the focus moves, even between two
columns whose keys are the same; on the board that cost about 90 ms on every move
whose selection followed the card. Comparing what would be shown keeps the rebuild
for real changes: another screen, a role, a language, a key greyed out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, str, str, bool, str], ...]


class SteadyFooter(Footer):
    """A ``Footer`` that skips rebuilding when its keys, labels and states are unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def _what_is_shown(self, screen: Screen[object]) -> Shown:
        return tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready and self.is_attached:
            # Built with the screen, so its keys are in the screen's first frame: Textual's footer waits
            # for the first focus and adds them a frame later. When the focus then shows the same keys
            # (on the board every column key is hidden), nothing is rebuilt.
            self._bindings_ready = True
            self._shown = self._what_is_shown(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._what_is_shown(screen)
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)
