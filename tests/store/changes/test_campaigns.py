"""Creating and changing campaigns."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, ValidationFailed
from tests.boards import on_disk, open_board


def test_duplicate_campaign_names_are_refused(repo):
    with pytest.raises(ValidationFailed, match="already exists"):
        repo.create_campaign("chiapas 2026")


def test_a_stale_campaign_edit_is_refused_naming_who_changed_it(repo):
    campaign = repo.default_campaign()
    other = open_board(repo.path, Actor("luis"))
    edited = other.edit_campaign(campaign.id, {"name": "Chiapas 2027"}, expected_version=campaign.version)
    assert edited.version == campaign.version + 1
    before = on_disk(repo.path)
    with pytest.raises(ConflictError, match="luis"):
        repo.edit_campaign(campaign.id, {"name": "Chiapas 2028"}, expected_version=campaign.version)
    assert on_disk(repo.path) == before
    assert open_board(repo.path).campaign(campaign.id).name == "Chiapas 2027"


def test_renaming_a_campaign_to_another_campaigns_name_is_refused(repo):
    planned = repo.create_campaign("Oaxaca 2027", status="planning")
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match="already exists"):
        repo.edit_campaign(planned.id, {"name": "chiapas 2026"})
    assert on_disk(repo.path) == before
    assert repo.edit_campaign(planned.id, {"name": "OAXACA 2027"}).name == "OAXACA 2027"  # its own name, recased
