"""Typed errors raised by the store.

Every error carries a complete, user-facing message (``str(error)``) that names the
file, record or field involved, so the CLI and the board can show it as is. The
store never prints and never exits; callers decide how to present these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreFileError(StoreError):
    """The board file cannot be read, is not ours, is invalid, or cannot be written.

    When this is raised while opening, the file on disk has not been touched.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(message)


class SchemaTooNewError(StoreFileError):
    """The file was written by a newer version of outreach-tui."""


class LockTimeoutError(StoreError):
    """Another session held the write lock for too long."""


class NotFoundError(StoreError):
    """An organization, campaign, stage or user does not exist."""


class AmbiguousReferenceError(StoreError):
    """A name or alias matches more than one organization or campaign."""


class ValidationFailed(StoreError):
    """Input (a form, CLI arguments, an import) did not pass validation.

    ``problems`` lists ``(field, message)`` pairs so a form can show each message
    beside its field.
    """

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


class ConflictError(StoreError):
    """A change was based on a stale version of a record.

    ``changed_by``/``changed_at``/``what`` describe the change that got there first.
    """

    def __init__(
        self,
        message: str,
        *,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        what: str | None = None,
    ) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.what = what
        super().__init__(message)


class UndoBlocked(ConflictError):
    """The actor's newest change cannot be undone because someone changed its records since.

    ``next_description`` names the earlier change an undo that skips blocked changes would revert
    (``None`` when there is none).
    """

    def __init__(self, message: str, *, next_description: str | None, **conflict: Any) -> None:
        self.next_description = next_description
        super().__init__(message, **conflict)


class PermissionDenied(StoreError):
    """The current user's role does not allow the operation."""


class NothingToUndo(StoreError):
    """The current user has no change left that can be undone."""


class EncryptionRequired(PermissionDenied):
    """The board requires this export to be encrypted, and it was asked for in plain text."""
