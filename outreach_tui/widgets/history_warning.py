"""The bar above the board while its history shows problems no coordinator acknowledged."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from store.i18n import _, format_number, ngettext

from ..display import safe


class HistoryWarning(Static):
    """Hidden while ``problems`` is empty; the board screen sets it after each check of the history."""

    problems: reactive[tuple[str, ...]] = reactive((), init=False)
    """Each unacknowledged problem, described (``Repository.describe_problem``)."""

    def watch_problems(self) -> None:
        self.set_class(bool(self.problems), "-shown")
        self.update(self.text())

    def language_changed(self) -> None:
        self.update(self.text())

    def text(self) -> Text:
        if not self.problems:
            return Text()
        n = len(self.problems)
        heading = ngettext(
            "The history of this board shows {n} problem: it was edited outside the program.",
            "The history of this board shows {n} problems: it was edited outside the program.",
            n,
        ).format(n=format_number(n))
        hint = _("Details: outreach-tui check. A coordinator acknowledges them with A.")
        # The hint first: the bar is at most three lines, and the first problem may be long.
        return Text.assemble((f"⚠ {heading} {hint}", "bold"), "\n", safe(self.problems[0]))
