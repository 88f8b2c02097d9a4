"""The board in memory: the card index by campaign stays what a fresh build of it would be."""

from __future__ import annotations

from random import Random

from store.document import PlacementTable
from store.models import Placement
from tests.boards import demo_board, fixed_clock


def rebuilt(table: PlacementTable, campaigns: list[str]) -> dict[str, list[str]]:
    """Each campaign's organizations in the order a fresh index of the same table lists them."""
    fresh = PlacementTable()
    fresh.fill(dict(table.by_id), dict(table.doc_of))
    return {cid: list(fresh.in_campaign(cid)) for cid in campaigns}


def test_the_card_index_follows_every_put_and_delete(tmp_path):
    repo = demo_board(tmp_path, organizations=40)
    table = repo._copy.document.placements
    campaigns = sorted({p.campaign_id for p in table.values()})
    orgs = sorted({p.organization_id for p in table.values()})
    for cid in campaigns:
        table.in_campaign(cid)  # build the index, so later changes update it in place
    rng = Random(5)
    for step in range(300):
        card = rng.choice(list(table.values()))
        if step % 3 == 0:
            table.delete(card.id)
        elif step % 3 == 1:
            table.put(card.model_copy(update={"version": card.version + 1, "stage": "trained"}))
        else:
            org_id, cid = rng.choice(orgs), rng.choice(campaigns)
            if org_id not in table.in_campaign(cid):
                data = {"organization_id": org_id, "campaign_id": cid, "stage": "contacted"}
                times = {"stage_since": fixed_clock(), "updated_at": fixed_clock()}
                table.put(Placement(id=f"card-new{step:06d}", **data, **times))
        assert {cid: list(table.in_campaign(cid)) for cid in campaigns} == rebuilt(table, campaigns)
        assert all(
            table.in_campaign(cid)[o] is table.get(table.in_campaign(cid)[o].id)
            for cid in campaigns
            for o in table.in_campaign(cid)
        )


def test_an_unchanged_card_keeps_its_place_in_file_order(tmp_path):
    repo = demo_board(tmp_path, organizations=20)
    table = repo._copy.document.placements
    cid = repo.default_campaign().id
    before = list(table.in_campaign(cid))
    first = table.in_campaign(cid)[before[0]]
    table.put(first.model_copy(update={"version": first.version + 1}))
    assert list(table.in_campaign(cid)) == before == rebuilt(table, [cid])[cid]
