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
