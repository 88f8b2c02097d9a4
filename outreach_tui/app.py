"""The outreach-tui application: opens a board file, shows the board, watches for other sessions.

The app owns the repository and the current campaign, and routes every write through
``when_board_free``. Keys are declared in ``bindings``: the footer, the help screen and
the command palette all come from there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from store import LockTimeoutError, Repository, StoreError, i18n
from store.i18n import _, set_language
from store.permissions import only_for
from store.text import display_safe

from . import bindings
from .campaign_choice import opening_campaign, save_campaign
from .change_notice import change_notice
from .details import OrganizationDetails, load_details
from .display import file_problem
from .language_choice import save_language
from .memory import give_back_memory, settle_memory
from .palette import LANGUAGE_TITLE, FoldedCommands, LanguageCommands, PaletteCommand, textual_commands
from .screens.board import BoardScreen
from .screens.details import DetailsScreen
from .screens.help import HelpScreen
from .screens.wait import WaitScreen
from .translated import TranslatedBindings

if TYPE_CHECKING:
    from .web.browser_app import BrowserDelivery

WATCH_INTERVAL_SECONDS = 1.0
LOCK_POLL_SECONDS = 0.1
"""How long one try for the board's lock waits, so a cancelled wait ends that soon."""
EXIT_UNEXPECTED = 1
SIXTEEN_COLOR_SYSTEMS = ("standard", "windows")
"""Rich's names for a terminal of 16 colours (TERM=xterm, the Linux console, an old Windows console)."""


def board_is_free(repo: Repository, wait: float = 0) -> bool:
    """Whether no other session holds the board's write lock (trying for up to ``wait`` seconds)."""
    try:
        with repo.file.lock(timeout=wait):
            return True
    except LockTimeoutError:
        return False
    except StoreError:
        return True  # the write itself reports what is wrong with the lock file


class OutreachApp(App[None]):
    """A campaign board over one board file."""

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) still find it.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "outreach-tui"
    BINDINGS = bindings.APP_BINDINGS
    COMMANDS = {FoldedCommands}
    browser_delivery: BrowserDelivery | None = None
    """Set when the app runs in a browser page: files written for the person are downloaded, not kept."""

    def __init__(
        self,
        repo: Repository,
        campaign_id: str | None = None,
        *,
        today: date | None = None,
        watch_interval: float | None = WATCH_INTERVAL_SECONDS,
    ) -> None:
        super().__init__()
        # In 16 colours the .tcss files pick each colour from the terminal's own sixteen: the
        # theme's, matched to the nearest of them, put white text on yellow and frames in red.
        self.set_class(self.console.color_system in SIXTEEN_COLOR_SYSTEMS, "-sixteen-colors")
        self.repo = repo
        i18n.set_time_zone(repo.settings().time_zone)
        campaign = opening_campaign(repo) if campaign_id is None else repo.campaign(campaign_id)
        self.campaign_id = campaign.id if campaign else None
        self.today = today or i18n.today()
        settle_memory()
        self._watch_interval = watch_interval
        self.history_validated = False
        """Whether ``finish_loading`` validated the history: the board checks its chain only then (in a worker),
        never while this thread validates it too."""
        self._file_problem: str | None = None
        # What the app prints on leaving (the one-line reason below) stays one line, however long.
        self.error_console.soft_wrap = True

    def on_mount(self) -> None:
        # Counted among the sessions that have the board open: the last one to close folds the journal.
        self.repo.hold_open()
        self.push_screen(BoardScreen(self.campaign_id))
        if self._watch_interval:
            self.set_interval(self._watch_interval, self.check_for_changes)

    def on_unmount(self) -> None:
        # Every way out passes here (quit, an unexpected error, a web page closed); closing never fails.
        notice = self.repo.close()
        if notice is not None:
            self.exit(return_code=self.return_code or 0, message=Text(display_safe(notice, multiline=True)))

    def on_ready(self) -> None:
        # The board is on screen: now write down the campaign it opened on, and validate the
        # history, which opening deferred.
        self.remember_campaign()
        self.set_timer(0.05, self.finish_loading)
        if not self.repo.can("move"):
            self.say(
                _(
                    "{login} is not a user of this board with a role that can change it: you can view and export. "
                    "A coordinator can add you with 'outreach-tui users add {login} --role trainer'."
                ).format(login=self.repo.actor.login),
                severity="warning",
                timeout=10,
            )

    def finish_loading(self) -> None:
        try:
            self.repo.finish_loading()
        except (StoreError, OSError) as error:
            message = file_problem(error) if isinstance(error, OSError) else str(error)
            self.say(message, severity="error", title=_("The board file is invalid"), timeout=30)
            return
        settle_memory()
        give_back_memory()  # validating the history let go of its parsed pieces
        self.history_validated = True
        if (board := self.board_screen()) is not None:
            board.flows.check_history()

    # -- messages to the user -------------------------------------------------------------

    def say(
        self, message: str, *, severity: SeverityLevel = "information", title: str = "", timeout: float | None = None
    ) -> None:
        """Notify with text that may quote user data: never parsed as markup, control characters removed."""
        self.notify(
            display_safe(message, multiline=True),
            title=display_safe(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        # Every unhandled exception of a Textual app ends here. Textual's own handler prints
        # a traceback with local variables, which would put board data (names, contacts) on
        # the terminal: say one line instead, and exit non-zero.
        reason = _("outreach-tui stopped after an unexpected error ({kind}); changes saved before it are in {path}.")
        line = reason.format(kind=type(error).__name__, path=display_safe(str(self.repo.path)))
        self.exit(return_code=EXIT_UNEXPECTED, message=Text(line))

    # -- writing while other sessions write ------------------------------------------------

    def when_board_free(self, write: Callable[[], None]) -> None:
        """Run ``write`` now, or once another session has finished writing the board.

        While waiting, a notice says so and escape cancels: ``write`` then never runs.
        """
        if board_is_free(self.repo):
            write()
            return
        cancelled = threading.Event()
        waiting = WaitScreen(cancelled)
        self.push_screen(waiting, partial(self._board_free, write))
        self._wait_for_board(waiting, cancelled)

    def _board_free(self, write: Callable[[], None], free: bool | None) -> None:
        if free:
            write()
        else:
            self.say(_("Cancelled: nothing was changed."), timeout=3)

    @work(thread=True, group="board-lock")
    def _wait_for_board(self, waiting: WaitScreen, cancelled: threading.Event) -> None:
        worker = get_current_worker()
        while not (cancelled.is_set() or worker.is_cancelled):
            if board_is_free(self.repo, wait=LOCK_POLL_SECONDS):
                self.call_from_thread(waiting.board_free)
                return

    # -- campaigns and other sessions ----------------------------------------------------

    def open_campaign(self, campaign_id: str) -> None:
        self.campaign_id = campaign_id
        self.switch_screen(BoardScreen(campaign_id))
        self.remember_campaign()

    def remember_campaign(self) -> None:
        """Open this campaign next time too, whatever campaigns others create meanwhile; says so when it cannot."""
        if self.campaign_id is None:
            return
        try:
            save_campaign(self.repo.path, self.campaign_id, self.repo.actor)
        except (StoreError, OSError) as error:
            problem = file_problem(error) if isinstance(error, OSError) else str(error)
            self.say(problem, severity="warning", title=_("The campaign you opened was not remembered"))

    def board_screen(self) -> BoardScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, BoardScreen):
                return screen
        return None

    def check_for_changes(self) -> None:
        """Pick up what other sessions (boards or the command line) wrote to the file."""
        try:
            if not self.repo.changed_on_disk():
                return
            read_up_to = self.repo.history_mark()
            if not self.repo.refresh():
                return
        except (StoreError, OSError) as error:
            # Said once per problem, not every second; the board keeps showing the last good state.
            problem = file_problem(error) if isinstance(error, OSError) else str(error)
            if problem != self._file_problem:
                self._file_problem = problem
                self.say(problem, severity="error", title=_("Cannot read the board file"), timeout=15)
            return
        self._file_problem = None
        # A coordinator may have set another time zone: what is shown next follows it.
        i18n.set_time_zone(self.repo.settings().time_zone)
        settle_memory()
        board = self.board_screen()
        if board is not None:
            board.refresh_from_disk()
        if isinstance(self.screen, DetailsScreen):
            self._refresh_details(self.screen)
        notice = change_notice(self.repo.history_since(read_up_to), self.repo.describe)
        if notice:
            self.say(notice, title=_("Changes from other sessions"), timeout=8)

    def _refresh_details(self, screen: DetailsScreen) -> None:
        details = self._fresh_details(screen)
        if details is None:
            self.pop_screen()
            self.say(
                _("{org} was removed or archived by another session.").format(org=screen.details.organization.name),
                severity="warning",
            )
        else:
            screen.update_details(details)

    def refresh_open_details(self) -> None:
        """Show in every open details screen what its organization is now (after a save, or in a new language)."""
        for screen in self.screen_stack:
            if isinstance(screen, DetailsScreen) and (details := self._fresh_details(screen)) is not None:
                screen.update_details(details)

    def _fresh_details(self, screen: DetailsScreen) -> OrganizationDetails | None:
        """What ``screen`` shows, read again; None when the organization is gone or archived."""
        try:
            details = load_details(self.repo, screen.details.organization.id, self.campaign_id)
        except (StoreError, OSError):
            return None
        return None if details is None or details.organization.archived else details

    # -- help and the command palette ------------------------------------------------------

    def all_bindings(self) -> list[Binding]:
        return bindings.all_bindings()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(partial(bindings.help_rows, self.repo.can)))

    def action_command_palette(self) -> None:
        self.open_palette(FoldedCommands, _("Search for commands…"))

    def action_choose_language(self) -> None:
        self.open_palette(LanguageCommands, LANGUAGE_TITLE)

    def search_themes(self) -> None:
        self.open_palette(ThemeProvider, _("Search for themes…"))

    def open_palette(self, provider: type[Provider], placeholder: str) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(providers=[provider], placeholder=placeholder, id="--command-palette"))

    def palette_commands(self, screen: Screen[object]) -> list[PaletteCommand]:
        """Every entry of the command palette: each binding by name, then what Textual offers that fits here."""
        board = self.board_screen()
        commands = [
            self._palette_command(binding, board)
            for binding in self.all_bindings()
            if binding in bindings.APP_BINDINGS or board is not None
        ]
        # A dialog with keys of its own (the stages editor) lists them too, run on it.
        for binding in getattr(screen, "PALETTE_BINDINGS", ()):
            help_text = _("Key: {key}").format(key=bindings.keys_label(binding))
            run = partial(self.run_action, binding.action, screen)
            commands.append(
                PaletteCommand(bindings.palette_title(binding), bindings.english_title(binding), help_text, run)
            )
        return commands + list(textual_commands(self, screen))

    def _palette_command(self, binding: Binding, board: BoardScreen | None) -> PaletteCommand:
        """``binding``'s entry; one the person's role may not use says who may, and choosing it says why."""
        help_text = _("Key: {key}").format(key=bindings.keys_label(binding))
        title, english = bindings.palette_title(binding), bindings.english_title(binding)
        refused = bindings.refused_action(binding, self.repo.can)
        if refused is not None and board is not None:
            return PaletteCommand(title, english, help_text, partial(board.allowed, refused), note=only_for(refused))
        target = None if binding in bindings.APP_BINDINGS else board
        return PaletteCommand(title, english, help_text, partial(self.run_action, binding.action, target))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in self.palette_commands(screen):
            yield SystemCommand(command.title, command.help, command.run, command.discover)

    def action_help_quit(self) -> None:
        # Textual's own hint for ctrl+c, in the person's language.
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                message = _("Press {key} to quit the app").format(key=self.get_key_display(active.binding) or key)
                self.notify(message, title=_("Do you want to quit?"), markup=False)
                return

    # -- language ---------------------------------------------------------------------------

    async def switch_language(self, code: str) -> None:
        """Show everything in ``code`` from now on, every open screen included, and remember the choice.

        A choice that cannot be saved still applies to this session.
        """
        set_language(code)
        try:
            save_language(code, self.repo.actor)
        except (StoreError, OSError) as error:
            problem = file_problem(error) if isinstance(error, OSError) else str(error)
            self.say(problem, severity="warning", title=_("Your choice of language was not saved"))
        for screen in list(self.screen_stack):
            if isinstance(screen, TranslatedBindings):
                await screen.language_changed()
        self.refresh_open_details()  # stage labels come from the store, in the new language
