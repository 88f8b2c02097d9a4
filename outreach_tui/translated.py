"""Keys shown in the language of the moment.

Textual reads a class's ``BINDINGS`` once, when the class is created, so their
descriptions are English source text (marked ``N_``). Every screen of the app
translates them where Textual reads them for display: ``Screen.active_bindings``,
which feeds the footer and the keys panel. A change of language then reaches the
footer as soon as the screen refreshes its bindings; ``language_changed`` is how the
app asks every open screen to show the new language.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding

from store.i18n import _


def translate(text: str) -> str:
    """``text`` in the current language; empty stays empty (gettext maps "" to the catalog header)."""
    return _(text) if text else text


def translated_binding(binding: Binding) -> Binding:
    return replace(binding, description=translate(binding.description), tooltip=translate(binding.tooltip))


class TranslatedBindings:
    """Mixed into a screen (before its Textual base): its footer and keys panel show each key's
    description in the current language.

    A mixin rather than a Screen subclass: Textual inherits default CSS along the first base
    only, so a Screen subclass in front of ModalScreen would drop the modal's own styles.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        shown: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {
            key: active._replace(binding=translated_binding(active.binding), tooltip=translate(active.tooltip))
            for key, active in shown.items()
        }

    async def language_changed(self) -> None:
        """Show this screen in the language just chosen; here, its keys. Screens with more text extend it."""
        self.refresh_bindings()  # type: ignore[attr-defined]
