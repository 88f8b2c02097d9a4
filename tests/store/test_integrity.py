"""The program never writes a file it would refuse to open, and opening refuses what writing would."""

from __future__ import annotations

import orjson
import pytest

from store import Actor, ConflictError, Repository, StoreFileError, ValidationFailed
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from tests.boards import board_json, fixed_clock, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


def edited_file(repo: Repository, edit) -> bytes:
    """The board file's bytes after ``edit`` changed its JSON document in place."""
    document = board_json(repo.path)
    edit(document)
    data = orjson.dumps(document)
    repo.path.write_bytes(data)
    return data


def test_an_import_that_drops_a_stage_cards_still_use_is_refused_and_the_board_still_opens(repo):
    cid = campaign_id(repo)
    repo.move(org(repo, "Clínica Jurídica Obrera").id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    snapshot = export_snapshot(repo, cid, now=fixed_clock())
    snapshot["campaign"]["stages"] = [s for s in snapshot["campaign"]["stages"] if s["key"] != "active"]
    snapshot["campaign"]["active_stage"] = "trained"
    snapshot["columns"] = [c for c in snapshot["columns"] if c["stage"] != "active"]
    # The organization is no longer listed: its own events leave the snapshot with it.
    dropped = org(repo, "Clínica Jurídica Obrera").id
    snapshot["history"] = [e for e in snapshot["history"] if e.get("campaign_id") or e["organization_id"] != dropped]
    parsed = parse_snapshot(orjson.dumps(snapshot), "snap.json")
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="stage 'active', which campaign Chiapas 2026 does not have"):
        import_snapshot(repo, parsed, "snap.json")
    assert on_disk(repo.path) == before
    assert open_board(repo.path).placement(org(repo, "Clínica Jurídica Obrera").id, cid).stage == "active"


def test_undoing_a_campaign_that_a_visit_names_is_refused(repo):
    campaign = repo.create_campaign("Frontera 2027")
    luis = open_board(repo.path, Actor("luis"))
    luis.log_visit(
        {
            "organization_id": org(repo, "Casa del Migrante Belén").id,
            "campaign_id": campaign.id,
            "date": "2026-11-20",
            "fit": 3,
        }
    )
    with pytest.raises(ConflictError, match="Cannot undo adding Frontera 2027"):
        repo.undo()
    open_board(repo.path).campaign(campaign.id)


def test_a_visit_to_a_missing_organization_makes_the_file_refused(repo):
    cid = campaign_id(repo)
    repo.log_visit(
        {"organization_id": org(repo, "Casa del Migrante Belén").id, "campaign_id": cid, "date": "2026-11-20", "fit": 3}
    )

    def orphan(document):
        for visit in document["visits"].values():
            visit["organization_id"] = "org-gone000000"

    data = edited_file(repo, orphan)
    with pytest.raises(StoreFileError, match=r"visits/vis-\w+: refers to organization org-gone000000"):
        open_board(repo.path)
    assert repo.path.read_bytes() == data


def test_two_cards_for_one_organization_in_one_campaign_make_the_file_refused(repo):
    def second_card(document):
        first = next(iter(document["placements"].values()))
        document["placements"]["99"] = {**first, "id": "card-second0000"}

    data = edited_file(repo, second_card)
    with pytest.raises(StoreFileError, match="placements/card-second0000: is a second card of organization"):
        open_board(repo.path)
    assert repo.path.read_bytes() == data


def test_a_training_of_a_missing_campaign_makes_the_file_refused(repo):
    cid = campaign_id(repo)
    repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-11-21",
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": org(repo, "Casa del Migrante Belén").id}],
        }
    )

    def orphan(document):
        for training in document["trainings"].values():
            training["campaign_id"] = "cmp-gone000000"

    edited_file(repo, orphan)
    with pytest.raises(StoreFileError, match=r"trainings/trn-\w+: refers to campaign cmp-gone000000"):
        open_board(repo.path)


def test_a_change_that_puts_a_card_in_a_stage_its_campaign_lacks_writes_nothing(repo):
    card = repo.placement(org(repo, "Casa del Migrante Belén").id, campaign_id(repo))
    before = on_disk(repo.path)
    with (
        pytest.raises(ValidationFailed, match="stage 'signed', which campaign Chiapas 2026 does not have"),
        repo.bulk() as tx,
    ):
        tx.put("placements", card.model_copy(update={"stage": "signed"}))
    assert on_disk(repo.path) == before


def test_a_change_that_adds_a_second_card_for_an_organization_writes_nothing(repo):
    card = repo.placement(org(repo, "Casa del Migrante Belén").id, campaign_id(repo))
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="is a second card of organization"), repo.bulk() as tx:
        tx.put("placements", card.model_copy(update={"id": "card-second0000"}))
    assert on_disk(repo.path) == before


def test_a_change_that_records_a_visit_to_a_missing_organization_writes_nothing(repo):
    repo.log_visit(
        {
            "organization_id": org(repo, "Casa del Migrante Belén").id,
            "campaign_id": campaign_id(repo),
            "date": "2026-11-20",
            "fit": 3,
        }
    )
    visit = repo.visits()[0]
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="refers to organization org-gone000000"), repo.bulk() as tx:
        tx.put("visits", visit.model_copy(update={"organization_id": "org-gone000000"}))
    assert on_disk(repo.path) == before


def test_deleting_an_organization_that_still_has_a_card_writes_nothing(repo):
    gone = org(repo, "Clínica Jurídica Obrera").id
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="refers to organization " + gone), repo.bulk() as tx:
        tx.delete("organizations", gone)
    assert on_disk(repo.path) == before


def test_a_move_checks_the_moved_card_not_every_table(repo, monkeypatch):
    import store.integrity

    whole_checks = []
    monkeypatch.setattr(store.integrity, "_card_problems", lambda doc: whole_checks.append(doc) or [])
    repo.move(org(repo, "Casa del Migrante Belén").id, "trained", campaign_id=campaign_id(repo), **WITHOUT_TRAINING)
    assert whole_checks == []
    assert (
        open_board(repo.path).placement(org(repo, "Casa del Migrante Belén").id, campaign_id(repo)).stage == "trained"
    )
