"""The command palette's entries, found in either language and without typing accents.

Textual's own provider matches what is typed against the title on screen only, so
"capacitacion" would miss "Capacitación" and a person who knows the English name
would not find the Spanish entry. Here each entry carries its English title too, and
both are compared accent- and case-folded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.screen import Screen

from store.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, language
from store.text import fold

if TYPE_CHECKING:
    from .app import OutreachApp

TEXTUAL_BINDING_TEXT = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit the app and return to the command prompt."),
)
"""What Textual's own keys (ctrl+p, ctrl+q) say in the footer and the keys panel: listed here
so the catalog carries them; every screen translates them as it does the app's keys."""

LANGUAGE_TITLE = "Idioma / Language"
"""In both languages whatever the current one, so a person who cannot read it still finds it."""


@dataclass(frozen=True)
class PaletteCommand:
    """One entry: its title now and in English, what it does, and what runs it."""

    title: str
    english: str
    help: str
    run: Callable[[], Any]
    discover: bool = True
    """Listed before anything is typed (every entry here is)."""
    note: str = ""
    """Shown dim after the title: who may use an entry the person's role may not ("coordinators only")."""

    def shown(self, title: Content) -> Content:
        """``title`` as listed: with the note, when there is one."""
        return title + Content.styled(f" ({self.note})", "dim italic") if self.note else title

    def score(self, query: str) -> float:
        """How well the folded ``query`` matches the title or the English title (0: not at all)."""
        search = FuzzySearch()
        return max(search.match(query, fold(self.title))[0], search.match(query, fold(self.english))[0])


def highlighted(title: str, query: str, style: Any) -> Content:
    """``title`` with the letters the folded ``query`` matched highlighted (none when only the English matched)."""
    content = Content(title)
    folded = fold(title)
    if len(folded) != len(title):
        return content  # a letter folded into two ("ß" -> "ss"): positions would not line up
    score, offsets = FuzzySearch().match(query, folded)
    for offset in offsets if score else ():
        if not title[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class FoldedCommands(Provider):
    """A palette provider over ``commands()``, matching titles in either language, accents folded."""

    @property
    def outreach(self) -> OutreachApp:
        return cast("OutreachApp", self.app)

    def commands(self) -> Iterable[PaletteCommand]:
        return self.outreach.palette_commands(self.screen)

    async def discover(self) -> Hits:
        for command in sorted(self.commands(), key=lambda command: fold(command.title)):
            if command.discover:
                yield DiscoveryHit(command.shown(Content(command.title)), command.run, command.title, command.help)

    async def search(self, query: str) -> Hits:
        wanted = fold(query)
        style = self.matcher(wanted).match_style
        for command in self.commands():
            if (score := command.score(wanted)) > 0:
                shown = command.shown(highlighted(command.title, wanted, style))
                yield Hit(score, shown, command.run, command.title, command.help)


class LanguageCommands(FoldedCommands):
    """The languages there is a catalog for, each named in itself."""

    def commands(self) -> Iterable[PaletteCommand]:
        for code in LANGUAGES:
            name = LANGUAGE_NAMES[code]
            note = _("The language in use") if code == language() else ""
            yield PaletteCommand(name, name, note, lambda code=code: self.outreach.switch_language(code))


def textual_commands(app: App[object], screen: Screen[object]) -> Iterable[PaletteCommand]:
    """What Textual's palette offers that fits this app, in the current language.

    Left out: Textual's Quit (the app's own is listed), Keys (its panel lists the keys of
    Textual's widgets in English; the help screen lists every key of the app) and
    Screenshot (it writes the screen, board data included, to a file in the current folder).
    """
    yield textual_command(N_("Theme"), N_("Change the current theme"), app.action_change_theme)
    if screen.maximized is not None:
        yield textual_command(
            N_("Minimize"), N_("Minimize the widget and restore to normal size"), screen.action_minimize
        )
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield textual_command(N_("Maximize"), N_("Maximize the focused widget"), screen.action_maximize)


def textual_command(title: str, help_text: str, run: Callable[[], Any]) -> PaletteCommand:
    return PaletteCommand(_(title), title, _(help_text), run)
