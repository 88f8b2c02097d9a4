"""A bare app that opens one modal screen, for testing the forms and secondary screens alone.

The forms never see the repository: the harness hands them a ``save`` callable, either
a ``FakeSave`` that records its calls or a closure over a real Repository.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from store import Campaign, Card, Organization, Placement
from store.models import DEFAULT_STAGES

NOW = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
SIZE = (80, 24)

_UNSET = object()


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run one Pilot scenario inside a plain (sync) pytest test."""
    return asyncio.run(coroutine)


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

    def __call__(self, *args: Any) -> Any:
        self.calls.append(args[0] if len(args) == 1 else args)
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
