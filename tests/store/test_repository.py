"""Repository operations, one behaviour per test, on real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from store import (
    Actor,
    AmbiguousReferenceError,
    ConflictError,
    NotFoundError,
    NothingToUndo,
    Organization,
    PermissionDenied,
    ValidationFailed,
)
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from tests.boards import COORDINATOR, TODAY, fixed_clock, open_board


@pytest.fixture
def repo(tmp_path: Path):
    repo = open_board(tmp_path / "board.json", create=True)
    campaign = repo.create_campaign("Chiapas 2026")
    for name, state, tags in [
        ("Centro de Derechos Humanos Pénjamo", "Chiapas", ["maquila"]),
        ("Casa del Migrante Belén", "Coahuila", ["frontera"]),
        ("Clínica Jurídica Obrera", "Oaxaca", []),
    ]:
        repo.add_organization(
            {
                "name": name,
                "aliases": [name.split()[0][:2].upper() + "X"],
                "place": {"state": state},
                "tags": tags,
                "workers_reached": {"estimate": 100},
            },
            campaign_id=campaign.id,
        )
    return repo


def campaign_id(repo) -> str:
    return repo.default_campaign().id


def org(repo, name: str) -> Organization:
    return repo.find_organization(name)


# -- models ------------------------------------------------------------------------------


def test_names_are_trimmed_and_must_not_be_empty(repo):
    added = repo.add_organization({"name": "  Red Comunitaria  "})
    assert added.name == "Red Comunitaria"
    with pytest.raises(ValidationFailed) as refused:
        repo.add_organization({"name": "   "})
    assert refused.value.problems[0][0] == "name"


@pytest.mark.parametrize("bad", ["\x1b[31mred", "zero\u200bwidth", "line\u2028break", "private\ue000"])
def test_control_and_format_characters_are_refused_with_their_codes(repo, bad):
    with pytest.raises(ValidationFailed, match="U\\+"):
        repo.add_organization({"name": bad})


@pytest.mark.parametrize("name", ["[bold]x[/]", "[@click=app.quit]x", "R&D [EMEA]", "Colectiva 🌱 Pénjamo"])
def test_markup_looking_names_are_data_and_accepted(repo, name):
    assert repo.add_organization({"name": name}).name == name


def test_notes_may_span_lines(repo):
    assert repo.add_organization({"name": "X", "notes": "line one\nline two"}).notes == "line one\nline two"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "X", "place": {"country": 5}},
        {"name": "X", "workers_reached": {"estimate": "1"}},
        {"name": "X", "workers_reached": {"estimate": -1}},
        {"name": "X", "unknown_field": 1},
        {"name": "X" * 201},
    ],
)
def test_strict_types_and_limits(repo, fields):
    with pytest.raises(ValidationFailed):
        repo.add_organization(fields)


def test_models_refuse_naive_timestamps_and_bad_fit():
    from store.models import Visit

    base = {
        "id": "vis-aaaaaa",
        "organization_id": "org-aaaaaa",
        "campaign_id": "cmp-aaaaaa",
        "date": "2026-01-01",
        "created_at": "2026-01-01T10:00:00Z",
    }
    assert Visit.model_validate({**base, "fit": 3}).fit == 3
    with pytest.raises(ValidationError):
        Visit.model_validate({**base, "fit": 6})
    with pytest.raises(ValidationError):
        Visit.model_validate({**base, "fit": 3, "created_at": "2026-01-01T10:00:00"})


# -- campaigns and organizations ----------------------------------------------------------


def test_duplicate_campaign_names_are_refused(repo):
    with pytest.raises(ValidationFailed, match="already exists"):
        repo.create_campaign("chiapas 2026")


def test_one_organization_in_two_campaigns_at_different_stages(repo):
    second = repo.create_campaign("Frontera 2027")
    target = org(repo, "Casa del Migrante Belén")
    repo.place(target.id, second.id, stage="trained")
    assert repo.placement(target.id, campaign_id(repo)).stage == "contacted"
    assert repo.placement(target.id, second.id).stage == "trained"


def test_find_by_id_name_or_alias_and_ambiguity(repo):
    target = org(repo, "casa del migrante belén")
    assert repo.find_organization(target.id) == target
    assert repo.find_organization("CAX") == target
    repo.add_organization({"name": "Casa Hogar", "aliases": ["CAX"]})
    with pytest.raises(AmbiguousReferenceError):
        repo.find_organization("CAX")


def test_search_ignores_case_and_accents_over_name_alias_place_and_tags(repo):
    assert [o.name for o in repo.search("penjamo")] == ["Centro de Derechos Humanos Pénjamo"]
    assert [o.name for o in repo.search("COAHUILA")] == ["Casa del Migrante Belén"]
    assert [o.name for o in repo.search("maquila")] == ["Centro de Derechos Humanos Pénjamo"]


def test_a_stale_edit_is_refused_naming_who_changed_it(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    other = open_board(repo.path, Actor("luis", "Luisa"))
    other.update_organization(target.id, {"notes": "newer"}, expected_version=target.version)
    with pytest.raises(ConflictError) as refused:
        repo.update_organization(target.id, {"notes": "older"}, expected_version=target.version)
    assert refused.value.changed_by == "Luisa via luis"
    assert "Luisa via luis" in str(refused.value)
    assert open_board(repo.path).organization(target.id).notes == "newer"


def test_archived_organizations_leave_the_board_and_stay_findable(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    repo.archive_organization(target.id, reason="merged")
    board = repo.board(campaign_id(repo))
    assert target.id not in {c.id for col in board.columns for c in col.cards}
    assert repo.find_organization(target.id).archived
    repo.unarchive_organization(target.id)
    assert not repo.organization(target.id).archived


# -- cards ---------------------------------------------------------------------------------


def test_move_by_key_or_label_with_history(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    placement = repo.move(target.id, "Active partner", campaign_id=campaign_id(repo), expected_version=1)
    assert placement.stage == "active" and placement.version == 2
    event = repo.history(organization_id=target.id, limit=1)[0]
    assert (event.kind, event.from_stage, event.to_stage, event.actor) == ("moved", "contacted", "active", "ana")


def test_unknown_stage_lists_the_stages(repo):
    with pytest.raises(NotFoundError, match="contacted \\(Contacted\\)"):
        repo.move(org(repo, "Clínica Jurídica Obrera").id, "done", campaign_id=campaign_id(repo))


def test_off_board_needs_a_reason_blocks_moves_and_restores(repo):
    target = org(repo, "Casa del Migrante Belén")
    cid = campaign_id(repo)
    with pytest.raises(ValidationFailed):
        repo.set_off_board(target.id, campaign_id=cid, state="paused", reason=" ")
    repo.set_off_board(target.id, campaign_id=cid, state="paused", reason="Funding gap")
    assert [c.id for c in repo.board(cid).off_board] == [target.id]
    with pytest.raises(ValidationFailed, match="off the board"):
        repo.move(target.id, "trained", campaign_id=cid)
    assert repo.restore(target.id, campaign_id=cid).stage == "contacted"
    assert repo.board(cid).off_board == []


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


def test_a_training_moves_every_attendee_in_one_write_and_keeps_active_partners(repo):
    cid = campaign_id(repo)
    a, b, c = (
        org(repo, n)
        for n in ["Centro de Derechos Humanos Pénjamo", "Casa del Migrante Belén", "Clínica Jurídica Obrera"]
    )
    repo.move(c.id, "active", campaign_id=cid)
    outsider = repo.add_organization({"name": "Red Mujeres"})
    repo.set_off_board(b.id, campaign_id=cid, state="paused", reason="later")
    stamp = repo.path.stat().st_mtime_ns
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


def test_follow_ups_are_due_or_overdue_soonest_first(repo):
    cid = campaign_id(repo)
    names = ["Centro de Derechos Humanos Pénjamo", "Casa del Migrante Belén", "Clínica Jurídica Obrera"]
    for name, due in zip(names, [date(2026, 11, 30), date(2026, 11, 1), date(2027, 3, 1)], strict=False):
        repo.edit_card(org(repo, name).id, campaign_id=cid, changes={"next_follow_up": due})
    due = repo.follow_ups(cid, today=TODAY)
    assert [c.organization.name for c in due] == ["Casa del Migrante Belén", "Centro de Derechos Humanos Pénjamo"]


# -- undo ----------------------------------------------------------------------------------


def test_undo_goes_back_one_change_at_a_time(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid)
    repo.move(target.id, "active", campaign_id=cid)
    repo.undo()
    assert repo.placement(target.id, cid).stage == "trained"
    repo.undo()
    assert repo.placement(target.id, cid).stage == "contacted"


def test_undo_is_refused_when_someone_changed_the_card_since(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid)
    open_board(repo.path, Actor("luis")).move(target.id, "active", campaign_id=cid)
    with pytest.raises(ConflictError, match="luis"):
        repo.undo()
    assert open_board(repo.path).placement(target.id, cid).stage == "active"


def test_undo_never_touches_another_users_change(repo):
    luis = open_board(repo.path, Actor("luis"))
    with pytest.raises(NothingToUndo):
        luis.undo()


# -- roles ---------------------------------------------------------------------------------


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


# -- snapshots -------------------------------------------------------------------------------


def test_snapshot_round_trip_and_idempotent_import(repo, tmp_path):
    cid = campaign_id(repo)
    repo.add_organization({"name": "[bold]x[/] 🌱 Pénjamo R&D [EMEA]"}, campaign_id=cid)
    first = export_snapshot(repo, cid, now=fixed_clock())
    data = orjson.dumps(first)
    copy = open_board(tmp_path / "copy.json", create=True)
    result = import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json")
    assert result.changed
    second = export_snapshot(copy, cid, now=fixed_clock())
    for key in ("exported_at", "exported_by"):
        first.pop(key), second.pop(key)
    assert first == second
    before = copy.path.read_bytes()
    assert not import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json").changed
    assert copy.path.read_bytes() == before
    assert copy.find_organization("[bold]x[/] 🌱 Pénjamo R&D [EMEA]")


def test_a_newer_snapshot_is_refused(repo):
    data = orjson.dumps({**export_snapshot(repo, campaign_id(repo), now=fixed_clock()), "schema_version": 2})
    with pytest.raises(ValidationFailed, match="newer"):
        parse_snapshot(data, "snap.json")


def test_demo_is_deterministic(tmp_path):
    from tests.boards import demo_board

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = demo_board(tmp_path / "a", organizations=50, seed=9)
    two = demo_board(tmp_path / "b", organizations=50, seed=9)
    boards = [r.board(r.default_campaign().id) for r in (one, two)]
    assert [[c.organization.name for c in col.cards] for col in boards[0].columns] == [
        [c.organization.name for c in col.cards] for col in boards[1].columns
    ]
    assert all(col.cards for col in boards[0].columns)
    assert len(one.history()) >= 2 * 50 and one.trainings() and one.visits()


def test_the_actor_is_the_accounts_login_not_user(monkeypatch):
    import pwd

    from store import current_actor

    monkeypatch.setenv("USER", "somebody-else")
    monkeypatch.setenv("OUTREACH_TUI_USER", "ana")
    actor = current_actor()
    assert actor.login == pwd.getpwuid(__import__("os").getuid()).pw_name
    assert actor.label() == f"ana via {actor.login}"
    assert COORDINATOR.label() == "ana"


def test_a_snapshot_with_an_archived_organization_that_was_trained_restores_into_a_new_file(repo, tmp_path):
    cid = campaign_id(repo)
    trained = org(repo, "Clínica Jurídica Obrera")
    repo.record_training({"campaign_id": cid, "date": "2026-11-21", "attendance": [{"organization_id": trained.id}]})
    repo.log_visit({"organization_id": trained.id, "campaign_id": cid, "date": "2026-11-22", "fit": 2})
    repo.archive_organization(trained.id, reason="merged into another group")
    first = export_snapshot(repo, cid, now=fixed_clock())
    assert [entry["id"] for entry in first["archived"]] == [trained.id]
    copy = open_board(tmp_path / "restored.json", create=True)
    import_snapshot(copy, parse_snapshot(orjson.dumps(first), "snap.json"), "snap.json")
    assert copy.organization(trained.id).archived
    assert trained.id not in {c.id for col in copy.board(cid).columns for c in col.cards}
    second = export_snapshot(copy, cid, now=fixed_clock())
    for key in ("exported_at", "exported_by"):
        first.pop(key), second.pop(key)
    assert first == second
