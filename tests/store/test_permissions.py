"""The one permission table: every store refusal and the board's greying read it."""

from __future__ import annotations

import pytest

from store import PERMISSIONS, ROLES, Actor, PermissionDenied, ValidationFailed, allowed
from store.permissions import ACTION_PHRASES, require
from tests.boards import open_board
from tests.store.helpers import campaign_id, org


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
    assert trainer.move(target.id, "trained", campaign_id=cid).stage == "trained"
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
    before = repo.path.read_bytes()
    with pytest.raises(PermissionDenied, match="Not allowed to take a card off the board: lucia is a trainer"):
        trainer.set_off_board(target.id, campaign_id=cid, state="paused", reason="later")
    with pytest.raises(PermissionDenied, match="Not allowed to change a card's owner: lucia is a trainer"):
        trainer.edit_card(target.id, campaign_id=cid, changes={"owner": "lucia"})
    assert repo.path.read_bytes() == before
    edited = trainer.edit_card(target.id, campaign_id=cid, changes={"next_follow_up": "2026-12-01"})
    assert edited.owner == "ana" and str(edited.next_follow_up) == "2026-12-01"


def test_a_role_is_checked_after_the_board_is_read_again_under_the_lock(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "coordinator")
    lucia = open_board(repo.path, Actor("lucia"))
    assert lucia.can("create_campaign")
    repo.set_user("lucia", "trainer")  # demoted while lucia's session still shows her as a coordinator
    before = repo.path.read_bytes()
    with pytest.raises(PermissionDenied, match="Not allowed to create a campaign: lucia is a trainer"):
        lucia.create_campaign("Frontera 2027")
    with pytest.raises(PermissionDenied, match="lucia is a trainer"):
        lucia.set_user("lucia", "coordinator")
    assert repo.path.read_bytes() == before
