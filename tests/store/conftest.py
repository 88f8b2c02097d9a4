"""A small board every repository-level test starts from: one campaign, three organizations on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Repository, board_copy
from tests.boards import open_board


@pytest.fixture(autouse=True, params=["journal", "checkpoint"])
def write_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every store test runs twice: changes kept in the journal, and each change followed by a checkpoint."""
    if request.param == "checkpoint":
        monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 0)
        monkeypatch.setattr(board_copy, "CHECKPOINT_SHARE", 0.0)
    return str(request.param)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repo = open_board(tmp_path / "board.json", create=True)
    campaign = repo.create_campaign("Chiapas 2026")
    for name, state, tags in [
        ("Centro de Derechos Humanos Pénjamo", "Chiapas", ["maquila"]),
        ("Casa del Migrante Belén", "Coahuila", ["frontera"]),
        ("Clínica Jurídica Obrera", "Oaxaca", []),
    ]:
        repo.add_organization(
            {
                "name": name,
                "aliases": [name.split()[0][:2].upper() + "X"],
                "place": {"state": state},
                "tags": tags,
                "workers_reached": {"estimate": 100},
            },
            campaign_id=campaign.id,
        )
    return repo
