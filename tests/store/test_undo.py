"""Undo: one change at a time, only one's own, never over someone else's."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, NotFoundError, NothingToUndo, PermissionDenied, UndoBlocked
from tests.boards import on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, attended_training, campaign_id, org


def test_undo_goes_back_one_change_at_a_time(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    repo.move(target.id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    repo.undo()
    assert repo.placement(target.id, cid).stage == "trained"
    repo.undo()
    assert repo.placement(target.id, cid).stage == "contacted"


def test_undo_is_refused_when_someone_changed_the_card_since(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    open_board(repo.path, Actor("luis")).move(target.id, "active", campaign_id=cid, **WITHOUT_TRAINING)
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
    luis.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    repo.set_user("ana", "coordinator")
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to undo: luis is not a user of this board"):
        luis.undo()
    assert on_disk(repo.path) == before


def test_undo_asks_for_the_role_the_reverse_change_needs_now(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    lucia = open_board(repo.path, Actor("lucia"))
    # While the board has no users everyone coordinates; then lucia becomes a trainer.
    lucia.set_off_board(target.id, campaign_id=cid, state="paused", reason="later")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    before = on_disk(repo.path)
    with pytest.raises(
        PermissionDenied, match=r"Not allowed to undo this change \(restore a card\): lucia is a trainer"
    ):
        lucia.undo()
    assert on_disk(repo.path) == before
    assert open_board(repo.path).placement(target.id, cid).off_board is not None


def test_a_trainer_still_undoes_a_move_a_trainer_may_make(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    lucia = open_board(repo.path, Actor("lucia"))
    training_id = attended_training(repo, target.id, cid)
    lucia.move(target.id, "trained", campaign_id=cid, training_id=training_id)
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
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="Cannot undo adding Red Mujeres: it has been used since"):
        luis.undo()
    assert on_disk(repo.path) == before


def _blocked_move(repo):
    """Ana logs a visit to one organization, then moves another, which luis then moves on."""
    cid = campaign_id(repo)
    visited, moved = org(repo, "Casa del Migrante Belén"), org(repo, "Centro de Derechos Humanos Pénjamo")
    repo.log_visit({"organization_id": visited.id, "campaign_id": cid, "date": "2026-11-20", "fit": 4})
    repo.move(moved.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    luis = open_board(repo.path, Actor("luis"))
    luis.move(moved.id, "active", campaign_id=cid)
    return cid, visited, moved, luis


def test_a_refused_undo_names_the_earlier_change_that_can_be_undone_next(repo):
    _blocked_move(repo)
    before = on_disk(repo.path)
    with pytest.raises(UndoBlocked, match="changed by luis") as refused:
        repo.undo()
    assert refused.value.next_description == "logged a visit to Casa del Migrante Belén"
    assert "can be undone next: logged a visit to Casa del Migrante Belén" in str(refused.value)
    assert on_disk(repo.path) == before


def test_undo_past_a_blocked_change_reverts_the_earlier_change_and_says_what_is_next(repo):
    cid, visited, moved, _luis = _blocked_move(repo)
    result = repo.undo(skip_blocked=True)
    assert result.description == "logged a visit to Casa del Migrante Belén"
    assert result.skipped == [
        "moved Centro de Derechos Humanos Pénjamo from Contacted to Trained without a training: "
        "trained before this board was kept"
    ]
    assert repo.visits(organization_id=visited.id) == []
    assert repo.placement(moved.id, cid).stage == "active"
    assert result.next_description == "added Clínica Jurídica Obrera"


def test_once_gone_past_a_blocked_change_stays_gone_past_while_it_is_blocked(repo):
    cid, _visited, moved, luis = _blocked_move(repo)
    repo.undo(skip_blocked=True)
    # A plain undo goes on: the blocked move is not refused again.
    assert repo.undo().description == "added Clínica Jurídica Obrera"
    luis.undo()
    # Once nobody's change stands in its way, the move can be undone again.
    assert repo.undo().description.startswith("moved Centro de Derechos Humanos Pénjamo from Contacted to Trained")
    assert repo.placement(moved.id, cid).stage == "contacted"


def test_a_refusal_with_no_earlier_change_to_undo_says_so(repo):
    luis = open_board(repo.path, Actor("luis"))
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    luis.edit_card(target.id, campaign_id=cid, changes={"owner": "luis"})
    repo.edit_card(target.id, campaign_id=cid, changes={"owner": "ana"})
    luis_is_blocked = pytest.raises(UndoBlocked, match="None of your earlier changes can be undone")
    with luis_is_blocked as refused:
        luis.undo()
    assert refused.value.next_description is None
