"""Reading a board: campaigns, organizations, cards, boards, visits, trainings, history and users."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from .board_changes import column_key, off_board_key
from .document import BoardDocument
from .duplicates import summaries
from .errors import AmbiguousReferenceError, NotFoundError
from .history import campaign_label, org_label
from .i18n import _
from .merged import merged_into
from .models import Campaign, Event, Organization, Placement, Training, User, Visit
from .text import display_safe, fold
from .views import Board, Card, Column, Counts

_STATUS_RANK = {"active": 2, "planning": 1, "completed": 0}


def counts(doc: BoardDocument) -> Counts:
    archived = sum(1 for org in doc.organizations.values() if org.archived)
    return Counts(
        campaigns=len(doc.campaigns),
        organizations=len(doc.organizations) - archived,
        archived=archived,
        placements=len(doc.placements),
        visits=len(doc.visits),
        trainings=len(doc.trainings),
        events=len(doc.events),
        users=len(doc.users),
    )


def campaigns(doc: BoardDocument) -> list[Campaign]:
    return sorted(doc.campaigns.values(), key=lambda c: (c.status == "completed", fold(c.name)))


def campaign(doc: BoardDocument, ref: str) -> Campaign:
    """A campaign by id or by exact (case-insensitive) name."""
    found = doc.campaigns.get(ref)
    if found:
        return found
    wanted = fold(ref.strip())
    matches = [c for c in doc.campaigns.values() if fold(c.name) == wanted]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousReferenceError(
            _("{ref!r} names {n} campaigns; use the campaign id.").format(ref=display_safe(ref), n=len(matches))
        )
    raise NotFoundError(_("No campaign {ref!r} in {path}.").format(ref=display_safe(ref), path=doc.path))


def default_campaign(doc: BoardDocument) -> Campaign | None:
    """The campaign a session opens on: the newest active one, else the newest planned one."""
    return max(doc.campaigns.values(), key=lambda c: (_STATUS_RANK[c.status], c.created_at), default=None)


def organization(doc: BoardDocument, org_id: str) -> Organization:
    found = doc.organizations.get(org_id)
    if found is None:
        raise NotFoundError(_("No organization with id {id}.").format(id=display_safe(org_id)))
    return found


def organizations(doc: BoardDocument, *, include_archived: bool = False) -> list[Organization]:
    orgs = [o for o in doc.organizations.values() if include_archived or not o.archived]
    return sorted(orgs, key=lambda o: fold(o.name))


def find_organization(doc: BoardDocument, ref: str) -> Organization:
    """An organization by id, exact name or unique alias (case- and accent-insensitive)."""
    found = doc.organizations.get(ref.strip())
    if found:
        return found
    wanted = fold(ref.strip())
    by_name = [o for o in doc.organizations.values() if fold(o.name) == wanted]
    if not by_name:
        by_name = [o for o in doc.organizations.values() if any(fold(a) == wanted for a in o.aliases)]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        by_name.sort(key=lambda o: (o.archived, fold(o.name), o.id))
        raise AmbiguousReferenceError(
            _("{ref!r} matches {n} organizations: {matches}. Use the id.").format(
                ref=display_safe(ref), n=len(by_name), matches=summaries(doc, by_name)
            )
        )
    raise NotFoundError(_("No organization {ref!r} (tried id, name and alias).").format(ref=display_safe(ref)))


def search(doc: BoardDocument, query: str, *, include_archived: bool = False) -> list[Organization]:
    """Organizations whose name, aliases, place or tags contain ``query`` (case- and accent-insensitive)."""
    wanted = fold(query.strip())
    return [
        org
        for org in organizations(doc, include_archived=include_archived)
        if wanted in fold("\n".join([org.name, *org.aliases, org.place.label(), *org.tags]))
    ]


def placement(doc: BoardDocument, org_id: str, campaign_id: str) -> Placement:
    """The card of an organization on a campaign's board."""
    found = doc.placements.in_campaign(campaign_id).get(org_id)
    if found is None:
        raise NotFoundError(
            _("{org} is not on the board of campaign {campaign}.").format(
                org=org_label(doc, org_id), campaign=campaign_label(doc, campaign_id)
            )
        )
    return found


def placements_of(doc: BoardDocument, org_id: str) -> list[Placement]:
    return [p for p in doc.placements.values() if p.organization_id == org_id]


def board(doc: BoardDocument, campaign_id: str) -> Board:
    """The campaign's columns in stage order, cards oldest-in-stage first, plus off-board cards."""
    found = campaign(doc, campaign_id)
    by_stage: dict[str, list[Card]] = {stage.key: [] for stage in found.stages}
    off_board: list[Card] = []
    by_id: dict[str, Card] = {}
    orgs = doc.organizations
    for placement in list(doc.placements.in_campaign(found.id).values()):
        org = orgs.get(placement.organization_id)
        if org is None or org.archived:
            continue
        card = by_id[org.id] = Card(org, placement)
        (off_board if placement.off_board is not None else by_stage[placement.stage]).append(card)
    order = column_key(doc)
    columns = [Column(stage, sorted(by_stage[stage.key], key=order)) for stage in found.stages]
    off_board.sort(key=off_board_key(doc))
    return Board.indexed(found, columns, off_board, by_id)


def archived_cards(doc: BoardDocument, campaign_id: str) -> list[Card]:
    """Cards of archived organizations: off every board, still part of the campaign's record."""
    orgs = doc.organizations
    cards = [
        Card(org, card)
        for card in list(doc.placements.in_campaign(campaign_id).values())
        if (org := orgs.get(card.organization_id)) is not None and org.archived
    ]
    cards.sort(key=lambda card: fold(card.organization.name))
    return cards


def follow_ups(doc: BoardDocument, campaign_id: str, *, today: date, within_days: int = 7) -> list[Card]:
    """On-board cards whose next follow-up is due within ``within_days`` or overdue, soonest first."""
    cards = [
        card
        for column in board(doc, campaign_id).columns
        for card in column.cards
        if card.placement.next_follow_up is not None and (card.placement.next_follow_up - today).days <= within_days
    ]
    cards.sort(key=lambda card: (card.placement.next_follow_up, fold(card.organization.name)))
    return cards


def visits(doc: BoardDocument, *, organization_id: str | None = None, campaign_id: str | None = None) -> list[Visit]:
    result = [
        v
        for v in list(doc.visits.values())
        if (organization_id is None or v.organization_id == organization_id)
        and (campaign_id is None or v.campaign_id == campaign_id)
    ]
    return sorted(result, key=lambda v: (v.date, v.created_at, v.id), reverse=True)


def trainings(
    doc: BoardDocument, *, organization_id: str | None = None, campaign_id: str | None = None
) -> list[Training]:
    result = [
        t
        for t in list(doc.trainings.values())
        if (campaign_id is None or t.campaign_id == campaign_id)
        and (organization_id is None or any(a.organization_id == organization_id for a in t.attendance))
    ]
    return sorted(result, key=lambda t: (t.date, t.created_at, t.id), reverse=True)


def history(
    doc: BoardDocument,
    *,
    organization_id: str | None = None,
    campaign_id: str | None = None,
    limit: int | None = None,
) -> list[Event]:
    """History events, newest first."""
    # An organization's history includes that of the organizations merged into it.
    org_ids = merged_into(doc, organization_id) if organization_id is not None else None
    events = [
        e
        for e in list(doc.events.values())
        if (org_ids is None or e.organization_id in org_ids) and (campaign_id is None or e.campaign_id == campaign_id)
    ]
    # Stable sort on time keeps the written order within one second; then newest first.
    events.sort(key=lambda e: e.at)
    events.reverse()
    return events[:limit] if limit is not None else events


def users(doc: BoardDocument) -> list[User]:
    return sorted(doc.users.values(), key=lambda u: u.login)


def history_mark(doc: BoardDocument) -> int:
    """A mark of how far the history goes now; ``history_since`` gives what was added after it."""
    return doc.events.next_doc


def history_since(doc: BoardDocument, mark: int) -> list[Event]:
    """Events added to the file after ``mark``, oldest first.

    Every write appends its events after the file's last one, so they are the documents past
    the mark. Only those are validated: after a reload the rest of the history stays
    deferred, and a 20,000-card board's history takes about half a second to validate.
    """
    events = []
    table = doc.events
    # Doc ids count up from the mark: looking each up costs what was added, not the whole history.
    for doc_id in range(max(mark, 1), table.next_doc):
        if table.validated:
            if (event := table.record_at(str(doc_id))) is not None:
                events.append(event)
            continue
        found = table.document_at(str(doc_id))
        if found is None:
            continue
        try:
            events.append(Event.model_validate(found))
        except ValidationError:
            continue  # reported when the history is validated before a write, not in a notice
    return events


def cards_by_stage(doc: BoardDocument, campaign_id: str) -> dict[str, int]:
    """How many cards (on the board, off it, or of archived organizations) each stage of a campaign holds."""
    found = campaign(doc, campaign_id)
    by_stage = {stage.key: 0 for stage in found.stages}
    for card in doc.placements.in_campaign(found.id).values():
        by_stage[card.stage] = by_stage.get(card.stage, 0) + 1
    return by_stage
