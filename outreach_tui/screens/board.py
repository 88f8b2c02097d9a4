"""The board: one column per stage of the current campaign, and the keys that act on its cards.

Widgets show; this screen turns keys into repository calls, then updates only what
changed (a move touches two columns, not the board; ``board_showing``). The form flows
(a form, its save, what the board shows after) are in ``board_flows``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from store import Board, Campaign, Card, ConflictError, Repository, StoreError
from store.board_changes import ChangeMark
from store.i18n import _, format_number, ngettext

from ..bindings import BOARD_BINDINGS, STORE_ACTION, action_name, board_binding_for_key
from ..details import load_details
from ..display import file_problem
from ..translated import TranslatedBindings
from ..widgets import HistoryWarning, StageBoard, StageColumn, SteadyFooter, TopBar
from .board_flows import BoardFlows
from .board_showing import ShowsBoard, empty_hint, stage_columns
from .details import DetailsScreen

if TYPE_CHECKING:
    from ..app import OutreachApp

T = TypeVar("T")


def no_campaign_text() -> Text:
    return Text(
        _(
            "This board has no campaign yet.\n\n"
            "Press c to create one, or quit (q) and run 'outreach-tui --demo' to explore a demo board."
        )
    )


def filter_placeholder() -> str:
    return _("Filter: name, alias, place or tag")


class BoardScreen(TranslatedBindings, ShowsBoard, Screen[None]):
    """The kanban of one campaign."""

    CSS_PATH = "board.tcss"
    BINDINGS = BOARD_BINDINGS

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, without repainting the whole screen on each focus change (a move focuses the card's
    new column): the widgets whose focus changes restyle and repaint themselves."""

    def __init__(self, campaign_id: str | None) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.board: Board | None = None
        self.marked: set[str] = set()
        self.filter_text = ""
        self._seen_generation = -1
        self._mark: ChangeMark | None = None
        """How far the store's copy went when ``board`` was shown: what changed since is shown next."""
        self.expired_shown: tuple[str, ...] = ()
        """The organizations last named for keeping contacts past the retention (named again only if it changes)."""
        self.flows = BoardFlows(self)
        self._stage_board: StageBoard | None = None
        """The columns, kept rather than queried: a move asks for them several times."""

    @property
    def app(self) -> OutreachApp:
        return cast("OutreachApp", super().app)

    @property
    def repo(self) -> Repository:
        return self.app.repo

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield HistoryWarning(id="history-warning")
        campaign = self.campaign()
        if campaign is None:
            yield Static(no_campaign_text(), id="no-campaign")
        else:
            yield self._new_stage_board(campaign)
        yield Input(placeholder=filter_placeholder(), id="filter")
        yield SteadyFooter()

    async def language_changed(self) -> None:
        """Show the board in the language just chosen, keeping the selected card, the filter and the marks."""
        await super().language_changed()
        self.query_one("#filter", Input).placeholder = filter_placeholder()
        self.query_one(TopBar).language_changed()
        self.query_one(HistoryWarning).language_changed()
        campaign = self.campaign()
        if campaign is None:
            for notice in self.query("#no-campaign").results(Static):
                notice.update(no_campaign_text())
            return
        for index, column in enumerate(self.stage_columns):
            column.language_changed(empty_hint(campaign, index))
        self._show_columns(keep=card.id if (card := self.selected_card()) else None, changed=False)

    def _new_stage_board(self, campaign: Campaign) -> StageBoard:
        self._stage_board = StageBoard(stage_columns(campaign), id="stage-board")
        return self._stage_board

    def campaign(self) -> Campaign | None:
        if self.campaign_id is None:
            return None
        try:
            return self.repo.campaign(self.campaign_id)
        except StoreError:
            return None

    def on_unmount(self) -> None:
        self.flows.let_go()

    def on_mount(self) -> None:
        self.reload_board()
        if self.app.history_validated:
            self.flows.check_history()
        columns = self.stage_columns
        if columns:
            columns[0].cards.focus()
        self.flows.build_training_form_later()

    def settled(self) -> bool:
        """Whether every column shown has named its cards for its width, as the board stays until a key."""
        return all(column.cards.named for column in self.stage_columns)

    @property
    def stage_columns(self) -> list[StageColumn]:
        stage_board = self._stage_board
        return list(stage_board.columns) if stage_board is not None else []

    @property
    def stage_board(self) -> StageBoard | None:
        return self._stage_board

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

    def select(self, organization_id: str) -> bool:
        """Select and focus the organization's card; False when it is not shown."""
        for index, column in enumerate(self.stage_columns):
            if column.cards.select(organization_id):
                self.focus_stage(index)
                return True
        return False

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
        except OSError as error:
            self.app.say(file_problem(error), severity="error")
        return None

    def write(self, call: Callable[[], T | None], done: Callable[[T], None]) -> None:
        """Run a repository write once no other session holds the board, then ``done`` with its result."""

        def run() -> None:
            result = self.attempt(call)
            if result is not None:
                done(result)

        self.app.when_board_free(run)

    def allowed(self, action: str) -> bool:
        """Whether the user's role allows the store ``action``; if not, say why."""
        return self.attempt(self.repo.require, action) is True

    def marked_cards(self) -> list[Card]:
        """The marked cards on this board, in board order."""
        columns = self.board.columns if self.board is not None else []
        return [card for column in columns for card in column.cards if card.id in self.marked]

    def require_card(self) -> Card | None:
        card = self.selected_card()
        if card is None:
            self.app.say(_("Select a card first."), severity="warning")
        return card

    # -- keys: navigation and cards -------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        columns = self.stage_columns
        if not columns:
            return
        current = self.focused_column()
        index = columns.index(current) if current in columns else 0
        self.focus_stage((index + step) % len(columns))

    def focus_stage(self, index: int) -> None:
        """Focus column ``index``, scrolling the board to it first when it is hidden.

        At once (``Widget.focus`` waits a turn), with the column marked focused: a change that
        moves the focus, such as a card's move, is then painted in one frame with the focus,
        not in a second frame of its own.
        """
        if (stage_board := self.stage_board) is not None:
            stage_board.show_focus(index)
        self.set_focus(self.stage_columns[index].cards)

    def action_move_card(self, step: int) -> None:
        card = self.require_card()
        campaign = self.campaign()
        if card is None or campaign is None:
            return
        target = campaign.stage_index(card.placement.stage) + step
        if not 0 <= target < len(campaign.stages):
            last = step > 0
            self.app.say(
                _("This card is already in the last stage.") if last else _("This card is already in the first stage.")
            )
            return
        stage = campaign.stages[target]
        if step > 0 and stage.key == campaign.training_stage:
            # Becoming trained means attending a training: record it, prefilled (or, for a
            # coordinator, move it without one, with a reason).
            self.flows.record_training([card.organization], moving=card)
            return
        version = card.placement.version

        def move() -> Any:
            return self.repo.move(card.id, stage.key, campaign_id=campaign.id, expected_version=version)

        self.write(move, lambda placement: self._after_move(Card(card.organization, placement)))

    def _after_move(self, new: Card) -> None:
        """Show the move (two columns change); the selection and focus follow the moved card.

        So "]" then "[" takes the same card forward and back. The footer keeps its keys
        (the columns' keys are the same), so following the card costs no footer rebuild.
        """
        self.reload_board(keep=new.id)
        board = self.board
        if board is not None and (card := board.card(new.id)) is not None and card.placement.off_board is None:
            self.focus_stage(next(i for i, c in enumerate(board.columns) if c.stage.key == card.placement.stage))

    def action_details(self) -> None:
        card = self.require_card()
        if card is None or self.campaign_id is None:
            return
        details = self.attempt(load_details, self.repo, card.id, self.campaign_id)
        if details is not None:
            self.app.push_screen(DetailsScreen(details, actions=self))

    def act_on(self, action: str, organization_id: str) -> None:
        """Run a card ``action`` of the details screen's keys on ``organization_id``'s card."""
        flows = {
            "log_visit": self.flows.log_visit,
            "edit_organization": self.flows.edit_organization,
            "edit_card": self.flows.edit_card,
        }
        card = self.board.card(organization_id) if self.board is not None else None
        if card is None:
            self.app.say(_("This organization is not on this board."), severity="warning")
            return
        flows[action](card)

    def action_toggle_mark(self) -> None:
        card = self.require_card()
        if card is None:
            return
        self.marked ^= {card.id}
        self._show_marks()

    def action_clear_marks(self) -> None:
        count = len(self.marked)
        self.marked.clear()
        self._show_marks()
        self.app.say(ngettext("{n} mark cleared.", "{n} marks cleared.", count).format(n=format_number(count)))

    def _show_marks(self) -> None:
        for column in self.stage_columns:
            column.cards.set_marked(frozenset(self.marked))
        self.query_one(TopBar).marked = len(self.marked)

    def action_record_training(self) -> None:
        if self.board is None:
            return
        if self.marked:
            self.flows.record_training([self.repo.organization(org_id) for org_id in sorted(self.marked)])
        elif card := self.require_card():
            self.flows.record_training([card.organization])

    def action_new_organization(self) -> None:
        self.flows.new_organization()

    def action_add_to_board(self) -> None:
        self.flows.add_to_board()

    def action_edit_organization(self) -> None:
        self.flows.edit_organization()

    def action_log_visit(self) -> None:
        self.flows.log_visit()

    def action_edit_card(self) -> None:
        self.flows.edit_card()

    def action_off_board(self) -> None:
        self.flows.off_board()

    def action_off_board_list(self) -> None:
        self.flows.off_board_list()

    def action_follow_ups(self) -> None:
        self.flows.follow_ups()

    def action_metrics(self) -> None:
        self.flows.metrics()

    def action_campaigns(self) -> None:
        self.flows.campaigns()

    def action_stages(self) -> None:
        self.flows.stages()

    def action_export(self) -> None:
        self.flows.export()

    def action_print_sheet(self) -> None:
        self.flows.print_sheets()

    def action_undo(self) -> None:
        self.flows.undo()

    def action_acknowledge_history(self) -> None:
        self.flows.acknowledge_history()

    def action_import_spreadsheet(self) -> None:
        self.flows.import_spreadsheet()

    # -- the filter ---------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.add_class("-filtering")
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self._show_columns(changed=False)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        columns = self.stage_columns
        target = next((c for c in columns if c.cards.cards), columns[0] if columns else None)
        if target is not None:
            target.cards.focus()

    def action_clear_filter(self) -> None:
        keep = card.id if (card := self.selected_card()) else None
        self.query_one("#filter", Input).value = ""
        self.remove_class("-filtering")
        self.filter_text = ""
        self._show_columns(keep=keep, changed=False)
        if keep is None or not self.select(keep):
            columns = self.stage_columns
            if columns:
                columns[0].cards.focus()

    # -- what a role may press ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.has_class("-filtering")
        if action == "clear_marks":
            return bool(self.marked)
        needed = STORE_ACTION.get(action)
        if needed is not None and not self.repo.can(needed):
            return None  # shown greyed out in the footer
        return True

    def on_key(self, event: events.Key) -> None:
        # A greyed-out key reaches here instead of its action: say why it does nothing.
        binding = board_binding_for_key(event.key)
        if binding is not None and self.refuse_unavailable(action_name(binding)):
            event.stop()

    def refuse_unavailable(self, action: str) -> bool:
        """Say why the user's role may not run the board ``action`` (True), or nothing when it may (False)."""
        needed = STORE_ACTION.get(action)
        if needed is None or self.repo.can(needed):
            return False
        self.allowed(needed)
        return True
