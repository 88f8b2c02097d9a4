"""The history: the one builder of history events, and the sentences that describe them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .document import BoardDocument
from .encryption import fingerprint
from .errors import ConflictError
from .export_profiles import profile_name
from .field_labels import changed_field_labels
from .i18n import N_, _, format_date, format_datetime, format_number, ngettext
from .ids import IdFactory
from .merged import RECORD, former_name
from .models import Campaign, Event, Training
from .settings import language_name
from .stage_history import STAGE_FIELDS, stage_sentences
from .stages import stage_label
from .text import display_safe

_KEPT_WHEN_NONE = ("from_stage", "to_stage")


def new_event(
    ids: IdFactory,
    kind: str,
    entity: str,
    entity_id: str,
    *,
    at: datetime,
    actor: str,
    on_behalf: str = "",
    group: str | None = None,
    taken: Callable[[str], bool] | None = None,
    **fields: Any,
) -> Event:
    """A validated history event; ``group`` defaults to a group of its own.

    ``taken`` tells whether an event id is already used: a history entry is never
    replaced, however unlikely a repeated id is. Fields given as ``None`` are left out.
    """
    event_id = ids.new("ev")
    while taken is not None and taken(event_id):
        event_id = ids.new("ev")
    return Event.model_validate(
        {
            "id": event_id,
            "group": group if group is not None else ids.new("grp"),
            "at": at,
            "actor": actor,
            "on_behalf": on_behalf,
            "kind": kind,
            "entity": entity,
            "entity_id": entity_id,
            **{k: v for k, v in fields.items() if v is not None or k in _KEPT_WHEN_NONE},
        }
    )


# -- labels used in messages --------------------------------------------------------


def org_label(doc: BoardDocument, org_id: str) -> str:
    org = doc.organizations.get(org_id)
    name = org.name if org else former_name(doc, org_id)
    return display_safe(name) if name else org_id


def campaign_label(doc: BoardDocument, campaign_id: str) -> str:
    campaign = doc.campaigns.get(campaign_id)
    return display_safe(campaign.name) if campaign else campaign_id


def entity_label(doc: BoardDocument, event: Event) -> str:
    """What an event is about, as a person would name it."""
    if event.entity == "board":
        return _("the board configuration")
    if event.organization_id:
        return org_label(doc, event.organization_id)
    if event.campaign_id:
        return campaign_label(doc, event.campaign_id)
    return event.entity_id


def last_change_of(doc: BoardDocument, entity: str, entity_id: str) -> Event | None:
    """The newest history event about one record (who changed it last, and when)."""
    newest = None
    for event in doc.events.values():
        if (
            event.entity == entity
            and event.entity_id == entity_id
            and event.kind != "imported"
            and (newest is None or event.at >= newest.at)
        ):
            newest = event
    return newest


def departures(events: Iterable[Event], campaign_id: str) -> dict[tuple[str, str], Event]:
    """Who took each card off ``campaign_id``'s board, and when: ``(kind, organization id)`` -> the newest
    ``off_board`` event of that board, or the newest ``organization_archived`` event (archiving takes a
    card off every board). Keyed by kind too, because a card brought back from archive may still be off
    the board from before. ``events``: newest first, as ``Repository.history`` gives them.
    """
    found: dict[tuple[str, str], Event] = {}
    for event in events:
        if event.organization_id is None:
            continue
        if (event.kind == "off_board" and event.campaign_id == campaign_id) or event.kind == "organization_archived":
            found.setdefault((event.kind, event.organization_id), event)
    return found


def conflict_error(
    doc: BoardDocument, entity: str, entity_id: str, label: str, expected: int, found: int
) -> ConflictError:
    """The refusal of a change made on a stale copy: who changed the record since, and how."""
    last = last_change_of(doc, entity, entity_id)
    if last is not None:
        what = describe_event(last, doc)
        message = _(
            "{label} was changed by {who} at {when} ({what}) after you loaded it; your change was not applied. "
            "The board now shows the current state."
        ).format(label=label, who=display_safe(last.actor_label()), when=format_datetime(last.at), what=what)
        return ConflictError(message, changed_by=last.actor_label(), changed_at=last.at, what=what)
    return ConflictError(
        _("{label} changed (version {found}, you had {expected}); your change was not applied.").format(
            label=label, found=found, expected=expected
        )
    )


# -- one line per event ------------------------------------------------------------------

STAGE_REMOVED_REASON = N_("its stage was removed")
"""Why a card moved when its stage was removed from the board."""

SYSTEM_REASONS = frozenset({N_("undo"), N_("imported without training"), STAGE_REMOVED_REASON})
"""Reasons the program writes itself. They are stored in English and translated when shown, so a
history written by people working in different languages reads in the reader's language."""


def event_reason(event: Event) -> str:
    """The reason an event records, ready to show: the program's own in the reader's language."""
    return _(event.reason) if event.reason in SYSTEM_REASONS else display_safe(event.reason)


@dataclass(frozen=True)
class _Words:
    """The parts of an event's sentence, ready to show."""

    event: Event
    org: str
    campaign: Campaign | None
    training: Training | None = None
    undone: str = ""
    """For an undo: the description of the change it reverted."""

    def stage(self, key: str | None) -> str:
        if key is None:
            return ""
        return display_safe(stage_label(self.campaign, key))

    @property
    def campaign_name(self) -> str:
        return display_safe(self.campaign.name) if self.campaign else ""

    @property
    def reason(self) -> str:
        return event_reason(self.event)

    def with_basis(self, sentence: str) -> str:
        """``sentence`` followed by what let the card into the training stage, when the event records it."""
        if self.event.without_training:
            return _("{sentence} without a training: {reason}").format(sentence=sentence, reason=self.reason)
        if self.training is not None:
            return _("{sentence}, having attended the training of {date}").format(
                sentence=sentence, date=format_date(self.training.date)
            )
        return sentence


def _edited(w: _Words) -> str:
    changes = w.event.changes
    stages = stage_sentences(changes, w.campaign, w.campaign_name) if w.event.entity == "campaign" else []
    others = {name: values for name, values in changes.items() if not (stages and name in STAGE_FIELDS)}
    fields = ", ".join(changed_field_labels(w.event.entity, others))
    if stages and not fields:
        return "; ".join(stages)
    edited = _("edited {fields} of {target}").format(fields=fields or _("details"), target=w.org or w.campaign_name)
    return "; ".join([*stages, edited])


def _imported(w: _Words) -> str:
    counts = w.event.changes
    if "added" not in counts:
        return _("imported {what}").format(what=w.reason)  # written before imports recorded their counts
    return _("imported {source}: {added} records added, {updated} updated").format(
        source=w.reason,
        added=format_number(counts["added"][-1]),
        updated=format_number(counts.get("updated", [0, 0])[-1]),
    )


def _role_changed(w: _Words) -> str:
    before, after = w.event.changes.get("role", [None, None])
    return _("changed the role of {login}: {before} → {after}").format(
        login=display_safe(w.event.entity_id), before=before or "—", after=after or "—"
    )


def _setting_value(name: str, value: Any) -> str:
    if name == "language":
        return f"{value} ({language_name(value)})" if value else _("none")
    if name == "time_zone":
        return str(value) if value else _("the server's")
    return str(value)


def _settings_changed(w: _Words) -> str:
    sentences = {
        "language": _("set the board language: {before} → {after}"),
        "time_zone": _("set the board time zone: {before} → {after}"),
    }
    said = [
        sentences[name].format(before=_setting_value(name, before), after=_setting_value(name, after))
        for name, (before, after) in sorted(w.event.changes.items())
        if name in sentences
    ]
    if "contact_retention_days" in w.event.changes:
        days = w.event.changes["contact_retention_days"][-1]
        said.append(
            _("set the contact retention: {days} days").format(days=days)
            if days
            else _("removed the contact retention")
        )
    if "team_keys" in w.event.changes:
        said += _team_key_sentences(*w.event.changes["team_keys"])
    if "require_encrypted_exports" in w.event.changes:
        required = w.event.changes["require_encrypted_exports"][-1]
        said.append(_("required encrypted exports") if required else _("allowed unencrypted exports"))
    return "; ".join(said)


def _team_key_sentences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    said = [
        _("stored the public key of {name} ({fingerprint})").format(
            name=display_safe(name), fingerprint=fingerprint(key)
        )
        for name, key in sorted(after.items())
        if before.get(name) != key
    ]
    said += [
        _("removed the public key of {name}").format(name=display_safe(name))
        for name in sorted(before.keys() - after.keys())
    ]
    return said


RECORD_NAMES = {"placement": N_("card"), "visit": N_("visit"), "training": N_("training")}
"""What a merge moved, as its history line names it."""


def _merged(w: _Words) -> str:
    other = w.reason
    if w.event.entity == "organization":
        return _("merged {other} into {org}").format(other=other, org=w.org)
    if RECORD in w.event.changes:
        return _("dropped the card of {other}: {org} was already in that stage").format(other=other, org=w.org)
    record = _(RECORD_NAMES.get(w.event.entity, w.event.entity))
    return _("moved a {record} of {other} to {org}").format(record=record, other=other, org=w.org)


def _unmerged(w: _Words) -> str:
    if w.event.entity == "organization":
        return _("separated {other} from {org} again").format(other=w.reason, org=w.org)
    record = _(RECORD_NAMES.get(w.event.entity, w.event.entity))
    return _("gave a {record} back to {other}").format(record=record, other=w.reason)


def _spreadsheet_imported(w: _Words) -> str:
    added = w.event.changes.get("added", [0, 0])[-1]
    return ngettext(
        "imported {source}: {added} organization added, {updated} updated",
        "imported {source}: {added} organizations added, {updated} updated",
        added,
    ).format(
        source=w.reason, added=format_number(added), updated=format_number(w.event.changes.get("updated", [0, 0])[-1])
    )


def _exported(w: _Words) -> str:
    sentence = _exported_sentence(w)
    return sentence + _(", encrypted") if "encrypted" in w.event.changes else sentence


def _exported_sentence(w: _Words) -> str:
    records = w.event.changes.get("records", [0, 0])[-1]
    profile = profile_name(str(w.event.changes.get("profile", [None, ""])[-1]))
    return ngettext(
        "exported {campaign} ({profile}) to {destination}: {n} organization",
        "exported {campaign} ({profile}) to {destination}: {n} organizations",
        records,
    ).format(campaign=w.campaign_name, profile=profile, destination=w.reason, n=format_number(records))


_DESCRIPTIONS: dict[str, Callable[[_Words], str]] = {
    "moved": lambda w: w.with_basis(
        _("moved {org} from {a} to {b}").format(org=w.org, a=w.stage(w.event.from_stage), b=w.stage(w.event.to_stage))
    ),
    "off_board": lambda w: _("took {org} off the board: {reason}").format(org=w.org, reason=w.reason),
    "restored": lambda w: _("brought {org} back to {b}").format(org=w.org, b=w.stage(w.event.to_stage)),
    "placed": lambda w: w.with_basis(_("put {org} on the board in {b}").format(org=w.org, b=w.stage(w.event.to_stage))),
    "organization_added": lambda w: _("added {org}").format(org=w.org),
    "organization_edited": _edited,
    "placement_edited": _edited,
    "campaign_edited": _edited,
    "organization_archived": lambda w: _("archived {org}").format(org=w.org),
    "organization_restored": lambda w: _("unarchived {org}").format(org=w.org),
    "visit_logged": lambda w: _("logged a visit to {org}").format(org=w.org),
    "training_recorded": lambda w: _("recorded a training"),
    "campaign_created": lambda w: _("created campaign {name}").format(name=w.campaign_name or w.event.entity_id),
    # Undoing a creation removes the record; these events say so.
    "campaign_removed": lambda w: _("removed campaign {name}").format(name=w.campaign_name or w.event.entity_id),
    "organization_removed": lambda w: _("removed {org}").format(org=w.org),
    "placement_removed": lambda w: _("removed the card of {org}").format(org=w.org),
    "visit_removed": lambda w: _("removed a visit to {org}").format(org=w.org),
    "training_removed": lambda w: _("removed a training"),
    "user_set": _role_changed,
    "user_removed": _role_changed,
    "settings_changed": _settings_changed,
    "merged": _merged,
    "unmerged": _unmerged,
    "undone": lambda w: _("undid: {what}").format(what=w.undone or w.reason),
    "imported": _imported,
    "spreadsheet_imported": _spreadsheet_imported,
    "exported": _exported,
    "file_created": lambda w: _("created the board file"),
    "contacts_forgotten": lambda w: ngettext(
        "forgot the staff contacts of {org} ({n} contact)",
        "forgot the staff contacts of {org} ({n} contacts)",
        w.event.changes.get("contacts", [0, 0])[0],
    ).format(org=w.org, n=format_number(w.event.changes.get("contacts", [0, 0])[0])),
    "history_acknowledged": lambda w: ngettext(
        "acknowledged {n} problem found in the history",
        "acknowledged {n} problems found in the history",
        len(w.event.changes.get("problems", [None, []])[-1]),
    ).format(n=format_number(len(w.event.changes.get("problems", [None, []])[-1]))),
}


def describe_event(event: Event, doc: BoardDocument) -> str:
    """One line describing a history event, for the history views, conflict messages and the undo notice."""
    describe = _DESCRIPTIONS.get(event.kind)
    if describe is None:
        return event.kind.replace("_", " ")
    org = org_label(doc, event.organization_id) if event.organization_id else ""
    campaign = doc.campaigns.get(event.campaign_id) if event.campaign_id else None
    training = doc.trainings.get(event.training_id) if event.training_id else None
    undone = _undone_description(event, doc) if event.kind == "undone" else ""
    return describe(_Words(event, org, campaign, training, undone))


def _undone_description(event: Event, doc: BoardDocument) -> str:
    """What an undo reverted, described now (in the reader's language) from the reverted change itself."""
    original = next((e for e in doc.events.values() if e.group == event.undoes and e.kind != "undone"), None)
    return describe_event(original, doc) if original is not None else ""
