"""The one builder of history events."""

from __future__ import annotations

from random import Random
from typing import get_args

from store import IdFactory
from store.history import _DESCRIPTIONS, new_event
from store.models import EventKind
from tests.boards import fixed_clock


def test_an_event_never_takes_an_id_already_used():
    first = IdFactory(Random(1)).new("ev")
    used = {first}
    event = new_event(
        IdFactory(Random(1)),
        "moved",
        "placement",
        "card-aaaaaa",
        at=fixed_clock(),
        actor="ana",
        taken=used.__contains__,
    )
    assert event.id != first and event.id.startswith("ev-")


def test_an_event_gets_a_group_of_its_own_unless_given_one_and_leaves_out_none():
    ids = IdFactory(Random(2))
    alone = new_event(ids, "placed", "placement", "card-aaaaaa", at=fixed_clock(), actor="ana", reason=None)
    joined = new_event(ids, "moved", "placement", "card-aaaaaa", at=fixed_clock(), actor="ana", group=alone.group)
    assert alone.group != joined.id and joined.group == alone.group
    assert alone.reason == ""


def test_every_kind_of_event_has_a_sentence_of_its_own():
    """Without one, the history would show the stored kind (``file_created``) in English whatever the language."""
    assert set(get_args(EventKind)) - set(_DESCRIPTIONS) == set()


def test_departures_name_the_newest_taking_off_of_each_card_on_that_board_and_each_archiving(repo, tmp_path):
    from store import Actor, departures
    from tests.boards import open_board

    campaign = repo.campaigns()[0]
    other = repo.create_campaign("Oaxaca 2027")
    belen, clinica = (
        repo.find_organization("Casa del Migrante Belén"),
        repo.find_organization("Clínica Jurídica Obrera"),
    )
    repo.place(belen.id, other.id)
    repo.set_off_board(belen.id, campaign_id=campaign.id, state="paused", reason="no staff", expected_version=None)
    repo.restore(belen.id, campaign_id=campaign.id, expected_version=None)
    repo.set_user("sam", "coordinator")
    sam = open_board(repo.path, Actor(login="sam"))
    sam.set_off_board(belen.id, campaign_id=campaign.id, state="not_a_fit", reason="housing", expected_version=None)
    sam.set_off_board(belen.id, campaign_id=other.id, state="paused", reason="elsewhere", expected_version=None)
    sam.archive_organization(clinica.id, reason="closed")

    found = departures(sam.history(), campaign.id)

    assert set(found) == {("off_board", belen.id), ("organization_archived", clinica.id)}
    taken_off = found[("off_board", belen.id)]
    assert (taken_off.actor, taken_off.reason, taken_off.campaign_id) == ("sam", "housing", campaign.id)
    assert found[("organization_archived", clinica.id)].reason == "closed"
