"""Sample boards for app tests and snapshots, built by the same demo factory the CLI uses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from random import Random

from store import Actor, IdFactory, Repository
from store.demo import build_demo

TODAY = date(2026, 11, 24)
COORDINATOR = Actor(login="ana")


def fixed_clock() -> datetime:
    return datetime(2026, 11, 24, 16, 30, tzinfo=UTC)


def open_board(path: Path, actor: Actor = COORDINATOR, *, create: bool = False) -> Repository:
    return Repository.open(path, create=create, actor=actor, clock=fixed_clock)


def demo_board(folder: Path, *, organizations: int = 16, seed: int = 4, name: str = "board.json") -> Repository:
    """A small deterministic demo board in ``folder``."""
    repo = Repository.open(folder / name, create=True, actor=COORDINATOR, ids=IdFactory(Random(98)), clock=fixed_clock)
    build_demo(repo, organizations=organizations, seed=seed, today=TODAY)
    return repo
