"""Undo: revert the actor's most recent change not yet undone, if nobody changed its records since."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from . import permissions
from .errors import ConflictError, NothingToUndo, UndoBlocked
from .history import describe_event, entity_label
from .i18n import N_, _, format_datetime
from .merged import RECORD as MERGED_RECORD
from .models import Event, User
from .text import display_safe
from .transaction import Transaction
from .validation import apply_changes
from .views import UndoResult

NOT_UNDOABLE = frozenset({"file_created", "exported", "history_acknowledged", "contacts_forgotten"})
"""Kinds of change that leave nothing on the board to revert: undo goes past them."""

TABLE_OF_ENTITY = {
    "board": "settings",
    "campaign": "campaigns",
    "organization": "organizations",
    "placement": "placements",
    "visit": "visits",
    "training": "trainings",
    "user": "users",
}

REMOVAL_OF_CREATION = {
    "campaign_created": "campaign_removed",
    "organization_added": "organization_removed",
    "placed": "placement_removed",
    "visit_logged": "visit_removed",
    "training_recorded": "training_removed",
}
"""The event that records undoing a creation."""


def undo(tx: Transaction, *, skip_blocked: bool = False) -> UndoResult:
    """Revert the actor's most recent change group that nobody changed since.

    A newer change whose records someone else changed since blocks undo (``UndoBlocked``,
    naming the change that would be next) unless ``skip_blocked``, or unless the actor already
    went past it; the groups gone past are recorded, so undo keeps going past them.
    """
    # Events are stored in the order they were written.
    events = list(tx.doc.events.values())
    line = _UndoLine(tx, events)
    group, skipped = line.next_group(skip_blocked=skip_blocked)
    _require_for_undo(tx, group)
    description = describe_event(group[0], tx.doc)
    affected: dict[str, None] = {}  # in order, each once: an import's undo names thousands
    references = _References(tx, group)
    for event in reversed(group):
        _revert(tx, event, references)
        if event.organization_id:
            affected.setdefault(event.organization_id)
    tx.event(
        "undone",
        "file",
        "",
        undoes=group[0].group,
        passed_over=[blocked[0].group for blocked in skipped] or None,
        reason=description,
        organization_id=next(iter(affected)) if len(affected) == 1 else None,
        campaign_id=group[0].campaign_id,
    )
    after = _UndoLine(tx, [*events, *tx.events]).peek()
    return UndoResult(
        description=description,
        organization_ids=list(affected),
        skipped=[describe_event(blocked[0], tx.doc) for blocked in skipped],
        next_description=describe_event(after[0], tx.doc) if after else None,
    )


class _UndoLine:
    """The actor's changes that undo may still revert, newest first, and what blocks each."""

    def __init__(self, tx: Transaction, events: list[Event]) -> None:
        self.tx = tx
        self.events = events
        undone = [e for e in events if e.kind == "undone"]
        self.reverted = {e.undoes for e in undone} | {e.group for e in undone}
        self.passed_over = {g for e in undone if e.actor == tx.actor.login for g in e.passed_over}
        self.first_index: dict[str, int] = {}
        for index, event in enumerate(events):
            self.first_index.setdefault(event.group, index)

    def groups(self) -> Iterator[list[Event]]:
        """The actor's change groups that are neither undos nor undone, newest first."""
        seen: set[str] = set()
        login = self.tx.actor.login
        for event in reversed(self.events):
            target = event.group
            if event.actor != login or event.kind in NOT_UNDOABLE or target in self.reverted or target in seen:
                continue
            seen.add(target)
            start = self.first_index[target]
            yield [e for e in self.events[start:] if e.group == target]

    def blocker(self, group: list[Event]) -> Event | None:
        """The first later change by a group not undone to a record of ``group``, if any."""
        target = group[0].group
        touched = {(e.entity, e.entity_id) for e in group}
        for later in self.events[self.first_index[target] :]:
            if later.group == target or later.group in self.reverted:
                continue
            if (later.entity, later.entity_id) in touched:
                return later
        return None

    def next_group(self, *, skip_blocked: bool) -> tuple[list[Event], list[list[Event]]]:
        """The group to revert and the blocked groups gone past to reach it."""
        skipped: list[list[Event]] = []
        for group in self.groups():
            if any(e.kind == "imported" for e in group):
                raise NothingToUndo(
                    _("Your last change was an import, which undo cannot revert; restore a backup instead.")
                )
            blocker = self.blocker(group)
            if blocker is None:
                return group, skipped
            if not skip_blocked and group[0].group not in self.passed_over:
                raise self.blocked(group, blocker)
            skipped.append(group)
        raise NothingToUndo(_("You have no change left to undo on this board."))

    def peek(self) -> list[Event] | None:
        """The group a plain undo would act on next (revert, or refuse as blocked)."""
        for group in self.groups():
            if group[0].group not in self.passed_over or self.blocker(group) is None:
                return group
        return None

    def blocked(self, group: list[Event], blocker: Event) -> UndoBlocked:
        doc = self.tx.doc
        following = self._first_unblocked_after(group[0].group)
        next_words = (
            _("Your earlier change that can be undone next: {what}.").format(what=describe_event(following[0], doc))
            if following
            else _("None of your earlier changes can be undone.")
        )
        return UndoBlocked(
            _(
                "Cannot undo: {label} was changed by {who} at {when} after your change ({what}). Nothing was "
                "changed. {next}"
            ).format(
                what=describe_event(group[0], doc),
                label=entity_label(doc, blocker),
                who=display_safe(blocker.actor_label()),
                when=format_datetime(blocker.at),
                next=next_words,
            ),
            next_description=describe_event(following[0], doc) if following else None,
            changed_by=blocker.actor_label(),
            changed_at=blocker.at,
        )

    def _first_unblocked_after(self, target: str) -> list[Event] | None:
        """The group ``undo --skip-blocked`` would revert when ``target`` is blocked (none past an import)."""
        groups = self.groups()
        for group in groups:
            if group[0].group == target:
                break
        for group in groups:
            if any(e.kind == "imported" for e in group):
                return None
            if self.blocker(group) is None:
                return group
        return None


def _require_for_undo(tx: Transaction, group: list[Event]) -> None:
    """Undo may do only what the actor's role may do now, whatever it was when the change was made."""
    tx.require("undo")
    role = tx.role()
    for event in group:
        campaign = tx.doc.campaigns.get(event.campaign_id) if event.campaign_id else None
        action = permissions.undo_action(event, role, campaign.training_stage if campaign else None)
        if not permissions.allowed(role, action):
            doing = _("undo this change ({action})").format(action=permissions.action_phrase(action))
            raise permissions.refusal(role, doing, tx.actor.login, listed=tx.doc.users.get(tx.actor.login) is not None)


def _revert(tx: Transaction, event: Event, references: _References) -> None:
    table_name = TABLE_OF_ENTITY.get(event.entity)
    if table_name is None:
        return
    if event.entity == "user":
        _revert_user(tx, event)
        return
    if event.kind == "merged" and MERGED_RECORD in event.changes:
        _bring_back(tx, event, table_name)
        return
    if tx.doc.tables[table_name].get(event.entity_id) is None:
        raise ConflictError(_("Cannot undo: {label} no longer exists.").format(label=entity_label(tx.doc, event)))
    if event.kind in REMOVAL_OF_CREATION:
        _revert_creation(tx, event, table_name, references)
    else:
        _revert_change(tx, event, table_name)


def _revert_user(tx: Transaction, event: Event) -> None:
    record = tx.doc.users.get(event.entity_id)
    before = event.changes.get("role", [None, None])[0]
    if before is None:
        if record is not None:
            tx.delete("users", event.entity_id)
    else:
        data = {"login": event.entity_id, "role": before, "added_at": tx.clock(), "added_by": tx.actor.login}
        tx.put("users", User.model_validate(data))
    tx.event("user_set", "user", event.entity_id, changes={"role": [record.role if record else None, before]})


def _bring_back(tx: Transaction, event: Event, table_name: str) -> None:
    """Put back, as it was, a record a merge removed (the other organization, a card it had twice)."""
    table = tx.doc.tables[table_name]
    data = event.changes[MERGED_RECORD][0]
    tx.put(table_name, table.model.model_validate(data))
    tx.event(
        "unmerged",
        event.entity,
        event.entity_id,
        organization_id=event.organization_id,
        campaign_id=event.campaign_id,
        reason=event.reason,
        changes={MERGED_RECORD: [None, data]},
    )


def _revert_creation(tx: Transaction, event: Event, table_name: str, references: _References) -> None:
    if references.used(event):
        raise ConflictError(
            _("Cannot undo adding {label}: it has been used since (cards, visits or trainings).").format(
                label=entity_label(tx.doc, event)
            )
        )
    tx.delete(table_name, event.entity_id)
    tx.event(
        REMOVAL_OF_CREATION[event.kind],
        event.entity,
        event.entity_id,
        organization_id=event.organization_id,
        campaign_id=event.campaign_id,
        reason=N_("undo"),
    )


REVERSE_KIND = {
    "off_board": "restored",
    "restored": "off_board",
    "organization_archived": "organization_restored",
    "organization_restored": "organization_archived",
    "merged": "unmerged",
}
"""The kind of the event that records reverting a change of these kinds (others keep their kind)."""


def _revert_change(tx: Transaction, event: Event, table_name: str) -> None:
    record: BaseModel | None = tx.doc.tables[table_name].get(event.entity_id)
    assert record is not None  # _revert checked it
    reverse = {name: values[0] for name, values in event.changes.items()}
    if "updated_by" in reverse:
        reverse["updated_by"] = tx.by  # the person who undid is the last to have changed it
    updated, diff = apply_changes(record, reverse, tx.clock(), event.entity)
    tx.put(table_name, updated)
    kind = REVERSE_KIND.get(event.kind) or ("moved" if "stage" in reverse else event.kind)
    tx.event(
        kind,
        event.entity,
        event.entity_id,
        organization_id=event.organization_id,
        campaign_id=event.campaign_id,
        **_stages_of_revert(kind, event, updated),
        reason=_reverted_reason(event, reverse),
        changes=diff,
        version_after=getattr(updated, "version", None),
    )


def _stages_of_revert(kind: str, event: Event, updated: BaseModel) -> dict[str, str | None]:
    """The stages the revert's event names: where a card moved back from and to, or stands."""
    stage = getattr(updated, "stage", None)
    if kind == "moved":
        return {"from_stage": event.to_stage, "to_stage": stage}
    if kind == "restored":
        return {"from_stage": None, "to_stage": stage}
    if kind == "off_board":
        return {"from_stage": stage, "to_stage": None}
    return {"from_stage": None, "to_stage": None}


def _reverted_reason(event: Event, reverse: dict[str, Any]) -> str:
    """Why the record changed: undo, or for a card sent off the board again, the reason it had."""
    if event.kind == "merged":
        return event.reason  # the name of the organization the record goes back to
    off_board = reverse.get("off_board")
    if event.kind == "restored" and isinstance(off_board, dict) and off_board.get("reason"):
        return str(off_board["reason"])
    return N_("undo")


class _References:
    """Whether a record an undo would remove is used by another one (a card, a visit, a training).

    An import's undo removes thousands of organizations: looking through every card, visit and
    training for each one took minutes. Cards are looked up in the board's own index; the
    organizations visits and trainings name are gathered once, unless the change being undone
    itself adds or removes visits or trainings (then each check looks afresh).
    """

    def __init__(self, tx: Transaction, group: list[Event]) -> None:
        self.doc = tx.doc
        self.activity: set[str] | None = None
        if not any(event.entity in ("visit", "training") for event in group):
            self.activity = self._activity_organizations()

    def _activity_organizations(self) -> set[str]:
        doc = self.doc
        found = {visit.organization_id for visit in doc.visits.values()}
        found.update(item.organization_id for training in doc.trainings.values() for item in training.attendance)
        return found

    def used(self, event: Event) -> bool:
        doc = self.doc
        if event.entity == "organization":
            org_id = event.entity_id
            if any(org_id in doc.placements.in_campaign(campaign.id) for campaign in doc.campaigns.values()):
                return True
            return org_id in (self.activity if self.activity is not None else self._activity_organizations())
        if event.entity == "campaign":
            return any(
                record.campaign_id == event.entity_id
                for table in (doc.placements, doc.visits, doc.trainings)
                for record in table.values()
            )
        return False
