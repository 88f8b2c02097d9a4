"""Who may do what: the one permission table that the store's refusals and the board's greying both read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .errors import PermissionDenied
from .i18n import _
from .models import Event, Role, User


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (it is translated where it is shown)."""
    return message


COORDINATORS: frozenset[Role] = frozenset({"coordinator"})
FIELD_WORKERS: frozenset[Role] = frozenset({"coordinator", "trainer"})
EVERYONE: frozenset[Role] = frozenset({"coordinator", "trainer", "viewer"})

PERMISSIONS: Mapping[str, frozenset[Role]] = MappingProxyType(
    {
        "create_campaign": COORDINATORS,
        "edit_campaign": COORDINATORS,
        "change_stages": COORDINATORS,
        "add_organization": COORDINATORS,
        "edit_organization": COORDINATORS,
        "edit_organization_details": COORDINATORS,
        "edit_notes": FIELD_WORKERS,
        "archive_organization": COORDINATORS,
        "merge_organizations": COORDINATORS,
        "place": COORDINATORS,
        "move": FIELD_WORKERS,
        "move_outside_training": COORDINATORS,
        "move_without_training": COORDINATORS,
        "edit_card": FIELD_WORKERS,
        "change_owner": COORDINATORS,
        "off_board": COORDINATORS,
        "restore": COORDINATORS,
        "log_visit": FIELD_WORKERS,
        "record_training": FIELD_WORKERS,
        "manage_users": COORDINATORS,
        "undo": FIELD_WORKERS,
        "bulk_load": COORDINATORS,
        "import": COORDINATORS,
        "export": EVERYONE,
        "export_full": COORDINATORS,
        "export_partner": EVERYONE,
        "export_funder": EVERYONE,
        "print_sheet": EVERYONE,
        "change_settings": COORDINATORS,
        "acknowledge_history": COORDINATORS,
        "forget_contacts": COORDINATORS,
    }
)
"""Store action name -> the roles allowed to perform it. An action missing here is for coordinators."""

ACTION_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "create_campaign": N_("create a campaign"),
        "edit_campaign": N_("change a campaign"),
        "change_stages": N_("change a campaign's stages"),
        "add_organization": N_("add an organization"),
        "edit_organization": N_("edit an organization"),
        "edit_organization_details": N_("edit organization details other than notes"),
        "edit_notes": N_("edit an organization"),
        "archive_organization": N_("archive or restore an organization"),
        "merge_organizations": N_("merge organizations"),
        "place": N_("add a card to a board"),
        "move": N_("move a card"),
        "move_outside_training": N_("move a card outside the training stage"),
        "move_without_training": N_("move a card into the training stage without a training"),
        "edit_card": N_("edit a card"),
        "change_owner": N_("change a card's owner"),
        "off_board": N_("take a card off the board"),
        "restore": N_("restore a card"),
        "log_visit": N_("log a visit"),
        "record_training": N_("record a training"),
        "manage_users": N_("manage users"),
        "undo": N_("undo"),
        "bulk_load": N_("load many records at once"),
        "import": N_("import"),
        "export": N_("export"),
        "export_full": N_("export a full snapshot (with staff contacts, notes and visit findings)"),
        "export_partner": N_("export the partner profile"),
        "export_funder": N_("export the funder profile"),
        "print_sheet": N_("print a visit sheet"),
        "change_settings": N_("change the board settings"),
        "acknowledge_history": N_("acknowledge problems in the history"),
        "forget_contacts": N_("forget an organization's contacts"),
    }
)
"""Store action name -> what it does, as it ends "Not allowed to ..." (untranslated; see ``action_phrase``)."""

TRAINER_ORGANIZATION_FIELDS = frozenset({"notes"})
"""Organization fields a trainer may change."""
TRAINER_PLACEMENT_FIELDS = frozenset({"next_follow_up"})
"""Card fields a trainer may change."""


def allowed(role: Role, action: str) -> bool:
    """Whether ``role`` may perform ``action``."""
    return role in PERMISSIONS.get(action, COORDINATORS)


def action_phrase(action: str) -> str:
    """``action`` in the user's language, as it ends "Not allowed to ..."."""
    return _(ACTION_PHRASES.get(action, action))


def role_of(user: User | None, *, board_has_users: bool) -> Role:
    """The role of a login: everyone coordinates a board without users; strangers only view."""
    if not board_has_users:
        return "coordinator"
    return user.role if user else "viewer"


def require(role: Role, action: str, login: str, *, listed: bool) -> None:
    """Raise ``PermissionDenied`` saying why, unless ``role`` may perform ``action``.

    ``listed`` tells whether ``login`` is a user of the board (a stranger is told so).
    """
    if not allowed(role, action):
        raise refusal(role, action_phrase(action), login, listed=listed)


def refusal(role: Role, doing: str, login: str, *, listed: bool) -> PermissionDenied:
    """The ``PermissionDenied`` that says ``login`` (of ``role``) may not do ``doing``, and why."""
    if role == "viewer" and not listed:
        reason = _("{login} is not a user of this board, so it can only view and export").format(login=login)
    else:
        reason = _("{login} is a {role}").format(login=login, role=_(role))
    return PermissionDenied(_("Not allowed to {action}: {reason}.").format(action=doing, reason=reason))


def organization_edit_action(role: Role, fields: set[str]) -> str:
    """The action an organization edit of ``fields`` needs (trainers may change notes only)."""
    if fields <= TRAINER_ORGANIZATION_FIELDS:
        return "edit_notes"
    return "edit_organization_details" if role == "trainer" else "edit_organization"


def organization_fields_for(role: Role, fields: Iterable[str]) -> frozenset[str]:
    """Those of an organization's ``fields`` that ``role`` may change: each one the store would let an edit of it through.

    Forms show these only, so a person never fills in what the save would refuse.
    """
    return frozenset(field for field in fields if allowed(role, organization_edit_action(role, {field})))


ONLY_FOR: Mapping[frozenset[Role], str] = MappingProxyType(
    {COORDINATORS: N_("coordinators only"), FIELD_WORKERS: N_("coordinators and trainers only")}
)
"""The roles of an action -> how a help or palette entry says who may use it (untranslated)."""


def only_for(action: str) -> str:
    """Who may perform ``action``, as a short note beside an entry ("coordinators only"), in the user's language."""
    roles = PERMISSIONS.get(action, COORDINATORS)
    note = ONLY_FOR.get(roles)
    return _(note) if note else ", ".join(_(role) for role in sorted(roles))


def card_edit_actions(role: Role, fields: set[str]) -> tuple[str, ...]:
    """The actions a card edit of ``fields`` needs, checked in this order."""
    if role == "trainer" and fields - TRAINER_PLACEMENT_FIELDS:
        return ("change_owner", "edit_card")
    return ("edit_card",)


def move_action(training_stage: str, from_stage: str, to_stage: str) -> str:
    """Trainers move cards into or out of the training stage only."""
    return "move" if training_stage in (from_stage, to_stage) else "move_outside_training"


REVERSE_ACTIONS: Mapping[str, str] = MappingProxyType(
    {
        "campaign_created": "create_campaign",
        "campaign_edited": "edit_campaign",
        "organization_added": "add_organization",
        "organization_archived": "archive_organization",
        "organization_restored": "archive_organization",
        "merged": "merge_organizations",
        "placed": "place",
        "off_board": "restore",
        "restored": "off_board",
        "visit_logged": "log_visit",
        "training_recorded": "record_training",
        "user_set": "manage_users",
        "user_removed": "manage_users",
        "settings_changed": "change_settings",
        "spreadsheet_imported": "import",
    }
)
"""The action that reverting a change of each kind performs (moves and edits depend on the change)."""


def undo_action(event: Event, role: Role, training_stage: str | None) -> str:
    """The action reverting ``event`` performs now, so undo asks for the role that action needs.

    ``training_stage`` is the training stage of the event's campaign (for moves).
    """
    changed = set(event.changes) - {"updated_by"}
    if event.kind == "moved":
        if training_stage is None or not (event.from_stage and event.to_stage):
            return "move"
        return move_action(training_stage, event.to_stage, event.from_stage)
    if event.kind == "organization_edited":
        return organization_edit_action(role, changed)
    if event.kind == "placement_edited":
        return card_edit_actions(role, changed)[0]
    return REVERSE_ACTIONS.get(event.kind, "undo")
