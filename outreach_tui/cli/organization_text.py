"""``org show``: everything about one organization, as text (the rows of ``details``) or as JSON."""

from __future__ import annotations

from typing import Any

from store import Organization, Repository
from store.i18n import _, format_date, format_datetime, format_number, ngettext

from ..details import (
    AttendedTraining,
    CampaignCard,
    HistoryEntry,
    OrganizationDetails,
    Row,
    contact_parts,
    organization_rows,
)
from ..display import off_board_label


def organization_json(repo: Repository, org: Organization, only: str | None, limit: int) -> dict[str, Any]:
    """Every stored field, as scripts want them: the records themselves, in the store's order."""
    return {
        **org.model_dump(mode="json"),
        "cards": [
            p.model_dump(mode="json") for p in repo.placements_of(org.id) if only is None or p.campaign_id == only
        ],
        "visits": [v.model_dump(mode="json") for v in repo.visits(organization_id=org.id, campaign_id=only)],
        "trainings": [t.model_dump(mode="json") for t in repo.trainings(organization_id=org.id, campaign_id=only)],
        "history": [
            e.model_dump(mode="json") for e in repo.history(organization_id=org.id, campaign_id=only, limit=limit)
        ],
    }


def organization_lines(details: OrganizationDetails, *, one_campaign: bool) -> list[str]:
    org = details.organization
    lines = [f"{org.name}  ({org.id})"]
    if org.archived:
        lines.append("  " + _("ARCHIVED: hidden from every board"))
    for row in organization_rows(org):
        lines.extend(row_lines(row))
    if org.contacts:
        lines.append("  " + _("Contacts") + ":")
        lines.extend("    " + " · ".join(contact_parts(contact)) for contact in org.contacts)
    lines.append(
        "  "
        + _("Added {added} · changed {changed} · version {version}").format(
            added=format_datetime(org.created_at), changed=format_datetime(org.updated_at), version=org.version
        )
    )
    lines.extend(["", _("Cards")])
    if not details.placements:
        lines.append("  " + (_("not on this campaign's board") if one_campaign else _("not on any campaign's board")))
    lines.extend(card_line(item) for item in details.placements)
    lines.extend(visit_lines(details))
    lines.extend(training_lines(details.trainings))
    lines.extend(history_lines(details.history))
    return lines


def row_lines(row: Row) -> list[str]:
    """``  Label: value (qualifiers)``; a multi-line value indented below its label; nothing when empty."""
    if not row.value:
        return []
    if row.multiline:
        return [f"  {row.label}:", *(f"    {line}" for line in row.value.splitlines())]
    qualifiers = f" ({'; '.join(row.qualifiers)})" if row.qualifiers else ""
    return [f"  {row.label}: {row.spelled_out or row.value}{qualifiers}"]


def card_line(item: CampaignCard) -> str:
    placement, stage = item.placement, item.stage_label
    if placement.off_board:
        state = _("off the board ({state}: {reason}), left from {stage}").format(
            state=off_board_label(placement.off_board.state), reason=placement.off_board.reason, stage=stage
        )
    else:
        state = _("{stage} since {date}").format(stage=stage, date=format_date(placement.stage_since.date()))
    extras = [state]
    if placement.owner:
        extras.append(_("owner {owner}").format(owner=placement.owner))
    if placement.next_follow_up:
        extras.append(_("next follow-up {date}").format(date=format_date(placement.next_follow_up)))
    if item.without_training:
        extras.append(_("without a training: {reason}").format(reason=item.without_training))
    return f"  {item.campaign_name}: " + " · ".join(extras)


def visit_lines(details: OrganizationDetails) -> list[str]:
    if not details.visits:
        return []
    lines = ["", _("Visits ({n})").format(n=format_number(len(details.visits)))]
    for visit in details.visits:
        who = ", ".join(visit.visitors)
        fit = _("fit {fit}/5").format(fit=visit.fit)
        lines.append(f"  {format_date(visit.date)}  {fit}" + (f" · {who}" if who else ""))
        if visit.people_met:
            lines.append("    " + _("Met: {people}").format(people=", ".join(visit.people_met)))
        lines.extend(f"    {line}" for line in visit.findings.splitlines())
        if visit.recommendation:
            lines.append("    " + _("Recommendation: {text}").format(text=visit.recommendation))
        if visit.next_follow_up:
            lines.append("    " + _("Next follow-up: {date}").format(date=format_date(visit.next_follow_up)))
    return lines


def training_lines(trainings: list[AttendedTraining]) -> list[str]:
    if not trainings:
        return []
    lines = ["", _("Trainings ({n})").format(n=format_number(len(trainings)))]
    for item in trainings:
        training = item.training
        parts = [
            format_date(training.date),
            training.topic,
            training.place,
            ngettext("{n} attendee", "{n} attendees", item.attendees).format(n=format_number(item.attendees)),
        ]
        if training.trainers:
            parts.append(_("trainers: {names}").format(names=", ".join(training.trainers)))
        lines.append("  " + " · ".join(part for part in parts if part))
    return lines


def history_lines(history: list[HistoryEntry]) -> list[str]:
    if not history:
        return []
    return ["", _("Recent history"), *(f"  {format_datetime(e.at)}  {e.actor}  {e.description}" for e in history)]
