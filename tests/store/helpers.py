"""Short ways to name the sample board's records in store tests."""

from __future__ import annotations

from store import Organization, Repository


def campaign_id(repo: Repository) -> str:
    campaign = repo.default_campaign()
    assert campaign is not None
    return campaign.id


def org(repo: Repository, name: str) -> Organization:
    return repo.find_organization(name)
