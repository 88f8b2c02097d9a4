"""Recording an export in the history: which profile, by whom, how many organizations it covers."""

from __future__ import annotations

from ..export_profiles import PROFILES, profile_action
from ..i18n import _
from ..models import Event
from ..queries import campaign as find_campaign
from ..transaction import Transaction


def record_export(
    tx: Transaction, campaign_id: str, profile: str, records: int, destination: str, encrypted: str | None = None
) -> Event:
    """Refuse an export of ``profile`` the actor may not write; otherwise record it in the history.

    ``destination`` is the file's name (``-`` for standard output); ``records`` the organizations the
    export covers; ``encrypted`` how it was encrypted (``keys``, ``passphrase``), None when it was not.
    """
    if profile not in PROFILES:
        raise ValueError(_("unknown export profile {profile!r}").format(profile=profile))
    tx.require(profile_action(profile))
    campaign = find_campaign(tx.doc, campaign_id)
    # The entity is the file and no id: no later change to a record can block undo past an export.
    return tx.event(
        "exported",
        "file",
        "",
        campaign_id=campaign.id,
        reason=destination,
        changes={"profile": [None, profile], "records": [0, records]}
        | ({"encrypted": [None, encrypted]} if encrypted else {}),
    )
