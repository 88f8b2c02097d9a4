"""Forgetting an organization's staff contacts everywhere the board holds them, history included."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..chain import FORGOTTEN, REWRITTEN, event_hash
from ..forgetting import Scrubber, concerns, contact_values, expired_contacts, holds_contacts
from ..models import Event, Organization
from ..queries import organization as find_organization
from ..settings import current_settings
from ..transaction import Transaction
from ..validation import apply_changes


def forget_contacts(tx: Transaction, org_id: str) -> Event | None:
    """Remove ``org_id``'s staff contacts and every copy of their values; None when it holds none.

    History events that held the values are rewritten; the event recording the forgetting lists
    each one with its hash before and after (``store.chain``), holding no removed value itself.
    """
    tx.require("forget_contacts")
    tx.doc.finish_loading()
    org = find_organization(tx.doc, org_id)
    return _forget(tx, org, [event for event in tx.doc.events.values() if concerns(event, org.id)])


def forget_expired(tx: Transaction, now: datetime) -> list[Organization]:
    """Forget the contacts of every organization kept past the board's retention, in one change."""
    tx.require("forget_contacts")
    tx.doc.finish_loading()
    days = current_settings(tx.doc).contact_retention_days
    expired = [item.organization for item in expired_contacts(tx.doc, days, now)] if days else []
    wanted = {org.id for org in expired}
    events: dict[str, list[Event]] = {org_id: [] for org_id in wanted}
    for event in tx.doc.events.values():
        for org_id in {event.organization_id or "", event.entity_id} & wanted:
            events[org_id].append(event)
    for org in expired:
        _forget(tx, org, events[org.id])
    return expired


def _forget(tx: Transaction, org: Organization, events: Sequence[Event]) -> Event | None:
    values = contact_values(tx.doc, org, events)
    if not values and not holds_contacts(tx.doc, org):
        return None
    scrub = Scrubber(frozenset(values))
    tx.fold = True  # the journal's earlier records still hold the values
    updated, _diff = apply_changes(org, {"contacts": [], "notes": scrub.text(org.notes)}, tx.clock(), "organization")
    tx.put("organizations", updated)
    for visit in [visit for visit in tx.doc.visits.values() if visit.organization_id == org.id]:
        if (cleaned := scrub.visit(visit)) is not visit:
            tx.put("visits", cleaned)
    rewritten = []
    for event in events:
        if (cleaned_event := scrub.event(event)) is not event:
            rewritten.append([event.id, event_hash(event), event_hash(cleaned_event)])
            tx.rewrite_event(cleaned_event)
    return tx.event(
        FORGOTTEN,
        "organization",
        org.id,
        organization_id=org.id,
        version_after=updated.version,
        changes={"contacts": [len(org.contacts), 0], REWRITTEN: [None, rewritten]},
    )
