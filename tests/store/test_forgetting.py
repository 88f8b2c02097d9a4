"""Forgetting an organization's contacts leaves no contact value anywhere in the board file, history
included, keeps its stages, counts and dates, and leaves a history that still checks whole."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, main
from store import Actor, PermissionDenied
from store.chain import FORGOTTEN
from tests.boards import TODAY, demo_board, fixed_clock, on_disk, open_board

NAME, PHONE, EMAIL = "Xóchitl Quetzalli Ramírez", "+52 961 555 0199", "xquetzalli@ejemplo.org.mx"
OLD_NAME, OLD_PHONE = "Teodoro Ixchel Balam", "+52 961 555 0123"
MET = "Nicté Ha Pérez"
VALUES = (NAME, PHONE, EMAIL, OLD_NAME, OLD_PHONE, MET)


@pytest.fixture
def repo(tmp_path: Path):
    repo = demo_board(tmp_path)
    campaign = repo.default_campaign()
    org = repo.add_organization(
        {"name": "Centro Fray Bartolomé", "contacts": [{"name": OLD_NAME, "phone": OLD_PHONE}]}, campaign_id=campaign.id
    )
    org = repo.update_organization(
        org.id,
        {
            "contacts": [{"name": NAME, "role": "coordinadora", "phone": PHONE, "email": EMAIL}],
            "notes": f"Call {NAME} before visiting.",
        },
    )
    repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            "date": TODAY,
            "fit": 4,
            "people_met": [MET],
            "findings": f"{MET} runs the legal clinic.",
        }
    )
    return repo


def org_of(repo):
    return repo.find_organization("Centro Fray Bartolomé")


def test_no_contact_value_is_left_anywhere_in_the_file(repo):
    before = on_disk(repo.path)  # the board file and its journal
    assert all(value.encode() in before for value in VALUES)
    event = repo.forget_contacts(org_of(repo).id)
    assert event is not None and event.kind == FORGOTTEN
    data = repo.path.read_bytes()
    for value in VALUES:
        assert value.encode() not in data, value
        assert json.dumps(value).encode() not in data
    for path in repo.path.parent.iterdir():  # a journal, a temp file: nothing beside the board keeps them
        if path.is_file() and path != repo.path:
            assert all(value.encode() not in path.read_bytes() for value in VALUES), path


def test_stages_counts_and_dates_stay_and_the_forgetting_is_in_the_history(repo):
    org = org_of(repo)
    campaign = repo.default_campaign()
    card = repo.placement(org.id, campaign.id)
    repo.forget_contacts(org.id)
    reopened = open_board(repo.path)
    after = reopened.find_organization(org.id)
    assert after.contacts == [] and after.name == org.name and after.created_at == org.created_at
    assert after.version == org.version + 1
    kept = reopened.placement(org.id, campaign.id)
    assert (kept.stage, kept.stage_since) == (card.stage, card.stage_since)
    visit = reopened.visits(organization_id=org.id)[0]
    assert visit.people_met == [] and visit.fit == 4 and visit.date == TODAY
    newest = reopened.history(organization_id=org.id, limit=1)[0]
    assert reopened.describe(newest) == "forgot the staff contacts of Centro Fray Bartolomé (1 contact)"


def test_the_rewritten_history_checks_whole_and_a_later_edit_of_it_does_not(repo, capsys):
    repo.forget_contacts(org_of(repo).id)
    assert open_board(repo.path).history_check().problems == []
    assert main(["--db", str(repo.path), "check"]) == EXIT_OK
    document = json.loads(repo.path.read_text(encoding="utf-8"))
    forgot = next(e for e in document["events"].values() if e["kind"] == FORGOTTEN)
    rewritten_id = forgot["changes"]["rewritten"][1][0][0]
    edited = next(e for e in document["events"].values() if e["id"] == rewritten_id)
    edited["reason"] = "edited after the forgetting"
    repo.path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert [p.kind for p in open_board(repo.path).history_check().problems] == ["break"]


def test_forgetting_cannot_be_undone_and_holds_nothing_twice(repo):
    org = org_of(repo)
    repo.forget_contacts(org.id)
    assert repo.forget_contacts(org.id) is None
    repo.undo()
    assert repo.find_organization(org.id).contacts == []
    assert all(value.encode() not in repo.path.read_bytes() for value in VALUES)


def test_only_a_coordinator_forgets(repo):
    repo.set_user(repo.actor.login, "coordinator")
    repo.set_user("lucia", "trainer")
    with pytest.raises(PermissionDenied):
        open_board(repo.path, Actor("lucia")).forget_contacts(org_of(repo).id)


def test_the_retention_lists_organizations_that_left_long_ago_and_expired_clears_them(repo, capsys, monkeypatch):
    org = org_of(repo)
    repo.archive_organization(org.id)
    repo.set_contact_retention(30)
    assert repo.expired_contacts(fixed_clock() + timedelta(days=10)) == []
    later = fixed_clock() + timedelta(days=31)
    assert [item.organization.id for item in repo.expired_contacts(later) if item.archived] == [org.id]
    for module in ("store.reading", "store.protection"):
        monkeypatch.setattr(f"{module}.utc_now", lambda: later)
    assert main(["--db", str(repo.path), "check"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "1 organization keeps staff contacts longer than the board's retention of 30 days:" in out
    assert "Centro Fray Bartolomé (archived since" in out
    assert main(["--db", str(repo.path), "org", "forget-contacts", "--expired"]) == EXIT_OK
    assert all(value.encode() not in repo.path.read_bytes() for value in VALUES)
    assert open_board(repo.path).expired_contacts(later) == []
