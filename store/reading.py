"""The read-only half of ``Repository``: roles, queries and history, all answered from the in-memory copy.

Nothing here opens a transaction or writes the file; ``Repository`` inherits these so the
board and the command line keep calling one object.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import TYPE_CHECKING

from . import board_changes, permissions, queries
from .board_changes import BoardUpdate, ChangeMark
from .chain import HistoryCheck, HistoryProblem, chain_head, head_in_history
from .chain_text import problem_text
from .forgetting import Expired, expired_contacts
from .history import describe_event as _describe
from .history import last_change_of
from .history_watch import HistoryWatch
from .models import BoardSettings, Campaign, Event, Organization, Placement, Role, Training, User, Visit, utc_now
from .session import BoardSession
from .settings import current_settings
from .views import Board, Card, Counts

if TYPE_CHECKING:
    from .reports import CampaignReport


class BoardReading(BoardSession):
    """Roles and queries over the board file's current copy; ``Repository`` adds the changes."""

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

    def stage_cards(self, campaign_id: str) -> dict[str, int]:
        """How many cards each stage of a campaign holds (on the board, off it, or of archived organizations)."""
        return queries.cards_by_stage(self._doc, campaign_id)

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

    def change_mark(self) -> ChangeMark:
        """How far the copy in memory goes now; ``update_board`` brings a board built here up to date."""
        return board_changes.change_mark(self._doc)

    def update_board(self, board: Board, since: ChangeMark) -> BoardUpdate | None:
        """``board``, built at mark ``since``, as it is now: only the cards that changed are new (and sorted in).

        None when too much changed to follow card by card (the campaign itself, a full re-read
        of the file, many records): build it anew with ``board``.
        """
        return board_changes.update_board(self._doc, board, since)

    def archived_cards(self, campaign_id: str) -> list[Card]:
        """Cards of archived organizations: off every board, still part of the campaign's record."""
        return queries.archived_cards(self._doc, campaign_id)

    def follow_ups(self, campaign_id: str, *, today: date, within_days: int = 7) -> list[Card]:
        """On-board cards whose next follow-up is due within ``within_days`` or overdue, soonest first."""
        return queries.follow_ups(self._doc, campaign_id, today=today, within_days=within_days)

    def report(
        self,
        campaign_id: str,
        *,
        today: date,
        start: date | None = None,
        end: date | None = None,
        stall_days: int = 60,
    ) -> CampaignReport:
        """The campaign's funnel, goals, trainings, visits, time in stage, stalled cards and cohorts.

        Trainings, visits, stays and cohorts count only within [start, end] when given.
        """
        from .reports import campaign_report  # the metrics screen and reports only

        return campaign_report(self._doc, campaign_id, today=today, start=start, end=end, stall_days=stall_days)

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

    def history_head(self) -> str:
        """The hash of the newest history event: the head of the history's chain (``store.chain``)."""
        return chain_head(self._doc)

    def history_check(self) -> HistoryCheck:
        """Breaks in the history's chain, records whose history does not give their version, and which a
        coordinator acknowledged. Validates the whole history first; a check after another session's
        change costs what the change brought (``store.history_watch``)."""
        return self._history_watch.check(self._doc)

    @functools.cached_property
    def _history_watch(self) -> HistoryWatch:
        return HistoryWatch()

    def describe_problem(self, problem: HistoryProblem) -> str:
        """What a problem of ``history_check`` is, naming its events and records."""
        return problem_text(self._doc, problem)

    def history_holds(self, head: str) -> bool:
        """Whether the event whose hash is ``head`` (a snapshot's ``history_head``) is still in the history."""
        return head_in_history(self._doc, head)

    def expired_contacts(self, now: datetime | None = None) -> list[Expired]:
        """Organizations keeping staff contacts longer after they left than the board's retention allows."""
        days = self.settings().contact_retention_days
        if days is None:
            return []
        self._doc.finish_loading()
        return expired_contacts(self._doc, days, now or utc_now())

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
