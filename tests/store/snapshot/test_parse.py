"""Reading a snapshot: what it must hold on its own, each refusal with its position."""

from __future__ import annotations

import orjson
import pytest

from store import ValidationFailed
from store.snapshot import export_snapshot, parse_snapshot
from tests.boards import fixed_clock
from tests.store.helpers import campaign_id


def refusal(snapshot: dict) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        parse_snapshot(orjson.dumps(snapshot), "snap.json")
    assert "nothing was imported" in str(refused.value)
    return refused.value


def exported(repo) -> dict:
    return export_snapshot(repo, campaign_id(repo), now=fixed_clock())


def test_two_organizations_with_one_card_id_are_refused(repo):
    snapshot = exported(repo)
    first, second = snapshot["columns"][0]["organizations"][:2]
    second["card"]["id"] = first["card"]["id"]
    problems = refusal(snapshot).problems
    assert (
        "columns.0.organizations.1.card.id",
        f"card {first['card']['id']} is listed for two organizations",
    ) in problems


def test_a_card_in_an_unknown_stage_is_refused(repo):
    snapshot = exported(repo)
    snapshot["columns"][0]["organizations"][0]["card"]["stage"] = "signed"
    assert ("columns.0.organizations.0.card.stage", "stage 'signed' is not a stage of the campaign") in refusal(
        snapshot
    ).problems


def test_an_organization_listed_twice_is_refused(repo):
    snapshot = exported(repo)
    column = snapshot["columns"][0]["organizations"]
    twin = {**column[0], "card": {**column[0]["card"], "id": "card-twin000000"}}
    column.append(twin)
    assert any(where == "columns.0.organizations.3.id" for where, _message in refusal(snapshot).problems)


def test_history_about_other_campaigns_or_organizations_is_refused(repo):
    snapshot = exported(repo)
    snapshot["history"][-1]["campaign_id"] = "cmp-elsewhere00"
    last = len(snapshot["history"]) - 1
    assert (f"history.{last}", "is not about this campaign or its organizations") in refusal(snapshot).problems


def test_a_card_version_beyond_what_a_board_stores_is_refused(repo):
    snapshot = exported(repo)
    snapshot["columns"][0]["organizations"][0]["card"]["version"] = 2**64 - 1
    problems = refusal(snapshot).problems
    assert problems[0][0] == "columns.0.organizations.0.card.version"
