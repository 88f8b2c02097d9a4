"""The one permission table: every store refusal and the board's greying read it."""

from __future__ import annotations

import pytest

from store import PERMISSIONS, ROLES, Actor, PermissionDenied, ValidationFailed, allowed
from store.permissions import ACTION_PHRASES, only_for, organization_fields_for, require
from tests.boards import on_disk, open_board
from tests.store.helpers import attended_training, campaign_id, org


def test_every_action_has_a_phrase_and_known_roles():
    assert set(PERMISSIONS) == set(ACTION_PHRASES)
    for roles in PERMISSIONS.values():
        assert roles <= set(ROLES)


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        ("coordinator", "manage_users", True),
        ("trainer", "manage_users", False),
        ("trainer", "move", True),
        ("viewer", "move", False),
        ("viewer", "export", True),
        ("trainer", "an_action_nobody_listed", False),
        ("coordinator", "an_action_nobody_listed", True),
    ],
)
def test_allowed_reads_the_table(role, action, expected):
    assert allowed(role, action) is expected


def test_a_refusal_names_the_action_and_why():
    with pytest.raises(PermissionDenied, match="Not allowed to take a card off the board: lucia is a trainer"):
        require("trainer", "off_board", "lucia", listed=True)
    with pytest.raises(PermissionDenied, match="guest is not a user of this board, so it can only view and export"):
        require("viewer", "move", "guest", listed=False)


def test_roles(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    with pytest.raises(ValidationFailed, match="first user"):
        repo.set_user("lucia", "trainer")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor("lucia"))
    stranger = open_board(repo.path, Actor("guest"))
    training_id = attended_training(repo, target.id, cid)
    assert trainer.move(target.id, "trained", campaign_id=cid, training_id=training_id).stage == "trained"
    with pytest.raises(PermissionDenied):
        trainer.archive_organization(target.id)
    with pytest.raises(PermissionDenied):
        trainer.create_campaign("Nope")
    trainer.update_organization(target.id, {"notes": "trainers may edit notes"})
    with pytest.raises(PermissionDenied):
        trainer.update_organization(target.id, {"name": "Renamed"})
    with pytest.raises(PermissionDenied, match="only view and export"):
        stranger.move(target.id, "contacted", campaign_id=cid)
    other = org(repo, "Casa del Migrante Belén")
    with pytest.raises(PermissionDenied):
        trainer.move(other.id, "active", campaign_id=cid)


def test_a_trainer_may_not_take_a_card_off_the_board_or_change_its_owner(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor("lucia"))
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to take a card off the board: lucia is a trainer"):
        trainer.set_off_board(target.id, campaign_id=cid, state="paused", reason="later")
    with pytest.raises(PermissionDenied, match="Not allowed to change a card's owner: lucia is a trainer"):
        trainer.edit_card(target.id, campaign_id=cid, changes={"owner": "lucia"})
    assert on_disk(repo.path) == before
    edited = trainer.edit_card(target.id, campaign_id=cid, changes={"next_follow_up": "2026-12-01"})
    assert edited.owner == "ana" and str(edited.next_follow_up) == "2026-12-01"


def test_a_role_is_checked_after_the_board_is_read_again_under_the_lock(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "coordinator")
    lucia = open_board(repo.path, Actor("lucia"))
    assert lucia.can("create_campaign")
    repo.set_user("lucia", "trainer")  # demoted while lucia's session still shows her as a coordinator
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to create a campaign: lucia is a trainer"):
        lucia.create_campaign("Frontera 2027")
    with pytest.raises(PermissionDenied, match="lucia is a trainer"):
        lucia.set_user("lucia", "coordinator")
    assert on_disk(repo.path) == before


def _campaign_change(repo, cid, oid):
    repo.edit_campaign(cid, {"name": "Renamed campaign"})


def _visit(repo, cid, oid):
    repo.log_visit({"organization_id": oid, "campaign_id": cid, "date": "2026-11-20", "fit": 4})


def _training(repo, cid, oid):
    fields = {"campaign_id": cid, "date": "2026-11-21", "trainers": ["ana"]}
    repo.record_training({**fields, "attendance": [{"organization_id": oid, "attendees": 2}]})


def _bulk(repo, cid, oid):
    with repo.bulk():
        pass


# What each role below its rank is refused, written out here rather than read from PERMISSIONS,
# so that widening any one entry of the table makes exactly one case fail.
REFUSALS = {
    "create_campaign": ("trainer", lambda repo, cid, oid: repo.create_campaign("Frontera 2027")),
    "edit_campaign": ("trainer", _campaign_change),
    "add_organization": ("trainer", lambda repo, cid, oid: repo.add_organization({"name": "Red Mujeres"})),
    "edit_organization": ("viewer", lambda repo, cid, oid: repo.update_organization(oid, {"name": "Renamed"})),
    "edit_organization_details": (
        "trainer",
        lambda repo, cid, oid: repo.update_organization(oid, {"name": "Renamed"}),
    ),
    "edit_notes": ("viewer", lambda repo, cid, oid: repo.update_organization(oid, {"notes": "seen"})),
    "archive_organization": ("trainer", lambda repo, cid, oid: repo.archive_organization(oid, reason="merged")),
    "move": ("viewer", lambda repo, cid, oid: repo.move(oid, "trained", campaign_id=cid)),
    "move_outside_training": ("trainer", lambda repo, cid, oid: repo.move(oid, "active", campaign_id=cid)),
    "edit_card": (
        "viewer",
        lambda repo, cid, oid: repo.edit_card(oid, campaign_id=cid, changes={"next_follow_up": "2026-12-01"}),
    ),
    "change_owner": ("trainer", lambda repo, cid, oid: repo.edit_card(oid, campaign_id=cid, changes={"owner": "x"})),
    "off_board": (
        "trainer",
        lambda repo, cid, oid: repo.set_off_board(oid, campaign_id=cid, state="paused", reason="later"),
    ),
    "log_visit": ("viewer", _visit),
    "record_training": ("viewer", _training),
    "manage_users": ("trainer", lambda repo, cid, oid: repo.set_user("guest", "viewer")),
    "bulk_load": ("trainer", _bulk),
}


@pytest.mark.parametrize("action", sorted(REFUSALS))
def test_each_store_change_refuses_the_roles_the_table_leaves_out(repo, action):
    role, change = REFUSALS[action]
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    if role == "trainer":
        repo.set_user("lucia", "trainer")
    someone = open_board(repo.path, Actor("lucia" if role == "trainer" else "guest"))
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to"):
        change(someone, cid, target.id)
    assert on_disk(repo.path) == before


def test_restoring_a_card_is_refused_to_a_trainer(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="later")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to restore a card: lucia is a trainer"):
        open_board(repo.path, Actor("lucia")).restore(target.id, campaign_id=cid)
    assert on_disk(repo.path) == before


def test_placing_a_card_is_refused_to_a_trainer(repo):
    second = repo.create_campaign("Frontera 2027")
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    before = on_disk(repo.path)
    with pytest.raises(PermissionDenied, match="Not allowed to add a card to a board: lucia is a trainer"):
        open_board(repo.path, Actor("lucia")).place(target.id, second.id)
    assert on_disk(repo.path) == before


ORGANIZATION_CHANGES = {
    "name": "Clínica Jurídica Obrera del Sur",
    "aliases": ["CJO"],
    "type": "union",
    "place": {"country": "México", "state": "Chiapas", "municipality": "Tapachula"},
    "legal_capacity": "in_house",
    "outreach_capacity": "regional",
    "education_program": "yes",
    "education_note": "talleres mensuales",
    "works_with_migrants": "yes",
    "languages": ["es", "tzotzil"],
    "workers_reached": {"estimate": 300, "basis": "their count"},
    "tags": ["frontera"],
    "notes": "met at the forum",
    "contacts": [{"name": "Rosa"}],
}
"""One valid change of each field an organization form offers."""


@pytest.mark.parametrize("role", ["coordinator", "trainer", "viewer"])
def test_the_fields_a_role_may_change_are_exactly_those_the_store_lets_through(repo, role):
    target = org(repo, "Clínica Jurídica Obrera")
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", role)
    someone = open_board(repo.path, Actor("lucia"))
    let_through = set()
    for field, value in ORGANIZATION_CHANGES.items():
        try:
            someone.update_organization(target.id, {field: value})
        except PermissionDenied:
            continue
        let_through.add(field)
    assert organization_fields_for(role, ORGANIZATION_CHANGES) == let_through
    assert len(let_through) == {"coordinator": len(ORGANIZATION_CHANGES), "trainer": 1, "viewer": 0}[role]


def test_who_may_use_an_action_is_read_from_the_table():
    assert only_for("create_campaign") == "coordinators only"
    assert only_for("record_training") == "coordinators and trainers only"
    assert only_for("an_action_nobody_listed") == "coordinators only"
