"""Visits and trainings, and what they do to the cards."""

from __future__ import annotations

from datetime import date

import orjson

from store.storage import BoardFile
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


def test_a_visit_sets_the_cards_next_follow_up(repo):
    target = org(repo, "Casa del Migrante Belén")
    cid = campaign_id(repo)
    repo.log_visit(
        {
            "organization_id": target.id,
            "campaign_id": cid,
            "date": "2026-11-20",
            "fit": 4,
            "next_follow_up": "2026-11-30",
        }
    )
    assert repo.placement(target.id, cid).next_follow_up == date(2026, 11, 30)
    assert repo.visits(organization_id=target.id)[0].fit == 4


def test_a_training_moves_every_attendee_in_one_write_and_keeps_active_partners(repo, monkeypatch):
    cid = campaign_id(repo)
    a, b, c = (
        org(repo, n)
        for n in ["Centro de Derechos Humanos Pénjamo", "Casa del Migrante Belén", "Clínica Jurídica Obrera"]
    )
    repo.move(c.id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    outsider = repo.add_organization({"name": "Red Mujeres"})
    repo.set_off_board(b.id, campaign_id=cid, state="paused", reason="later")
    stamp = repo.path.stat().st_mtime_ns
    writes: list[bytes] = []
    write_bytes = BoardFile.write_bytes

    def spy(self, data):
        writes.append(data)
        return write_bytes(self, data)

    monkeypatch.setattr(BoardFile, "write_bytes", spy)
    repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-11-21",
            "trainers": ["ana"],
            "attendance": [{"organization_id": x.id, "attendees": 2} for x in (a, b, c, outsider)],
        }
    )
    assert repo.path.stat().st_mtime_ns != stamp
    stages = {x.id: repo.placement(x.id, cid) for x in (a, b, c, outsider)}
    assert stages[a.id].stage == "trained" and stages[outsider.id].stage == "trained"
    assert stages[b.id].stage == "trained" and stages[b.id].off_board is None
    assert stages[c.id].stage == "active"
    assert len(writes) == 1
    assert writes[0] == repo.path.read_bytes()
    on_file = {
        card["organization_id"]: card
        for card in orjson.loads(writes[0])["placements"].values()
        if card["campaign_id"] == cid
    }
    assert {key: on_file[key]["stage"] for key in (a.id, b.id, c.id, outsider.id)} == {
        a.id: "trained",
        b.id: "trained",
        c.id: "active",
        outsider.id: "trained",
    }
    assert "off_board" not in on_file[b.id]
    assert len(orjson.loads(writes[0])["trainings"]) == 1
