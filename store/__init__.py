"""The outreach-tui data library: pydantic models and a safe, shared TinyDB repository.

It imports nothing from the user interface, never prints and never exits.
"""

from typing import TYPE_CHECKING

from .lazy import exports_of, lazy_exports

# Where each name below comes from; imported on first use (store.lazy).
_MODULES = {
    ".changes.merging": ("MergeResult",),
    ".changes.training_rule": ("reaches_training",),
    ".create": ("BoardExistsError", "create_board"),
    ".duplicates": ("DuplicateError",),
    ".errors": (
        "AmbiguousReferenceError",
        "ConflictError",
        "LockTimeoutError",
        "NotFoundError",
        "NothingToUndo",
        "PermissionDenied",
        "SchemaTooNewError",
        "StoreError",
        "StoreFileError",
        "UndoBlocked",
        "ValidationFailed",
    ),
    ".history": ("departures", "event_reason"),
    ".identity": ("Actor", "current_actor"),
    ".ids": ("IdFactory",),
    ".models": (
        "CAMPAIGN_STATUSES",
        "MAX_ATTENDEES",
        "MAX_ORGANIZATIONS",
        "MAX_STAGES",
        "OFF_BOARD_STATES",
        "ROLES",
        "SCHEMA_VERSION",
        "Attendance",
        "BoardSettings",
        "Campaign",
        "Contact",
        "Event",
        "Organization",
        "Place",
        "Placement",
        "Stage",
        "Training",
        "User",
        "Visit",
        "WorkersReached",
    ),
    ".peek": ("peek_settings",),
    ".permissions": ("ACTION_PHRASES", "PERMISSIONS", "allowed"),
    ".repository": ("ACTIONS", "Repository", "describe_event"),
    ".stages": ("resolve_stage", "shown_label", "stage_label"),
    ".templates": ("TEMPLATES", "StageTemplate", "copied_from", "template"),
    ".views": ("Board", "Card", "Column", "Counts", "UndoResult"),
}

if TYPE_CHECKING:
    from .changes.merging import MergeResult
    from .changes.training_rule import reaches_training
    from .create import BoardExistsError, create_board
    from .duplicates import DuplicateError
    from .errors import (
        AmbiguousReferenceError,
        ConflictError,
        LockTimeoutError,
        NotFoundError,
        NothingToUndo,
        PermissionDenied,
        SchemaTooNewError,
        StoreError,
        StoreFileError,
        UndoBlocked,
        ValidationFailed,
    )
    from .history import departures, event_reason
    from .identity import Actor, current_actor
    from .ids import IdFactory
    from .models import (
        CAMPAIGN_STATUSES,
        MAX_ATTENDEES,
        MAX_ORGANIZATIONS,
        MAX_STAGES,
        OFF_BOARD_STATES,
        ROLES,
        SCHEMA_VERSION,
        Attendance,
        BoardSettings,
        Campaign,
        Contact,
        Event,
        Organization,
        Place,
        Placement,
        Stage,
        Training,
        User,
        Visit,
        WorkersReached,
    )
    from .peek import peek_settings
    from .permissions import ACTION_PHRASES, PERMISSIONS, allowed
    from .repository import ACTIONS, Repository, describe_event
    from .stages import resolve_stage, shown_label, stage_label
    from .templates import TEMPLATES, StageTemplate, copied_from, template
    from .views import Board, Card, Column, Counts, UndoResult
else:
    __getattr__, __dir__ = lazy_exports(__name__, exports_of(_MODULES))

__all__ = [
    "ACTIONS",
    "ACTION_PHRASES",
    "CAMPAIGN_STATUSES",
    "MAX_ATTENDEES",
    "MAX_ORGANIZATIONS",
    "MAX_STAGES",
    "OFF_BOARD_STATES",
    "PERMISSIONS",
    "ROLES",
    "SCHEMA_VERSION",
    "TEMPLATES",
    "Actor",
    "AmbiguousReferenceError",
    "Attendance",
    "Board",
    "BoardExistsError",
    "BoardSettings",
    "Campaign",
    "Card",
    "Column",
    "ConflictError",
    "Contact",
    "Counts",
    "DuplicateError",
    "Event",
    "IdFactory",
    "LockTimeoutError",
    "MergeResult",
    "NotFoundError",
    "NothingToUndo",
    "Organization",
    "PermissionDenied",
    "Place",
    "Placement",
    "Repository",
    "SchemaTooNewError",
    "Stage",
    "StageTemplate",
    "StoreError",
    "StoreFileError",
    "Training",
    "UndoBlocked",
    "UndoResult",
    "User",
    "ValidationFailed",
    "Visit",
    "WorkersReached",
    "allowed",
    "copied_from",
    "create_board",
    "current_actor",
    "departures",
    "describe_event",
    "event_reason",
    "peek_settings",
    "reaches_training",
    "resolve_stage",
    "shown_label",
    "stage_label",
    "template",
]
