"""The stages a new campaign can start with: the default three, the scouting five, or another campaign's.

Labels are stored in English with their Spanish beside them, so every reader sees the
stages in their own language (``Stage.labels``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import NotFoundError
from .i18n import N_, _
from .models import DEFAULT_STAGES, Campaign, Stage
from .text import display_safe


@dataclass(frozen=True)
class StageTemplate:
    """A named set of stages, with the one a training moves cards into and the one of active partners."""

    name: str
    description: str
    """What the template is for (marked ``N_``; translate where shown)."""
    stages: tuple[Stage, ...]
    training_stage: str
    active_stage: str


SCOUTING_STAGES = (
    Stage(key="contacted", label="Contacted", labels={"es": "Contactada"}),
    Stage(key="identified", label="Identified", labels={"es": "Identificada"}),
    Stage(key="visited", label="Visited", labels={"es": "Visitada"}),
    Stage(key="trained", label="Trained", labels={"es": "Capacitada"}),
    Stage(key="active", label="Active partner", labels={"es": "Aliada activa"}),
)
"""The scouting of the field: contact, identify the fit, follow-up visits, training, formal affiliation."""

TEMPLATES: dict[str, StageTemplate] = {
    "default": StageTemplate(
        "default", N_("Contacted → Trained → Active partner"), DEFAULT_STAGES, "trained", "active"
    ),
    "scouting": StageTemplate(
        "scouting",
        N_("Contacted → Identified → Visited → Trained → Active partner"),
        SCOUTING_STAGES,
        "trained",
        "active",
    ),
}
"""Templates by the name ``campaign add --template`` takes."""


def template(name: str) -> StageTemplate:
    """The template called ``name``; ``NotFoundError`` naming the ones there are."""
    found = TEMPLATES.get(name.strip().casefold())
    if found is None:
        raise NotFoundError(
            _("There is no stage template {name!r}; the templates are: {names}.").format(
                name=display_safe(name), names=", ".join(TEMPLATES)
            )
        )
    return found


def copied_from(campaign: Campaign) -> StageTemplate:
    """The stages of ``campaign`` (and its training and active-partner stages) as a template for a new one."""
    return StageTemplate(campaign.name, "", tuple(campaign.stages), campaign.training_stage, campaign.active_stage)
