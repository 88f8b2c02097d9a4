"""Short ways to name the sample board's records in store tests."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from store import Organization, Repository
from store.board_copy import BoardCopy


def campaign_id(repo: Repository) -> str:
    campaign = repo.default_campaign()
    assert campaign is not None
    return campaign.id


def org(repo: Repository, name: str) -> Organization:
    return repo.find_organization(name)


WITHOUT_TRAINING = {"without_training": True, "reason": "trained before this board was kept"}
"""What a coordinator gives to move a card into the training stage with no training recorded."""


def attended_training(repo: Repository, org_id: str, cid: str) -> str:
    """The id of a training ``org_id`` attended, its card left where it was before."""
    stage = repo.placement(org_id, cid).stage
    training = repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-03-02",
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": org_id}],
        }
    )
    if repo.placement(org_id, cid).stage != stage:
        repo.move(org_id, stage, campaign_id=cid, reason="back to where it was")
    return training.id


def spy_commits(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every change written to a board file or its journal, as the complete board document after it."""
    seen: list[dict[str, Any]] = []
    write = BoardCopy.write

    def spy(self: BoardCopy, **options: bool) -> None:
        write(self, **options)
        seen.append(orjson.loads(orjson.dumps(self.document.as_json())))

    monkeypatch.setattr(BoardCopy, "write", spy)
    return seen
