"""The training rule: a card reaches the training stage only with a training, or without one for a stated reason."""

from __future__ import annotations

import orjson
import pytest

from store import Actor, NotFoundError, PermissionDenied, Repository, ValidationFailed
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from tests.boards import fixed_clock, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, attended_training, campaign_id, org


def test_a_move_into_the_training_stage_without_a_training_is_refused_and_writes_nothing(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="can enter Trained only with a training"):
        repo.move(target.id, "trained", campaign_id=campaign_id(repo))
    assert on_disk(repo.path) == before


def test_skipping_the_training_stage_needs_a_training_too(repo):
    """Straight from Contacted to Active partner: an active partner counts as trained."""
    target = org(repo, "Clínica Jurídica Obrera")
    with pytest.raises(ValidationFailed, match="only with a training"):
        repo.move(target.id, "active", campaign_id=campaign_id(repo))
    assert repo.placement(target.id, campaign_id(repo)).stage == "contacted"


def test_moving_without_a_training_records_the_reason_in_the_history(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "active", campaign_id=cid, without_training=True, reason="Trained by the ministry in 2025")
    event = repo.history(organization_id=target.id, limit=1)[0]
    assert event.without_training and event.reason == "Trained by the ministry in 2025"
    assert repo.describe(event) == (
        "moved Clínica Jurídica Obrera from Contacted to Active partner without a training: "
        "Trained by the ministry in 2025"
    )


def test_moving_without_a_training_needs_a_reason(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    with pytest.raises(ValidationFailed, match="A reason is required") as refused:
        repo.move(target.id, "trained", campaign_id=campaign_id(repo), without_training=True, reason="  ")
    assert refused.value.problems == [("reason", "required")]


def test_a_trainer_may_not_move_a_card_in_without_a_training(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    lucia = open_board(repo.path, Actor("lucia"))
    with pytest.raises(PermissionDenied, match="without a training"):
        lucia.move(
            org(repo, "Clínica Jurídica Obrera").id, "trained", campaign_id=campaign_id(repo), **WITHOUT_TRAINING
        )


def test_naming_a_training_the_organization_attended_lets_it_in_and_the_history_names_it(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    training_id = attended_training(repo, target.id, cid)
    repo.move(target.id, "trained", campaign_id=cid, training_id=training_id)
    event = repo.history(organization_id=target.id, limit=1)[0]
    assert event.training_id == training_id
    assert repo.describe(event).endswith("having attended the training of Mar 2, 2026")


def test_a_training_it_did_not_attend_or_of_another_campaign_is_refused(repo):
    cid = campaign_id(repo)
    attendee, other = org(repo, "Casa del Migrante Belén"), org(repo, "Clínica Jurídica Obrera")
    training_id = attended_training(repo, attendee.id, cid)
    with pytest.raises(ValidationFailed, match="did not attend training"):
        repo.move(other.id, "trained", campaign_id=cid, training_id=training_id)
    second = repo.create_campaign("Frontera 2027")
    repo.place(other.id, second.id)
    with pytest.raises(NotFoundError, match="has no training"):
        repo.move(other.id, "trained", campaign_id=second.id, training_id=training_id)


def test_a_training_and_without_training_together_are_refused(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    training_id = attended_training(repo, target.id, cid)
    with pytest.raises(ValidationFailed, match="not both"):
        repo.move(target.id, "trained", campaign_id=cid, training_id=training_id, **WITHOUT_TRAINING)


def test_moves_that_do_not_enter_the_training_stage_need_nothing(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    repo.move(target.id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    assert repo.move(target.id, "trained", campaign_id=cid).stage == "trained"
    assert repo.move(target.id, "contacted", campaign_id=cid).stage == "contacted"


def test_a_recorded_training_moves_its_attendees_and_the_history_names_it(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    training = repo.record_training(
        {"campaign_id": cid, "date": "2026-11-21", "topic": "Derechos", "attendance": [{"organization_id": target.id}]}
    )
    moved = next(e for e in repo.history(organization_id=target.id) if e.kind == "moved")
    assert moved.training_id == training.id and not moved.without_training


def test_a_new_card_in_the_training_stage_needs_a_reason(repo):
    cid = campaign_id(repo)
    with pytest.raises(ValidationFailed, match="only with a training"):
        repo.add_organization({"name": "Red Nueva"}, campaign_id=cid, stage="trained")
    added = repo.add_organization(
        {"name": "Red Nueva"}, campaign_id=cid, stage="trained", without_training=True, reason="Trained elsewhere"
    )
    placed = repo.history(organization_id=added.id, limit=1)[0]
    assert (placed.kind, placed.without_training, placed.reason) == ("placed", True, "Trained elsewhere")
    second = repo.create_campaign("Frontera 2027")
    with pytest.raises(ValidationFailed, match="only with a training"):
        repo.place(added.id, second.id, stage="active")


def test_a_card_brought_back_past_the_stage_it_left_from_into_the_training_stage_is_refused(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="Funding gap")
    with pytest.raises(ValidationFailed, match="bring it back there"):
        repo.restore(target.id, campaign_id=cid, stage="trained")
    assert repo.restore(target.id, campaign_id=cid).stage == "contacted"


def test_a_campaign_whose_training_stage_is_the_first_places_cards_freely(repo):
    campaign = repo.create_campaign("Solo talleres", stages=[{"key": "trained", "label": "Trained"}])
    assert repo.place(org(repo, "Casa del Migrante Belén").id, campaign.id).stage == "trained"


def _imported(repo, snapshot: dict) -> Repository:
    copy = open_board(repo.path.with_name("copy.json"), create=True)
    import_snapshot(copy, parse_snapshot(orjson.dumps(snapshot), "snap.json"), "snap.json")
    return copy


def test_an_imported_card_in_the_training_stage_with_no_training_is_recorded_as_imported_without_training(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    snapshot = export_snapshot(repo, cid, now=fixed_clock())
    contacted, trained = snapshot["columns"][0], snapshot["columns"][1]
    entry = next(e for e in contacted["organizations"] if e["id"] == target.id)
    contacted["organizations"].remove(entry)
    trained["organizations"].append({**entry, "card": {**entry["card"], "stage": "trained"}})
    copy = _imported(repo, snapshot)
    event = copy.history(organization_id=target.id, limit=1)[0]
    assert (event.kind, event.to_stage, event.without_training) == ("placed", "trained", True)
    assert event.reason == "imported without training"
    untouched = org(repo, "Clínica Jurídica Obrera")
    assert not any(e.without_training for e in copy.history(organization_id=untouched.id))


def test_an_imported_card_whose_organization_attended_a_training_is_imported_as_it_is(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    repo.record_training(
        {"campaign_id": cid, "date": "2026-11-21", "topic": "Derechos", "attendance": [{"organization_id": target.id}]}
    )
    copy = _imported(repo, export_snapshot(repo, cid, now=fixed_clock()))
    assert copy.placement(target.id, cid).stage == "trained"
    assert not any(e.without_training for e in copy.history())
