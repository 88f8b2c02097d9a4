"""Adding, editing and archiving organizations."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError
from tests.boards import on_disk, open_board
from tests.store.helpers import campaign_id, org


def test_a_stale_edit_is_refused_naming_who_changed_it(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    other = open_board(repo.path, Actor("luis", "Luisa"))
    other.update_organization(target.id, {"notes": "newer"}, expected_version=target.version)
    with pytest.raises(ConflictError) as refused:
        repo.update_organization(target.id, {"notes": "older"}, expected_version=target.version)
    assert refused.value.changed_by == "Luisa via luis"
    assert "Luisa via luis" in str(refused.value)
    assert open_board(repo.path).organization(target.id).notes == "newer"


def test_archived_organizations_leave_the_board_and_stay_findable(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    repo.archive_organization(target.id, reason="merged")
    board = repo.board(campaign_id(repo))
    assert target.id not in {c.id for col in board.columns for c in col.cards}
    assert repo.find_organization(target.id).archived
    repo.unarchive_organization(target.id)
    assert not repo.organization(target.id).archived


def test_archiving_or_bringing_back_a_stale_organization_is_a_conflict(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    open_board(repo.path, Actor("luis")).update_organization(
        target.id, {"notes": "newer"}, expected_version=target.version
    )
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="luis"):
        repo.archive_organization(target.id, expected_version=target.version, reason="merged")
    assert on_disk(repo.path) == before
    current = repo.archive_organization(target.id, expected_version=target.version + 1, reason="merged")
    with pytest.raises(ConflictError):
        repo.unarchive_organization(target.id, expected_version=target.version + 1)
    assert open_board(repo.path).organization(target.id).archived
    assert current.version == target.version + 2
