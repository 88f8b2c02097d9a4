"""Adding, editing and archiving organizations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import permissions, queries
from ..duplicates import check_organization
from ..errors import ValidationFailed
from ..i18n import _
from ..models import MAX_ORGANIZATIONS, Organization
from ..transaction import Transaction
from ..validation import apply_changes, validate
from .cards import place_card
from .training_rule import NO_BASIS, TrainingBasis

SYSTEM_FIELDS = frozenset({"id", "created_at", "updated_at", "version", "archived"})
"""Fields the program sets itself; a person never types them."""


def add_organization(
    tx: Transaction,
    fields: Mapping[str, Any],
    *,
    campaign_id: str | None = None,
    stage: str | None = None,
    owner: str | None = None,
    next_follow_up: date | None = None,
    allow_duplicate: bool = False,
    basis: TrainingBasis = NO_BASIS,
) -> Organization:
    """Add an organization, and its card when ``campaign_id`` is given (``basis``: see ``training_rule``)."""
    tx.require("add_organization")
    now = tx.clock()
    data = {k: v for k, v in fields.items() if k not in SYSTEM_FIELDS}
    data.update(id=tx.ids.new("org"), created_at=now, updated_at=now, version=1)
    org = validate(Organization, data, _("organization"))
    if not allow_duplicate:
        check_organization(tx.doc, org)
    _ensure_room(tx)
    tx.put("organizations", org)
    _recorded(tx, "organization_added", org)
    if campaign_id is not None:
        place_card(tx, org, queries.campaign(tx.doc, campaign_id), stage, owner, next_follow_up, basis)
    return org


def _ensure_room(tx: Transaction) -> None:
    if len(tx.doc.organizations) >= MAX_ORGANIZATIONS:
        raise ValidationFailed(_("This board already holds 50,000 organizations, the most it supports."))


def update_organization(
    tx: Transaction,
    org_id: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    allow_duplicate: bool = False,
) -> Organization:
    tx.require(permissions.organization_edit_action(tx.role(), set(changes)))
    if forbidden := set(changes) & SYSTEM_FIELDS:
        raise ValidationFailed(
            _("These fields cannot be edited: {fields}.").format(fields=", ".join(sorted(forbidden)))
        )
    org = queries.organization(tx.doc, org_id)
    tx.check_version("organization", org.id, org.name, expected_version, org.version)
    updated, diff = apply_changes(org, changes, tx.clock(), _("organization"))
    if not diff:
        return org
    if not allow_duplicate:
        check_organization(tx.doc, updated, org)
    tx.put("organizations", updated)
    _recorded(tx, "organization_edited", updated, changes=diff)
    return updated


def set_archived(
    tx: Transaction, org_id: str, archived: bool, *, expected_version: int | None, reason: str
) -> Organization:
    """Hide an organization from every board and list (it stays in the file), or bring it back."""
    tx.require("archive_organization")
    org = queries.organization(tx.doc, org_id)
    tx.check_version("organization", org.id, org.name, expected_version, org.version)
    if org.archived == archived:
        return org
    updated, diff = apply_changes(org, {"archived": archived}, tx.clock(), _("organization"))
    tx.put("organizations", updated)
    _recorded(
        tx, "organization_archived" if archived else "organization_restored", updated, changes=diff, reason=reason
    )
    return updated


def _recorded(tx: Transaction, kind: str, org: Organization, **fields: Any) -> None:
    """The history event of a change to ``org`` (as it is after the change)."""
    tx.event(kind, "organization", org.id, organization_id=org.id, version_after=org.version, **fields)
