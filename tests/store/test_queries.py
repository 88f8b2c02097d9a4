"""Reading a board: finding organizations, searching, follow-ups."""

from __future__ import annotations

from datetime import date

import pytest

from store import Actor, AmbiguousReferenceError
from tests.boards import TODAY, open_board
from tests.store.helpers import campaign_id, org


def test_find_by_id_name_or_alias_and_ambiguity(repo):
    target = org(repo, "casa del migrante belén")
    assert repo.find_organization(target.id) == target
    assert repo.find_organization("CAX") == target
    repo.add_organization({"name": "Casa Hogar", "aliases": ["CAX"]}, allow_duplicate=True)
    with pytest.raises(AmbiguousReferenceError):
        repo.find_organization("CAX")


def test_search_ignores_case_and_accents_over_name_alias_place_and_tags(repo):
    assert [o.name for o in repo.search("penjamo")] == ["Centro de Derechos Humanos Pénjamo"]
    assert [o.name for o in repo.search("COAHUILA")] == ["Casa del Migrante Belén"]
    assert [o.name for o in repo.search("maquila")] == ["Centro de Derechos Humanos Pénjamo"]


def test_follow_ups_are_due_or_overdue_soonest_first(repo):
    cid = campaign_id(repo)
    names = ["Centro de Derechos Humanos Pénjamo", "Casa del Migrante Belén", "Clínica Jurídica Obrera"]
    for name, due in zip(names, [date(2026, 11, 30), date(2026, 11, 1), date(2027, 3, 1)], strict=False):
        repo.edit_card(org(repo, name).id, campaign_id=cid, changes={"next_follow_up": due})
    due = repo.follow_ups(cid, today=TODAY)
    assert [c.organization.name for c in due] == ["Casa del Migrante Belén", "Centro de Derechos Humanos Pénjamo"]


def test_history_since_gives_only_what_another_session_added_after_the_mark(repo):
    reader = open_board(repo.path)
    reader.finish_loading()
    mark = reader.history_mark()
    assert reader.history_since(mark) == []
    other = open_board(repo.path, Actor(login="luis"))
    organization = org(other, "Centro de Derechos Humanos Pénjamo")
    other.move(
        organization.id, "trained", campaign_id=campaign_id(other), without_training=True, reason="taller previo"
    )
    assert reader.refresh()
    (event,) = reader.history_since(mark)
    assert (event.kind, event.actor, event.organization_id, event.to_stage) == (
        "moved",
        "luis",
        organization.id,
        "trained",
    )
    assert reader.history_since(reader.history_mark()) == []
