"""Merging two organizations that are one: cards, visits, trainings and history; refusals; undo."""

from __future__ import annotations

import pytest

from store import Actor, PermissionDenied, ValidationFailed
from tests.boards import on_disk, open_board
from tests.store.helpers import campaign_id, org


def duplicate_with_activity(repo):
    """A second 'Casa del Migrante Belén' with a visit, a training both attended and a card on a second campaign."""
    cid = campaign_id(repo)
    keep = org(repo, "Casa del Migrante Belén")
    other = repo.add_organization(
        {"name": "Casa del Migrante Belen A.C.", "aliases": ["CMB"]}, campaign_id=cid, allow_duplicate=True
    )
    second = repo.create_campaign("Frontera norte 2027")
    repo.place(other.id, second.id, stage="active", without_training=True, reason="trained by the network")
    visit = repo.log_visit({"organization_id": other.id, "campaign_id": cid, "date": "2026-11-20", "fit": 4})
    training = repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-11-21",
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": keep.id, "attendees": 2}, {"organization_id": other.id, "attendees": 3}],
        }
    )
    return keep, repo.organization(other.id), second, visit, training


def test_a_merge_gives_the_kept_organization_everything_of_the_other(repo):
    keep, other, second, visit, training = duplicate_with_activity(repo)
    cid = campaign_id(repo)
    result = repo.merge_organizations(keep.id, other.id)
    reopened = open_board(repo.path)
    assert other.id not in {o.id for o in reopened.organizations(include_archived=True)}
    assert (result.cards, result.joined, result.visits, result.trainings) == (1, 1, 1, 1)
    assert reopened.organization(keep.id).aliases == ["CAX", "Casa del Migrante Belen A.C.", "CMB"]
    assert reopened.find_organization("Casa del Migrante Belen A.C.").id == keep.id
    assert reopened.find_organization("cmb").id == keep.id
    # Both were trained on the first board: the kept card stays, the other's goes.
    assert [c.organization_id for c in reopened.placements_of(keep.id)] == [keep.id, keep.id]
    assert reopened.placement(keep.id, second.id).stage == "active"
    assert reopened.placement(keep.id, cid).stage == "trained"
    assert [v.id for v in reopened.visits(organization_id=keep.id)] == [visit.id]
    merged_training = reopened.trainings(organization_id=keep.id)[0]
    assert merged_training.id == training.id
    assert [(a.organization_id, a.attendees) for a in merged_training.attendance] == [(keep.id, 5)]


def test_the_kept_organizations_history_includes_the_others_named_by_its_name(repo):
    keep, other, *_ = duplicate_with_activity(repo)
    repo.merge_organizations(keep.id, other.id)
    lines = [repo.describe(event) for event in repo.history(organization_id=keep.id)]
    assert "merged Casa del Migrante Belen A.C. into Casa del Migrante Belén" in lines
    assert "added Casa del Migrante Belen A.C." in lines
    assert "logged a visit to Casa del Migrante Belen A.C." in lines
    assert "added Casa del Migrante Belén" in lines
    groups = {event.group for event in repo.history(limit=6) if event.kind in ("merged", "organization_edited")}
    assert len(groups) == 1


def test_both_on_one_board_in_different_stages_is_refused_naming_them(repo):
    keep, other, *_ = duplicate_with_activity(repo)
    repo.move(other.id, "active", campaign_id=campaign_id(repo))
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed) as refused:
        repo.merge_organizations(keep.id, other.id)
    message = str(refused.value)
    assert "Casa del Migrante Belén (Trained) and Casa del Migrante Belen A.C. (Active partner)" in message
    assert "on the board of Chiapas 2026" in message and "Nothing was merged." in message
    assert on_disk(repo.path) == before


def test_undo_separates_them_again_as_they_were(repo):
    keep, other, *_ = duplicate_with_activity(repo)
    cid = campaign_id(repo)
    before = {
        "orgs": {o.id: o.aliases for o in repo.organizations()},
        "cards": {(p.organization_id, p.campaign_id, p.stage) for p in repo.placements_of(other.id)},
        "visit": repo.visits(organization_id=other.id)[0].organization_id,
        "training": [(a.organization_id, a.attendees) for a in repo.trainings(campaign_id=cid)[0].attendance],
    }
    repo.merge_organizations(keep.id, other.id)
    undone = repo.undo()
    assert undone.description == "merged Casa del Migrante Belen A.C. into Casa del Migrante Belén"
    reopened = open_board(repo.path)
    assert reopened.organization(other.id) == other
    assert {o.id: o.aliases for o in reopened.organizations()} == before["orgs"]
    assert {(p.organization_id, p.campaign_id, p.stage) for p in reopened.placements_of(other.id)} == before["cards"]
    assert reopened.placement(keep.id, cid).stage == "trained"
    assert reopened.visits(organization_id=other.id)[0].organization_id == before["visit"]
    attendance = reopened.trainings(campaign_id=cid)[0].attendance
    assert [(a.organization_id, a.attendees) for a in attendance] == before["training"]
    assert {e.organization_id for e in reopened.history(organization_id=keep.id)} == {keep.id}
    reopened.verify()


def test_merging_into_itself_into_an_archived_one_or_as_a_trainer_is_refused(repo):
    keep, other, *_ = duplicate_with_activity(repo)
    with pytest.raises(ValidationFailed, match="into itself"):
        repo.merge_organizations(keep.id, keep.id)
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    with pytest.raises(PermissionDenied):
        open_board(repo.path, Actor("lucia")).merge_organizations(keep.id, other.id)
    repo.archive_organization(keep.id)
    with pytest.raises(ValidationFailed, match="is archived"):
        repo.merge_organizations(keep.id, other.id)
