"""Export profiles: what a file leaving the board may hold, and who may write it.

``full`` is the board snapshot that restores a board (coordinators only); ``partner`` lists the
organizations, their stages and capacities without staff contacts, notes or visit findings;
``funder`` holds aggregate figures only, with small counts suppressed.
"""

from ..export_profiles import PROFILES, Profile, default_profile, profile_action, profile_name
from .funder import funder_document, funder_rows
from .partner import PARTNER_OMITTED_FIELDS, partner_document

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
