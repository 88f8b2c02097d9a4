"""The stage form: a new stage of a campaign (key, labels, position), or a stage's labels changed.

A stage has its label in English and, beside it, in Spanish, so each reader sees the
board in their language. The key is what cards and the history name it by: it never
changes, so the form asks for it only when the stage is new, and offers one made from
the English label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select

from store import Campaign, Stage, shown_label
from store.i18n import _
from store.text import display_safe, fold

from .base import FormScreen
from .parsing import Problems

FIRST = -1
"""The position choice "first", before every stage (the others are "after stage N")."""


def key_from(label: str) -> str:
    """A stage key made from a label: "Convenio firmado" → "convenio_firmado"."""
    words = re.sub(r"[^a-z0-9]+", "_", fold(label).lower()).strip("_")
    if words and not words[0].isalpha():
        words = f"stage_{words}"
    return words[:40].rstrip("_")


class StageForm(FormScreen[Campaign]):
    """Add a stage to ``campaign`` after stage ``after`` (an index), or rename ``stage``.

    ``save`` gets the keyword arguments of ``Repository.add_stage`` (key, label, labels,
    position) or of ``Repository.rename_stage`` (label, labels).
    """

    CSS_PATH = "form.tcss"

    def __init__(
        self,
        save: Callable[..., Campaign],
        campaign: Campaign,
        *,
        stage: Stage | None = None,
        after: int | None = None,
    ) -> None:
        super().__init__()
        self.save = save
        self.campaign = campaign
        self.stage = stage
        self.after = len(campaign.stages) - 1 if after is None else after

    def heading(self) -> Text:
        campaign = display_safe(self.campaign.name)
        if self.stage is None:
            return Text(_("New stage of {campaign}").format(campaign=campaign))
        return Text(_("Rename stage {stage}").format(stage=display_safe(shown_label(self.stage))))

    def compose_fields(self) -> ComposeResult:
        stage = self.stage
        yield self.field("label", _("Label (English)"), Input(stage.label if stage else "", compact=True, id="label"))
        spanish = stage.labels.get("es", "") if stage else ""
        yield self.field(
            "labels.es",
            _("Label (Spanish)"),
            Input(spanish, placeholder=_("optional; Spanish readers see the English"), compact=True, id="label-es"),
        )
        if stage is not None:
            return
        yield self.field(
            "key",
            _("Stage key"),
            Input(placeholder=_("made from the English label when empty"), compact=True, id="key"),
            hint=_("Cards and the history name the stage by it; it never changes."),
        )
        yield self.field(
            "position", _("Position"), Select(self._positions(), value=self.after, allow_blank=False, compact=True)
        )

    def _positions(self) -> list[tuple[Text, int]]:
        choices = [(Text(_("First")), FIRST)]
        for index, stage in enumerate(self.campaign.stages):
            label = display_safe(shown_label(stage))
            choices.append((Text(_("After {stage}").format(stage=label)), index))
        return choices

    def submit(self) -> Campaign | None:
        typed = self.values()
        problems = Problems()
        label = problems.required("label", typed["label"])
        spanish = typed["labels.es"].strip()
        if self.stage is not None:
            problems.check()
            if label == self.stage.label and spanish == self.stage.labels.get("es", ""):
                return None
            return self.save(label=label, labels={"es": spanish or None})
        key = typed["key"].strip() or key_from(label)
        if label and not key:
            problems.add("key", _("required: the English label has no letters to make one from"))
        problems.check()
        options: dict[str, Any] = {"labels": {"es": spanish} if spanish else {}}
        position = typed["position"]
        options["position"] = 0 if position in (FIRST, None) else int(position) + 1
        return self.save(key=key, label=label, **options)
