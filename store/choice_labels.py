"""The words shown for each choice of an organization (its type, capacities, yes/no), one table for every reader.

The board's forms and details, the spreadsheet export and the import all use these, so a file
exported in either language reads back as it was written. Marked ``N_``: translated where shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from .i18n import N_, _

ORGANIZATION_TYPE_LABELS: Mapping[str, str] = {
    "human_rights_center": N_("Human-rights center"),
    "migrant_services": N_("Migrant shelter / services"),
    "legal_clinic": N_("Legal clinic"),
    "community_network": N_("Community network"),
    "faith_based": N_("Faith-based"),
    "union": N_("Union / workers' center"),
    "womens_group": N_("Women's group"),
    "environmental": N_("Environmental"),
    "other": N_("Other"),
}
LEGAL_CAPACITY_LABELS: Mapping[str, str] = {
    "in_house": N_("In-house legal department"),
    "cooperating_attorneys": N_("Cooperating attorneys"),
    "none": N_("No legal capacity"),
    "unknown": N_("Unknown"),
}
OUTREACH_CAPACITY_LABELS: Mapping[str, str] = {
    "none": N_("None"),
    "local": N_("Local"),
    "regional": N_("Regional"),
    "national": N_("National"),
    "unknown": N_("Unknown"),
}
TRISTATE_LABELS: Mapping[str, str] = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Unknown")}


def shown(labels: Mapping[str, str], value: str) -> str:
    """The label of ``value`` in the reader's language; the value itself when it has none."""
    label = labels.get(value)
    return _(label) if label is not None else value
