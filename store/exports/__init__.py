"""Export profiles: what a file leaving the board may hold, and who may write it.

``full`` is the board snapshot that restores a board (coordinators only); ``partner`` lists the
organizations, their stages and capacities without staff contacts, notes or visit findings;
``funder`` holds aggregate figures only, with small counts suppressed.

Each name's module is imported when the name is first used (``store.lazy``).
"""

from typing import TYPE_CHECKING

from ..lazy import exports_of, lazy_exports

if TYPE_CHECKING:
    from ..export_profiles import PROFILES, Profile, default_profile, profile_action, profile_name
    from .funder import funder_document, funder_rows
    from .partner import PARTNER_OMITTED_FIELDS, partner_document
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        exports_of(
            {
                "..export_profiles": ("PROFILES", "Profile", "default_profile", "profile_action", "profile_name"),
                ".funder": ("funder_document", "funder_rows"),
                ".partner": ("PARTNER_OMITTED_FIELDS", "partner_document"),
            }
        ),
    )

__all__ = [
    "PARTNER_OMITTED_FIELDS",
    "PROFILES",
    "Profile",
    "default_profile",
    "funder_document",
    "funder_rows",
    "partner_document",
    "profile_action",
    "profile_name",
]
