"""One module per command group; each ``register``s its commands right beside their handlers."""

from __future__ import annotations

from . import (
    campaigns,
    files,
    history,
    keys,
    organizations,
    reports,
    settings,
    sheets,
    snapshots,
    trainings,
    users,
    visits,
    web,
)

# In the order ``outreach-tui --help`` lists them.
COMMAND_GROUPS = (
    files,
    snapshots,
    campaigns,
    organizations,
    visits,
    sheets,
    trainings,
    reports,
    history,
    users,
    keys,
    settings,
    web,
)
