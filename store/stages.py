"""Finding a campaign's stage by what a person types, and the label shown for a stage key."""

from __future__ import annotations

from .errors import NotFoundError
from .i18n import _
from .models import Campaign, Stage
from .text import display_safe, fold


def resolve_stage(campaign: Campaign, wanted: str) -> Stage:
    """The stage of ``campaign`` whose key is ``wanted`` or whose label matches it ignoring case and accents.

    Raises ``NotFoundError`` listing the campaign's stages.
    """
    found = campaign.stage(wanted)
    if found is None:
        folded = fold(wanted)
        found = next((stage for stage in campaign.stages if fold(stage.label) == folded), None)
    if found is None:
        raise NotFoundError(
            _("Campaign {campaign} has no stage {stage!r}; its stages are: {stages}.").format(
                campaign=display_safe(campaign.name),
                stage=display_safe(wanted),
                stages=", ".join(f"{s.key} ({display_safe(s.label)})" for s in campaign.stages),
            )
        )
    return found


def stage_label(campaign: Campaign | None, key: str) -> str:
    """The label of stage ``key`` in ``campaign``; the key itself when the campaign has no such stage."""
    stage = campaign.stage(key) if campaign is not None else None
    return stage.label if stage else key
