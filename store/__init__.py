"""The outreach-tui data library: pydantic models and a safe, shared TinyDB repository.

It imports nothing from the user interface, never prints and never exits.
"""

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
    ValidationFailed,
)
from .identity import Actor, current_actor
from .models import (
    SCHEMA_VERSION,
    Attendance,
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
from .repository import ACTIONS, Board, Card, Column, Counts, IdFactory, Repository, UndoResult, describe_event

__all__ = [
    "ACTIONS",
    "SCHEMA_VERSION",
    "Actor",
    "AmbiguousReferenceError",
    "Attendance",
    "Board",
    "Campaign",
    "Card",
    "Column",
    "ConflictError",
    "Contact",
    "Counts",
    "Event",
    "IdFactory",
    "LockTimeoutError",
    "NotFoundError",
    "NothingToUndo",
    "Organization",
    "PermissionDenied",
    "Place",
    "Placement",
    "Repository",
    "SchemaTooNewError",
    "Stage",
    "StoreError",
    "StoreFileError",
    "Training",
    "UndoResult",
    "User",
    "ValidationFailed",
    "Visit",
    "WorkersReached",
    "current_actor",
    "describe_event",
]
