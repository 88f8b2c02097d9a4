"""The repository: the one API the board and the command line use to read and change a board file.

Every change runs as one transaction (``store.transaction``): take the file lock,
re-read the file if another session changed it, check roles and versions, apply the
change, append history events, write the file atomically, release the lock. Nothing
else writes the file. This class only opens transactions and hands each query and
command to the module that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import integrity, permissions, queries
from .changes import activity, campaigns, cards, merging, organizations, settings, users
from .changes.merging import MergeResult
from .changes.training_rule import TrainingBasis
from .document import BoardDocument
from .errors import StoreFileError
from .history import describe_event as _describe
from .history import last_change_of, new_event
from .i18n import _
from .identity import Actor, current_actor
from .ids import IdFactory
from .loading import BoardCopy
from .models import (
    FILE_FORMAT,
    SCHEMA_VERSION,
    BoardSettings,
    Campaign,
    Event,
    Meta,
    Organization,
    Placement,
    Role,
    Stage,
    Training,
    User,
    Visit,
    utc_now,
)
from .permissions import PERMISSIONS
from .settings import current_settings
from .storage import BoardFile
from .transaction import Transaction, transaction
from .undo import undo
from .views import Board, Card, Counts, UndoResult

ACTIONS = PERMISSIONS
"""Former name of ``store.permissions.PERMISSIONS``."""


class Repository:
    """A board file opened for reading and changing. See the module docstring."""

    def __init__(self, board_file: BoardFile, actor: Actor, ids: IdFactory, clock: Callable[[], datetime]) -> None:
        self.file = board_file
        self.actor = actor
        self._ids = ids
        self._clock = clock
        self._copy = BoardCopy(board_file)

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        shared: bool = False,
        actor: Actor | None = None,
        ids: IdFactory | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> Repository:
        """Open the board file at ``path``; with ``create`` make a new empty board if it is missing.

        Raises ``StoreFileError`` (naming the file) if it is not a valid board file;
        the file is then left untouched.
        """
        repo = cls(BoardFile(path, shared=shared), actor or current_actor(), ids or IdFactory(), clock)
        if repo.file.exists():
            repo._copy.reload(force=True)
        elif create:
            repo._copy.create(repo._first_records)
        else:
            raise _no_board_at(repo.path)
        return repo

    def _first_records(self) -> tuple[Meta, Event]:
        now = self._clock()
        meta = Meta(format=FILE_FORMAT, schema_version=SCHEMA_VERSION, created_at=now, created_by=self.actor.label())
        event = new_event(
            self._ids,
            "file_created",
            "file",
            "",
            at=now,
            actor=self.actor.login,
            on_behalf=self.actor.on_behalf,
            group=self._ids.new("grp"),
        )
        return meta, event

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def _doc(self) -> BoardDocument:
        return self._copy.document

    def finish_loading(self) -> None:
        """Validate what opening deferred (the history). Raises ``StoreFileError`` if it is invalid."""
        self._doc.finish_loading()

    def verify(self) -> None:
        """Check everything a write or an import would: every record, across tables, and that it can be written.

        Raises ``StoreFileError`` naming the first problems; ``check`` runs this.
        """
        self._copy.reload()
        self._doc.finish_loading()
        integrity.check_opened(self._doc)
        self._copy.check_encodable()

    def refresh(self) -> bool:
        """Pick up changes other sessions wrote. Cheap (one ``stat``) when nothing changed."""
        return self._copy.reload()

    def changed_on_disk(self) -> bool:
        """Whether another session wrote the file since this one last read or wrote it."""
        return self._copy.changed_on_disk()

    @property
    def generation(self) -> int:
        """Increases whenever the in-memory copy changes (a write or a reload)."""
        return self._doc.generation

    def _transaction(self) -> AbstractContextManager[Transaction]:
        return transaction(self._copy, self.actor, self._ids, self._clock)

    # -- roles ---------------------------------------------------------------------------

    def role(self, login: str | None = None) -> Role:
        """The role of ``login`` (default: the current actor) on this board."""
        users = self._doc.users
        return permissions.role_of(users.get(login or self.actor.login), board_has_users=len(users) > 0)

    def require(self, action: str) -> bool:
        """Raise ``PermissionDenied`` (saying why) unless the current role may perform ``action``."""
        listed = self._doc.users.get(self.actor.login) is not None
        permissions.require(self.role(), action, self.actor.login, listed=listed)
        return True

    def can(self, action: str) -> bool:
        """Whether the current role may perform ``action`` (names as in ``store.permissions.PERMISSIONS``)."""
        return permissions.allowed(self.role(), action)

    # -- reading -------------------------------------------------------------------------

    def counts(self) -> Counts:
        return queries.counts(self._doc)

    def campaigns(self) -> list[Campaign]:
        return queries.campaigns(self._doc)

    def campaign(self, ref: str) -> Campaign:
        """A campaign by id or by exact (case-insensitive) name."""
        return queries.campaign(self._doc, ref)

    def default_campaign(self) -> Campaign | None:
        """The campaign a session opens on: the newest active one, else the newest planned one."""
        return queries.default_campaign(self._doc)

    def organization(self, org_id: str) -> Organization:
        return queries.organization(self._doc, org_id)

    def organizations(self, *, include_archived: bool = False) -> list[Organization]:
        return queries.organizations(self._doc, include_archived=include_archived)

    def find_organization(self, ref: str) -> Organization:
        """An organization by id, exact name or unique alias (case- and accent-insensitive)."""
        return queries.find_organization(self._doc, ref)

    def search(self, query: str, *, include_archived: bool = False) -> list[Organization]:
        """Organizations whose name, aliases, place or tags contain ``query`` (case- and accent-insensitive)."""
        return queries.search(self._doc, query, include_archived=include_archived)

    def placement(self, org_id: str, campaign_id: str) -> Placement:
        return queries.placement(self._doc, org_id, campaign_id)

    def placements_of(self, org_id: str) -> list[Placement]:
        return queries.placements_of(self._doc, org_id)

    def board(self, campaign_id: str) -> Board:
        """The campaign's columns in stage order, cards oldest-in-stage first, plus off-board cards."""
        return queries.board(self._doc, campaign_id)

    def archived_cards(self, campaign_id: str) -> list[Card]:
        """Cards of archived organizations: off every board, still part of the campaign's record."""
        return queries.archived_cards(self._doc, campaign_id)

    def follow_ups(self, campaign_id: str, *, today: date, within_days: int = 7) -> list[Card]:
        """On-board cards whose next follow-up is due within ``within_days`` or overdue, soonest first."""
        return queries.follow_ups(self._doc, campaign_id, today=today, within_days=within_days)

    def visits(self, *, organization_id: str | None = None, campaign_id: str | None = None) -> list[Visit]:
        return queries.visits(self._doc, organization_id=organization_id, campaign_id=campaign_id)

    def trainings(self, *, organization_id: str | None = None, campaign_id: str | None = None) -> list[Training]:
        return queries.trainings(self._doc, organization_id=organization_id, campaign_id=campaign_id)

    def history(
        self, *, organization_id: str | None = None, campaign_id: str | None = None, limit: int | None = None
    ) -> list[Event]:
        """History events, newest first."""
        return queries.history(self._doc, organization_id=organization_id, campaign_id=campaign_id, limit=limit)

    def history_mark(self) -> int:
        """How far the history goes now, for ``history_since`` after a refresh."""
        return queries.history_mark(self._doc)

    def history_since(self, mark: int) -> list[Event]:
        """Events other sessions added after ``history_mark`` returned ``mark``, oldest first; cheap on large boards."""
        return queries.history_since(self._doc, mark)

    def users(self) -> list[User]:
        return queries.users(self._doc)

    def last_change_of(self, entity: str, entity_id: str) -> Event | None:
        """The newest history event about one record (who changed it last, and when)."""
        return last_change_of(self._doc, entity, entity_id)

    def describe(self, event: Event) -> str:
        """One line describing a history event."""
        return _describe(event, self._doc)

    # -- board settings --------------------------------------------------------------------

    def settings(self) -> BoardSettings:
        """The board's settings (default language, time zone); the defaults when none were set."""
        return current_settings(self._doc)

    def set_board_language(self, code: str | None, *, expected_version: int | None = None) -> BoardSettings:
        """Make ``code`` (``en`` or ``es``) the board's default language, or unset it (None). Coordinators only."""
        with self._transaction() as tx:
            return settings.set_language(tx, code, expected_version=expected_version)

    def set_time_zone(self, name: str | None, *, expected_version: int | None = None) -> BoardSettings:
        """Show times in the IANA zone ``name`` (``America/Mexico_City``); None: the server's. Coordinators only."""
        with self._transaction() as tx:
            return settings.set_time_zone(tx, name, expected_version=expected_version)

    # -- campaigns -------------------------------------------------------------------------

    def create_campaign(
        self,
        name: str,
        *,
        description: str = "",
        stages: list[Stage] | None = None,
        goals: Mapping[str, Any] | None = None,
        status: str = "active",
    ) -> Campaign:
        with self._transaction() as tx:
            return campaigns.create_campaign(
                tx, name, description=description, stages=stages, goals=goals, status=status
            )

    def edit_campaign(
        self, campaign_id: str, changes: Mapping[str, Any], *, expected_version: int | None = None
    ) -> Campaign:
        with self._transaction() as tx:
            return campaigns.edit_campaign(tx, campaign_id, changes, expected_version=expected_version)

    # -- organizations ---------------------------------------------------------------------

    def add_organization(
        self,
        fields: Mapping[str, Any],
        *,
        campaign_id: str | None = None,
        stage: str | None = None,
        owner: str | None = None,
        next_follow_up: date | None = None,
        allow_duplicate: bool = False,
        without_training: bool = False,
        reason: str = "",
    ) -> Organization:
        """Add an organization; with ``campaign_id`` also put its card on that campaign's board.

        A name or alias another organization already has raises ``DuplicateError`` naming
        it, unless ``allow_duplicate``. A card put in the training stage or after it needs
        ``without_training`` and a ``reason``.
        """
        basis = TrainingBasis(without_training=without_training, reason=reason)
        with self._transaction() as tx:
            return organizations.add_organization(
                tx,
                fields,
                campaign_id=campaign_id,
                stage=stage,
                owner=owner,
                next_follow_up=next_follow_up,
                allow_duplicate=allow_duplicate,
                basis=basis,
            )

    def update_organization(
        self,
        org_id: str,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        allow_duplicate: bool = False,
    ) -> Organization:
        """Change fields of an organization. A stale ``expected_version`` raises ``ConflictError``.

        A new name or alias another organization already has raises ``DuplicateError``, unless ``allow_duplicate``.
        """
        with self._transaction() as tx:
            return organizations.update_organization(
                tx, org_id, changes, expected_version=expected_version, allow_duplicate=allow_duplicate
            )

    def archive_organization(
        self, org_id: str, *, expected_version: int | None = None, reason: str = ""
    ) -> Organization:
        """Hide an organization from every board and list; it stays in the file and its history."""
        with self._transaction() as tx:
            return organizations.set_archived(tx, org_id, True, expected_version=expected_version, reason=reason)

    def unarchive_organization(self, org_id: str, *, expected_version: int | None = None) -> Organization:
        """Show an archived organization again, on every board it was on, where it was."""
        with self._transaction() as tx:
            return organizations.set_archived(tx, org_id, False, expected_version=expected_version, reason="")

    def merge_organizations(self, keep_id: str, other_id: str) -> MergeResult:
        """Make one organization of two: ``other_id``'s cards, visits, trainings and history become ``keep_id``'s.

        Its name and aliases become aliases of ``keep_id``; then it is removed. Refused
        (``ValidationFailed``, naming both) where both are on one board in different
        stages. One change: undo separates them again.
        """
        with self._transaction() as tx:
            return merging.merge_organizations(tx, keep_id, other_id)

    # -- cards -----------------------------------------------------------------------------

    def place(
        self,
        org_id: str,
        campaign_id: str,
        *,
        stage: str | None = None,
        owner: str | None = None,
        next_follow_up: date | None = None,
        training_id: str | None = None,
        without_training: bool = False,
        reason: str = "",
    ) -> Placement:
        """Put an existing organization on a campaign's board (one organization can be in many campaigns).

        A card put in the training stage or after it needs ``training_id`` (a training the organization attended)
        or ``without_training`` and a ``reason``.
        """
        basis = TrainingBasis(training_id, without_training, reason)
        with self._transaction() as tx:
            return cards.place(
                tx, org_id, campaign_id, stage=stage, owner=owner, next_follow_up=next_follow_up, basis=basis
            )

    def place_organizations(
        self,
        org_ids: list[str],
        campaign_id: str,
        *,
        stage: str | None = None,
        training_id: str | None = None,
        without_training: bool = False,
        reason: str = "",
    ) -> list[Placement]:
        """Put existing organizations on a campaign's board in one write, in ``stage`` or the first stage.

        Refused with ``ValidationFailed`` naming every one already on that board (or
        archived); nothing is placed then. Cards put in the training stage or after it
        need ``training_id`` or ``without_training`` and a ``reason``, as in ``place``.
        """
        basis = TrainingBasis(training_id, without_training, reason)
        with self._transaction() as tx:
            return cards.place_organizations(tx, org_ids, campaign_id, stage=stage, basis=basis)

    def move(
        self,
        org_id: str,
        stage: str,
        *,
        campaign_id: str,
        expected_version: int | None = None,
        reason: str = "",
        training_id: str | None = None,
        without_training: bool = False,
    ) -> Placement:
        """Move an organization's card to ``stage`` (a stage key or label) on a campaign's board.

        ``expected_version`` is the card version the user saw; if someone changed the
        card since, ``ConflictError`` says who and when and nothing is written. Into the
        training stage (or past it) only with ``training_id``, a training the organization
        attended, or ``without_training`` and a ``reason``; otherwise ``ValidationFailed``.
        """
        with self._transaction() as tx:
            return cards.move(
                tx,
                org_id,
                stage,
                campaign_id=campaign_id,
                expected_version=expected_version,
                reason=reason,
                training_id=training_id,
                without_training=without_training,
            )

    def edit_card(
        self, org_id: str, *, campaign_id: str, changes: Mapping[str, Any], expected_version: int | None = None
    ) -> Placement:
        """Change the owner or the next follow-up date of a card."""
        with self._transaction() as tx:
            return cards.edit_card(
                tx, org_id, campaign_id=campaign_id, changes=changes, expected_version=expected_version
            )

    def set_off_board(
        self, org_id: str, *, campaign_id: str, state: str, reason: str, expected_version: int | None = None
    ) -> Placement:
        """Take a card off the board as ``not_a_fit`` or ``paused``; a reason is required."""
        with self._transaction() as tx:
            return cards.set_off_board(
                tx, org_id, campaign_id=campaign_id, state=state, reason=reason, expected_version=expected_version
            )

    def restore(
        self, org_id: str, *, campaign_id: str, stage: str | None = None, expected_version: int | None = None
    ) -> Placement:
        """Bring an off-board card back, to ``stage`` or to the stage it left from."""
        with self._transaction() as tx:
            return cards.restore(tx, org_id, campaign_id=campaign_id, stage=stage, expected_version=expected_version)

    # -- visits and trainings ----------------------------------------------------------------

    def log_visit(self, fields: Mapping[str, Any], *, update_follow_up: bool = True) -> Visit:
        """Record a follow-up visit. Its next follow-up date also becomes the card's."""
        with self._transaction() as tx:
            return activity.log_visit(tx, fields, update_follow_up=update_follow_up)

    def record_training(self, fields: Mapping[str, Any], *, allow_duplicate: bool = False) -> Training:
        """Record a training; every attending organization moves to the campaign's training stage.

        Organizations already past that stage stay where they are; attendees not yet on
        the board are placed on it; off-board attendees come back. All in one write.
        The campaign, date and attendees of a recorded training raise ``DuplicateError``
        naming it, unless ``allow_duplicate``.
        """
        with self._transaction() as tx:
            return activity.record_training(tx, fields, allow_duplicate=allow_duplicate)

    # -- users, undo and bulk loading ------------------------------------------------------

    def set_user(self, login: str, role: str) -> User:
        """Give ``login`` a role on this board. The first user added must be a coordinator."""
        with self._transaction() as tx:
            return users.set_user(tx, login, role)

    def remove_user(self, login: str) -> None:
        with self._transaction() as tx:
            users.remove_user(tx, login)

    def undo(self, *, skip_blocked: bool = False) -> UndoResult:
        """Revert the current user's most recent change not yet undone.

        Refused with ``UndoBlocked`` (naming the earlier change that would be next) if someone
        changed an affected record since; ``skip_blocked`` goes past such changes to the newest
        one that can be undone, and later undos keep going past them while they stay blocked.
        """
        with self._transaction() as tx:
            return undo(tx, skip_blocked=skip_blocked)

    @contextmanager
    def bulk(self) -> Iterator[Transaction]:
        """One transaction for many records (demo data, imports): one lock, one write.

        The caller puts fully validated records through the returned transaction.
        """
        with self._transaction() as tx:
            tx.require("bulk_load")
            yield tx


def _no_board_at(path: Path) -> StoreFileError:
    return StoreFileError(
        str(path),
        _("There is no board file at {path}. Create one with 'outreach-tui init' or pass --db.").format(path=path),
    )


def describe_event(event: Event, repo: Repository) -> str:
    """The one-line description of a history event, as the history views show it."""
    return repo.describe(event)
