"""Everything shown about one organization: the data, read from the repository, and the
labelled rows its fields are shown as. The details screen and ``outreach-tui org show``
both render these, so the two never disagree on what an organization's fields say.

App-side code: the screen itself never reads the store, so the app can rebuild this
when another session changes the file and hand the screen the new copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from store import (
    Campaign,
    Contact,
    Event,
    NotFoundError,
    Organization,
    Placement,
    Repository,
    Training,
    Visit,
    describe_event,
    event_reason,
    reaches_training,
    stage_label,
)
from store.i18n import _, format_date, format_number, ngettext

from .display import legal_capacity_label, organization_type_label, outreach_capacity_label, tristate_label

HISTORY_LIMIT = 300
"""Newest history entries shown: enough for any real organization, bounded for a pathological one."""


@dataclass(frozen=True)
class CampaignCard:
    """The organization's card on one campaign's board."""

    campaign_name: str
    stage_label: str
    placement: Placement
    without_training: str = ""
    """Why the card is in the training stage or past it with no training, when it got there that way."""


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


@dataclass(frozen=True)
class Row:
    """One labelled field of an organization, as every view lists it."""

    label: str
    value: str
    """Plain text (user text is data, never markup); empty when nothing is recorded."""
    qualifiers: tuple[str, ...] = ()
    """What qualifies the value: where an estimate comes from, as of when, a note."""
    multiline: bool = False
    spelled_out: str = ""
    """The value with its unit ("1,200 workers"), for a line read on its own; beside a column of labels the bare
    value reads better."""


def organization_rows(org: Organization) -> list[Row]:
    """The organization's descriptive fields, in the order they are shown (name, contacts and dates aside)."""
    education_note = (org.education_note,) if org.education_note else ()
    return [
        Row(_("Also known as"), ", ".join(org.aliases)),
        Row(_("Type"), organization_type_label(org.type)),
        Row(_("Place"), org.place.label()),
        Row(_("Legal capacity"), legal_capacity_label(org.legal_capacity)),
        Row(_("Outreach capacity"), outreach_capacity_label(org.outreach_capacity)),
        Row(_("Education program"), tristate_label(org.education_program), education_note),
        Row(_("Works with migrants"), tristate_label(org.works_with_migrants)),
        Row(_("Languages"), ", ".join(org.languages)),
        workers_row(org),
        Row(_("Tags"), ", ".join(org.tags)),
        Row(_("Notes"), org.notes, multiline=True),
    ]


def workers_row(org: Organization) -> Row:
    reached = org.workers_reached
    if reached is None:
        return Row(_("Workers reached"), "")
    as_of = (_("as of {date}").format(date=format_date(reached.as_of)),) if reached.as_of else ()
    basis = (reached.basis,) if reached.basis else ()
    spelled = ngettext("{n} worker", "{n} workers", reached.estimate).format(n=format_number(reached.estimate))
    return Row(_("Workers reached"), format_number(reached.estimate), basis + as_of, spelled_out=spelled)


def contact_parts(contact: Contact) -> list[str]:
    """Name first, then whichever of role, phone and email are recorded."""
    return [part for part in (contact.name, contact.role, contact.phone, contact.email) if part]


def load_details(
    repo: Repository,
    org_id: str,
    campaign_id: str | None,
    *,
    only_this_campaign: bool = False,
    history_limit: int = HISTORY_LIMIT,
) -> OrganizationDetails:
    """What is shown about ``org_id`` beside ``campaign_id``'s board. Raises NotFoundError when it no longer exists.

    With ``only_this_campaign`` the cards, visits, trainings and history are those of that campaign alone.
    """
    organization = repo.organization(org_id)
    campaigns = {c.id: c for c in repo.campaigns()}
    names = {c.id: c.name for c in campaigns.values()}
    campaign = campaigns.get(campaign_id) if campaign_id else None
    only = campaign_id if only_this_campaign else None
    events = repo.history(organization_id=org_id, campaign_id=only)
    card = card_on(repo, org_id, campaign)
    return OrganizationDetails(
        organization=organization,
        campaign=campaign,
        card=card,
        stage_label=stage_label(campaign, card.stage) if card else "",
        placements=campaign_cards(repo, org_id, campaigns, campaign_id, only, events),
        visits=repo.visits(organization_id=org_id, campaign_id=only),
        trainings=attended_trainings(repo, org_id, names, only),
        history=[HistoryEntry(e.at, e.actor_label(), describe_event(e, repo)) for e in events[:history_limit]],
        history_total=len(events),
        campaign_names=names,
    )


def card_on(repo: Repository, org_id: str, campaign: Campaign | None) -> Placement | None:
    if campaign is None:
        return None
    try:
        return repo.placement(org_id, campaign.id)
    except NotFoundError:
        return None


def campaign_cards(
    repo: Repository,
    org_id: str,
    campaigns: dict[str, Campaign],
    current: str | None,
    only: str | None,
    events: list[Event],
) -> list[CampaignCard]:
    """Its cards, the current campaign's first, then by campaign name."""
    cards = (
        CampaignCard(
            campaigns[p.campaign_id].name if p.campaign_id in campaigns else p.campaign_id,
            stage_label(campaigns.get(p.campaign_id), p.stage),
            p,
            without_training_reason(p, campaigns.get(p.campaign_id), events),
        )
        for p in repo.placements_of(org_id)
        if only is None or p.campaign_id == only
    )
    return sorted(cards, key=lambda item: (item.placement.campaign_id != current, item.campaign_name))


def without_training_reason(placement: Placement, campaign: Campaign | None, events: list[Event]) -> str:
    """The reason recorded when the card went into the training stage (or past it) without a training, if it did.

    ``events`` are the organization's history, newest first.
    """
    if campaign is None or not reaches_training(campaign, None, placement.stage):
        return ""
    for event in events:
        if (
            event.entity_id == placement.id
            and event.kind in ("moved", "placed")
            and event.to_stage is not None
            and reaches_training(campaign, event.from_stage, event.to_stage)
        ):
            return event_reason(event) if event.without_training else ""
    return ""


def attended_trainings(
    repo: Repository, org_id: str, names: dict[str, str], only: str | None
) -> list[AttendedTraining]:
    return [
        AttendedTraining(
            training,
            next((a.attendees for a in training.attendance if a.organization_id == org_id), 0),
            names.get(training.campaign_id, training.campaign_id),
        )
        for training in repo.trainings(organization_id=org_id, campaign_id=only)
    ]
