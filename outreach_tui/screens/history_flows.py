"""The board's watch on its history: the check runs in a worker, the warning bar shows what it found,
and ``A`` records a coordinator's acknowledgement.

A mixin of ``BoardFlows``: it uses the board, the app and the repository the flows hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import StoreError
from store.i18n import _, format_number, ngettext

from ..widgets import HistoryWarning

if TYPE_CHECKING:
    from store import Event, Repository

    from ..app import OutreachApp
    from .board import BoardScreen


class HistoryFlows:
    """Checking the history and acknowledging its problems; ``BoardFlows`` gives the board, app and repository."""

    if TYPE_CHECKING:
        board: BoardScreen

        @property
        def app(self) -> OutreachApp: ...

        @property
        def repo(self) -> Repository: ...

    def check_history(self) -> None:
        """Check the whole history in a worker thread (a large board's takes a moment); the bar shows the result."""
        self.board.run_worker(self._check_in_thread, thread=True, exclusive=True, group="history-check")

    def _check_in_thread(self) -> None:
        try:
            found = self.repo.history_check()
            problems = tuple(self.repo.describe_problem(problem) for problem in found.unacknowledged)
        except StoreError:
            return  # the file's own problems are reported where it is read or written
        self.app.call_from_thread(self._show_problems, problems)

    def _show_problems(self, problems: tuple[str, ...]) -> None:
        for bar in self.board.query(HistoryWarning).results(HistoryWarning):
            bar.problems = problems

    def acknowledge_history(self) -> None:
        """Record, as an event, that a coordinator saw the problems the history shows now."""
        if not self.board.allowed("acknowledge_history"):
            return
        self.board.write(self.repo.acknowledge_history_problems, self._acknowledged)
        if not any(bar.problems for bar in self.board.query(HistoryWarning).results(HistoryWarning)):
            self.app.say(_("The history shows no problem to acknowledge."))

    def _acknowledged(self, event: Event) -> None:
        n = len(event.changes["problems"][-1])
        self.app.say(
            ngettext(
                "Acknowledged {n} problem of the history; outreach-tui check still lists it.",
                "Acknowledged {n} problems of the history; outreach-tui check still lists them.",
                n,
            ).format(n=format_number(n)),
            timeout=8,
        )
        self._show_problems(())
