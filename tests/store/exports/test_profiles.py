"""Export profiles in the store: who may write which, what the partner and funder profiles leave out,
small counts suppressed, the history event, and partner or funder files refused as backups."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from store import Actor, PermissionDenied, Repository, ValidationFailed
from store.exports import default_profile, funder_document, partner_document, profile_action
from store.exports.funder import WITHHELD
from store.i18n import set_language
from store.reports.suppression import HIDDEN
from store.snapshot import export_snapshot, parse_snapshot
from tests.boards import demo_board, open_board

NOW = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)


@pytest.fixture
def demo(tmp_path: Path) -> Repository:
    repo = demo_board(tmp_path, organizations=30)
    repo.set_user("ana", "coordinator")
    repo.set_user("tina", "trainer")
    return repo


def as_user(repo: Repository, login: str) -> Repository:
    return open_board(repo.path, Actor(login=login))


def all_text(document: dict) -> str:
    return orjson.dumps(document).decode()


@pytest.mark.parametrize(("login", "allowed"), [("ana", True), ("tina", False), ("stranger", False)])
def test_only_coordinators_may_export_the_full_snapshot(demo, login, allowed):
    repo = as_user(demo, login)
    assert repo.can(profile_action("full")) is allowed
    assert repo.can(profile_action("partner")) and repo.can(profile_action("funder"))
    if not allowed:
        with pytest.raises(PermissionDenied, match="Not allowed to export a full snapshot"):
            repo.require(profile_action("full"))
        with pytest.raises(PermissionDenied):
            repo.record_export(repo.default_campaign().id, "full", 3, "x.json")


def test_the_default_profile_is_full_for_coordinators_and_partner_for_others():
    assert [default_profile(role) for role in ("coordinator", "trainer", "viewer")] == ["full", "partner", "partner"]


SECRETS = (
    "+52 961 555 0101",
    "lucia@example.org",
    "asked not to be named",
    "met the organizer at night",
    "Lucía Pérez",
)


def with_private_details(repo: Repository) -> str:
    """The campaign id, after one organization got a staff contact and notes and a visit with findings."""
    campaign_id = repo.default_campaign().id
    org = repo.board(campaign_id).columns[0].cards[0].organization
    contact = {"name": "Lucía Pérez", "role": "abogada", "phone": SECRETS[0], "email": SECRETS[1]}
    repo.update_organization(org.id, {"contacts": [contact], "notes": SECRETS[2]}, expected_version=org.version)
    repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign_id,
            "date": "2026-11-20",
            "fit": 4,
            "findings": SECRETS[3],
            "people_met": ["Lucía Pérez"],
        }
    )
    return campaign_id


def test_the_partner_document_has_no_contacts_notes_or_findings(demo):
    campaign_id = with_private_details(demo)
    assert all(secret in all_text(export_snapshot(demo, campaign_id, now=NOW)) for secret in SECRETS)
    document = partner_document(demo, campaign_id, now=NOW)
    text = all_text(document)
    assert not [secret for secret in SECRETS if secret in text]
    listed = [org for column in document["columns"] for org in column["organizations"]]
    assert len(listed) == sum(len(column.cards) for column in demo.board(campaign_id).columns)
    assert not {"contacts", "notes", "education_note", "visits", "history"} & (set(listed[0]) | set(document))
    assert {"name", "type", "place", "legal_capacity", "outreach_capacity", "stage"} <= set(listed[0])


def test_the_funder_document_names_no_organization_and_suppresses_small_counts(demo):
    campaign_id = demo.default_campaign().id
    document = funder_document(demo, with_private_details(demo), now=NOW)
    text = all_text(document)
    assert not [secret for secret in SECRETS if secret in text]
    for org in demo.organizations(include_archived=True):
        assert orjson.dumps(org.name).decode() not in text
        assert org.id not in text
    report = demo.report(campaign_id, today=NOW.date())
    for figures, row in zip(report.stages, document["stages"], strict=True):
        if 0 < figures.count < 3:
            assert row["organizations"] == HIDDEN and row["workers"] == WITHHELD
        elif isinstance(row["organizations"], int):
            assert row["organizations"] == figures.count
    counts = [row["organizations"] for row in document["stages"]] + list(document["off_board"].values())
    # One hidden count alone would come back from the total: a second one is hidden with it.
    assert counts.count(HIDDEN) != 1


def test_an_export_is_recorded_in_the_history_in_both_languages(demo):
    repo = as_user(demo, "tina")
    campaign = repo.default_campaign()
    event = repo.record_export(campaign.id, "partner", 28, "aliadas.csv")
    assert (event.kind, event.actor, event.campaign_id) == ("exported", "tina", campaign.id)
    assert event.changes == {"profile": [None, "partner"], "records": [0, 28]}
    assert repo.describe(event) == f"exported {campaign.name} (partner profile) to aliadas.csv: 28 organizations"
    set_language("es")
    assert repo.describe(event) == (
        f"exportó {campaign.name} (perfil para organizaciones aliadas) a aliadas.csv: 28 organizaciones"
    )


def test_undo_goes_past_an_export(demo):
    campaign_id = demo.default_campaign().id
    org = demo.board(campaign_id).columns[0].cards[0].organization
    demo.update_organization(org.id, {"notes": "changed"}, expected_version=org.version)
    demo.record_export(campaign_id, "full", 30, "backup.json")
    demo.undo()
    assert demo.organization(org.id).notes == org.notes


@pytest.mark.parametrize("profile", ["partner", "funder"])
def test_a_partner_or_funder_export_is_refused_as_a_backup(demo, profile):
    build = partner_document if profile == "partner" else funder_document
    data = orjson.dumps(build(demo, demo.default_campaign().id, now=NOW))
    with pytest.raises(ValidationFailed, match=r"cannot restore a board\. Import a full snapshot instead"):
        parse_snapshot(data, f"{profile}.json")


def test_the_full_snapshot_still_reads_back(demo):
    document = export_snapshot(demo, demo.default_campaign().id, now=NOW)
    assert document["profile"] == "full"
    assert parse_snapshot(orjson.dumps(document), "full.json").profile == "full"
