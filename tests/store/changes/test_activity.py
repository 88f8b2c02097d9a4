"""Visits and trainings, and what they do to the cards."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from store import ValidationFailed
from tests.boards import board_json, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, attended_training, campaign_id, org, spy_commits


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
    writes = spy_commits(monkeypatch)
    repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-11-21",
            "trainers": ["ana"],
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": x.id, "attendees": 2} for x in (a, b, c, outsider)],
        }
    )
    stages = {x.id: repo.placement(x.id, cid) for x in (a, b, c, outsider)}
    assert stages[a.id].stage == "trained" and stages[outsider.id].stage == "trained"
    assert stages[b.id].stage == "trained" and stages[b.id].off_board is None
    assert stages[c.id].stage == "active"
    assert len(writes) == 1
    assert writes[0]["placements"] == board_json(repo.path)["placements"]
    on_file = {card["organization_id"]: card for card in writes[0]["placements"].values() if card["campaign_id"] == cid}
    assert {key: on_file[key]["stage"] for key in (a.id, b.id, c.id, outsider.id)} == {
        a.id: "trained",
        b.id: "trained",
        c.id: "active",
        outsider.id: "trained",
    }
    assert "off_board" not in on_file[b.id]
    assert len(writes[0]["trainings"]) == 1


@pytest.mark.parametrize("topic", ["", "   "])
def test_a_training_without_a_topic_is_refused_beside_the_topic_and_nothing_is_written(repo, topic):
    target = org(repo, "Casa del Migrante Belén")
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed) as refused:
        repo.record_training(
            {
                "campaign_id": campaign_id(repo),
                "date": "2026-11-21",
                "topic": topic,
                "attendance": [{"organization_id": target.id}],
            }
        )
    assert [path for path, _message in refused.value.problems] == ["topic"]
    assert "needs a topic" in str(refused.value)
    assert on_disk(repo.path) == before


def test_a_board_holding_a_training_recorded_before_topics_were_required_still_opens(repo):
    attended_training(repo, org(repo, "Casa del Migrante Belén").id, campaign_id(repo))
    data = board_json(repo.path)
    key, training = next(iter(data["trainings"].items()))
    data["trainings"][key] = {**training, "topic": ""}
    repo.path.write_bytes(orjson.dumps(data))
    reopened = open_board(repo.path)
    assert [t.topic for t in reopened.trainings() if t.id == training["id"]] == [""]
