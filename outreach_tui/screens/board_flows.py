"""What the board does around a form or a list: open it with its save, then show the result.

Each flow is: check the role, open the dialog with a ``save`` over the repository (the
dialog never sees the repository), and when it closes with a record, reload the board
keeping that organization selected and say what happened. Saves wait for the board
while another session writes (``OutreachApp.when_board_free``).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from store import (
    Campaign,
    Card,
    ConflictError,
    Organization,
    Placement,
    UndoBlocked,
    UndoResult,
    Visit,
    departures,
)
from store.i18n import _, ngettext

from ..display import safe
from .board_files import FileFlows
from .card_edit import CardEdit, owner_choices
from .history_flows import HistoryFlows
from .training_flows import TrainingFlows

if TYPE_CHECKING:
    from .board import BoardScreen
    from .stages_editor import StagesEditor


class OrganizationEdit:
    """Saves an edit over the version the form was opened at; after a conflict, over the newer one.

    The form keeps what was typed, so a second save applies it over the other session's change.
    """

    def __init__(self, board: BoardScreen, organization: Organization) -> None:
        self.board = board
        self.organization_id = organization.id
        self.version = organization.version

    def __call__(self, changes: dict[str, Any], *, allow_duplicate: bool = False) -> Organization:
        repo = self.board.repo
        try:
            return repo.update_organization(
                self.organization_id, changes, expected_version=self.version, allow_duplicate=allow_duplicate
            )
        except ConflictError:
            repo.refresh()
            self.version = repo.organization(self.organization_id).version
            self.board.reload_board()
            raise


class BoardFlows(FileFlows, HistoryFlows, TrainingFlows):
    """The form and list flows of one board screen (composition: the screen owns one)."""

    def __init__(self, board: BoardScreen) -> None:
        self.board = board
        self.undo_refused = False
        """The last undo was refused as blocked: the next one goes past blocked changes."""

    def _saved(self, keep: str | None, notice: str, *, timeout: float = 3) -> None:
        self.board.reload_board(keep=keep)
        self.app.refresh_open_details()  # the save may have been made from an organization's details
        self.app.say(notice, timeout=timeout)

    # -- visits ---------------------------------------------------------------------------

    def log_visit(self, card: Card | None = None) -> None:
        """The visit form for ``card`` (the selected one when not given)."""
        from ..forms.visit import VisitForm

        card = card or self.board.require_card()
        campaign = self.board.campaign()
        if card is None or campaign is None or not self.board.allowed("log_visit"):
            return
        form = VisitForm(card.organization, campaign, self.app.today, self.repo.actor.label(), save=self.repo.log_visit)
        self._open(form, partial(self._visit_saved, card.id))

    def _visit_saved(self, organization_id: str, visit: Visit | None) -> None:
        if visit is not None:
            self._saved(organization_id, _("Visit logged."))

    def edit_card(self, card: Card | None = None) -> None:
        """The card form for ``card`` (the selected one when not given); the owner only for roles that may change it."""
        from ..forms.card import CardForm

        card = card or self.board.require_card()
        campaign = self.board.campaign()
        if card is None or campaign is None or not self.board.allowed("edit_card"):
            return
        owners = owner_choices(self.board) if self.repo.can("change_owner") else None
        save = CardEdit(self.board, card, campaign.id)
        form = CardForm(card.organization, campaign, card.placement, self.app.today, owners=owners, save=save)
        self._open(form, partial(self._card_saved, card.organization))

    def _card_saved(self, organization: Organization, placement: Placement | None) -> None:
        if placement is not None:
            self._saved(organization.id, _("Saved the card of {org}.").format(org=safe(organization.name)))

    # -- organizations ---------------------------------------------------------------------------

    def new_organization(self) -> None:
        from ..forms.organization import OrganizationForm

        campaign_id = self.board.campaign_id
        if not self.board.allowed("add_organization"):
            return

        def save(fields: dict[str, Any], *, allow_duplicate: bool = False) -> Organization:
            return self.repo.add_organization(fields, campaign_id=campaign_id, allow_duplicate=allow_duplicate)

        self._open(OrganizationForm(None, save, role=self.repo.role()), self._organization_saved)

    def add_to_board(self) -> None:
        from .add_to_board import AddToBoardScreen

        campaign = self.board.campaign()
        board = self.board.board
        if campaign is None or board is None or not self.board.allowed("place"):
            return
        placed = {card.id for column in board.columns for card in column.cards} | {card.id for card in board.off_board}
        # Archived organizations are left out: unarchiving brings them back to the boards they were on.
        outside = [org for org in self.repo.organizations() if org.id not in placed]
        self._open(AddToBoardScreen(outside, campaign.name), partial(self._add_chosen, campaign.id))

    def _add_chosen(self, campaign_id: str, organization_ids: list[str] | None) -> None:
        if not organization_ids:
            return

        def place() -> list[Placement]:
            return self.repo.place_organizations(organization_ids, campaign_id)

        self.board.write(place, partial(self._added, organization_ids))

    def _added(self, organization_ids: list[str], _placed: list[Placement]) -> None:
        self.board.reload_board(keep=organization_ids[0])
        self.board.select(organization_ids[0])
        notice = ngettext(
            "Added {n} organization to this board.", "Added {n} organizations to this board.", len(organization_ids)
        )
        self.app.say(notice.format(n=len(organization_ids)), timeout=3)

    def edit_organization(self, card: Card | None = None) -> None:
        """The organization form for ``card``'s organization (the selected card's when not given)."""
        from ..forms.organization import OrganizationForm

        card = card or self.board.require_card()
        if card is None or not self.board.allowed("edit_notes"):
            return
        organization = self.repo.organization(card.id)
        form = OrganizationForm(organization, OrganizationEdit(self.board, organization), role=self.repo.role())
        self._open(form, self._organization_saved)

    def _organization_saved(self, organization: Organization | None) -> None:
        if organization is not None:
            self._saved(organization.id, _("Saved {org}.").format(org=safe(organization.name)))

    # -- off the board and back ------------------------------------------------------------------

    def off_board(self) -> None:
        from ..forms.off_board import OffBoardForm

        card = self.board.require_card()
        campaign_id = self.board.campaign_id
        if card is None or campaign_id is None or not self.board.allowed("off_board"):
            return
        version = card.placement.version

        def save(state: str, reason: str) -> Placement:
            return self.repo.set_off_board(
                card.id, campaign_id=campaign_id, state=state, reason=reason, expected_version=version
            )

        self._open(OffBoardForm(card.organization, save), self._off_board_saved)

    def _off_board_saved(self, placement: Placement | None) -> None:
        if placement is not None:
            self._saved(None, _("Taken off the board. Press o to see off-board organizations."), timeout=4)

    def off_board_list(self) -> None:
        from .off_board_list import OffBoardScreen

        campaign_id = self.board.campaign_id
        if self.board.board is None or campaign_id is None:
            return
        archived = self.repo.archived_cards(campaign_id)
        screen = OffBoardScreen(
            list(self.board.board.off_board),
            archived,
            campaign=self.board.campaign(),
            departures=departures(self.repo.history(), campaign_id),
        )
        self._open(screen, self._restore_chosen)

    def _restore_chosen(self, organization_id: str | None) -> None:
        campaign_id = self.board.campaign_id
        if organization_id is None or campaign_id is None:
            return
        organization = self.repo.organization(organization_id)
        if organization.archived:
            self._unarchive(organization)
            return
        card = self.board.board.card(organization_id) if self.board.board else None
        version = card.placement.version if card else None

        def restore() -> Placement:
            return self.repo.restore(organization_id, campaign_id=campaign_id, expected_version=version)

        self.board.write(restore, lambda _placement: self._restored(organization_id))

    def _unarchive(self, organization: Organization) -> None:
        if not self.board.allowed("archive_organization"):
            return

        def unarchive() -> Organization:
            return self.repo.unarchive_organization(organization.id, expected_version=organization.version)

        self.board.write(
            unarchive, lambda org: self._restored(org.id, _("Unarchived {org}.").format(org=safe(org.name)))
        )

    def _restored(self, organization_id: str, notice: str | None = None) -> None:
        self.board.reload_board(keep=organization_id)
        self.board.select(organization_id)
        self.app.say(notice or _("Back on the board."), timeout=3)

    # -- follow-ups and campaigns ------------------------------------------------------------------

    def follow_ups(self) -> None:
        from .follow_ups import FollowUpsScreen

        campaign_id = self.board.campaign_id
        if campaign_id is None:
            return
        cards = self.board.attempt(self.repo.follow_ups, campaign_id, today=self.app.today)
        if cards is not None:
            self._open(FollowUpsScreen(cards, self.app.today), self._follow_up_chosen)

    def metrics(self) -> None:
        """The campaign's metrics; every role may see them. Enter on a waiting organization selects its card."""
        from .metrics import MetricsScreen

        campaign = self.board.campaign()
        if campaign is None:
            return
        count = partial(self.repo.report, campaign.id, today=self.app.today)
        self._open(MetricsScreen(campaign, count, lambda: self.repo.generation), self._follow_up_chosen)

    def _follow_up_chosen(self, organization_id: str | None) -> None:
        if organization_id is None:
            return
        if not self.board.select(organization_id) and self.board.filter_text:
            self.board.action_clear_filter()
            self.board.select(organization_id)

    def stages_editor(self, campaign: Campaign) -> StagesEditor:
        from .stages_editor import StagesEditor

        return StagesEditor(self.repo, campaign.id, changed=self.board.reload_board, gate=self.app.when_board_free)

    def stages(self) -> None:
        campaign = self.board.campaign()
        if campaign is not None:
            self._open(self.stages_editor(campaign), lambda _saved: None)

    def campaigns(self) -> None:
        from .campaign_picker import CampaignPicker

        def create(fields: dict[str, Any]) -> Campaign:
            return self.repo.create_campaign(**fields)

        seen: dict[str, int] = {}

        def edit(campaign: Campaign, changes: dict[str, Any]) -> Campaign:
            # After a conflict the form keeps what was typed: saving again applies it over the newer version.
            try:
                return self.repo.edit_campaign(
                    campaign.id, changes, expected_version=seen.get(campaign.id, campaign.version)
                )
            except ConflictError:
                self.repo.refresh()
                seen[campaign.id] = self.repo.campaign(campaign.id).version
                raise

        picker = CampaignPicker(
            self.repo.campaigns(),
            self.board.campaign_id,
            create if self.repo.can("create_campaign") else None,
            edit=edit if self.repo.can("edit_campaign") else None,
            stages=self.stages_editor,
            gate=self.app.when_board_free,
            refuse=self.board.allowed,
        )
        self._open(picker, self._campaign_chosen)

    def _campaign_chosen(self, campaign_id: str | None) -> None:
        if campaign_id is not None and campaign_id != self.board.campaign_id:
            self.app.open_campaign(campaign_id)
        else:
            self.board.reload_board()  # an edited name or goals show in the top bar

    # -- undo and export ---------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the person's last change; right after a refusal because someone changed it since,
        ``u`` goes on to their earlier changes of other records, as the refusal said."""
        skip_blocked, self.undo_refused = self.undo_refused, False

        def undo() -> UndoResult | None:
            try:
                return self.repo.undo(skip_blocked=skip_blocked)
            except UndoBlocked as blocked:
                if blocked.next_description is None:
                    raise
                self.undo_refused = True
                self.app.say(
                    str(blocked) + " " + _("Press u again to undo it."),
                    severity="warning",
                    title=_("Changed by someone else"),
                    timeout=10,
                )
                return None

        self.board.write(undo, self._undone)

    def _undone(self, result: UndoResult) -> None:
        keep = result.organization_ids[0] if result.organization_ids else None
        self.board.reload_board(keep=keep)
        if keep:
            self.board.select(keep)
        lines = [_("Undone: {what}").format(what=result.description)]
        lines += [_("Gone past (someone changed it since your change): {what}").format(what=w) for w in result.skipped]
        if result.next_description:
            lines.append(_("Next to undo: {what}").format(what=result.next_description))
        self.app.say("\n".join(lines), timeout=5)
