"""The board's watch on its history: the check runs in a worker, the warning bar shows what it found,
and ``A`` records a coordinator's acknowledgement.

A mixin of ``BoardFlows``: it uses the board, the app and the repository the flows hold.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from store import StoreError
from store.i18n import _, format_number, ngettext

from ..display import safe
from ..memory import give_back_memory
from ..widgets import HistoryWarning
from .flow_part import FlowPart

if TYPE_CHECKING:
    from store import Event


EXPIRED_LOOK_SECONDS = 3600.0
"""How often the board looks again for contacts kept past the retention: a look reads every organization,
card and event (about 0.1 s at 20,000 organizations), and the retention counts in days."""


class HistoryFlows(FlowPart):
    """Checking the history and acknowledging its problems: a part of ``BoardFlows``."""

    _expired_looked_at: float | None = None

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
        expired = self._expired_if_due()
        give_back_memory()  # a whole check builds the chain of every event, then lets it go
        if expired is not None:
            self.app.call_from_thread(self._show_expired, expired)

    def _expired_if_due(self) -> tuple[str, ...] | None:
        """The organizations kept past the retention, when it is time to look again; else None."""
        now = time.monotonic()
        if self._expired_looked_at is not None and now - self._expired_looked_at < EXPIRED_LOOK_SECONDS:
            return None
        try:
            expired = tuple(item.organization.name for item in self.repo.expired_contacts())
        except (StoreError, RuntimeError):
            # RuntimeError: a table grew under the look (the board applies other sessions'
            # changes meanwhile); the next check looks again.
            return None
        self._expired_looked_at = now
        return expired

    def _show_expired(self, names: tuple[str, ...]) -> None:
        """Say once which organizations keep contacts past the board's retention (until that list changes)."""
        if not names or names == self.board.expired_shown:
            return
        self.board.expired_shown = names
        days = self.repo.settings().contact_retention_days or 0
        shown = ", ".join(safe(name) for name in names[:3]) + ("…" if len(names) > 3 else "")
        self.app.say(
            ngettext(
                "{n} organization keeps staff contacts longer than the board's retention of {days} days: {names}. "
                "A coordinator clears them with outreach-tui org forget-contacts --expired.",
                "{n} organizations keep staff contacts longer than the board's retention of {days} days: {names}. "
                "A coordinator clears them with outreach-tui org forget-contacts --expired.",
                len(names),
            ).format(n=format_number(len(names)), days=format_number(days), names=shown),
            severity="warning",
            timeout=15,
        )

    def _show_problems(self, problems: tuple[str, ...]) -> None:
        for bar in self.board.query(HistoryWarning).results(HistoryWarning):
            bar.problems = problems

    def acknowledge_history(self) -> None:
        """Record, as an event, that a coordinator saw the problems the history shows now."""
        if not self.board.allowed("acknowledge_history"):
            return
        if not any(bar.problems for bar in self.board.query(HistoryWarning).results(HistoryWarning)):
            self.app.say(_("The history shows no problem to acknowledge."))
            return
        self.board.write(self.repo.acknowledge_history_problems, self._acknowledged)

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
