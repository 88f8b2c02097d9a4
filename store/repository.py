"""The repository: the one API the board and the command line use to read and change a board file.

Every change runs as one transaction (``store.transaction``): take the file lock,
re-read the file if another session changed it, check roles and versions, apply the
change, append history events, write the file atomically, release the lock. Nothing
else writes the file. This class only opens transactions and hands each command to
the module that owns it; opening the file is ``store.session``'s, the queries are
``store.reading``'s, and ``Repository`` inherits both
(through ``store.protection``, which holds the changes that protect the people behind the data).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from .changes import (
    activity,
    campaigns,
    cards,
    exports,
    organizations,
    settings,
    users,
)
from .changes import stages as stage_changes
from .changes.training_rule import TrainingBasis
from .models import (
    BoardSettings,
    Campaign,
    Event,
    Organization,
    Placement,
    Stage,
    Training,
    User,
    Visit,
)
from .permissions import PERMISSIONS
from .protection import ProtectionChanges
from .transaction import Transaction
from .undo import undo
from .views import UndoResult

if TYPE_CHECKING:
    # Merging and spreadsheet imports load when first used: opening the board needs neither.
    from .changes.merging import MergeResult
    from .changes.spreadsheet_import import ImportOutcome
    from .spreadsheets.importing import ImportRequest
    from .spreadsheets.plan import ImportPlan
    from .spreadsheets.table import Table

ACTIONS = PERMISSIONS
"""Former name of ``store.permissions.PERMISSIONS``."""


class Repository(ProtectionChanges):
    """A board file opened for reading and changing. See the module docstring."""

    # -- board settings --------------------------------------------------------------------

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
        training_stage: str | None = None,
        active_stage: str | None = None,
        starts_on: date | None = None,
        ends_on: date | None = None,
    ) -> Campaign:
        """A new campaign with ``stages`` (default: ``DEFAULT_STAGES``; ``store.templates`` has others).

        Without ``training_stage``: ``trained`` if there is one, else the second stage; without
        ``active_stage``: the last stage. Coordinators only.
        """
        details: dict[str, Any] = {"training_stage": training_stage, "active_stage": active_stage}
        details |= {"starts_on": starts_on, "ends_on": ends_on}
        with self._transaction() as tx:
            return campaigns.create_campaign(
                tx,
                name,
                description=description,
                stages=stages,
                goals=goals,
                status=status,
                details={key: value for key, value in details.items() if value is not None},
            )

    def edit_campaign(
        self, campaign_id: str, changes: Mapping[str, Any], *, expected_version: int | None = None
    ) -> Campaign:
        with self._transaction() as tx:
            return campaigns.edit_campaign(tx, campaign_id, changes, expected_version=expected_version)

    # -- stages of a campaign ----------------------------------------------------------------
    # Each is one write and one history event, undone like any campaign edit; ``expected_version``
    # is the campaign version the user saw (a stale one raises ``ConflictError``). Stages are
    # named by key. Refusals raise ``ValidationFailed`` (or ``NotFoundError`` for an unknown
    # stage) saying why; nothing is written then. Coordinators only.

    def add_stage(
        self,
        campaign_id: str,
        key: str,
        label: str,
        *,
        labels: Mapping[str, str] | None = None,
        position: int | None = None,
        expected_version: int | None = None,
    ) -> Campaign:
        """Add stage ``key`` labelled ``label`` (``labels``: per language, e.g. ``{"es": "Visitada"}``).

        ``position`` is the index it gets (0: first; None: last). Refused for a bad or taken key, an
        empty label or one with control characters, or a board that has ``MAX_STAGES`` already.
        """
        with self._transaction() as tx:
            return stage_changes.add_stage(
                tx, campaign_id, key, label, labels=labels, position=position, expected_version=expected_version
            )

    def rename_stage(
        self,
        campaign_id: str,
        key: str,
        *,
        label: str | None = None,
        labels: Mapping[str, str | None] | None = None,
        expected_version: int | None = None,
    ) -> Campaign:
        """Change the label of stage ``key`` (``label``) and its labels per language (``labels``; None drops one)."""
        with self._transaction() as tx:
            return stage_changes.rename_stage(
                tx, campaign_id, key, label=label, labels=labels, expected_version=expected_version
            )

    def move_stage(self, campaign_id: str, key: str, position: int, *, expected_version: int | None = None) -> Campaign:
        """Put stage ``key`` at index ``position`` of the campaign's stages (0: first)."""
        with self._transaction() as tx:
            return stage_changes.move_stage(tx, campaign_id, key, position, expected_version=expected_version)

    def remove_stage(
        self, campaign_id: str, key: str, *, move_cards_to: str | None = None, expected_version: int | None = None
    ) -> Campaign:
        """Retire stage ``key``: it leaves the board, its labels stay for the history that names it.

        Refused while cards (on the board, off it, or of archived organizations) are in it, saying how
        many, unless ``move_cards_to`` names the stage they move to in the same write (not into the
        training stage or past it). The last stage, the training stage and the active-partner stage
        cannot be removed.
        """
        with self._transaction() as tx:
            return stage_changes.remove_stage(
                tx, campaign_id, key, move_cards_to=move_cards_to, expected_version=expected_version
            )

    def set_training_stage(self, campaign_id: str, key: str, *, expected_version: int | None = None) -> Campaign:
        """Make stage ``key`` the one a training moves its attendees into."""
        with self._transaction() as tx:
            return stage_changes.set_training_stage(tx, campaign_id, key, expected_version=expected_version)

    def set_active_stage(self, campaign_id: str, key: str, *, expected_version: int | None = None) -> Campaign:
        """Make stage ``key`` the one whose cards count as active partners for goals and reports."""
        with self._transaction() as tx:
            return stage_changes.set_active_stage(tx, campaign_id, key, expected_version=expected_version)

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
        from .changes import merging

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

    def record_export(
        self, campaign_id: str, profile: str, records: int, destination: str, encrypted: str | None = None
    ) -> Event:
        """Record in the history that the actor exported ``campaign_id`` with ``profile`` (refused when not allowed).

        Check ``require(profile_action(profile))`` before writing the file; call this once it is written.
        """
        with self._transaction() as tx:
            return exports.record_export(tx, campaign_id, profile, records, destination, encrypted)

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

    def plan_spreadsheet(self, table: Table, request: ImportRequest) -> ImportPlan:
        """What importing ``table`` would do (the dry run): new, updated, skipped and duplicate rows, and problems."""
        from .spreadsheets.importing import plan_table

        return plan_table(self._doc, table, request)

    def import_spreadsheet(
        self,
        table: Table,
        request: ImportRequest,
        *,
        skip_bad_rows: bool = False,
        prepared: ImportPlan | None = None,
    ) -> tuple[ImportPlan, ImportOutcome]:
        """Import ``table`` in one write, recorded as one batch that one ``undo`` reverts.

        Planned again under the write lock, so rows are matched against the board as it is then
        (``prepared``: the dry run's plan, whose rows are reused when they still apply).
        Refused whole (``ValidationFailed``) while a row has a problem, unless ``skip_bad_rows``.
        """
        from .changes import spreadsheet_import
        from .spreadsheets.importing import plan_table

        with self._transaction() as tx:
            plan = plan_table(tx.doc, table, request, prepared)
            source = spreadsheet_import.ImportSource(table.path.name, table.sha256)
            outcome = spreadsheet_import.import_plan(
                tx, plan, source, skip_bad_rows=skip_bad_rows, reason=request.without_training_reason
            )
            return plan, outcome

    @contextmanager
    def bulk(self) -> Iterator[Transaction]:
        """One transaction for many records (demo data, imports): one lock, one write.

        The caller puts fully validated records through the returned transaction.
        """
        with self._transaction() as tx:
            tx.require("bulk_load")
            yield tx


def describe_event(event: Event, repo: Repository) -> str:
    """The one-line description of a history event, as the history views show it."""
    return repo.describe(event)
