"""What must hold across the tables of a board file for the program to open it."""

from __future__ import annotations

from .document import BoardDocument
from .errors import StoreFileError
from .i18n import _


def check_references(doc: BoardDocument) -> None:
    """Raise ``StoreFileError`` unless every card names an existing organization, campaign and stage."""
    path = doc.path
    for placement in doc.placements.values():
        campaign = doc.campaigns.get(placement.campaign_id)
        if doc.organizations.get(placement.organization_id) is None or campaign is None:
            raise StoreFileError(
                str(path),
                _("{path}: card {id} refers to a missing organization or campaign; the file was not changed.").format(
                    path=path, id=placement.id
                ),
            )
        if campaign.stage(placement.stage) is None:
            raise StoreFileError(
                str(path),
                _("{path}: card {id} is in stage {stage!r}, which campaign {campaign} does not have.").format(
                    path=path, id=placement.id, stage=placement.stage, campaign=campaign.id
                ),
            )
