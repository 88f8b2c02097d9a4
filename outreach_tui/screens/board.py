"""The board: one column per stage of the current campaign, and every action on its cards.

Widgets post messages; this screen turns keys and messages into repository calls,
then updates only what changed (a move touches two columns, not the board).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from store import Board, Campaign, Card, ConflictError, Organization, Repository, StoreError
from store.i18n import _, ngettext
from store.text import fold

from ..details import load_details
from ..display import safe, safe_text
from ..exporting import write_snapshot
from ..widgets import CardColumn, StageColumn
from .campaign_picker import CampaignPicker
from .details import DetailsScreen
from .follow_ups import FollowUpsScreen
from .off_board_form import OffBoardForm
from .off_board_list import OffBoardScreen
from .organization_form import OrganizationForm
from .training_form import TrainingForm
from .visit_form import VisitForm

T = TypeVar("T")

# The board's keys: the footer, the help screen and the command palette all come from this list.
BOARD_BINDINGS = [
    Binding("left,h", "focus_column(-1)", _("Previous column"), id="board.left", show=False),
    Binding("right,l", "focus_column(1)", _("Next column"), id="board.right", show=False),
    Binding("right_square_bracket,shift+right", "move_card(1)", _("Next stage"), id="card.next", key_display="]"),
    Binding(
        "left_square_bracket,shift+left", "move_card(-1)", _("Previous stage"), id="card.previous", key_display="["
    ),
    Binding("enter", "details", _("Details"), id="card.details"),
    Binding("n", "new_organization", _("New organization"), id="org.new", show=False),
    Binding("e", "edit_organization", _("Edit organization"), id="org.edit", show=False),
    Binding("v", "log_visit", _("Log a visit"), id="card.visit", show=False),
    Binding("space", "toggle_mark", _("Mark for training"), id="card.mark", show=False),
    Binding("t", "record_training", _("Record a training"), id="card.training", show=False),
    Binding("x", "off_board", _("Take off the board"), id="card.off_board", show=False),
    Binding("o", "off_board_list", _("Off-board organizations"), id="board.off_board_list", show=False),
    Binding("slash", "filter", _("Filter"), id="board.filter", key_display="/"),
    Binding("escape", "clear_filter", _("Clear filter"), id="board.clear_filter", show=False),
    Binding("f", "follow_ups", _("Follow-ups"), id="board.follow_ups", show=False),
    Binding("c", "campaigns", _("Campaigns"), id="board.campaigns", show=False),
    Binding("s", "export", _("Export snapshot"), id="board.export", show=False),
    Binding("u", "undo", _("Undo my last change"), id="board.undo", show=False),
]


# Which role permission each board action needs (see store.repository.ACTIONS).
ROLE_OF_ACTION = {
    "move_card": "move",
    "new_organization": "add_organization",
    "edit_organization": "edit_notes",
    "log_visit": "log_visit",
    "toggle_mark": "record_training",
    "record_training": "record_training",
    "off_board": "off_board",
    "undo": "undo",
}


class BoardScreen(Screen[None]):
    """The kanban of one campaign."""

    CSS_PATH = "board.tcss"
    BINDINGS = BOARD_BINDINGS

    def __init__(self, campaign_id: str | None) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.board: Board | None = None
        self.marked: set[str] = set()
        self.filter_text = ""
        self._seen_generation = -1

    @property
    def repo(self) -> Repository:
        return self.app.repo  # type: ignore[attr-defined]

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(id="campaign-name")
            yield Static(id="session")
        campaign = self._campaign()
        if campaign is None:
            yield Static(
                Text(
                    _(
                        "This board has no campaign yet.\n\n"
                        "Press c to create one, or quit (q) and run 'outreach-tui --demo' to explore a demo board."
                    )
                ),
                id="no-campaign",
            )
        else:
            with Horizontal(id="columns"):
                for index, stage in enumerate(campaign.stages):
                    hint = (
                        _("No organizations yet. Press n to add one.")
                        if index == 0
                        else _("Empty. Move cards here with ] from the previous stage.")
                    )
                    if stage.key == campaign.training_stage and index > 0:
                        hint = _("Empty. Cards arrive when a training is recorded (space to mark, then t).")
                    yield StageColumn(stage, hint, index=index)
        yield Input(placeholder=_("Filter: name, alias, place or tag"), id="filter")
        yield Footer()

    def _campaign(self) -> Campaign | None:
        if self.campaign_id is None:
            return None
        try:
            return self.repo.campaign(self.campaign_id)
        except StoreError:
            return None

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.reload_board()
        columns = self.stage_columns
        if columns:
            columns[0].cards.focus()

    @property
    def stage_columns(self) -> list[StageColumn]:
        return list(self.query(StageColumn))

    def focused_column(self) -> StageColumn | None:
        focused = self.focused
        for column in self.stage_columns:
            if focused is column.cards:
                return column
        columns = self.stage_columns
        return columns[0] if columns else None

    def selected_card(self) -> Card | None:
        column = self.focused_column()
        return column.cards.selected if column else None

    # -- showing the board ----------------------------------------------------------------

    def reload_board(self, *, keep: str | None = None) -> None:
        """Rebuild every column from the repository, keeping selection, filter and marks."""
        self._update_top_bar()
        campaign = self._campaign()
        if campaign is None:
            self.board = None
            return
        selected = keep or (card.id if (card := self.selected_card()) else None)
        self.board = self.repo.board(campaign.id)
        self._seen_generation = self.repo.generation
        on_board = {card.id for column in self.board.columns for card in column.cards}
        self.marked &= on_board
        for stage_column, column in zip(self.stage_columns, self.board.columns, strict=False):
            self._show_column(stage_column, column.cards, keep=selected)

    def _show_column(self, stage_column: StageColumn, cards: list[Card], *, keep: str | None = None) -> None:
        stage_column.cards.today = self.app.today
        stage_column.cards.set_marked(frozenset(self.marked))
        if self.filter_text:
            wanted = fold(self.filter_text)
            shown = [card for card in cards if card.matches(wanted)]
            stage_column.show(shown, total=len(cards), keep=keep)
        else:
            stage_column.show(cards, keep=keep)

    def _update_top_bar(self) -> None:
        campaign = self._campaign()
        repo = self.repo
        name = safe_text(campaign.name, "bold") if campaign is not None else Text(_("No campaign"))
        name.overflow = "ellipsis"
        self.query_one("#campaign-name", Static).update(name)
        session = Text(no_wrap=True)
        if self.marked:
            session.append(
                ngettext("{n} marked", "{n} marked", len(self.marked)).format(n=len(self.marked)), style="bold"
            )
            session.append("  ")
        session.append(safe(repo.path.name), style="dim")
        session.append("  ")
        session.append(safe(repo.actor.label()))
        session.append(f" ({_(repo.role())})")
        self.query_one("#session", Static).update(session)

    def refresh_from_disk(self) -> None:
        """Called by the app's watcher: show what other sessions wrote."""
        if self.repo.generation != self._seen_generation:
            self.reload_board()

    # -- messages -------------------------------------------------------------------------

    def on_card_column_highlighted(self, message: CardColumn.Highlighted) -> None:
        message.stop()

    # -- running store calls ----------------------------------------------------------------

    def attempt(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a repository call; show any refusal as a notification and keep the board usable."""
        try:
            return call(*args, **kwargs)
        except ConflictError as error:
            self.app.say(str(error), severity="error", title=_("Changed by someone else"))
            self.reload_board()
        except StoreError as error:
            self.app.say(str(error), severity="error")
        return None

    def allowed(self, action: str) -> bool:
        """Whether the user's role allows ``action``; if not, say why."""
        return self.attempt(self.repo.require, action) is True

    def _require_card(self) -> Card | None:
        card = self.selected_card()
        if card is None:
            self.app.say(_("Select a card first."), severity="warning")
        return card

    # -- actions: navigation ------------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        columns = self.stage_columns
        if not columns:
            return
        current = self.focused_column()
        index = columns.index(current) if current in columns else 0
        columns[(index + step) % len(columns)].cards.focus()

    # -- actions: cards -------------------------------------------------------------------------

    def action_move_card(self, step: int) -> None:
        card = self._require_card()
        campaign = self._campaign()
        if card is None or campaign is None:
            return
        index = campaign.stage_index(card.placement.stage)
        target = index + step
        if not 0 <= target < len(campaign.stages):
            self.app.say(
                _("This card is already in the last stage.")
                if step > 0
                else _("This card is already in the first stage.")
            )
            return
        stage = campaign.stages[target]
        if step > 0 and stage.key == campaign.training_stage:
            # Becoming trained means attending a training: record it, prefilled.
            self._open_training([card.organization])
            return
        placement = self.attempt(
            self.repo.move,
            card.id,
            stage.key,
            campaign_id=campaign.id,
            expected_version=card.placement.version,
        )
        if placement is not None:
            self._after_move(card, Card(card.organization, placement))

    def _after_move(self, old: Card, new: Card) -> None:
        """Update the two affected columns only.

        The focus stays in the column being worked through (the next card is selected,
        ready for the next decision); the moved card is selected in its new column, one
        `l` away. Moving the focus too would rebuild the footer on every move.
        """
        board = self.board
        if board is None:
            return
        columns = self.stage_columns
        source = next(i for i, c in enumerate(board.columns) if c.stage.key == old.placement.stage)
        target = next(i for i, c in enumerate(board.columns) if c.stage.key == new.placement.stage)
        board.columns[source].cards.remove(old)
        board.columns[target].cards.append(new)
        self._show_column(columns[source], board.columns[source].cards)
        self._show_column(columns[target], board.columns[target].cards, keep=new.id)
        self._seen_generation = self.repo.generation

    def action_details(self) -> None:
        card = self._require_card()
        if card is None or self.campaign_id is None:
            return
        details = self.attempt(load_details, self.repo, card.id, self.campaign_id)
        if details is not None:
            self.app.push_screen(DetailsScreen(details))

    def action_toggle_mark(self) -> None:
        card = self._require_card()
        if card is None:
            return
        self.marked ^= {card.id}
        for column in self.stage_columns:
            column.cards.set_marked(frozenset(self.marked))
        self._update_top_bar()

    def action_record_training(self) -> None:
        if self.board is None:
            return
        if self.marked:
            orgs = [self.repo.organization(org_id) for org_id in sorted(self.marked)]
        else:
            card = self._require_card()
            if card is None:
                return
            orgs = [card.organization]
        self._open_training(orgs)

    def _open_training(self, organizations: list[Organization]) -> None:
        campaign = self._campaign()
        if campaign is None:
            return
        if not self.allowed("record_training"):
            return
        form = TrainingForm(
            organizations,
            campaign,
            self.app.today,
            self.repo.actor.label(),
            save=self.repo.record_training,
        )
        self.app.push_screen(form, partial(self._training_saved, [org.id for org in organizations]))

    def _training_saved(self, organization_ids: list[str], training: Any) -> None:
        if training is None:
            return
        self.marked.clear()
        self.reload_board(keep=organization_ids[0] if organization_ids else None)
        for column in self.stage_columns:
            if column.cards.select(organization_ids[0]):
                column.cards.focus()
        self.app.say(
            ngettext(
                "Training recorded: {n} organization is now trained.",
                "Training recorded: {n} organizations are now trained.",
                len(organization_ids),
            ).format(n=len(organization_ids))
        )

    def action_new_organization(self) -> None:
        campaign_id = self.campaign_id
        if not self.allowed("add_organization"):
            return

        def save(fields: dict[str, Any]) -> Organization:
            return self.repo.add_organization(fields, campaign_id=campaign_id)

        self.app.push_screen(OrganizationForm(None, save), self._organization_saved)

    def action_edit_organization(self) -> None:
        card = self._require_card()
        if card is None:
            return
        if not self.allowed("edit_notes"):
            return
        expected = {"version": card.organization.version}

        def save(changes: dict[str, Any]) -> Organization:
            try:
                return self.repo.update_organization(card.id, changes, expected_version=expected["version"])
            except ConflictError:
                # The form keeps what was typed; a second save applies it over the newer version.
                self.repo.refresh()
                expected["version"] = self.repo.organization(card.id).version
                self.reload_board()
                raise

        self.app.push_screen(OrganizationForm(self.repo.organization(card.id), save), self._organization_saved)

    def _organization_saved(self, organization: Organization | None) -> None:
        if organization is not None:
            self.reload_board(keep=organization.id)
            self.app.say(_("Saved {org}.").format(org=safe(organization.name)), timeout=3)

    def action_log_visit(self) -> None:
        card = self._require_card()
        campaign = self._campaign()
        if card is None or campaign is None:
            return
        if not self.allowed("log_visit"):
            return
        form = VisitForm(card.organization, campaign, self.app.today, self.repo.actor.label(), save=self.repo.log_visit)
        self.app.push_screen(form, partial(self._visit_saved, card.id))

    def _visit_saved(self, organization_id: str, visit: Any) -> None:
        if visit is not None:
            self.reload_board(keep=organization_id)
            self.app.say(_("Visit logged."), timeout=3)

    def action_off_board(self) -> None:
        card = self._require_card()
        campaign_id = self.campaign_id
        if card is None or campaign_id is None:
            return
        if not self.allowed("off_board"):
            return

        def save(state: str, reason: str) -> Any:
            return self.repo.set_off_board(
                card.id, campaign_id=campaign_id, state=state, reason=reason, expected_version=card.placement.version
            )

        self.app.push_screen(OffBoardForm(card.organization, save), self._off_board_saved)

    def _off_board_saved(self, placement: Any) -> None:
        if placement is not None:
            self.reload_board()
            self.app.say(_("Taken off the board. Press o to see off-board organizations."), timeout=4)

    def action_off_board_list(self) -> None:
        if self.board is None:
            return
        self.app.push_screen(OffBoardScreen(list(self.board.off_board)), self._restore_chosen)

    def _restore_chosen(self, organization_id: str | None) -> None:
        if organization_id is None or self.campaign_id is None:
            return
        card = self.board.card(organization_id) if self.board else None
        placement = self.attempt(
            self.repo.restore,
            organization_id,
            campaign_id=self.campaign_id,
            expected_version=card.placement.version if card else None,
        )
        if placement is not None:
            self.reload_board(keep=organization_id)
            self._select(organization_id)
            self.app.say(_("Back on the board."), timeout=3)

    def _select(self, organization_id: str) -> bool:
        for column in self.stage_columns:
            if column.cards.select(organization_id):
                column.cards.focus()
                return True
        return False

    # -- actions: the board -----------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        if self.board is not None:
            for stage_column, column in zip(self.stage_columns, self.board.columns, strict=False):
                self._show_column(stage_column, column.cards)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        columns = self.stage_columns
        target = next((c for c in columns if c.cards.cards), columns[0] if columns else None)
        if target is not None:
            target.cards.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.query_one("#filter", Input).display
        needed = ROLE_OF_ACTION.get(action)
        if needed is not None and not self.repo.can(needed):
            return None  # shown greyed out in the footer
        return True

    def on_key(self, event: events.Key) -> None:
        # A greyed-out key reaches here instead of its action: say why it does nothing.
        for binding in BOARD_BINDINGS:
            if event.key in binding.key.split(","):
                needed = ROLE_OF_ACTION.get(binding.action.split("(")[0])
                if needed is not None and not self.repo.can(needed):
                    event.stop()
                    self.allowed(needed)
                return

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        keep = card.id if (card := self.selected_card()) else None
        field.value = ""
        field.display = False
        self.filter_text = ""
        if self.board is not None:
            for stage_column, column in zip(self.stage_columns, self.board.columns, strict=False):
                self._show_column(stage_column, column.cards, keep=keep)
        if keep is None or not self._select(keep):
            columns = self.stage_columns
            if columns:
                columns[0].cards.focus()

    def action_follow_ups(self) -> None:
        if self.campaign_id is None:
            return
        cards = self.attempt(self.repo.follow_ups, self.campaign_id, today=self.app.today)
        if cards is not None:
            self.app.push_screen(FollowUpsScreen(cards, self.app.today), self._follow_up_chosen)

    def _follow_up_chosen(self, organization_id: str | None) -> None:
        if organization_id is None:
            return
        if not self._select(organization_id) and self.filter_text:
            self.action_clear_filter()
            self._select(organization_id)

    def action_campaigns(self) -> None:
        def create(fields: dict[str, Any]) -> Campaign:
            return self.repo.create_campaign(**fields)

        picker = CampaignPicker(self.repo.campaigns(), self.campaign_id, create)
        self.app.push_screen(picker, self._campaign_chosen)

    def _campaign_chosen(self, campaign_id: str | None) -> None:
        if campaign_id is not None and campaign_id != self.campaign_id:
            self.app.open_campaign(campaign_id)

    def action_export(self) -> None:
        if self.campaign_id is None:
            self.app.say(_("There is no campaign to export yet."), severity="warning")
            return
        self.app.say(_("Exporting the board…"), timeout=2)
        self._export(self.campaign_id, Path.cwd())

    @work(thread=True, exclusive=True, group="export")
    def _export(self, campaign_id: str, folder: Path) -> None:
        try:
            path = write_snapshot(self.repo, campaign_id, folder=folder)
        except StoreError as error:
            self.app.call_from_thread(self.app.say, str(error), severity="error")
            return
        self.app.call_from_thread(self.app.say, _("Board snapshot written to {path}").format(path=path), timeout=8)

    def action_undo(self) -> None:
        result = self.attempt(self.repo.undo)
        if result is not None:
            keep = result.organization_ids[0] if result.organization_ids else None
            self.reload_board(keep=keep)
            if keep:
                self._select(keep)
            self.app.say(_("Undone: {what}").format(what=result.description), timeout=5)
