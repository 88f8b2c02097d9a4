"""Cards: placing, moving, taking off the board and bringing back."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, ValidationFailed
from tests.boards import on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


def test_one_organization_in_two_campaigns_at_different_stages(repo):
    second = repo.create_campaign("Frontera 2027")
    target = org(repo, "Casa del Migrante Belén")
    repo.place(target.id, second.id, stage="trained", **WITHOUT_TRAINING)
    assert repo.placement(target.id, campaign_id(repo)).stage == "contacted"
    assert repo.placement(target.id, second.id).stage == "trained"


def test_move_by_key_or_label_with_history(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    placement = repo.move(
        target.id, "Active partner", campaign_id=campaign_id(repo), expected_version=1, **WITHOUT_TRAINING
    )
    assert placement.stage == "active" and placement.version == 2
    event = repo.history(organization_id=target.id, limit=1)[0]
    assert (event.kind, event.from_stage, event.to_stage, event.actor) == ("moved", "contacted", "active", "ana")


def test_off_board_needs_a_reason_blocks_moves_and_restores(repo):
    target = org(repo, "Casa del Migrante Belén")
    cid = campaign_id(repo)
    with pytest.raises(ValidationFailed):
        repo.set_off_board(target.id, campaign_id=cid, state="paused", reason=" ")
    repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="Funding gap")
    assert [c.id for c in repo.board(cid).off_board] == [target.id]
    with pytest.raises(ValidationFailed, match="off the board"):
        repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    assert repo.restore(target.id, campaign_id=cid).stage == "contacted"
    assert repo.board(cid).off_board == []


def test_taking_a_stale_card_off_the_board_or_restoring_it_is_a_conflict(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    seen = repo.placement(target.id, cid).version
    open_board(repo.path, Actor("luis")).move(
        target.id, "trained", campaign_id=cid, expected_version=seen, **WITHOUT_TRAINING
    )
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="luis"):
        repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="later", expected_version=seen)
    assert on_disk(repo.path) == before
    now = repo.placement(target.id, cid).version
    repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="later", expected_version=now)
    with pytest.raises(ConflictError):
        repo.restore(target.id, campaign_id=cid, expected_version=now)
    assert repo.placement(target.id, cid).off_board is not None


def test_taking_a_card_off_the_board_writes_its_history_event(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    card = repo.set_off_board(target.id, campaign_id=cid, state="not_a_fit", reason="  Focus is housing  ")
    event = repo.history(organization_id=target.id, limit=1)[0]
    assert (event.kind, event.entity, event.entity_id) == ("off_board", "placement", card.id)
    assert (event.campaign_id, event.from_stage, event.to_stage) == (cid, "contacted", None)
    assert (event.reason, event.actor, event.version_after) == ("Focus is housing", "ana", card.version)
    assert event.changes["off_board"] == [None, {"state": "not_a_fit", "reason": "Focus is housing"}]
    assert repo.describe(event) == "took Casa del Migrante Belén off the board: Focus is housing"


def _moved_meanwhile(repo, name: str) -> tuple[str, str, int]:
    """Another session moves the card after this session saw it: (org id, campaign id, version seen)."""
    cid = campaign_id(repo)
    target = org(repo, name)
    seen = repo.placement(target.id, cid).version
    open_board(repo.path, Actor("luis")).move(
        target.id, "trained", campaign_id=cid, expected_version=seen, **WITHOUT_TRAINING
    )
    return target.id, cid, seen


def test_moving_a_stale_card_is_a_conflict_and_writes_nothing(repo):
    org_id, cid, seen = _moved_meanwhile(repo, "Casa del Migrante Belén")
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="luis"):
        repo.move(org_id, "active", campaign_id=cid, expected_version=seen, **WITHOUT_TRAINING)
    assert on_disk(repo.path) == before


def test_editing_a_stale_card_is_a_conflict_and_writes_nothing(repo):
    org_id, cid, seen = _moved_meanwhile(repo, "Casa del Migrante Belén")
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="luis"):
        repo.edit_card(org_id, campaign_id=cid, changes={"owner": "marta"}, expected_version=seen)
    assert on_disk(repo.path) == before


def test_every_card_change_adds_one_to_its_version(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    versions = [repo.placement(target.id, cid).version]
    versions.append(repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING).version)
    versions.append(repo.edit_card(target.id, campaign_id=cid, changes={"owner": "marta"}).version)
    versions.append(repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="later").version)
    versions.append(repo.restore(target.id, campaign_id=cid).version)
    assert versions == [1, 2, 3, 4, 5]
    assert open_board(repo.path).placement(target.id, cid).version == 5


def test_place_several_organizations_on_another_board_in_one_write(repo):
    second = repo.create_campaign("Red Chiapas 2027")
    targets = [org(repo, "Casa del Migrante Belén"), org(repo, "Clínica Jurídica Obrera")]
    placed = repo.place_organizations(
        [t.id for t in targets], second.id, stage="Trained", without_training=True, reason="trained in 2026"
    )
    assert [(p.organization_id, p.stage) for p in placed] == [(t.id, "trained") for t in targets]
    assert repo.placement(targets[0].id, campaign_id(repo)).stage == "contacted"  # its first card stays
    events = repo.history(campaign_id=second.id)
    assert [e.kind for e in events] == ["placed", "placed", "campaign_created"]
    assert len({e.group for e in events[:2]}) == 1  # one change, undone at once


def test_placing_refuses_naming_those_already_on_the_board_and_places_none(repo):
    second = repo.create_campaign("Red Chiapas 2027")
    on_it, other = org(repo, "Casa del Migrante Belén"), org(repo, "Clínica Jurídica Obrera")
    repo.place_organizations([on_it.id], second.id)
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="Already on the board of Red Chiapas 2027: Casa del Migrante Belén"):
        repo.place_organizations([other.id, on_it.id], second.id)
    assert on_disk(repo.path) == before
    assert repo.board(second.id).columns[0].cards[0].id == on_it.id
    assert second.stages[0].key == repo.placement(on_it.id, second.id).stage


def test_placing_an_archived_organization_is_refused(repo):
    second = repo.create_campaign("Red Chiapas 2027")
    target = org(repo, "Casa del Migrante Belén")
    repo.archive_organization(target.id)
    with pytest.raises(ValidationFailed, match="Unarchive"):
        repo.place_organizations([target.id], second.id)


def test_restoring_an_archived_organization_is_refused_and_says_to_unarchive(repo):
    target = org(repo, "Casa del Migrante Belén")
    repo.archive_organization(target.id)
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="archived, not off the board; unarchive it"):
        repo.restore(target.id, campaign_id=campaign_id(repo))
    assert on_disk(repo.path) == before
    repo.unarchive_organization(target.id)
    assert repo.describe(repo.history(organization_id=target.id, limit=1)[0]).startswith("unarchived")
