"""Everything the details screen shows about one organization, read from the repository.

App-side code: the screen itself never reads the store, so the app can rebuild this
when another session changes the file and hand the screen the new copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from store import Campaign, NotFoundError, Organization, Placement, Repository, Training, Visit, describe_event

HISTORY_LIMIT = 300
"""Newest history entries shown: enough for any real organization, bounded for a pathological one."""


@dataclass(frozen=True)
class CampaignCard:
    """The organization's card on one campaign's board."""

    campaign_name: str
    stage_label: str
    placement: Placement


@dataclass(frozen=True)
class AttendedTraining:
    training: Training
    attendees: int
    campaign_name: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    """Who made the change (``actor_label``: "maria via ana" on a shared account)."""
    description: str


@dataclass(frozen=True)
class OrganizationDetails:
    organization: Organization
    campaign: Campaign | None
    """The campaign the board shows."""
    card: Placement | None
    """The organization's card on that campaign's board, if it has one."""
    stage_label: str
    placements: list[CampaignCard] = field(default_factory=list)
    """Its cards in every campaign, the current one included."""
    visits: list[Visit] = field(default_factory=list)
    trainings: list[AttendedTraining] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    """Newest first, at most ``HISTORY_LIMIT``."""
    history_total: int = 0
    campaign_names: dict[str, str] = field(default_factory=dict)


def load_details(repo: Repository, org_id: str, campaign_id: str | None) -> OrganizationDetails:
    """Raises NotFoundError when the organization no longer exists."""
    organization = repo.organization(org_id)
    campaigns = {c.id: c for c in repo.campaigns()}
    names = {c.id: c.name for c in campaigns.values()}
    campaign = campaigns.get(campaign_id) if campaign_id else None
    card = None
    if campaign is not None:
        try:
            card = repo.placement(org_id, campaign.id)
        except NotFoundError:
            card = None

    def stage_label(campaign_of: Campaign | None, key: str) -> str:
        stage = campaign_of.stage(key) if campaign_of else None
        return stage.label if stage else key

    placements = sorted(
        (
            CampaignCard(names.get(p.campaign_id, p.campaign_id), stage_label(campaigns.get(p.campaign_id), p.stage), p)
            for p in repo.placements_of(org_id)
        ),
        key=lambda item: (item.placement.campaign_id != campaign_id, item.campaign_name),
    )
    trainings = [
        AttendedTraining(
            training,
            next((a.attendees for a in training.attendance if a.organization_id == org_id), 0),
            names.get(training.campaign_id, training.campaign_id),
        )
        for training in repo.trainings(organization_id=org_id)
    ]
    events = repo.history(organization_id=org_id)
    history = [HistoryEntry(e.at, e.actor_label(), describe_event(e, repo)) for e in events[:HISTORY_LIMIT]]
    return OrganizationDetails(
        organization=organization,
        campaign=campaign,
        card=card,
        stage_label=stage_label(campaign, card.stage) if card else "",
        placements=placements,
        visits=repo.visits(organization_id=org_id),
        trainings=trainings,
        history=history,
        history_total=len(events),
        campaign_names=names,
    )
