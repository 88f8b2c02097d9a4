"""Snapshots: export, parse and import."""

from __future__ import annotations

import orjson
import pytest

from store import Actor, PermissionDenied, ValidationFailed
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from store.snapshot.format import SNAPSHOT_VERSION
from tests.boards import fixed_clock, on_disk, open_board
from tests.store.helpers import campaign_id, org


def test_snapshot_round_trip_and_idempotent_import(repo, tmp_path):
    cid = campaign_id(repo)
    repo.add_organization({"name": "[bold]x[/] 🌱 Pénjamo R&D [EMEA]"}, campaign_id=cid)
    first = export_snapshot(repo, cid, now=fixed_clock())
    data = orjson.dumps(first)
    copy = open_board(tmp_path / "copy.json", create=True)
    result = import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json")
    assert result.changed
    second = export_snapshot(copy, cid, now=fixed_clock())
    for key in ("exported_at", "exported_by", "history_head"):  # each board has its own history head
        first.pop(key), second.pop(key)
    assert first == second
    before = on_disk(copy.path)
    assert not import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json").changed
    assert on_disk(copy.path) == before
    assert copy.find_organization("[bold]x[/] 🌱 Pénjamo R&D [EMEA]")


def test_a_snapshot_keeps_the_stage_labels_of_every_language(repo):
    snapshot = export_snapshot(repo, campaign_id(repo), now=fixed_clock())
    assert snapshot["schema_version"] == SNAPSHOT_VERSION == 4
    assert snapshot["campaign"]["stages"][1] == {"key": "trained", "label": "Trained", "labels": {"es": "Capacitada"}}
    assert [column["labels"] for column in snapshot["columns"]] == [
        {"es": "Contactada"},
        {"es": "Capacitada"},
        {"es": "Aliada activa"},
    ]


def test_a_version_1_snapshot_is_read_with_spanish_labels_on_its_default_stages(repo):
    """Version 1 wrote each stage with its English label only."""
    snapshot = export_snapshot(repo, campaign_id(repo), now=fixed_clock())
    snapshot["schema_version"] = 1
    for stage in [*snapshot["campaign"]["stages"], *snapshot["columns"]]:
        del stage["labels"]
    snapshot["campaign"]["stages"][2]["label"] = snapshot["columns"][2]["label"] = "Aliadas"
    parsed = parse_snapshot(orjson.dumps(snapshot), "old.json")
    assert [stage.labels for stage in parsed.campaign.stages] == [{"es": "Contactada"}, {"es": "Capacitada"}, {}]
    assert [column.labels for column in parsed.columns] == [{"es": "Contactada"}, {"es": "Capacitada"}, {}]


def test_reimporting_a_version_1_snapshot_of_a_board_changes_nothing(repo):
    snapshot = export_snapshot(repo, campaign_id(repo), now=fixed_clock())
    snapshot["schema_version"] = 1
    for stage in [*snapshot["campaign"]["stages"], *snapshot["columns"]]:
        del stage["labels"]
    before = on_disk(repo.path)
    assert not import_snapshot(repo, parse_snapshot(orjson.dumps(snapshot), "old.json"), "old.json").changed
    assert on_disk(repo.path) == before


def test_a_newer_snapshot_is_refused(repo):
    data = orjson.dumps(
        {**export_snapshot(repo, campaign_id(repo), now=fixed_clock()), "schema_version": SNAPSHOT_VERSION + 1}
    )
    with pytest.raises(ValidationFailed, match="newer"):
        parse_snapshot(data, "snap.json")


def test_a_snapshot_with_an_archived_organization_that_was_trained_restores_into_a_new_file(repo, tmp_path):
    cid = campaign_id(repo)
    trained = org(repo, "Clínica Jurídica Obrera")
    repo.record_training(
        {"campaign_id": cid, "date": "2026-11-21", "topic": "Derechos", "attendance": [{"organization_id": trained.id}]}
    )
    repo.log_visit({"organization_id": trained.id, "campaign_id": cid, "date": "2026-11-22", "fit": 2})
    repo.archive_organization(trained.id, reason="merged into another group")
    first = export_snapshot(repo, cid, now=fixed_clock())
    assert [entry["id"] for entry in first["archived"]] == [trained.id]
    copy = open_board(tmp_path / "restored.json", create=True)
    import_snapshot(copy, parse_snapshot(orjson.dumps(first), "snap.json"), "snap.json")
    assert copy.organization(trained.id).archived
    assert trained.id not in {c.id for col in copy.board(cid).columns for c in col.cards}
    second = export_snapshot(copy, cid, now=fixed_clock())
    for key in ("exported_at", "exported_by", "history_head"):  # each board has its own history head
        first.pop(key), second.pop(key)
    assert first == second


def test_only_a_coordinator_may_import(repo, tmp_path):
    data = orjson.dumps(export_snapshot(repo, campaign_id(repo), now=fixed_clock()))
    copy = open_board(tmp_path / "copy.json", create=True)
    copy.set_user("ana", "coordinator")
    copy.set_user("lucia", "trainer")
    before = on_disk(copy.path)
    for login in ("lucia", "guest"):
        with pytest.raises(PermissionDenied, match=f"Not allowed to load many records at once: {login} is"):
            import_snapshot(open_board(copy.path, Actor(login)), parse_snapshot(data, "snap.json"), "snap.json")
    assert on_disk(copy.path) == before


def test_an_imported_card_with_a_new_id_replaces_the_boards_card_of_that_organization(repo):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    old_card = repo.placement(target.id, cid)
    snapshot = export_snapshot(repo, cid, now=fixed_clock())
    for column in snapshot["columns"]:
        for entry in column["organizations"]:
            if entry["id"] == target.id:
                entry["card"]["id"] = "card-fromsnapshot"
    import_snapshot(repo, parse_snapshot(orjson.dumps(snapshot), "snap.json"), "snap.json")
    reopened = open_board(repo.path)
    assert [card.id for card in reopened.placements_of(target.id)] == ["card-fromsnapshot"]
    assert reopened.placement(target.id, cid).id != old_card.id
