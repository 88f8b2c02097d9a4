"""The repository facade: opening, checking a whole board."""

from __future__ import annotations

import json

import orjson
import pytest

from store import StoreFileError
from tests.boards import on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


def test_verify_passes_a_sound_board(repo):
    repo.move(org(repo, "Casa del Migrante Belén").id, "trained", campaign_id=campaign_id(repo), **WITHOUT_TRAINING)
    open_board(repo.path).verify()


def test_verify_fails_exactly_where_a_write_would(repo):
    document = orjson.loads(repo.path.read_bytes())
    event = next(iter(document["events"].values()))
    deep: list = [1]
    for _ in range(300):
        deep = [deep]
    event["changes"] = {"notes": [deep, "x"]}
    repo.path.write_bytes(json.dumps(document).encode())
    before = on_disk(repo.path)
    with pytest.raises(StoreFileError, match=r"record events/\d+, field changes"):
        open_board(repo.path).verify()
    with pytest.raises(StoreFileError, match=r"record events/\d+, field changes"):
        open_board(repo.path).move(
            org(repo, "Casa del Migrante Belén").id, "trained", campaign_id=campaign_id(repo), **WITHOUT_TRAINING
        )
    assert on_disk(repo.path) == before
