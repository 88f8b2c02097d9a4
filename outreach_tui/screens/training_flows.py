"""The board's training flow: the training form, built ahead and kept between trainings.

Building the form (its module, its styles, its fields and their first layout) took about
200 ms the first time "]" took a card into the training stage; shown again with fresh
values it opens in a few tens of milliseconds. So the board builds it once it has settled
and waits for keys, for the selected card, and shows that form again for every training.

A mixin of ``BoardFlows``: it uses the board, the app and the repository the flows hold.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from store.i18n import _, ngettext

from .flow_part import FlowPart

if TYPE_CHECKING:
    from store import Campaign, Card, Organization, Placement, Training

    from ..forms.training import TrainingForm

FORM_AHEAD_AFTER = 0.5
"""Seconds after the board is shown (and again while it is busy) before the training form is built ahead."""


class TrainingFlows(FlowPart):
    """Recording a training, or a move into the training stage without one: a part of ``BoardFlows``,
    which gives it ``_saved``."""

    _training_form: TrainingForm | None = None
    """Kept between trainings: "]" shows it again with fresh values, much sooner than building it."""

    if TYPE_CHECKING:

        def _saved(self, keep: str | None, notice: str, *, timeout: float = 3) -> None: ...

    def record_training(self, organizations: list[Organization], *, moving: Card | None = None) -> None:
        """The training form; for ``moving``, a card on its way into the training stage, it also offers
        moving it without a training to the roles that may."""
        campaign = self.board.campaign()
        if campaign is None or not self.board.allowed("record_training"):
            return
        form = self._training_form_for(organizations, campaign, moving)
        self._open(form, partial(self._training_said, len(organizations)))

    def _training_form_for(
        self, organizations: list[Organization], campaign: Campaign, moving: Card | None
    ) -> TrainingForm:
        """The kept form with fresh values for ``organizations``, or a new one when it cannot show them."""
        from ..forms.training import TrainingForm

        without = None
        if moving is not None and self.repo.can("move_without_training"):
            without = partial(self.move_without_training, moving)
        save = partial(self._record_and_show, [org.id for org in organizations])
        values = (organizations, campaign, self.app.today, self.repo.actor.label(), save, without)
        form = self._training_form
        if form is not None and form.can_reopen(organizations):
            form.reopen(*values)
            return form
        self.let_go()
        form = self._training_form = TrainingForm(*values)
        self.app.install_screen(form, f"training-form-{id(self)}")
        return form

    def build_training_form_later(self) -> None:
        """Build the training form ahead once the board has settled and is the screen shown."""
        self.board.set_timer(FORM_AHEAD_AFTER, self._build_when_settled)

    def _build_when_settled(self) -> None:
        board = self.board
        if self._training_form is not None or not board.is_attached or not self.repo.can("record_training"):
            return
        if not (board.is_current and board.settled()):
            self.build_training_form_later()
            return
        # After the frame being painted, if one is: the settled board is shown first.
        board.call_after_refresh(self._build_ahead)

    def _build_ahead(self) -> None:
        board = self.board
        card = board.selected_card()
        campaign = board.campaign()
        if self._training_form is not None or card is None or campaign is None or not board.is_current:
            if self._training_form is None and board.is_attached:
                self.build_training_form_later()
            return
        form = self._training_form_for([card.organization], campaign, card)
        # Textual composes a screen the first time it is pushed. Taken off again at once, before
        # any frame is painted, it is never seen: the board stays on screen, focused as it was.
        self.app.push_screen(form)
        self.app.pop_screen()

    def let_go(self) -> None:
        """Drop the kept training form, which holds this board's saves: the board is closing."""
        form, self._training_form = self._training_form, None
        # Still open on top when the app quits: Textual takes it down with the rest.
        if form is not None and form not in self.app.screen_stack:
            self.app.uninstall_screen(form)
            if form.is_attached:
                form.remove()

    def move_without_training(self, card: Card) -> None:
        from ..forms.without_training import WithoutTrainingForm

        campaign = self.board.campaign()
        if campaign is None or not self.board.allowed("move_without_training"):
            return
        version = card.placement.version

        def save(reason: str) -> Placement:
            return self.repo.move(
                card.id,
                campaign.training_stage,
                campaign_id=campaign.id,
                expected_version=version,
                reason=reason,
                without_training=True,
            )

        self._open(WithoutTrainingForm(card.organization, campaign, save), partial(self._moved_untrained, card.id))

    def _moved_untrained(self, organization_id: str, placement: Placement | None) -> None:
        if placement is not None:
            self._saved(organization_id, _("Moved without a training; the reason is kept in its history."))

    def _record_and_show(
        self, organization_ids: list[str], fields: dict[str, Any], *, allow_duplicate: bool = False
    ) -> Training:
        """Record the training, and show the board as it is now while the form is still on top.

        The board behind the form is then painted once, with the trained cards, when the form
        closes: shown after the form closed, it was painted whole as it was, then its two
        changed columns again in a second frame.
        """
        training = self.repo.record_training(fields, allow_duplicate=allow_duplicate)
        self.board.marked.clear()
        self.board.reload_board(keep=organization_ids[0] if organization_ids else None)
        if organization_ids:
            self.board.select(organization_ids[0])
        return training

    def _training_said(self, count: int, training: Training | None) -> None:
        if training is None:
            return
        notice = ngettext(
            "Training recorded: {n} organization is now trained.",
            "Training recorded: {n} organizations are now trained.",
            count,
        )
        self.app.say(notice.format(n=count))
