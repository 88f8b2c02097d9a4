"""Importing a snapshot: one all-or-nothing write that never merges different records or rewrites history."""

from __future__ import annotations

import orjson
import pytest

from store import Actor, DuplicateError, PermissionDenied, ValidationFailed, permissions
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from tests.boards import fixed_clock, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org, spy_commits


def exported(repo, cid: str | None = None) -> dict:
    return export_snapshot(repo, cid or campaign_id(repo), now=fixed_clock())


def entry_of(snapshot: dict, org_id: str) -> dict:
    return next(e for c in snapshot["columns"] for e in c["organizations"] if e["id"] == org_id)


def refused_import(repo, snapshot: dict) -> ValidationFailed:
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed) as refused:
        import_snapshot(repo, parse_snapshot(orjson.dumps(snapshot), "snap.json"), "snap.json")
    assert on_disk(repo.path) == before
    assert "nothing was imported" in str(refused.value) or "nothing was written" in str(refused.value)
    return refused.value


@pytest.fixture
def writes(monkeypatch) -> list[dict]:
    """Every change written to a board, in order, as the whole board after it."""
    return spy_commits(monkeypatch)


def test_an_import_is_one_write(repo, tmp_path, writes):
    cid = campaign_id(repo)
    target = org(repo, "Casa del Migrante Belén")
    repo.log_visit({"organization_id": target.id, "campaign_id": cid, "date": "2026-11-20", "fit": 4})
    repo.record_training(
        {"campaign_id": cid, "date": "2026-11-21", "topic": "Derechos", "attendance": [{"organization_id": target.id}]}
    )
    data = orjson.dumps(exported(repo))
    copy = open_board(tmp_path / "copy.json", create=True)
    writes.clear()
    import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json")
    assert len(writes) == 1
    written = writes[0]
    assert (len(written["organizations"]), len(written["placements"])) == (3, 3)
    assert (len(written["visits"]), len(written["trainings"])) == (1, 1)
    assert len(written["events"]) == 1 + len(orjson.loads(data)["history"]) + 1  # created, imported history, import


def test_an_import_refused_at_the_end_writes_nothing_at_all(repo, writes):
    cid = campaign_id(repo)
    repo.move(org(repo, "Clínica Jurídica Obrera").id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    snapshot = exported(repo)
    newcomer = {**entry_of(snapshot, org(repo, "Casa del Migrante Belén").id)}
    newcomer.update(id="org-newcomer0000", name="Red Nueva", card={**newcomer["card"], "id": "card-newcomer000"})
    snapshot["columns"][0]["organizations"].append(newcomer)
    snapshot["visits"].append(
        {
            "id": "vis-newcomer0000",
            "organization_id": "org-newcomer0000",
            "campaign_id": cid,
            "date": "2026-11-20",
            "fit": 3,
            "created_at": "2026-11-20T10:00:00Z",
        }
    )
    # Dropping a stage a board card still uses is only found once every record is in place.
    snapshot["campaign"]["stages"] = [s for s in snapshot["campaign"]["stages"] if s["key"] != "active"]
    snapshot["columns"] = [c for c in snapshot["columns"] if c["stage"] != "active"]
    snapshot["history"] = [e for e in snapshot["history"] if e.get("campaign_id")]
    writes.clear()
    refused_import(repo, snapshot)
    assert writes == []
    reopened = open_board(repo.path)
    assert [o.name for o in reopened.search("Red Nueva")] == []
    assert reopened.visits() == []


def test_a_card_id_kept_by_a_changed_organization_id_is_refused(repo):
    snapshot = exported(repo)
    entry = entry_of(snapshot, org(repo, "Casa del Migrante Belén").id)
    entry["id"] = "org-renamed00000"
    snapshot["history"] = []
    problems = refused_import(repo, snapshot).problems
    where = next(w for w, message in problems if "is the card of organization" in message)
    assert where.startswith("columns.0.organizations.") and where.endswith(".card.id")


def test_a_card_id_of_another_campaigns_card_is_refused(repo):
    target = org(repo, "Casa del Migrante Belén")
    other = repo.create_campaign("Frontera 2027")
    elsewhere = repo.place(org(repo, "Clínica Jurídica Obrera").id, other.id)
    snapshot = exported(repo, campaign_id(repo))
    entry_of(snapshot, target.id)["card"]["id"] = elsewhere.id
    problems = refused_import(repo, snapshot).problems
    assert any(f"card {elsewhere.id} is a card of campaign Frontera 2027" in message for _w, message in problems)
    assert open_board(repo.path).placement(elsewhere.organization_id, other.id).id == elsewhere.id


def test_a_campaign_id_of_a_different_campaign_is_refused(repo, tmp_path):
    snapshot = exported(repo)
    snapshot["campaign"]["created_at"] = "2020-01-01T00:00:00Z"
    problems = refused_import(repo, snapshot).problems
    assert problems[0][0] == "campaign.id"


def test_a_second_campaign_with_the_same_name_is_refused(repo):
    snapshot = exported(repo)
    snapshot["campaign"]["id"] = "cmp-another00000"
    for entry in (e for c in snapshot["columns"] for e in c["organizations"]):
        entry["card"]["id"] = entry["card"]["id"] + "x"
    snapshot["history"] = []
    problems = refused_import(repo, snapshot).problems
    assert problems[0][0] == "campaign.name"


def test_an_import_never_rewrites_a_history_event(repo):
    snapshot = exported(repo)
    snapshot["history"][0]["actor"] = "somebody"
    problems = refused_import(repo, snapshot).problems
    assert problems[0][0] == "history.0"
    assert "never rewritten" in problems[0][1]


def test_an_import_never_slips_an_event_into_an_existing_change(repo):
    snapshot = exported(repo)
    forged = {**snapshot["history"][-1], "id": "ev-forged000000", "kind": "organization_edited", "changes": {}}
    snapshot["history"].append(forged)
    problems = refused_import(repo, snapshot).problems
    assert problems[0][0] == f"history.{len(snapshot['history']) - 1}.group"


def test_an_import_asks_for_the_import_permission_not_only_for_loading_many_records(repo, tmp_path, monkeypatch):
    # Trainers may load many records here (no such board exists today): the import entry must still refuse them.
    widened = {**permissions.PERMISSIONS, "bulk_load": permissions.FIELD_WORKERS}
    monkeypatch.setattr(permissions, "PERMISSIONS", widened)
    data = orjson.dumps(exported(repo))
    copy = open_board(tmp_path / "copy.json", create=True)
    copy.set_user("ana", "coordinator")
    copy.set_user("lucia", "trainer")
    before = on_disk(copy.path)
    with pytest.raises(PermissionDenied, match="Not allowed to import: lucia is a trainer"):
        import_snapshot(open_board(copy.path, Actor("lucia")), parse_snapshot(data, "snap.json"), "snap.json")
    assert on_disk(copy.path) == before


def test_an_import_refuses_organizations_like_ones_already_on_the_board(repo, tmp_path):
    data = orjson.dumps(exported(repo))
    other_board = open_board(tmp_path / "other.json", create=True)
    other_board.create_campaign("Frontera norte")
    mine = other_board.add_organization({"name": "Casa del Migrante Belén, A.C.", "place": {"state": "Sonora"}})
    before = on_disk(other_board.path)
    with pytest.raises(DuplicateError) as refused:
        import_snapshot(other_board, parse_snapshot(data, "snap.json"), "snap.json")
    assert "nothing was imported" in str(refused.value)
    assert f"Casa del Migrante Belén, A.C. ({mine.id}, Sonora; on no board)" in str(refused.value)
    assert refused.value.matches == [mine]
    [(where, message)] = refused.value.problems
    assert where.startswith("columns.0.organizations.") and where.endswith(".name")
    assert message.startswith("'Casa del Migrante Belén' is like Casa del Migrante Belén, A.C.")
    assert on_disk(other_board.path) == before
    assert import_snapshot(other_board, parse_snapshot(data, "snap.json"), "snap.json", allow_duplicate=True).added


def test_duplicates_inside_a_snapshot_or_already_on_the_board_are_not_refused_again(repo, tmp_path):
    repo.add_organization({"name": "Casa del Migrante Belén"}, campaign_id=campaign_id(repo), allow_duplicate=True)
    data = orjson.dumps(exported(repo))
    restored = open_board(tmp_path / "restored.json", create=True)
    assert import_snapshot(restored, parse_snapshot(data, "snap.json"), "snap.json").added
    assert not import_snapshot(repo, parse_snapshot(data, "snap.json"), "snap.json").changed
