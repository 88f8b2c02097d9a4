"""Contacts that do not outlive their use: which values forgetting an organization's contacts removes,
and which organizations kept them longer than the board's retention allows.

Forgetting removes the organization's staff contacts (names, roles, phones, emails) and the people
met on its visits, and every copy of those values: in its notes and visit findings, and in the
before and after values of its history events (which undo reads). Stages, counts and dates stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .document import BoardDocument
from .models import Event, Organization, Placement, Visit

REMOVED = "[removed]"
"""What stands where a forgotten value was inside a longer text."""

CONTACT_FIELDS = ("name", "phone", "email")


def concerns(event: Event, org_id: str) -> bool:
    return event.organization_id == org_id or event.entity_id == org_id


def _contact_lists(value: Any) -> Iterable[list[Any]]:
    """Every ``contacts`` list inside a JSON value (an organization record, an event's changes)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "contacts" and isinstance(item, list):
                yield item
            yield from _contact_lists(item)
    elif isinstance(value, list):
        for item in value:
            yield from _contact_lists(item)


def contact_values(doc: BoardDocument, org: Organization, events: Iterable[Event]) -> set[str]:
    """Every staff name, phone and email the board holds for ``org``, now or in ``events`` (its history)."""
    values = {getattr(contact, field) for contact in org.contacts for field in CONTACT_FIELDS}
    values |= {
        person for visit in doc.visits.values() if visit.organization_id == org.id for person in visit.people_met
    }
    for event in events:
        for contacts in _contact_lists(event.changes):
            values |= {
                str(contact.get(field))
                for contact in contacts
                if isinstance(contact, dict)
                for field in CONTACT_FIELDS
                if contact.get(field)
            }
    return {value for value in values if value.strip()}


@dataclass(frozen=True)
class Scrubber:
    """Removes forgotten values from JSON values: ``contacts`` and ``people_met`` lists empty, texts cleaned."""

    values: frozenset[str]

    def text(self, value: str) -> str:
        for secret in sorted(self.values, key=len, reverse=True):
            value = re.sub(rf"(?<!\w){re.escape(secret)}(?!\w)", REMOVED, value)
        return value

    def json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {
                key: [] if key in ("contacts", "people_met") and isinstance(item, list) else self.json(item)
                for key, item in value.items()
            }
        return value

    def event(self, event: Event) -> Event:
        changes = self.json(event.changes)
        reason = self.text(event.reason)
        if changes == event.changes and reason == event.reason:
            return event
        return event.model_copy(update={"changes": changes, "reason": reason})

    def visit(self, visit: Visit) -> Visit:
        findings, recommendation = self.text(visit.findings), self.text(visit.recommendation)
        if not visit.people_met and findings == visit.findings and recommendation == visit.recommendation:
            return visit
        return visit.model_copy(update={"people_met": [], "findings": findings, "recommendation": recommendation})


def holds_contacts(doc: BoardDocument, org: Organization) -> bool:
    """Whether the board still stores a staff contact of ``org`` (on it, or on one of its visits)."""
    return bool(org.contacts) or any(
        visit.people_met for visit in doc.visits.values() if visit.organization_id == org.id
    )


@dataclass(frozen=True)
class Expired:
    """An organization off every board or archived since ``since``, longer than the retention, with contacts."""

    organization: Organization
    since: datetime
    archived: bool


def expired_contacts(doc: BoardDocument, days: int, now: datetime) -> list[Expired]:
    """Organizations whose contacts the board keeps longer than ``days`` after they left (archived or off every
    board they were on), oldest departure first."""
    left_at: dict[str, datetime] = {}
    for event in doc.events.values():
        if event.kind in ("organization_archived", "off_board"):
            left_at[event.entity_id] = max(event.at, left_at.get(event.entity_id, event.at))
    cards: dict[str, list[Placement]] = {}
    for card in doc.placements.values():
        cards.setdefault(card.organization_id, []).append(card)
    people_met = {visit.organization_id for visit in doc.visits.values() if visit.people_met}
    limit = now - timedelta(days=days)
    found = []
    for org in doc.organizations.values():
        if not org.contacts and org.id not in people_met:
            continue
        if org.archived:
            found.append(Expired(org, left_at.get(org.id, org.updated_at), archived=True))
        elif (own := cards.get(org.id)) and all(card.off_board is not None for card in own):
            found.append(Expired(org, max(left_at.get(card.id, card.updated_at) for card in own), archived=False))
    return sorted((item for item in found if item.since < limit), key=lambda item: item.since)
