"""Undo: one change at a time, only one's own, never over someone else's."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, NotFoundError, NothingToUndo, PermissionDenied
from tests.boards import open_board
from tests.store.helpers import campaign_id, org


def test_undo_goes_back_one_change_at_a_time(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid)
    repo.move(target.id, "active", campaign_id=cid)
    repo.undo()
    assert repo.placement(target.id, cid).stage == "trained"
    repo.undo()
    assert repo.placement(target.id, cid).stage == "contacted"


def test_undo_is_refused_when_someone_changed_the_card_since(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid)
    open_board(repo.path, Actor("luis")).move(target.id, "active", campaign_id=cid)
    with pytest.raises(ConflictError, match="luis"):
        repo.undo()
    assert open_board(repo.path).placement(target.id, cid).stage == "active"


def test_undo_never_touches_another_users_change(repo):
    luis = open_board(repo.path, Actor("luis"))
    with pytest.raises(NothingToUndo):
        luis.undo()


def test_undoing_an_added_organization_removes_it_and_its_card(repo):
    cid = campaign_id(repo)
    added = repo.add_organization({"name": "Red Nueva"}, campaign_id=cid)
    result = repo.undo()
    assert result.description == "added Red Nueva"
    assert result.organization_ids == [added.id]
    with pytest.raises(NotFoundError):
        open_board(repo.path).organization(added.id)
    assert added.id not in {card.id for column in repo.board(cid).columns for card in column.cards}
    kinds = {event.kind for event in repo.history(organization_id=added.id)}
    assert {"organization_removed", "placement_removed"} <= kinds


def test_undoing_a_role_change_brings_the_previous_role_back(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    repo.set_user("lucia", "coordinator")
    repo.undo()
    assert open_board(repo.path).role("lucia") == "trainer"
    repo.undo()
    assert open_board(repo.path).role("lucia") == "viewer"
    assert [user.login for user in repo.users()] == ["ana"]


def test_a_viewer_is_refused_undo(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    luis = open_board(repo.path, Actor("luis"))
    luis.move(target.id, "trained", campaign_id=cid)
    repo.set_user("ana", "coordinator")
    before = repo.path.read_bytes()
    with pytest.raises(PermissionDenied, match="Not allowed to undo: luis is not a user of this board"):
        luis.undo()
    assert repo.path.read_bytes() == before
