"""A campaign's stages, shaped by its coordinators: add, rename, reorder, remove; choose the special ones.

Each key is one repository call with the campaign version the list shows, so a change
made meanwhile in another session is refused (and the list then shows it) rather than
overwritten. Others see the list read-only, with the reason, and the keys greyed out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Campaign, ConflictError, Repository, Stage, StoreError, reaches_training, shown_label
from store.i18n import N_, _, format_number, ngettext
from store.text import display_safe

from ..confirm import ConfirmDialog
from ..dialog import DialogScreen
from ..display import file_problem
from ..forms.base import Gate, run_now
from ..forms.stage import StageForm
from ..widgets.card_names import cut_end
from .stage_target import StageTargetDialog

WRITES = {"add_stage", "rename_stage", "move_stage", "remove_stage", "training_stage", "active_stage"}
"""The editor's actions that change the campaign (greyed out for people who may not)."""


LABELS, ROLES, CARDS = 38, 21, 8
"""Cells of a row's labels, roles and card count: with the place, 72 of the dialog's 74."""


def stage_row(campaign: Campaign, index: int, count: int) -> Text:
    """One stage: its place, its labels in English / Spanish, what it is for, and its cards."""
    stage = campaign.stages[index]
    labels = display_safe(stage.label)
    if spanish := stage.labels.get("es"):
        labels += f" / {display_safe(spanish)}"
    roles = []
    if stage.key == campaign.training_stage:
        roles.append(_("training"))
    if stage.key == campaign.active_stage:
        roles.append(_("active partners"))
    row = Text(f"{index + 1:>2}  ", no_wrap=True, end="")
    row.append(cut_end(labels, LABELS).ljust(LABELS), style="bold")
    row.append(" " + cut_end(", ".join(roles), ROLES).ljust(ROLES), style="italic")
    row.append(format_number(count).rjust(CARDS))
    return row


def header_row() -> Text:
    row = Text("    " + cut_end(_("Stage (English / Spanish)"), LABELS).ljust(LABELS), style="dim", end="")
    row.append(" " + cut_end(_("Used for"), ROLES).ljust(ROLES) + cut_end(_("Cards"), CARDS).rjust(CARDS))
    return row


class StagesEditor(DialogScreen[Campaign | None]):
    """The stages of one campaign; dismisses with the campaign as last saved (None: nothing changed)."""

    CSS_PATH = "stages_editor.tcss"
    BINDINGS = [
        Binding("a", "add_stage", N_("Add"), id="stages.add"),
        Binding("r", "rename_stage", N_("Rename"), id="stages.rename"),
        Binding("left_square_bracket,shift+up", "move_stage(-1)", N_("Earlier"), id="stages.earlier", key_display="["),
        Binding("right_square_bracket,shift+down", "move_stage(1)", N_("Later"), id="stages.later", key_display="]"),
        Binding("x,delete", "remove_stage", N_("Remove"), id="stages.remove"),
        Binding("t", "training_stage", N_("Training"), id="stages.training"),
        Binding("p", "active_stage", N_("Partners"), id="stages.active"),
        Binding("escape", "close", N_("Close"), id="stages.close", show=False),
    ]
    PALETTE_BINDINGS = BINDINGS[:-1]
    """Listed in the command palette while the editor is open ("Stages: Add")."""

    def __init__(
        self, repo: Repository, campaign_id: str, *, changed: Callable[[], None] = lambda: None, gate: Gate = run_now
    ) -> None:
        super().__init__()
        self.repo = repo
        self.campaign = repo.campaign(campaign_id)
        self.counts = repo.stage_cards(campaign_id)
        self.changed = changed
        """Called after each change saved, so the board behind shows its new columns."""
        self.gate = gate
        self.saved: Campaign | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = _("Stages of {campaign}").format(campaign=display_safe(self.campaign.name))
            yield Static(Text(title), classes="dialog-title")
            yield Static(self._reason(), id="stages-reason")
            yield Static(header_row(), id="stages-header")
            yield OptionList(*self._options(), markup=False, compact=True, id="stages-list")
            yield Static(id="stages-notice")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(not self.repo.can("change_stages"), "-read-only")
        self.query_one(OptionList).focus()

    def _reason(self) -> Text:
        try:
            self.repo.require("change_stages")
        except StoreError as error:
            return Text(str(error))
        return Text(_("Cards count those on the board, off it and of archived organizations."))

    def _options(self) -> list[Option]:
        campaign = self.campaign
        rows = [stage_row(campaign, i, self.counts.get(s.key, 0)) for i, s in enumerate(campaign.stages)]
        return [Option(row, id=stage.key) for row, stage in zip(rows, campaign.stages, strict=True)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITES and not self.repo.can("change_stages"):
            return None
        return True

    # -- the list ---------------------------------------------------------------------------

    def highlighted(self) -> Stage | None:
        index = self.query_one(OptionList).highlighted
        return self.campaign.stages[index] if index is not None and index < len(self.campaign.stages) else None

    def _show(self, campaign: Campaign, *, select: str | None = None) -> None:
        options = self.query_one(OptionList)
        keep = select or (stage.key if (stage := self.highlighted()) else None)
        self.campaign = campaign
        self.counts = self.repo.stage_cards(campaign.id)
        options.set_options(self._options())
        keys = [stage.key for stage in campaign.stages]
        options.highlighted = keys.index(keep) if keep in keys else 0

    def say(self, message: str, *, error: bool = False) -> None:
        notice = self.query_one("#stages-notice", Static)
        notice.update(Text(message))
        notice.set_class(error, "-error")

    # -- writing -------------------------------------------------------------------------------

    def write(self, call: Callable[..., Campaign], done: str, *, select: str | None = None, **kwargs: Any) -> None:
        """Run one repository change with the version shown; say ``done`` after, or why not."""

        def run() -> None:
            try:
                campaign = call(self.campaign.id, expected_version=self.campaign.version, **kwargs)
            except ConflictError as error:
                self._refresh()
                self.say(str(error) + " " + _("The list now shows the current stages."), error=True)
            except StoreError as error:
                self.say(str(error), error=True)
            except OSError as error:
                self.say(file_problem(error), error=True)
            else:
                self._saved(campaign, done, select)

        self.gate(run)

    def _saved(self, campaign: Campaign, done: str, select: str | None) -> None:
        self.saved = campaign
        self._show(campaign, select=select)
        self.say(done)
        self.changed()

    def _refresh(self) -> None:
        self.repo.refresh()
        self._show(self.repo.campaign(self.campaign.id))

    def form_save(self, call: Callable[..., Campaign], **fixed: Any) -> Callable[..., Campaign]:
        """What a stage form saves with: the change at the version shown, the list following it."""

        def save(**typed: Any) -> Campaign:
            try:
                campaign = call(self.campaign.id, expected_version=self.campaign.version, **fixed, **typed)
            except ConflictError:
                # The form keeps what was typed: saving again applies it over the stages now shown.
                self._refresh()
                raise
            self.saved = campaign
            return campaign

        return save

    # -- keys ----------------------------------------------------------------------------------

    def action_add_stage(self) -> None:
        stage = self.highlighted()
        after = self.campaign.stages.index(stage) if stage is not None else None
        form = StageForm(self.form_save(self.repo.add_stage), self.campaign, after=after)
        form.gate = self.gate
        self.app.push_screen(form, partial(self._formed, _("Stage {stage} added.")))

    def action_rename_stage(self) -> None:
        stage = self.highlighted()
        if stage is None:
            return
        form = StageForm(self.form_save(self.repo.rename_stage, key=stage.key), self.campaign, stage=stage)
        form.gate = self.gate
        self.app.push_screen(form, partial(self._formed, _("Stage {stage} renamed.")))

    def _formed(self, done: str, campaign: Campaign | None) -> None:
        if campaign is None:
            return
        before = {stage.key for stage in self.campaign.stages}
        added = [stage.key for stage in campaign.stages if stage.key not in before]
        self._show(campaign, select=added[0] if added else None)
        if (stage := self.highlighted()) is not None:
            self.say(done.format(stage=display_safe(shown_label(stage))))
        self.changed()

    def action_move_stage(self, step: int) -> None:
        stage = self.highlighted()
        if stage is None:
            return
        position = self.campaign.stages.index(stage) + step
        label = display_safe(shown_label(stage))
        if not 0 <= position < len(self.campaign.stages):
            edge = _("{stage} is already the first stage.") if step < 0 else _("{stage} is already the last stage.")
            self.say(edge.format(stage=label))
            return
        done = _("Stage {stage} moved.").format(stage=label)
        self.write(self.repo.move_stage, done, select=stage.key, key=stage.key, position=position)

    def action_training_stage(self) -> None:
        self._special(self.repo.set_training_stage, _("{stage} is now the training stage."))

    def action_active_stage(self) -> None:
        self._special(self.repo.set_active_stage, _("{stage} now counts as active partners."))

    def _special(self, call: Callable[..., Campaign], done: str) -> None:
        stage = self.highlighted()
        if stage is not None:
            self.write(call, done.format(stage=display_safe(shown_label(stage))), key=stage.key)

    def action_remove_stage(self) -> None:
        stage = self.highlighted()
        if stage is None:
            return
        campaign = self.campaign
        if stage.key in (campaign.training_stage, campaign.active_stage) or len(campaign.stages) == 1:
            # The store says why such a stage stays, and nothing is written.
            self.write(self.repo.remove_stage, "", key=stage.key)
            return
        count = self.counts.get(stage.key, 0)
        if count == 0:
            self._confirm_removal(stage, None)
            return
        targets = [s for s in self.campaign.stages if s.key != stage.key and not self._needs_training(stage, s)]
        label = display_safe(shown_label(stage))
        message = ngettext(
            "{stage} holds {n} card (on the board, off it or archived).",
            "{stage} holds {n} cards (on the board, off it or archived).",
            count,
        ).format(stage=label, n=format_number(count))
        if not targets:
            self.say(message + " " + _("No stage can take them without a training; move them first."), error=True)
            return
        dialog = StageTargetDialog(_("Remove stage {stage}").format(stage=label), message, targets)
        self.app.push_screen(dialog, partial(self._target_chosen, stage, message))

    def _needs_training(self, removed: Stage, target: Stage) -> bool:
        return reaches_training(self.campaign, removed.key, target.key)

    def _target_chosen(self, stage: Stage, message: str, target: str | None) -> None:
        if target is None:
            self.say(message + " " + _("Nothing was removed."), error=True)
            return
        self._confirm_removal(stage, target)

    def _confirm_removal(self, stage: Stage, target: str | None) -> None:
        label = display_safe(shown_label(stage))
        if target is None:
            question = _("Remove stage {stage}? It holds no cards.").format(stage=label)
        else:
            count = self.counts.get(stage.key, 0)
            question = ngettext(
                "Remove stage {stage} and move its {n} card to {target}?",
                "Remove stage {stage} and move its {n} cards to {target}?",
                count,
            ).format(stage=label, n=format_number(count), target=display_safe(shown_label(self._stage(target))))
        dialog = ConfirmDialog(
            _("Remove stage {stage}").format(stage=label),
            question,
            _("The history keeps naming it; undo (u on the board) brings it back."),
            _("Remove"),
        )
        self.app.push_screen(dialog, partial(self._removal_answered, stage, target))

    def _stage(self, key: str) -> Stage:
        return next(stage for stage in self.campaign.stages if stage.key == key)

    def _removal_answered(self, stage: Stage, target: str | None, yes: bool | None) -> None:
        if not yes:
            self.say(_("Nothing was removed."))
            return
        done = _("Stage {stage} removed.").format(stage=display_safe(shown_label(stage)))
        self.write(self.repo.remove_stage, done, key=stage.key, move_cards_to=target)

    def action_close(self) -> None:
        self.dismiss(self.saved)
