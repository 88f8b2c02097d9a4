"""What must hold across the tables of a board file: checked when it is opened and before every write.

A record on its own is checked by its model; this module checks what no single
record can: that cards, visits and trainings name organizations, campaigns and
stages that exist, and that an organization has one card per campaign. Opening
and writing share the check, so the program never writes a file it would refuse
to open.
"""

from __future__ import annotations

from .document import BoardDocument
from .errors import StoreFileError, ValidationFailed
from .i18n import _
from .models import MAX_ORGANIZATIONS
from .text import display_safe
from .validation import Problem, problems_text


def document_problems(doc: BoardDocument) -> list[Problem]:
    """Everything wrong across the tables of ``doc``, each as ``(record, what is wrong)``."""
    problems = _card_problems(doc) + _activity_problems(doc)
    if len(doc.organizations) > MAX_ORGANIZATIONS:
        problems.append(
            (
                "organizations",
                _("{n} organizations, more than the {max} a board holds").format(
                    n=len(doc.organizations), max=MAX_ORGANIZATIONS
                ),
            )
        )
    return problems


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


def _activity_problems(doc: BoardDocument) -> list[Problem]:
    orgs, campaigns = doc.organizations.by_id, doc.campaigns.by_id
    problems: list[Problem] = []
    for visit in list(doc.visits.values()):
        if visit.organization_id not in orgs or visit.campaign_id not in campaigns:
            problems += _missing(doc, f"visits/{visit.id}", [visit.organization_id], visit.campaign_id)
    for training in list(doc.trainings.values()):
        attendees = [item.organization_id for item in training.attendance]
        if training.campaign_id not in campaigns or not all(org_id in orgs for org_id in attendees):
            problems += _missing(doc, f"trainings/{training.id}", attendees, training.campaign_id)
    return problems


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


def check_writable(doc: BoardDocument) -> None:
    """Raise ``ValidationFailed`` (nothing is written) if a change would leave the board inconsistent."""
    problems = document_problems(doc)
    if problems:
        raise ValidationFailed(
            _("This change would leave the board inconsistent, so nothing was written: {problems}.").format(
                problems=problems_text(problems)
            ),
            problems,
        )
