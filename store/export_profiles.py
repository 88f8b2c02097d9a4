"""The export profiles and the store action each needs."""

from __future__ import annotations

from typing import Literal

from .i18n import N_, _
from .models import Role

Profile = Literal["full", "partner", "funder"]
PROFILES: tuple[Profile, ...] = ("full", "partner", "funder")

PROFILE_NAMES: dict[str, str] = {
    "full": N_("full snapshot"),
    "partner": N_("partner profile"),
    "funder": N_("funder profile"),
}


def profile_action(profile: str) -> str:
    """The action of ``store.permissions`` that writing an export of ``profile`` needs."""
    return f"export_{profile}"


def default_profile(role: Role) -> Profile:
    """Coordinators get the full snapshot (so backups keep working); everyone else the partner profile."""
    return "full" if role == "coordinator" else "partner"


def profile_name(profile: str) -> str:
    """``profile`` as people read it, in their language."""
    return _(PROFILE_NAMES.get(profile, profile))
