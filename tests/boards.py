"""Sample boards for app tests and snapshots, built by the same demo factory the CLI uses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from random import Random
from typing import Any, cast

import orjson

from store import Actor, IdFactory, Repository
from store.demo import build_demo
from store.files import journal_path

TODAY = date(2026, 11, 24)
COORDINATOR = Actor(login="ana")


def fixed_clock() -> datetime:
    return datetime(2026, 11, 24, 16, 30, tzinfo=UTC)


def open_board(path: Path, actor: Actor = COORDINATOR, *, create: bool = False) -> Repository:
    return Repository.open(path, create=create, actor=actor, clock=fixed_clock)


def folded(path: Path) -> Path:
    """``path`` with its journal folded in: the board file alone then holds every change, as plain JSON."""
    Repository.open(path).compact()
    return path


def on_disk(path: Path) -> bytes:
    """The bytes of a board file and of its journal: equal before and after means nothing was written."""
    journal = journal_path(Path(path))
    return Path(path).read_bytes() + (b"\n--journal--\n" + journal.read_bytes() if journal.exists() else b"")


def board_json(path: Path) -> dict[str, Any]:
    """The whole board as one TinyDB document (its journal folded in first)."""
    return cast(dict[str, Any], orjson.loads(folded(path).read_bytes()))


def demo_board(folder: Path, *, organizations: int = 16, seed: int = 4, name: str = "board.json") -> Repository:
    """A small deterministic demo board in ``folder``."""
    repo = Repository.open(folder / name, create=True, actor=COORDINATOR, ids=IdFactory(Random(98)), clock=fixed_clock)
    build_demo(repo, organizations=organizations, seed=seed, today=TODAY)
    return repo


WIDE_STAGES = (
    ("identified", "Identified", "Identificada"),
    ("contacted", "Contacted", "Contactada"),
    ("visited", "Visited", "Visitada"),
    ("assessed", "Assessed", "Evaluada"),
    ("trained", "Trained", "Capacitada"),
    ("agreement", "Agreement signed", "Convenio firmado"),
    ("active", "Active partner", "Aliada activa"),
)
"""Seven stages a network might use; the five-stage board leaves out assessed and agreement."""

FIVE_STAGES = ("identified", "contacted", "visited", "trained", "active")


def wide_board(folder: Path, *, stages: int = 7, organizations: int = 24) -> Repository:
    """A demo board whose campaign has ``stages`` stages (5 or 7), with cards in each."""
    repo = demo_board(folder, organizations=organizations)
    campaign = repo.default_campaign()
    chosen = [s for s in WIDE_STAGES if stages == len(WIDE_STAGES) or s[0] in FIVE_STAGES]
    layout = [{"key": key, "label": label, "labels": {"es": es}} for key, label, es in chosen]
    campaign = repo.edit_campaign(campaign.id, {"stages": layout}, expected_version=campaign.version)
    board = repo.board(campaign.id)
    by_stage = {column.stage.key: column.cards for column in board.columns}
    spread = {"identified": 3, "visited": 2, "assessed": 1}
    contacted = iter(by_stage["contacted"])
    for key, count in spread.items():
        if campaign.stage(key) is not None:
            for card in [next(contacted) for _ in range(count)]:
                repo.move(card.id, key, campaign_id=campaign.id, expected_version=card.placement.version)
    if campaign.stage("agreement") is not None:
        card = by_stage["trained"][0]
        repo.move(card.id, "agreement", campaign_id=campaign.id, expected_version=card.placement.version)
    return repo
