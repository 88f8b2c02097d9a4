"""Finding a campaign's stage by what a person types, and the label shown for a stage key."""

from __future__ import annotations

from .errors import NotFoundError
from .i18n import _, language
from .models import Campaign, Stage
from .suggest import closest
from .text import display_safe, fold


def resolve_stage(campaign: Campaign, wanted: str) -> Stage:
    """The stage of ``campaign`` whose key is ``wanted`` or one of whose labels, in any language, matches it.

    Labels match ignoring case and accents. Raises ``NotFoundError`` listing the campaign's stages, and naming
    the closest one when ``wanted`` looks like a typo of it.
    """
    found = campaign.stage(wanted)
    if found is None:
        folded = fold(wanted)
        found = next((stage for stage in campaign.stages if folded in map(fold, _all_labels(stage))), None)
    if found is None:
        message = _("Campaign {campaign} has no stage {stage!r}; its stages are: {stages}.").format(
            campaign=display_safe(campaign.name),
            stage=display_safe(wanted),
            stages=", ".join(f"{s.key} ({display_safe(shown_label(s))})" for s in campaign.stages),
        )
        guess = _closest_stage(campaign, wanted)
        if guess is not None:
            message += " " + _("Did you mean {stage}?").format(stage=guess.key)
        raise NotFoundError(message)
    return found


def _closest_stage(campaign: Campaign, wanted: str) -> Stage | None:
    names = {name: stage for stage in campaign.stages for name in (stage.key, *_all_labels(stage))}
    guess = closest(wanted, names)
    return names[guess] if guess is not None else None


def _all_labels(stage: Stage) -> list[str]:
    return [stage.label, *stage.labels.values()]


def shown_label(stage: Stage) -> str:
    """The stage's label in the user's language, else the label stored without a language."""
    return stage.label_in(language())


def stage_label(campaign: Campaign | None, key: str) -> str:
    """The label of stage ``key`` in ``campaign`` in the user's language (a retired stage's too, as the history
    names it); the key itself when there is no such stage."""
    stage = campaign.known_stage(key) if campaign is not None else None
    return shown_label(stage) if stage else key
