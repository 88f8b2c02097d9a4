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


def test_undo_asks_for_the_role_the_reverse_change_needs_now(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    lucia = open_board(repo.path, Actor("lucia"))
    # While the board has no users everyone coordinates; then lucia becomes a trainer.
    lucia.set_off_board(target.id, campaign_id=cid, state="paused", reason="later")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    before = repo.path.read_bytes()
    with pytest.raises(
        PermissionDenied, match=r"Not allowed to undo this change \(restore a card\): lucia is a trainer"
    ):
        lucia.undo()
    assert repo.path.read_bytes() == before
    assert open_board(repo.path).placement(target.id, cid).off_board is not None


def test_a_trainer_still_undoes_a_move_a_trainer_may_make(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    lucia = open_board(repo.path, Actor("lucia"))
    lucia.move(target.id, "trained", campaign_id=cid)
    lucia.undo()
    assert open_board(repo.path).placement(target.id, cid).stage == "contacted"


def test_after_undo_the_history_says_what_the_undo_did_and_who_did_it(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    repo.edit_card(target.id, campaign_id=cid, changes={"owner": "maria"})
    luis = open_board(repo.path, Actor("luis", "Luisa"))
    luis.set_off_board(target.id, campaign_id=cid, state="paused", reason="Funding gap")
    luis.undo()
    card = open_board(repo.path).placement(target.id, cid)
    assert card.off_board is None and card.updated_by == "Luisa via luis"
    repo.refresh()
    undone, revert = repo.history(organization_id=target.id, limit=2)
    assert repo.describe(undone) == "undid: took Casa del Migrante Belén off the board: Funding gap"
    assert (revert.kind, revert.to_stage) == ("restored", "contacted")
    assert repo.describe(revert) == "brought Casa del Migrante Belén back to Contacted"
    luis.set_off_board(target.id, campaign_id=cid, state="paused", reason="Funding gap", expected_version=card.version)
    luis.restore(target.id, campaign_id=cid)
    luis.undo()
    repo.refresh()
    again = repo.history(organization_id=target.id, limit=2)[1]
    assert repo.describe(again) == "took Casa del Migrante Belén off the board: Funding gap"
    assert open_board(repo.path).placement(target.id, cid).off_board.reason == "Funding gap"


def test_undoing_an_added_organization_is_refused_once_another_change_uses_it(repo):
    luis = open_board(repo.path, Actor("luis"))
    added = luis.add_organization({"name": "Red Mujeres"})
    repo.place(added.id, campaign_id(repo))
    before = repo.path.read_bytes()
    with pytest.raises(ConflictError, match="Cannot undo adding Red Mujeres: it has been used since"):
        luis.undo()
    assert repo.path.read_bytes() == before
