"""What the app tests share: a bare app that opens one modal screen, the board app that
keeps what it told people, sample records, and helpers to read forms and the screen.

The forms never see the repository: the harness hands them a ``save`` callable, either
a ``FakeSave`` that records its calls or a closure over a real Repository.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from time import monotonic
from typing import Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from outreach_tui.app import OutreachApp
from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import FormScreen
from outreach_tui.forms.fields import FieldRow
from outreach_tui.screens.board import BoardScreen
from outreach_tui.widgets import CardColumn
from store import Campaign, Card, Organization, Placement, Repository
from store.models import DEFAULT_STAGES
from tests.boards import open_board

NOW = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
SIZE = (80, 24)

_UNSET = object()


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run one Pilot scenario inside a plain (sync) pytest test."""
    return asyncio.run(coroutine)


async def wait_for(pilot: Any, condition: Callable[[], bool], *, timeout: float = 10.0) -> bool:
    """Let the app run until ``condition()`` holds (True) or ``timeout`` seconds pass (False)."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            return False
        await pilot.pause(0.02)
    return True


async def history_checked(app: OutreachApp, pilot: Any) -> None:
    """Let the board validate the history its opening deferred, and finish checking it."""
    assert await wait_for(pilot, lambda: app.history_validated)
    await app.workers.wait_for_complete()
    await pilot.pause()


def fresh_training_values(repo: Repository, today: Any) -> dict[str, str]:
    """What the training form holds when it opens on one card: today, the user as trainer, one attendee."""
    return {
        "date": today.isoformat(),
        "place": "",
        "trainers": repo.actor.label(),
        "topic": "",
        "attendance.0.attendees": "1",
    }


class Harness(App[None]):
    """Pushes the screen ``make()`` builds and keeps what it was dismissed with."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.results: list[Any] = []

    def compose(self):
        yield Static(Text("board"))

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)

    @property
    def result(self) -> Any:
        assert len(self.results) == 1, self.results
        return self.results[0]

    @property
    def closed(self) -> bool:
        return bool(self.results)


class FakeSave:
    """A save callable: records each call; returns or raises the next outcome (the last repeats)."""

    def __init__(self, *outcomes: Any) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[Any] = []
        self.options: list[dict[str, Any]] = []
        """The keyword arguments of each call (``allow_duplicate``)."""

    def __call__(self, *args: Any, **options: Any) -> Any:
        self.calls.append(args[0] if len(args) == 1 else args)
        self.options.append(options)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def organization(name: str = "Casa del Migrante Belén", **fields: Any) -> Organization:
    data: dict[str, Any] = {
        "id": "org-test0001",
        "name": name,
        "type": "migrant_services",
        "place": {"country": "México", "state": "Chiapas", "municipality": "Tapachula"},
        "created_at": NOW,
        "updated_at": NOW,
    }
    data.update(fields)
    return Organization.model_validate(data)


def campaign(name: str = "Chiapas 2026", **fields: Any) -> Campaign:
    data: dict[str, Any] = {"id": "cmp-test0001", "name": name, "created_at": NOW, "updated_at": NOW}
    data.update(fields)
    return Campaign.model_validate(data)


def placement(org: Organization, **fields: Any) -> Placement:
    data: dict[str, Any] = {
        "id": f"plc-{org.id[4:]}",
        "organization_id": org.id,
        "campaign_id": "cmp-test0001",
        "stage": DEFAULT_STAGES[0].key,
        "stage_since": NOW,
        "updated_at": NOW,
    }
    data.update(fields)
    return Placement.model_validate(data)


def card(org: Organization, **fields: Any) -> Card:
    return Card(org, placement(org, **fields))


def screen_text(app: App[Any]) -> str:
    """What the widgets of the current screen show, as plain text lines (what a coordinator reads)."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        if widget.display and widget.size.area:
            for strip in widget.render_lines(Region(0, 0, *widget.size)):
                if strip.text.strip():
                    lines.append(strip.text.rstrip())
    return "\n".join(lines)


# -- the board app -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """One notification, as the person reads it (after the app cleaned it for the terminal)."""

    message: str
    title: str
    severity: str
    markup: bool


class RecordingApp(OutreachApp):
    """The app, keeping every notification exactly as it was handed to Textual to show."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[Notice] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.notices.append(Notice(message, title, severity, markup))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def said(self) -> list[str]:
        """The text of every notification shown, oldest first."""
        return [notice.message for notice in self.notices]


def board_of(app: OutreachApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen), type(screen)
    return screen


def column(app: OutreachApp, index: int) -> CardColumn:
    return board_of(app).stage_columns[index].cards


async def board_afresh(repo: Repository, shown: RecordingApp) -> str:
    """The screen of a board opened afresh on ``repo``'s file, its selection, scrolling and theme as ``shown`` has them."""
    app = RecordingApp(open_board(repo.path), today=shown.today, watch_interval=None)
    async with app.run_test(size=shown.size) as fresh:
        app.theme = shown.theme
        await fresh.pause()
        for index, stage_column in enumerate(board_of(shown).stage_columns):
            cards = column(app, index)
            assert [card.id for card in cards.cards] == [card.id for card in stage_column.cards.cards]
            cards.cursor = stage_column.cards.cursor
            cards.scroll_to(y=stage_column.cards.scroll_y, animate=False, immediate=True)
        focused = board_of(shown).focused_column()
        assert focused is not None
        board_of(app).focus_stage(board_of(shown).stage_columns.index(focused))
        await fresh.pause()
        # Every style worked out again and every widget painted anew: nothing kept from before.
        app.refresh_css(animate=False)
        for widget in app.screen.query("*"):
            widget.refresh()
        await fresh.pause()
        return app.export_screenshot()


def a_card(repo: Repository) -> Card:
    board = repo.board(repo.default_campaign().id)
    return board.columns[0].cards[0]


# -- reading forms ---------------------------------------------------------------------------------


def form_of(app: App[Any]) -> FormScreen[Any]:
    screen = app.screen
    assert isinstance(screen, FormScreen), type(screen)
    return screen


def set_field(app: App[Any], path: str, value: Any) -> None:
    control = form_of(app).control(path)
    if isinstance(control, Input):
        control.value = value
    elif isinstance(control, TextArea):
        control.text = value
    elif isinstance(control, Select):
        control.value = value
    else:
        raise TypeError(type(control))


def field_value(app: App[Any], path: str) -> Any:
    return form_of(app).values()[path]


def problem_rows(app: App[Any]) -> dict[str, str]:
    """Field path → the problem shown beside it, for every field that shows one."""
    rows = {}
    for row in form_of(app).query(FieldRow):
        if row.has_class("-problem"):
            rows[row.paths[0]] = str(row.query_one(".field-problem").render())
    return rows


def notice(app: App[Any]) -> str:
    widget = form_of(app).query_one("#form-notice")
    return str(widget.render()) if widget.has_class("-shown") else ""


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def type_at_once(pilot: Any, keys: list[str]) -> None:
    """Send every key before the app handles the first, as a slow link or a paste delivers them.

    ``pilot.press`` waits for the app to go idle after each key, which hides what arrives together.
    """
    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def discard_changes(pilot: Any) -> None:
    """Escape, then yes to the question a form with changes asks before it discards them."""
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog), type(pilot.app.screen)
    await pilot.press("y")
    await pilot.pause()
