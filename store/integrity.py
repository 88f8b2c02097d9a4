"""What must hold across the tables of a board file: checked when it is opened and before every write.

A record on its own is checked by its model; this module checks what no single
record can: that cards, visits and trainings name organizations, campaigns and
stages that exist, and that an organization has one card per campaign. Opening
and writing share the check, so the program never writes a file it would refuse
to open.
"""

from __future__ import annotations

from .document import BoardDocument, M, Table
from .errors import StoreFileError, ValidationFailed
from .i18n import _
from .models import MAX_ORGANIZATIONS
from .text import display_safe
from .validation import Problem, problems_text


def document_problems(doc: BoardDocument) -> list[Problem]:
    """Everything wrong across the tables of ``doc``, each as ``(record, what is wrong)``."""
    problems = _card_problems(doc) + _activity_problems(doc)
    if len(doc.organizations) > MAX_ORGANIZATIONS:
        problems.append(_too_many(len(doc.organizations)))
    return problems


def _too_many(count: int) -> Problem:
    return (
        "organizations",
        _("{n} organizations, more than the {max} a board holds").format(n=count, max=MAX_ORGANIZATIONS),
    )


def _card_problems(doc: BoardDocument) -> list[Problem]:
    orgs, campaigns = doc.organizations.by_id, doc.campaigns.by_id
    stages = {campaign.id: {stage.key for stage in campaign.stages} for campaign in campaigns.values()}
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    # Runs before every write of a 20,000-organization board: plain lookups, words only for problems.
    for card in list(doc.placements.values()):
        pair = (card.organization_id, card.campaign_id)
        if pair[0] not in orgs or card.stage not in stages.get(pair[1], ()) or pair in seen:
            problems += _card_problem(doc, card.id, card.organization_id, card.campaign_id, card.stage, pair in seen)
        seen.add(pair)
    return problems


def _card_problem(
    doc: BoardDocument, card_id: str, org_id: str, campaign_id: str, stage: str, repeated: bool
) -> list[Problem]:
    where = f"placements/{card_id}"
    problems = _missing(doc, where, [org_id], campaign_id)
    campaign = doc.campaigns.get(campaign_id)
    if campaign is not None and campaign.stage(stage) is None:
        problems.append(
            (
                where,
                _("is in stage {stage!r}, which campaign {campaign} does not have").format(
                    stage=stage, campaign=display_safe(campaign.name)
                ),
            )
        )
    if repeated:
        problems.append(
            (
                where,
                _("is a second card of organization {org} in campaign {campaign}").format(
                    org=org_id, campaign=campaign_id
                ),
            )
        )
    return problems


def _activity_problems(
    doc: BoardDocument, *, visits: set[str] | None = None, trainings: set[str] | None = None
) -> list[Problem]:
    """Visits and trainings naming what is not on the board: all of them, or those of the given ids."""
    orgs, campaigns = doc.organizations.by_id, doc.campaigns.by_id
    problems: list[Problem] = []
    for visit in _records(doc.visits, visits):
        if visit.organization_id not in orgs or visit.campaign_id not in campaigns:
            problems += _missing(doc, f"visits/{visit.id}", [visit.organization_id], visit.campaign_id)
    for training in _records(doc.trainings, trainings):
        attendees = [item.organization_id for item in training.attendance]
        if training.campaign_id not in campaigns or not all(org_id in orgs for org_id in attendees):
            problems += _missing(doc, f"trainings/{training.id}", attendees, training.campaign_id)
    return problems


def _records(table: Table[M], keys: set[str] | None) -> list[M]:
    if keys is None:
        return list(table.values())  # a copy: an export in a worker thread may read meanwhile
    return [record for key in keys if (record := table.get(key)) is not None]


def _missing(doc: BoardDocument, where: str, org_ids: list[str], campaign_id: str) -> list[Problem]:
    problems = [
        (where, _("refers to organization {id}, which is not on the board").format(id=org_id))
        for org_id in org_ids
        if doc.organizations.get(org_id) is None
    ]
    if doc.campaigns.get(campaign_id) is None:
        problems.append((where, _("refers to campaign {id}, which is not on the board").format(id=campaign_id)))
    return problems


def check_opened(doc: BoardDocument) -> None:
    """Raise ``StoreFileError`` (the file stays untouched) if the file just read is inconsistent."""
    problems = document_problems(doc)
    if problems:
        raise StoreFileError(
            str(doc.path),
            _("{path} is inconsistent, so it was not opened or changed: {problems}.").format(
                path=doc.path, problems=problems_text(problems)
            ),
        )


def change_problems(doc: BoardDocument) -> list[Problem]:
    """What the records changed since ``start_change`` broke, on a board consistent before them.

    A move on a 20,000-organization board checks one card instead of every table. A
    change that could break records it did not touch (a campaign's stages, a deleted
    organization or campaign) or that was loaded wholesale gets the whole check.
    """
    tables = doc.tables
    if any(table.changed is None for table in tables.values()) or tables["campaigns"].changed:
        return document_problems(doc)
    organizations = tables["organizations"]
    if any(organizations.get(key) is None for key in organizations.changed or ()):
        return document_problems(doc)
    problems: list[Problem] = []
    for key in doc.placements.changed or ():
        card = doc.placements.get(key)
        if card is None:
            continue
        campaign = doc.campaigns.get(card.campaign_id)
        known = (
            card.organization_id in organizations.by_id and campaign is not None and bool(campaign.stage(card.stage))
        )
        # The index keeps the first card of a pair: any other card of that pair is a second one.
        repeated = doc.placements.in_campaign(card.campaign_id).get(card.organization_id) is not card
        if not known or repeated:
            problems += _card_problem(doc, card.id, card.organization_id, card.campaign_id, card.stage, repeated)
    problems += _activity_problems(doc, visits=doc.visits.changed or set(), trainings=doc.trainings.changed or set())
    if len(organizations) > MAX_ORGANIZATIONS:
        problems.append(_too_many(len(organizations)))
    return problems


def check_writable(doc: BoardDocument) -> None:
    """Raise ``ValidationFailed`` (nothing is written) if a change would leave the board inconsistent."""
    problems = change_problems(doc)
    if problems:
        raise ValidationFailed(
            _("This change would leave the board inconsistent, so nothing was written: {problems}.").format(
                problems=problems_text(problems)
            ),
            problems,
        )
